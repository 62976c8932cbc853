import TrajetCore

/// The words and number formats of a report in one language.
struct ReportText {
    let language: Language
    let numbers: NumberStyle

    init(_ language: Language) {
        self.language = language
        self.numbers = NumberStyle(language)
    }

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
        case .draft: t("brouillon", "draft")
        case .planned: t("prévu", "planned")
        case .booked: t("réservé", "booked")
        case .travelled: t("effectué", "travelled")
        case .cancelled: t("annulé", "cancelled")
        }
    }

    func direction(_ direction: TripDirection) -> String {
        switch direction {
        case .outgoing: t("groupes belges partis chez les partenaires", "Belgian groups travelling to partners")
        case .hosted: t("groupes partenaires accueillis en Belgique (réciprocité)", "partner groups hosted in Belgium (reciprocity)")
        }
    }

    func directionShort(_ direction: TripDirection) -> String {
        switch direction {
        case .outgoing: t("départ", "outgoing")
        case .hosted: t("accueil", "hosted")
        }
    }

    func category(_ key: String) -> String {
        switch key {
        case "youth": t("jeunes participant·es", "young participants")
        case "leaders": t("animateur·ices / accompagnant·es", "group leaders")
        default: key
        }
    }

    func yesNo(_ value: Bool) -> String { value ? t("oui", "yes") : t("non", "no") }

    /// A factor row's variant (cabin class…) in words.
    func variant(_ key: String) -> String {
        switch key {
        case "default", "": ""
        case "any": t("toutes classes", "any class")
        case "average": t("passager moyen", "average passenger")
        case "economy": t("classe économique", "economy class")
        case "premium_economy": t("économique premium", "premium economy")
        case "business": t("classe affaires", "business class")
        case "first": t("première classe", "first class")
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
        case "within": return t("à l'intérieur : \(place)", "within \(place)")
        case "touches": return t("vers ou depuis : \(place)", "to or from \(place)")
        case "not_touches": return t("hors \(place)", "not to or from \(place)")
        default: return key
        }
    }

    func unit(_ key: String) -> String {
        switch key {
        case "passenger_km": t("passager-km", "passenger-km")
        case "vehicle_km": t("véhicule-km", "vehicle-km")
        default: key
        }
    }

    /// How a leg's distance was obtained (CSV and annex).
    func distanceBasis(_ key: String) -> String {
        switch key {
        case "great_circle": t("orthodromie", "great circle")
        case "great_circle_detour": t("orthodromie × détour", "great circle × detour")
        case "published", "route", "timetable": t("distance publiée", "published distance")
        default: key
        }
    }

    func legDirection(_ direction: LegDirection) -> String {
        switch direction {
        case .outbound: t("aller", "outbound")
        case .return: t("retour", "return")
        }
    }

    /// The factor set's title in the report's language, and the publication it comes from (name, date, address):
    /// the annex names what an auditor looks up, not the copy Trajet read it from (reference/emission-factors.md
    /// §1.1, §2.1).
    func factorSetTitle(_ id: String, fallback: String) -> String {
        switch id {
        case "desnz-2025": t("Facteurs de conversion GES du gouvernement britannique (DESNZ) 2025, déplacements professionnels", "UK Government GHG conversion factors (DESNZ) 2025, business travel")
        case "desnz-2024": t("Facteurs de conversion GES du gouvernement britannique (DESNZ) 2024, déplacements professionnels", "UK Government GHG conversion factors (DESNZ) 2024, business travel")
        case "ademe-2025": t("ADEME Base Empreinte®, valeurs publiées par impactco2.fr (2025)", "ADEME Base Empreinte®, values published by impactco2.fr (2025)")
        default: fallback
        }
    }

    func factorSetPublication(_ id: String) -> String? {
        switch id {
        case "desnz-2025":
            t("DESNZ, « Greenhouse gas reporting: conversion factors 2025 », publié en juin 2025 : https://www.gov.uk/government/publications/greenhouse-gas-reporting-conversion-factors-2025",
              "DESNZ, 'Greenhouse gas reporting: conversion factors 2025', published June 2025: https://www.gov.uk/government/publications/greenhouse-gas-reporting-conversion-factors-2025")
        case "desnz-2024":
            t("DESNZ, « Greenhouse gas reporting: conversion factors 2024 », publié en juillet 2024 : https://www.gov.uk/government/publications/greenhouse-gas-reporting-conversion-factors-2024",
              "DESNZ, 'Greenhouse gas reporting: conversion factors 2024', published July 2024: https://www.gov.uk/government/publications/greenhouse-gas-reporting-conversion-factors-2024")
        case "ademe-2025":
            t("ADEME, Base Empreinte® (https://base-empreinte.ademe.fr), valeurs de transport d'impactco2.fr mises à jour le 16 octobre 2025 : https://impactco2.fr/outils/transport",
              "ADEME, Base Empreinte® (https://base-empreinte.ademe.fr), impactco2.fr transport values updated on 16 October 2025: https://impactco2.fr/outils/transport")
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
        case .network: t("réseau (toutes les organisations)", "network (all organisations)")
        case .organisation: scope.organisationName ?? scope.organisationId ?? ""
        }
    }
}

extension String {
    /// "avion" → "Avion": a mode name opening an English sentence.
    var capitalisedFirst: String { prefix(1).uppercased() + dropFirst() }
}
