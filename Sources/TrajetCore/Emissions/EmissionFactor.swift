/// Identifier of a factor set (`desnz-2025`, `desnz-2024`, `ademe-2025`).
public struct FactorSetID: RawRepresentable, Hashable, Comparable, Sendable, Codable, CustomStringConvertible,
    ExpressibleByStringLiteral
{
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public init(stringLiteral value: String) { self.rawValue = value }
    public var description: String { rawValue }
    public static func < (lhs: FactorSetID, rhs: FactorSetID) -> Bool { lhs.rawValue < rhs.rawValue }
}

public enum CabinClass: String, CaseIterable, Sendable, Codable {
    case average
    case economy
    case premiumEconomy = "premium_economy"
    case business
    case first
}

/// Which rows a factor applies to beyond its mode.
public enum FactorVariant: Hashable, Sendable, CustomStringConvertible {
    /// The mode's only row (surface modes).
    case standard
    /// Applies to any cabin class (sets that do not distinguish classes, such as ADEME).
    case anyCabin
    case cabin(CabinClass)

    public init?(_ text: String) {
        switch text {
        case "default": self = .standard
        case "any": self = .anyCabin
        default:
            guard let cabin = CabinClass(rawValue: text) else { return nil }
            self = .cabin(cabin)
        }
    }

    public var description: String {
        switch self {
        case .standard: "default"
        case .anyCabin: "any"
        case .cabin(let cabin): cabin.rawValue
        }
    }
}

/// Where a factor row applies, written in the datasets as `any`, `within:MA`, `touches:GB`, `not_touches:GB`.
///
/// DESNZ's rule "International, to/from non-UK for flights that do not touch the UK" is the row region
/// `not_touches:GB`; no country is named in code.
public enum FactorRegion: Hashable, Sendable, CustomStringConvertible {
    case any
    /// Both ends of the leg in the country.
    case within(String)
    /// At least one end in the country.
    case touches(String)
    /// Neither end in the country.
    case notTouches(String)

    public init?(_ text: String) {
        if text == "any" {
            self = .any
            return
        }
        let parts = text.split(separator: ":", maxSplits: 1).map(String.init)
        guard parts.count == 2, parts[1].count == 2, parts[1].allSatisfy({ $0.isUppercase && $0.isLetter }) else {
            return nil
        }
        switch parts[0] {
        case "within": self = .within(parts[1])
        case "touches": self = .touches(parts[1])
        case "not_touches": self = .notTouches(parts[1])
        default: return nil
        }
    }

    public var description: String {
        switch self {
        case .any: "any"
        case .within(let c): "within:\(c)"
        case .touches(let c): "touches:\(c)"
        case .notTouches(let c): "not_touches:\(c)"
        }
    }

    public func matches(fromCountry: String, toCountry: String) -> Bool {
        switch self {
        case .any: true
        case .within(let c): fromCountry == c && toCountry == c
        case .touches(let c): fromCountry == c || toCountry == c
        case .notTouches(let c): fromCountry != c && toCountry != c
        }
    }

    /// Higher is more specific; the most specific matching row wins.
    var specificity: Int {
        switch self {
        case .any: 0
        case .touches, .notTouches: 1
        case .within: 2
        }
    }
}

public enum FactorUnit: String, Sendable, Codable {
    case passengerKm = "passenger_km"
    case vehicleKm = "vehicle_km"
}

/// How a factor's emissions are shared among the group.
public enum Allocation: String, Sendable, Codable {
    /// Mass transport: each traveller counts the factor per passenger-km.
    case perPerson = "per_person"
    /// Chartered vehicles: the group counts whole vehicles, `ceil(people / seats)`.
    case perVehicle = "per_vehicle"
    /// Shared vehicles that leave full (grand taxi, sept-places): each traveller counts one seat's share.
    case perSeat = "per_seat"
}

/// One row of a factor set.
public struct EmissionFactor: Hashable, Sendable {
    public var mode: TransportMode
    public var variant: FactorVariant
    public var region: FactorRegion
    /// Distance band: applies when `minDistanceKm < d <= maxDistanceKm` (open ends when nil).
    public var minDistanceKm: Double?
    public var maxDistanceKm: Double?
    public var unit: FactorUnit
    /// Tank-to-wake, including non-CO2 effects where the set publishes them (kg CO2e per unit).
    public var ttwKgPerUnit: Double
    /// Tank-to-wake without non-CO2 effects (kg CO2e per unit).
    public var ttwWithoutNonCO2KgPerUnit: Double
    /// Well-to-tank (kg CO2e per unit); nil where the set does not publish it.
    public var wttKgPerUnit: Double?
    /// Default passengers per vehicle for vehicle-km rows.
    public var seats: Int?
    public var allocation: Allocation
    public var isProxy: Bool
    public var isEstimate: Bool
    /// The publisher's name for the row (sheet / category / factor id).
    public var reference: String
    public var notes: String
    public var source: String
    /// Line of the row in its CSV file (1 = header), to trace a number back to its file.
    public var line: Int

    public init(
        mode: TransportMode, variant: FactorVariant = .standard, region: FactorRegion = .any,
        minDistanceKm: Double? = nil, maxDistanceKm: Double? = nil, unit: FactorUnit = .passengerKm,
        ttwKgPerUnit: Double, ttwWithoutNonCO2KgPerUnit: Double, wttKgPerUnit: Double?, seats: Int? = nil,
        allocation: Allocation = .perPerson, isProxy: Bool = false, isEstimate: Bool = false, reference: String = "",
        notes: String = "", source: String, line: Int = 0
    ) {
        self.mode = mode
        self.variant = variant
        self.region = region
        self.minDistanceKm = minDistanceKm
        self.maxDistanceKm = maxDistanceKm
        self.unit = unit
        self.ttwKgPerUnit = ttwKgPerUnit
        self.ttwWithoutNonCO2KgPerUnit = ttwWithoutNonCO2KgPerUnit
        self.wttKgPerUnit = wttKgPerUnit
        self.seats = seats
        self.allocation = allocation
        self.isProxy = isProxy
        self.isEstimate = isEstimate
        self.reference = reference
        self.notes = notes
        self.source = source
        self.line = line
    }

    public func covers(distanceKm: Double) -> Bool {
        if let min = minDistanceKm, !(distanceKm > min) { return false }
        if let max = maxDistanceKm, !(distanceKm <= max) { return false }
        return true
    }

    /// Human label of the distance band, e.g. `≤ 1000 km`, `2000–5000 km`; nil when unbanded.
    public var bandLabel: String? {
        switch (minDistanceKm, maxDistanceKm) {
        case (nil, nil): nil
        case (nil, let max?): "≤ \(Int(max)) km"
        case (let min?, nil): "> \(Int(min)) km"
        case (let min?, let max?): "\(Int(min))–\(Int(max)) km"
        }
    }
}

public enum NonCO2Method: String, Sendable, Codable {
    /// The set publishes rows with and without radiative forcing (DESNZ).
    case publishedRFRows = "published_rf_rows"
    /// The set adds a contrails term to each flight row (ADEME).
    case contrailsTerm = "contrails_term"
}

/// The methodological rules of a set, kept as data next to its rows.
public struct FactorSetRules: Hashable, Sendable {
    /// How flight distance is measured before the factor applies (`great_circle` for every shipped set).
    public var flightDistanceBasis: String
    /// Multiplier on great-circle distance for flights; 1.0 where the uplift is already inside the factor.
    public var flightDistanceMultiplier: Double
    public var nonCO2Method: NonCO2Method
    /// The publisher's non-CO2 multiplier, for information (the published rows already contain it).
    public var nonCO2Multiplier: Double
    public var wttPublished: Bool
    public var wttIncludedInTTW: Bool
    public var includesVehicleConstruction: Bool
    public var defaultCabinClass: CabinClass

    public init(
        flightDistanceBasis: String = "great_circle", flightDistanceMultiplier: Double = 1,
        nonCO2Method: NonCO2Method = .publishedRFRows, nonCO2Multiplier: Double = 1.7, wttPublished: Bool = true,
        wttIncludedInTTW: Bool = false, includesVehicleConstruction: Bool = false,
        defaultCabinClass: CabinClass = .economy
    ) {
        self.flightDistanceBasis = flightDistanceBasis
        self.flightDistanceMultiplier = flightDistanceMultiplier
        self.nonCO2Method = nonCO2Method
        self.nonCO2Multiplier = nonCO2Multiplier
        self.wttPublished = wttPublished
        self.wttIncludedInTTW = wttIncludedInTTW
        self.includesVehicleConstruction = includesVehicleConstruction
        self.defaultCabinClass = defaultCabinClass
    }
}

/// A published set of emission factors with its provenance and rules.
public struct FactorSet: Sendable, Identifiable {
    public var id: FactorSetID
    public var name: String
    public var publisher: String
    public var year: Int
    public var version: String
    public var licence: String
    public var rules: FactorSetRules
    public var notes: String
    public let factors: [EmissionFactor]
    /// Rows by mode, so choosing a row scans a handful, not the whole set (route search does it per leg).
    private let factorsByMode: [TransportMode: [EmissionFactor]]
    /// Source of each metadata key, as written in the set's `set.csv`.
    public var metadataSources: [String: String]
    /// File the rows came from, relative to the datasets directory.
    public var factorsFile: String

    public init(
        id: FactorSetID, name: String, publisher: String, year: Int, version: String, licence: String,
        rules: FactorSetRules, notes: String = "", factors: [EmissionFactor], metadataSources: [String: String] = [:],
        factorsFile: String = ""
    ) {
        self.id = id
        self.name = name
        self.publisher = publisher
        self.year = year
        self.version = version
        self.licence = licence
        self.rules = rules
        self.notes = notes
        self.factors = factors
        self.factorsByMode = Dictionary(grouping: factors, by: \.mode)
        self.metadataSources = metadataSources
        self.factorsFile = factorsFile
    }

    /// The most specific row for a leg: exact cabin class before `any`, then the most specific region.
    public func factor(
        mode: TransportMode, cabinClass: CabinClass?, fromCountry: String, toCountry: String, distanceKm: Double
    ) -> EmissionFactor? {
        let candidates = (factorsByMode[mode] ?? []).filter {
            $0.region.matches(fromCountry: fromCountry, toCountry: toCountry)
                && $0.covers(distanceKm: distanceKm)
        }
        func variantRank(_ variant: FactorVariant) -> Int? {
            switch variant {
            case .standard: return mode == .flight ? nil : 1
            case .anyCabin: return 1
            case .cabin(let cabin):
                guard mode == .flight else { return nil }
                return cabin == (cabinClass ?? rules.defaultCabinClass) ? 2 : nil
            }
        }
        return candidates.compactMap { row in variantRank(row.variant).map { (row, $0) } }
            .max { lhs, rhs in
                lhs.1 != rhs.1 ? lhs.1 < rhs.1 : lhs.0.region.specificity < rhs.0.region.specificity
            }?.0
    }
}

/// Per-passenger terms for interchange points (ISO 14083 hubs).
public struct HubFactors: Hashable, Sendable {
    public var airportKgPerPassenger: Double
    public var source: String
    public init(airportKgPerPassenger: Double, source: String) {
        self.airportKgPerPassenger = airportKgPerPassenger
        self.source = source
    }
}
