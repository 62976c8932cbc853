/// How a leg is travelled. Raw values are the identifiers used in datasets, CLI flags and JSON.
public enum TransportMode: String, CaseIterable, Sendable, Codable, Hashable {
    case flight
    case highSpeedRail = "high_speed_rail"
    case rail
    case nightTrain = "night_train"
    case coach
    case bus
    case sharedTaxi = "shared_taxi"
    case minibus
    case taxi
    case car
    case ferry
    case walk
    case metro

    /// Modes with no flight: what `--overland` keeps.
    public var isOverland: Bool { self != .flight }

    /// Rail-bound modes (used to group detour factors and for low-carbon shares).
    public var isRail: Bool { [.highSpeedRail, .rail, .nightTrain, .metro].contains(self) }

    /// Road modes.
    public var isRoad: Bool { [.coach, .bus, .sharedTaxi, .minibus, .taxi, .car].contains(self) }
}
