/// The rules a route search applies for a group: connection times, daily limits, night rules, hotel costs and
/// ranking weights. Defaults mirror `config/trajet.yaml`; the CLI and the server read that file into this value.
public struct RoutingPolicy: Hashable, Sendable {
    /// Minimum time for a group with luggage to board a service, by the kind of terminal it leaves from (check-in
    /// and security at an airport, finding the platform at a station). A change costs the alighting time of the
    /// service left plus the boarding time of the next one (`LabelSearch.terminalKind`).
    public var boardingMinutes: [PlaceKind: Int]
    /// Minimum time to leave a service with the group, by the kind of terminal it arrives at (passport control and
    /// bags at an airport, disembarking at a port).
    public var alightingMinutes: [PlaceKind: Int]
    /// The daily limit does not stop a group this close to its destination: when the last leg (its wait included)
    /// takes at most `finalTransferMaxMinutes` and arrives by `finalTransferArriveByMinutes` (local), the group goes
    /// on instead of sleeping a few kilometres from its hosts.
    public var finalTransferMaxMinutes: Int
    public var finalTransferArriveByMinutes: Int
    /// Longest travel day (from the day's first departure to its last arrival).
    public var maxTravelMinutesPerDay: Int
    /// The same, for a group with minors.
    public var maxTravelMinutesPerDayWithMinors: Int
    /// Whether groups with minors may travel overnight (night trains, overnight ferries and coaches, night flights).
    public var minorsMayTravelAtNight: Bool
    /// Local time the group sets off after a night in a hotel.
    public var dayStartMinutes: Int
    /// Frequency-based services run between these local times (minutes after midnight).
    public var serviceStartMinutes: Int
    public var serviceEndMinutes: Int
    /// Longest wait assumed for a service whose timetable the data does not have: the group is taken to book the
    /// departure that fits (for services running less than daily, the date must be chosen to match; itineraries
    /// flag those legs).
    public var unknownTimetableMaxWaitMinutes: Int
    /// Hotel cost per person per night, in euro cents (an estimate, shown as such).
    public var hotelCostCentsPerPersonPerNight: FareRange
    /// Weights of the balanced ranking.
    public var balancedWeights: RankingWeights
    /// Labels kept per place during the search; bounds the work on large networks.
    public var maxLabelsPerPlace: Int
    /// Two itineraries whose door-to-door times differ by less than this, with the same places and modes, are one.
    public var duplicateToleranceMinutes: Int
    /// Places farther off the way than this are not explored: origin→place→destination great-circle km may not
    /// exceed `maxDetourRatio` × the direct distance + `detourSlackKm`. Keeps searches local on large networks.
    public var maxDetourRatio: Double
    public var detourSlackKm: Double
    /// Options slower than this multiple of the fastest door-to-door time are not explored (nor shown), but never
    /// fewer than `minimumSlackMinutes` beyond the fastest arrival.
    public var maxDurationVsFastest: Double
    public var minimumSlackMinutes: Int
    /// How much better a partial journey must be to be kept beside another: within these margins the first one
    /// found stands for both. Wider margins mean fewer, more distinct options and much faster searches.
    public var dominanceTolerance: DominanceTolerance
    /// The search looks this many days ahead at most.
    public var horizonDays: Int

    public init(
        boardingMinutes: [PlaceKind: Int] = [.airport: 120, .station: 20, .port: 60, .city: 10, .busStation: 20],
        alightingMinutes: [PlaceKind: Int] = [.airport: 45, .station: 10, .port: 30, .city: 5, .busStation: 10],
        finalTransferMaxMinutes: Int = 120, finalTransferArriveByMinutes: Int = 22 * 60,
        maxTravelMinutesPerDay: Int = 12 * 60, maxTravelMinutesPerDayWithMinors: Int = 10 * 60,
        minorsMayTravelAtNight: Bool = false, dayStartMinutes: Int = 7 * 60, serviceStartMinutes: Int = 6 * 60,
        serviceEndMinutes: Int = 22 * 60, unknownTimetableMaxWaitMinutes: Int = 60,
        hotelCostCentsPerPersonPerNight: FareRange = FareRange(minCents: 2500, maxCents: 6000),
        balancedWeights: RankingWeights = RankingWeights(), maxLabelsPerPlace: Int = 3,
        duplicateToleranceMinutes: Int = 60, maxDetourRatio: Double = 1.3, detourSlackKm: Double = 200,
        maxDurationVsFastest: Double = 8, minimumSlackMinutes: Int = 3 * 1440,
        dominanceTolerance: DominanceTolerance = .init(), horizonDays: Int = 12
    ) {
        self.boardingMinutes = boardingMinutes
        self.alightingMinutes = alightingMinutes
        self.finalTransferMaxMinutes = finalTransferMaxMinutes
        self.finalTransferArriveByMinutes = finalTransferArriveByMinutes
        self.maxTravelMinutesPerDay = maxTravelMinutesPerDay
        self.maxTravelMinutesPerDayWithMinors = maxTravelMinutesPerDayWithMinors
        self.minorsMayTravelAtNight = minorsMayTravelAtNight
        self.dayStartMinutes = dayStartMinutes
        self.serviceStartMinutes = serviceStartMinutes
        self.serviceEndMinutes = serviceEndMinutes
        self.unknownTimetableMaxWaitMinutes = unknownTimetableMaxWaitMinutes
        self.hotelCostCentsPerPersonPerNight = hotelCostCentsPerPersonPerNight
        self.balancedWeights = balancedWeights
        self.maxLabelsPerPlace = maxLabelsPerPlace
        self.duplicateToleranceMinutes = duplicateToleranceMinutes
        self.maxDetourRatio = maxDetourRatio
        self.detourSlackKm = detourSlackKm
        self.maxDurationVsFastest = maxDurationVsFastest
        self.minimumSlackMinutes = minimumSlackMinutes
        self.dominanceTolerance = dominanceTolerance
        self.horizonDays = horizonDays
    }
}

/// Relative weights of the balanced ranking; each criterion is divided by its best value among the options.
public struct RankingWeights: Hashable, Sendable {
    public var co2: Double
    public var time: Double
    public var cost: Double
    public var changes: Double
    public init(co2: Double = 0.5, time: Double = 0.25, cost: Double = 0.2, changes: Double = 0.05) {
        self.co2 = co2
        self.time = time
        self.cost = cost
        self.changes = changes
    }
}

public enum RankingProfile: String, CaseIterable, Sendable, Codable {
    case co2
    case time
    case cost
    case balanced
}

/// Margins within which one partial journey counts as at least as good as another.
public struct DominanceTolerance: Hashable, Sendable {
    public var timeMinutes: Int
    /// Relative time margin, as a share of the time since departure (0.02 = about 1 h after two days).
    public var timeFraction: Double
    /// Relative margin on CO2e (0.02 = 2 %).
    public var co2Fraction: Double
    /// Cost margin: the larger of an absolute amount and a share of the cost.
    public var costCents: Int
    public var costFraction: Double
    /// Extra changes tolerated.
    public var changes: Int

    public init(
        timeMinutes: Int = 15, timeFraction: Double = 0.02, co2Fraction: Double = 0.02, costCents: Int = 500, costFraction: Double = 0.05,
        changes: Int = 1
    ) {
        self.timeMinutes = timeMinutes
        self.timeFraction = timeFraction
        self.co2Fraction = co2Fraction
        self.costCents = costCents
        self.costFraction = costFraction
        self.changes = changes
    }
}

extension TransportMode {
    /// The kind of terminal a service of this mode uses, which sets its connection times: a train at the airport's
    /// station needs a station's minutes, not a flight's check-in. Walks and urban transfers (RER, metro) need none:
    /// their durations include the walk to the platform.
    public var terminalKind: PlaceKind? {
        switch self {
        case .flight: .airport
        case .highSpeedRail, .rail, .nightTrain: .station
        case .ferry: .port
        case .coach, .bus: .busStation
        case .sharedTaxi, .minibus, .taxi, .car: .city
        case .walk, .metro: nil
        }
    }
}

extension RoutingPolicy {
    /// Minutes the group needs to board a service of this mode (0 for walks and urban transfers).
    public func boardingMinutes(for mode: TransportMode) -> Int {
        mode.terminalKind.map { boardingMinutes[$0] ?? 0 } ?? 0
    }

    /// Minutes the group needs to leave a service of this mode (0 for walks and urban transfers).
    public func alightingMinutes(for mode: TransportMode) -> Int {
        mode.terminalKind.map { alightingMinutes[$0] ?? 0 } ?? 0
    }

    /// Shortest change from one service to the next: leaving the first, then boarding the second.
    public func connectionMinutes(from arriving: TransportMode, to departing: TransportMode) -> Int {
        alightingMinutes(for: arriving) + boardingMinutes(for: departing)
    }
}
