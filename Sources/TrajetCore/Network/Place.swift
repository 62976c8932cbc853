import Foundation

/// Stable identifier of a place (`BRU`, `BE-BXL-MIDI`, `MA-KHEMISSET`).
public struct PlaceID: RawRepresentable, Hashable, Comparable, Sendable, Codable, CustomStringConvertible,
    ExpressibleByStringLiteral
{
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public init(_ rawValue: String) { self.rawValue = rawValue }
    public init(stringLiteral value: String) { self.rawValue = value }
    public var description: String { rawValue }
    public static func < (lhs: PlaceID, rhs: PlaceID) -> Bool { lhs.rawValue < rhs.rawValue }
    public init(from decoder: any Decoder) throws { rawValue = try decoder.singleValueContainer().decode(String.self) }
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}

public enum PlaceKind: String, CaseIterable, Sendable, Codable {
    case airport
    case station
    case port
    case city
    case busStation = "bus_station"
}

/// A point of the network: an airport, a station, a port or a town.
public struct Place: Hashable, Sendable, Identifiable {
    public var id: PlaceID
    public var name: String
    public var kind: PlaceKind
    /// City or town the place belongs to; groups a city's stations and airports.
    public var city: String
    /// ISO 3166-1 alpha-2.
    public var countryCode: String
    public var coordinate: Coordinate
    public var iataCode: String?
    /// IANA time-zone identifier, for local departure times.
    public var timeZoneID: String
    public var aliases: [String]
    public var coordinatesEstimated: Bool
    public var notes: String
    public var source: String

    public init(
        id: PlaceID, name: String, kind: PlaceKind, city: String, countryCode: String, coordinate: Coordinate,
        iataCode: String? = nil, timeZoneID: String, aliases: [String] = [], coordinatesEstimated: Bool = false,
        notes: String = "", source: String
    ) {
        self.id = id
        self.name = name
        self.kind = kind
        self.city = city
        self.countryCode = countryCode
        self.coordinate = coordinate
        self.iataCode = iataCode
        self.timeZoneID = timeZoneID
        self.aliases = aliases
        self.coordinatesEstimated = coordinatesEstimated
        self.notes = notes
        self.source = source
    }
}

/// Identifier of a partner NGO (`twiza`, `aje`, `lekaa`, `alafia-jeunes`).
public struct PartnerID: RawRepresentable, Hashable, Comparable, Sendable, Codable, CustomStringConvertible,
    ExpressibleByStringLiteral
{
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public init(stringLiteral value: String) { self.rawValue = value }
    public var description: String { rawValue }
    public static func < (lhs: PartnerID, rhs: PartnerID) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// A partner NGO that hosts the groups, with the places where groups go.
public struct Partner: Hashable, Sendable, Identifiable {
    public var id: PartnerID
    public var name: String
    public var countryCode: String
    /// Where a group usually goes; the destination of a route search.
    public var mainPlace: PlaceID
    /// Every activity site, `mainPlace` first.
    public var places: [PlaceID]
    public var aliases: [String]
    public var notes: String
    public var source: String

    public init(
        id: PartnerID, name: String, countryCode: String, mainPlace: PlaceID, places: [PlaceID],
        aliases: [String] = [], notes: String = "", source: String
    ) {
        self.id = id
        self.name = name
        self.countryCode = countryCode
        self.mainPlace = mainPlace
        self.places = places
        self.aliases = aliases
        self.notes = notes
        self.source = source
    }
}
