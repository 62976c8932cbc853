import Testing
import TrajetCore

/// `--via`: a journey through the via place must not be lost to cheaper journeys that skip it when a place's bag of
/// labels is full (issue 13; found with a Brussels–Barcelona coach: `--via madrid` then found nothing at all).
@Suite struct ViaSearchTests {
    static let paris = Fixtures.place("FR-PARIS", .station, "Paris", "FR", 48.88, 2.35)
    static let lyon = Fixtures.place("FR-LYON", .station, "Lyon", "FR", 45.76, 4.86)
    static let marseille = Fixtures.place("FR-MARSEILLE", .station, "Marseille", "FR", 43.30, 5.38)
    static let nice = Fixtures.place("FR-NICE", .station, "Nice", "FR", 43.70, 7.27)

    /// Brussels → Paris → Lyon → Marseille by train, or Brussels → Marseille by a (fictitious) coach that is both
    /// faster and lower-carbon than the trains to Marseille; then Marseille → Nice.
    /// Brussels → Paris → Lyon → Marseille by train (shared with `LowestCarbonTieTests`).
    static let trainsToMarseille = [
        Leg(id: "T1", from: "BE-BXL-MIDI", to: "FR-PARIS", mode: .rail, distanceKm: 300, durationMinutes: 82,
            servicesPerWeek: 140, source: "test"),
        Leg(id: "T2", from: "FR-PARIS", to: "FR-LYON", mode: .rail, distanceKm: 460, durationMinutes: 120,
            servicesPerWeek: 140, source: "test"),
        Leg(id: "T3", from: "FR-LYON", to: "FR-MARSEILLE", mode: .rail, distanceKm: 310, durationMinutes: 100,
            servicesPerWeek: 140, source: "test"),
    ]

    static let network = Network(
        places: [Fixtures.midi, paris, lyon, marseille, nice], partners: [],
        legs: trainsToMarseille + [
            Leg(id: "C1", from: "BE-BXL-MIDI", to: "FR-MARSEILLE", mode: .coach, distanceKm: 1000, durationMinutes: 300,
                servicesPerWeek: 70, source: "test"),
            Leg(id: "T4", from: "FR-MARSEILLE", to: "FR-NICE", mode: .rail, distanceKm: 200, durationMinutes: 150,
                servicesPerWeek: 140, source: "test"),
        ])

    func search(via: PlaceID?, labelsPerPlace: Int) throws -> RouteSearchResult {
        var policy = RoutingPolicy()
        // One label per place: the bag at Marseille is full as soon as the coach's label is in.
        policy.maxLabelsPerPlace = labelsPerPlace
        let planner = try RoutePlanner(
            network: Self.network, calculator: EmissionCalculator(factorSet: Fixtures.desnz2025),
            group: try Group(participants: 12, leaders: 2), policy: policy)
        return try planner.search(
            RouteQuery(
                origin: "BE-BXL-MIDI", destination: "FR-NICE", departureDay: CalendarDay(iso: "2026-07-04")!,
                departureTime: LocalTime(hours: 7, minutes: 0)!, constraints: RouteConstraints(via: via)))
    }

    @Test(arguments: [1, 3])
    func aJourneyThroughTheViaPlaceIsFoundEvenWhenTheBagsAreFull(labelsPerPlace: Int) throws {
        // Without via the coach wins (faster and lower-carbon to Marseille).
        let free = try search(via: nil, labelsPerPlace: labelsPerPlace)
        #expect(free.itineraries[0].legs.map(\.leg.id.rawValue) == ["C1", "T4"])
        // Through Lyon, the trains: the coach's label must not crowd the via journey out of Marseille's bag.
        let throughLyon = try search(via: "FR-LYON", labelsPerPlace: labelsPerPlace)
        #expect(throughLyon.itineraries.map { $0.legs.map(\.leg.id.rawValue) }.contains(["T1", "T2", "T3", "T4"]))
        #expect(throughLyon.itineraries.allSatisfy { $0.legs.contains { $0.leg.to == "FR-LYON" } })
    }
}

/// "Lowest carbon" between options a coordinator cannot tell apart on CO2e (our distances are estimates to about a
/// kilometre in a hundred): the faster one carries the label, never one hours longer for a few grams.
@Suite struct LowestCarbonTieTests {
    @Test func theFasterOfTwoEquallyLowCarbonOptionsIsTheLowestCarbonReference() throws {
        let network = Network(
            places: [Fixtures.midi, ViaSearchTests.paris, ViaSearchTests.lyon, ViaSearchTests.marseille], partners: [],
            legs: ViaSearchTests.trainsToMarseille + [
                // One kilometre shorter (44 g CO2e less per person), four hours slower.
                Leg(id: "SLOW", from: "BE-BXL-MIDI", to: "FR-MARSEILLE", mode: .rail, distanceKm: 1069,
                    durationMinutes: 600, servicesPerWeek: 14, source: "test"),
            ])
        let planner = try RoutePlanner(
            network: network, calculator: EmissionCalculator(factorSet: Fixtures.desnz2025),
            group: try Group(participants: 12, leaders: 2))
        let result = try planner.search(
            RouteQuery(
                origin: "BE-BXL-MIDI", destination: "FR-MARSEILLE", departureDay: CalendarDay(iso: "2026-07-04")!,
                departureTime: LocalTime(hours: 7, minutes: 0)!, rank: .co2))
        let ids = result.itineraries.map { $0.legs.map(\.leg.id.rawValue) }
        #expect(ids.contains(["SLOW"]) && ids.contains(["T1", "T2", "T3"]), "\(ids)")
        let slow = try #require(result.itineraries.first { $0.legs.count == 1 })
        let chain = try #require(result.itineraries.first { $0.legs.count == 3 })
        #expect(slow.co2eKgPerPerson < chain.co2eKgPerPerson)
        #expect(result.lowestCarbon.legs.map(\.leg.id.rawValue) == ["T1", "T2", "T3"])
        #expect(result.lowestCarbonSurface?.legs.map(\.leg.id.rawValue) == ["T1", "T2", "T3"])
        _ = chain
    }
}
