import Testing
import TrajetCore

@testable import TrajetBenchmarks
@testable import TrajetCLI
@testable import TrajetQueries

/// The benchmark's generated network must be reproducible, or its numbers cannot be compared run to run.
@Suite struct GeneratedNetworkTests {
    @Test func sameSeedGivesTheSameNetwork() {
        let a = GeneratedNetwork(places: 300, legs: 3000, seed: 7)
        let b = GeneratedNetwork(places: 300, legs: 3000, seed: 7)
        #expect(a.fingerprint == b.fingerprint)
        #expect(a.network.legs.count == b.network.legs.count)
        let c = GeneratedNetwork(places: 300, legs: 3000, seed: 8)
        #expect(a.fingerprint != c.fingerprint)
    }

    @Test func legsJoinKnownPlacesAndHaveSources() {
        let generated = GeneratedNetwork(places: 200, legs: 2000, seed: 1)
        let network = generated.network
        #expect(network.places.count == 200)
        let allKnown = network.legs.allSatisfy { network.places[$0.from] != nil && network.places[$0.to] != nil }
        #expect(allKnown)
        let sourced = network.legs.allSatisfy { !$0.source.isEmpty && $0.durationMinutes > 0 }
        #expect(sourced)
    }
}
