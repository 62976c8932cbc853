import TrajetCore

/// The words and number formats of a report in one language.
struct ReportText {
    let language: Language
    let numbers: NumberStyle

    init(_ language: Language) {
        self.language = language
        self.numbers = NumberStyle(language)
    }

    /// The catalogue's text for `key` (Sources/TrajetCore/Words).
    func w(_ key: String, _ values: String...) -> String { language.words(key, values) }

    /// One of two values that carry both languages (the country names below, a count's nouns).
    func t(_ fr: String, _ en: String) -> String { language == .fr ? fr : en }

    /// Tonnes with two decimals: `1 234,56 t` / `1,234.56 t`.
    func tonnes(_ kg: Double) -> String { numbers.format(kg / 1000, decimals: 2) + " t" }
    /// Tonnes as a table cell (two decimals, no unit); a non-zero amount under 5 kg reads "< 0,01", never "0,00".
    func tonnesCell(_ kg: Double) -> String {
        if kg > 0, kg < 5 { return "< " + numbers.format(0.01, decimals: 2) }
        return numbers.format(kg / 1000, decimals: 2)
    }
    func kg(_ kg: Double, decimals: Int = 0) -> String { numbers.format(kg, decimals: decimals) + " kg" }
    func km(_ km: Double) -> String { numbers.format(km, decimals: 0) + " km" }
    func number(_ value: Double, decimals: Int = 0) -> String { numbers.format(value, decimals: decimals) }
    func integer(_ value: Int) -> String { numbers.format(Double(value), decimals: 0) }
    /// A share as a percentage. A non-zero share too small to show at `decimals` reads "< 0,1 %", never "0 %".
    func percent(_ share: Double?, decimals: Int = 1) -> String {
        guard let share else { return "–" }
        var smallest = 1.0
        for _ in 0..<decimals { smallest /= 10 }
        let sign = language == .fr ? " %" : "%"
        if share > 0, share * 100 < smallest / 2 { return "< " + numbers.format(smallest, decimals: decimals) + sign }
        return numbers.format(share * 100, decimals: decimals) + sign
    }

    /// "1 voyage" / "3 voyages": no "voyage(s)" in a sentence a board reads.
    func count(_ value: Int, _ frOne: String, _ frMany: String, _ enOne: String, _ enMany: String) -> String {
        integer(value) + " " + (value == 1 ? t(frOne, enOne) : t(frMany, enMany))
    }
    func signedPercent(_ value: Double) -> String {
        let text = numbers.format(abs(value), decimals: 1)
        let sign = value > 0.05 ? "+" : (value < -0.05 ? "−" : "±")
        return language == .fr ? sign + text + " %" : sign + text + "%"
    }
    func eur(_ value: Int) -> String { numbers.eur(Double(value)) }

    func mode(_ mode: TransportMode?) -> String { mode?.name(in: language) ?? "–" }
    func modeKey(_ key: String) -> String { TransportMode(rawValue: key).map(mode) ?? key }

    func status(_ status: PlanStatus) -> String {
        switch status {
        case .draft: w("report.draft")
        case .planned: w("report.planned")
        case .booked: w("report.booked")
        case .travelled: w("report.travelled")
        case .cancelled: w("report.cancelled")
        }
    }

    func direction(_ direction: TripDirection) -> String {
        switch direction {
        case .outgoing: w("report.belgian-groups-travelling-to-partners")
        case .hosted: w("report.partner-groups-hosted-in-belgium-reciprocity")
        }
    }

    func directionShort(_ direction: TripDirection) -> String {
        switch direction {
        case .outgoing: w("report.outgoing")
        case .hosted: w("report.hosted")
        }
    }

    func category(_ key: String) -> String {
        switch key {
        case "youth": w("report.young-participants")
        case "leaders": w("report.group-leaders")
        default: key
        }
    }

    func yesNo(_ value: Bool) -> String { value ? w("cli.yes") : w("cli.no") }

    /// A factor row's variant (cabin class…) in words.
    func variant(_ key: String) -> String {
        switch key {
        case "default", "": ""
        case "any": w("report.any-class")
        case "average": w("report.average-passenger")
        case "economy": w("report.economy-class")
        case "premium_economy": w("report.premium-economy")
        case "business": w("report.business-class")
        case "first": w("report.first-class")
        default: key
        }
    }

    /// A factor row's region (`any`, `within:MA`, `touches:GB`, `not_touches:GB`) in words.
    func region(_ key: String) -> String {
        if key == "any" || key.isEmpty { return "" }
        let parts = key.split(separator: ":", maxSplits: 1).map(String.init)
        guard parts.count == 2 else { return key }
        let place = country(parts[1])
        switch parts[0] {
        case "within": return w("report.within", "\(place)")
        case "touches": return w("report.to-or-from", "\(place)")
        case "not_touches": return w("report.not-to-or-from", "\(place)")
        default: return key
        }
    }

    func unit(_ key: String) -> String {
        switch key {
        case "passenger_km": w("report.passenger-km-2")
        case "vehicle_km": w("report.vehicle-km")
        default: key
        }
    }

    /// How a leg's distance was obtained (CSV and annex).
    func distanceBasis(_ key: String) -> String {
        switch key {
        case "great_circle": w("report.great-circle")
        case "great_circle_detour": w("report.great-circle-detour")
        case "published", "route", "timetable": w("report.published-distance")
        default: key
        }
    }

    func legDirection(_ direction: LegDirection) -> String {
        switch direction {
        case .outbound: w("report.outbound")
        case .return: w("cli.return")
        }
    }

    /// The factor set's title in the report's language, and the publication it comes from (name, date, address):
    /// the annex names what an auditor looks up, not the copy Trajet read it from (reference/emission-factors.md
    /// §1.1, §2.1).
    func factorSetTitle(_ id: String, fallback: String) -> String {
        switch id {
        case "desnz-2025": w("report.uk-government-ghg-conversion-factors-desnz")
        case "desnz-2024": w("report.uk-government-ghg-conversion-factors-desnz-2")
        case "ademe-2025": w("report.ademe-base-empreinte-values-published-by")
        default: fallback
        }
    }

    func factorSetPublication(_ id: String) -> String? {
        switch id {
        case "desnz-2025":
            w("report.desnz-greenhouse-gas-reporting-conversion-factors")
        case "desnz-2024":
            w("report.desnz-greenhouse-gas-reporting-conversion-factors-2")
        case "ademe-2025":
            w("report.ademe-base-empreinte-https-base-empreinte")
        default: nil
        }
    }

    func country(_ code: String) -> String {
        let names: [String: (String, String)] = [
            "BE": ("Belgique", "Belgium"), "MA": ("Maroc", "Morocco"), "SN": ("Sénégal", "Senegal"),
            "EG": ("Égypte", "Egypt"), "TG": ("Togo", "Togo"), "FR": ("France", "France"), "ES": ("Espagne", "Spain"),
            "DE": ("Allemagne", "Germany"), "NL": ("Pays-Bas", "Netherlands"), "MR": ("Mauritanie", "Mauritania"),
            "ML": ("Mali", "Mali"), "BF": ("Burkina Faso", "Burkina Faso"), "BJ": ("Bénin", "Benin"),
            "GH": ("Ghana", "Ghana"), "DZ": ("Algérie", "Algeria"), "TN": ("Tunisie", "Tunisia"),
            "IT": ("Italie", "Italy"), "GB": ("Royaume-Uni", "United Kingdom"), "CH": ("Suisse", "Switzerland"),
        ]
        guard let name = names[code] else { return code.isEmpty ? "–" : code }
        return t(name.0, name.1)
    }

    func scopeName(_ scope: ReportScope) -> String {
        switch scope.kind {
        case .network: w("report.network-all-organisations")
        case .organisation: scope.organisationName ?? scope.organisationId ?? ""
        }
    }
}

extension String {
    /// "avion" → "Avion": a mode name opening an English sentence.
    var capitalisedFirst: String { prefix(1).uppercased() + dropFirst() }
}
