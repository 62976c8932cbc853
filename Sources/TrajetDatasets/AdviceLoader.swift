import Foundation
import TrajetCore

/// Reads `advice/travel-advice.csv` and `advice/entry-rules.csv` (Belgian travel advice and entry rules, with the
/// date each was checked).
enum AdviceLoader {
    static let adviceFile = "advice/travel-advice.csv"
    static let entryFile = "advice/entry-rules.csv"
    static let adviceColumns = [
        "id", "country", "area", "level", "places", "legs", "summary_fr", "summary_en", "advice_date", "checked_on",
        "source_url", "source", "status",
    ]
    static let entryColumns = [
        "country", "visa_fr", "visa_en", "minors_authorisation_fr", "minors_authorisation_en",
        "yellow_fever_certificate_fr", "yellow_fever_certificate_en", "checked_on", "source_url", "source", "status",
    ]

    /// A datasets directory without `advice/travel-advice.csv` (a test's) has no advice; the shipped datasets have
    /// it, which `ShippedDatasetsTests` checks.
    static func load(directory: URL, network: Network?, issues: inout [DatasetIssue]) -> AdviceBook? {
        guard FileManager.default.fileExists(atPath: directory.appendingPathComponent(adviceFile).path) else {
            return AdviceBook.empty
        }
        let before = issues.count
        var advice: [TravelAdvice] = []
        var rules: [String: EntryRule] = [:]
        if let table = NetworkLoader.table(adviceFile, columns: adviceColumns, directory: directory, issues: &issues) {
            var seen = Set<String>()
            var countries = Set<String>()
            // The network's leg ids, built once for the rows that name legs (it was built again for every row).
            var knownLegs: Set<LegID>?
            eachRow(table, issues: &issues) { (row) throws(DatasetIssue) in
                let id = try row.required("id", expected: "an advice id such as MA or MA-BORDERS")
                guard seen.insert(id).inserted else { throw row.issue("id", "duplicate advice id '\(id)'") }
                let country = try countryCode(row)
                let levelText = try row.required("level", expected: "an advice level")
                guard let level = AdviceLevel(rawValue: levelText) else {
                    throw row.issue(
                        "level",
                        "unknown level '\(levelText)'; expected one of \(AdviceLevel.allCases.map(\.rawValue).joined(separator: ", "))")
                }
                let area = row.text("area")
                if area.isEmpty, !countries.insert(country).inserted {
                    throw row.issue("area", "a second whole-country row for \(country); name the area")
                }
                let places = row.list("places").map(PlaceID.init(rawValue:))
                let legs = row.list("legs").map(LegID.init(rawValue:))
                if let network {
                    for place in places where network.place(place) == nil {
                        throw row.issue("places", "unknown place '\(place)'; expected ids from network/places.csv")
                    }
                    if !legs.isEmpty, knownLegs == nil { knownLegs = Set(network.legs.map(\.id)) }
                    for leg in legs where knownLegs?.contains(leg) != true {
                        throw row.issue("legs", "unknown leg '\(leg)'; expected ids from network/legs.csv")
                    }
                }
                advice.append(
                    TravelAdvice(
                        id: id, countryCode: country, area: area, level: level, places: places, legs: legs,
                        summaryFR: try row.required("summary_fr", expected: "the advice in French"),
                        summaryEN: try row.required("summary_en", expected: "the advice in English"),
                        adviceDate: row.text("advice_date"), checkedOn: try checkedOn(row),
                        sourceURL: row.text("source_url"), source: try row.source(), unconfirmed: try status(row)))
            }
        }
        if FileManager.default.fileExists(atPath: directory.appendingPathComponent(entryFile).path),
            let table = NetworkLoader.table(entryFile, columns: entryColumns, directory: directory, issues: &issues) {
            eachRow(table, issues: &issues) { (row) throws(DatasetIssue) in
                let country = try countryCode(row)
                guard rules[country] == nil else { throw row.issue("country", "duplicate row for \(country)") }
                func text(_ column: String) throws(DatasetIssue) -> EntryRule.Text {
                    let fr = row.text(column + "_fr")
                    let en = row.text(column + "_en")
                    // Both languages or neither (empty = not checked): a coordinator never reads only half a rule.
                    guard fr.isEmpty == en.isEmpty else {
                        throw row.issue(fr.isEmpty ? column + "_fr" : column + "_en", "empty while the other language is set")
                    }
                    return EntryRule.Text(fr: fr, en: en)
                }
                rules[country] = EntryRule(
                    countryCode: country, visa: try text("visa"), minorsAuthorisation: try text("minors_authorisation"),
                    yellowFeverCertificate: try text("yellow_fever_certificate"),
                    checkedOn: try checkedOn(row), sourceURL: row.text("source_url"), source: try row.source(),
                    unconfirmed: try status(row))
            }
        }
        guard issues.count == before else { return nil }
        return AdviceBook(advice: advice, entryRules: rules)
    }

    static func countryCode(_ row: CSVRow) throws(DatasetIssue) -> String {
        let country = try row.required("country", expected: "an ISO 3166-1 alpha-2 code")
        guard country.count == 2, country.allSatisfy({ $0.isASCII && $0.isUppercase }) else {
            throw row.issue("country", "'\(country)' is not an ISO 3166-1 alpha-2 code such as MR")
        }
        return country
    }

    static func checkedOn(_ row: CSVRow) throws(DatasetIssue) -> CalendarDay {
        let text = try row.required("checked_on", expected: "the date the row was checked, YYYY-MM-DD")
        guard let day = CalendarDay(iso: text) else { throw row.issue("checked_on", "'\(text)' is not a YYYY-MM-DD date") }
        return day
    }

    static func status(_ row: CSVRow) throws(DatasetIssue) -> Bool {
        switch row.text("status") {
        case "CONFIRMED": return false
        case "UNCONFIRMED": return true
        case let other: throw row.issue("status", "'\(other)' is not a status; expected CONFIRMED or UNCONFIRMED")
        }
    }
}
