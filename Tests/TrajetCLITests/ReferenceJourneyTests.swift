import Foundation
import Testing
import TrajetCore
import TrajetDatasets

@testable import TrajetQueries

/// The rows of docs/reference-journeys.md, each worked out by hand from the shipped legs. A change to the data or
/// to the search that moves a journey out of its row fails here: re-work the row by hand, and say why in the
/// document.
@Suite struct ReferenceJourneyTests {
    static let datasets = ShippedData.datasets

    enum Option: String, Sendable {
        case fastest
        case lowestCarbon = "lowest carbon"
    }

    struct Row: Sendable, CustomTestStringConvertible {
        var from: String
        var to: String
        var minors: Bool
        var option: Option
        /// Leg ids in order (Datasets/network/legs.csv).
        var legs: String
        /// Local time the group leaves the origin, on 2026-07-04 unless `leaveDayOffset`.
        var leaveAt: String
        var leaveDayOffset: Int = 0
        /// Door to door, minutes (the hand computation, give or take the window).
        var doorToDoorMinutes: ClosedRange<Int>
        var hotelNights: Int
        var nightsOnBoard: Int = 0

        var testDescription: String { "\(from) → \(to)\(minors ? " (minors)" : ""), \(option.rawValue)" }
    }

    static let rows: [Row] = ReferenceJourneyRows.rows

    @Test(arguments: rows)
    func referenceJourney(_ row: Row) async throws {
        let answer = try RoutesRequest(
            from: row.from, to: row.to, participants: 14, leaders: 2, minors: row.minors, depart: "2026-07-04",
            rank: .balanced, limit: 5, avoid: [], overland: false, noNightTravel: false
        ).run(datasets: Self.datasets, settings: try await Settings.load(configFile: nil, overrides: .init(), environment: [:]))
        let result = answer.outbound
        let it = row.option == .fastest ? result.fastest : result.lowestCarbon
        #expect(it.legs.map(\.leg.id.rawValue).joined(separator: ">") == row.legs)
        #expect("\(it.departure.localTime)" == row.leaveAt)
        #expect(it.departure.localDay == CalendarDay(iso: "2026-07-04")!.adding(days: row.leaveDayOffset))
        #expect(row.doorToDoorMinutes.contains(it.durationMinutes), "door to door \(it.durationMinutes) min")
        #expect(it.hotelNights == row.hotelNights)
        #expect(it.nightsOnBoard == row.nightsOnBoard)
        // Shown, labelled, whatever the limit.
        #expect(result.itineraries.contains(it))
    }
}
