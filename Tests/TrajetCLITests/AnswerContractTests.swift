import Foundation
import Testing
import TrajetAPI
import TrajetContract
import TrajetCore
import TrajetDatasets
import TrajetQueries
import TrajetStore

/// Every JSON answer comes from one mapping to openapi.yaml's generated types (`Sources/TrajetContract`). The golden
/// files in `Golden/answers` were written by the hand-kept Encodable types these mappings replaced (issue 16): the
/// same questions must give the same bytes, so moving to the contract's types changed nothing a user sees.
/// `TRAJET_UPDATE_GOLDEN=1 swift test --filter AnswerContractTests` rewrites them after a deliberate change.
@Suite(.serialized) struct AnswerContractTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden/answers")
    let update = ProcessInfo.processInfo.environment["TRAJET_UPDATE_GOLDEN"] == "1"

    func check(_ value: some Encodable, _ name: String) throws {
        let text = try encodeJSON(value) + "\n"
        let file = Self.folder.appendingPathComponent(name)
        if update { try text.write(to: file, atomically: true, encoding: .utf8) }
        let expected = try String(contentsOf: file, encoding: .utf8)
        #expect(text == expected, "\(name) differs from its golden file")
    }

    func compactBytes(_ value: some Encodable) throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return Array(try encoder.encode(value))
    }

    /// The routes answers, and the server's hand-written writer against `JSONEncoder` on each of them (the answers
    /// cover return trips, via, access to stations, options left out for minors, advice, French text).
    @Test func routesAnswers() async throws {
        let settings = try await ShippedSettings.load()
        for c in AnswerCases.routes {
            let answer = try c.request.run(datasets: ShippedData.datasets, settings: settings, today: AnswerCases.today)
            for language in [Language.en, .fr] {
                let result = try Components.Schemas.RoutesResult(answer, localizer: Localizer(language))
                try check(result, "routes-\(c.name).\(language.rawValue).json")
                let written = try result.compactJSON()
                #expect(written == (try compactBytes(result)), "compactJSON of \(c.name), \(language)")
                #expect(try JSONDecoder().decode(Components.Schemas.RoutesResult.self, from: Data(written)) == result)
            }
        }
    }

    @Test func emissionsAnswers() throws {
        for c in AnswerCases.emissions {
            let result = try c.query.run(datasets: ShippedData.datasets)
            for language in [Language.en, .fr] {
                try check(
                    Components.Schemas.LegEmissions(result, localizer: Localizer(language)),
                    "emissions-\(c.name).\(language.rawValue).json")
            }
        }
    }

    @Test func catalogueAnswers() async throws {
        let datasets = ShippedData.datasets
        for query in AnswerCases.placeQueries {
            try check(
                Components.Schemas.Place.list(datasets.network.search(query, limit: 30), network: datasets.network),
                "places-\(query).json")
        }
        let settings = try await ShippedSettings.load()
        let sets = datasets.factorSetIDs.compactMap { datasets.factorSets[$0] }
        try check(
            sets.map { Components.Schemas.FactorSet($0, isDefault: $0.id.rawValue == settings.factorSetID, withRows: false) },
            "factor-sets.json")
        try check(
            Components.Schemas.FactorSet(try datasets.factorSet("desnz-2025"), isDefault: true, withRows: true),
            "factor-set-desnz-2025.json")
    }

    /// The report fixture's plans, alone with today's advice (`plans show`, `GET /v1/plans/{id}`) and as the list
    /// `plans list --format json` prints.
    @Test func planAnswers() async throws {
        let datasets = ShippedData.datasets
        let settings = try await ShippedSettings.load()
        let db = try await ReportFixture.make()
        defer { db.cleanUp() }
        let store = try db.store()
        let notes = RouteNotes(
            book: datasets.advice, network: datasets.network, today: AnswerCases.today,
            maxTimetableAgeYears: settings.maxTimetableAgeYears)
        var all: [Components.Schemas.PlanDetail] = []
        for id in ReportFixture.ids {
            var detail = try #require(try await store.plan(id: id))
            // Written when the fixture is made: fixed here so the files stay the same.
            detail.plan.createdAt = "2026-12-03T00:00:00Z"
            detail.plan.updatedAt = "2026-12-03T00:00:00Z"
            all.append(try Components.Schemas.PlanDetail(detail, notes: nil, Localizer(.en)))
            for language in [Language.en, .fr] {
                try check(
                    Components.Schemas.PlanDetail(detail, notes: notes, Localizer(language)),
                    "plan-\(id.suffix(1)).\(language.rawValue).json")
            }
        }
        try check(all, "plans.json")
    }
}
