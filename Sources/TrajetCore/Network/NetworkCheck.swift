import Foundation

/// What `trajet network check` finds in a network: problems that make it fail, and observations it lists.
public struct NetworkCheck: Sendable {
    public enum Problem: Hashable, Sendable {
        /// The row has no source.
        case noSource(LegID)
        /// Nobody checked the row within the allowed age (or it records no check date).
        case stale(LegID, checkedOn: CalendarDay?)
        /// The leg can never be part of a trip from Belgium or a partner site: nothing reaches its start, or nothing
        /// leaves its end (Addis Ababa → Lomé with nothing flying to Addis).
        case neverUsable(LegID, reason: UnusableReason)
    }

    public enum UnusableReason: String, Hashable, Sendable {
        case startUnreachable = "start-unreachable"
        case endIsDeadEnd = "end-dead-end"
        case expired
    }

    public enum Observation: Hashable, Sendable {
        /// A place no leg starts or ends at.
        case placeWithoutLegs(PlaceID)
        /// Departure times from a timetable older than the limit, or undated: shown as "check with the operator".
        case oldTimetable(LegID, year: Int?)
    }

    public var problems: [Problem]
    public var observations: [Observation]
    public var passes: Bool { problems.isEmpty }

    /// `maxAgeYears`: `data.maxTimetableAgeYears`; a row counts as stale when it was last checked longer ago.
    public init(network: Network, today: CalendarDay, maxAgeYears: Int) {
        var problems: [Problem] = []
        var observations: [Observation] = []
        let legs = network.legs
        for leg in legs {
            if leg.source.trimmingCharacters(in: .whitespaces).isEmpty { problems.append(.noSource(leg.id)) }
            if let checked = leg.checkedOn {
                if NetworkCheck.isOlder(checked, thanYears: maxAgeYears, on: today) {
                    problems.append(.stale(leg.id, checkedOn: checked))
                }
            } else {
                problems.append(.stale(leg.id, checkedOn: nil))
            }
            if leg.timetableIsStale(today: today, maxAgeYears: maxAgeYears) {
                observations.append(.oldTimetable(leg.id, year: leg.timetableYear))
            }
        }

        // Trips start in Belgium or at a partner's site and end at the other: a leg is usable only on such a path.
        var ends = Set(network.places.values.filter { $0.countryCode == "BE" }.map(\.id))
        for partner in network.partners.values { ends.formUnion(partner.places) }
        let live = legs.filter { leg in leg.validUntil.map { !($0 < today) } ?? true }
        var forward: [PlaceID: [PlaceID]] = [:]
        var backward: [PlaceID: [PlaceID]] = [:]
        for leg in live {
            forward[leg.from, default: []].append(leg.to)
            backward[leg.to, default: []].append(leg.from)
        }
        func reach(_ edges: [PlaceID: [PlaceID]]) -> Set<PlaceID> {
            var seen = ends
            var queue = Array(ends)
            while let place = queue.popLast() {
                for next in edges[place] ?? [] where seen.insert(next).inserted { queue.append(next) }
            }
            return seen
        }
        let reachable = reach(forward)
        let leadsSomewhere = reach(backward)
        for leg in legs {
            if let until = leg.validUntil, until < today {
                problems.append(.neverUsable(leg.id, reason: .expired))
            } else if !reachable.contains(leg.from) {
                problems.append(.neverUsable(leg.id, reason: .startUnreachable))
            } else if !leadsSomewhere.contains(leg.to) {
                problems.append(.neverUsable(leg.id, reason: .endIsDeadEnd))
            }
        }

        var touched = Set<PlaceID>()
        for leg in legs {
            touched.insert(leg.from)
            touched.insert(leg.to)
        }
        for id in network.places.keys.sorted() where !touched.contains(id) { observations.append(.placeWithoutLegs(id)) }
        self.problems = problems
        self.observations = observations
    }

    /// Whether `day` plus `years` years falls before `today` (checked 2024-12-02 is more than 2 years old on
    /// 2026-12-03; checked 2024-12-03 is not).
    static func isOlder(_ day: CalendarDay, thanYears years: Int, on today: CalendarDay) -> Bool {
        (day.year + years, day.month, day.day) < (today.year, today.month, today.day)
    }
}
