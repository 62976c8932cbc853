import Testing
import TrajetCore

/// Leave-at times, connections by direction, waits, short final transfers and hotel reasons, on a small network
/// worked by hand. Every place is on Brussels time (the fixtures' zone): in July, local = UTC + 2 h.
@Suite struct DoorToDoorTimingTests {
    static let thies = Fixtures.place("SN-THIES", .city, "Thiès", "SN", 14.79, -16.93)
    static let paris = Fixtures.place("FR-PARIS", .station, "Paris", "FR", 48.88, 2.35)
    static let lyon = Fixtures.place("FR-LYON", .station, "Lyon", "FR", 45.76, 4.86)
    static let marseille = Fixtures.place("FR-MARSEILLE", .station, "Marseille", "FR", 43.30, 5.38)
    static let saturday = CalendarDay(iso: "2026-07-04")!

    /// Brussels-Midi → BRU (train, frequency only) → DSS (flight at 14:15) → Thiès (minibus, frequency only).
    func airNetwork(flightMinutes: Int) -> Network {
        Network(
            places: [Fixtures.midi, Fixtures.bru, Fixtures.dss, Self.thies], partners: [],
            legs: [
                Leg(id: "BE4", from: "BE-BXL-MIDI", to: "BRU", mode: .rail, distanceKm: 20, durationMinutes: 20,
                    servicesPerWeek: 448, source: "test"),
                Leg(id: "F1", from: "BRU", to: "DSS", mode: .flight, distanceKm: 4300, durationMinutes: flightMinutes,
                    departureTimes: [LocalTime(hours: 14, minutes: 15)!], servicesPerWeek: 7, source: "test"),
                // 336 a week in 06:00–22:00: one every 20 minutes, an expected wait of 10.
                Leg(id: "DSS-THIES", from: "DSS", to: "SN-THIES", mode: .minibus, distanceKm: 60, durationMinutes: 38,
                    servicesPerWeek: 336, source: "test"),
            ])
    }

    func search(_ network: Network, from: String, to: String, at time: LocalTime, minors: Bool = true) throws
        -> RouteSearchResult
    {
        let planner = try RoutePlanner(
            network: network, calculator: EmissionCalculator(factorSet: Fixtures.desnz2025),
            group: try Group(participants: 14, leaders: 2, minors: minors))
        return try planner.search(
            RouteQuery(origin: PlaceID(from), destination: PlaceID(to), departureDay: Self.saturday, departureTime: time))
    }

    @Test func connectionsDependOnTheDirectionAndTheService() {
        let policy = RoutingPolicy()
        // Leaving a flight (passport, bags: 45) then boarding a minibus at the kerb (10).
        #expect(policy.connectionMinutes(from: .flight, to: .minibus) == 55)
        // Leaving a train under the airport (10) then a group check-in (120).
        #expect(policy.connectionMinutes(from: .rail, to: .flight) == 130)
        #expect(policy.connectionMinutes(from: .flight, to: .flight) == 165)
        // Walks and urban transfers add nothing on their side.
        #expect(policy.connectionMinutes(from: .highSpeedRail, to: .metro) == 10)
        #expect(policy.connectionMinutes(from: .metro, to: .highSpeedRail) == 20)
    }

    @Test(arguments: [6, 8, 10])
    func theGroupLeavesHomeToMeetTheFlightWhateverMorningTimeIsTyped(hour: Int) throws {
        let result = try search(
            airNetwork(flightMinutes: 305), from: "BE-BXL-MIDI", to: "SN-THIES", at: LocalTime(hours: hour, minutes: 0)!)
        let it = result.fastest
        // 14:15 − 130 min connection − 20 min train = 11:45.
        #expect(it.departure.localTime == LocalTime(hours: 11, minutes: 45)!)
        #expect(it.departure.localDay == Self.saturday)
        #expect(it.legs[0].arrival.localTime == LocalTime(hours: 12, minutes: 5)!)
        #expect(it.legs[1].connectionMinutesBefore == 130)
        #expect(it.legs[1].waitMinutesBefore == 0)
        // Lands 19:20; 45 + 10 min connection, then the expected 10-minute wait: minibus 20:25 → 21:03.
        #expect(it.legs[2].connectionMinutesBefore == 55)
        #expect(it.legs[2].waitMinutesBefore == 10)
        #expect(it.arrival.localTime == LocalTime(hours: 21, minutes: 3)!)
        #expect(it.durationMinutes == 9 * 60 + 18)
        #expect(it.waitMinutes == 10)
        #expect(it.nightsEnRoute == 0)
    }

    @Test func aTimeTooLateForTheFlightLeavesTheNextDayRatherThanSleepingAtTheAirport() throws {
        let it = try search(
            airNetwork(flightMinutes: 305), from: "BE-BXL-MIDI", to: "SN-THIES", at: LocalTime(hours: 12, minutes: 0)!
        ).fastest
        #expect(it.departure.localDay == Self.saturday.adding(days: 1))
        #expect(it.departure.localTime == LocalTime(hours: 11, minutes: 45)!)
        #expect(it.hotelNights == 0)
        #expect(it.durationMinutes == 9 * 60 + 18)
    }

    @Test func aShortFinalTransferInTheEveningGoesOnPastTheDailyLimit() throws {
        // Flight of 6 h: lands 20:15, 8 h 30 after leaving; minibus 21:20 → 21:58, 10 h 13 in all (limit 10 h with
        // minors), but the transfer takes 48 minutes and arrives before 22:00.
        let it = try search(
            airNetwork(flightMinutes: 360), from: "BE-BXL-MIDI", to: "SN-THIES", at: LocalTime(hours: 6, minutes: 0)!
        ).fastest
        #expect(it.hotelNights == 0)
        #expect(it.durationMinutes == 10 * 60 + 13)
        #expect(it.arrival.localTime == LocalTime(hours: 21, minutes: 58)!)
    }

    @Test func aLateArrivalSleepsAndSaysWhy() throws {
        // Flight of 6 h 40: lands 20:55; 55 min change and the 10-minute wait: minibus 22:00 → 22:38, 10 h 53 after
        // leaving (limit 10 h with minors) and after the 22:00 limit. The group sleeps at the airport and takes the
        // minibus as the day starts (07:00, booked to fit: no wait).
        let it = try search(
            airNetwork(flightMinutes: 400), from: "BE-BXL-MIDI", to: "SN-THIES", at: LocalTime(hours: 6, minutes: 0)!
        ).fastest
        #expect(it.hotelNights == 1)
        #expect(it.legs[2].hotelNightsBefore == 1)
        #expect(it.legs[2].hotelReason == .dailyLimit(minutes: 600, minors: true))
        #expect(it.legs[2].waitMinutesBefore == 0)
        #expect(it.legs[2].departure.localTime == LocalTime(hours: 7, minutes: 0)!)
        #expect(it.arrival.localTime == LocalTime(hours: 7, minutes: 38)!)
        // Without minors (12 h) the same evening is fine.
        let adults = try search(
            airNetwork(flightMinutes: 400), from: "BE-BXL-MIDI", to: "SN-THIES", at: LocalTime(hours: 6, minutes: 0)!,
            minors: false
        ).fastest
        #expect(adults.hotelNights == 0)
        #expect(adults.arrival.localTime == LocalTime(hours: 22, minutes: 38)!)
    }

    @Test func noServiceAfterTheEveningIsANightWithItsReason() throws {
        // Flight of 7 h: lands 21:15, ready at 22:10, after the last assumed minibus (22:00): the night is spent
        // there because nothing leaves before the morning (06:00 + the expected 10-minute wait).
        let it = try search(
            airNetwork(flightMinutes: 420), from: "BE-BXL-MIDI", to: "SN-THIES", at: LocalTime(hours: 6, minutes: 0)!,
            minors: false
        ).fastest
        #expect(it.hotelNights == 1)
        #expect(it.legs[2].hotelReason == .nextDeparture)
        #expect(it.legs[2].departure.localTime == LocalTime(hours: 6, minutes: 10)!)
    }

    @Test func aFrequencyLegBetweenTwoFixedDeparturesMeetsTheSecondAndTheWaitIsShown() throws {
        let network = Network(
            places: [Fixtures.midi, Self.paris, Self.lyon, Self.marseille], partners: [],
            legs: [
                Leg(id: "A", from: "BE-BXL-MIDI", to: "FR-PARIS", mode: .rail, distanceKm: 300, durationMinutes: 60,
                    departureTimes: [LocalTime(hours: 8, minutes: 0)!], servicesPerWeek: 7, source: "test"),
                Leg(id: "B", from: "FR-PARIS", to: "FR-LYON", mode: .rail, distanceKm: 400, durationMinutes: 60,
                    servicesPerWeek: 224, source: "test"),
                Leg(id: "C", from: "FR-LYON", to: "FR-MARSEILLE", mode: .rail, distanceKm: 300, durationMinutes: 60,
                    departureTimes: [LocalTime(hours: 15, minutes: 0)!], servicesPerWeek: 7, source: "test"),
            ])
        let it = try search(network, from: "BE-BXL-MIDI", to: "FR-MARSEILLE", at: LocalTime(hours: 6, minutes: 0)!)
            .fastest
        #expect(it.departure.localTime == LocalTime(hours: 8, minutes: 0)!)
        // B is booked to meet C with the 30-minute change: 13:30 → 14:30; the group waits at Paris, 09:00 + 30 min
        // change → 13:30: 4 h, and not at Lyon.
        #expect(it.legs[1].departure.localTime == LocalTime(hours: 13, minutes: 30)!)
        #expect(it.legs[1].waitMinutesBefore == 240)
        #expect(it.legs[2].waitMinutesBefore == 0)
        #expect(it.waitMinutes == 240)
        #expect(it.durationMinutes == 8 * 60)
    }
}
