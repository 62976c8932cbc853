import Testing
@testable import TrajetCore

/// The search's label is packed into one 64-byte cache line (times as 32-bit UTC minutes, counts in 8 bits): it must
/// give back every value it was given, clamp counts past its range instead of wrapping, and stay one cache line
/// (a field added without measuring would slow every search on large networks).
@Suite struct LabelLayoutTests {
    @Test func aLabelKeepsEveryValueInOneCacheLine() {
        let july2026 = 29_700_000
        var label = LabelSearch.Label(
            place: 9_999, time: july2026 + 600, dayStart: july2026 + 60, co2: 123.456, costMin: 12_345, costMax: 67_890,
            boardings: 7, hotelNights: 2, nightsOnBoard: 1, viaReached: true, parent: 23_999, edge: 99_999,
            departure: july2026 + 540, hotelNightsBefore: 1, boardNights: 0, countries: 0b1011, alive: true,
            leaveAt: july2026 + 30, floating: false, hotelReasonCode: 2, segmentShift: 45)
        #expect(MemoryLayout<LabelSearch.Label>.stride == 64)
        #expect(label.place == 9_999 && label.parent == 23_999 && label.edge == 99_999)
        #expect(label.time == july2026 + 600 && label.dayStart == july2026 + 60 && label.departure == july2026 + 540)
        #expect(label.leaveAt == july2026 + 30 && label.segmentShift == 45)
        #expect(label.co2 == 123.456 && label.costMin == 12_345 && label.costMax == 67_890)
        #expect(label.boardings == 7 && label.hotelNights == 2 && label.nightsOnBoard == 1 && label.nights == 3)
        #expect(label.hotelNightsBefore == 1 && label.boardNights == 0 && label.countries == 0b1011)
        #expect(label.viaReached && label.alive && !label.floating && label.hotelReasonCode == 2)
        label.alive = false
        #expect(!label.alive && label.viaReached && !label.floating)

        let extreme = LabelSearch.Label(
            place: 0, time: 0, dayStart: 0, co2: 0, costMin: Int.max, costMax: -1, boardings: 300, hotelNights: 999,
            nightsOnBoard: -4, viaReached: false, parent: -1, edge: -1, departure: 0, hotelNightsBefore: 256,
            boardNights: 1_000, countries: 0, alive: false, leaveAt: 0, floating: true, hotelReasonCode: 0,
            segmentShift: 0)
        #expect(extreme.costMin == Int(Int32.max) && extreme.costMax == -1)
        #expect(extreme.boardings == 255 && extreme.hotelNights == 255 && extreme.nightsOnBoard == 0)
        #expect(extreme.hotelNightsBefore == 255 && extreme.boardNights == 255)
        #expect(extreme.parent == -1 && extreme.edge == -1 && extreme.floating && !extreme.alive && !extreme.viaReached)
    }

    /// Up to four departure minutes ride in the edge itself, in their order; an edge with more keeps them only in
    /// the graph's array (the search reads the array then).
    @Test func departureMinutesPackInTheEdgeUpToFour() {
        let four = [0, 1_439, 600, 5]
        let packed = CompiledGraph.Edge.pack(four)
        var edge = CompiledGraph.Edge(
            from: 0, to: 1, legIndex: 0, durationMinutes: 60, departuresStart: 0, departuresEnd: four.count,
            packedDepartures: packed, daysMask: 0, expectedWaitMinutes: 0, fare: .zero, hasFare: false, overnight: false,
            mode: .rail, co2eKgPerPerson: 0, validFromDay: nil, validUntilDay: nil, boardingMinutes: 0,
            alightingMinutes: 0)
        #expect(four.indices.map { edge.packedDeparture($0) } == four)
        edge.packedDepartures = CompiledGraph.Edge.pack([420])
        #expect(edge.packedDeparture(0) == 420)
        #expect(CompiledGraph.Edge.pack([1, 2, 3, 4, 5]) == 0)
    }

    /// The search's edge is one 64-byte cache line too; what it stores narrower reads back as given.
    @Test func anEdgeKeepsItsValuesInOneCacheLine() {
        let edge = CompiledGraph.Edge(
            from: 9_999, to: 12, legIndex: 99_999, durationMinutes: 2_880, departuresStart: 250_000,
            departuresEnd: 250_007, packedDepartures: 0, daysMask: 0b0100_0001, expectedWaitMinutes: 180,
            fare: FareRange(minCents: 1_500, maxCents: 120_000), hasFare: true, overnight: true, mode: .nightTrain,
            co2eKgPerPerson: 12.75, validFromDay: 20_600, validUntilDay: 20_800, boardingMinutes: 120,
            alightingMinutes: 45)
        #expect(MemoryLayout<CompiledGraph.Edge>.stride == 64)
        #expect(edge.from == 9_999 && edge.to == 12 && edge.legIndex == 99_999 && edge.durationMinutes == 2_880)
        #expect(edge.departuresStart == 250_000 && edge.departuresEnd == 250_007 && edge.daysMask == 0b0100_0001)
        #expect(edge.expectedWaitMinutes == 180 && edge.fare == FareRange(minCents: 1_500, maxCents: 120_000))
        #expect(edge.hasFare && edge.overnight && edge.mode == .nightTrain && edge.co2eKgPerPerson == 12.75)
        #expect(edge.validFromDay == 20_600 && edge.validUntilDay == 20_800)
        #expect(edge.boardingMinutes == 120 && edge.alightingMinutes == 45)
        let open = CompiledGraph.Edge(
            from: 0, to: 1, legIndex: 0, durationMinutes: 60, departuresStart: 0, departuresEnd: 0, packedDepartures: 0,
            daysMask: 0, expectedWaitMinutes: 0, fare: .zero, hasFare: false, overnight: false, mode: .bus,
            co2eKgPerPerson: 0, validFromDay: nil, validUntilDay: nil, boardingMinutes: 0, alightingMinutes: 0)
        #expect(open.validFromDay == nil && open.validUntilDay == nil)
    }

    /// The search's queue packs (time, label) into one integer: it must pop in time order, the older label first on
    /// equal times, whatever the order of the pushes.
    @Test func theQueuePopsByTimeThenLabel() {
        // Scrambled deterministically: times by a multiplier modulo a day and a half, pushes in a strided order.
        var entries: [(time: Int, label: Int)] = (0..<2_000).map { (29_700_000 + ($0 * 7_919) % 2_161, $0) }
        entries.append((29_700_000, 2_000))
        entries.append((29_700_000, 2_001))
        var heap = MinHeap()
        for step in entries.indices {
            let entry = entries[(step * 1_237) % entries.count]
            heap.push(time: entry.time, label: entry.label)
        }
        var popped: [(Int, Int)] = []
        while let next = heap.pop() { popped.append(next) }
        let expected = entries.sorted { ($0.time, $0.label) < ($1.time, $1.label) }
        #expect(popped.count == expected.count)
        #expect(zip(popped, expected).allSatisfy { $0.0 == $1.time && $0.1 == $1.label })
    }
}
