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

    public var departure: TripTime { legs.first!.departure }
    public var arrival: TripTime { legs.last!.arrival }
    public var durationMinutes: Int { arrival.utcMinutes - departure.utcMinutes }
    public var nightsEnRoute: Int { hotelNights + nightsOnBoard }
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
}
