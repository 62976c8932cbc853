import ArgumentParser
import Foundation
import Testing
import TrajetCore
import TrajetStore

#if canImport(FoundationXML)
    import FoundationXML
#endif

@testable import TrajetCLI
@testable import TrajetQueries

/// A small store made the way a coordinator makes one (`plans add` on the shipped network), then given fixed ids
/// and statuses so the report is the same on every run.
enum ReportFixture {
    static let ids = (1...6).map { String(format: "00000000-0000-4000-8000-%012d", $0) }

    static func make() async throws -> TempDatabase {
        let scratch = TempDatabase()
        defer { scratch.cleanUp() }
        let path = scratch.path
        try await runTrajet(["orgs", "add", "asmae", "--name", "Asmae", "--database", path, "--lang", "en"])
        let common = ["--org", "asmae", "--database", path, "--lang", "en"]
        try await runTrajet(
            ["plans", "add", "--name", "AJE Thiès 2026", "--partner", "aje", "--from", "bruxelles", "--depart", "2026-03-14",
             "--return", "2026-03-28", "--participants", "12", "--leaders", "2", "--rank", "time", "--pick", "1"] + common)
        try await runTrajet(
            ["plans", "add", "--name", "Échange Twiza 2026", "--partner", "twiza", "--from", "liege", "--depart", "2026-07-04",
             "--return", "2026-07-25", "--participants", "14", "--leaders", "2", "--minors", "--rank", "co2", "--pick", "1"] + common)
        try await runTrajet(
            ["plans", "add", "--name", "Twiza à Liège", "--partner", "twiza", "--from", "liege", "--depart", "2026-10-10",
             "--return", "2026-10-24", "--participants", "10", "--leaders", "2", "--incoming", "--rank", "time", "--pick", "1"] + common)
        try await runTrajet(
            ["plans", "add", "--name", "Lekaa 2026", "--partner", "lekaa", "--from", "bruxelles", "--depart", "2026-11-01",
             "--return", "2026-11-12", "--participants", "10", "--leaders", "2", "--rank", "time", "--pick", "1"] + common)
        try await runTrajet(
            ["plans", "add", "--name", "Alafia 2025", "--partner", "alafia-jeunes", "--from", "bruxelles", "--depart",
             "2025-08-01", "--return", "2025-08-20", "--participants", "15", "--leaders", "3", "--rank", "time", "--pick", "1"] + common)
        try await runTrajet(
            ["plans", "add", "--name", "Brouillon AJE", "--partner", "aje", "--from", "bruxelles", "--depart", "2026-05-01",
             "--participants", "8", "--leaders", "2", "--rank", "time", "--pick", "1"] + common)
        var export = try await scratch.store().export(organisationId: nil)
        export.plans.sort { ($0.plan.departDate, $0.plan.name) < ($1.plan.departDate, $1.plan.name) }
        let statuses: [String: PlanStatus] = [
            "Alafia 2025": .travelled, "AJE Thiès 2026": .travelled, "Échange Twiza 2026": .booked,
            "Twiza à Liège": .booked, "Lekaa 2026": .planned, "Brouillon AJE": .draft,
        ]
        for index in export.plans.indices {
            let id = ids[index]
            export.plans[index].plan.id = id
            export.plans[index].plan.status = statuses[export.plans[index].plan.name] ?? .draft
            for leg in export.plans[index].legs.indices { export.plans[index].legs[leg].planId = id }
        }
        let fixture = TempDatabase()
        _ = try await fixture.store().importPlans(export)
        return fixture
    }
}

@Suite(.serialized) struct ReportCommandTests {
    static let golden = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")

    func report(_ db: TempDatabase, _ arguments: [String], to file: URL) async throws -> String {
        try await runTrajet(
            ["report", "--database", db.path, "--generated-at", "2026-11-27", "--output", file.path] + arguments)
        return try String(contentsOf: file, encoding: .utf8)
    }

    /// The datasets load while the store starts reading the plans: a broken dataset still stops the report with
    /// its message (exit 2), writes no file, and the read is abandoned (the query throws the loader's error).
    @Test func aBrokenDatasetStopsTheReportWhileThePlansAreRead() async throws {
        let db = try await ReportFixture.make()
        defer { db.cleanUp() }
        // Found (it has a network folder) but empty: the failure comes from the load itself, not the search for it.
        let broken = db.directory.appendingPathComponent("datasets")
        try FileManager.default.createDirectory(
            at: broken.appendingPathComponent("network"), withIntermediateDirectories: true)
        let output = db.directory.appendingPathComponent("never.md")
        await #expect(throws: ExitCode(2)) {
            try await runTrajet(
                ["report", "--year", "2026", "--database", db.path, "--datasets", broken.path, "--output", output.path])
        }
        #expect(!FileManager.default.fileExists(atPath: output.path))

        struct LoaderFailed: Error {}
        let query = AnnualReportQuery(year: 2026, scope: .network, scenarios: false, generatedAt: "2026-11-27")
        let store = try db.store()
        let settings = try await Settings.load(configFile: nil, overrides: .init(language: .en), environment: [:])
        await #expect(throws: LoaderFailed.self) {
            _ = try await query.build(store: store, loadingDatasets: { throw LoaderFailed() }, settings: settings)
        }
        // The same store still answers, with the datasets.
        let built = try await query.build(store: store, datasets: ShippedData.datasets, settings: settings)
        #expect(built.report.trips.count == 3)
    }

    /// Each format and language against its golden file. `TRAJET_UPDATE_GOLDEN=1 swift test --filter ReportCommand`
    /// rewrites them after a deliberate change (then read the diff).
    @Test func goldenFilesForEachFormatAndLanguage() async throws {
        let db = try await ReportFixture.make()
        defer { db.cleanUp() }
        let update = ProcessInfo.processInfo.environment["TRAJET_UPDATE_GOLDEN"] == "1"
        for language in ["fr", "en"] {
            for format in ["html", "md", "csv", "json"] {
                let name = "report-2026-asmae.\(language).\(format)"
                let output = db.directory.appendingPathComponent(name)
                let text = try await report(db, ["--year", "2026", "--org", "asmae", "--lang", language], to: output)
                let golden = Self.golden.appendingPathComponent(name)
                if update {
                    try text.write(to: golden, atomically: true, encoding: .utf8)
                    continue
                }
                let expected = try String(contentsOf: golden, encoding: .utf8)
                #expect(text == expected, "\(name) differs from its golden file (TRAJET_UPDATE_GOLDEN=1 to rewrite)")
            }
        }
    }

    @Test func theReportCountsWhatTheStoreHolds() async throws {
        let db = try await ReportFixture.make()
        defer { db.cleanUp() }
        let file = db.directory.appendingPathComponent("r.json")
        let json = try await report(db, ["--year", "2026", "--format", "json"], to: file)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let trips = try #require(object["trips"] as? [[String: Any]])
        let planned = try #require(object["plannedTrips"] as? [[String: Any]])
        #expect(trips.count == 3 && planned.count == 1)
        let summary = try #require(object["summary"] as? [String: Any])
        let total = try #require(summary["co2eKg"] as? Double)
        let store = try db.store()
        var expectedGrams = 0
        for id in ReportFixture.ids {
            guard let detail = try await store.plan(id: id), detail.plan.departDate.hasPrefix("2026"),
                [.booked, .travelled].contains(detail.plan.status)
            else { continue }
            expectedGrams += detail.groupTotalGrams
        }
        #expect(abs(total - Double(expectedGrams) / 1000) < 1e-6)
        let withNonCO2 = try #require(summary["co2eKgWithoutNonCO2"] as? Double)
        #expect(withNonCO2 <= total)
    }

    @Test func anExistingFileIsKeptWithoutForceAndReplacedWithIt() async throws {
        let db = try await ReportFixture.make()
        defer { db.cleanUp() }
        let file = db.directory.appendingPathComponent("rapport.html")
        try Data("ancien".utf8).write(to: file)
        await #expect(throws: ExitCode(1)) {
            try await runTrajet(["report", "--database", db.path, "--year", "2026", "--output", file.path, "--lang", "fr"])
        }
        #expect(try String(contentsOf: file, encoding: .utf8) == "ancien")
        try await runTrajet(["report", "--database", db.path, "--year", "2026", "--output", file.path, "--force"])
        let html = try String(contentsOf: file, encoding: .utf8)
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: db.directory.path).filter { $0.hasSuffix(".tmp") }
        #expect(leftovers.isEmpty)
    }

    @Test func badInputIsRefusedAndWritesNothing() async throws {
        let db = TempDatabase()
        defer { db.cleanUp() }
        try await runTrajet(["orgs", "add", "asmae", "--name", "Asmae", "--database", db.path, "--lang", "en"])
        await #expect(throws: ExitCode(1)) {
            try await runTrajet(["report", "--database", db.path, "--year", "2026", "--org", "nobody"])
        }
        #expect(throws: (any Error).self) { _ = try TrajetCommand.parseAsRoot(["report", "--year", "1999"]) }
        #expect(throws: (any Error).self) { _ = try TrajetCommand.parseAsRoot(["report", "--year", "2026", "--org", "a", "--network"]) }
        let missingDirectory = db.directory.appendingPathComponent("no/such/dir/r.html")
        await #expect(throws: ExitCode(2)) {
            try await runTrajet(["report", "--database", db.path, "--year", "2026", "--output", missingDirectory.path])
        }
        #expect(!FileManager.default.fileExists(atPath: missingDirectory.path))
        // A mistyped --database is refused, not created empty.
        let typo = db.directory.appendingPathComponent("typo/plans.sqlite").path
        await #expect(throws: ExitCode(2)) { try await runTrajet(["report", "--database", typo, "--year", "2026"]) }
        #expect(!FileManager.default.fileExists(atPath: typo))
    }

    @Test func aYearWithoutPlansIsAnEmptyValidReport() async throws {
        let db = TempDatabase()
        defer { db.cleanUp() }
        let file = db.directory.appendingPathComponent("empty.html")
        _ = try db.store()  // an existing, empty database
        let html = try await report(db, ["--year", "2030", "--lang", "en"], to: file)
        let parser = XMLParser(data: Data(html.utf8))
        #expect(parser.parse())
        #expect(html.contains("No booked or travelled trip departs in 2030"))
        let csvFile = db.directory.appendingPathComponent("empty.csv")
        let csv = try await report(db, ["--year", "2030", "--lang", "en"], to: csvFile)
        #expect(csv.split(separator: "\n").count == 1)
    }

    /// Issue 15: `--output rapport.pdf` wrote Markdown into a .pdf file.
    @Test func theOutputExtensionAndTheFormatMustAgree() async throws {
        #expect(ReportCommand.resolvedFormat(nil, output: "r.html") == .success(.html))
        #expect(ReportCommand.resolvedFormat(.json, output: nil) == .success(.json))
        #expect(ReportCommand.resolvedFormat(nil, output: nil) == .success(.md))
        #expect(ReportCommand.resolvedFormat(.md, output: "r.MD") == .success(.md))
        #expect(ReportCommand.resolvedFormat(nil, output: "rapport.pdf") == .failure(.pdf(path: "rapport.pdf")))
        #expect(ReportCommand.resolvedFormat(.md, output: "r.html") == .failure(.mismatch(path: "r.html", format: .md, fromExtension: .html)))
        #expect(ReportCommand.resolvedFormat(nil, output: "r.txt") == .failure(.unknownExtension(path: "r.txt")))
        #expect(ReportCommand.resolvedFormat(.csv, output: "r.txt") == .success(.csv))
        let english = ReportCommand.FormatProblem.pdf(path: "rapport.pdf").message(Localizer(.en))
        #expect(english.contains("--output rapport.html") && english.contains("print it to PDF"))

        let db = try await ReportFixture.make()
        defer { db.cleanUp() }
        for (name, extra) in [("rapport.pdf", [String]()), ("rapport.html", ["--format", "md"])] {
            let file = db.directory.appendingPathComponent(name)
            await #expect(throws: ExitCode(1)) {
                try await runTrajet(["report", "--database", db.path, "--year", "2026", "--output", file.path, "--lang", "fr"] + extra)
            }
            #expect(!FileManager.default.fileExists(atPath: file.path))
        }
    }

    /// Issue 15: `--no-scenarios` printed a made-up all-flight figure; now the section says it was not computed.
    @Test func noScenariosSaysNotComputedInEveryFormat() async throws {
        let db = try await ReportFixture.make()
        defer { db.cleanUp() }
        let json = try await report(
            db, ["--year", "2026", "--org", "asmae", "--no-scenarios"], to: db.directory.appendingPathComponent("r.json"))
        #expect(json.contains("\"scenarios\":null") && !json.contains("scenarioAllFlightCo2eKg"))
        let markdown = try await report(
            db, ["--year", "2026", "--org", "asmae", "--no-scenarios", "--lang", "fr"], to: db.directory.appendingPathComponent("r.md"))
        #expect(markdown.contains("Scénarios non calculés") && !markdown.contains("Si chaque voyage avait pris l'avion"))
        #expect(markdown.contains("Levier principal :** non calculé"))
    }
}
