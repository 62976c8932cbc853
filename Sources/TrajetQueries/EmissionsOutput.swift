import TrajetCore

package enum EmissionsTable {
    package static func render(_ result: EmissionsQuery.Result, localizer l: Localizer) -> String {
        let f = result.footprint
        let n = l.numbers
        var lines: [String] = []
        lines.append(
            l.w("text.emissions") + "\(label(result.from)) → \(label(result.to))")
        var modeLine = l.w("text.mode") + l.mode(f.mode)
        if let cabin = result.cabinClass { modeLine += ", " + l.cabin(cabin) }
        lines.append(modeLine)
        lines.append(l.w("text.distance") + n.km(f.distanceKm) + " · " + l.distanceBasis(f.distanceBasis))
        let g = result.group
        var groupLine =
            l.w("text.group") + "\(g.participants) " + l.w("text.participant-s") + " + \(g.leaders) "
            + l.w("text.leader-s") + " = \(g.people) " + l.w("text.people")
        if let vehicles = f.vehicles, let seats = f.seatsPerVehicle {
            groupLine += " · \(vehicles) " + l.w("text.vehicle-s-of-seats", "\(seats)")
        }
        lines.append(groupLine)
        lines.append("")
        var table = TextTable(
            header: [l.w("text.kg-co2e"), l.w("text.per-person"), l.w("text.group-2")],
            rightAligned: [1, 2])
        table.add([l.w("text.tank-to-wheel-ttw"), n.kg(f.perPerson.ttwKg), n.kg(f.group.ttwKg)])
        if f.mode == .flight {
            table.add([l.w("report.non-co2-effects"), n.kg(f.perPerson.nonCO2Kg), n.kg(f.group.nonCO2Kg)])
        }
        table.add([l.w("text.well-to-tank-wtt"), n.kg(f.perPerson.wttKg), n.kg(f.group.wttKg)])
        if f.perPerson.hubKg > 0 {
            table.add([l.w("text.airports-iso-14083"), n.kg(f.perPerson.hubKg), n.kg(f.group.hubKg)])
        }
        table.add([
            l.w("report.total-with-non-co2-effects"), n.kg(f.perPerson.totalKg),
            n.kg(f.group.totalKg),
        ])
        table.add([
            l.w("text.total-without-non-co2-effects"),
            n.kg(f.perPerson.totalWithoutNonCO2Kg), n.kg(f.group.totalWithoutNonCO2Kg),
        ])
        lines.append(table.render())
        lines.append("")
        let set = result.factorSet
        let factor = f.factorUse.factor
        lines.append(
            l.w("text.factors") + "\(set.id) — \(set.name) (\(set.version))")
        lines.append(
            "  " + (factor.reference.isEmpty ? factor.mode.rawValue : factor.reference) + " — "
                + l.w("cli.line") + " \(f.factorUse.line) " + l.w("text.of") + " \(f.factorUse.file)")
        lines.append("  " + l.w("text.source") + factor.source)
        if !f.notes.isEmpty {
            lines.append(l.w("text.notes"))
            for note in f.notes { lines.append("  • " + l.note(note)) }
        }
        return lines.joined(separator: "\n")
    }

    package static func label(_ place: Place) -> String {
        if let iata = place.iataCode { return "\(place.name) (\(iata))" }
        return SearchText.fold(place.name) == SearchText.fold(place.city) ? place.name : "\(place.name), \(place.city)"
    }
}
