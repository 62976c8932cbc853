/// Orders itineraries for a profile and explains each against the fastest and the lowest-carbon option.
public enum Ranking {
    /// Keeps one of each group of options with the same places and modes whose durations differ by less than the
    /// tolerance (a 5-minute connection difference is not a different option): the lowest-carbon, then fastest.
    ///
    /// Variants of one corridor are merged too: the same flights and the same sequence of countries, within 10 % of
    /// CO2e and 25 % of door-to-door time (a shared taxi instead of a car at one border is not another option); the
    /// lowest-carbon variant stays.
    static func mergeNearDuplicates(_ itineraries: [Itinerary], toleranceMinutes: Int) -> [Itinerary] {
        var kept: [Itinerary] = []
        for candidate in itineraries.sorted(by: { ($0.co2eKgPerPerson, $0.durationMinutes) < ($1.co2eKgPerPerson, $1.durationMinutes) }) {
            let duplicate = kept.contains { existing in
                let timeGap = abs(existing.durationMinutes - candidate.durationMinutes)
                if existing.signature == candidate.signature && timeGap < toleranceMinutes { return true }
                return existing.corridor == candidate.corridor
                    && timeGap <= max(toleranceMinutes, min(existing.durationMinutes, candidate.durationMinutes) / 4)
                    && abs(existing.co2eKgPerPerson - candidate.co2eKgPerPerson)
                        <= 0.10 * min(existing.co2eKgPerPerson, candidate.co2eKgPerPerson)
            }
            if !duplicate { kept.append(candidate) }
        }
        // Merging can leave an option that another one now beats on everything; drop it.
        return kept.filter { candidate in
            !kept.contains { other in
                other != candidate && other.co2eKgPerPerson <= candidate.co2eKgPerPerson
                    && other.durationMinutes <= candidate.durationMinutes
                    && other.costCentsPerPerson.minCents <= candidate.costCentsPerPerson.minCents
                    && other.changes <= candidate.changes && other.nightsEnRoute <= candidate.nightsEnRoute
                    && (other.co2eKgPerPerson < candidate.co2eKgPerPerson
                        || other.durationMinutes < candidate.durationMinutes
                        || other.costCentsPerPerson.minCents < candidate.costCentsPerPerson.minCents
                        || other.changes < candidate.changes || other.nightsEnRoute < candidate.nightsEnRoute)
            }
        }
    }

    /// Sorts by the profile, keeps `limit` options, and makes sure the fastest is among them.
    public static func rank(
        _ itineraries: [Itinerary], profile: RankingProfile, limit: Int, weights: RankingWeights
    ) -> RouteSearchResult {
        precondition(!itineraries.isEmpty)
        let fastest = itineraries.min { ($0.durationMinutes, $0.co2eKgPerPerson) < ($1.durationMinutes, $1.co2eKgPerPerson) }!
        let lowest = itineraries.min { ($0.co2eKgPerPerson, $0.durationMinutes) < ($1.co2eKgPerPerson, $1.durationMinutes) }!
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
            sorted = itineraries.map { ($0, score($0)) }.sorted { $0.1 < $1.1 }.map(\.0)
        }
        var shown = Array(sorted.prefix(max(1, limit)))
        for anchor in [fastest, lowest] where !shown.contains(anchor) {
            if shown.count >= max(1, limit) { shown.removeLast() }
            shown.append(anchor)
        }
        // Anchors were appended; restore the profile's order.
        let order = Dictionary(uniqueKeysWithValues: sorted.enumerated().map { ($1.signature.joined() + "\($1.durationMinutes)", $0) })
        shown.sort { (order[$0.signature.joined() + "\($0.durationMinutes)"] ?? 0) < (order[$1.signature.joined() + "\($1.durationMinutes)"] ?? 0) }
        return RouteSearchResult(itineraries: shown, fastest: fastest, lowestCarbon: lowest, optionCount: itineraries.count)
    }
}
