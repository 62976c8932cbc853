import Foundation
import TrajetCore

/// Reads `factors/<id>/set.csv` (metadata and rules) and `factors/<id>/factors.csv` (rows) for every set.
enum FactorSetLoader {
    static let metadataColumns = ["key", "value", "source"]
    static let factorColumns = [
        "mode", "variant", "region", "min_distance_km", "max_distance_km", "unit", "ttw_kg",
        "ttw_without_non_co2_kg", "wtt_kg", "seats", "allocation", "proxy", "estimate", "factor_ref", "notes", "source",
    ]
    static let requiredKeys = [
        "id", "name", "publisher", "year", "version", "licence", "flight_distance_basis",
        "flight_distance_multiplier", "non_co2_method", "non_co2_multiplier", "wtt_published",
        "wtt_included_in_ttw", "includes_vehicle_construction", "default_cabin_class",
    ]

    static func loadAll(directory: URL, issues: inout [DatasetIssue]) -> [FactorSetID: FactorSet] {
        let root = directory.appendingPathComponent("factors")
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: root.path) else {
            issues.append(DatasetIssue(file: "factors", message: "directory is missing; expected one folder per factor set"))
            return [:]
        }
        var sets: [FactorSetID: FactorSet] = [:]
        for name in entries.sorted() where !name.hasPrefix(".") {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: root.appendingPathComponent(name).path, isDirectory: &isDirectory),
                isDirectory.boolValue
            else { continue }
            if let set = loadSet(folder: name, directory: directory, issues: &issues) { sets[set.id] = set }
        }
        if sets.isEmpty, issues.isEmpty {
            issues.append(DatasetIssue(file: "factors", message: "no factor set found; expected factors/<id>/set.csv"))
        }
        return sets
    }

    static func loadSet(folder: String, directory: URL, issues: inout [DatasetIssue]) -> FactorSet? {
        let before = issues.count
        let metaFile = "factors/\(folder)/set.csv"
        let rowsFile = "factors/\(folder)/factors.csv"
        guard let metaText = readDatasetFile(metaFile, in: directory, issues: &issues),
            let rowsText = readDatasetFile(rowsFile, in: directory, issues: &issues)
        else { return nil }
        let meta: CSVTable
        let rows: CSVTable
        do {
            meta = try CSVTable(text: metaText, file: metaFile, requiredColumns: metadataColumns)
            rows = try CSVTable(text: rowsText, file: rowsFile, requiredColumns: factorColumns)
        } catch {
            issues.append(error)
            return nil
        }

        var values: [String: (value: String, row: CSVRow)] = [:]
        var sources: [String: String] = [:]
        eachRow(meta, issues: &issues) { (row) throws(DatasetIssue) in
            let key = try row.required("key", expected: "a metadata key")
            guard values[key] == nil else { throw row.issue("key", "duplicate key '\(key)'") }
            values[key] = (row.text("value"), row)
            sources[key] = try row.source()
        }
        for key in requiredKeys where values[key]?.value.isEmpty ?? true {
            issues.append(DatasetIssue(file: metaFile, column: "key", message: "missing key '\(key)'"))
        }
        guard issues.count == before else { return nil }
        func value(_ key: String) -> (String, CSVRow) { (values[key]!.value, values[key]!.row) }

        var rules = FactorSetRules()
        var year = 0
        do throws(DatasetIssue) {
            let (id, idRow) = value("id")
            guard id == folder else {
                throw idRow.issue("value", "id '\(id)' differs from the folder name '\(folder)'")
            }
            let (yearText, yearRow) = value("year")
            guard let parsedYear = Int(yearText), (1990...2100).contains(parsedYear) else {
                throw yearRow.issue("value", "'\(yearText)' is not a year")
            }
            year = parsedYear
            let (basis, basisRow) = value("flight_distance_basis")
            guard basis == "great_circle" else {
                throw basisRow.issue("value", "'\(basis)' is not supported; expected great_circle")
            }
            rules.flightDistanceBasis = basis
            let (multiplier, multiplierRow) = value("flight_distance_multiplier")
            guard let m = Double(multiplier), (1...1.5).contains(m) else {
                throw multiplierRow.issue("value", "'\(multiplier)' is not a multiplier between 1 and 1.5")
            }
            rules.flightDistanceMultiplier = m
            let (method, methodRow) = value("non_co2_method")
            guard let nonCO2 = NonCO2Method(rawValue: method) else {
                throw methodRow.issue("value", "unknown method '\(method)'; expected published_rf_rows or contrails_term")
            }
            rules.nonCO2Method = nonCO2
            let (nonCO2Multiplier, nonCO2Row) = value("non_co2_multiplier")
            guard let n = Double(nonCO2Multiplier), (1...5).contains(n) else {
                throw nonCO2Row.issue("value", "'\(nonCO2Multiplier)' is not a multiplier between 1 and 5")
            }
            rules.nonCO2Multiplier = n
            rules.wttPublished = try yesNo(value("wtt_published"))
            rules.wttIncludedInTTW = try yesNo(value("wtt_included_in_ttw"))
            rules.includesVehicleConstruction = try yesNo(value("includes_vehicle_construction"))
            let (cabin, cabinRow) = value("default_cabin_class")
            guard let cabinClass = CabinClass(rawValue: cabin) else {
                throw cabinRow.issue("value", "unknown cabin class '\(cabin)'")
            }
            rules.defaultCabinClass = cabinClass
        } catch {
            issues.append(error)
            return nil
        }

        var factors: [EmissionFactor] = []
        eachRow(rows, issues: &issues) { (row) throws(DatasetIssue) in
            factors.append(try parseFactor(row, rules: rules))
        }
        issues += overlaps(factors, file: rowsFile)
        guard issues.count == before else { return nil }
        return FactorSet(
            id: FactorSetID(rawValue: folder), name: value("name").0, publisher: value("publisher").0, year: year,
            version: value("version").0, licence: value("licence").0, rules: rules, notes: values["notes"]?.value ?? "",
            factors: factors, metadataSources: sources, factorsFile: rowsFile)
    }

    static func yesNo(_ entry: (String, CSVRow)) throws(DatasetIssue) -> Bool {
        switch entry.0 {
        case "yes": return true
        case "no": return false
        default: throw entry.1.issue("value", "'\(entry.0)' is not yes or no")
        }
    }

    static func parseFactor(_ row: CSVRow, rules: FactorSetRules) throws(DatasetIssue) -> EmissionFactor {
        let modeText = try row.required("mode", expected: "a transport mode")
        guard let mode = TransportMode(rawValue: modeText) else {
            throw row.issue(
                "mode",
                "unknown mode '\(modeText)'; expected one of \(TransportMode.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        let variantText = try row.required("variant", expected: "default, any or a cabin class")
        guard let variant = FactorVariant(variantText) else {
            throw row.issue(
                "variant", "unknown variant '\(variantText)'; expected default, any, or one of "
                    + CabinClass.allCases.map(\.rawValue).joined(separator: ", "))
        }
        if mode == .flight, variant == .standard {
            throw row.issue("variant", "a flight row needs a cabin class or 'any', not 'default'")
        }
        if mode != .flight, case .cabin = variant {
            throw row.issue("variant", "cabin classes apply to flights only; use 'default'")
        }
        let regionText = try row.required("region", expected: "any, within:XX, touches:XX or not_touches:XX")
        guard let region = FactorRegion(regionText) else {
            throw row.issue(
                "region", "'\(regionText)' is not a region; expected any, within:XX, touches:XX or not_touches:XX")
        }
        let minKm = try row.double("min_distance_km", in: 0...LegInput.maximumDistanceKm, expected: "a distance in km ≥ 0")
        let maxKm = try row.double("max_distance_km", in: 0...LegInput.maximumDistanceKm, expected: "a distance in km ≥ 0")
        if let minKm, let maxKm, !(minKm < maxKm) {
            throw row.issue("max_distance_km", "must be greater than min_distance_km")
        }
        let unitText = try row.required("unit", expected: "passenger_km or vehicle_km")
        guard let unit = FactorUnit(rawValue: unitText) else {
            throw row.issue("unit", "unknown unit '\(unitText)'; expected passenger_km or vehicle_km")
        }
        let ttw = try row.requiredDouble("ttw_kg", in: 0...10, expected: "kg CO2e per unit, 0 to 10")
        let ttwWithout = try row.requiredDouble(
            "ttw_without_non_co2_kg", in: 0...10, expected: "kg CO2e per unit, 0 to 10")
        guard ttwWithout <= ttw else {
            throw row.issue("ttw_without_non_co2_kg", "larger than ttw_kg; the non-CO2 part cannot be negative")
        }
        let wtt = try row.double("wtt_kg", in: 0...10, expected: "kg CO2e per unit, 0 to 10, or empty")
        if rules.wttPublished, wtt == nil {
            throw row.issue("wtt_kg", "empty, but set.csv says wtt_published = yes")
        }
        let seats = try row.int("seats", in: 1...100, expected: "passenger seats per vehicle, 1 to 100")
        let allocationText = try row.required("allocation", expected: "per_person, per_vehicle or per_seat")
        guard let allocation = Allocation(rawValue: allocationText) else {
            throw row.issue("allocation", "unknown allocation '\(allocationText)'; expected per_person, per_vehicle or per_seat")
        }
        switch (unit, allocation) {
        case (.passengerKm, .perPerson): break
        case (.vehicleKm, .perVehicle), (.vehicleKm, .perSeat):
            guard seats != nil else { throw row.issue("seats", "empty; a vehicle_km row needs its seats per vehicle") }
        default:
            throw row.issue(
                "allocation", "'\(allocationText)' does not fit unit '\(unitText)': passenger_km rows are per_person, "
                    + "vehicle_km rows per_vehicle or per_seat")
        }
        return EmissionFactor(
            mode: mode, variant: variant, region: region, minDistanceKm: minKm, maxDistanceKm: maxKm, unit: unit,
            ttwKgPerUnit: ttw, ttwWithoutNonCO2KgPerUnit: ttwWithout, wttKgPerUnit: wtt, seats: seats,
            allocation: allocation, isProxy: try row.bool("proxy"), isEstimate: try row.bool("estimate"),
            reference: row.text("factor_ref"), notes: row.text("notes"), source: try row.source(), line: row.line)
    }

    /// Two rows with the same mode, variant and region whose distance bands overlap make the choice ambiguous.
    static func overlaps(_ factors: [EmissionFactor], file: String) -> [DatasetIssue] {
        var issues: [DatasetIssue] = []
        for (i, a) in factors.enumerated() {
            for b in factors[(i + 1)...] where a.mode == b.mode && a.variant == b.variant && a.region == b.region {
                let aMin = a.minDistanceKm ?? -1
                let aMax = a.maxDistanceKm ?? .infinity
                let bMin = b.minDistanceKm ?? -1
                let bMax = b.maxDistanceKm ?? .infinity
                if aMin < bMax && bMin < aMax {
                    issues.append(
                        DatasetIssue(
                            file: file, line: b.line,
                            message: "overlaps line \(a.line): same mode, variant and region with overlapping distance bands"))
                }
            }
        }
        return issues
    }

    static func loadHubs(directory: URL, issues: inout [DatasetIssue]) -> HubFactors? {
        let file = "factors/hubs.csv"
        guard let text = readDatasetFile(file, in: directory, issues: &issues) else { return nil }
        let table: CSVTable
        do {
            table = try CSVTable(
                text: text, file: file, requiredColumns: ["kind", "co2e_kg_per_passenger", "estimate", "notes", "source"])
        } catch {
            issues.append(error)
            return nil
        }
        var hubs: HubFactors?
        eachRow(table, issues: &issues) { (row) throws(DatasetIssue) in
            let kind = try row.required("kind", expected: "airport")
            guard kind == "airport" else { throw row.issue("kind", "unknown hub kind '\(kind)'; expected airport") }
            let value = try row.requiredDouble("co2e_kg_per_passenger", in: 0...100, expected: "kg CO2e per passenger")
            hubs = HubFactors(airportKgPerPassenger: value, source: try row.source())
        }
        return hubs
    }
}
