import Foundation
import TrajetCore

/// Reads `funding/`: the Erasmus+ travel bands and the youth-exchange country list.
enum TravelSupportLoader {
    static let bandsFile = "funding/erasmus-plus-travel-bands.csv"
    static let countriesFile = "funding/erasmus-plus-youth-exchange-countries.csv"

    static func load(directory: URL, issues: inout [DatasetIssue]) -> TravelSupportRules? {
        let bands = loadBands(directory: directory, issues: &issues)
        let countries = loadCountries(directory: directory, issues: &issues)
        guard let bands, let countries else { return nil }
        return TravelSupportRules(bands: bands, eligibility: countries)
    }

    static func loadBands(directory: URL, issues: inout [DatasetIssue]) -> [TravelSupportBand]? {
        guard let text = readDatasetFile(bandsFile, in: directory, issues: &issues) else { return nil }
        let table: CSVTable
        do {
            table = try CSVTable(
                text: text, file: bandsFile,
                requiredColumns: [
                    "first_call_year", "last_call_year", "min_km", "max_km", "standard_eur", "green_eur", "source", "flags",
                ])
        } catch {
            issues.append(error)
            return nil
        }
        var bands: [TravelSupportBand] = []
        let before = issues.count
        eachRow(table, issues: &issues) { (row) throws(DatasetIssue) in
            guard let first = try row.int("first_call_year", in: 2000...2100, expected: "a call year such as 2024") else {
                throw row.issue("first_call_year", "missing; expected a call year such as 2024")
            }
            let last = try row.int("last_call_year", in: first...2100, expected: "a call year on or after first_call_year, or empty")
            guard let minKm = try row.int("min_km", in: 0...40_000, expected: "whole km") else {
                throw row.issue("min_km", "missing; expected whole km")
            }
            let maxKm = try row.int("max_km", in: minKm...40_000, expected: "whole km at least min_km, or empty for the last band")
            guard let standard = try row.int("standard_eur", in: 0...100_000, expected: "euro per participant") else {
                throw row.issue("standard_eur", "missing; expected euro per participant")
            }
            let green = try row.int("green_eur", in: 0...100_000, expected: "euro per participant, or empty")
            bands.append(
                TravelSupportBand(
                    firstCallYear: first, lastCallYear: last, minKm: minKm, maxKm: maxKm, standardEur: standard,
                    greenEur: green, source: try row.source(), flags: row.text("flags"), line: row.line))
        }
        guard issues.count == before else { return nil }
        // Bands of one call must not overlap, or a distance would have two amounts.
        for (index, band) in bands.enumerated() {
            for other in bands[..<index] where other.firstCallYear == band.firstCallYear {
                let bandEnd = band.maxKm ?? Int.max
                let otherEnd = other.maxKm ?? Int.max
                if band.minKm <= otherEnd && other.minKm <= bandEnd {
                    issues.append(
                        DatasetIssue(
                            file: bandsFile, line: band.line, column: "min_km",
                            message: "band \(band.label) overlaps line \(other.line) (\(other.label)) for call \(band.firstCallYear)"))
                }
            }
        }
        return issues.count == before ? bands : nil
    }

    static func loadCountries(directory: URL, issues: inout [DatasetIssue]) -> [YouthExchangeEligibility]? {
        guard let text = readDatasetFile(countriesFile, in: directory, issues: &issues) else { return nil }
        let table: CSVTable
        do {
            table = try CSVTable(
                text: text, file: countriesFile, requiredColumns: ["country_code", "eligible", "region", "source", "flags"])
        } catch {
            issues.append(error)
            return nil
        }
        var countries: [YouthExchangeEligibility] = []
        let before = issues.count
        eachRow(table, issues: &issues) { (row) throws(DatasetIssue) in
            let code = try row.required("country_code", expected: "an ISO 3166-1 alpha-2 code such as MA")
            guard code.count == 2, code == code.uppercased() else {
                throw row.issue("country_code", "'\(code)' is not an ISO 3166-1 alpha-2 code such as MA")
            }
            countries.append(
                YouthExchangeEligibility(
                    countryCode: code, eligible: try row.bool("eligible"), region: row.text("region"),
                    source: try row.source(), flags: row.text("flags")))
        }
        return issues.count == before ? countries : nil
    }
}
