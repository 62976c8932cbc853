import ArgumentParser
import Foundation
import Testing
import TrajetAPI
import TrajetContract
import TrajetCore
import TrajetDatasets
import TrajetSQLite
import TrajetStore

@testable import TrajetCLI
@testable import TrajetQueries

/// `plans add --itinerary-json`, `plans show`, `plans delete`, `plans export`/`import`, `db backup`/`check`, run
/// in process against a temporary database.
@Suite struct PlansItineraryJSONTests {
    static let group = ["--participants", "14", "--leaders", "2", "--minors"]

    /// `trajet routes liege twiza … --format json` for the sample plan's group, as a JSON object.
    static func routesJSON(factors: String) async throws -> [String: Any] {
        var settings = try await ShippedSettings.load()
        settings.factorSetID = factors
        let request = RoutesRequest(
            from: "liege", to: "twiza", participants: 14, leaders: 2, minors: true, depart: "2026-07-04",
            returnDate: "2026-07-25", rank: .co2, limit: 3, avoid: [], overland: false, noNightTravel: false)
        let answer = try request.run(datasets: ShippedData.datasets, settings: settings)
        let json = try encodeJSON(try Components.Schemas.RoutesResult(answer, localizer: Localizer(.en)))
        return try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
    }

    static func write(_ object: Any, to db: TempDatabase, name: String) throws -> String {
        let path = db.directory.appendingPathComponent(name).path
        try JSONSerialization.data(withJSONObject: object).write(to: URL(fileURLWithPath: path))
        return path
    }

    static func addArguments(_ db: TempDatabase, file: String, name: String = "From file") -> [String] {
        ["plans", "add", "--org", "asmae", "--name", name, "--partner", "twiza", "--from", "liege", "--depart",
         "2026-07-04", "--return", "2026-07-25"] + group
            + ["--factors", "desnz-2025", "--itinerary-json", file, "--database", db.path, "--lang", "en"]
    }

    static func planCount(_ db: TempDatabase) async throws -> Int {
        try await db.store().plans(PlanFilter()).count
    }

    static func withPlanId(_ legs: [PlanLeg], _ id: String) -> [PlanLeg] {
        legs.map { leg in
            var leg = leg
            leg.planId = id
            return leg
        }
    }

    @Test func aRoutesJSONFileIsSavedWithTrajetsOwnNumbers() async throws {
        let db = TempDatabase()
        defer { db.cleanUp() }
        let searched = try await db.addSamplePlan(factors: "desnz-2025")
        var object = try await Self.routesJSON(factors: "desnz-2025")

        // Numbers in the file are not trusted: inflate them; the saved plan must still equal the searched one.
        var itineraries = try #require(object["itineraries"] as? [[String: Any]])
        var legs = try #require(itineraries[0]["legs"] as? [[String: Any]])
        for i in legs.indices { legs[i]["co2eKgPerPerson"] = 99_999.0; legs[i]["distanceKm"] = 1.0 }
        itineraries[0]["legs"] = legs
        object["itineraries"] = itineraries
        let file = try Self.write(object, to: db, name: "routes.json")

        try await runTrajet(Self.addArguments(db, file: file))
        let store = try db.store()
        let plans = try await store.plans(PlanFilter(organisationId: "asmae"))
        #expect(plans.count == 2)
        let fromFile = try #require(plans.first { $0.name == "From file" })
        let saved = try #require(try await store.plan(id: fromFile.id))
        #expect(saved.plan.originPlaceId == searched.plan.originPlaceId)
        #expect(saved.plan.destinationPlaceId == searched.plan.destinationPlaceId)
        #expect(saved.plan.factorSetId == "desnz-2025" && saved.plan.factorSetVersion == searched.plan.factorSetVersion)
        #expect(!saved.legs(.outbound).isEmpty && !saved.legs(.return).isEmpty)
        // Same itinerary (rank co2, pick 1), same group, same factor set: the same legs, grams, times and flags.
        #expect(saved.legs == Self.withPlanId(searched.legs, saved.plan.id))
        #expect(saved.totalGramsPerPerson == searched.totalGramsPerPerson)

        // A single itinerary object: outbound only.
        let single = try Self.write(itineraries[0], to: db, name: "single.json")
        try await runTrajet(Self.addArguments(db, file: single, name: "Single"))
        let all = try await store.plans(PlanFilter())
        let singlePlan = try #require(all.first { $0.name == "Single" })
        let one = try #require(try await store.plan(id: singlePlan.id))
        #expect(one.legs(.return).isEmpty)
        #expect(one.legs(.outbound) == Self.withPlanId(searched.legs(.outbound), one.plan.id))

        // --incoming: the same file goes the wrong way (it starts in Liège, not at the partner's).
        await #expect(throws: ExitCode(1)) { try await runTrajet(Self.addArguments(db, file: file) + ["--incoming"]) }
        // --itinerary-json excludes --rank and --pick.
        #expect(throws: (any Error).self) {
            try TrajetCommand.parseAsRoot(Self.addArguments(db, file: file) + ["--rank", "co2"])
        }
        #expect(throws: (any Error).self) {
            try TrajetCommand.parseAsRoot(Self.addArguments(db, file: file) + ["--pick", "1"])
        }
        #expect(try await Self.planCount(db) == 3)
    }

    @Test func badItineraryFilesWriteNothing() async throws {
        let db = TempDatabase()
        defer { db.cleanUp() }
        _ = try await db.addSamplePlan(factors: "desnz-2025")
        let object = try await Self.routesJSON(factors: "desnz-2025")
        let itineraries = try #require(object["itineraries"] as? [[String: Any]])
        let legs = try #require(itineraries[0]["legs"] as? [[String: Any]])
        try #require(legs.count >= 2)

        func with(_ change: ([[String: Any]]) -> [[String: Any]]) -> [String: Any] {
            var copy = object
            var its = itineraries
            its[0]["legs"] = change(legs)
            copy["itineraries"] = its
            return copy
        }
        var files: [String] = []
        // A leg id that is not in the shipped network.
        files.append(try Self.write(with { legs in
            var legs = legs
            legs[1]["id"] = "no-such-leg"
            return legs
        }, to: db, name: "unknown-leg.json"))
        // A broken chain: the second leg is left out.
        files.append(try Self.write(with { legs in
            var legs = legs
            legs.remove(at: 1)
            return legs
        }, to: db, name: "broken-chain.json"))
        // A real leg id with other places than the network's.
        files.append(try Self.write(with { legs in
            var legs = legs
            legs[0]["to"] = "ZZ-NOWHERE"
            return legs
        }, to: db, name: "wrong-places.json"))
        // Malformed JSON, and valid JSON of the wrong shape.
        let malformed = db.directory.appendingPathComponent("malformed.json").path
        try Data("{\"itineraries\": [ {\"legs\": [".utf8).write(to: URL(fileURLWithPath: malformed))
        files.append(malformed)
        files.append(try Self.write(["plans": []], to: db, name: "wrong-shape.json"))
        // Missing, and too large (> 10 MB, sparse).
        files.append(db.directory.appendingPathComponent("missing.json").path)
        let large = db.directory.appendingPathComponent("large.json").path
        #expect(FileManager.default.createFile(atPath: large, contents: nil))
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: large))
        try handle.truncate(atOffset: UInt64(ItineraryFile.maximumBytes + 1))
        try handle.close()
        files.append(large)

        for file in files {
            await #expect(throws: ExitCode(1), "\(file)") { try await runTrajet(Self.addArguments(db, file: file)) }
        }
        #expect(try await Self.planCount(db) == 1)
    }

    @Test func problemsNameTheFileAndWhatWasExpected() throws {
        let l = Localizer(.en)
        do {
            _ = try ItineraryFile.parse(Data("[1,".utf8), path: "x.json", localizer: l)
            Issue.record("expected a problem")
        } catch {
            #expect(error.message.contains("x.json") && error.message.contains("expected the JSON of `trajet routes"))
        }
        let single = try ItineraryFile.parse(
            Data(#"{"legs":[{"id":"a","from":"A","to":"B","departure":"t0","arrival":"t1"}]}"#.utf8), path: "s.json",
            localizer: l)
        #expect(single.outbound.map(\.id) == ["a"] && single.inbound == nil)
        let network = ShippedData.datasets.network
        let leg = try #require(network.legs.first)
        let set = try ShippedData.datasets.factorSet("desnz-2025")
        let group = try Group(participants: 2)
        do {
            _ = try ItineraryFile.planLegs(
                [.init(id: leg.id.rawValue, from: leg.from.rawValue, to: leg.to.rawValue, departure: "a", arrival: "b")],
                field: "f.json: outbound", origin: leg.from, destination: PlaceID("ZZ-ELSEWHERE"), planId: "p",
                direction: .outbound, network: network, calculator: EmissionCalculator(factorSet: set),
                group: group, options: .init(), localizer: l)
            Issue.record("expected a problem")
        } catch {
            #expect(error.message.contains("f.json: outbound[0].to") && error.message.contains("ZZ-ELSEWHERE"))
        }
    }

    @Test func showAndDeleteTwice() async throws {
        let db = TempDatabase()
        defer { db.cleanUp() }
        let saved = try await db.addSamplePlan()
        let id = saved.plan.id
        for format in ["table", "json"] {
            try await runTrajet(["plans", "show", id, "--format", format, "--database", db.path, "--lang", "en"])
        }
        await #expect(throws: ExitCode(1)) {
            try await runTrajet(["plans", "show", UUID().uuidString.lowercased(), "--database", db.path])
        }
        try await runTrajet(["plans", "delete", id, "--database", db.path, "--lang", "en"])
        #expect(try await db.store().plan(id: id) == nil)
        await #expect(throws: ExitCode(1)) { try await runTrajet(["plans", "delete", id, "--database", db.path]) }
        await #expect(throws: ExitCode(1)) { try await runTrajet(["plans", "show", id, "--database", db.path]) }
        try await runTrajet(["db", "check", "--database", db.path])
    }

    @Test func exportThenImportIntoASecondDatabaseIsEqual() async throws {
        let db = TempDatabase()
        let other = TempDatabase()
        defer {
            db.cleanUp()
            other.cleanUp()
        }
        _ = try await db.addSamplePlan()
        try await runTrajet(["plans", "export", "--database", db.path])
        // The file `plans export > plans.json` writes: the same document, encoded the same way.
        let exported = try await db.store().export(organisationId: nil)
        #expect(exported.plans.count == 1 && exported.organisations.count == 1)
        let file = db.directory.appendingPathComponent("plans.json").path
        try Data(try encodeJSON(exported).utf8).write(to: URL(fileURLWithPath: file))

        try await runTrajet(["plans", "import", file, "--database", other.path, "--lang", "en"])
        #expect(try await other.store().export(organisationId: nil) == exported)
        // Idempotent on plan ids.
        try await runTrajet(["plans", "import", file, "--database", other.path, "--lang", "en"])
        #expect(try await other.store().export(organisationId: nil) == exported)
        try await runTrajet(["db", "check", "--database", other.path])
    }

    @Test func backupThenCheck() async throws {
        let db = TempDatabase()
        defer { db.cleanUp() }
        let saved = try await db.addSamplePlan()
        let backup = db.directory.appendingPathComponent("backup.sqlite").path
        try await runTrajet(["db", "backup", backup, "--database", db.path, "--lang", "en"])
        try await runTrajet(["db", "check", "--database", backup, "--lang", "en"])
        let copy = try SQLitePlanStore.open(path: backup)
        #expect(try await copy.plan(id: saved.plan.id) == saved)
        // The backup file must be new.
        await #expect(throws: ExitCode(1)) { try await runTrajet(["db", "backup", backup, "--database", db.path]) }
    }
}
