import TrajetCore

package enum EmissionsTable {
    package static func render(_ result: EmissionsQuery.Result, localizer l: Localizer) -> String {
        let f = result.footprint
        let n = l.numbers
        var lines: [String] = []
        lines.append(
            l.t("Émissions : ", "Emissions: ") + "\(label(result.from)) → \(label(result.to))")
        var modeLine = l.t("Mode : ", "Mode: ") + l.mode(f.mode)
        if let cabin = result.cabinClass { modeLine += ", " + l.cabin(cabin) }
        lines.append(modeLine)
        lines.append(l.t("Distance : ", "Distance: ") + n.km(f.distanceKm) + " · " + l.distanceBasis(f.distanceBasis))
        let g = result.group
        var groupLine =
            l.t("Groupe : ", "Group: ") + "\(g.participants) " + l.t("participant(s)", "participant(s)") + " + \(g.leaders) "
            + l.t("accompagnateur(s)", "leader(s)") + " = \(g.people) " + l.t("personne(s)", "people")
        if let vehicles = f.vehicles, let seats = f.seatsPerVehicle {
            groupLine += " · \(vehicles) " + l.t("véhicule(s) de \(seats) places", "vehicle(s) of \(seats) seats")
        }
        lines.append(groupLine)
        lines.append("")
        var table = TextTable(
            header: [l.t("kg CO2e", "kg CO2e"), l.t("par personne", "per person"), l.t("groupe", "group")],
            rightAligned: [1, 2])
        table.add([l.t("Combustion (TTW)", "Tank-to-wheel (TTW)"), n.kg(f.perPerson.ttwKg), n.kg(f.group.ttwKg)])
        if f.mode == .flight {
            table.add([l.t("Effets hors CO2", "Non-CO2 effects"), n.kg(f.perPerson.nonCO2Kg), n.kg(f.group.nonCO2Kg)])
        }
        table.add([l.t("Amont carburant (WTT)", "Well-to-tank (WTT)"), n.kg(f.perPerson.wttKg), n.kg(f.group.wttKg)])
        if f.perPerson.hubKg > 0 {
            table.add([l.t("Aéroports (ISO 14083)", "Airports (ISO 14083)"), n.kg(f.perPerson.hubKg), n.kg(f.group.hubKg)])
        }
        table.add([
            l.t("Total avec effets hors CO2", "Total with non-CO2 effects"), n.kg(f.perPerson.totalKg),
            n.kg(f.group.totalKg),
        ])
        table.add([
            l.t("Total CO2 seul (sans hors CO2)", "Total without non-CO2 effects"),
            n.kg(f.perPerson.totalWithoutNonCO2Kg), n.kg(f.group.totalWithoutNonCO2Kg),
        ])
        lines.append(table.render())
        lines.append("")
        let set = result.factorSet
        let factor = f.factorUse.factor
        lines.append(
            l.t("Facteurs : ", "Factors: ") + "\(set.id) — \(set.name) (\(set.version))")
        lines.append(
            "  " + (factor.reference.isEmpty ? factor.mode.rawValue : factor.reference) + " — "
                + l.t("ligne", "line") + " \(f.factorUse.line) " + l.t("de", "of") + " \(f.factorUse.file)")
        lines.append("  " + l.t("Source : ", "Source: ") + factor.source)
        if !f.notes.isEmpty {
            lines.append(l.t("Remarques :", "Notes:"))
            for note in f.notes { lines.append("  • " + l.note(note)) }
        }
        return lines.joined(separator: "\n")
    }

    package static func label(_ place: Place) -> String {
        if let iata = place.iataCode { return "\(place.name) (\(iata))" }
        return SearchText.fold(place.name) == SearchText.fold(place.city) ? place.name : "\(place.name), \(place.city)"
    }
}
