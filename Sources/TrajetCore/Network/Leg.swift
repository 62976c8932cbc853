import Foundation

public struct LegID: RawRepresentable, Hashable, Comparable, Sendable, Codable, CustomStringConvertible,
    ExpressibleByStringLiteral
{
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public init(stringLiteral value: String) { self.rawValue = value }
    public var description: String { rawValue }
    public static func < (lhs: LegID, rhs: LegID) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// How a leg's distance was obtained.
public enum DistanceBasis: Hashable, Sendable {
    /// A sourced route, line or sea distance.
    case route
    /// Great-circle distance between the two places (flights: the factor sets' rule).
    case greatCircle
    /// Great-circle distance times a stated detour factor, because no route distance was found.
    case greatCircleDetour(factor: Double)
    /// A distance the user typed (`--distance-km`): neither sourced nor computed.
    case given

    public var identifier: String {
        switch self {
        case .route: "route"
        case .greatCircle: "great_circle"
        case .greatCircleDetour: "great_circle_detour"
        case .given: "given"
        }
    }
}

/// A time of day at a place, in minutes after local midnight.
public struct LocalTime: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let minutesAfterMidnight: Int
    public init?(hours: Int, minutes: Int) {
        guard (0..<24).contains(hours), (0..<60).contains(minutes) else { return nil }
        minutesAfterMidnight = hours * 60 + minutes
    }
    /// Parses `HH:MM`.
    public init?(_ text: String) {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].count == 2, parts[1].count == 2,
            let h = Int(parts[0]), let m = Int(parts[1])
        else { return nil }
        self.init(hours: h, minutes: m)
    }
    public var description: String {
        let h = minutesAfterMidnight / 60
        let m = minutesAfterMidnight % 60
        return (h < 10 ? "0" : "") + "\(h):" + (m < 10 ? "0" : "") + "\(m)"
    }
    public static func < (lhs: LocalTime, rhs: LocalTime) -> Bool { lhs.minutesAfterMidnight < rhs.minutesAfterMidnight }
}

/// ISO weekday, Monday = 1 … Sunday = 7.
public enum Weekday: Int, CaseIterable, Sendable, Comparable, Codable {
    case monday = 1, tuesday, wednesday, thursday, friday, saturday, sunday

    public init?(abbreviation: String) {
        let table = ["mon": Weekday.monday, "tue": .tuesday, "wed": .wednesday, "thu": .thursday,
                     "fri": .friday, "sat": .saturday, "sun": .sunday]
        guard let day = table[abbreviation.lowercased()] else { return nil }
        self = day
    }
    public var abbreviation: String { ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"][rawValue - 1] }
    public static func < (lhs: Weekday, rhs: Weekday) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// A fare range per person, one way, in euro cents (money is never stored as floating point).
public struct FareRange: Hashable, Sendable {
    public var minCents: Int
    public var maxCents: Int
    public init(minCents: Int, maxCents: Int) {
        self.minCents = minCents
        self.maxCents = maxCents
    }
    public var minEur: Double { Double(minCents) / 100 }
    public var maxEur: Double { Double(maxCents) / 100 }
    public static let zero = FareRange(minCents: 0, maxCents: 0)
    public static func + (lhs: FareRange, rhs: FareRange) -> FareRange {
        FareRange(minCents: lhs.minCents + rhs.minCents, maxCents: lhs.maxCents + rhs.maxCents)
    }
}

/// A day in the calendar, without time zone (validity bounds of a service).
public struct CalendarDay: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    /// Parses `YYYY-MM-DD` and checks the day exists.
    public init?(iso text: String) {
        // Bytes, not split: reports parse a few hundred thousand dates.
        let bytes = Array(text.utf8)
        guard bytes.count == 10, bytes[4] == 45, bytes[7] == 45 else { return nil }
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for index in range {
                let byte = bytes[index]
                guard byte >= 48, byte <= 57 else { return nil }
                value = value * 10 + Int(byte - 48)
            }
            return value
        }
        guard let y = number(0..<4), let m = number(5..<7), let d = number(8..<10),
            (1...12).contains(m), d >= 1, d <= CalendarDay.daysIn(month: m, year: y)
        else { return nil }
        year = y
        month = m
        day = d
    }

    init(unchecked year: Int, _ month: Int, _ day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    public var description: String {
        func padded(_ value: Int, _ width: Int) -> String {
            let digits = String(value)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        return padded(year, 4) + "-" + padded(month, 2) + "-" + padded(day, 2)
    }

    public static func < (lhs: CalendarDay, rhs: CalendarDay) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }
}

/// A transport service between two places, with everything the sources say about it.
public struct Leg: Hashable, Sendable, Identifiable {
    public var id: LegID
    public var from: PlaceID
    public var to: PlaceID
    public var mode: TransportMode
    public var operatorName: String
    public var distanceKm: Double
    public var distanceBasis: DistanceBasis
    public var distanceEstimated: Bool
    public var durationMinutes: Int
    public var durationEstimated: Bool
    /// Local departure times at `from`, for services that run a few times a day; empty when frequency-based.
    public var departureTimes: [LocalTime]
    /// Days the service runs; empty means every day.
    public var daysOfWeek: [Weekday]
    public var servicesPerWeek: Double
    public var frequencyEstimated: Bool
    public var fare: FareRange?
    public var fareEstimated: Bool
    public var overnight: Bool
    /// Passengers per vehicle, for vehicle-based modes; overrides the factor set's default.
    public var vehicleSeats: Int?
    /// The source says the service's current operation is not confirmed.
    public var serviceUnconfirmed: Bool
    public var validFrom: CalendarDay?
    public var validUntil: CalendarDay?
    public var notes: String
    public var source: String

    // Data age (issue 14): when the row was last checked against its sources, and the year of the timetable its
    // departure times come from. Old timetables are shown as such, never as firm times.
    public var checkedOn: CalendarDay?
    public var timetableYear: Int?
    /// Made by a rule (`network/be-rail-rules.csv`), not researched: every figure is an estimate.
    public var derived = false
    /// The factor row used for this leg stands in for another kind of service (`factor_proxy`: a shared West
    /// African minibus costed with the local-bus factor): the footprint is flagged PROXY even if the row is not.
    public var factorProxy = false

    public init(
        id: LegID, from: PlaceID, to: PlaceID, mode: TransportMode, operatorName: String = "", distanceKm: Double,
        distanceBasis: DistanceBasis = .route, distanceEstimated: Bool = false, durationMinutes: Int,
        durationEstimated: Bool = false, departureTimes: [LocalTime] = [], daysOfWeek: [Weekday] = [],
        servicesPerWeek: Double, frequencyEstimated: Bool = false, fare: FareRange? = nil, fareEstimated: Bool = false,
        overnight: Bool = false, vehicleSeats: Int? = nil, serviceUnconfirmed: Bool = false,
        validFrom: CalendarDay? = nil, validUntil: CalendarDay? = nil, notes: String = "", source: String,
        checkedOn: CalendarDay? = nil, timetableYear: Int? = nil
    ) {
        self.id = id
        self.from = from
        self.to = to
        self.mode = mode
        self.operatorName = operatorName
        self.distanceKm = distanceKm
        self.distanceBasis = distanceBasis
        self.distanceEstimated = distanceEstimated
        self.durationMinutes = durationMinutes
        self.durationEstimated = durationEstimated
        self.departureTimes = departureTimes
        self.daysOfWeek = daysOfWeek
        self.servicesPerWeek = servicesPerWeek
        self.frequencyEstimated = frequencyEstimated
        self.fare = fare
        self.fareEstimated = fareEstimated
        self.overnight = overnight
        self.vehicleSeats = vehicleSeats
        self.serviceUnconfirmed = serviceUnconfirmed
        self.validFrom = validFrom
        self.validUntil = validUntil
        self.notes = notes
        self.source = source
        self.checkedOn = checkedOn
        self.timetableYear = timetableYear
    }

    /// Whether the departure times come from a timetable older than `maxAgeYears` before `today`, or from an
    /// undated one: such times are shown as "timetable of 2015 — check with the operator", not as firm times.
    public func timetableIsStale(today: CalendarDay, maxAgeYears: Int) -> Bool {
        guard !departureTimes.isEmpty else { return false }
        guard let timetableYear else { return true }
        return today.year - timetableYear > maxAgeYears
    }

    /// Whether any figure of the leg is an estimate rather than a sourced value.
    public var hasEstimates: Bool {
        distanceEstimated || durationEstimated || frequencyEstimated || fareEstimated
    }
}
