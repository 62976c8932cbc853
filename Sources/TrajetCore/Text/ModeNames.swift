extension TransportMode {
    /// The mode as coordinators say it, in French or English.
    public func name(in language: Language) -> String {
        func w(_ key: String) -> String { language.words(key, []) }
        return switch self {
        case .flight: w("core.flight")
        case .highSpeedRail: w("core.high-speed-train")
        case .rail: w("core.train")
        case .nightTrain: w("core.night-train")
        case .coach: w("core.coach")
        case .bus: w("core.bus")
        case .sharedTaxi: w("core.shared-taxi")
        case .minibus: w("core.chartered-minibus")
        case .taxi: w("core.taxi")
        case .car: w("core.car")
        case .ferry: w("core.ferry")
        case .walk: w("core.walk")
        case .metro: w("core.metro-suburban-rail")
        }
    }
}
