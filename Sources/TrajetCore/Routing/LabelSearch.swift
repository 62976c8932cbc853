import Foundation

/// One multi-criteria label-setting search (McRAPTOR-like labels over legs, in order of arrival time).
///
/// A label is a partial journey ending at a place: its arrival time, CO2e per person, cost, boardings, nights,
/// and how long the group has already travelled today. A label is dropped when another at the same place is at
/// least as good on every criterion (within small tolerances, which also merges near-duplicates), or when an
/// itinerary already found at the destination is at least as good (target pruning: going on only adds).
struct LabelSearch {
    /// A partial journey, in one 64-byte cache line (it was 104 bytes): the search copies and compares tens of
    /// thousands of them per query on large networks, and reads a place's bag from labels scattered in the arena.
    /// Times are UTC minutes since 1970 (29 million in 2026: 32 bits hold them until the year 6053); counts and
    /// indices fit 32 or 8 bits by far (a trip of 255 boardings or nights is not one anyone plans).
    struct Label {
        let co2: Double
        /// Countries the journey has been in.
        let countries: UInt64
        private let timeMinutes: Int32
        private let dayStartMinutes: Int32
        private let departureMinutes: Int32
        private let leaveAtMinutes: Int32
        private let segmentShiftMinutes: Int32
        private let placeIndex: Int32
        private let parentIndex: Int32
        private let edgeIndex: Int32
        private let costMinCents: Int32
        private let costMaxCents: Int32
        private let boardingCount: UInt8
        private let hotelNightCount: UInt8
        private let boardNightTotal: UInt8
        private let hotelNightsBeforeCount: UInt8
        private let boardNightCount: UInt8
        /// `viaReached`, `alive` and `floating`, one bit each.
        private var flags: UInt8
        /// Why the group sleeps in a hotel before this label's leg (`HotelNightReason.code`, 0 = no night).
        let hotelReasonCode: UInt8

        private static let viaReachedBit: UInt8 = 1
        private static let aliveBit: UInt8 = 2
        private static let floatingBit: UInt8 = 4

        init(
            place: Int, time: Int, dayStart: Int, co2: Double, costMin: Int, costMax: Int, boardings: Int,
            hotelNights: Int, nightsOnBoard: Int, viaReached: Bool, parent: Int, edge: Int, departure: Int,
            hotelNightsBefore: Int, boardNights: Int, countries: UInt64, alive: Bool, leaveAt: Int, floating: Bool,
            hotelReasonCode: UInt8, segmentShift: Int
        ) {
            timeMinutes = Int32(time)
            leaveAtMinutes = Int32(leaveAt)
            segmentShiftMinutes = Int32(segmentShift)
            dayStartMinutes = Int32(dayStart)
            departureMinutes = Int32(departure)
            self.hotelReasonCode = hotelReasonCode
            self.co2 = co2
            self.countries = countries
            // Costs are clamped rather than trapping: 21 million euros per person is not a trip anyone plans.
            placeIndex = Int32(place)
            parentIndex = Int32(parent)
            edgeIndex = Int32(edge)
            costMinCents = Int32(clamping: costMin)
            costMaxCents = Int32(clamping: costMax)
            boardingCount = UInt8(clamping: boardings)
            hotelNightCount = UInt8(clamping: hotelNights)
            boardNightTotal = UInt8(clamping: nightsOnBoard)
            hotelNightsBeforeCount = UInt8(clamping: hotelNightsBefore)
            boardNightCount = UInt8(clamping: boardNights)
            flags = (viaReached ? Self.viaReachedBit : 0) | (alive ? Self.aliveBit : 0) | (floating ? Self.floatingBit : 0)
        }

        var time: Int { Int(timeMinutes) }
        var dayStart: Int { Int(dayStartMinutes) }
        var departure: Int { Int(departureMinutes) }
        /// When the group leaves the origin (UTC minutes): later than the query's time when the first fixed departure
        /// allows it (see `floating`).
        var leaveAt: Int { Int(leaveAtMinutes) }
        /// Minutes the current day's part of the journey has been moved later so far (see `floating`); rebuilding an
        /// itinerary moves each leg by the day's final shift minus its own.
        var segmentShift: Int { Int(segmentShiftMinutes) }
        var place: Int { Int(placeIndex) }
        var parent: Int { Int(parentIndex) }
        var edge: Int { Int(edgeIndex) }
        var costMin: Int { Int(costMinCents) }
        var costMax: Int { Int(costMaxCents) }
        var boardings: Int { Int(boardingCount) }
        var hotelNights: Int { Int(hotelNightCount) }
        var nightsOnBoard: Int { Int(boardNightTotal) }
        var hotelNightsBefore: Int { Int(hotelNightsBeforeCount) }
        var boardNights: Int { Int(boardNightCount) }
        var nights: Int { hotelNights + nightsOnBoard }
        var viaReached: Bool { flags & Self.viaReachedBit != 0 }
        /// No fixed departure yet since the group set off (from home, or from a hotel in the morning): that part of
        /// the journey can be moved later as a whole, as the group leaves to meet the first timetabled service with
        /// the minimum connection instead of waiting for it.
        var floating: Bool { flags & Self.floatingBit != 0 }
        var alive: Bool {
            get { flags & Self.aliveBit != 0 }
            set { flags = newValue ? flags | Self.aliveBit : flags & ~Self.aliveBit }
        }
    }

    let graph: CompiledGraph
    let policy: RoutingPolicy
    let constraints: RouteConstraints
    let origin: Int
    let destination: Int
    let via: Int?
    let startUTC: Int
    let nightAllowed: Bool
    let hotelCost: FareRange

    var labels: [Label] = []
    /// Labels per place, by place index (arrays, not dictionaries: this is the hot path on large networks).
    /// Labels at the destination: the answer, never trimmed (other places use the fixed slots below).
    var destinationBag: [Int] = []
    /// Labels at each place other than the destination, in fixed slots (`maxLabelsPerPlace` per place): no
    /// per-place arrays to allocate, copy or reference-count on the hot path.
    var bagSlots: [Int32]
    var bagCounts: [UInt8]
    let bagCapacity: Int
    var heap = MinHeap()
    var targets: [Int] = []
    var fastestTargetTime = Int.max
    /// Lowest CO2e, boardings and nights among the itineraries found: a label below them on any one cannot be
    /// dominated by any of them, which skips the loop for most labels.
    var lowestTargetCO2 = Double.infinity
    var fewestTargetBoardings = Int.max
    var fewestTargetNights = Int.max
    var offsetCache: [Int]
    /// Great-circle km from the origin plus to the destination, per place (lazily filled; -1 = not yet).
    var detourKm: [Double]
    var maxDetourKm: Double
    var extraDetourKm: Double = 0

    let tolerance: DominanceTolerance
    let avoidedModes: Set<TransportMode>

    init(
        graph: CompiledGraph, policy: RoutingPolicy, constraints: RouteConstraints, origin: Int, destination: Int,
        via: Int?, departure query: RouteQuery
    ) {
        self.graph = graph
        self.policy = policy
        self.constraints = constraints
        self.origin = origin
        self.destination = destination
        self.via = via
        self.nightAllowed = !constraints.noNightTravel && (!graph.groupHasMinors || graph.minorsMayTravelAtNight)
        self.hotelCost = policy.hotelCostCentsPerPersonPerNight
        self.tolerance = policy.dominanceTolerance
        self.avoidedModes = constraints.avoidedModes
        let localStart = query.departureDay.daysSinceEpoch * 1440 + query.departureTime.minutesAfterMidnight
        let zone = graph.timeZones[graph.zoneIndex[origin]]
        let seconds = zone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(localStart) * 60))
        self.startUTC = localStart - seconds / 60
        self.bagCapacity = min(255, max(1, policy.maxLabelsPerPlace))
        self.bagSlots = Array(repeating: 0, count: graph.placeIDs.count * min(255, max(1, policy.maxLabelsPerPlace)))
        self.bagCounts = Array(repeating: 0, count: graph.placeIDs.count)
        self.offsetCache = Array(repeating: Int.min, count: graph.timeZones.count)
        self.detourKm = Array(repeating: -1, count: graph.placeIDs.count)
        let direct = GreatCircle.distanceKm(from: graph.coordinates[origin], to: graph.coordinates[destination])
        self.maxDetourKm = direct * policy.maxDetourRatio + policy.detourSlackKm
    }

    /// Whether a place lies inside the ellipse of sensible detours between origin and destination.
    mutating func withinDetour(_ place: Int) -> Bool {
        if place == via { return true }
        var km = detourKm[place]
        if km < 0 {
            km = GreatCircle.distanceKm(from: graph.coordinates[origin], to: graph.coordinates[place])
                + GreatCircle.distanceKm(from: graph.coordinates[place], to: graph.coordinates[destination])
            detourKm[place] = km
        }
        return km <= maxDetourKm + extraDetourKm
    }

    mutating func offset(_ place: Int, at utc: Int) -> Int {
        // One offset per place per search: a trip spans days, not the months between DST changes.
        let zone = graph.zoneIndex[place]
        let cached = offsetCache[zone]
        if cached != Int.min { return cached }
        let value = graph.timeZones[zone].secondsFromGMT(for: Date(timeIntervalSince1970: Double(utc) * 60)) / 60
        offsetCache[zone] = value
        return value
    }

    /// Runs the search; returns the indices of the labels that reached the destination.
    mutating func run() -> [Int] {
        let start = Label(
            place: origin, time: startUTC, dayStart: startUTC, co2: 0, costMin: 0, costMax: 0, boardings: 0,
            hotelNights: 0, nightsOnBoard: 0, viaReached: via == nil || via == origin, parent: -1, edge: -1,
            departure: startUTC, hotelNightsBefore: 0, boardNights: 0, countries: graph.countryBits[origin], alive: true,
            leaveAt: startUTC, floating: true, hotelReasonCode: 0, segmentShift: 0)
        labels.append(start)
        bagSlots[origin * bagCapacity] = 0
        bagCounts[origin] = 1
        if let via {
            // A via place widens the ellipse to take it in.
            let viaKm = GreatCircle.distanceKm(from: graph.coordinates[origin], to: graph.coordinates[via])
                + GreatCircle.distanceKm(from: graph.coordinates[via], to: graph.coordinates[destination])
            extraDetourKm = max(0, viaKm * policy.maxDetourRatio - maxDetourKm)
        }
        heap.push(time: startUTC, label: 0)
        var horizon = startUTC + policy.horizonDays * 1440
        var fastestArrival = Int.max
        // Local references: reading through `self.graph` in this mutating loop costs a retain per access.
        let edges = graph.edges
        let outgoing = graph.outgoing
        let endOnly = graph.endOnly
        labels.reserveCapacity(min(1 << 16, graph.placeIDs.count * policy.maxLabelsPerPlace + 16))
        while let (time, current) = heap.pop() {
            // Options far slower than the fastest one found are not worth a coordinator's time (and bound the work):
            // stop exploring past `maxDurationVsFastest` × the fastest door-to-door time.
            if fastestTargetTime < fastestArrival {
                fastestArrival = fastestTargetTime
                let fastest = fastestTargetTime
                let bound = startUTC + Int(Double(fastest - startUTC) * policy.maxDurationVsFastest)
                horizon = min(horizon, max(bound, fastest + policy.minimumSlackMinutes))
            }
            if time > horizon { break }
            let label = labels[current]
            guard label.alive, label.place != destination else { continue }
            if isDominatedByTarget(label) { continue }
            // Edges are read in place (borrowed), never copied: an edge is about 150 bytes, and copying one per
            // outgoing edge of every label was a tenth of a search on the generated 100 000-leg network.
            edges.withUnsafeBufferPointer { edgeBuffer in
                for edgeIndex in outgoing[label.place] {
                    let to = edgeBuffer[edgeIndex].to
                    // Before the detour test: it computes a great-circle distance the first time it meets a place.
                    if endOnly[to], to != destination, to != via { continue }
                    guard edgeAllowed(edgeBuffer[edgeIndex]), withinDetour(to) else { continue }
                    guard var next = extend(current, label, edgeIndex, edgeBuffer[edgeIndex]) else { continue }
                    guard next.time <= horizon, withinConstraints(next) else { continue }
                    next.alive = true
                    insert(next)
                }
            }
        }
        return targets.filter { labels[$0].alive }
    }

    func edgeAllowed(_ edge: borrowing CompiledGraph.Edge) -> Bool {
        let mode = edge.mode
        if constraints.overland, mode == .flight { return false }
        if !avoidedModes.isEmpty, avoidedModes.contains(mode) { return false }
        if !constraints.avoidedLegIndices.isEmpty, constraints.avoidedLegIndices.contains(edge.legIndex) { return false }
        if !nightAllowed, edge.overnight { return false }
        return true
    }

    func withinConstraints(_ label: Label) -> Bool {
        if let maxDays = constraints.maxDays, label.nights + 1 > maxDays { return false }
        if let maxChanges = constraints.maxChanges, label.boardings - 1 > maxChanges { return false }
        if let maxCost = constraints.maxCostCentsPerPerson, label.costMin > maxCost { return false }
        return true
    }

    /// Local 02:00 instants in `(from, to]`: nights spent between two moments at a place.
    func nightsBetween(_ from: Int, _ to: Int, offset: Int) -> Int {
        guard to > from else { return 0 }
        return floorDiv(to + offset - 120, 1440) - floorDiv(from + offset - 120, 1440)
    }

    /// Next departure of `edge` at or after `earliest` (UTC), honouring timetables, days and service hours.
    /// `bookedToFit`: a frequency-based service is taken as soon as the group is there (it times its departure from
    /// home to meet it) rather than after the expected wait.
    mutating func nextDeparture(_ edge: borrowing CompiledGraph.Edge, notBefore earliest: Int, bookedToFit: Bool = false) -> Int? {
        let offset = self.offset(edge.from, at: earliest)
        let local = earliest + offset
        let day = floorDiv(local, 1440)
        let minuteOfDay = local - day * 1440
        let (daysMask, validFromDay, validUntilDay) = (edge.daysMask, edge.validFromDay, edge.validUntilDay)
        func runs(_ day: Int) -> Bool {
            daysMask == 0 || daysMask & (1 << UInt8(Weekday.of(daysSinceEpoch: day).rawValue - 1)) != 0
        }
        func valid(_ day: Int) -> Bool {
            if let from = validFromDay, day < from { return false }
            if let until = validUntilDay, day > until { return false }
            return true
        }
        let departureCount = edge.departuresEnd - edge.departuresStart
        if departureCount > 0 {
            let packed = departureCount <= CompiledGraph.Edge.packedDepartureLimit
            for k in 0..<8 {
                let d = day + k
                guard runs(d), valid(d) else { continue }
                for i in 0..<departureCount {
                    let minute = packed ? edge.packedDeparture(i) : graph.departureMinutes[edge.departuresStart + i]
                    guard k > 0 || minute >= minuteOfDay else { continue }
                    return d * 1440 + minute - offset
                }
            }
            return nil
        }
        var startLocal = local
        if minuteOfDay < policy.serviceStartMinutes {
            startLocal = day * 1440 + policy.serviceStartMinutes
        } else if minuteOfDay > policy.serviceEndMinutes {
            startLocal = (day + 1) * 1440 + policy.serviceStartMinutes
        }
        var startDay = floorDiv(startLocal, 1440)
        var k = 0
        while !(runs(startDay) && valid(startDay)) {
            k += 1
            if k > 7 { return nil }
            startDay += 1
            startLocal = startDay * 1440 + policy.serviceStartMinutes
        }
        return startLocal + (bookedToFit ? 0 : edge.expectedWaitMinutes) - offset
    }

    mutating func extend(_ parentIndex: Int, _ label: Label, _ edgeIndex: Int, _ edge: borrowing CompiledGraph.Edge) -> Label? {
        // A door-to-door trip does not go back to a country it has left (Tanger Med → Algeciras → Tarifa → Tanger
        // is never a sensible way into Tangier, however its kilograms add up).
        let targetCountry = graph.countryBits[edge.to]
        if targetCountry != graph.countryBits[label.place], label.countries & targetCountry != 0 { return nil }
        let atOrigin = label.parent < 0
        // Leaving the service just taken (passport and bags after a flight), then boarding the next (check-in): the
        // minutes depend on the direction and on the kind of terminal (`RoutingPolicy.connectionMinutes`).
        let connection = atOrigin ? 0 : graph.edges[label.edge].alightingMinutes + edge.boardingMinutes
        let earliest = label.time + connection
        let timetabled = edge.departuresEnd > edge.departuresStart
        guard var departure = nextDeparture(edge, notBefore: earliest, bookedToFit: label.floating && !timetabled)
        else { return nil }
        let offset = self.offset(label.place, at: label.time)
        var hotel = 0
        var reason = HotelNightReason.noCode
        var dayStart = label.dayStart
        var leaveAt = label.leaveAt
        var floating = label.floating && !timetabled
        var segmentShift = label.segmentShift
        if atOrigin {
            dayStart = departure
            leaveAt = departure
        } else if label.floating, canMoveLater(label, by: departure - earliest) {
            // The group sets off later instead of waiting here: the day's journey so far moves with it (and the
            // departure from home, on the first day).
            let shift = departure - earliest
            dayStart += shift
            segmentShift += shift
            if label.hotelNights == 0 && label.nightsOnBoard == 0 { leaveAt += shift }
        } else {
            floating = false
            let waited = nightsBetween(label.time, departure, offset: offset)
            if waited > 0 {
                hotel = waited
                dayStart = departure
                segmentShift = 0
                reason = HotelNightReason.nextDepartureCode
            }
        }
        let cap = graph.maxTravelMinutesPerDay
        var arrival = departure + edge.durationMinutes
        var crossesNight = edge.overnight || nightsBetween(departure, arrival, offset: offset) > 0
        if !crossesNight, arrival - dayStart > cap, !isShortFinalTransfer(edge, earliest: earliest, arrival: arrival) {
            // The day is over: sleep here and take the service the next morning.
            if dayStart == departure { return nil }
            let local = label.time + offset
            var morning = floorDiv(local, 1440) * 1440 + policy.dayStartMinutes
            if morning <= local { morning += 1440 }
            // From the hotel the group again sets off to meet the day's first timetabled service.
            guard let later = nextDeparture(edge, notBefore: max(morning - offset, earliest), bookedToFit: !timetabled)
            else { return nil }
            floating = !timetabled
            segmentShift = 0
            departure = later
            arrival = departure + edge.durationMinutes
            hotel = max(1, nightsBetween(label.time, departure, offset: offset))
            reason = HotelNightReason.dailyLimitCode
            dayStart = departure
            crossesNight = nightsBetween(departure, arrival, offset: offset) > 0
            if !crossesNight, arrival - dayStart > cap { return nil }
        }
        var boardNights = 0
        if crossesNight {
            guard nightAllowed else { return nil }
            boardNights = max(1, nightsBetween(departure, arrival, offset: offset))
            dayStart = arrival
            floating = false
        }
        let edgeTo = edge.to
        let reachesVia = label.viaReached || edgeTo == via
        let hotelCents = FareRange(minCents: hotelCost.minCents * hotel, maxCents: hotelCost.maxCents * hotel)
        return Label(
            place: edge.to, time: arrival, dayStart: dayStart, co2: label.co2 + edge.co2eKgPerPerson,
            costMin: label.costMin + edge.fare.minCents + hotelCents.minCents,
            costMax: label.costMax + edge.fare.maxCents + hotelCents.maxCents,
            boardings: label.boardings + (edge.mode == .walk ? 0 : 1), hotelNights: label.hotelNights + hotel,
            nightsOnBoard: label.nightsOnBoard + boardNights, viaReached: reachesVia,
            parent: parentIndex, edge: edgeIndex, departure: departure, hotelNightsBefore: hotel,
            boardNights: boardNights, countries: label.countries | targetCountry, alive: true, leaveAt: leaveAt,
            floating: floating, hotelReasonCode: reason, segmentShift: segmentShift)
    }

    /// Whether a journey that has met no fixed departure yet can start `minutes` later: its first departure stays
    /// within service hours and it still travels in one daytime (a journey is not moved into the night).
    mutating func canMoveLater(_ label: Label, by minutes: Int) -> Bool {
        guard minutes > 0 else { return true }
        // The day's part of the journey stays in one region: the offset of the last leg's departure place serves.
        let from = graph.edges[label.edge].from
        let zoneOffset = offset(from, at: label.departure)
        func inServiceHours(_ utc: Int) -> Bool {
            let local = utc + zoneOffset
            let minute = local - floorDiv(local, 1440) * 1440
            return minute >= policy.serviceStartMinutes && minute <= policy.serviceEndMinutes
        }
        guard inServiceHours(label.dayStart + minutes), inServiceHours(label.departure + minutes) else { return false }
        return nightsBetween(label.dayStart + minutes, label.time + minutes, offset: zoneOffset) == 0
    }

    /// The last leg to the destination, short and arriving by the evening: the daily limit does not make the group
    /// sleep a few kilometres from its hosts (`RoutingPolicy.finalTransferMaxMinutes`).
    mutating func isShortFinalTransfer(_ edge: borrowing CompiledGraph.Edge, earliest: Int, arrival: Int) -> Bool {
        guard edge.to == destination, arrival - earliest <= policy.finalTransferMaxMinutes else { return false }
        let local = arrival + offset(edge.to, at: arrival)
        let minute = local - floorDiv(local, 1440) * 1440
        return minute >= policy.serviceStartMinutes && minute <= policy.finalTransferArriveByMinutes
    }

    /// `a` is at least as good as `b` on every criterion, within tolerances.
    @inline(__always)
    func dominates(_ a: borrowing Label, _ b: borrowing Label, ignoringDay: Bool = false) -> Bool {
        if b.viaReached, !a.viaReached { return false }
        // Minutes matter less as a journey grows: 15 minutes on day one, proportionally more after days of travel.
        let timeMargin = max(tolerance.timeMinutes, Int(Double(b.time - startUTC) * tolerance.timeFraction))
        if a.time > b.time + timeMargin { return false }
        // Door to door counts from when the group leaves: a later start with the same arrival is a shorter trip.
        if a.time - a.leaveAt > b.time - b.leaveAt + timeMargin { return false }
        // A journey that can still start later beats a fixed one at the next fixed departure; against a finished
        // itinerary (`ignoringDay`) it can only grow, so the comparison above stands.
        if !ignoringDay, b.floating, !a.floating { return false }
        if a.co2 > b.co2 * (1 + tolerance.co2Fraction) + 0.01 { return false }
        if a.costMin > b.costMin + max(tolerance.costCents, Int(Double(b.costMin) * tolerance.costFraction)) { return false }
        if a.boardings > b.boardings + tolerance.changes { return false }
        if a.nights > b.nights { return false }
        if !ignoringDay, a.time - a.dayStart > b.time - b.dayStart + timeMargin { return false }
        return true
    }

    @inline(__always)
    func isDominatedByTarget(_ label: borrowing Label) -> Bool {
        if label.co2 * (1 + tolerance.co2Fraction) + 0.01 < lowestTargetCO2 { return false }
        if label.boardings + tolerance.changes < fewestTargetBoardings { return false }
        if label.nights < fewestTargetNights { return false }
        for target in targets where labels[target].alive && labels[target].viaReached {
            if dominates(labels[target], label, ignoringDay: true) { return true }
        }
        return false
    }

    /// Heuristic value for trimming a full bag: kg CO2e plus a price on hours and euros.
    static func trimScore(_ label: Label) -> Double {
        label.co2 + Double(label.time) / 60 * 2 + Double(label.costMin) / 100 * 0.5 + Double(label.boardings) * 5
    }

    mutating func insert(_ label: Label) {
        if label.place == destination {
            insertAtDestination(label)
            return
        }
        let base = label.place * bagCapacity
        var count = Int(bagCounts[label.place])
        // The place's own labels first: they reject most candidates, and there are few of them.
        for slot in base..<(base + count) {
            let existing = Int(bagSlots[slot])
            if labels[existing].alive, dominates(labels[existing], label) { return }
        }
        if isDominatedByTarget(label) { return }
        // Drop the labels the new one dominates (and any already dead), compacting the slots.
        var kept = 0
        for slot in base..<(base + count) {
            let existing = Int(bagSlots[slot])
            if labels[existing].alive, !dominates(label, labels[existing]) {
                bagSlots[base + kept] = Int32(existing)
                kept += 1
            } else {
                labels[existing].alive = false
            }
        }
        count = kept
        if count >= bagCapacity {
            // Bound the work on large networks: replace the worst label if the new one scores better. The place's
            // lowest-carbon and earliest labels are never evicted (a new label that beats them always gets in): the
            // score prices hours in kilograms and would otherwise drop the slow, low-carbon journeys first.
            //
            // With a via place, a journey that has been there outranks every one that has not (only it can become
            // an answer): the two kinds are trimmed apart, and a via journey evicts the worst of the others first.
            // Without this, cheap journeys that skip the via place (a direct coach to Tangier) filled the bags
            // after it and `--via madrid` found nothing (issue 13).
            let ranked = via != nil
            func competes(_ existing: Label) -> Bool { !ranked || existing.viaReached == label.viaReached }
            var lowest = -1
            var earliest = -1
            var weaker = -1
            var weakerScore = -Double.infinity
            for slot in base..<(base + count) {
                let existing = labels[Int(bagSlots[slot])]
                if ranked, label.viaReached, !existing.viaReached {
                    let score = LabelSearch.trimScore(existing)
                    if score > weakerScore {
                        weaker = slot
                        weakerScore = score
                    }
                }
                guard competes(existing) else { continue }
                if lowest < 0 || existing.co2 < labels[Int(bagSlots[lowest])].co2 { lowest = slot }
                if earliest < 0 || existing.time < labels[Int(bagSlots[earliest])].time { earliest = slot }
            }
            var worst = weaker
            if worst < 0 {
                let newIsLowest = lowest < 0 || label.co2 < labels[Int(bagSlots[lowest])].co2
                let newIsEarliest = earliest < 0 || label.time < labels[Int(bagSlots[earliest])].time
                var worstScore = -Double.infinity
                for slot in base..<(base + count)
                where competes(labels[Int(bagSlots[slot])]) && (slot != lowest || newIsLowest)
                    && (slot != earliest || newIsEarliest)
                {
                    let score = LabelSearch.trimScore(labels[Int(bagSlots[slot])])
                    if score > worstScore {
                        worst = slot
                        worstScore = score
                    }
                }
                guard worst >= 0, newIsLowest || newIsEarliest || LabelSearch.trimScore(label) < worstScore else {
                    bagCounts[label.place] = UInt8(count)
                    return
                }
            }
            labels[Int(bagSlots[worst])].alive = false
            bagSlots[worst] = bagSlots[base + count - 1]
            count -= 1
        }
        let index = labels.count
        labels.append(label)
        bagSlots[base + count] = Int32(index)
        bagCounts[label.place] = UInt8(count + 1)
        heap.push(time: label.time, label: index)
    }

    /// The destination's bag is the answer: never trimmed, only kept non-dominated.
    mutating func insertAtDestination(_ label: Label) {
        for existing in destinationBag where labels[existing].alive {
            if dominates(labels[existing], label) { return }
        }
        if isDominatedByTarget(label) { return }
        var bag = destinationBag
        destinationBag = []  // hand the array over, so appending below does not copy it
        bag.removeAll { existing in
            let dominated = dominates(label, labels[existing])
            if dominated { labels[existing].alive = false }
            return dominated || !labels[existing].alive
        }
        let index = labels.count
        labels.append(label)
        bag.append(index)
        destinationBag = bag
        if label.viaReached {
            targets.append(index)
            fastestTargetTime = min(fastestTargetTime, label.time)
            lowestTargetCO2 = min(lowestTargetCO2, label.co2)
            fewestTargetBoardings = min(fewestTargetBoardings, label.boardings)
            fewestTargetNights = min(fewestTargetNights, label.nights)
        }
    }

    /// The backward pass: from the last leg to the first, each leg moves as late as the connection to the next one
    /// allows (frequency-based services are booked to meet it, timetabled ones take their latest departure that
    /// still connects), so the group waits at home or at the end of its day rather than hours early at an airport.
    /// A leg before a hotel night or a night aboard stays: the night is its own reason to arrive early.
    mutating func moveLegsLater(_ chain: [Label], _ departures: inout [Int], _ arrivals: inout [Int]) {
        guard chain.count > 1 else { return }
        // Only a fixed departure, or a leg already moved to meet one, is worth meeting: a frequency leg's own time
        // is an assumption (its expected wait), and moving towards it would only shift that wait around.
        var anchored = chain.map { graph.edges[$0.edge].departuresEnd > graph.edges[$0.edge].departuresStart }
        for i in stride(from: chain.count - 2, through: 0, by: -1) {
            let next = chain[i + 1]
            guard anchored[i + 1], next.hotelNightsBefore == 0, chain[i].boardNights == 0 else { continue }
            let edge = graph.edges[chain[i].edge]
            let connection = edge.alightingMinutes + graph.edges[next.edge].boardingMinutes
            let latest = departures[i + 1] - connection - edge.durationMinutes
            guard latest > departures[i] else {
                // Already meets it with the minimum change: it is as fixed as the leg it meets.
                if latest == departures[i] { anchored[i] = true }
                continue
            }
            var moved = departures[i]
            if edge.departuresEnd > edge.departuresStart {
                while let candidate = nextDeparture(edge, notBefore: moved + 1), candidate <= latest { moved = candidate }
            } else {
                let local = latest + offset(edge.from, at: latest)
                let minute = local - floorDiv(local, 1440) * 1440
                let sameNight = nightsBetween(departures[i], latest, offset: offset(edge.from, at: latest)) == 0
                if minute >= policy.serviceStartMinutes, minute <= policy.serviceEndMinutes, sameNight { moved = latest }
            }
            if moved == latest { anchored[i] = true }
            arrivals[i] += moved - departures[i]
            departures[i] = moved
        }
    }

    /// Rebuilds the journey that ends with a destination label.
    mutating func itinerary(endingAt index: Int, planner: RoutePlanner) -> Itinerary? {
        var chain: [Label] = []
        var current = index
        while current >= 0, labels[current].edge >= 0 {
            chain.append(labels[current])
            current = labels[current].parent
        }
        guard !chain.isEmpty else { return nil }
        chain.reverse()
        let last = labels[index]
        // Legs placed before the day's first fixed departure move with the group's later start (`Label.floating`).
        var shifts = Array(repeating: 0, count: chain.count)
        var dayShift = last.segmentShift
        for i in chain.indices.reversed() {
            shifts[i] = dayShift - chain[i].segmentShift
            if chain[i].hotelNightsBefore > 0, i > 0 { dayShift = chain[i - 1].segmentShift }
        }
        var departures = chain.indices.map { chain[$0].departure + shifts[$0] }
        var arrivals = chain.indices.map { chain[$0].time + shifts[$0] }
        moveLegsLater(chain, &departures, &arrivals)
        var legs: [ItineraryLeg] = []
        for (i, label) in chain.enumerated() {
            let edge = graph.edges[label.edge]
            guard let footprint = graph.footprints[edge.legIndex] else { return nil }
            let leg = planner.network.legs[edge.legIndex]
            var reason: HotelNightReason?
            switch label.hotelReasonCode {
            case HotelNightReason.dailyLimitCode:
                reason = .dailyLimit(minutes: graph.maxTravelMinutesPerDay, minors: graph.groupHasMinors)
            case HotelNightReason.nextDepartureCode: reason = .nextDeparture
            default: reason = nil
            }
            let connection = i == 0 ? 0 : graph.edges[chain[i - 1].edge].alightingMinutes + edge.boardingMinutes
            let wait = i == 0 || label.hotelNightsBefore > 0 ? 0 : max(0, departures[i] - arrivals[i - 1] - connection)
            legs.append(
                ItineraryLeg(
                    leg: leg,
                    departure: TripTime(utcMinutes: departures[i], utcOffsetMinutes: offset(edge.from, at: departures[i])),
                    arrival: TripTime(utcMinutes: arrivals[i], utcOffsetMinutes: offset(edge.to, at: arrivals[i])),
                    hotelNightsBefore: label.hotelNightsBefore, nightsOnBoard: label.boardNights, footprint: footprint,
                    hotelReason: reason, connectionMinutesBefore: i == 0 ? 0 : min(connection, departures[i] - arrivals[i - 1]),
                    waitMinutesBefore: wait))
        }
        let hotels = FareRange(minCents: hotelCost.minCents * last.hotelNights, maxCents: hotelCost.maxCents * last.hotelNights)
        var countries: [PlaceID: String] = [:]
        for item in legs {
            for id in [item.leg.from, item.leg.to] { countries[id] = planner.network.place(id)?.countryCode }
        }
        return Itinerary(
            legs: legs, footprint: TripFootprint(legs: legs.map(\.footprint), people: planner.group.people),
            hotelNights: last.hotelNights, nightsOnBoard: last.nightsOnBoard,
            costCentsPerPerson: FareRange(minCents: last.costMin, maxCents: last.costMax),
            hotelCostCentsPerPerson: hotels, legsWithoutFare: legs.filter { $0.leg.fare == nil }.count,
            placeCountries: countries)
    }
}

/// A binary min-heap of (time, label) pairs; ties pop in insertion order of labels.
/// The labels to expand, earliest first (ties: the older label first). Each entry is one integer, the time in the
/// high 32 bits and the label index in the low 32 (UTC minutes since 1970 and label indices are both positive and
/// below 2³¹), so comparing entries is comparing integers and sifting moves 8 bytes instead of 16.
struct MinHeap {
    private var items: [UInt64] = []

    mutating func push(time: Int, label: Int) {
        let entry = UInt64(UInt32(time)) << 32 | UInt64(UInt32(label))
        items.append(entry)
        // Sift up with a hole: parents move down, the entry is written once.
        var child = items.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard entry < items[parent] else { break }
            items[child] = items[parent]
            child = parent
        }
        items[child] = entry
    }

    mutating func pop() -> (Int, Int)? {
        guard let first = items.first else { return nil }
        let last = items.removeLast()
        if !items.isEmpty {
            // Sift the last entry down from the root with a hole.
            var parent = 0
            let count = items.count
            while true {
                let left = 2 * parent + 1
                guard left < count else { break }
                let right = left + 1
                let smaller = right < count && items[right] < items[left] ? right : left
                guard items[smaller] < last else { break }
                items[parent] = items[smaller]
                parent = smaller
            }
            items[parent] = last
        }
        return (Int(first >> 32), Int(first & 0xFFFF_FFFF))
    }
}
