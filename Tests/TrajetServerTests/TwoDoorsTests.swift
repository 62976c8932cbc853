import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
import TrajetAPI
import TrajetCore
import TrajetQueries
import TrajetSQLite
import TrajetStore

@testable import TrajetServer

/// Issue 16: each question asked through `trajet` and through the HTTP API gets the same answer. The `trajet`
/// binary built with the tests is run as a user would (same datasets, same store file as the server); its JSON is
/// decoded into the contract's type and encoded as the API encodes it (sorted keys, compact), and those bytes must be
/// the API's bytes.
@Suite(.serialized) struct TwoDoorsTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../..")
        .standardized

    /// The `trajet` of this build (`swift build --build-tests` builds it with the tests).
    static func binary() throws -> URL {
        let candidates = ["debug", "release"].map { Self.root.appendingPathComponent(".build/\($0)/trajet") }
            .filter { FileManager.default.isExecutableFile(atPath: $0.path) }
        let newest = candidates.max { modified($0) < modified($1) }
        return try #require(newest, "no .build/debug/trajet: run swift build first")
    }

    static func modified(_ url: URL) -> Date {
        ((try? FileManager.default.attributesOfItem(atPath: url.path))?[.modificationDate] as? Date) ?? .distantPast
    }

    /// `trajet ARGS`, its standard output; fails the test on a non-zero exit.
    static func trajet(_ arguments: [String]) throws -> Data {
        let process = Process()
        process.executableURL = try binary()
        process.arguments = arguments
        process.currentDirectoryURL = root
        var environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("TRAJET_") }
        environment["TRAJET_LOG_LEVEL"] = "error"
        process.environment = environment
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "trajet \(arguments.joined(separator: " ")) exited \(process.terminationStatus)")
        return data
    }

    /// `value` as the API's generated layer writes it.
    static func apiBytes(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    static func cliAsAPI<Value: Codable>(_ type: Value.Type, _ arguments: [String]) throws -> String {
        try apiBytes(try JSONDecoder().decode(Value.self, from: try trajet(arguments)))
    }

    /// A file store both doors use, with the organisation and a planner key.
    struct SharedStore {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("trajet-doors-\(UUID())")
        var path: String { directory.appendingPathComponent("plans.sqlite").path }
        var fixture: ServerFixture
        var key: String

        init() async throws {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            let store = try SQLitePlanStore.open(path: directory.appendingPathComponent("plans.sqlite").path)
            _ = try await store.addOrganisation(Organisation(id: "asmae", name: "Asmae"))
            let (secret, apiKey) = APIKey.generate(organisationId: "asmae", role: .planner, label: "doors")
            _ = try await store.addAPIKey(apiKey)
            key = secret
            let settings = try await Settings.load(
                configFile: TwoDoorsTests.root.appendingPathComponent("config/trajet.yaml").path, overrides: .init(),
                environment: [:])
            fixture = ServerFixture(store: store, settings: settings, keys: ["planner": secret])
        }

        func cleanUp() { try? FileManager.default.removeItem(at: directory) }
    }

    @Test(arguments: ["en", "fr"]) func routes(language: String) async throws {
        let shared = try await SharedStore()
        defer { shared.cleanUp() }
        let cli = try Self.cliAsAPI(
            Components.Schemas.RoutesResult.self,
            ["routes", "liege", "twiza", "--participants", "14", "--leaders", "2", "--minors", "--depart", "2026-07-04",
             "--return", "2026-07-25", "--format", "json", "--lang", language])
        try await shared.fixture.test { client in
            let uri = "/v1/routes?from=liege&to=twiza&participants=14&leaders=2&minors=true&depart=2026-07-04&return=2026-07-25"
            let api = try await client.execute(uri: uri, method: .get, headers: [.acceptLanguage: language]) {
                String(buffer: $0.body)
            }
            #expect(api == cli, "GET /v1/routes and trajet routes --format json differ (\(language))")
        }
    }

    @Test func emissions() async throws {
        let shared = try await SharedStore()
        defer { shared.cleanUp() }
        let cli = try Self.cliAsAPI(
            Components.Schemas.LegEmissions.self,
            ["emissions", "--from", "BRU", "--to", "DSS", "--mode", "flight", "--participants", "14", "--leaders", "2",
             "--format", "json", "--lang", "fr"])
        try await shared.fixture.test { client in
            let request = #"{"from":"BRU","to":"DSS","mode":"flight","participants":14,"leaders":2}"#
            var headers = jsonHeaders
            headers[.acceptLanguage] = "fr"
            let answer = try await client.execute(uri: "/v1/emissions", method: .post, headers: headers, body: body(request)) {
                try JSONDecoder().decode(Components.Schemas.EmissionsResult.self, from: Data(buffer: $0.body))
            }
            #expect(try Self.apiBytes(try #require(answer.legs.first)) == cli)
        }
    }

    /// A plan created by each door for the same trip is the same plan (but for its id and times), and the plan the
    /// API created reads the same through `trajet plans show` and `GET /v1/plans/{id}`.
    @Test func createAndReadAPlan() async throws {
        let shared = try await SharedStore()
        defer { shared.cleanUp() }
        @Sendable func neutral(_ detail: Components.Schemas.PlanDetail) -> Components.Schemas.PlanDetail {
            var detail = detail
            (detail.plan.id, detail.plan.createdAt, detail.plan.updatedAt) = ("id", "t", "t")
            for index in detail.legs.indices { detail.legs[index].planId = "id" }
            return detail
        }
        let cliPlan = try JSONDecoder().decode(
            Components.Schemas.PlanDetail.self,
            from: try Self.trajet(
                ["plans", "add", "--org", "asmae", "--name", "Échange Twiza 2026", "--partner", "twiza", "--from", "liege",
                 "--depart", "2026-07-04", "--return", "2026-07-25", "--participants", "14", "--leaders", "2", "--minors",
                 "--rank", "co2", "--pick", "2", "--notes", "Départ en car", "--database", shared.path, "--format", "json"]))
        try await shared.fixture.test { client in
            let request = #"""
                {"name":"Échange Twiza 2026","partner":"twiza","from":"liege","depart":"2026-07-04","return":"2026-07-25",
                 "participants":14,"leaders":2,"minors":true,"rank":"co2","pick":2,"notes":"Départ en car"}
                """#
            var headers = jsonHeaders
            headers[.authorization] = "Bearer \(shared.key)"
            let apiPlan = try await client.execute(uri: "/v1/plans", method: .post, headers: headers, body: body(request)) {
                #expect($0.status == .created)
                return try JSONDecoder().decode(Components.Schemas.PlanDetail.self, from: Data(buffer: $0.body))
            }
            #expect(try Self.apiBytes(neutral(apiPlan)) == (try Self.apiBytes(neutral(cliPlan))))
            let shown = try await client.execute(
                uri: "/v1/plans/\(apiPlan.plan.id)", method: .get, headers: [.authorization: "Bearer \(shared.key)"]
            ) { String(buffer: $0.body) }
            let cliShown = try Self.cliAsAPI(
                Components.Schemas.PlanDetail.self,
                ["plans", "show", apiPlan.plan.id, "--database", shared.path, "--format", "json", "--lang", "en"])
            #expect(shown == cliShown)
        }
    }

    @Test func annualReport() async throws {
        let shared = try await SharedStore()
        defer { shared.cleanUp() }
        _ = try Self.trajet(
            ["plans", "add", "--org", "asmae", "--name", "AJE Thiès 2026", "--partner", "aje", "--from", "bruxelles",
             "--depart", "2026-03-14", "--return", "2026-03-28", "--participants", "12", "--leaders", "2",
             "--status", "travelled", "--database", shared.path])
        let file = shared.directory.appendingPathComponent("report.json")
        _ = try Self.trajet(
            ["report", "--year", "2026", "--org", "asmae", "--format", "json", "--database", shared.path, "--output",
             file.path, "--lang", "en"])
        let cli = try Self.apiBytes(
            try JSONDecoder().decode(Components.Schemas.AnnualReport.self, from: try Data(contentsOf: file)))
        try await shared.fixture.test { client in
            let api = try await client.execute(
                uri: "/v1/reports/annual/2026?format=json&lang=en", method: .get,
                headers: [.authorization: "Bearer \(shared.key)"]
            ) { try JSONDecoder().decode(Components.Schemas.AnnualReport.self, from: Data(buffer: $0.body)) }
            // The report's JSON is streamed by its renderer on both doors; compared as the contract's values, with
            // the generation date (today on both) as it is.
            #expect(try Self.apiBytes(api) == cli)
        }
    }
}
