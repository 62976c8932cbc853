import Foundation
import Testing
import TrajetAPI
import TrajetContract
import TrajetCore
import TrajetDatasets

@testable import TrajetQueries

/// Route search on the shipped network, judged as a coordinator would.
@Suite struct RouteSearchTests {
    static let datasets = ShippedData.datasets
    let day = CalendarDay(iso: "2026-07-04")!

    func planner(people: (Int, Int) = (14, 2), minors: Bool = false) throws -> RoutePlanner {
        let set = try Self.datasets.factorSet("desnz-2025")
        return try RoutePlanner(
            network: Self.datasets.network, calculator: EmissionCalculator(factorSet: set, hubs: Self.datasets.hubs),
            group: try Group(participants: people.0, leaders: people.1, minors: minors))
    }

    func search(
        _ from: String, _ to: String, rank: RankingProfile = .balanced, limit: Int = 5,
        constraints: RouteConstraints = .init(), minors: Bool = false
    ) throws -> RouteSearchResult {
        let resolver = PlaceResolver(network: Self.datasets.network)
        let query = RouteQuery(
            origin: try resolver.resolve(from, for: .surface).id, destination: try resolver.resolve(to, for: .surface).id,
            departureDay: day, departureTime: LocalTime(hours: 6, minutes: 0)!, constraints: constraints, rank: rank,
            limit: limit)
        return try planner(minors: minors).search(query)
    }

    func countryOf(_ id: PlaceID) -> String { Self.datasets.network.place(id)!.countryCode }

    @Test func brusselsToTwizaLowestCarbonIsOverlandInTwoToThreeDays() throws {
        let result = try search("Bruxelles", "twiza", rank: .co2)
        let best = result.lowestCarbon
        #expect(!best.usesFlight)
        #expect(best.legs.contains { $0.leg.mode == .ferry && countryOf($0.leg.to) == "MA" })
        #expect(best.legs.contains { $0.leg.mode == .highSpeedRail && countryOf($0.leg.from) == "MA" })
        #expect(best.legs.last!.leg.mode.isRoad)
        #expect((2...3).contains(best.travelDays))
        #expect(best.hotelNights >= 1)
        #expect(best.hotelCostCentsPerPerson.minCents > 0)
        #expect(result.itineraries.first == best)
    }

    @Test func brusselsToTwizaFastestIsAFlightToMoroccoThenRoad() throws {
        let fastest = try search("Bruxelles", "twiza", rank: .time).fastest
        let flights = fastest.legs.filter { $0.leg.mode == .flight }
        #expect(flights.count == 1)
        #expect(["CRL", "BRU"].contains(flights[0].leg.from.rawValue))
        #expect(["RBA", "CMN", "FEZ"].contains(flights[0].leg.to.rawValue))
        #expect(fastest.legs.last!.leg.mode.isRoad)
        #expect(fastest.nightsEnRoute == 0)
        #expect(fastest.durationMinutes < 14 * 60)
        // Compared with the fastest, the lowest-carbon option saves kilograms and costs hours.
        let result = try search("Bruxelles", "twiza")
        let comparison = result.lowestCarbon.compared(to: result.fastest)
        #expect(comparison.co2eKgPerPerson < -150)
        #expect(comparison.durationMinutes > 24 * 60)
    }

    @Test func brusselsToLekaaIsFlightOnlyAndOverlandSaysSo() throws {
        let result = try search("Brussels", "lekaa")
        let condition1 = result.itineraries.allSatisfy(\.usesFlight)
        #expect(condition1)
        do {
            _ = try search("Brussels", "lekaa", constraints: RouteConstraints(overland: true))
            Issue.record("expected no itinerary")
        } catch let error as TrajetError {
            let expected = TrajetError.noItinerary(
                from: "BE-BXL-MIDI", to: "EG-CAIRO-MANSHIET", blockingConstraints: [.overland])
            #expect(error == expected)
            let message = Localizer(.en).message(for: error, names: { Self.datasets.network.place($0)!.city })
            #expect(message.contains("Cairo cannot be reached from Brussels overland"))
            #expect(message.contains("drop --overland"))
        }
    }

    @Test func liegeToAJEShowsTheDirectFlightAndTheRailPlusCasablancaHybrid() throws {
        let result = try search("Liège", "aje", rank: .co2, limit: 10)
        let direct = result.itineraries.filter { it in
            it.legs.filter { $0.leg.mode == .flight }.map(\.leg.from.rawValue) == ["BRU"]
                && it.legs.contains { $0.leg.to == "DSS" && $0.leg.mode == .flight }
        }
        let hybrid = result.itineraries.filter { it in
            let flights = it.legs.filter { $0.leg.mode == .flight }
            return flights.count == 1 && flights[0].leg.from == "CMN" && flights[0].leg.to == "DSS"
                && it.legs.first!.leg.mode.isRail
        }
        #expect(!direct.isEmpty)
        #expect(!hybrid.isEmpty)
        if let d = direct.first, let h = hybrid.first {
            #expect(h.co2eKgPerPerson < d.co2eKgPerPerson)
            let ranks = (result.itineraries.firstIndex(of: h)!, result.itineraries.firstIndex(of: d)!)
            #expect(ranks.0 < ranks.1)
        }
    }

    @Test func groupTotalsArePerPersonTimesPeopleAndMinibusesCountPerVehicle() throws {
        let result = try search("Bruxelles", "twiza", rank: .co2, limit: 10)
        for itinerary in result.itineraries {
            for item in itinerary.legs {
                let f = item.footprint
                switch f.factorUse.factor.allocation {
                case .perPerson, .perSeat:
                    #expect(abs(f.group.totalKg - f.perPerson.totalKg * 16) < 1e-6)
                case .perVehicle:
                    let vehicles = try #require(f.vehicles)
                    #expect(vehicles == (16 + f.seatsPerVehicle! - 1) / f.seatsPerVehicle!)
                    #expect(abs(f.perPerson.totalKg * 16 - f.group.totalKg) < 1e-6)
                }
            }
            #expect(abs(itinerary.footprint.group.totalKg - itinerary.footprint.perPerson.totalKg * 16) < 1e-6)
        }
        let minibus = result.itineraries.flatMap(\.legs).first { $0.leg.mode == .minibus }
        let leg = try #require(minibus)
        // 16 travellers in 8-seat minibuses: two vehicles, each counted whole.
        #expect(leg.footprint.vehicles == 2)
        let perVehicleKg = leg.footprint.distanceKm * (0.21007 + 0.04146)
        #expect(abs(leg.footprint.group.totalKg - 2 * perVehicleKg) < 1e-6)
    }

    @Test func maxDaysOneRemovesMultiDayOptions() throws {
        let result = try search("Bruxelles", "twiza", constraints: RouteConstraints(maxDays: 1))
        #expect(result.itineraries.allSatisfy { $0.nightsEnRoute == 0 })
        let condition2 = result.itineraries.allSatisfy(\.usesFlight)
        #expect(condition2)
    }

    @Test func noNightTravelRemovesNightLegs() throws {
        let free = try search("Liège", "aje", rank: .co2, limit: 10)
        #expect(free.itineraries.contains { $0.nightsOnBoard > 0 })
        let result = try search("Liège", "aje", rank: .co2, limit: 10, constraints: RouteConstraints(noNightTravel: true))
        let noNightLegs = result.itineraries.allSatisfy { it in
            it.nightsOnBoard == 0 && !it.legs.contains { $0.leg.overnight }
        }
        #expect(noNightLegs)
    }

    @Test func minorsDoNotTravelAtNightByDefault() throws {
        let result = try search("Liège", "aje", rank: .co2, limit: 10, minors: true)
        #expect(result.itineraries.allSatisfy { $0.nightsOnBoard == 0 })
    }

    @Test func partnerYouthVisitingBelgiumGetTheSameQualityOfAnswers() throws {
        let result = try search("twiza", "liege")
        let someFly = result.itineraries.contains { $0.usesFlight }
        #expect(someFly)
        #expect(result.itineraries.contains { !$0.usesFlight })
        let liege = PlaceID("BE-LIEGE-G")
        let khemisset = PlaceID("MA-KHEMISSET")
        let endsInLiege = result.itineraries.allSatisfy { $0.legs.last!.leg.to == liege }
        let startsInKhemisset = result.itineraries.allSatisfy { $0.legs.first!.leg.from == khemisset }
        #expect(endsInLiege)
        #expect(startsInKhemisset)
    }

    @Test func legsConnectInSpaceAndTime() throws {
        let result = try search("Bruxelles", "alafia-jeunes", rank: .co2, limit: 10)
        for itinerary in result.itineraries {
            for (a, b) in zip(itinerary.legs, itinerary.legs.dropFirst()) {
                #expect(a.leg.to == b.leg.from)
                #expect(b.departure.utcMinutes >= a.arrival.utcMinutes)
            }
            for item in itinerary.legs { #expect(item.arrival.utcMinutes > item.departure.utcMinutes) }
        }
    }

    @Test func unknownOriginSuggestsTheClosestName() async throws {
        let request = RoutesRequest(
            from: "Bruxeles", to: "twiza", minors: false, rank: .balanced, limit: 5, avoid: [], overland: false,
            noNightTravel: false)
        let settings = try await ShippedSettings.load()
        do {
            _ = try request.run(datasets: Self.datasets, settings: settings)
            Issue.record("expected unknownPlace")
        } catch {
            guard case .unknownPlace(_, let suggestions) = error else {
                Issue.record("unexpected \(error)")
                return
            }
            #expect(suggestions.contains { $0.contains("Brussels") || $0.contains("Bruxelles") })
        }
    }

    /// The server's shared planners (one compiled network, a planner per group kept) answer exactly as a planner
    /// built for the one search, whatever the order of the groups and factor sets asked.
    @Test func sharedPlannersGiveTheSameAnswers() async throws {
        let settings = try await ShippedSettings.load()
        let planners = RoutePlanners(network: Self.datasets.network, policy: settings.routing, capacity: 3)
        let asks: [(String, String, Int, Int, Bool, String, String?)] = [
            ("liege", "twiza", 14, 2, true, "desnz-2025", "2026-07-25"),
            ("bruxelles", "aje", 10, 2, false, "desnz-2025", nil),
            ("liege", "twiza", 14, 2, true, "ademe-2025", nil),
            ("namur", "lekaa", 3, 0, false, "desnz-2025", nil),
            ("liege", "twiza", 14, 2, true, "desnz-2025", "2026-07-25"),
            ("anvers", "alafia-jeunes", 30, 3, true, "desnz-2025", nil),
            ("bruxelles", "aje", 10, 2, false, "desnz-2025", nil),
        ]
        for (from, to, participants, leaders, minors, factors, back) in asks + asks {
            var chosen = settings
            chosen.factorSetID = factors
            let request = RoutesRequest(
                from: from, to: to, participants: participants, leaders: leaders, minors: minors, depart: "2026-07-04",
                returnDate: back, rank: .balanced, limit: 5, avoid: [], overland: false, noNightTravel: false)
            let alone = try encodeJSON(try Components.Schemas.RoutesResult(try request.run(datasets: Self.datasets, settings: chosen), localizer: Localizer(.en)))
            let shared = try encodeJSON(
                try Components.Schemas.RoutesResult(try request.run(datasets: Self.datasets, settings: chosen, planners: planners), localizer: Localizer(.en)))
            let same = alone == shared
            #expect(same, "\(from) → \(to), \(participants) + \(leaders), \(factors)")
        }
        // Another routing policy than the planners' is not served from them.
        var other = settings
        other.routing.maxLabelsPerPlace = 1
        let request = RoutesRequest(
            from: "liege", to: "twiza", participants: 14, leaders: 2, minors: true, depart: "2026-07-04", rank: .co2,
            limit: 5, avoid: [], overland: false, noNightTravel: false)
        let alone = try encodeJSON(try Components.Schemas.RoutesResult(try request.run(datasets: Self.datasets, settings: other), localizer: Localizer(.en)))
        let shared = try encodeJSON(
            try Components.Schemas.RoutesResult(try request.run(datasets: Self.datasets, settings: other, planners: planners), localizer: Localizer(.en)))
        let same = alone == shared
        #expect(same)
    }

    @Test func returnTripIsPlannedAndTotalled() async throws {
        let request = RoutesRequest(
            from: "liege", to: "twiza", participants: 14, leaders: 2, minors: false, depart: "2026-07-04",
            returnDate: "2026-07-25", rank: .co2, limit: 3, avoid: [], overland: false, noNightTravel: false)
        let answer = try request.run(datasets: Self.datasets, settings: try await ShippedSettings.load())
        let inbound = try #require(answer.inbound)
        #expect(inbound.itineraries.first!.legs.first!.leg.from == "MA-KHEMISSET")
        let json = try encodeJSON(try Components.Schemas.RoutesResult(answer, localizer: Localizer(.en)))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let itineraries = try #require(object["itineraries"] as? [[String: Any]])
        let totals = try #require(itineraries.first?["totals"] as? [String: Any])
        for key in [
            "co2eKgPerPerson", "co2eKgPerPersonWithoutNonCO2", "co2eKgGroup", "durationMinutes", "nightsEnRoute",
            "costEurPerPerson", "changes",
        ] {
            #expect(totals[key] != nil, "totals.\(key)")
        }
        #expect((itineraries.first?["legs"] as? [[String: Any]])?.isEmpty == false)
        #expect(object["roundTrip"] != nil)
        #expect(object["return"] != nil)
    }
}
