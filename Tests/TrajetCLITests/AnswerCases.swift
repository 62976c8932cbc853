import TrajetCore
import TrajetQueries

/// The questions whose JSON answers are kept as golden files (`Golden/answers`): the reference journeys and their
/// variants (every ranking, return trips, via, constraints, minors, coordinates), emissions of each mode, place
/// searches, the factor sets and the report fixture's plans.
enum AnswerCases {
    /// Stale timetables are judged against today: the golden files are written for one fixed day.
    static let today = CalendarDay(iso: "2026-12-03")!

    struct Routes {
        var name: String
        var request: RoutesRequest
    }

    static let routes: [Routes] = [
        route("liege-twiza-minors", "liege", "twiza", 14, 2, true, .balanced),
        route("liege-twiza-co2-return", "liege", "twiza", 14, 2, true, .co2, back: "2026-07-25"),
        route("bruxelles-aje-time-return", "bruxelles", "aje", 10, 2, false, .time, back: "2026-08-20"),
        route("namur-lekaa-cost", "namur", "lekaa", 3, 0, false, .cost),
        route("anvers-alafia-minors", "anvers", "alafia-jeunes", 30, 3, true, .balanced),
        route("anvers-aje-via-madrid", "anvers", "aje", 16, 2, false, .co2, via: "madrid"),
        route("bruxelles-twiza-no-flight", "bruxelles", "twiza", 12, 2, false, .balanced, avoid: [.flight]),
        route("twiza-liege-time", "twiza", "liege", 1, 0, false, .time, back: "2026-08-01"),
        route("bruxelles-aje-minors", "bruxelles", "aje", 10, 2, true, .balanced),
        route("coordinates-twiza", "50.45,3.95", "twiza", 14, 2, false, .balanced),
        route("aje-bastogne", "aje", "Bastogne", 14, 2, false, .time),
    ]

    static func route(
        _ name: String, _ from: String, _ to: String, _ participants: Int, _ leaders: Int, _ minors: Bool,
        _ rank: RankingProfile, back: String? = nil, via: String? = nil, avoid: Set<TransportMode> = []
    ) -> Routes {
        Routes(
            name: name,
            request: RoutesRequest(
                from: from, to: to, participants: participants, leaders: leaders, minors: minors, depart: "2026-07-04",
                returnDate: back, rank: rank, limit: 10, avoid: avoid, overland: false, via: via, noNightTravel: false))
    }

    struct Emissions {
        var name: String
        var query: EmissionsQuery
    }

    static let emissions: [Emissions] = [
        emission("bru-dss-flight", "BRU", "DSS", .flight),
        emission("liege-paris-train", "liege", "paris", .rail),
        emission("tanger-fes-coach", "tanger", "fes", .coach, participants: 10, leaders: 2),
        emission("barcelona-tanger-ferry", "barcelona", "tanger-med", .ferry, distanceKm: 1100),
    ]

    static func emission(
        _ name: String, _ from: String, _ to: String, _ mode: TransportMode, participants: Int? = 14,
        leaders: Int? = 2, distanceKm: Double? = nil
    ) -> Emissions {
        Emissions(
            name: name,
            query: EmissionsQuery(
                from: from, to: to, mode: mode, cabinClass: .economy, participants: participants, leaders: leaders,
                factorSetID: "desnz-2025", distanceKm: distanceKm, includeAirportHubs: false))
    }

    static let placeQueries = ["liege", "thies", "cairo"]
}
