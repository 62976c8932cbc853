import Dispatch
import TrajetCore

/// A trip's alternatives for the scenario lines: whole group, with non-CO2 effects, both directions the trip
/// travelled. Nil when the planner found no such option.
public struct ScenarioEstimate: Sendable, Equatable {
    public var allFlightCo2eKg: Double?
    public var lowestCarbonCo2eKg: Double?

    public init(allFlightCo2eKg: Double?, lowestCarbonCo2eKg: Double?) {
        self.allFlightCo2eKg = allFlightCo2eKg
        self.lowestCarbonCo2eKg = lowestCarbonCo2eKg
    }
}

/// What a scenario needs to know of a trip.
public struct ScenarioTrip: Sendable, Equatable {
    public var origin: String
    public var destination: String
    public var departDate: String
    public var returnDate: String?
    public var hasReturn: Bool
    public var participants: Int
    public var leaders: Int
    public var minors: Bool
    public var factorSetId: String

    /// Reads the fields in place: copying a whole trip line for a few fields is measurable on 100 000 trips.
    init(trips: [TripLine], index: Int) {
        origin = trips[index].origin.id
        destination = trips[index].destination.id
        departDate = trips[index].departDate
        returnDate = trips[index].returnDate
        hasReturn = trips[index].hasReturn
        participants = trips[index].participants
        leaders = trips[index].leaders
        minors = trips[index].minors
        factorSetId = trips[index].factorSetId
    }
}

public protocol TripScenarioEstimating {
    func estimate(_ trip: ScenarioTrip) -> ScenarioEstimate
    /// All trips at once, in order; an estimator may batch its work (the default asks trip by trip).
    func estimateAll(_ trips: [ScenarioTrip]) -> [ScenarioEstimate]
}

extension TripScenarioEstimating {
    public func estimateAll(_ trips: [ScenarioTrip]) -> [ScenarioEstimate] { trips.map(estimate) }
}

/// Prices scenarios with the route planner: "lowest-carbon option" is the planner's lowest-carbon itinerary for the
/// trip's origin, destination, group and factor set (minors' rules included); "all flight" is the fastest
/// itinerary that uses a plane. Both ways when the trip has a return.
///
/// A search is made once per origin, destination, group and factor set, on the departure date of the first such
/// trip of the year (trips are fed in date order): the report of a large network stays fast, and the carbon of
/// the best option hardly depends on the day.
public final class RouteScenarioEstimator: TripScenarioEstimating {
    let sources: ReportSources
    let policy: RoutingPolicy
    private var planners: [PlannerKey: RoutePlanner?] = [:]
    private var answers: [SearchKey: (flight: Double?, lowest: Double?)] = [:]
    private var compiledRouting: RoutingNetwork?

    /// What a search depends on: the factor set, how many travel (footprints differ only through vehicles filled:
    /// participants and leaders count alike) and whether minors' rules apply. A network year has many groups of
    /// the same size split differently between young people and leaders; each such key compiles one planner.
    struct PlannerKey: Hashable {
        var factorSetId: String
        var people: Int
        var minors: Bool

        init(_ trip: ScenarioTrip) {
            (factorSetId, people, minors) = (trip.factorSetId, trip.participants + trip.leaders, trip.minors)
        }
    }

    struct SearchKey: Hashable {
        var planner: PlannerKey
        var origin: String
        var destination: String
    }

    public init(sources: ReportSources, policy: RoutingPolicy = .init()) {
        self.sources = sources
        self.policy = policy
    }

    public func estimate(_ trip: ScenarioTrip) -> ScenarioEstimate {
        let key = PlannerKey(trip)
        let out = search(key, from: trip.origin, to: trip.destination, day: trip.departDate)
        guard trip.hasReturn else {
            return ScenarioEstimate(allFlightCo2eKg: out.flight, lowestCarbonCo2eKg: out.lowest)
        }
        let back = search(key, from: trip.destination, to: trip.origin, day: trip.returnDate ?? trip.departDate)
        return ScenarioEstimate(
            allFlightCo2eKg: sum(out.flight, back.flight), lowestCarbonCo2eKg: sum(out.lowest, back.lowest))
    }

    /// Runs the searches group by group, keeping one compiled planner in memory at a time (a planner per group
    /// size costs megabytes; a network report has dozens of group sizes).
    public func estimateAll(_ trips: [ScenarioTrip]) -> [ScenarioEstimate] {
        // Each distinct search gets a slot, and each trip remembers its slots: one hash of the (long) search key per
        // search of a trip, where asking `estimate` trip by trip hashed it three or four times (75 000 trips).
        var slotOf: [SearchKey: Int] = [:]
        var slotKeys: [SearchKey] = []
        var slotDays: [String] = []
        var tripSlots: [(out: Int, back: Int?)] = []
        tripSlots.reserveCapacity(trips.count)
        func slot(_ key: PlannerKey, _ origin: String, _ destination: String, _ day: String) -> Int {
            let searchKey = SearchKey(planner: key, origin: origin, destination: destination)
            if let known = slotOf[searchKey] { return known }
            slotOf[searchKey] = slotKeys.count
            slotKeys.append(searchKey)
            slotDays.append(day)
            return slotKeys.count - 1
        }
        for trip in trips {
            let key = PlannerKey(trip)
            let out = slot(key, trip.origin, trip.destination, trip.departDate)
            let back = trip.hasReturn ? slot(key, trip.destination, trip.origin, trip.returnDate ?? trip.departDate) : nil
            tripSlots.append((out, back))
        }
        // The searches not answered yet (by an earlier call), by planner.
        var pending: [PlannerKey: [Int]] = [:]
        for index in slotKeys.indices where answers[slotKeys[index]] == nil {
            pending[slotKeys[index].planner, default: []].append(index)
        }
        // Groups split over two cores; each half compiles its own planners and answers its own searches.
        let keys = pending.keys.sorted(by: {
            ($0.factorSetId, $0.people, $0.minors ? 1 : 0) < ($1.factorSetId, $1.people, $1.minors ? 1 : 0)
        })
        let halves = [Array(keys[..<(keys.count / 2)]), Array(keys[(keys.count / 2)...])]
        let results = HalfResults()
        let work = pending
        let searches = slotKeys
        let days = slotDays
        let sources = sources
        // The network compiled for the routing rules once, shared by every group's planner (it was rebuilt for each:
        // a tenth of a 100 000-plan report's time).
        let routing = pending.isEmpty ? nil : routingNetwork
        DispatchQueue.concurrentPerform(iterations: 2) { half in
            var found: [SearchKey: Answer] = [:]
            for key in halves[half] {
                let planner = routing.flatMap { Self.makePlanner(key, sources: sources, routing: $0) }
                for index in work[key] ?? [] {
                    let search = searches[index]
                    found[search] = Self.answer(planner, from: search.origin, to: search.destination, day: days[index])
                }
            }
            results.set(half, found)
        }
        for half in 0..<2 { answers.merge(results.get(half)) { first, _ in first } }
        let slotAnswers = slotKeys.map { answers[$0] ?? (nil, nil) }
        return tripSlots.map { slots in
            let out = slotAnswers[slots.out]
            guard let back = slots.back.map({ slotAnswers[$0] }) else {
                return ScenarioEstimate(allFlightCo2eKg: out.flight, lowestCarbonCo2eKg: out.lowest)
            }
            return ScenarioEstimate(
                allFlightCo2eKg: sum(out.flight, back.flight), lowestCarbonCo2eKg: sum(out.lowest, back.lowest))
        }
    }

    private func sum(_ a: Double?, _ b: Double?) -> Double? {
        guard let a, let b else { return nil }
        return a + b
    }

    typealias Answer = (flight: Double?, lowest: Double?)

    private func planner(_ key: PlannerKey) -> RoutePlanner? {
        if let cached = planners[key] { return cached }
        let made = Self.makePlanner(key, sources: sources, routing: routingNetwork)
        planners[key] = made
        return made
    }

    /// Built on first use: a report whose trips need no search never compiles the network.
    private var routingNetwork: RoutingNetwork {
        if let compiledRouting { return compiledRouting }
        let routing = RoutingNetwork(network: sources.network, policy: policy)
        compiledRouting = routing
        return routing
    }

    static func makePlanner(_ key: PlannerKey, sources: ReportSources, routing: RoutingNetwork) -> RoutePlanner? {
        guard let set = sources.factorSets[FactorSetID(rawValue: key.factorSetId)],
            let group = try? Group(participants: key.people, leaders: 0, minors: key.minors)
        else { return nil }
        return try? RoutePlanner(
            routing: routing, calculator: EmissionCalculator(factorSet: set, hubs: sources.hubs), group: group)
    }

    private func search(_ key: PlannerKey, from origin: String, to destination: String, day text: String) -> Answer {
        let searchKey = SearchKey(planner: key, origin: origin, destination: destination)
        if let known = answers[searchKey] { return known }
        let answer = Self.answer(planner(key), from: origin, to: destination, day: text)
        answers[searchKey] = answer
        return answer
    }

    static func answer(_ planner: RoutePlanner?, from origin: String, to destination: String, day text: String) -> Answer {
        guard let planner, let day = CalendarDay(iso: text) else { return (nil, nil) }
        let query = RouteQuery(
            origin: PlaceID(rawValue: origin), destination: PlaceID(rawValue: destination), departureDay: day,
            rank: .time, limit: 20)
        guard let result = try? planner.search(query) else { return (nil, nil) }
        let flights = ([result.fastest] + result.itineraries).filter(\.usesFlight)
        return (
            flights.min { $0.durationMinutes < $1.durationMinutes }?.footprint.group.totalKg,
            result.lowestCarbon.footprint.group.totalKg
        )
    }
}

/// Each half writes only its own slot; read after `concurrentPerform` returns.
private final class HalfResults: @unchecked Sendable {
    private let slots: UnsafeMutableBufferPointer<[RouteScenarioEstimator.SearchKey: RouteScenarioEstimator.Answer]>
    init() {
        slots = .allocate(capacity: 2)
        slots.initialize(repeating: [:])
    }
    deinit {
        slots.deinitialize()
        slots.deallocate()
    }
    func set(_ index: Int, _ value: [RouteScenarioEstimator.SearchKey: RouteScenarioEstimator.Answer]) { slots[index] = value }
    func get(_ index: Int) -> [RouteScenarioEstimator.SearchKey: RouteScenarioEstimator.Answer] { slots[index] }
}
