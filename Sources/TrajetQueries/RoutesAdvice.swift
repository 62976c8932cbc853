import Foundation
import TrajetCore
import TrajetDatasets

/// What a coordinator of minors must see beside every option (issue 14): the travel advice and entry rules of the
/// places it goes to, how old its timetables are, how the group reaches the first station, and the options left
/// out for minors because they go where travel is advised against.
package struct RouteNotes: Sendable {
    package var book: AdviceBook
    package var network: Network
    package var today: CalendarDay
    package var maxTimetableAgeYears: Int
    package var originAccess: PlaceResolver.Access?
    package var destinationAccess: PlaceResolver.Access?
    /// Options the search without the advice rule ranked among those shown, left out for a group with minors.
    package var leftOut: LeftOut?

    package struct LeftOut: Sendable {
        package var count: Int
        /// The advice rows (advised against) those options go through, most serious first.
        package var advice: [TravelAdvice]
    }

    package static let none = RouteNotes(
        book: .empty, network: Network(places: [], partners: [], legs: []), today: .today, maxTimetableAgeYears: 2)

    package init(
        book: AdviceBook, network: Network, today: CalendarDay, maxTimetableAgeYears: Int,
        originAccess: PlaceResolver.Access? = nil, destinationAccess: PlaceResolver.Access? = nil, leftOut: LeftOut? = nil
    ) {
        self.book = book
        self.network = network
        self.today = today
        self.maxTimetableAgeYears = maxTimetableAgeYears
        self.originAccess = originAccess
        self.destinationAccess = destinationAccess
        self.leftOut = leftOut
    }

    package func advice(_ leg: Leg) -> [TravelAdvice] { book.advice(for: leg, in: network) }

    /// Advice rows of an option, each once, most serious first.
    package func advice(_ it: Itinerary) -> [TravelAdvice] {
        var seen = Set<String>()
        var rows: [TravelAdvice] = []
        for item in it.legs {
            for row in advice(item.leg) where seen.insert(row.id).inserted { rows.append(row) }
        }
        return rows.sorted { $0.level != $1.level ? $0.level > $1.level : $0.id < $1.id }
    }

    /// Entry rules of the countries an option enters, in travel order.
    package func entryRules(_ it: Itinerary) -> [EntryRule] {
        var seen = Set<String>()
        return it.legs.compactMap { book.entryRule(for: $0.leg, in: network) }.filter { seen.insert($0.countryCode).inserted }
    }

    package func isStale(_ leg: Leg) -> Bool { leg.timetableIsStale(today: today, maxAgeYears: maxTimetableAgeYears) }

    /// "!!" when an option goes where travel is advised against, "!" for increased vigilance. Countries whose
    /// advice nobody checked get a line, not a marker: on nearly every option it would mean nothing.
    package func marker(_ it: Itinerary) -> String {
        let top = advice(it).map(\.level).max() ?? .normalPrecautions
        if top.leavesOutMinors { return "!!" }
        // "Not checked" is marked too (docs/methodology.md): the coordinator must read the advice before booking.
        return top >= .notChecked ? "!" : ""
    }
}

extension Localizer {
    package func countryName(_ code: String) -> String {
        let names: [String: (String, String)] = [
            "BE": ("Belgique", "Belgium"), "MA": ("Maroc", "Morocco"), "SN": ("Sénégal", "Senegal"),
            "EG": ("Égypte", "Egypt"), "TG": ("Togo", "Togo"), "FR": ("France", "France"), "ES": ("Espagne", "Spain"),
            "NL": ("Pays-Bas", "Netherlands"), "MR": ("Mauritanie", "Mauritania"), "ML": ("Mali", "Mali"),
            "BF": ("Burkina Faso", "Burkina Faso"), "BJ": ("Bénin", "Benin"), "GH": ("Ghana", "Ghana"),
            "IT": ("Italie", "Italy"), "PT": ("Portugal", "Portugal"), "TR": ("Turquie", "Türkiye"),
            "ET": ("Éthiopie", "Ethiopia"), "NG": ("Nigeria", "Nigeria"), "CI": ("Côte d'Ivoire", "Côte d'Ivoire"),
        ]
        guard let name = names[code] else { return code }
        return t(name.0, name.1)
    }

    package func adviceLevel(_ level: AdviceLevel) -> String {
        switch level {
        case .normalPrecautions: t("précautions d'usage", "usual precautions")
        case .notChecked: t("conseils NON VÉRIFIÉS", "advice NOT CHECKED")
        case .increasedVigilance: t("vigilance accrue", "increased vigilance")
        case .nonessentialAdvisedAgainst: t("voyages non essentiels déconseillés", "non-essential travel advised against")
        case .advisedAgainst: t("voyages déconseillés", "travel advised against")
        }
    }

    /// "Mauritanie : vigilance accrue (avis du 2022-04-12, NON CONFIRMÉ)".
    package func advice(_ row: TravelAdvice) -> String {
        let place = countryName(row.countryCode) + (row.area.isEmpty ? "" : " – " + row.area)
        var tags: [String] = []
        if !row.adviceDate.isEmpty { tags.append(t("avis du ", "advice of ") + row.adviceDate) }
        if row.unconfirmed { tags.append(t("NON CONFIRMÉ", "UNCONFIRMED")) }
        tags.append(t("vérifié le ", "checked ") + row.checkedOn.description)
        return place + t(" : ", ": ") + adviceLevel(row.level) + " (" + tags.joined(separator: ", ") + ")"
    }

    package func entryRule(_ rule: EntryRule) -> String {
        func text(_ value: EntryRule.Text) -> String { value.isChecked ? t(value.fr, value.en) : t("non vérifié", "not checked") }
        var parts: [String] = []
        if rule.visa.isChecked { parts.append(t("visa : ", "visa: ") + text(rule.visa)) }
        if rule.yellowFeverCertificate.isChecked {
            parts.append(t("fièvre jaune : ", "yellow fever: ") + text(rule.yellowFeverCertificate))
        }
        parts.append(t("autorisation pour mineurs : ", "minors' authorisation: ") + text(rule.minorsAuthorisation))
        return countryName(rule.countryCode) + " — " + parts.joined(separator: t(" ; ", "; "))
            + " (" + (rule.unconfirmed ? t("NON CONFIRMÉ, ", "UNCONFIRMED, ") : "") + t("vérifié le ", "checked ")
            + rule.checkedOn.description + ")"
    }

    /// "Advice not checked for: France, Senegal — read diplomatie.belgium.be before booking".
    package func adviceNotChecked(_ rows: [TravelAdvice]) -> String {
        var names: [String] = []
        for row in rows where !names.contains(countryName(row.countryCode)) { names.append(countryName(row.countryCode)) }
        return t("Conseils aux voyageurs non vérifiés pour : ", "Travel advice not checked for: ")
            + names.joined(separator: ", ")
            + t(" — lire diplomatie.belgium.be avant de réserver", " — read diplomatie.belgium.be before booking")
    }

    /// "timetable of 2015 — check with the operator".
    package func staleTimetable(_ leg: Leg) -> String {
        guard let year = leg.timetableYear else {
            return t("horaire non daté — à vérifier auprès de l'opérateur", "undated timetable — check with the operator")
        }
        return t("horaire de \(year) — à vérifier auprès de l'opérateur", "timetable of \(year) — check with the operator")
    }

    package func access(_ access: PlaceResolver.Access, origin: Bool) -> String {
        let km = numbers.format(access.distanceKm, decimals: 0)
        return (origin ? t("Depuis ", "From ") : t("Vers ", "To "))
            + access.typed + t(" : ", ": ") + t("gare la plus proche ", "nearest station ") + access.station.name + ", \(km) km, "
            + t("en bus ou en voiture, ESTIMATION (trajet non compté)", "by bus or car, ESTIMATE (not counted)")
    }

    /// "1 option par la Mauritanie écartée : voyages déconseillés".
    package func leftOut(_ leftOut: RouteNotes.LeftOut) -> String {
        let places = leftOut.advice.map { countryName($0.countryCode) + ($0.area.isEmpty ? "" : " (\($0.area))") }
        var unique: [String] = []
        for place in places where !unique.contains(place) { unique.append(place) }
        let level = leftOut.advice.map(\.level).max().map(adviceLevel) ?? ""
        return t(
            "\(leftOut.count) option(s) par \(unique.joined(separator: ", ")) écartée(s) pour un groupe avec mineurs : \(level)",
            "\(leftOut.count) option(s) through \(unique.joined(separator: ", ")) left out for a group with minors: \(level)")
    }
}

// JSON blocks of the issue-14 fields, kept apart from the older ones so both writers stay easy to compare.
extension RoutesJSON {
    package struct AdviceJSON: Encodable, Sendable {
        package var id: String
        package var country: String
        package var area: String
        package var level: String
        package var summary: String
        package var adviceDate: String
        package var checkedOn: String
        package var sourceUrl: String
        package var source: String
        package var unconfirmed: Bool
        package init(_ row: TravelAdvice, _ l: Localizer) {
            id = row.id
            country = row.countryCode
            area = row.area
            level = row.level.rawValue
            summary = l.t(row.summaryFR, row.summaryEN)
            adviceDate = row.adviceDate
            checkedOn = row.checkedOn.description
            sourceUrl = row.sourceURL
            source = row.source
            unconfirmed = row.unconfirmed
        }
    }
    package struct EntryJSON: Encodable, Sendable {
        package var country: String
        package var visa: String
        package var minorsAuthorisation: String
        package var yellowFeverCertificate: String
        package var checkedOn: String
        package var sourceUrl: String
        package var source: String
        package var unconfirmed: Bool
        /// Each rule in the caller's language; empty when not checked.
        package init(_ rule: EntryRule, _ l: Localizer) {
            country = rule.countryCode
            visa = l.t(rule.visa.fr, rule.visa.en)
            minorsAuthorisation = l.t(rule.minorsAuthorisation.fr, rule.minorsAuthorisation.en)
            yellowFeverCertificate = l.t(rule.yellowFeverCertificate.fr, rule.yellowFeverCertificate.en)
            checkedOn = rule.checkedOn.description
            sourceUrl = rule.sourceURL
            source = rule.source
            unconfirmed = rule.unconfirmed
        }
    }
    package struct DataAgeJSON: Encodable, Sendable {
        package var checkedOn: String?
        package var timetableYear: Int?
        /// True when the departure times come from a timetable older than `data.maxTimetableAgeYears` (or undated).
        package var stale: Bool
    }
    package struct AccessJSON: Encodable, Sendable {
        package var typed: String
        package var station: String
        package var distanceKm: Double
        package init(_ access: PlaceResolver.Access) {
            typed = access.typed
            station = access.station.id.rawValue
            distanceKm = rounded(access.distanceKm, 1)
        }
    }
    package struct LeftOutJSON: Encodable, Sendable {
        package var count: Int
        package var adviceIds: [String]
        package var summary: String
    }

    static func writeAdvice(_ rows: [AdviceJSON], _ w: inout CompactJSONWriter) {
        w.openArray()
        for row in rows {
            w.element()
            w.openObject()
            w.field("adviceDate", row.adviceDate)
            w.field("area", row.area)
            w.field("checkedOn", row.checkedOn)
            w.field("country", row.country)
            w.field("id", row.id)
            w.field("level", row.level)
            w.field("source", row.source)
            w.field("sourceUrl", row.sourceUrl)
            w.field("summary", row.summary)
            w.field("unconfirmed", row.unconfirmed)
            w.closeObject()
        }
        w.closeArray()
    }

    static func writeEntryRules(_ rows: [EntryJSON], _ w: inout CompactJSONWriter) {
        w.openArray()
        for row in rows {
            w.element()
            w.openObject()
            w.field("checkedOn", row.checkedOn)
            w.field("country", row.country)
            w.field("minorsAuthorisation", row.minorsAuthorisation)
            w.field("source", row.source)
            w.field("sourceUrl", row.sourceUrl)
            w.field("unconfirmed", row.unconfirmed)
            w.field("visa", row.visa)
            w.field("yellowFeverCertificate", row.yellowFeverCertificate)
            w.closeObject()
        }
        w.closeArray()
    }

    static func writeDataAge(_ age: DataAgeJSON, _ w: inout CompactJSONWriter) {
        w.openObject()
        if let checkedOn = age.checkedOn { w.field("checkedOn", checkedOn) }
        w.field("stale", age.stale)
        if let year = age.timetableYear { w.field("timetableYear", year) }
        w.closeObject()
    }

    static func writeAccess(_ access: AccessJSON, _ w: inout CompactJSONWriter) {
        w.openObject()
        w.field("distanceKm", access.distanceKm)
        w.field("station", access.station)
        w.field("typed", access.typed)
        w.closeObject()
    }

    static func writeLeftOut(_ leftOut: LeftOutJSON, _ w: inout CompactJSONWriter) {
        w.openObject()
        w.key("adviceIds")
        w.openArray()
        for id in leftOut.adviceIds {
            w.element()
            w.string(id)
        }
        w.closeArray()
        w.field("count", leftOut.count)
        w.field("summary", leftOut.summary)
        w.closeObject()
    }
}

extension RouteNotes {
    /// What today's advice says of each leg of a saved plan still in the network: its advice rows and the entry rule
    /// of the country it enters, each row and each country once (at its first leg). A leg no longer in the network
    /// (renamed since the plan was saved) has nothing to say.
    package func planLegNotes(_ planLegs: [PlanLeg]) -> [(leg: Leg, advice: [TravelAdvice], entryRule: EntryRule?)] {
        var seen = Set<String>()
        return planLegs.compactMap { planLeg in
            guard let leg = network.leg(id: planLeg.legId) else { return nil }
            let rows = advice(leg).filter { seen.insert($0.id).inserted }
            let rule = book.entryRule(for: leg, in: network).flatMap {
                seen.insert("entry:" + $0.countryCode).inserted ? $0 : nil
            }
            return (leg, rows, rule)
        }
    }

    /// Travel advice, entry rules and old timetables of a saved plan's legs, one line each with the CLI's symbol
    /// (⚠ advice, ⚑ entry, ⏱ old timetable): `trajet plans show` and the web page's plan page.
    package func adviceLines(planLegs: [PlanLeg], _ l: Localizer) -> [String] {
        var lines: [String] = []
        for (leg, rows, rule) in planLegNotes(planLegs) {
            for row in rows where row.level >= .increasedVigilance {
                lines.append("⚠ " + l.t("Conseils aux voyageurs — ", "Travel advice — ") + l.advice(row))
            }
            if let rule { lines.append("⚑ " + l.t("Entrée — ", "Entry — ") + l.entryRule(rule)) }
            if isStale(leg) { lines.append("⏱ [\(leg.id)] " + l.staleTimetable(leg)) }
        }
        return lines
    }
}

/// A saved plan as JSON (`trajet plans show ID --format json`, `GET /v1/plans/{id}`): the plan, its legs, and today's
/// travel advice and entry rules for the places its legs go to (issue 14: saved plans carry the advice too). The
/// advice is today's, not the plan's: it is read again on every answer.
package struct PlanDetailJSON: Encodable, Sendable {
    package var plan: Plan
    package var legs: [PlanLeg]
    package var travelAdvice: [RoutesJSON.AdviceJSON]
    package var entryRules: [RoutesJSON.EntryJSON]

    package init(_ detail: PlanDetail, notes: RouteNotes?, _ l: Localizer) {
        plan = detail.plan
        legs = detail.legs
        let legNotes = notes?.planLegNotes(detail.legs) ?? []
        travelAdvice = legNotes.flatMap { $0.advice.map { RoutesJSON.AdviceJSON($0, l) } }
        entryRules = legNotes.compactMap { $0.entryRule.map { RoutesJSON.EntryJSON($0, l) } }
    }
}
