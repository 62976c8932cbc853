extension TransportMode {
    /// The mode as coordinators say it, in French or English.
    public func name(in language: Language) -> String {
        func t(_ fr: String, _ en: String) -> String { language == .fr ? fr : en }
        return switch self {
        case .flight: t("avion", "flight")
        case .highSpeedRail: t("train à grande vitesse", "high-speed train")
        case .rail: t("train", "train")
        case .nightTrain: t("train de nuit", "night train")
        case .coach: t("autocar", "coach")
        case .bus: t("bus", "bus")
        case .sharedTaxi: t("taxi collectif", "shared taxi")
        case .minibus: t("minibus affrété", "chartered minibus")
        case .taxi: t("taxi", "taxi")
        case .car: t("voiture", "car")
        case .ferry: t("ferry", "ferry")
        case .walk: t("à pied", "walk")
        case .metro: t("métro / RER", "metro / suburban rail")
        }
    }
}
