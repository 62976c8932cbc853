import Foundation
import Testing
import TrajetCore
import TrajetDatasets

/// Every Belgian station as an origin: iRail's stations, the SNCB legs derived from them, and place search.
@Suite struct BelgianRailTests {
    let network = Shipped.datasets.network

    func leg(_ id: String) throws -> Leg { try #require(network.legs.first { $0.id.rawValue == id }) }

    /// Hand-worked in docs/methodology.md §9: great-circle 50.68 km × 1.20; 70 km/h + 10 min; 20.90 € × km / 120.
    @Test func monsToBrusselsMidiFollowsTheDocumentedRules() throws {
        let leg = try leg("SNCB:BE-MONS>BE-BXL-MIDI")
        #expect(abs(leg.distanceKm - 60.81) < 0.01)
        #expect(leg.distanceBasis == .greatCircleDetour(factor: 1.2))
        #expect(leg.durationMinutes == 62)
        #expect(leg.fare == FareRange(minCents: 635, maxCents: 1059))
        // Mons: 248.894737 trains stop a day; Bruxelles-Midi has more, so Mons decides: half each way, × 7.
        #expect(abs(leg.servicesPerWeek - 248.894737 / 2 * 7) < 0.001)
        #expect(leg.distanceEstimated && leg.durationEstimated && leg.frequencyEstimated && leg.fareEstimated)
        // The note says how every figure was made (written from parts computed once per load; same text as before).
        #expect(
            leg.notes
                == "ESTIMATE derived (network/be-rail-rules.csv): distance = great-circle × 1.2; duration = distance at "
                + "70 km/h + 10 min for a change; 124 trains/day = half of iRail's trains stopping per day; fare = SNCB "
                + "Standard by km (20.90 € at 120 km and more), youth −40 % as the low end")
        #expect(leg.source.hasSuffix("; rules: network/be-rail-rules.csv"))
        #expect(leg.mode == .rail && leg.operatorName == "SNCB")
        let back = try self.leg("SNCB:BE-BXL-MIDI>BE-MONS")
        #expect(back.durationMinutes == 62 && back.fare == leg.fare)
    }

    @Test func theAirportStationAddsTheDiaboloSupplement() throws {
        let toMidi = try leg("SNCB:BE-MONS>BE-BXL-MIDI")
        let toAirport = try leg("SNCB:BE-MONS>BE-BXL-AIRPORT")
        // 640 cents on both ends of the range, on top of the km-based fare.
        #expect(toAirport.fare!.maxCents - 640 > toMidi.fare!.maxCents)
        #expect(toAirport.notes.hasSuffix("youth −40 % as the low end, + Diabolo supplement 6.40 €"))
    }

    @Test func curatedRailLegsAreNotDuplicated() {
        #expect(!network.legs.contains { $0.id.rawValue == "SNCB:BE-LIEGE-G>BE-BXL-MIDI" })
        #expect(network.legs.contains { $0.id.rawValue == "BE1" })
    }

    @Test func everyServedBelgianStationLeavesForAndIsReachedFromBrussels() {
        let stations = network.places.values.filter {
            $0.countryCode == "BE" && $0.kind == .station && $0.notes.hasPrefix("SNCB station")
        }
        #expect(stations.count >= 550)
        for station in stations {
            #expect(network.legs(from: station.id, to: "BE-BXL-MIDI").count == 1, "\(station.id)")
            #expect(network.legs(from: "BE-BXL-MIDI", to: station.id).count == 1, "\(station.id)")
        }
    }

    @Test func namesInFourLanguagesWithOrWithoutAccentsAndHyphens() throws {
        let resolver = PlaceResolver(network: network)
        let expected: [(String, PlaceID)] = [
            ("Bruxelles", "BE-BXL-MIDI"), ("Brussel", "BE-BXL-MIDI"), ("Louvain-la-Neuve", "BE-LOUVAIN-LA-NEUVE"),
            ("louvain la neuve", "BE-LOUVAIN-LA-NEUVE"), ("Ottignies LLN", "BE-OTTIGNIES"), ("Ottignies", "BE-OTTIGNIES"),
            ("Mons", "BE-MONS"), ("Bergen", "BE-MONS"), ("Leuven", "BE-LOUVAIN"), ("Gent", "BE-GAND-SAINT-PIERRE"),
            ("Gand", "BE-GAND-SAINT-PIERRE"), ("Brugge", "BE-BRUGES"), ("Bruges", "BE-BRUGES"), ("Hasselt", "BE-HASSELT"),
            ("Arlon", "BE-ARLON"), ("Aarlen", "BE-ARLON"), ("Verviers", "BE-VERVIERS-CENTRAL"), ("Luik", "BE-LIEGE-G"),
            ("Lüttich", "BE-LIEGE-G"), ("Charleroi", "BE-CHARLEROI-SUD"),
        ]
        for (typed, id) in expected {
            #expect(try resolver.resolve(typed, for: .surface).id == id, "\(typed)")
        }
    }

    @Test func aMisspeltNameSuggestsBelgianPlacesFirst() {
        #expect(network.suggestions(for: "Monss").first == "Mons")
        #expect(network.suggestions(for: "Lovain-la-Neuve").first == "Louvain-la-Neuve")
    }

    @Test func coordinatesAndTownsWithoutTrainsStartAtTheNearestServedStation() throws {
        let resolver = PlaceResolver(network: network)
        let (mons, access) = try resolver.resolveEndpoint("50.45,3.95")
        #expect(mons.id == "BE-MONS")
        #expect(try #require(access).distanceKm < 1)
        let (station, bastogne) = try resolver.resolveEndpoint("Bastogne")
        let reached = try #require(bastogne)
        #expect(station.id == "BE-LIBRAMONT")
        #expect((20...35).contains(reached.distanceKm))
        // A served station is its own start.
        #expect(try resolver.resolveEndpoint("Mons").access == nil)
    }
}
