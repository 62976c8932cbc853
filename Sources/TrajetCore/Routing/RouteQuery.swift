/// What a coordinator asks: from where to where, when, under which constraints (the group is the planner's).
public struct RouteQuery: Hashable, Sendable {
    public var origin: PlaceID
    public var destination: PlaceID
    /// Local date and time of departure at the origin.
    public var departureDay: CalendarDay
    public var departureTime: LocalTime
    public var constraints: RouteConstraints
    public var rank: RankingProfile
    public var limit: Int

    public init(
        origin: PlaceID, destination: PlaceID, departureDay: CalendarDay,
        departureTime: LocalTime = LocalTime(hours: 7, minutes: 0)!,
        constraints: RouteConstraints = .init(), rank: RankingProfile = .balanced, limit: Int = 5
    ) {
        self.origin = origin
        self.destination = destination
        self.departureDay = departureDay
        self.departureTime = departureTime
        self.constraints = constraints
        self.rank = rank
        self.limit = limit
    }
}

/// Limits an itinerary must respect. Each can be named in the "nothing fits" message.
public struct RouteConstraints: Hashable, Sendable {
    /// Travel days at most (nights en route + 1).
    public var maxDays: Int?
    public var maxChanges: Int?
    /// Highest acceptable cost per person, in euro cents (compared with the low end of the range).
    public var maxCostCentsPerPerson: Int?
    public var avoidedModes: Set<TransportMode>
    /// No flights at all.
    public var overland: Bool
    public var via: PlaceID?
    /// No overnight legs and no travel across the night.
    public var noNightTravel: Bool
    /// Legs not taken, as indices into `network.legs`: for groups with minors, those entering an area the travel
    /// advice warns against (`AdviceBook.legIndicesLeavingOutMinors`).
    public var avoidedLegIndices: Set<Int> = []

    public init(
        maxDays: Int? = nil, maxChanges: Int? = nil, maxCostCentsPerPerson: Int? = nil,
        avoidedModes: Set<TransportMode> = [], overland: Bool = false, via: PlaceID? = nil, noNightTravel: Bool = false
    ) {
        self.maxDays = maxDays
        self.maxChanges = maxChanges
        self.maxCostCentsPerPerson = maxCostCentsPerPerson
        self.avoidedModes = avoidedModes
        self.overland = overland
        self.via = via
        self.noNightTravel = noNightTravel
    }

    /// The constraints that are set, by name, so a failed search can try without each.
    public var active: [RouteConstraint] {
        var result: [RouteConstraint] = []
        if overland { result.append(.overland) }
        if !avoidedModes.isEmpty { result.append(.avoid) }
        if maxDays != nil { result.append(.maxDays) }
        if maxChanges != nil { result.append(.maxChanges) }
        if maxCostCentsPerPerson != nil { result.append(.maxCost) }
        if noNightTravel { result.append(.noNightTravel) }
        if via != nil { result.append(.via) }
        if !avoidedLegIndices.isEmpty { result.append(.travelAdvice) }
        return result
    }

    public func without(_ constraint: RouteConstraint) -> RouteConstraints {
        var copy = self
        switch constraint {
        case .overland: copy.overland = false
        case .avoid: copy.avoidedModes = []
        case .maxDays: copy.maxDays = nil
        case .maxChanges: copy.maxChanges = nil
        case .maxCost: copy.maxCostCentsPerPerson = nil
        case .noNightTravel: copy.noNightTravel = false
        case .via: copy.via = nil
        case .travelAdvice: copy.avoidedLegIndices = []
        case .minorsNightRule: break
        }
        return copy
    }
}

public enum RouteConstraint: String, Hashable, Sendable, CaseIterable, Codable {
    case overland
    case avoid
    case maxDays = "max-days"
    case maxChanges = "max-changes"
    case maxCost = "max-cost"
    case noNightTravel = "no-night-travel"
    case via
    /// Groups with minors do not travel at night (policy).
    case minorsNightRule = "minors"
    /// Groups with minors do not go where the travel advice is against travel.
    case travelAdvice = "travel-advice"
}
