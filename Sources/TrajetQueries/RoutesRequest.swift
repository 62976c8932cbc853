import Foundation
import TrajetCore
import TrajetDatasets

/// Parses `YYYY-MM-DD` or `YYYY-MM-DDTHH:MM`, in the supported years only.
package enum DepartureText {
    /// The years Trajet plans, lists and reports (`trajet report --year`, `GET /v1/reports/annual/{year}`): a
    /// departure outside them could be saved but never listed by year nor reported (0000-01-01 and 9999-12-31 were).
    package static let supportedYears = 2000...2100
    /// What a refused date should have been, for messages.
    package static let expected = "YYYY-MM-DD or YYYY-MM-DDTHH:MM, in the years 2000 to 2100"

    package static func parse(_ text: String) -> (CalendarDay, LocalTime?)? {
        let parts = text.split(separator: "T", maxSplits: 1).map(String.init)
        // An empty text has no parts (found by fuzzing the API: `"depart": ""` crashed the server).
        guard let first = parts.first, let day = CalendarDay(iso: first), supportedYears.contains(day.year) else {
            return nil
        }
        if parts.count == 2 {
            guard let time = LocalTime(parts[1]) else { return nil }
            return (day, time)
        }
        return (day, nil)
    }
}

/// The `routes` question, answered from the datasets with the settings (the API asks the same one).
package struct RoutesRequest: Sendable {
    package var from: String
    package var to: String
    package var participants: Int?
    package var leaders: Int?
    package var minors: Bool
    package var depart: String?
    package var returnDate: String?
    package var rank: RankingProfile
    package var limit: Int
    package var maxDays: Int?
    package var maxChanges: Int?
    package var maxCostEur: Double?
    package var avoid: Set<TransportMode>
    package var overland: Bool
    package var via: String?
    package var noNightTravel: Bool

    package init(
        from: String, to: String, participants: Int? = nil, leaders: Int? = nil, minors: Bool, depart: String? = nil, returnDate: String? = nil, rank: RankingProfile, limit: Int, maxDays: Int? = nil, maxChanges: Int? = nil, maxCostEur: Double? = nil, avoid: Set<TransportMode>, overland: Bool, via: String? = nil, noNightTravel: Bool
    ) {
        self.from = from
        self.to = to
        self.participants = participants
        self.leaders = leaders
        self.minors = minors
        self.depart = depart
        self.returnDate = returnDate
        self.rank = rank
        self.limit = limit
        self.maxDays = maxDays
        self.maxChanges = maxChanges
        self.maxCostEur = maxCostEur
        self.avoid = avoid
        self.overland = overland
        self.via = via
        self.noNightTravel = noNightTravel
    }

    /// `planners`: planners kept between calls (the server's), used when their routing policy is `settings.routing`;
    /// nil builds one here.
    package func run(
        datasets: Datasets, settings: Settings, today: CalendarDay = .today, planners: RoutePlanners? = nil
    ) throws(TrajetError) -> RoutesAnswer {
        let group = try Group(participants: participants ?? (leaders == nil ? 1 : 0), leaders: leaders ?? 0, minors: minors)
        let factorSet = try datasets.factorSet(settings.factorSetID)
        let resolver = PlaceResolver(network: datasets.network)
        let (origin, originAccess) = try resolver.resolveEndpoint(from)
        let (destination, destinationAccess) = try resolver.resolveEndpoint(to)
        let viaPlace = try via.map { (text) throws(TrajetError) in try resolver.resolve(text, for: .surface) }
        var constraints = RouteConstraints(
            maxDays: maxDays, maxChanges: maxChanges, maxCostCentsPerPerson: maxCostEur.map { Int(($0 * 100).rounded()) },
            avoidedModes: avoid, overland: overland, via: viaPlace?.id, noNightTravel: noNightTravel)
        // Groups with minors do not go where the Belgian travel advice is against (non-essential) travel.
        if minors { constraints.avoidedLegIndices = datasets.legIndicesLeavingOutMinors }
        let options = EmissionOptions(cabinClass: settings.cabinClass, includeAirportHubs: settings.includeAirportHubs)
        let planner: RoutePlanner
        if let planners, planners.routing.policy == settings.routing {
            planner = try planners.planner(factorSet: factorSet, hubs: datasets.hubs, group: group, options: options)
        } else {
            planner = try RoutePlanner(
                network: datasets.network, calculator: EmissionCalculator(factorSet: factorSet, hubs: datasets.hubs),
                group: group, policy: settings.routing, emissionOptions: options)
        }
        let (outDay, outTime) = depart.flatMap(DepartureText.parse) ?? (today.adding(days: 1), nil)
        let outbound = try planner.search(
            RouteQuery(
                origin: origin.id, destination: destination.id, departureDay: outDay,
                departureTime: outTime ?? settings.defaultDepartureTime, constraints: constraints, rank: rank, limit: limit))
        var leftOut: RouteNotes.LeftOut?
        if !constraints.avoidedLegIndices.isEmpty {
            // Say what the rule left out: the options the same search would have shown without it.
            var unfiltered = constraints
            unfiltered.avoidedLegIndices = []
            let blockedIDs = Set(constraints.avoidedLegIndices.map { datasets.network.legs[$0].id })
            let others = try? planner.search(
                RouteQuery(
                    origin: origin.id, destination: destination.id, departureDay: outDay,
                    departureTime: outTime ?? settings.defaultDepartureTime, constraints: unfiltered, rank: rank, limit: limit))
            let dropped = (others?.itineraries ?? []).filter { it in it.legs.contains { blockedIDs.contains($0.leg.id) } }
            if !dropped.isEmpty {
                var seen = Set<String>()
                var rows: [TravelAdvice] = []
                for it in dropped {
                    for item in it.legs {
                        for row in datasets.advice.advice(for: item.leg, in: datasets.network)
                        where row.level.leavesOutMinors && seen.insert(row.id).inserted {
                            rows.append(row)
                        }
                    }
                }
                leftOut = RouteNotes.LeftOut(
                    count: dropped.count, advice: rows.sorted { $0.level != $1.level ? $0.level > $1.level : $0.id < $1.id })
            }
        }
        var inbound: RouteSearchResult?
        var returnDay: CalendarDay?
        if let returnDate, let (backDay, backTime) = DepartureText.parse(returnDate) {
            returnDay = backDay
            guard backDay >= outDay else {
                throw .invalidValue(field: "return", value: returnDate, expected: .w("expect.date-on-or-after-departure", "\(outDay)"))
            }
            inbound = try planner.search(
                RouteQuery(
                    origin: destination.id, destination: origin.id, departureDay: backDay,
                    departureTime: backTime ?? settings.defaultDepartureTime, constraints: constraints, rank: rank,
                    limit: limit))
        }
        return RoutesAnswer(
            origin: origin, destination: destination, group: group, factorSet: factorSet, rank: rank,
            departureDay: outDay, outbound: outbound, inbound: inbound, returnDay: returnDay,
            earliestDeparture: outTime ?? settings.defaultDepartureTime, departureTimeGiven: outTime != nil,
            notes: RouteNotes(
                book: datasets.advice, network: datasets.network, today: today,
                maxTimetableAgeYears: settings.maxTimetableAgeYears, originAccess: originAccess,
                destinationAccess: destinationAccess, leftOut: leftOut))
    }
}

package struct RoutesAnswer {
    package var origin: Place
    package var destination: Place
    package var group: Group
    package var factorSet: FactorSet
    package var rank: RankingProfile
    package var departureDay: CalendarDay
    package var outbound: RouteSearchResult
    package var inbound: RouteSearchResult?
    /// The day asked for the return (`--return`): return options say when they leave relative to it, not to the
    /// outbound day ("06:00", not "06:00 +21 d").
    package var returnDay: CalendarDay?
    /// `--depart DATE` means any time that day from `earliestDeparture`; `DATETHH:MM`, not before that time.
    package var earliestDeparture: LocalTime = LocalTime(hours: 6, minutes: 0)!
    package var departureTimeGiven = false

    /// Travel advice, entry rules, data age and access to the first station (issue 14).
    package var notes: RouteNotes = .none
}

extension CalendarDay {
    /// Today's date in UTC (the default departure is the next day, so the time zone hardly matters).
    package static var today: CalendarDay {
        CalendarDay(daysSinceEpoch: Int(floor(Date().timeIntervalSince1970 / 86_400)))
    }
}
