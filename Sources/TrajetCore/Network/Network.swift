import Foundation

/// The places, partners and legs Trajet plans over, indexed for search.
public struct Network: Sendable {
    public let places: [PlaceID: Place]
    public let partners: [PartnerID: Partner]
    public let legs: [Leg]
    /// Indices into `legs`, by departure place.
    public let outgoingLegIndices: [PlaceID: [Int]]
    /// Index into `legs` by leg id (the first leg with an id, as the datasets refuse duplicates).
    private let legIndexByID: [String: Int]

    /// Folded search keys → places, built once so look-ups stay cheap.
    private let searchIndex: [String: [PlaceID]]

    /// Median ratio of sourced route distance to great-circle distance, per mode family.
    public let detourFactors: [DetourFamily: Double]

    public enum DetourFamily: String, Sendable, CaseIterable {
        case rail, road, sea
        public init?(mode: TransportMode) {
            if mode.isRail { self = .rail } else if mode.isRoad { self = .road } else if mode == .ferry { self = .sea } else {
                return nil
            }
        }
    }

    /// The leg with this id (a saved plan's or an itinerary file's `legId`), if the network still has it.
    public func leg(id: String) -> Leg? { legIndexByID[id].map { legs[$0] } }

    public init(places: [Place], partners: [Partner], legs: [Leg]) {
        var placeTable: [PlaceID: Place] = [:]
        for place in places { placeTable[place.id] = place }
        self.places = placeTable
        var partnerTable: [PartnerID: Partner] = [:]
        for partner in partners { partnerTable[partner.id] = partner }
        self.partners = partnerTable
        self.legs = legs
        var outgoing: [PlaceID: [Int]] = [:]
        for (index, leg) in legs.enumerated() { outgoing[leg.from, default: []].append(index) }
        self.outgoingLegIndices = outgoing
        var byID: [String: Int] = [:]
        byID.reserveCapacity(legs.count)
        for (index, leg) in legs.enumerated() where byID[leg.id.rawValue] == nil { byID[leg.id.rawValue] = index }
        self.legIndexByID = byID

        var index: [String: [PlaceID]] = [:]
        func add(_ key: String, _ id: PlaceID) {
            let folded = SearchText.fold(key)
            guard !folded.isEmpty else { return }
            if !(index[folded]?.contains(id) ?? false) { index[folded, default: []].append(id) }
        }
        for place in places {
            add(place.id.rawValue, place.id)
            add(place.name, place.id)
            add(place.city, place.id)
            if let iata = place.iataCode { add(iata, place.id) }
            for alias in place.aliases { add(alias, place.id) }
        }
        self.searchIndex = index

        var ratios: [DetourFamily: [Double]] = [:]
        for leg in legs where leg.distanceBasis == .route && !leg.distanceEstimated {
            guard let family = DetourFamily(mode: leg.mode), let a = placeTable[leg.from], let b = placeTable[leg.to]
            else { continue }
            let gc = GreatCircle.distanceKm(from: a.coordinate, to: b.coordinate)
            // Short hops (a walk to the quay) say nothing about detours.
            guard gc >= 20 else { continue }
            ratios[family, default: []].append(leg.distanceKm / gc)
        }
        var factors: [DetourFamily: Double] = [:]
        for (family, values) in ratios where !values.isEmpty {
            let sorted = values.sorted()
            let mid = sorted.count / 2
            factors[family] = sorted.count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
        }
        self.detourFactors = factors
    }

    public func place(_ id: PlaceID) -> Place? { places[id] }

    public func greatCircleKm(_ a: PlaceID, _ b: PlaceID) -> Double? {
        guard let pa = places[a], let pb = places[b] else { return nil }
        return GreatCircle.distanceKm(from: pa.coordinate, to: pb.coordinate)
    }

    /// Places whose id, IATA code, name, city or alias equals the query (accent- and case-insensitive).
    public func exactMatches(_ query: String) -> [Place] {
        let folded = SearchText.fold(query)
        return (searchIndex[folded] ?? []).compactMap { places[$0] }.sorted { $0.id < $1.id }
    }

    /// The partner whose id, name or alias equals the query.
    public func partner(matching query: String) -> Partner? {
        let folded = SearchText.fold(query)
        guard !folded.isEmpty else { return nil }
        return partners.values.sorted { $0.id < $1.id }.first { partner in
            SearchText.fold(partner.id.rawValue) == folded || SearchText.fold(partner.name) == folded
                || partner.aliases.contains { SearchText.fold($0) == folded }
        }
    }

    /// Places for a listing: exact matches first, then names containing the query, then close spellings.
    public func search(_ query: String, limit: Int = 20) -> [Place] {
        let folded = SearchText.fold(query)
        if folded.isEmpty { return places.values.sorted { $0.id < $1.id } }
        var seen = Set<PlaceID>()
        var result: [Place] = []
        func take(_ list: [Place]) {
            for place in list where !seen.contains(place.id) {
                seen.insert(place.id)
                result.append(place)
            }
        }
        take(exactMatches(query))
        let containing = searchIndex.keys.filter { $0.contains(folded) }.sorted()
        take(containing.flatMap { searchIndex[$0] ?? [] }.compactMap { places[$0] })
        if result.isEmpty {
            take(closestKeys(to: folded, limit: limit).flatMap { searchIndex[$0] ?? [] }.compactMap { places[$0] })
        }
        return Array(result.prefix(limit))
    }

    /// Display names of the places closest in spelling to the query ("did you mean Liège?"). Belgian places come
    /// first at equal distance: the groups start in Belgium, so "Monss" means Mons, not Lagos.
    public func suggestions(for query: String, limit: Int = 3) -> [String] {
        let folded = SearchText.fold(query)
        var scored: [(distance: Int, foreign: Bool, name: String)] = []
        for (key, distance) in closestScoredKeys(to: folded, limit: limit * 6) {
            for id in searchIndex[key] ?? [] {
                guard let place = places[id] else { continue }
                let name = place.kind == .airport ? "\(place.name) (\(place.id))" : place.city == place.name ? place.name : "\(place.city) – \(place.name)"
                scored.append((distance, place.countryCode != "BE", name))
            }
        }
        scored.sort { a, b in
            if a.distance != b.distance { return a.distance < b.distance }
            if a.foreign != b.foreign { return !a.foreign }
            return a.name < b.name
        }
        var names: [String] = []
        for entry in scored where !names.contains(entry.name) { names.append(entry.name) }
        for partner in partners.values.sorted(by: { $0.id < $1.id }) {
            let distance = SearchText.editDistance(folded, SearchText.fold(partner.id.rawValue))
            if distance > 0, distance <= 2 { names.insert("\(partner.name) (\(partner.id))", at: 0) }
        }
        return Array(names.prefix(limit))
    }

    private func closestKeys(to folded: String, limit: Int) -> [String] {
        closestScoredKeys(to: folded, limit: limit).map(\.key)
    }

    private func closestScoredKeys(to folded: String, limit: Int) -> [(key: String, distance: Int)] {
        guard !folded.isEmpty else { return [] }
        let tolerance = max(2, folded.unicodeScalars.count / 3)
        var scored: [(key: String, distance: Int)] = []
        for key in searchIndex.keys {
            // Compare with the key's prefix too, so "brux" finds "bruxelles midi".
            let whole = SearchText.editDistance(folded, key)
            let prefix = key.count > folded.count
                ? SearchText.editDistance(folded, String(key.prefix(folded.count))) + 1 : whole
            let distance = min(whole, prefix)
            if distance <= tolerance { scored.append((key, distance)) }
        }
        scored.sort { $0.distance != $1.distance ? $0.distance < $1.distance : $0.key < $1.key }
        return Array(scored.prefix(limit))
    }

    /// The airport nearest to a place, for "did you mean to fly from …" hints.
    public func nearestAirport(to id: PlaceID) -> (place: Place, distanceKm: Double)? {
        guard let origin = places[id] else { return nil }
        return places.values.filter { $0.kind == .airport }
            .map { ($0, GreatCircle.distanceKm(from: origin.coordinate, to: $0.coordinate)) }
            .min { $0.1 < $1.1 }
    }

    /// Direct legs between two places with a given mode.
    public func legs(from: PlaceID, to: PlaceID, mode: TransportMode? = nil) -> [Leg] {
        (outgoingLegIndices[from] ?? []).map { legs[$0] }.filter { $0.to == to && (mode == nil || $0.mode == mode) }
    }
}

extension Network {
    /// The ids of the partners each place belongs to, sorted (places of no partner are absent).
    public func partnerIDsByPlace() -> [PlaceID: [String]] {
        Dictionary(
            grouping: partners.values.flatMap { partner in partner.places.map { ($0, partner.id.rawValue) } },
            by: \.0
        ).mapValues { $0.map(\.1).sorted() }
    }
}
