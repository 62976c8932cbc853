import Foundation
import TrajetCore
import TrajetQueries

/// SplitMix64 (Steele, Lea & Flood 2014): a tiny, fast generator whose output depends only on the seed, on every
/// platform and Swift version. The benchmark never touches the system generator, so the same seed always gives
/// the same network and the same queries.
package struct SplitMix64 {
    private(set) var state: UInt64

    package init(seed: UInt64) { state = seed }

    package mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform in [0, 1), 53 bits.
    package mutating func unit() -> Double { Double(next() >> 11) * 0x1p-53 }

    /// Uniform in `range` (floating point).
    package mutating func double(in range: ClosedRange<Double>) -> Double {
        range.lowerBound + unit() * (range.upperBound - range.lowerBound)
    }

    /// Uniform in `0..<bound` (multiply-high; the bias is below 2⁻⁶⁴ · bound, irrelevant here).
    package mutating func int(below bound: Int) -> Int {
        precondition(bound > 0)
        return Int(next().multipliedFullWidth(by: UInt64(bound)).high)
    }

    /// Uniform in `range` (integers).
    package mutating func int(in range: ClosedRange<Int>) -> Int { range.lowerBound + int(below: range.count) }

    package mutating func chance(_ probability: Double) -> Bool { unit() < probability }

    /// A generator for a separate purpose, so one stream's length never shifts another's values.
    package static func derived(from seed: UInt64, stream: UInt64) -> SplitMix64 {
        var mixer = SplitMix64(seed: seed ^ (stream &* 0xD1B5_4A32_D192_ED03))
        return SplitMix64(seed: mixer.next())
    }
}

/// A synthetic network for the route-search benchmark: `places` places scattered over a Europe–Africa-sized box,
/// each linked to its nearest neighbours by surface legs, airports linked by flights, a few night trains and
/// overnight ferries. Deterministic: the same (places, legs, seed) gives the same network, leg for leg.
///
/// It is meant to load the search the way a real network of that size would (a few legs per place, frequent and
/// timetabled services, multi-day trips across the box), not to look like any real geography.
package struct GeneratedNetwork {
    package let network: Network
    package let seed: UInt64
    /// FNV-1a over every place and leg; equal fingerprints mean identical networks.
    package let fingerprint: UInt64
    package let legsByMode: [(mode: TransportMode, count: Int)]
    package let timetabledLegs: Int
    package let overnightLegs: Int

    /// A real country, where places near `anchor` belong (nearest anchor wins), with its IANA time zone.
    package struct Country {
        var code: String
        var latitude: Double
        var longitude: Double
        var timeZone: String
    }

    /// Real ISO codes and time zones, so factor-set region rows (`within:MA`, `within:EG`, `not_touches:GB`) and
    /// time-zone offsets behave as on the shipped network.
    package static let countries: [Country] = [
        Country(code: "BE", latitude: 50.8, longitude: 4.4, timeZone: "Europe/Brussels"),
        Country(code: "NL", latitude: 52.0, longitude: 5.3, timeZone: "Europe/Amsterdam"),
        Country(code: "DE", latitude: 50.5, longitude: 10.0, timeZone: "Europe/Berlin"),
        Country(code: "PL", latitude: 51.5, longitude: 19.0, timeZone: "Europe/Warsaw"),
        Country(code: "FR", latitude: 46.5, longitude: 2.5, timeZone: "Europe/Paris"),
        Country(code: "CH", latitude: 46.8, longitude: 8.2, timeZone: "Europe/Zurich"),
        Country(code: "AT", latitude: 47.5, longitude: 14.5, timeZone: "Europe/Vienna"),
        Country(code: "IT", latitude: 42.5, longitude: 12.5, timeZone: "Europe/Rome"),
        Country(code: "GR", latitude: 39.0, longitude: 22.0, timeZone: "Europe/Athens"),
        Country(code: "ES", latitude: 40.4, longitude: -3.7, timeZone: "Europe/Madrid"),
        Country(code: "PT", latitude: 39.5, longitude: -8.0, timeZone: "Europe/Lisbon"),
        Country(code: "MA", latitude: 32.0, longitude: -6.5, timeZone: "Africa/Casablanca"),
        Country(code: "DZ", latitude: 29.0, longitude: 2.5, timeZone: "Africa/Algiers"),
        Country(code: "TN", latitude: 34.5, longitude: 9.5, timeZone: "Africa/Tunis"),
        Country(code: "LY", latitude: 27.0, longitude: 17.0, timeZone: "Africa/Tripoli"),
        Country(code: "EG", latitude: 27.0, longitude: 30.0, timeZone: "Africa/Cairo"),
        Country(code: "MR", latitude: 20.0, longitude: -11.0, timeZone: "Africa/Nouakchott"),
        Country(code: "SN", latitude: 14.5, longitude: -14.5, timeZone: "Africa/Dakar"),
        Country(code: "ML", latitude: 17.0, longitude: -3.0, timeZone: "Africa/Bamako"),
        Country(code: "NE", latitude: 17.0, longitude: 9.0, timeZone: "Africa/Niamey"),
        Country(code: "TD", latitude: 15.0, longitude: 19.0, timeZone: "Africa/Ndjamena"),
        Country(code: "SD", latitude: 15.0, longitude: 30.0, timeZone: "Africa/Khartoum"),
        Country(code: "BF", latitude: 12.3, longitude: -1.5, timeZone: "Africa/Ouagadougou"),
        Country(code: "CI", latitude: 7.5, longitude: -5.5, timeZone: "Africa/Abidjan"),
        Country(code: "GH", latitude: 7.5, longitude: -1.0, timeZone: "Africa/Accra"),
        Country(code: "TG", latitude: 8.0, longitude: 1.1, timeZone: "Africa/Lome"),
        Country(code: "NG", latitude: 9.0, longitude: 8.0, timeZone: "Africa/Lagos"),
    ]

    package static let latitudeRange = 5.0...52.0
    package static let longitudeRange = -18.0...32.0
    /// Surface distances are the great circle times this factor (stated on every leg as its distance basis).
    package static let detourFactor = 1.2

    /// Average speeds over the leg's (detoured) distance, km/h, and a fixed overhead in minutes.
    package static func speed(_ mode: TransportMode) -> (kmh: Double, overheadMinutes: Double) {
        switch mode {
        case .highSpeedRail: (200, 10)
        case .rail: (75, 5)
        case .nightTrain: (85, 20)
        case .coach: (70, 10)
        case .bus: (40, 5)
        case .ferry: (30, 45)
        case .flight: (780, 35)
        default: (50, 5)
        }
    }

    /// Fare per person in euro cents: base + per km, before the min/max spread.
    package static func fareCents(_ mode: TransportMode, distanceKm: Double) -> Double {
        switch mode {
        case .highSpeedRail: 800 + 16 * distanceKm
        case .rail: 200 + 11 * distanceKm
        case .nightTrain: 3000 + 7 * distanceKm
        case .coach: 300 + 5 * distanceKm
        case .bus: 100 + 7 * distanceKm
        case .ferry: 2000 + 12 * distanceKm
        case .flight: 3500 + 7 * distanceKm
        default: 10 * distanceKm
        }
    }

    // MARK: - Generation

    package init(places placeCount: Int, legs legTarget: Int, seed: UInt64) {
        precondition(placeCount >= 2 && legTarget >= 1)
        self.seed = seed
        let source = "generated (seed \(seed))"
        var rng = SplitMix64.derived(from: seed, stream: 1)

        // Places: uniform in the box; kind by share; country = nearest anchor.
        var places: [Place] = []
        places.reserveCapacity(placeCount)
        let width = String(placeCount - 1).count
        for i in 0..<placeCount {
            let latitude = rng.double(in: GeneratedNetwork.latitudeRange)
            let longitude = rng.double(in: GeneratedNetwork.longitudeRange)
            let roll = rng.unit()
            let kind: PlaceKind =
                roll < 0.03 ? .airport : roll < 0.05 ? .port : roll < 0.50 ? .station : roll < 0.85 ? .city : .busStation
            let country = GeneratedNetwork.nearestCountry(latitude: latitude, longitude: longitude)
            let number = String(repeating: "0", count: width - String(i).count) + String(i)
            places.append(
                Place(
                    id: PlaceID("G\(number)"), name: "Generated \(kind.rawValue) \(number)", kind: kind,
                    city: "Town \(number)", countryCode: country.code,
                    coordinate: Coordinate(latitudeDegrees: latitude, longitudeDegrees: longitude),
                    timeZoneID: country.timeZone, coordinatesEstimated: true, source: source))
        }
        let coordinates = places.map(\.coordinate)

        var legs: [Leg] = []
        legs.reserveCapacity(legTarget + 2)
        var linked = Set<UInt64>()
        func key(_ a: Int, _ b: Int) -> UInt64 { UInt64(min(a, b)) << 32 | UInt64(max(a, b)) }
        func greatCircle(_ a: Int, _ b: Int) -> Double { GreatCircle.distanceKm(from: coordinates[a], to: coordinates[b]) }

        /// Adds a leg each way between `a` and `b` (every service runs both ways).
        func addPair(_ a: Int, _ b: Int, mode: TransportMode, rng: inout SplitMix64) {
            linked.insert(key(a, b))
            let gc = greatCircle(a, b)
            let isFlight = mode == .flight
            let distance = isFlight ? gc : gc * GeneratedNetwork.detourFactor
            let (kmh, overhead) = GeneratedNetwork.speed(mode)
            let duration = max(10, Int((distance / kmh * 60 + overhead).rounded()))
            // Long ferries and night trains run overnight, with an evening departure.
            let overnight = mode == .nightTrain || (mode == .ferry && duration > 8 * 60)
            // Frequencies by mode; a share of services have a timetable of 1–4 departures instead.
            let perWeek: Double =
                switch mode {
                case .bus: Double(rng.int(in: 14...112))
                case .rail: Double(rng.int(in: 14...84))
                case .highSpeedRail: Double(rng.int(in: 14...56))
                case .coach: Double(rng.int(in: 7...28))
                case .ferry: Double(rng.int(in: 3...14))
                case .flight: Double(rng.int(in: 2...21))
                default: Double(rng.int(in: 1...7))
                }
            let timetabled = overnight || rng.chance(0.3)
            let fareBase = GeneratedNetwork.fareCents(mode, distanceKm: distance)
            let hasFare = !rng.chance(0.08)
            let seasonal = rng.chance(0.01)
            for (from, to) in [(a, b), (b, a)] {
                var departures: [LocalTime] = []
                if overnight {
                    departures = [LocalTime(hours: rng.int(in: 19...22), minutes: 5 * rng.int(below: 12))!]
                } else if timetabled {
                    var minutes = Set<Int>()
                    for _ in 0..<rng.int(in: 1...4) { minutes.insert(5 * rng.int(in: 60...(21 * 12))) }
                    departures = minutes.sorted().map { LocalTime(hours: $0 / 60, minutes: $0 % 60)! }
                }
                // Services under daily run on chosen days.
                var days: [Weekday] = []
                if perWeek < 7 {
                    var chosen = Set<Int>()
                    while chosen.count < Int(perWeek) { chosen.insert(rng.int(in: 1...7)) }
                    days = chosen.sorted().map { Weekday(rawValue: $0)! }
                }
                let spread = rng.double(in: 1.3...2.2)
                legs.append(
                    Leg(
                        id: LegID(rawValue: "GL\(legs.count)"), from: places[from].id, to: places[to].id, mode: mode,
                        operatorName: "Generated \(mode.rawValue)", distanceKm: (distance * 10).rounded() / 10,
                        distanceBasis: isFlight ? .greatCircle : .greatCircleDetour(factor: GeneratedNetwork.detourFactor),
                        distanceEstimated: !isFlight, durationMinutes: duration, durationEstimated: true,
                        departureTimes: departures, daysOfWeek: days,
                        servicesPerWeek: departures.isEmpty
                            ? perWeek : Double(departures.count * (days.isEmpty ? 7 : days.count)),
                        frequencyEstimated: true,
                        fare: hasFare
                            ? FareRange(minCents: Int(fareBase * 0.8), maxCents: Int(fareBase * 0.8 * spread)) : nil,
                        fareEstimated: true, overnight: overnight,
                        validFrom: seasonal ? CalendarDay(iso: "2026-05-01") : nil,
                        validUntil: seasonal ? CalendarDay(iso: "2026-10-31") : nil,
                        notes: "synthetic benchmark leg", source: source))
            }
        }

        // Flights (~5 % of the legs): each airport to random airports 300–5 000 km away, round-robin.
        let airports = places.indices.filter { places[$0].kind == .airport }
        var flightRng = SplitMix64.derived(from: seed, stream: 2)
        let flightPairsWanted = airports.count >= 2 ? legTarget * 5 / 200 : 0
        var flightPairs = 0
        var stalled = 0
        while flightPairs < flightPairsWanted, stalled < 4 {
            let before = flightPairs
            for a in airports where flightPairs < flightPairsWanted {
                for _ in 0..<8 {
                    let b = airports[flightRng.int(below: airports.count)]
                    guard a != b, !linked.contains(key(a, b)) else { continue }
                    let gc = greatCircle(a, b)
                    guard gc >= 300, gc <= 5000 else { continue }
                    addPair(a, b, mode: .flight, rng: &flightRng)
                    flightPairs += 1
                    break
                }
            }
            stalled = flightPairs == before ? stalled + 1 : 0
        }

        // Night trains (~0.5 %): station pairs 500–1 400 km apart.
        let stations = places.indices.filter { places[$0].kind == .station }
        var nightRng = SplitMix64.derived(from: seed, stream: 3)
        let nightPairsWanted = stations.count >= 2 ? legTarget / 400 : 0
        var nightPairs = 0
        var attempts = 0
        while nightPairs < nightPairsWanted, attempts < nightPairsWanted * 50 {
            attempts += 1
            let a = stations[nightRng.int(below: stations.count)]
            let b = stations[nightRng.int(below: stations.count)]
            guard a != b, !linked.contains(key(a, b)) else { continue }
            let gc = greatCircle(a, b)
            guard gc >= 500, gc <= 1400 else { continue }
            addPair(a, b, mode: .nightTrain, rng: &nightRng)
            nightPairs += 1
        }

        // Surface legs: nearest neighbours, found through a grid. Round r links every place to its r-th nearest
        // place (unless already linked), until the leg target is reached; ports also get ferries to the nearest ports.
        let grid = NeighbourGrid(coordinates: coordinates)
        var surfaceRng = SplitMix64.derived(from: seed, stream: 4)
        let ports = places.indices.filter { places[$0].kind == .port }
        if ports.count >= 2 {
            let portGrid = NeighbourGrid(coordinates: ports.map { coordinates[$0] })
            for (i, port) in ports.enumerated() where legs.count + 2 <= legTarget {
                for j in portGrid.nearest(to: i, count: 2) where legs.count + 2 <= legTarget {
                    let other = ports[j]
                    guard !linked.contains(key(port, other)), greatCircle(port, other) <= 800 else { continue }
                    addPair(port, other, mode: .ferry, rng: &surfaceRng)
                }
            }
        }
        let averageDegree = Double(legTarget) / Double(placeCount)
        let neighbourCount = min(placeCount - 1, max(4, Int(averageDegree.rounded(.up)) + 8))
        var neighbours: [[Int]] = []
        neighbours.reserveCapacity(placeCount)
        for i in 0..<placeCount { neighbours.append(grid.nearest(to: i, count: neighbourCount)) }
        round: for r in 0..<neighbourCount {
            for i in 0..<placeCount where r < neighbours[i].count {
                guard legs.count + 2 <= legTarget else { break round }
                let j = neighbours[i][r]
                guard !linked.contains(key(i, j)) else { continue }
                let mode = GeneratedNetwork.surfaceMode(places[i].kind, places[j].kind, km: greatCircle(i, j), &surfaceRng)
                addPair(i, j, mode: mode, rng: &surfaceRng)
            }
        }

        self.network = Network(places: places, partners: [], legs: legs)
        var counts: [TransportMode: Int] = [:]
        for leg in legs { counts[leg.mode, default: 0] += 1 }
        self.legsByMode = TransportMode.allCases.compactMap { mode in counts[mode].map { (mode, $0) } }
        self.timetabledLegs = legs.filter { !$0.departureTimes.isEmpty }.count
        self.overnightLegs = legs.filter(\.overnight).count
        self.fingerprint = GeneratedNetwork.fingerprint(places: places, legs: legs)
    }

    package static func nearestCountry(latitude: Double, longitude: Double) -> Country {
        var best = countries[0]
        var bestDistance = Double.infinity
        for country in countries {
            let dLat = country.latitude - latitude
            let dLon = (country.longitude - longitude) * cos((latitude + country.latitude) / 2 * .pi / 180)
            let d = dLat * dLat + dLon * dLon
            if d < bestDistance {
                bestDistance = d
                best = country
            }
        }
        return best
    }

    /// Surface mode for a neighbour link, by the kinds of its ends and its length.
    package static func surfaceMode(_ a: PlaceKind, _ b: PlaceKind, km: Double, _ rng: inout SplitMix64) -> TransportMode {
        if a == .port && b == .port { return .ferry }
        if a == .station && b == .station {
            if km >= 60, rng.chance(0.2) { return .highSpeedRail }
            return rng.chance(0.85) ? .rail : .coach
        }
        if (a == .station || a == .airport) && (b == .station || b == .airport) { return .rail }
        return km >= 60 || rng.chance(0.3) ? .coach : .bus
    }

    package static func fingerprint(places: [Place], legs: [Leg]) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        func mix(_ text: String) {
            for byte in text.utf8 {
                hash ^= UInt64(byte)
                hash &*= 0x0000_0100_0000_01B3
            }
        }
        for p in places {
            let c = p.coordinate
            mix("\(p.id)|\(p.kind.rawValue)|\(p.countryCode)|\(c.latitudeDegrees)|\(c.longitudeDegrees);")
        }
        for l in legs {
            mix("\(l.id)|\(l.from)|\(l.to)|\(l.mode.rawValue)|\(l.distanceKm)|\(l.durationMinutes)|")
            let fare = l.fare.map { "\($0.minCents)-\($0.maxCents)" } ?? "none"
            let days = l.daysOfWeek.map { String($0.rawValue) }.joined(separator: ",")
            let times = l.departureTimes.map(\.description).joined(separator: ",")
            mix("\(times)|\(days)|\(l.servicesPerWeek)|\(fare)|\(l.overnight);")
        }
        return hash
    }
}

/// A latitude/longitude bucket grid for k-nearest-neighbour queries in about O(k) per place instead of O(N).
package struct NeighbourGrid {
    package let coordinates: [Coordinate]
    package let minLatitude: Double
    package let minLongitude: Double
    package let cellDegrees: Double
    package let rows: Int
    package let columns: Int
    /// Place indices by cell (row-major), ascending.
    package let cells: [[Int]]
    /// Kilometres per degree of longitude at the grid's highest |latitude|: a lower bound on a cell's width.
    package let minKmPerDegree: Double

    package init(coordinates: [Coordinate]) {
        self.coordinates = coordinates
        let lats = coordinates.map(\.latitudeDegrees)
        let lons = coordinates.map(\.longitudeDegrees)
        let minLat = lats.min() ?? 0
        let maxLat = lats.max() ?? 0
        let minLon = lons.min() ?? 0
        let maxLon = lons.max() ?? 0
        minLatitude = minLat
        minLongitude = minLon
        // About two places per cell.
        let area = max((maxLat - minLat) * (maxLon - minLon), 1e-6)
        let cell = max((2 * area / Double(max(coordinates.count, 1))).squareRoot(), 1e-3)
        cellDegrees = cell
        rows = Int((maxLat - minLat) / cell) + 1
        columns = Int((maxLon - minLon) / cell) + 1
        var cells = [[Int]](repeating: [], count: rows * columns)
        for (i, c) in coordinates.enumerated() {
            let r = min(rows - 1, Int((c.latitudeDegrees - minLat) / cell))
            let col = min(columns - 1, Int((c.longitudeDegrees - minLon) / cell))
            cells[r * columns + col].append(i)
        }
        self.cells = cells
        let highest = max(abs(minLat), abs(maxLat))
        minKmPerDegree = GreatCircle.meanEarthRadiusKm * .pi / 180 * max(cos(min(highest, 89) * .pi / 180), 0.01)
    }

    /// The `count` places nearest to place `index` (great circle), nearest first; ties by index.
    package func nearest(to index: Int, count: Int) -> [Int] {
        let origin = coordinates[index]
        let row = min(rows - 1, Int((origin.latitudeDegrees - minLatitude) / cellDegrees))
        let column = min(columns - 1, Int((origin.longitudeDegrees - minLongitude) / cellDegrees))
        var found: [(distance: Double, index: Int)] = []
        var ring = 0
        let maxRing = max(rows, columns)
        while ring <= maxRing {
            for r in (row - ring)...(row + ring) where r >= 0 && r < rows {
                for c in (column - ring)...(column + ring) where c >= 0 && c < columns {
                    // Only the ring's border: inner cells were visited before.
                    guard abs(r - row) == ring || abs(c - column) == ring else { continue }
                    for other in cells[r * columns + c] where other != index {
                        found.append((GreatCircle.distanceKm(from: origin, to: coordinates[other]), other))
                    }
                }
            }
            // Every place outside the rings seen so far is at least `ring` whole cells away.
            if found.count >= count {
                found.sort { $0.distance != $1.distance ? $0.distance < $1.distance : $0.index < $1.index }
                if found[count - 1].distance <= Double(ring) * cellDegrees * minKmPerDegree { break }
            }
            ring += 1
        }
        found.sort { $0.distance != $1.distance ? $0.distance < $1.distance : $0.index < $1.index }
        return found.prefix(count).map(\.index)
    }
}
