import Foundation
import Testing
import TrajetCore
import TrajetDatasets

/// `trajet network check`: passes on the shipped data, fails on a stale, sourceless or never usable leg.
@Suite struct NetworkCheckTests {
    let network = Shipped.datasets.network
    let today = CalendarDay(iso: "2026-12-03")!

    func check(_ network: Network) -> NetworkCheck { NetworkCheck(network: network, today: today, maxAgeYears: 2) }

    func with(legs extra: [Leg], places: [Place] = []) -> Network {
        Network(
            places: Array(network.places.values) + places, partners: Array(network.partners.values),
            legs: network.legs + extra)
    }

    func sample(_ id: LegID, from: PlaceID = "BE-BXL-MIDI", to: PlaceID = "BE-NAMUR", source: String = "test",
                checkedOn: String? = "2026-11-27") -> Leg {
        Leg(id: id, from: from, to: to, mode: .rail, distanceKm: 60, durationMinutes: 60, servicesPerWeek: 100,
            source: source, checkedOn: checkedOn.flatMap(CalendarDay.init(iso:)))
    }

    @Test func passesOnTheShippedData() {
        let result = check(network)
        #expect(result.problems == [])
        #expect(result.passes)
        // Old timetables are listed, not failed: F1's times come from the 2011 schedule.
        #expect(result.observations.contains(.oldTimetable("F1", year: 2011)))
    }

    @Test func failsOnALegCheckedMoreThanTheAllowedYearsAgo() {
        let result = check(with(legs: [sample("OLD", checkedOn: "2024-12-02")]))
        #expect(result.problems == [.stale("OLD", checkedOn: CalendarDay(iso: "2024-12-02"))])
        // Two years to the day is still within the limit.
        #expect(check(with(legs: [sample("EDGE", checkedOn: "2024-12-03")])).passes)
        #expect(check(with(legs: [sample("NEVER", checkedOn: nil)])).problems == [.stale("NEVER", checkedOn: nil)])
    }

    @Test func failsOnALegWithoutSource() {
        #expect(check(with(legs: [sample("NOSRC", source: "  ")])).problems == [.noSource("NOSRC")])
    }

    @Test func failsOnALegNothingLeadsTo() {
        // An airport nothing flies to, with a flight out of it: Addis Ababa → Lomé without any flight to Addis.
        let island = Place(
            id: "XX-NOWHERE", name: "Nowhere", kind: .airport, city: "Nowhere", countryCode: "ET",
            coordinate: Coordinate(latitudeDegrees: 9, longitudeDegrees: 38.8), iataCode: "XXX",
            timeZoneID: "Africa/Addis_Ababa", source: "test")
        let result = check(with(legs: [sample("ORPHAN", from: "XX-NOWHERE", to: "LFW")], places: [island]))
        #expect(result.problems == [.neverUsable("ORPHAN", reason: .startUnreachable)])
        #expect(result.observations.contains(.placeWithoutLegs("XX-NOWHERE")) == false)
        let deadEnd = check(with(legs: [sample("DEAD", from: "LFW", to: "XX-NOWHERE")], places: [island]))
        #expect(deadEnd.problems == [.neverUsable("DEAD", reason: .endIsDeadEnd)])
    }

    @Test func failsOnAServiceThatEnded() {
        var ended = sample("ENDED")
        ended.validUntil = CalendarDay(iso: "2022-10-29")
        #expect(check(with(legs: [ended])).problems == [.neverUsable("ENDED", reason: .expired)])
    }

    @Test func oldOrUndatedTimetablesAreStaleNotFirm() {
        var leg = sample("T")
        leg.departureTimes = [LocalTime("14:15")!]
        leg.timetableYear = 2024
        #expect(!leg.timetableIsStale(today: today, maxAgeYears: 2))
        leg.timetableYear = 2023
        #expect(leg.timetableIsStale(today: today, maxAgeYears: 2))
        leg.timetableYear = nil
        #expect(leg.timetableIsStale(today: today, maxAgeYears: 2))
        leg.departureTimes = []
        #expect(!leg.timetableIsStale(today: today, maxAgeYears: 2))
    }

    @Test func knownDataErrorsAreFixed() throws {
        // F1: 14:15 → 18:20 in the source are Brussels summer time (UTC+2) and Dakar time (UTC): 6 h 05.
        let f1 = try #require(network.legs.first { $0.id == "F1" })
        #expect(f1.durationMinutes == 365)
        // Charleroi-Sud reaches the airport (TEC Aérobus A1), so Charleroi groups can fly.
        #expect(!network.legs(from: "BE-CHARLEROI-SUD", to: "CRL").isEmpty)
        #expect(!network.legs(from: "BE-BXL-AIRPORT", to: "BRU").isEmpty)
    }

    @Test func sharedMinibusesOnTheLocalBusFactorAreFlaggedProxy() throws {
        let datasets = Shipped.datasets
        let w3 = try #require(network.legs.first { $0.id == "W3" })
        #expect(w3.mode == .bus && w3.factorProxy)
        let calculator = EmissionCalculator(factorSet: try datasets.factorSet("desnz-2025"), hubs: datasets.hubs)
        let input = try #require(LegInput(leg: w3, in: network))
        let footprint = try calculator.footprint(of: input, group: try Group(participants: 14, leaders: 2), options: .init())
        // DESNZ's local-bus row itself is not a proxy: the leg makes it one.
        #expect(!footprint.factorUse.factor.isProxy)
        #expect(footprint.notes.contains(.proxyFactor))
    }
}
