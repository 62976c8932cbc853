import Foundation
import TrajetCore

enum NetworkLoader {
    static let placesFile = "network/places.csv"
    static let partnersFile = "network/partners.csv"
    static let legsFile = "network/legs.csv"

    static let placeColumns = [
        "id", "name", "kind", "city", "country", "latitude", "longitude", "iata", "timezone", "aliases",
        "coordinates_estimate", "notes", "source",
    ]
    static let partnerColumns = ["id", "name", "country", "main_place", "places", "aliases", "notes", "source"]
    static let legColumns = [
        "id", "from", "to", "mode", "operator", "distance_km", "distance_basis", "detour_factor", "distance_estimate",
        "duration_minutes", "duration_estimate", "departure_times", "days_of_week", "services_per_week",
        "frequency_estimate", "fare_min_eur", "fare_max_eur", "fare_estimate", "overnight", "vehicle_seats",
        "service_unconfirmed", "valid_from", "valid_until", "notes", "source",
    ]
    // `checked_on`, `timetable_year` and `factor_proxy` are read when present: a file without them loads, and `trajet network check`
    // then reports every leg as never checked.

    static func load(directory: URL, issues: inout [DatasetIssue]) -> Network? {
        let before = issues.count
        var places = loadPlaces(directory: directory, issues: &issues)
        var placeTable = Dictionary(places.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        // The Belgian stations and their derived legs come as a pair of files; a datasets directory without them
        // (a test's, a generated benchmark's) has only its curated places.
        let hasBelgianRail = FileManager.default.fileExists(
            atPath: directory.appendingPathComponent(BelgianRailLoader.stationsFile).path)
        let belgian: (places: [Place], stations: [BelgianRailLoader.Station]) =
            hasBelgianRail
            ? BelgianRailLoader.loadStations(directory: directory, known: placeTable, issues: &issues) : ([], [])
        places += belgian.places
        for place in belgian.places { placeTable[place.id] = place }
        let partners = loadPartners(directory: directory, places: placeTable, issues: &issues)
        var legs = loadLegs(directory: directory, places: placeTable, issues: &issues)
        let rules = hasBelgianRail ? BelgianRailLoader.loadRules(directory: directory, places: placeTable, issues: &issues) : nil
        guard issues.count == before else { return nil }
        if let rules {
            legs += BelgianRailLoader.derivedLegs(stations: belgian.stations, places: placeTable, curated: legs, rules: rules)
        }
        return Network(places: places, partners: partners, legs: legs)
    }

    static func table(_ file: String, columns: [String], directory: URL, issues: inout [DatasetIssue]) -> CSVTable? {
        guard let text = readDatasetFile(file, in: directory, issues: &issues) else { return nil }
        do { return try CSVTable(text: text, file: file, requiredColumns: columns) } catch {
            issues.append(error)
            return nil
        }
    }

    static func loadPlaces(directory: URL, issues: inout [DatasetIssue]) -> [Place] {
        guard let table = table(placesFile, columns: placeColumns, directory: directory, issues: &issues) else {
            return []
        }
        var places: [Place] = []
        var firstLine: [PlaceID: Int] = [:]
        var knownZones: [String: Bool] = [:]
        eachRow(table, issues: &issues) { (row) throws(DatasetIssue) in
            let id = PlaceID(try row.required("id", expected: "a place id such as BE-BXL-MIDI or BRU"))
            if let line = firstLine[id] { throw row.issue("id", "duplicate place id '\(id)' (first on line \(line))") }
            firstLine[id] = row.line
            let kindText = try row.required("kind", expected: "a place kind")
            guard let kind = PlaceKind(rawValue: kindText) else {
                throw row.issue(
                    "kind",
                    "unknown kind '\(kindText)'; expected one of \(PlaceKind.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            let country = try row.required("country", expected: "an ISO 3166-1 alpha-2 code")
            guard country.count == 2, country.allSatisfy({ $0.isASCII && $0.isUppercase }) else {
                throw row.issue("country", "'\(country)' is not an ISO 3166-1 alpha-2 code such as BE or MA")
            }
            let latitude = try row.requiredDouble("latitude", in: -90...90, expected: "a latitude in degrees, -90 to 90")
            let longitude = try row.requiredDouble(
                "longitude", in: -180...180, expected: "a longitude in degrees, -180 to 180")
            let iata = row.optionalText("iata")
            if let iata, iata.count != 3 || !iata.allSatisfy({ $0.isASCII && $0.isUppercase }) {
                throw row.issue("iata", "'\(iata)' is not a three-letter IATA code")
            }
            if kind == .airport, iata == nil { throw row.issue("iata", "empty; an airport needs its IATA code") }
            let zone = try row.required("timezone", expected: "an IANA time zone such as Europe/Brussels")
            if knownZones[zone] == nil { knownZones[zone] = TimeZone(identifier: zone) != nil }
            guard knownZones[zone] == true else {
                throw row.issue("timezone", "unknown time zone '\(zone)'; expected an IANA id such as Africa/Dakar")
            }
            places.append(
                Place(
                    id: id, name: try row.required("name", expected: "the place's name"), kind: kind,
                    city: try row.required("city", expected: "the city the place belongs to"), countryCode: country,
                    coordinate: Coordinate(latitudeDegrees: latitude, longitudeDegrees: longitude), iataCode: iata,
                    timeZoneID: zone, aliases: row.list("aliases"),
                    coordinatesEstimated: try row.bool("coordinates_estimate"), notes: row.text("notes"),
                    source: try row.source()))
        }
        return places
    }

    static func loadPartners(directory: URL, places: [PlaceID: Place], issues: inout [DatasetIssue]) -> [Partner] {
        guard let table = table(partnersFile, columns: partnerColumns, directory: directory, issues: &issues) else {
            return []
        }
        var partners: [Partner] = []
        var seen = Set<String>()
        eachRow(table, issues: &issues) { (row) throws(DatasetIssue) in
            let id = try row.required("id", expected: "a partner id such as twiza")
            guard seen.insert(id).inserted else { throw row.issue("id", "duplicate partner id '\(id)'") }
            let main = PlaceID(try row.required("main_place", expected: "a place id from places.csv"))
            guard places[main] != nil else {
                throw row.issue("main_place", "unknown place '\(main)'; expected an id from \(placesFile)")
            }
            var sites = row.list("places").map(PlaceID.init(rawValue:))
            for site in sites where places[site] == nil {
                throw row.issue("places", "unknown place '\(site)'; expected ids from \(placesFile)")
            }
            if !sites.contains(main) { sites.insert(main, at: 0) }
            partners.append(
                Partner(
                    id: PartnerID(rawValue: id), name: try row.required("name", expected: "the partner's name"),
                    countryCode: try row.required("country", expected: "an ISO country code"), mainPlace: main,
                    places: sites, aliases: row.list("aliases"), notes: row.text("notes"), source: try row.source()))
        }
        return partners
    }

    static func loadLegs(directory: URL, places: [PlaceID: Place], issues: inout [DatasetIssue]) -> [Leg] {
        guard let table = table(legsFile, columns: legColumns, directory: directory, issues: &issues) else {
            return []
        }
        var legs: [Leg] = []
        var firstLine: [String: Int] = [:]
        eachRow(table, issues: &issues) { (row) throws(DatasetIssue) in
            legs.append(try parseLeg(row, places: places, firstLine: &firstLine))
        }
        return legs
    }

    static func parseLeg(_ row: CSVRow, places: [PlaceID: Place], firstLine: inout [String: Int]) throws(DatasetIssue)
        -> Leg
    {
        let id = try row.required("id", expected: "a leg id such as R1")
        if let line = firstLine[id] { throw row.issue("id", "duplicate leg id '\(id)' (first on line \(line))") }
        firstLine[id] = row.line
        let fromID = PlaceID(try row.required("from", expected: "a place id from places.csv"))
        let toID = PlaceID(try row.required("to", expected: "a place id from places.csv"))
        guard let from = places[fromID] else {
            throw row.issue("from", "unknown place '\(fromID)'; expected an id from \(placesFile)")
        }
        guard let to = places[toID] else {
            throw row.issue("to", "unknown place '\(toID)'; expected an id from \(placesFile)")
        }
        guard fromID != toID else { throw row.issue("to", "same place as 'from'; a leg joins two different places") }
        let modeText = try row.required("mode", expected: "a transport mode")
        guard let mode = TransportMode(rawValue: modeText) else {
            throw row.issue(
                "mode",
                "unknown mode '\(modeText)'; expected one of \(TransportMode.allCases.map(\.rawValue).joined(separator: ", "))")
        }

        let greatCircleKm = GreatCircle.distanceKm(from: from.coordinate, to: to.coordinate)
        let basisText = try row.required("distance_basis", expected: "route, great_circle or great_circle_detour")
        let distanceKm: Double
        let basis: DistanceBasis
        var distanceEstimated = try row.bool("distance_estimate")
        if let raw = row.optionalText("distance_km"), let value = Double(raw), value < 0 {
            throw row.issue("distance_km", "negative distance \(raw); expected a distance in km ≥ 0")
        }
        switch basisText {
        case "route":
            distanceKm = try row.requiredDouble(
                "distance_km", in: 0...LegInput.maximumDistanceKm, expected: "the route distance in km (distance_basis is route)")
            basis = .route
        case "great_circle":
            if row.optionalText("distance_km") != nil {
                throw row.issue("distance_km", "must be empty when distance_basis is great_circle (it is computed)")
            }
            distanceKm = greatCircleKm
            basis = .greatCircle
        case "great_circle_detour":
            if row.optionalText("distance_km") != nil {
                throw row.issue("distance_km", "must be empty when distance_basis is great_circle_detour")
            }
            let factor = try row.requiredDouble(
                "detour_factor", in: 1...3, expected: "a detour factor between 1 and 3")
            distanceKm = greatCircleKm * factor
            basis = .greatCircleDetour(factor: factor)
            distanceEstimated = true
        default:
            throw row.issue(
                "distance_basis", "unknown basis '\(basisText)'; expected route, great_circle or great_circle_detour")
        }
        if basisText != "great_circle_detour", row.optionalText("detour_factor") != nil {
            throw row.issue("detour_factor", "only allowed when distance_basis is great_circle_detour")
        }

        let duration = try row.int("duration_minutes", in: 1...20_160, expected: "a duration in minutes, 1 to 20160")
        guard let duration else { throw row.issue("duration_minutes", "empty; expected a duration in minutes") }

        var times: [LocalTime] = []
        for text in row.list("departure_times") {
            guard let time = LocalTime(text) else {
                throw row.issue("departure_times", "'\(text)' is not a time; expected HH:MM;HH:MM (local time)")
            }
            times.append(time)
        }
        var days: [Weekday] = []
        for text in row.list("days_of_week") {
            guard let day = Weekday(abbreviation: text) else {
                throw row.issue("days_of_week", "'\(text)' is not a weekday; expected Mon;Tue;Wed;Thu;Fri;Sat;Sun")
            }
            days.append(day)
        }
        let perWeek = try row.requiredDouble(
            "services_per_week", in: 0.01...10_000, expected: "departures per week, more than 0")

        let fareMin = try row.euroCents("fare_min_eur")
        let fareMax = try row.euroCents("fare_max_eur")
        var fare: FareRange?
        switch (fareMin, fareMax) {
        case (nil, nil): fare = nil
        case (let min?, let max?):
            guard min <= max else { throw row.issue("fare_max_eur", "smaller than fare_min_eur") }
            fare = FareRange(minCents: min, maxCents: max)
        case (let one?, nil), (nil, let one?): fare = FareRange(minCents: one, maxCents: one)
        }

        let seats = try row.int("vehicle_seats", in: 1...100, expected: "passengers per vehicle, 1 to 100")
        var validFrom: CalendarDay?
        var validUntil: CalendarDay?
        if let text = row.optionalText("valid_from") {
            guard let day = CalendarDay(iso: text) else { throw row.issue("valid_from", "'\(text)' is not a YYYY-MM-DD date") }
            validFrom = day
        }
        if let text = row.optionalText("valid_until") {
            guard let day = CalendarDay(iso: text) else { throw row.issue("valid_until", "'\(text)' is not a YYYY-MM-DD date") }
            validUntil = day
        }
        if let validFrom, let validUntil, validUntil < validFrom {
            throw row.issue("valid_until", "before valid_from")
        }
        var checkedOn: CalendarDay?
        if let text = row.optionalText("checked_on") {
            guard let day = CalendarDay(iso: text) else { throw row.issue("checked_on", "'\(text)' is not a YYYY-MM-DD date") }
            checkedOn = day
        }
        let timetableYear = try row.int("timetable_year", in: 1950...2100, expected: "the year of the timetable, such as 2015")
        if timetableYear != nil, times.isEmpty {
            throw row.issue("timetable_year", "set but departure_times is empty; the year dates a timetable")
        }

        var leg = Leg(
            id: LegID(rawValue: id), from: fromID, to: toID, mode: mode, operatorName: row.text("operator"),
            distanceKm: distanceKm, distanceBasis: basis, distanceEstimated: distanceEstimated,
            durationMinutes: duration, durationEstimated: try row.bool("duration_estimate"), departureTimes: times.sorted(),
            daysOfWeek: days.sorted(), servicesPerWeek: perWeek, frequencyEstimated: try row.bool("frequency_estimate"),
            fare: fare, fareEstimated: try row.bool("fare_estimate"), overnight: try row.bool("overnight"),
            vehicleSeats: seats, serviceUnconfirmed: try row.bool("service_unconfirmed"), validFrom: validFrom,
            validUntil: validUntil, notes: row.text("notes"), source: try row.source(), checkedOn: checkedOn,
            timetableYear: timetableYear)
        leg.factorProxy = try row.bool("factor_proxy")
        return leg
    }
}
