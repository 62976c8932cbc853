import Foundation
import TrajetCore

/// Every Belgian station (iRail's list) as a place, and SNCB legs between each station and the network's Belgian
/// hubs derived from `network/be-rail-rules.csv`: groups start from their own town, not only from the four cities
/// the curated legs cover.
///
/// The derived legs are estimates by construction; each carries the rule that made it in its notes, so the table,
/// `--details` and the JSON say so.
enum BelgianRailLoader {
    static let stationsFile = "network/stations-be.csv"
    static let rulesFile = "network/be-rail-rules.csv"
    static let stationColumns = [
        "place_id", "irail_id", "name", "aliases", "latitude", "longitude", "trains_per_day", "boarding", "source",
    ]

    struct Station {
        var placeID: PlaceID
        var trainsPerDay: Double
        var source: String
    }

    /// The derivation rules, each read from its row of the rules file.
    struct Rules {
        var hubs: [PlaceID]
        var detourFactor: Double
        var speedKmh: Double
        var changeAllowanceMinutes: Int
        var fareCapKm: Double
        var fareCapCents: Int
        var fareFloorCents: Int
        var youthDiscount: Double
        var airportSupplementCents: Int
        var airportStation: PlaceID
        var checkedOn: CalendarDay
    }

    /// Station places not already in places.csv, and every station's trains per day.
    static func loadStations(directory: URL, known: [PlaceID: Place], issues: inout [DatasetIssue]) -> (
        places: [Place], stations: [Station]
    ) {
        guard let table = NetworkLoader.table(stationsFile, columns: stationColumns, directory: directory, issues: &issues)
        else { return ([], []) }
        var places: [Place] = []
        var stations: [Station] = []
        var firstLine: [PlaceID: Int] = [:]
        eachRow(table, issues: &issues) { (row) throws(DatasetIssue) in
            let id = PlaceID(try row.required("place_id", expected: "a place id such as BE-MONS"))
            if let line = firstLine[id] { throw row.issue("place_id", "duplicate place id '\(id)' (first on line \(line))") }
            firstLine[id] = row.line
            let trains = try row.requiredDouble(
                "trains_per_day", in: 0...5_000, expected: "iRail's average number of trains stopping per day, ≥ 0")
            let source = try row.source()
            // A border pricing point is a name, not a place to board: no legs.
            let boarding = row.text("boarding") != "no"
            stations.append(Station(placeID: id, trainsPerDay: boarding ? trains : 0, source: source))
            // A station already curated in places.csv keeps its row there; this file only adds its trains per day.
            guard known[id] == nil else { return }
            let name = try row.required("name", expected: "the station's name")
            let latitude = try row.requiredDouble("latitude", in: 49...52, expected: "a latitude in Belgium, 49 to 52")
            let longitude = try row.requiredDouble("longitude", in: 2...7, expected: "a longitude in Belgium, 2 to 7")
            places.append(
                Place(
                    id: id, name: name, kind: .station, city: name, countryCode: "BE",
                    coordinate: Coordinate(latitudeDegrees: latitude, longitudeDegrees: longitude), timeZoneID: "Europe/Brussels",
                    aliases: row.list("aliases"),
                    notes: !boarding
                        ? "Border pricing point, not a station to board (belgianrail.be); the nearest served station is used"
                        : trains > 0
                        ? "SNCB station, iRail id \(row.text("irail_id"))"
                        : "No passenger trains stop here (iRail: 0 trains a day); the nearest served station is used",
                    source: source))
        }
        return (places, stations)
    }

    static func loadRules(directory: URL, places: [PlaceID: Place], issues: inout [DatasetIssue]) -> Rules? {
        guard let table = NetworkLoader.table(rulesFile, columns: ["key", "value", "source"], directory: directory, issues: &issues)
        else { return nil }
        var rows: [String: CSVRow] = [:]
        for row in table.rows { rows[row.text("key")] = row }
        let before = issues.count
        func row(_ key: String) -> CSVRow? {
            guard let row = rows[key] else {
                issues.append(DatasetIssue(file: rulesFile, message: "missing row '\(key)'"))
                return nil
            }
            do { _ = try row.source() } catch {
                issues.append(error)
                return nil
            }
            return row
        }
        func number(_ key: String, _ range: ClosedRange<Double>, _ expected: String) -> Double {
            guard let row = row(key) else { return range.lowerBound }
            do { return try row.requiredDouble("value", in: range, expected: expected) } catch {
                issues.append(error)
                return range.lowerBound
            }
        }
        func cents(_ key: String) -> Int {
            guard let row = row(key) else { return 0 }
            do throws(DatasetIssue) {
                guard let value = try row.euroCents("value") else { throw row.issue("value", "empty; expected an amount in EUR") }
                return value
            } catch {
                issues.append(error)
                return 0
            }
        }
        func place(_ text: String, _ key: String) -> PlaceID? {
            let id = PlaceID(text)
            guard places[id] != nil else {
                issues.append(
                    DatasetIssue(
                        file: rulesFile, line: rows[key]?.line, column: "value",
                        message: "unknown place '\(text)'; expected an id from network/places.csv or \(stationsFile)"))
                return nil
            }
            return id
        }
        let hubs = (row("hubs")?.list("value") ?? []).compactMap { place($0, "hubs") }
        let airport = row("airport_station").flatMap { place($0.text("value"), "airport_station") }
        var checked: CalendarDay?
        if let checkedRow = row("checked_on") {
            checked = CalendarDay(iso: checkedRow.text("value"))
            if checked == nil { issues.append(checkedRow.issue("value", "'\(checkedRow.text("value"))' is not a YYYY-MM-DD date")) }
        }
        let rules = Rules(
            hubs: hubs, detourFactor: number("detour_factor", 1...3, "a detour factor between 1 and 3"),
            speedKmh: number("speed_kmh", 10...300, "an average speed in km/h, 10 to 300"),
            changeAllowanceMinutes: Int(number("change_allowance_minutes", 0...120, "minutes, 0 to 120")),
            fareCapKm: number("fare_cap_km", 1...1_000, "the distance in km where the fare stops rising"),
            fareCapCents: cents("fare_cap_eur"), fareFloorCents: cents("fare_floor_eur"),
            youthDiscount: number("youth_discount", 0...0.9, "a share between 0 and 0.9"),
            airportSupplementCents: cents("airport_supplement_eur"), airportStation: airport ?? "",
            checkedOn: checked ?? CalendarDay(iso: "2000-01-01")!)
        guard issues.count == before, !hubs.isEmpty else { return nil }
        return rules
    }

    /// Legs to and from each hub for every served station, except where a curated rail leg already joins the pair.
    static func derivedLegs(stations: [Station], places: [PlaceID: Place], curated: [Leg], rules: Rules) -> [Leg] {
        var curatedPairs = Set<String>()
        for leg in curated where leg.mode.isRail { curatedPairs.insert("\(leg.from)>\(leg.to)") }
        let trains = Dictionary(stations.map { ($0.placeID, $0.trainsPerDay) }, uniquingKeysWith: { a, _ in a })
        var legs: [Leg] = []
        legs.reserveCapacity(stations.count * rules.hubs.count * 2)
        let notes = NotesText(rules)
        for station in stations where station.trainsPerDay > 0 {
            guard let place = places[station.placeID] else { continue }
            for hubID in rules.hubs where hubID != station.placeID {
                guard let hub = places[hubID] else { continue }
                // A train stops in both directions: half the stops leave towards any one side. The hub end has more
                // trains; the smaller station decides.
                let perDay = min(station.trainsPerDay, trains[hubID] ?? station.trainsPerDay) / 2
                guard perDay > 0 else { continue }
                for (from, to) in [(place, hub), (hub, place)] where !curatedPairs.contains("\(from.id)>\(to.id)") {
                    legs.append(
                        derivedLeg(from: from, to: to, perDay: perDay, rules: rules, notes: notes, source: station.source))
                }
            }
        }
        return legs
    }

    /// The parts of a derived leg's note that depend only on the rules, written once for the six thousand legs (each
    /// leg wrote them again, with `String(format:)`: a tenth of the start of every command).
    struct NotesText {
        let beforeTrains: String
        let afterTrains: String
        let airportSupplement: String
        let source: String

        init(_ rules: Rules) {
            beforeTrains =
                "ESTIMATE derived (\(rulesFile)): distance = great-circle × \(rules.detourFactor); duration = distance at "
                + "\(Int(rules.speedKmh)) km/h + \(rules.changeAllowanceMinutes) min for a change; "
            afterTrains =
                " trains/day = half of iRail's trains stopping per day; fare = SNCB Standard by km "
                + "(\(euros(rules.fareCapCents)) € at \(Int(rules.fareCapKm)) km and more), youth −"
                + "\(Int(rules.youthDiscount * 100)) % as the low end"
            airportSupplement = ", + Diabolo supplement \(euros(rules.airportSupplementCents)) €"
            source = "; rules: " + rulesFile
        }
    }

    static func derivedLeg(from: Place, to: Place, perDay: Double, rules: Rules, notes text: NotesText, source: String) -> Leg {
        let lineKm = GreatCircle.distanceKm(from: from.coordinate, to: to.coordinate) * rules.detourFactor
        let minutes = max(5, Int((lineKm / rules.speedKmh * 60).rounded()) + rules.changeAllowanceMinutes)
        let standard = min(
            rules.fareCapCents,
            max(rules.fareFloorCents, Int((Double(rules.fareCapCents) * min(lineKm, rules.fareCapKm) / rules.fareCapKm).rounded())))
        let airport = from.id == rules.airportStation || to.id == rules.airportStation ? rules.airportSupplementCents : 0
        let youth = max(rules.fareFloorCents, Int((Double(standard) * (1 - rules.youthDiscount)).rounded()))
        let notes =
            text.beforeTrains + trainsPerDayText(perDay) + text.afterTrains + (airport > 0 ? text.airportSupplement : "")
        var leg = Leg(
            id: LegID(rawValue: "SNCB:\(from.id)>\(to.id)"), from: from.id, to: to.id, mode: .rail, operatorName: "SNCB",
            distanceKm: lineKm, distanceBasis: .greatCircleDetour(factor: rules.detourFactor), distanceEstimated: true,
            durationMinutes: minutes, durationEstimated: true, servicesPerWeek: perDay * 7, frequencyEstimated: true,
            fare: FareRange(minCents: youth + airport, maxCents: standard + airport), fareEstimated: true,
            notes: notes, source: source + text.source, checkedOn: rules.checkedOn)
        leg.derived = true
        return leg
    }

    /// `12` from 10 a day up, `4.5` below.
    static func trainsPerDayText(_ perDay: Double) -> String {
        perDay >= 10 ? String(Int(perDay.rounded())) : String(format: "%.1f", perDay)
    }

    static func euros(_ cents: Int) -> String {
        cents % 100 == 0 ? "\(cents / 100)" : String(format: "%.2f", Double(cents) / 100)
    }
}
