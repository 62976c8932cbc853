import TrajetCore

/// JSON of `trajet emissions --format json`. Keys are part of Trajet's contract: add, never rename.
package struct EmissionsReport: Encodable {
    package struct PlaceRef: Encodable {
        package var id: String
        package var name: String
        package var city: String
        package var country: String
        package var kind: String
        package init(_ place: Place) {
            id = place.id.rawValue
            name = place.name
            city = place.city
            country = place.countryCode
            kind = place.kind.rawValue
        }
    }
    package struct Components: Encodable {
        package var ttwKg: Double
        package var nonCO2Kg: Double
        package var wttKg: Double
        package var hubKg: Double
        package var totalKg: Double
        package var totalWithoutNonCO2Kg: Double
        package init(_ c: EmissionComponents) {
            ttwKg = rounded(c.ttwKg)
            nonCO2Kg = rounded(c.nonCO2Kg)
            wttKg = rounded(c.wttKg)
            hubKg = rounded(c.hubKg)
            totalKg = rounded(c.totalKg)
            totalWithoutNonCO2Kg = rounded(c.totalWithoutNonCO2Kg)
        }
    }
    package struct ComponentsByScope: Encodable {
        package var perPerson: Components
        package var group: Components
    }
    package struct GroupRef: Encodable {
        package var participants: Int
        package var leaders: Int
        package var people: Int
    }
    package struct FactorSetRef: Encodable {
        package var id: String
        package var name: String
        package var publisher: String
        package var year: Int
        package var version: String
        package var nonCO2Method: String
    }
    package struct FactorRef: Encodable {
        package var file: String
        package var line: Int
        package var reference: String
        package var mode: String
        package var variant: String
        package var region: String
        package var distanceBand: String?
        package var unit: String
        package var allocation: String
        package var ttwKgPerUnit: Double
        package var ttwWithoutNonCO2KgPerUnit: Double
        package var wttKgPerUnit: Double?
        package var proxy: Bool
        package var estimate: Bool
        package var source: String
    }
    package struct Note: Encodable {
        package var code: String
        package var message: String
    }

    package var from: PlaceRef
    package var to: PlaceRef
    package var mode: String
    package var cabinClass: String?
    package var distanceKm: Double
    package var distanceBasis: String
    package var detourFactor: Double?
    package var group: GroupRef
    package var vehicles: Int?
    package var seatsPerVehicle: Int?
    package var co2eKgPerPerson: Double
    package var co2eKgPerPersonWithoutNonCO2: Double
    package var co2eKgGroup: Double
    package var co2eKgGroupWithoutNonCO2: Double
    package var components: ComponentsByScope
    package var factorSet: FactorSetRef
    package var factor: FactorRef
    package var notes: [Note]

    package init(_ result: EmissionsQuery.Result, localizer: Localizer) {
        let footprint = result.footprint
        let factor = footprint.factorUse.factor
        from = PlaceRef(result.from)
        to = PlaceRef(result.to)
        mode = footprint.mode.rawValue
        cabinClass = result.cabinClass?.rawValue
        distanceKm = rounded(footprint.distanceKm, 1)
        distanceBasis = footprint.distanceBasis.identifier
        if case .greatCircleDetour(let value) = footprint.distanceBasis { detourFactor = value }
        group = GroupRef(
            participants: result.group.participants, leaders: result.group.leaders, people: result.group.people)
        vehicles = footprint.vehicles
        seatsPerVehicle = footprint.seatsPerVehicle
        co2eKgPerPerson = rounded(footprint.perPerson.totalKg)
        co2eKgPerPersonWithoutNonCO2 = rounded(footprint.perPerson.totalWithoutNonCO2Kg)
        co2eKgGroup = rounded(footprint.group.totalKg)
        co2eKgGroupWithoutNonCO2 = rounded(footprint.group.totalWithoutNonCO2Kg)
        components = ComponentsByScope(perPerson: Components(footprint.perPerson), group: Components(footprint.group))
        let set = result.factorSet
        factorSet = FactorSetRef(
            id: set.id.rawValue, name: set.name, publisher: set.publisher, year: set.year, version: set.version,
            nonCO2Method: set.rules.nonCO2Method.rawValue)
        self.factor = FactorRef(
            file: footprint.factorUse.file, line: footprint.factorUse.line, reference: factor.reference,
            mode: factor.mode.rawValue, variant: factor.variant.description, region: factor.region.description,
            distanceBand: factor.bandLabel, unit: factor.unit.rawValue, allocation: factor.allocation.rawValue,
            ttwKgPerUnit: factor.ttwKgPerUnit, ttwWithoutNonCO2KgPerUnit: factor.ttwWithoutNonCO2KgPerUnit,
            wttKgPerUnit: factor.wttKgPerUnit, proxy: factor.isProxy, estimate: factor.isEstimate, source: factor.source)
        notes = footprint.notes.map { Note(code: $0.rawValue, message: localizer.note($0)) }
    }
}

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
