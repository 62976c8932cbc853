import Testing
import TrajetCore

@Suite struct GreatCircleTests {
    // Haversine values of reference/emission-factors.md, "Great-circle distances (DERIVED)".
    @Test(arguments: [
        ("CMN", 2182.7), ("CAI", 3208.6), ("DSS", 4468.4), ("LFW", 4983.4),
    ])
    func matchesTheReferenceHaversineDistances(to destination: String, expectedKm: Double) {
        let place = Fixtures.network.place(PlaceID(destination))!
        let km = GreatCircle.distanceKm(from: Fixtures.bru.coordinate, to: place.coordinate)
        #expect(abs(km - expectedKm) < 0.1)
    }

    @Test func isSymmetric() {
        let there = GreatCircle.distanceKm(from: Fixtures.bru.coordinate, to: Fixtures.dss.coordinate)
        let back = GreatCircle.distanceKm(from: Fixtures.dss.coordinate, to: Fixtures.bru.coordinate)
        #expect(abs(there - back) < 1e-9)
    }

    @Test func isZeroForTheSamePoint() {
        #expect(GreatCircle.distanceKm(from: Fixtures.cai.coordinate, to: Fixtures.cai.coordinate) == 0)
    }

    @Test func antipodesAreHalfTheCircumference() {
        let a = Coordinate(latitudeDegrees: 0, longitudeDegrees: 0)
        let b = Coordinate(latitudeDegrees: 0, longitudeDegrees: 180)
        #expect(abs(GreatCircle.distanceKm(from: a, to: b) - .pi * GreatCircle.meanEarthRadiusKm) < 1e-6)
    }

    @Test func rejectsOutOfRangeCoordinates() {
        #expect(!Coordinate(latitudeDegrees: 91, longitudeDegrees: 0).isValid)
        #expect(!Coordinate(latitudeDegrees: 0, longitudeDegrees: -181).isValid)
        #expect(Coordinate(latitudeDegrees: -90, longitudeDegrees: 180).isValid)
    }
}
