import Foundation

/// A WGS-84 position in decimal degrees.
public struct Coordinate: Hashable, Sendable, Codable {
    public var latitudeDegrees: Double
    public var longitudeDegrees: Double

    public init(latitudeDegrees: Double, longitudeDegrees: Double) {
        self.latitudeDegrees = latitudeDegrees
        self.longitudeDegrees = longitudeDegrees
    }

    /// Whether both values are finite and inside the valid ranges (±90°, ±180°).
    public var isValid: Bool {
        latitudeDegrees.isFinite && longitudeDegrees.isFinite
            && (-90...90).contains(latitudeDegrees) && (-180...180).contains(longitudeDegrees)
    }
}

/// Great-circle distance on a sphere.
///
/// Haversine with the mean Earth radius of 6 371 km, the formula used by reference/emission-factors.md
/// ("Great-circle distances"), by impactco2 (ADEME) and by the DESNZ distance guidance; the difference to
/// Vincenty on the WGS-84 ellipsoid stays under 0.3 % for the routes Trajet serves.
public enum GreatCircle {
    public static let meanEarthRadiusKm = 6371.0

    public static func distanceKm(from a: Coordinate, to b: Coordinate) -> Double {
        let phi1 = a.latitudeDegrees * .pi / 180
        let phi2 = b.latitudeDegrees * .pi / 180
        let deltaPhi = (b.latitudeDegrees - a.latitudeDegrees) * .pi / 180
        let deltaLambda = (b.longitudeDegrees - a.longitudeDegrees) * .pi / 180
        let h = sin(deltaPhi / 2) * sin(deltaPhi / 2)
            + cos(phi1) * cos(phi2) * sin(deltaLambda / 2) * sin(deltaLambda / 2)
        return 2 * meanEarthRadiusKm * atan2(h.squareRoot(), (1 - h).squareRoot())
    }
}
