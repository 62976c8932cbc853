import Testing
import TrajetCore

@Suite struct PlaceSearchTests {
    let resolver = PlaceResolver(network: Fixtures.network)

    @Test(arguments: ["Liège", "liege", "LIEGE", "  Liege ", "Luik", "liège-guillemins", "BE-LIEGE-G"])
    func findsLiegeWithOrWithoutAccents(query: String) throws {
        #expect(try resolver.resolve(query).id == "BE-LIEGE-G")
    }

    @Test func iataCodesResolveToAirports() throws {
        #expect(try resolver.resolve("bru").id == "BRU")
        #expect(try resolver.resolve("DSS", for: .flight).id == "DSS")
    }

    @Test func cityNamesPreferTheStationForSurfaceAndTheAirportForFlights() throws {
        #expect(try resolver.resolve("Brussels", for: .surface).id == "BE-BXL-MIDI")
        #expect(try resolver.resolve("Brussels", for: .flight).id == "BRU")
        #expect(try resolver.resolve("Bruxelles").id == "BE-BXL-MIDI")
    }

    @Test func partnerIdsResolveToTheirMainPlace() throws {
        #expect(try resolver.resolve("twiza").id == "MA-KHEMISSET")
        #expect(try resolver.resolve("Mouvement Twiza").id == "MA-KHEMISSET")
    }

    @Test func unknownPlaceSuggestsTheClosestSpelling() {
        do {
            _ = try resolver.resolve("Liegge")
            Issue.record("expected an error")
        } catch {
            guard case .unknownPlace(let query, let suggestions) = error else {
                Issue.record("unexpected \(error)")
                return
            }
            #expect(query == "Liegge")
            #expect(suggestions.contains { $0.contains("Liège") })
        }
    }

    @Test func emptyQueryIsAnInvalidValue() {
        #expect(throws: TrajetError.self) { try resolver.resolve("  ") }
    }

    @Test func foldingIgnoresCaseAccentsAndPunctuation() {
        #expect(SearchText.fold("Khémisset") == "khemisset")
        #expect(SearchText.fold("Bruxelles-Midi / Brussel-Zuid") == "bruxelles midi brussel zuid")
        #expect(SearchText.editDistance("liege", "liegge") == 1)
    }

    @Test func emissionsLegInputFlagsFlightsFromNonAirports() {
        #expect(throws: TrajetError.self) {
            try Fixtures.network.legInput(from: Fixtures.khemisset, to: Fixtures.dss, mode: .flight)
        }
    }

    @Test func legInputPrefersTheNetworkLegThenTheDetourEstimate() throws {
        let direct = try Fixtures.network.legInput(from: Fixtures.liege, to: Fixtures.midi, mode: .rail)
        #expect(direct.distanceKm == 100)
        #expect(direct.distanceBasis == .route)
        // No network leg Brussels → Liège by rail in the fixture; the detour factor comes from BE1 (route/GC).
        let estimated = try Fixtures.network.legInput(from: Fixtures.midi, to: Fixtures.liege, mode: .rail)
        #expect(estimated.distanceEstimated)
        // Same pair in the other direction: great-circle × (100 km / great-circle) = 100 km.
        #expect(isClose(estimated.distanceKm, 100, relative: 1e-9))
        guard case .greatCircleDetour = estimated.distanceBasis else {
            Issue.record("expected a detour estimate, got \(estimated.distanceBasis)")
            return
        }
    }
}
