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

public protocol TripScenarioEstimating {
    func estimate(_ trip: TripLine) -> ScenarioEstimate
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

    struct PlannerKey: Hashable {
        var factorSetId: String
        var participants: Int
        var leaders: Int
        var minors: Bool
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

    public func estimate(_ trip: TripLine) -> ScenarioEstimate {
        let key = PlannerKey(
            factorSetId: trip.factorSetId, participants: trip.participants, leaders: trip.leaders, minors: trip.minors)
        let date = CalendarDay(iso: trip.departDate)
        let out = search(key, from: trip.origin.id, to: trip.destination.id, day: date)
        guard trip.hasReturn else {
            return ScenarioEstimate(allFlightCo2eKg: out.flight, lowestCarbonCo2eKg: out.lowest)
        }
        let back = search(key, from: trip.destination.id, to: trip.origin.id, day: trip.returnDate.flatMap { CalendarDay(iso: $0) } ?? date)
        return ScenarioEstimate(
            allFlightCo2eKg: sum(out.flight, back.flight), lowestCarbonCo2eKg: sum(out.lowest, back.lowest))
    }

    private func sum(_ a: Double?, _ b: Double?) -> Double? {
        guard let a, let b else { return nil }
        return a + b
    }

    private func planner(_ key: PlannerKey) -> RoutePlanner? {
        if let cached = planners[key] { return cached }
        var made: RoutePlanner?
        if let set = sources.factorSets[FactorSetID(rawValue: key.factorSetId)],
            let group = try? Group(participants: key.participants, leaders: key.leaders, minors: key.minors)
        {
            made = try? RoutePlanner(
                network: sources.network, calculator: EmissionCalculator(factorSet: set, hubs: sources.hubs), group: group,
                policy: policy)
        }
        planners[key] = made
        return made
    }

    private func search(_ key: PlannerKey, from origin: String, to destination: String, day: CalendarDay?) -> (flight: Double?, lowest: Double?) {
        let searchKey = SearchKey(planner: key, origin: origin, destination: destination)
        if let known = answers[searchKey] { return known }
        var answer: (flight: Double?, lowest: Double?) = (nil, nil)
        if let planner = planner(key), let day {
            let query = RouteQuery(
                origin: PlaceID(rawValue: origin), destination: PlaceID(rawValue: destination), departureDay: day,
                rank: .time, limit: 20)
            if let result = try? planner.search(query) {
                answer.lowest = result.lowestCarbon.footprint.group.totalKg
                let flights = ([result.fastest] + result.itineraries).filter(\.usesFlight)
                answer.flight = flights.min { $0.durationMinutes < $1.durationMinutes }?.footprint.group.totalKg
            }
        }
        answers[searchKey] = answer
        return answer
    }
}
