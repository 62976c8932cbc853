import TrajetCore

/// A tiny network and factor set built in code, so core tests do not depend on the shipped files.
enum Fixtures {
    static func place(_ id: String, _ kind: PlaceKind, _ city: String, _ country: String, _ lat: Double, _ lon: Double,
                      iata: String? = nil, aliases: [String] = []) -> Place {
        Place(
            id: PlaceID(id), name: city, kind: kind, city: city, countryCode: country,
            coordinate: Coordinate(latitudeDegrees: lat, longitudeDegrees: lon), iataCode: iata,
            timeZoneID: "Europe/Brussels", aliases: aliases, source: "test")
    }

    // Coordinates from reference/emission-factors.md "Airport coordinates used" (OpenFlights).
    static let bru = place("BRU", .airport, "Brussels", "BE", 50.901401519800004, 4.48443984985, iata: "BRU")
    static let dss = place("DSS", .airport, "Diass", "SN", 14.67, -17.073333, iata: "DSS")
    static let cmn = place("CMN", .airport, "Casablanca", "MA", 33.36750030517578, -7.589970111846924, iata: "CMN")
    static let cai = place("CAI", .airport, "Cairo", "EG", 30.12190055847168, 31.40559959411621, iata: "CAI")
    static let lfw = place("LFW", .airport, "Lomé", "TG", 6.165609836578369, 1.2545100450515747, iata: "LFW")
    static let lhr = place("LHR", .airport, "London", "GB", 51.4706, -0.461941, iata: "LHR")
    static let liege = place(
        "BE-LIEGE-G", .station, "Liège", "BE", 50.624297, 5.566667, aliases: ["Liège-Guillemins", "Luik"])
    static let midi = place(
        "BE-BXL-MIDI", .station, "Brussels", "BE", 50.835374, 4.335695, aliases: ["Bruxelles", "Brussel", "BXL"])
    static let rabat = place("MA-RABAT-AGDAL", .station, "Rabat", "MA", 34.00123, -6.85726)
    static let khemisset = place("MA-KHEMISSET", .city, "Khémisset", "MA", 33.817, -6.067)

    static let network = Network(
        places: [bru, dss, cmn, cai, lfw, lhr, liege, midi, rabat, khemisset],
        partners: [
            Partner(
                id: "twiza", name: "Mouvement Twiza", countryCode: "MA", mainPlace: "MA-KHEMISSET",
                places: ["MA-KHEMISSET"], aliases: ["Twiza"], source: "test")
        ],
        legs: [
            Leg(id: "BE1", from: "BE-LIEGE-G", to: "BE-BXL-MIDI", mode: .rail, distanceKm: 100, durationMinutes: 60,
                servicesPerWeek: 224, source: "test"),
            Leg(id: "M3", from: "MA-RABAT-AGDAL", to: "MA-KHEMISSET", mode: .sharedTaxi, distanceKm: 83.5,
                durationMinutes: 75, servicesPerWeek: 100, vehicleSeats: 6, source: "test"),
        ])

    /// DESNZ 2025 rows (reference/emission-factors.md §1.2–1.4) and ADEME flight bands (§2.1).
    static let desnz2025 = FactorSet(
        id: "desnz-2025", name: "DESNZ 2025", publisher: "DESNZ", year: 2025, version: "test", licence: "OGL",
        rules: FactorSetRules(),
        factors: [
            EmissionFactor(mode: .flight, variant: .cabin(.economy), region: .notTouches("GB"), ttwKgPerUnit: 0.10916,
                           ttwWithoutNonCO2KgPerUnit: 0.06449, wttKgPerUnit: 0.01656, source: "test", line: 2),
            EmissionFactor(mode: .flight, variant: .cabin(.average), region: .notTouches("GB"), ttwKgPerUnit: 0.14253,
                           ttwWithoutNonCO2KgPerUnit: 0.08420, wttKgPerUnit: 0.02162, source: "test", line: 3),
            EmissionFactor(mode: .flight, variant: .cabin(.economy), region: .touches("GB"), maxDistanceKm: 3700,
                           ttwKgPerUnit: 0.12576, ttwWithoutNonCO2KgPerUnit: 0.07435, wttKgPerUnit: 0.02249,
                           source: "test", line: 4),
            EmissionFactor(mode: .flight, variant: .cabin(.economy), region: .touches("GB"), minDistanceKm: 3700,
                           ttwKgPerUnit: 0.11704, ttwWithoutNonCO2KgPerUnit: 0.06926, wttKgPerUnit: 0.02461,
                           source: "test", line: 5),
            EmissionFactor(mode: .rail, ttwKgPerUnit: 0.03546, ttwWithoutNonCO2KgPerUnit: 0.03546, wttKgPerUnit: 0.00897,
                           source: "test", line: 6),
            EmissionFactor(mode: .coach, ttwKgPerUnit: 0.02776, ttwWithoutNonCO2KgPerUnit: 0.02776, wttKgPerUnit: 0.00656,
                           source: "test", line: 7),
            EmissionFactor(mode: .ferry, ttwKgPerUnit: 0.01871, ttwWithoutNonCO2KgPerUnit: 0.01871, wttKgPerUnit: 0.00424,
                           source: "test", line: 8),
            EmissionFactor(mode: .minibus, unit: .vehicleKm, ttwKgPerUnit: 0.21007, ttwWithoutNonCO2KgPerUnit: 0.21007,
                           wttKgPerUnit: 0.04146, seats: 8, allocation: .perVehicle, source: "test", line: 9),
            EmissionFactor(mode: .sharedTaxi, unit: .vehicleKm, ttwKgPerUnit: 0.21007, ttwWithoutNonCO2KgPerUnit: 0.21007,
                           wttKgPerUnit: 0.04146, seats: 7, allocation: .perSeat, source: "test", line: 10),
        ])

    static let ademe2025 = FactorSet(
        id: "ademe-2025", name: "ADEME", publisher: "ADEME", year: 2025, version: "test", licence: "?",
        rules: FactorSetRules(nonCO2Method: .contrailsTerm, nonCO2Multiplier: 2, wttPublished: false, wttIncludedInTTW: true),
        factors: [
            EmissionFactor(mode: .flight, variant: .anyCabin, maxDistanceKm: 1000, ttwKgPerUnit: 0.224572,
                           ttwWithoutNonCO2KgPerUnit: 0.123572, wttKgPerUnit: nil, source: "test", line: 2),
            EmissionFactor(mode: .flight, variant: .anyCabin, minDistanceKm: 1000, maxDistanceKm: 2000,
                           ttwKgPerUnit: 0.184661, ttwWithoutNonCO2KgPerUnit: 0.101661, wttKgPerUnit: nil, source: "test", line: 3),
            EmissionFactor(mode: .flight, variant: .anyCabin, minDistanceKm: 2000, maxDistanceKm: 5000,
                           ttwKgPerUnit: 0.166794, ttwWithoutNonCO2KgPerUnit: 0.091794, wttKgPerUnit: nil, source: "test", line: 4),
            EmissionFactor(mode: .flight, variant: .anyCabin, minDistanceKm: 5000, ttwKgPerUnit: 0.177894,
                           ttwWithoutNonCO2KgPerUnit: 0.097894, wttKgPerUnit: nil, source: "test", line: 5),
        ])

    static func flight(_ a: Place, _ b: Place) -> LegInput {
        LegInput(mode: .flight, from: a, to: b, distanceKm: GreatCircle.distanceKm(from: a.coordinate, to: b.coordinate),
                 distanceBasis: .greatCircle)
    }
}

/// |actual − expected| ≤ tolerance × |expected|.
func isClose(_ actual: Double, _ expected: Double, relative tolerance: Double = 0.005) -> Bool {
    abs(actual - expected) <= tolerance * abs(expected)
}
