import Foundation

/// Turns what a coordinator types ("Liège", "BRU", "twiza", "Bruxelles") into one place of the network.
public struct PlaceResolver: Sendable {
    public let network: Network

    public init(network: Network) { self.network = network }

    /// What the place will be used for; decides between a city's station and its airport.
    public enum Purpose: Sendable {
        case flight
        case surface
        case any
    }

    /// How a group gets to the place the search starts from when what they typed is not served itself: coordinates,
    /// or a town whose station has no trains. Always said in the output ("nearest station Libramont, 27 km").
    public struct Access: Hashable, Sendable {
        /// What the coordinator typed, as a name ("Bastogne-Nord", "50.45,3.95").
        public var typed: String
        public var station: Place
        /// Great-circle km to the station; the trip there (bus, car) is not costed.
        public var distanceKm: Double
    }

    /// A place to start or end a trip: like `resolve`, but "lat,lon" and unserved stations lead to the nearest
    /// station with legs, reported in `Access`.
    public func resolveEndpoint(_ query: String) throws(TrajetError) -> (place: Place, access: Access?) {
        if let coordinate = PlaceResolver.coordinate(query) {
            guard let (station, km) = nearestServedStation(to: coordinate) else {
                throw .unknownPlace(query: query, suggestions: [])
            }
            return (station, Access(typed: query.trimmingCharacters(in: .whitespaces), station: station, distanceKm: km))
        }
        let place = try resolve(query, for: .surface)
        guard network.outgoingLegIndices[place.id] == nil, place.countryCode == "BE",
            let (station, km) = nearestServedStation(to: place.coordinate)
        else { return (place, nil) }
        return (station, Access(typed: place.name, station: station, distanceKm: km))
    }

    /// Parses "50.45,3.95" (latitude, longitude in degrees).
    public static func coordinate(_ text: String) -> Coordinate? {
        let parts = text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        guard parts.count == 2, let lat = Double(parts[0]), let lon = Double(parts[1]), (-90...90).contains(lat),
            (-180...180).contains(lon)
        else { return nil }
        return Coordinate(latitudeDegrees: lat, longitudeDegrees: lon)
    }

    /// Extra km a group is taken to go for a busier station (Bastogne: Libramont's 140 trains a day rather than
    /// Neufchâteau's 63, 0.6 km nearer).
    public static let busierStationSlackKm = 5.0

    /// The Belgian station the network can leave from nearest to a point; among those within
    /// `busierStationSlackKm` of the nearest, the one with the most departures a week.
    public func nearestServedStation(to coordinate: Coordinate) -> (Place, Double)? {
        let served = network.places.values
            .filter { $0.kind == .station && $0.countryCode == "BE" && network.outgoingLegIndices[$0.id] != nil }
            .map { ($0, GreatCircle.distanceKm(from: coordinate, to: $0.coordinate)) }
        guard let nearest = served.map(\.1).min() else { return nil }
        func departures(_ place: Place) -> Double {
            (network.outgoingLegIndices[place.id] ?? []).reduce(0) { $0 + network.legs[$1].servicesPerWeek }
        }
        return served.filter { $0.1 <= nearest + PlaceResolver.busierStationSlackKm }
            .max { a, b in
                let da = departures(a.0)
                let db = departures(b.0)
                return da != db ? da < db : a.0.id > b.0.id
            }
    }

    public func resolve(_ query: String, for purpose: Purpose = .any) throws(TrajetError) -> Place {
        let trimmed = query.trimmingCharacters(in: .whitespaces)
        guard !SearchText.fold(trimmed).isEmpty else {
            throw .invalidValue(field: "place", value: query, expected: .w("expect.place-name-iata-or-partner"))
        }
        var candidates = network.exactMatches(trimmed)
        if candidates.isEmpty, let partner = network.partner(matching: trimmed), let main = network.place(partner.mainPlace) {
            candidates = [main]
        }
        guard !candidates.isEmpty else {
            throw .unknownPlace(query: query, suggestions: network.suggestions(for: trimmed))
        }
        // "Bruxelles" names the station; for a flight, the city's airport is meant.
        if purpose == .flight, !candidates.contains(where: { $0.kind == .airport }) {
            let cities = Set(candidates.map { SearchText.fold($0.city) })
            let airports = network.places.values.filter { $0.kind == .airport && cities.contains(SearchText.fold($0.city)) }
            if !airports.isEmpty { candidates = airports }
        }
        if candidates.count > 1, purpose == .flight {
            // Among a city's airports, the one the network flies from most (Dakar: DSS, not the closed DKR).
            let flights = { (place: Place) in
                (network.outgoingLegIndices[place.id] ?? []).filter { network.legs[$0].mode == .flight }.count
            }
            candidates.sort { a, b in
                let fa = flights(a)
                let fb = flights(b)
                return fa != fb ? fa > fb : a.id < b.id
            }
            if candidates[0].kind == .airport, flights(candidates[0]) > flights(candidates[1]) { return candidates[0] }
        }
        if candidates.count == 1 { return candidates[0] }
        // A code or id typed exactly wins over a city that happens to share letters with it.
        let folded = SearchText.fold(trimmed)
        if let exact = candidates.first(where: {
            SearchText.fold($0.id.rawValue) == folded || $0.iataCode.map(SearchText.fold) == folded
        }) {
            return exact
        }
        let order: [PlaceKind] =
            switch purpose {
            case .flight: [.airport, .city, .station, .busStation, .port]
            case .surface, .any: [.station, .city, .busStation, .port, .airport]
            }
        // Within a kind, prefer the place named after the query over one that only lists it as an alias.
        let ranked = candidates.sorted { a, b in
            let ka = order.firstIndex(of: a.kind) ?? order.count
            let kb = order.firstIndex(of: b.kind) ?? order.count
            if ka != kb { return ka < kb }
            let na = SearchText.fold(a.city) == folded || SearchText.fold(a.name) == folded
            let nb = SearchText.fold(b.city) == folded || SearchText.fold(b.name) == folded
            if na != nb { return na }
            return a.id < b.id
        }
        return ranked[0]
    }
}
