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

    public func resolve(_ query: String, for purpose: Purpose = .any) throws(TrajetError) -> Place {
        let trimmed = query.trimmingCharacters(in: .whitespaces)
        guard !SearchText.fold(trimmed).isEmpty else {
            throw .invalidValue(field: "place", value: query, expected: "a place name, IATA code or partner id")
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
