/// Errors of the domain core. Each case carries what a message needs; the CLI and the server word them.
public enum TrajetError: Error, Equatable, Sendable {
    /// No place matches the query; `suggestions` are the closest names.
    case unknownPlace(query: String, suggestions: [String])
    /// Several places match equally well and the context cannot choose.
    case ambiguousPlace(query: String, candidates: [PlaceID])
    /// The factor set id is not among the loaded sets.
    case unknownFactorSet(id: String, available: [String])
    /// The factor set has no row for this mode/class/region/distance.
    case noFactor(factorSet: String, mode: TransportMode, variant: String, distanceKm: Double)
    /// A flight was asked between places that are not airports.
    case notAnAirport(place: PlaceID, nearestAirport: PlaceID?, nearestDistanceKm: Double?)
    /// No network leg and no distance given for a surface mode.
    case distanceUnknown(from: PlaceID, to: PlaceID, mode: TransportMode)
    /// No itinerary satisfies the query; `blockingConstraints` are those whose removal alone gives options
    /// (empty when the destination cannot be reached at all).
    case noItinerary(from: PlaceID, to: PlaceID, blockingConstraints: [RouteConstraint])
    /// An input value is out of range; `field` names the option or JSON key.
    case invalidValue(field: String, value: String, expected: Expectation)
}
