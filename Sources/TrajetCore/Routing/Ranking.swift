/// Orders itineraries for a profile and explains each against the fastest and the lowest-carbon option.
public enum Ranking {
    /// Two options whose CO2e per person differ by less than this are equally low-carbon for a coordinator: 1 kg, or
    /// 1 % of the lower one. Our distances are estimates at that level (via Lyon or via Paris to Barcelona differ by
    /// 0.5 kg), so between such options the faster one is the "lowest carbon" reference, and the one kept when two
    /// variants of a corridor merge — never a day longer for half a kilogram.
    static func sameCarbon(_ a: Double, _ b: Double) -> Bool { abs(a - b) <= max(1.0, 0.01 * min(a, b)) }

    /// The lowest-carbon option, the faster among those within `sameCarbon` of the minimum.
    static func lowestCarbon(_ itineraries: [Itinerary]) -> Itinerary? {
        guard let minimum = itineraries.map(\.co2eKgPerPerson).min() else { return nil }
        return itineraries.filter { sameCarbon($0.co2eKgPerPerson, minimum) }
            .min { ($0.durationMinutes, $0.co2eKgPerPerson) < ($1.durationMinutes, $1.co2eKgPerPerson) }
    }

    /// Keeps one of each group of options with the same places and modes whose durations differ by less than the
    /// tolerance (a 5-minute connection difference is not a different option): the lowest-carbon, then fastest.
    ///
    /// Variants of one corridor are merged too: the same flights and the same sequence of countries, within 10 % of
    /// CO2e and 25 % of door-to-door time (a shared taxi instead of a car at one border is not another option); the
    /// lowest-carbon variant stays.
    static func mergeNearDuplicates(_ itineraries: [Itinerary], toleranceMinutes: Int) -> [Itinerary] {
        // Signatures and corridors are arrays of strings: build them once per itinerary, not once per comparison.
        var kept: [(itinerary: Itinerary, signature: [String], corridor: [String])] = []
        let ordered = itineraries.sorted {
            ($0.co2eKgPerPerson, $0.durationMinutes) < ($1.co2eKgPerPerson, $1.durationMinutes)
        }
        for candidate in ordered {
            let signature = candidate.signature
            let corridor = candidate.corridor
            let duplicate = kept.firstIndex { entry in
                let existing = entry.itinerary
                let timeGap = abs(existing.durationMinutes - candidate.durationMinutes)
                if entry.signature == signature && timeGap < toleranceMinutes { return true }
                return entry.corridor == corridor
                    && timeGap <= max(toleranceMinutes, min(existing.durationMinutes, candidate.durationMinutes) / 4)
                    && abs(existing.co2eKgPerPerson - candidate.co2eKgPerPerson)
                        <= 0.10 * min(existing.co2eKgPerPerson, candidate.co2eKgPerPerson)
            }
            if let duplicate {
                // Equally low-carbon and faster: this variant is the one to keep.
                let existing = kept[duplicate].itinerary
                if sameCarbon(candidate.co2eKgPerPerson, existing.co2eKgPerPerson),
                    candidate.durationMinutes < existing.durationMinutes
                {
                    kept[duplicate] = (candidate, signature, corridor)
                }
            } else {
                kept.append((candidate, signature, corridor))
            }
        }
        let survivors = kept.map(\.itinerary)
        // Merging can leave an option that another one now beats on everything; drop it.
        return survivors.indices.filter { i in
            let candidate = survivors[i]
            return !survivors.indices.contains { j in
                let other = survivors[j]
                return j != i && other.co2eKgPerPerson <= candidate.co2eKgPerPerson
                    && other.durationMinutes <= candidate.durationMinutes
                    && other.costCentsPerPerson.minCents <= candidate.costCentsPerPerson.minCents
                    && other.changes <= candidate.changes && other.nightsEnRoute <= candidate.nightsEnRoute
                    && (other.co2eKgPerPerson < candidate.co2eKgPerPerson
                        || other.durationMinutes < candidate.durationMinutes
                        || other.costCentsPerPerson.minCents < candidate.costCentsPerPerson.minCents
                        || other.changes < candidate.changes || other.nightsEnRoute < candidate.nightsEnRoute)
            }
        }.map { survivors[$0] }
    }

    /// Sorts by the profile, keeps `limit` options, and makes sure the fastest is among them.
    public static func rank(
        _ itineraries: [Itinerary], profile: RankingProfile, limit: Int, weights: RankingWeights
    ) -> RouteSearchResult {
        precondition(!itineraries.isEmpty)
        let fastest = itineraries.min { ($0.durationMinutes, $0.co2eKgPerPerson) < ($1.durationMinutes, $1.co2eKgPerPerson) }!
        let lowest = lowestCarbon(itineraries)!
        let cheapest = itineraries.min { ($0.costMidCents, $0.co2eKgPerPerson) < ($1.costMidCents, $1.co2eKgPerPerson) }!
        let surface = lowestCarbon(itineraries.filter { !$0.usesFlight })
        let flight = itineraries.filter(\.usesFlight).min { a, b in
            let flightsA = a.legs.filter { $0.leg.mode == .flight }.count
            let flightsB = b.legs.filter { $0.leg.mode == .flight }.count
            return (flightsA, a.changes, a.durationMinutes) < (flightsB, b.changes, b.durationMinutes)
        }
        let minCO2 = max(itineraries.map(\.co2eKgPerPerson).min()!, 1)
        let minTime = max(itineraries.map(\.durationMinutes).min()!, 1)
        let minCost = max(itineraries.map(\.costMidCents).min()!, 100)
        func score(_ it: Itinerary) -> Double {
            weights.co2 * max(it.co2eKgPerPerson, 1) / minCO2 + weights.time * Double(it.durationMinutes) / Double(minTime)
                + weights.cost * Double(max(it.costMidCents, 100)) / Double(minCost)
                + weights.changes * Double(it.changes + 1)
        }
        let sorted: [Itinerary]
        switch profile {
        case .co2:
            sorted = itineraries.sorted { ($0.co2eKgPerPerson, $0.durationMinutes) < ($1.co2eKgPerPerson, $1.durationMinutes) }
        case .time:
            sorted = itineraries.sorted { ($0.durationMinutes, $0.co2eKgPerPerson) < ($1.durationMinutes, $1.co2eKgPerPerson) }
        case .cost:
            sorted = itineraries.sorted { ($0.costMidCents, $0.co2eKgPerPerson) < ($1.costMidCents, $1.co2eKgPerPerson) }
        case .balanced:
            // The recommended order puts options that rely on a service nobody could confirm (an old coach line, a
            // connection known only from forums) after those that do not: a coordinator cannot book a trip for
            // minors on a bus that may not run, however well it scores. They stay in the list, marked `?`, and the
            // explicit orders (co2, time, cost) keep them where their figures put them.
            sorted = itineraries.map { ($0, $0.hasUnconfirmedServices ? 1 : 0, score($0)) }
                .sorted { ($0.1, $0.2) < ($1.1, $1.2) }.map(\.0)
        }
        // Positions in the profile's order. The options a coordinator compares against (fastest, lowest carbon,
        // cheapest, lowest-carbon without flying, fewest flights) replace the last places if needed, and are shown
        // even beyond the limit when they outnumber it: every line can be compared with them.
        let limit = max(1, limit)
        var chosen = Array(sorted.indices.prefix(limit))
        let anchors = [fastest, lowest, cheapest, surface, flight].compactMap { $0 }
        for anchor in anchors {
            guard let position = sorted.firstIndex(of: anchor), !chosen.contains(position) else { continue }
            if chosen.count >= limit, let drop = chosen.lastIndex(where: { !anchors.contains(sorted[$0]) }) {
                chosen.remove(at: drop)
            }
            chosen.append(position)
        }
        let shown = chosen.sorted().map { sorted[$0] }
        return RouteSearchResult(
            itineraries: shown, fastest: fastest, lowestCarbon: lowest, optionCount: itineraries.count,
            cheapest: cheapest, lowestCarbonSurface: surface, fewestFlights: flight)
    }
}
