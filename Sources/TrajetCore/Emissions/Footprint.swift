/// Emission terms in kg CO2e. The headline is `totalKg` (well-to-wake with non-CO2 effects);
/// `totalWithoutNonCO2Kg` is always shown beside it.
public struct EmissionComponents: Hashable, Sendable, Codable {
    /// Tank-to-wheel / tank-to-wake without non-CO2 effects.
    public var ttwKg: Double
    /// Aviation non-CO2 effects (radiative forcing, contrails).
    public var nonCO2Kg: Double
    /// Well-to-tank (fuel upstream).
    public var wttKg: Double
    /// Optional ISO 14083 hub term (airports).
    public var hubKg: Double

    public init(ttwKg: Double = 0, nonCO2Kg: Double = 0, wttKg: Double = 0, hubKg: Double = 0) {
        self.ttwKg = ttwKg
        self.nonCO2Kg = nonCO2Kg
        self.wttKg = wttKg
        self.hubKg = hubKg
    }

    public static let zero = EmissionComponents()

    public var totalKg: Double { ttwKg + nonCO2Kg + wttKg + hubKg }
    public var totalWithoutNonCO2Kg: Double { ttwKg + wttKg + hubKg }

    public static func + (lhs: EmissionComponents, rhs: EmissionComponents) -> EmissionComponents {
        EmissionComponents(
            ttwKg: lhs.ttwKg + rhs.ttwKg, nonCO2Kg: lhs.nonCO2Kg + rhs.nonCO2Kg, wttKg: lhs.wttKg + rhs.wttKg,
            hubKg: lhs.hubKg + rhs.hubKg)
    }

    public func scaled(by factor: Double) -> EmissionComponents {
        EmissionComponents(
            ttwKg: ttwKg * factor, nonCO2Kg: nonCO2Kg * factor, wttKg: wttKg * factor, hubKg: hubKg * factor)
    }
}

/// Which factor row produced a footprint, so every number can be traced to its file, line and publisher.
public struct FactorUse: Hashable, Sendable {
    public var factorSetID: FactorSetID
    public var factorSetVersion: String
    public var file: String
    public var line: Int
    public var factor: EmissionFactor
}

/// Caveats that travel with a footprint and are shown to the user.
public enum FootprintNote: String, Hashable, Sendable, Codable, CaseIterable {
    /// The set does not distinguish cabin classes; its all-class row was used.
    case cabinClassNotDistinguished = "cabin_class_not_distinguished"
    /// The set publishes no well-to-tank rows: WTT is missing from the total.
    case wttNotPublished = "wtt_not_published"
    /// Fuel upstream is already inside the set's TTW values.
    case wttIncludedInTTW = "wtt_included_in_ttw"
    /// The factor is a proxy (no published value for this service).
    case proxyFactor = "proxy_factor"
    /// The factor is an estimate derived from other published values.
    case estimatedFactor = "estimated_factor"
    /// The distance is an estimate (great-circle × detour factor, or an ESTIMATE in the sources).
    case estimatedDistance = "estimated_distance"
}

/// The footprint of one leg, per person and for the group.
public struct LegFootprint: Hashable, Sendable {
    public var mode: TransportMode
    public var from: PlaceID
    public var to: PlaceID
    /// Distance the factor was applied to (for flights: great-circle × the set's multiplier).
    public var distanceKm: Double
    public var distanceBasis: DistanceBasis
    /// Vehicles the group needs, for vehicle-based modes.
    public var vehicles: Int?
    public var seatsPerVehicle: Int?
    public var perPerson: EmissionComponents
    public var group: EmissionComponents
    public var factorUse: FactorUse
    public var notes: [FootprintNote]
}

/// The footprint of several legs (a one-way trip), per person and for the group.
public struct TripFootprint: Hashable, Sendable {
    public var legs: [LegFootprint]
    public var people: Int
    public var perPerson: EmissionComponents { legs.reduce(.zero) { $0 + $1.perPerson } }
    public var group: EmissionComponents { legs.reduce(.zero) { $0 + $1.group } }
    public var notes: [FootprintNote] {
        var seen: [FootprintNote] = []
        for note in legs.flatMap(\.notes) where !seen.contains(note) { seen.append(note) }
        return seen
    }
}
