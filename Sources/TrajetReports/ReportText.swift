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
    func kg(_ kg: Double, decimals: Int = 0) -> String { numbers.format(kg, decimals: decimals) + " kg" }
    func km(_ km: Double) -> String { numbers.format(km, decimals: 0) + " km" }
    func number(_ value: Double, decimals: Int = 0) -> String { numbers.format(value, decimals: decimals) }
    func integer(_ value: Int) -> String { numbers.format(Double(value), decimals: 0) }
    func percent(_ share: Double?, decimals: Int = 1) -> String {
        guard let share else { return "–" }
        let text = numbers.format(share * 100, decimals: decimals)
        return language == .fr ? text + " %" : text + "%"
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
