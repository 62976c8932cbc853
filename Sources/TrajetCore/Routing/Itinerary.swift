/// A moment of the trip: UTC minutes since 1970, with the local wall-clock time at a place.
public struct TripTime: Hashable, Sendable {
    public var utcMinutes: Int
    /// Minutes to add to UTC to get the local time at the place.
    public var utcOffsetMinutes: Int

    public var localDay: CalendarDay { CalendarDay(daysSinceEpoch: floorDiv(utcMinutes + utcOffsetMinutes, 1440)) }
    public var localTime: LocalTime {
        let minutes = utcMinutes + utcOffsetMinutes - floorDiv(utcMinutes + utcOffsetMinutes, 1440) * 1440
        return LocalTime(hours: minutes / 60, minutes: minutes % 60)!
    }
    /// `2026-07-04T09:42+02:00`.
    public var iso8601: String {
        let sign = utcOffsetMinutes < 0 ? "-" : "+"
        let offset = abs(utcOffsetMinutes)
        let hh = offset / 60 < 10 ? "0\(offset / 60)" : "\(offset / 60)"
        let mm = offset % 60 < 10 ? "0\(offset % 60)" : "\(offset % 60)"
        return "\(localDay)T\(localTime)\(sign)\(hh):\(mm)"
    }
}

/// One leg of an itinerary, timed.
public struct ItineraryLeg: Hashable, Sendable {
    public var leg: Leg
    public var departure: TripTime
    public var arrival: TripTime
    /// Nights the group spends in a hotel at the departure place before this leg.
    public var hotelNightsBefore: Int
    /// Nights spent aboard this leg (night train, overnight ferry or coach, night flight).
    public var nightsOnBoard: Int
    public var footprint: LegFootprint
    /// Why the group sleeps before this leg; nil without a hotel night.
    public var hotelReason: HotelNightReason? = nil
    /// Minimum change before this leg (leaving the previous service, boarding this one); 0 for the first leg.
    public var connectionMinutesBefore: Int = 0
    /// Time spent waiting at the departure place beyond that minimum change (0 after a hotel night): counted in the
    /// door-to-door time and shown ("wait 2 h 10 at BRU").
    public var waitMinutesBefore: Int = 0
}

/// Why a group sleeps in a hotel on the way.
public enum HotelNightReason: Hashable, Sendable {
    /// Going on would exceed the group's daily travel limit (the one for groups with minors, or not).
    case dailyLimit(minutes: Int, minors: Bool)
    /// The next service leaves only the next day.
    case nextDeparture

    /// Stable identifier for JSON, CSV and saved plans.
    public var code: String {
        switch self {
        case .dailyLimit: "daily-limit"
        case .nextDeparture: "next-departure"
        }
    }

    static let noCode: UInt8 = 0
    static let dailyLimitCode: UInt8 = 1
    static let nextDepartureCode: UInt8 = 2
}

/// A door-to-door journey with its totals.
public struct Itinerary: Hashable, Sendable {
    public var legs: [ItineraryLeg]
    public var footprint: TripFootprint
    public var hotelNights: Int
    public var nightsOnBoard: Int
    /// Fares plus hotel nights, per person.
    public var costCentsPerPerson: FareRange
    public var hotelCostCentsPerPerson: FareRange
    /// Legs with no known fare (their cost is missing from the range).
    public var legsWithoutFare: Int
    /// Country of each place of the itinerary, for comparing corridors.
    var placeCountries: [PlaceID: String] = [:]

    /// When the group leaves the origin: door-to-door time runs from here.
    public var departure: TripTime { legs.first!.departure }
    public var arrival: TripTime { legs.last!.arrival }
    public var durationMinutes: Int { arrival.utcMinutes - departure.utcMinutes }
    public var nightsEnRoute: Int { hotelNights + nightsOnBoard }
    /// Waits beyond the minimum changes, in the door-to-door time.
    public var waitMinutes: Int { legs.reduce(0) { $0 + $1.waitMinutesBefore } }
    /// Calendar days of travel: one more than the nights en route.
    public var travelDays: Int { nightsEnRoute + 1 }
    /// Changes of vehicle: boardings after the first (walks are not boardings).
    public var changes: Int { max(0, legs.filter { $0.leg.mode != .walk }.count - 1) }
    public var modeChain: [TransportMode] { legs.map(\.leg.mode) }
    public var usesFlight: Bool { legs.contains { $0.leg.mode == .flight } }
    public var hasEstimates: Bool {
        legs.contains { $0.leg.hasEstimates } || !footprint.notes.isEmpty || hotelNights > 0
    }
    public var hasUnconfirmedServices: Bool { legs.contains { $0.leg.serviceUnconfirmed } }
    public var co2eKgPerPerson: Double { footprint.perPerson.totalKg }
    public var costMidCents: Int { (costCentsPerPerson.minCents + costCentsPerPerson.maxCents) / 2 }

    /// What changes against another itinerary, per person: negative CO2 means this one emits less.
    public func compared(to other: Itinerary) -> ItineraryComparison {
        let delta = co2eKgPerPerson - other.co2eKgPerPerson
        return ItineraryComparison(
            co2eKgPerPerson: delta,
            co2ePercent: other.co2eKgPerPerson > 0 ? 100 * delta / other.co2eKgPerPerson : 0,
            durationMinutes: durationMinutes - other.durationMinutes,
            costCentsPerPerson: costMidCents - other.costMidCents)
    }

    /// The flights taken and the countries crossed, in order: what makes two options really different.
    var corridor: [String] {
        var result: [String] = []
        for item in legs {
            if item.leg.mode == .flight { result.append("✈\(item.leg.from)>\(item.leg.to)") }
            let country = countryOf(item.leg.to)
            if result.last != country { result.append(country) }
        }
        return result
    }

    /// Country codes are not on legs; places are, so the planner fills `countries` (see `placeCountries`).
    private func countryOf(_ place: PlaceID) -> String { placeCountries[place] ?? place.rawValue }

    /// The places and modes, which identify an option regardless of small timing differences.
    var signature: [String] { legs.map { "\($0.leg.from)>\($0.leg.to):\($0.leg.mode.rawValue)" } }
}

/// Differences between two itineraries (this one minus the other), per person.
public struct ItineraryComparison: Hashable, Sendable {
    public var co2eKgPerPerson: Double
    public var co2ePercent: Double
    public var durationMinutes: Int
    /// Difference of the middle of the cost ranges.
    public var costCentsPerPerson: Int
}

/// The answer to a route query.
public struct RouteSearchResult: Sendable {
    /// Ranked and limited; always includes the fastest option so every line can be compared with it.
    public var itineraries: [Itinerary]
    public var fastest: Itinerary
    public var lowestCarbon: Itinerary
    /// Pareto-optimal options found before ranking and limiting.
    public var optionCount: Int
    /// Further reference options, always among `itineraries` when they exist: the cheapest (middle of the range),
    /// the lowest-carbon one without any flight, the flight option with the fewest flights, then changes.
    public var cheapest: Itinerary
    public var lowestCarbonSurface: Itinerary?
    public var fewestFlights: Itinerary?

    public init(
        itineraries: [Itinerary], fastest: Itinerary, lowestCarbon: Itinerary, optionCount: Int, cheapest: Itinerary,
        lowestCarbonSurface: Itinerary?, fewestFlights: Itinerary?
    ) {
        self.itineraries = itineraries
        self.fastest = fastest
        self.lowestCarbon = lowestCarbon
        self.optionCount = optionCount
        self.cheapest = cheapest
        self.lowestCarbonSurface = lowestCarbonSurface
        self.fewestFlights = fewestFlights
    }

    /// What an option stands for among the answer's references, in a stable order (`fastest`, `lowest-carbon`,
    /// `cheapest`, `lowest-carbon-surface`, `fewest-flights`).
    public func roles(of itinerary: Itinerary) -> [ItineraryRole] {
        var roles: [ItineraryRole] = []
        if itinerary == fastest { roles.append(.fastest) }
        if itinerary == lowestCarbon { roles.append(.lowestCarbon) }
        if itinerary == cheapest { roles.append(.cheapest) }
        if itinerary == lowestCarbonSurface { roles.append(.lowestCarbonSurface) }
        if itinerary == fewestFlights { roles.append(.fewestFlights) }
        return roles
    }
}

/// The reference options an answer keeps beside its ranking.
public enum ItineraryRole: String, Hashable, Sendable, CaseIterable {
    case fastest
    case lowestCarbon = "lowest-carbon"
    case cheapest
    case lowestCarbonSurface = "lowest-carbon-surface"
    case fewestFlights = "fewest-flights"
}
