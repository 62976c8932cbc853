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
        case .normalPrecautions: w("text.usual-precautions")
        case .notChecked: w("text.advice-not-checked")
        case .increasedVigilance: w("text.increased-vigilance")
        case .nonessentialAdvisedAgainst: w("text.non-essential-travel-advised-against")
        case .advisedAgainst: w("text.travel-advised-against")
        }
    }

    /// "Mauritanie : vigilance accrue (avis du 2022-04-12, NON CONFIRMÉ)".
    package func advice(_ row: TravelAdvice) -> String {
        let place = countryName(row.countryCode) + (row.area.isEmpty ? "" : " – " + row.area)
        var tags: [String] = []
        // A full date takes "du" in French, a year or a month "de" ("avis de 2018").
        if !row.adviceDate.isEmpty {
            let prefix = row.adviceDate.utf8.count == 10 ? w("text.advice-of") : w("text.advice-of-period")
            tags.append(prefix + row.adviceDate)
        }
        if row.unconfirmed { tags.append(w("cli.unconfirmed")) }
        tags.append(w("text.checked") + row.checkedOn.description)
        return place + w("report.colon") + adviceLevel(row.level) + " (" + tags.joined(separator: ", ") + ")"
    }

    package func entryRule(_ rule: EntryRule) -> String {
        func text(_ value: EntryRule.Text) -> String { value.isChecked ? t(value.fr, value.en) : w("text.not-checked") }
        var parts: [String] = []
        if rule.visa.isChecked { parts.append(w("text.visa") + text(rule.visa)) }
        if rule.yellowFeverCertificate.isChecked {
            parts.append(w("text.yellow-fever") + text(rule.yellowFeverCertificate))
        }
        parts.append(w("text.minors-authorisation") + text(rule.minorsAuthorisation))
        return countryName(rule.countryCode) + " — " + parts.joined(separator: w("report.text-3"))
            + " (" + (rule.unconfirmed ? w("text.unconfirmed") : "") + w("text.checked")
            + rule.checkedOn.description + ")"
    }

    /// "Advice not checked for: France, Senegal — read diplomatie.belgium.be before booking".
    package func adviceNotChecked(_ rows: [TravelAdvice]) -> String {
        var names: [String] = []
        for row in rows where !names.contains(countryName(row.countryCode)) { names.append(countryName(row.countryCode)) }
        return w("text.travel-advice-not-checked-for")
            + names.joined(separator: ", ")
            + w("text.read-diplomatie-belgium-be-before-booking")
    }

    /// "timetable of 2015 — check with the operator".
    package func staleTimetable(_ leg: Leg) -> String {
        guard let year = leg.timetableYear else {
            return w("text.undated-timetable-check-with-the-operator")
        }
        return w("text.timetable-of-check-with-the-operator", "\(year)")
    }

    package func access(_ access: PlaceResolver.Access, origin: Bool) -> String {
        let km = numbers.format(access.distanceKm, decimals: 0)
        return (origin ? w("text.from") : w("text.to"))
            + access.typed + w("report.colon") + w("text.nearest-station") + access.station.name + ", \(km) km, "
            + w("text.by-bus-or-car-estimate-not")
    }

    /// "1 option par la Mauritanie écartée : voyages déconseillés".
    package func leftOut(_ leftOut: RouteNotes.LeftOut) -> String {
        let places = leftOut.advice.map { countryName($0.countryCode) + ($0.area.isEmpty ? "" : " (\($0.area))") }
        var unique: [String] = []
        for place in places where !unique.contains(place) { unique.append(place) }
        let level = leftOut.advice.map(\.level).max().map(adviceLevel) ?? ""
        return w("text.option-s-through-left-out-for", "\(leftOut.count)", "\(unique.joined(separator: ", "))", "\(level)")
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
                lines.append("⚠ " + l.w("text.travel-advice") + l.advice(row))
            }
            if let rule { lines.append("⚑ " + l.w("text.entry") + l.entryRule(rule)) }
            if isStale(leg) { lines.append("⏱ [\(leg.id)] " + l.staleTimetable(leg)) }
        }
        return lines
    }
}
