import Foundation

/// Multi-criteria route search over a network, for one group and one factor set.
///
/// Build it once (it compiles the network into arrays and costs every leg for the group), then ask it many
/// queries: the server and the benchmark keep one per (factor set, group) around.
public struct RoutePlanner: Sendable {
    public let network: Network
    public let calculator: EmissionCalculator
    public let group: Group
    public private(set) var policy: RoutingPolicy
    public let emissionOptions: EmissionOptions

    var graph: CompiledGraph

    public init(
        network: Network, calculator: EmissionCalculator, group: Group, policy: RoutingPolicy = .init(),
        emissionOptions: EmissionOptions = .init()
    ) throws(TrajetError) {
        try self.init(
            routing: RoutingNetwork(network: network, policy: policy), calculator: calculator, group: group,
            emissionOptions: emissionOptions)
    }

    /// A planner on a network already compiled for the policy: only the group's footprints are computed, so a
    /// server answering many groups compiles the network once (`RoutingNetwork` is immutable and shared).
    public init(
        routing: RoutingNetwork, calculator: EmissionCalculator, group: Group, emissionOptions: EmissionOptions = .init()
    ) throws(TrajetError) {
        self.network = routing.network
        self.calculator = calculator
        self.group = group
        self.policy = routing.policy
        self.emissionOptions = emissionOptions
        self.graph = try CompiledGraph(routing: routing, calculator: calculator, group: group, options: emissionOptions)
    }

    /// Finds, ranks and compares itineraries. Throws `.noItinerary` naming the constraint that cut every option.
    public func search(_ query: RouteQuery) throws(TrajetError) -> RouteSearchResult {
        guard let origin = graph.index[query.origin] else {
            throw .unknownPlace(query: query.origin.rawValue, suggestions: [])
        }
        guard let destination = graph.index[query.destination] else {
            throw .unknownPlace(query: query.destination.rawValue, suggestions: [])
        }
        guard origin != destination else {
            throw .invalidValue(field: "to", value: query.destination.rawValue, expected: .w("expect.place-other-than-origin"))
        }
        if let via = query.constraints.via, graph.index[via] == nil {
            throw .unknownPlace(query: via.rawValue, suggestions: [])
        }
        var found = paretoItineraries(query, origin: origin, destination: destination, constraints: query.constraints)
        if found.isEmpty {
            // The detour bound keeps searches local; before saying "no itinerary", look everywhere.
            found = RoutePlanner.unbounded(self).paretoItineraries(
                query, origin: origin, destination: destination, constraints: query.constraints)
        }
        guard !found.isEmpty else {
            throw diagnoseEmptyResult(query, origin: origin, destination: destination)
        }
        return Ranking.rank(found, profile: query.rank, limit: query.limit, weights: policy.balancedWeights)
    }

    /// Why nothing was found: the active constraints whose removal alone gives results, or plain unreachability.
    func diagnoseEmptyResult(_ query: RouteQuery, origin: Int, destination: Int) -> TrajetError {
        var culprits: [RouteConstraint] = []
        for constraint in query.constraints.active {
            let relaxed = query.constraints.without(constraint)
            if !paretoItineraries(query, origin: origin, destination: destination, constraints: relaxed).isEmpty {
                culprits.append(constraint)
            }
        }
        if culprits.isEmpty, group.minors, !policy.minorsMayTravelAtNight {
            let adult = RoutePlanner.withPolicy(self, minorsMayTravelAtNight: true)
            if !adult.paretoItineraries(query, origin: origin, destination: destination, constraints: query.constraints)
                .isEmpty
            {
                culprits.append(.minorsNightRule)
            }
        }
        return .noItinerary(from: query.origin, to: query.destination, blockingConstraints: culprits)
    }

    /// The same planner without the detour bound.
    static func unbounded(_ planner: RoutePlanner) -> RoutePlanner {
        var copy = planner
        copy.policy.maxDetourRatio = .infinity
        return copy
    }

    static func withPolicy(_ planner: RoutePlanner, minorsMayTravelAtNight: Bool) -> RoutePlanner {
        var copy = planner
        copy.graph.minorsMayTravelAtNight = minorsMayTravelAtNight
        return copy
    }

    /// Every non-dominated itinerary under the constraints, near-duplicates merged.
    func paretoItineraries(_ query: RouteQuery, origin: Int, destination: Int, constraints: RouteConstraints)
        -> [Itinerary]
    {
        var search = LabelSearch(
            graph: graph, policy: policy, constraints: constraints, origin: origin, destination: destination,
            via: constraints.via.flatMap { graph.index[$0] }, departure: query)
        let labels = search.run()
        var itineraries: [Itinerary] = []
        for label in labels {
            if let itinerary = search.itinerary(endingAt: label, planner: self) { itineraries.append(itinerary) }
        }
        return Ranking.mergeNearDuplicates(itineraries, toleranceMinutes: policy.duplicateToleranceMinutes)
    }
}

/// The network as arrays for one routing policy: places, edges and timetables, without footprints. It depends on no
/// group nor factor set, so it is built once and shared by every planner on that network and policy.
public struct RoutingNetwork: Sendable {
    public let network: Network
    public let policy: RoutingPolicy
    let index: [PlaceID: Int]
    let placeIDs: [PlaceID]
    let kinds: [PlaceKind]
    let coordinates: [Coordinate]
    let kindIndex: [Int]
    let countryBits: [UInt64]
    let timeZones: [TimeZone]
    let zoneIndex: [Int]
    /// Edges with `co2eKgPerPerson` = 0: the group's footprints are filled in by `CompiledGraph`.
    let edges: [CompiledGraph.Edge]
    let outgoing: [Range<Int>]
    let departureMinutes: [Int]
    /// By leg index in `network.legs`; nil for a leg that cannot be costed (no `LegInput`) or whose ends are unknown.
    let inputs: [LegInput?]
    /// Places joined only by derived legs (the Belgian stations of `stations-be.csv`): a search enters them only as
    /// its destination or via. Passing through one is never better than the direct derived leg between the hubs on
    /// either side (same speed rule, one more change allowance, a longer way), and skipping them keeps the search
    /// as small as before the 578 stations came in.
    let endOnly: [Bool]

    public init(network: Network, policy: RoutingPolicy = .init()) {
        self.network = network
        self.policy = policy
        let ids = network.places.keys.sorted()
        var index: [PlaceID: Int] = [:]
        index.reserveCapacity(ids.count)
        for (i, id) in ids.enumerated() { index[id] = i }
        self.index = index
        self.placeIDs = ids
        self.kinds = ids.map { network.places[$0]!.kind }
        self.coordinates = ids.map { network.places[$0]!.coordinate }
        self.kindIndex = ids.map { id in PlaceKind.allCases.firstIndex(of: network.places[id]!.kind)! }
        var countryIndex: [String: Int] = [:]
        self.countryBits = ids.map { id in
            let country = network.places[id]!.countryCode
            let index = countryIndex[country] ?? countryIndex.count
            countryIndex[country] = index
            return UInt64(1) << UInt64(index % 64)
        }
        var zoneNumbers: [String: Int] = [:]
        var zones: [TimeZone] = []
        self.zoneIndex = ids.map { id in
            let name = network.places[id]!.timeZoneID
            if let number = zoneNumbers[name] { return number }
            zones.append(TimeZone(identifier: name) ?? TimeZone(secondsFromGMT: 0)!)
            zoneNumbers[name] = zones.count - 1
            return zones.count - 1
        }
        self.timeZones = zones
        var byOrigin: [[CompiledGraph.Edge]] = Array(repeating: [], count: ids.count)
        var inputs = [LegInput?](repeating: nil, count: network.legs.count)
        var departureMinutes: [Int] = []
        let serviceWindow = max(60, policy.serviceEndMinutes - policy.serviceStartMinutes)
        for (legIndex, leg) in network.legs.enumerated() {
            guard let input = LegInput(leg: leg, in: network), let from = index[leg.from], let to = index[leg.to] else {
                continue
            }
            inputs[legIndex] = input
            var mask: UInt8 = 0
            for day in leg.daysOfWeek { mask |= 1 << UInt8(day.rawValue - 1) }
            // Expected wait without a timetable: half the headway (frequent services run within the service window),
            // but no more than the policy's cap, since a group books the departure that fits.
            let perWeek = max(leg.servicesPerWeek, 0.01)
            let headway =
                perWeek >= 7 ? Double(serviceWindow) * 7 / perWeek : 7 * 1440 / perWeek
            defer { departureMinutes.append(contentsOf: leg.departureTimes.map(\.minutesAfterMidnight)) }
            byOrigin[from].append(
                CompiledGraph.Edge(
                    from: from, to: to, legIndex: legIndex, durationMinutes: leg.durationMinutes,
                    departuresStart: departureMinutes.count,
                    departuresEnd: departureMinutes.count + leg.departureTimes.count,
                    packedDepartures: CompiledGraph.Edge.pack(leg.departureTimes.map(\.minutesAfterMidnight)), daysMask: mask,
                    expectedWaitMinutes: min(Int((headway / 2).rounded()), policy.unknownTimetableMaxWaitMinutes), fare: leg.fare ?? .zero, hasFare: leg.fare != nil,
                    overnight: leg.overnight, mode: leg.mode, co2eKgPerPerson: 0,
                    validFromDay: leg.validFrom?.daysSinceEpoch, validUntilDay: leg.validUntil?.daysSinceEpoch,
                    boardingMinutes: policy.boardingMinutes(for: leg.mode),
                    alightingMinutes: policy.alightingMinutes(for: leg.mode)))
        }
        self.inputs = inputs
        self.departureMinutes = departureMinutes
        var curated = [Bool](repeating: false, count: ids.count)
        var touched = [Bool](repeating: false, count: ids.count)
        for leg in network.legs {
            guard let from = index[leg.from], let to = index[leg.to] else { continue }
            touched[from] = true
            touched[to] = true
            if !leg.derived {
                curated[from] = true
                curated[to] = true
            }
        }
        self.endOnly = zip(touched, curated).map { $0 && !$1 }
        var edges: [CompiledGraph.Edge] = []
        edges.reserveCapacity(network.legs.count)
        var outgoing: [Range<Int>] = []
        outgoing.reserveCapacity(ids.count)
        for list in byOrigin {
            let start = edges.count
            edges.append(contentsOf: list)
            outgoing.append(start..<edges.count)
        }
        self.edges = edges
        self.outgoing = outgoing
    }
}

/// The network as arrays, with every leg's footprint for the group precomputed.
struct CompiledGraph: Sendable {
    /// One leg as the search reads it, in 64 bytes (it was 160): the search touches an edge for every outgoing leg
    /// of every label it pops, and each first touch is a cache miss. Indices, minutes, days and cents are stored in
    /// 32 or 16 bits (days since 1970 in 16 bits reach 2149) and read back as `Int`.
    struct Edge: Sendable {
        var co2eKgPerPerson: Double
        /// The departure minutes, 16 bits each, when there are at most four (`packedDepartureLimit`): read from the
        /// edge itself, already in cache, where loading them from `departureMinutes` was a cache miss that took two
        /// thirds of `nextDeparture`'s time on the generated network.
        var packedDepartures: UInt64
        private let fromIndex: Int32
        private let toIndex: Int32
        private let legNumber: Int32
        private let duration: Int32
        private let departuresFrom: Int32
        private let departuresTo: Int32
        private let fareMinCents: Int32
        private let fareMaxCents: Int32
        private let expectedWait: Int16
        private let boarding: Int16
        private let alighting: Int16
        /// Days since 1970; 0 = no bound.
        private let validFrom: UInt16
        private let validUntil: UInt16
        /// Bit `weekday - 1` set when the service runs that day; 0 = every day.
        let daysMask: UInt8
        let hasFare: Bool
        let overnight: Bool
        let mode: TransportMode

        init(
            from: Int, to: Int, legIndex: Int, durationMinutes: Int, departuresStart: Int, departuresEnd: Int,
            packedDepartures: UInt64, daysMask: UInt8, expectedWaitMinutes: Int, fare: FareRange, hasFare: Bool,
            overnight: Bool, mode: TransportMode, co2eKgPerPerson: Double, validFromDay: Int?, validUntilDay: Int?,
            boardingMinutes: Int, alightingMinutes: Int
        ) {
            fromIndex = Int32(from)
            toIndex = Int32(to)
            legNumber = Int32(legIndex)
            duration = Int32(clamping: durationMinutes)
            departuresFrom = Int32(departuresStart)
            departuresTo = Int32(departuresEnd)
            self.packedDepartures = packedDepartures
            self.daysMask = daysMask
            expectedWait = Int16(clamping: expectedWaitMinutes)
            fareMinCents = Int32(clamping: fare.minCents)
            fareMaxCents = Int32(clamping: fare.maxCents)
            self.hasFare = hasFare
            self.overnight = overnight
            self.mode = mode
            self.co2eKgPerPerson = co2eKgPerPerson
            // Day 0 (1970-01-01) cannot be a real bound of a service: it stands for "none".
            validFrom = validFromDay.map { UInt16(clamping: max(1, $0)) } ?? 0
            validUntil = validUntilDay.map { UInt16(clamping: max(1, $0)) } ?? 0
            boarding = Int16(clamping: boardingMinutes)
            alighting = Int16(clamping: alightingMinutes)
        }

        var from: Int { Int(fromIndex) }
        var to: Int { Int(toIndex) }
        var legIndex: Int { Int(legNumber) }
        var durationMinutes: Int { Int(duration) }
        /// Local minutes after midnight at `from`, sorted, are `departureMinutes[departuresStart..<departuresEnd]`;
        /// an empty range for frequency-based services. Kept out of the edge so edges copy without reference counting.
        var departuresStart: Int { Int(departuresFrom) }
        var departuresEnd: Int { Int(departuresTo) }
        /// Expected wait for a frequency-based service, in minutes.
        var expectedWaitMinutes: Int { Int(expectedWait) }
        var fare: FareRange { FareRange(minCents: Int(fareMinCents), maxCents: Int(fareMaxCents)) }
        var validFromDay: Int? { validFrom == 0 ? nil : Int(validFrom) }
        var validUntilDay: Int? { validUntil == 0 ? nil : Int(validUntil) }
        /// Connection minutes to board this service and to leave it (`RoutingPolicy.boardingMinutes(for:)`).
        var boardingMinutes: Int { Int(boarding) }
        var alightingMinutes: Int { Int(alighting) }

        static let packedDepartureLimit = 4

        /// `minutes` (each below 1 440) packed 16 bits apiece, in their order; 0 when there are more than four.
        static func pack(_ minutes: [Int]) -> UInt64 {
            guard minutes.count <= packedDepartureLimit else { return 0 }
            var packed: UInt64 = 0
            for (index, minute) in minutes.enumerated() { packed |= UInt64(UInt16(clamping: minute)) << UInt64(16 * index) }
            return packed
        }

        /// The `index`th departure minute of an edge with at most `packedDepartureLimit` of them.
        @inline(__always)
        func packedDeparture(_ index: Int) -> Int { Int((packedDepartures >> UInt64(16 * index)) & 0xFFFF) }
    }

    var index: [PlaceID: Int]
    var placeIDs: [PlaceID]
    var kinds: [PlaceKind]
    var coordinates: [Coordinate]
    /// Index of each place's kind in `PlaceKind.allCases`.
    var kindIndex: [Int]
    /// Bit per country (index mod 64), to stop itineraries that leave a country and come back to it.
    var countryBits: [UInt64]
    /// Distinct time zones, and each place's index into them (offsets are computed per zone, not per place).
    var timeZones: [TimeZone]
    var zoneIndex: [Int]
    var edges: [Edge]
    /// `edges[outgoing[p]]` leave place `p`.
    var outgoing: [Range<Int>]
    var departureMinutes: [Int]
    /// By leg index in `network.legs`.
    var footprints: [LegFootprint?]
    var maxTravelMinutesPerDay: Int
    var minorsMayTravelAtNight: Bool
    var groupHasMinors: Bool
    var endOnly: [Bool]

    init(routing: RoutingNetwork, calculator: EmissionCalculator, group: Group, options: EmissionOptions)
        throws(TrajetError)
    {
        let policy = routing.policy
        self.index = routing.index
        self.placeIDs = routing.placeIDs
        self.kinds = routing.kinds
        self.coordinates = routing.coordinates
        self.kindIndex = routing.kindIndex
        self.countryBits = routing.countryBits
        self.timeZones = routing.timeZones
        self.zoneIndex = routing.zoneIndex
        // In leg order, as the first failing leg decides the error thrown.
        var footprints = [LegFootprint?](repeating: nil, count: routing.inputs.count)
        for (legIndex, input) in routing.inputs.enumerated() {
            guard let input else { continue }
            footprints[legIndex] = try calculator.footprint(of: input, group: group, options: options)
        }
        var edges = routing.edges
        for i in edges.indices {
            edges[i].co2eKgPerPerson = footprints[edges[i].legIndex]!.perPerson.totalKg
        }
        self.footprints = footprints
        self.edges = edges
        self.outgoing = routing.outgoing
        self.departureMinutes = routing.departureMinutes
        self.maxTravelMinutesPerDay = group.minors ? policy.maxTravelMinutesPerDayWithMinors : policy.maxTravelMinutesPerDay
        self.minorsMayTravelAtNight = policy.minorsMayTravelAtNight
        self.groupHasMinors = group.minors
        self.endOnly = routing.endOnly
    }
}
