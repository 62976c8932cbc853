import ArgumentParser
import Foundation
import Testing
import TrajetCore
import TrajetDatasets
import TrajetSQLite
import TrajetStore

@testable import TrajetCLI
@testable import TrajetQueries

/// Runs `trajet ARGS` in process, as `main` does (output goes to the test's standard output).
func runTrajet(_ arguments: [String]) async throws {
    var command = try TrajetCommand.parseAsRoot(arguments)
    if var asyncCommand = command as? any AsyncParsableCommand {
        try await asyncCommand.run()
    } else {
        try command.run()
    }
}

/// A database file in a fresh temporary folder, removed by `cleanUp`.
struct TempDatabase {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("trajet-cli-\(UUID())")
    var path: String { directory.appendingPathComponent("plans.sqlite").path }
    func cleanUp() { try? FileManager.default.removeItem(at: directory) }
    func store() throws -> SQLitePlanStore { try SQLitePlanStore.open(path: path) }

    /// `orgs add asmae` then `plans add` (Liège → Twiza, return trip); returns the saved plan.
    func addSamplePlan(factors: String = "desnz-2025") async throws -> PlanDetail {
        try await runTrajet(["orgs", "add", "asmae", "--name", "Asmae", "--database", path, "--lang", "en"])
        try await runTrajet([
            "plans", "add", "--org", "asmae", "--name", "Échange Twiza 2026", "--partner", "twiza", "--from", "liege",
            "--depart", "2026-07-04", "--return", "2026-07-25", "--participants", "14", "--leaders", "2", "--minors",
            "--rank", "co2", "--pick", "1", "--factors", factors, "--database", path, "--lang", "en",
        ])
        let store = try store()
        let plans = try await store.plans(PlanFilter(organisationId: "asmae"))
        let plan = try #require(plans.first)
        return try #require(try await store.plan(id: plan.id))
    }
}

@Suite struct PlansCommandTests {
    @Test func orgsAddPlansAddListAndUpdateConflict() async throws {
        let db = TempDatabase()
        defer { db.cleanUp() }
        let saved = try await db.addSamplePlan()
        #expect(saved.plan.version == 1 && saved.plan.status == .draft)
        #expect(saved.plan.participants == 14 && saved.plan.leaders == 2 && saved.plan.minors)
        #expect(saved.plan.departDate == "2026-07-04" && saved.plan.returnDate == "2026-07-25")
        #expect(!saved.legs(.outbound).isEmpty && !saved.legs(.return).isEmpty)
        #expect(saved.plan.factorSetId == "desnz-2025")

        // A second org with the same id is refused with exit code 1.
        await #expect(throws: ExitCode(1)) {
            try await runTrajet(["orgs", "add", "asmae", "--name", "Asmae bis", "--database", db.path, "--lang", "en"])
        }
        // An unknown organisation is refused before the route search.
        await #expect(throws: ExitCode(1)) {
            try await runTrajet([
                "plans", "add", "--org", "nobody", "--name", "X", "--partner", "twiza", "--from", "liege", "--depart",
                "2026-07-04", "--participants", "3", "--database", db.path, "--lang", "en",
            ])
        }
        for format in ["table", "json", "csv"] {
            try await runTrajet(["plans", "list", "--org", "asmae", "--year", "2026", "--format", format, "--database", db.path])
        }

        let id = saved.plan.id
        try await runTrajet(["plans", "update", id, "--status", "planned", "--expect-version", "1", "--database", db.path])
        // Someone else's update went in first: the stale version is a conflict (exit 1), nothing changes.
        await #expect(throws: ExitCode(1)) {
            try await runTrajet(["plans", "update", id, "--participants", "10", "--expect-version", "1", "--database", db.path])
        }
        let after = try #require(try await db.store().plan(id: id))
        #expect(after.plan.version == 2 && after.plan.status == .planned && after.plan.participants == 14)
        // An invalid transition is refused too.
        await #expect(throws: ExitCode(1)) {
            try await runTrajet(["plans", "update", id, "--status", "travelled", "--database", db.path])
        }
    }

    @Test func recomputeWithTheSameSetKeepsTheNumbersAndAnotherSetChangesThem() async throws {
        let db = TempDatabase()
        defer { db.cleanUp() }
        let saved = try await db.addSamplePlan(factors: "desnz-2025")

        // The same factor set: the same grams as the route search saved; only the version moves.
        try await runTrajet(["plans", "recompute", saved.plan.id, "--factors", "desnz-2025", "--database", db.path])
        let same = try #require(try await db.store().plan(id: saved.plan.id))
        #expect(same.plan.version == 2)
        #expect(same.legs == saved.legs)

        try await runTrajet(["plans", "recompute", "--all", "--factors", "ademe-2025", "--database", db.path, "--lang", "en"])
        let other = try #require(try await db.store().plan(id: saved.plan.id))
        #expect(other.plan.version == 3)
        #expect(other.plan.factorSetId == "ademe-2025")
        let set = try ShippedData.datasets.factorSet("ademe-2025")
        #expect(other.plan.factorSetVersion == set.version)
        let expected = try PlanRecomputer(
            network: ShippedData.datasets.network,
            calculator: EmissionCalculator(factorSet: set, hubs: ShippedData.datasets.hubs)
        ).recompute(saved)
        #expect(other.legs == expected.legs && expected.keptLegs.isEmpty)
        #expect(other.legs.map(\.factorFile).allSatisfy { $0.contains("ademe-2025") })

        // Usage errors: neither or both of ID and --all.
        #expect(throws: (any Error).self) { try TrajetCommand.parseAsRoot(["plans", "recompute"]) }
        #expect(throws: (any Error).self) { try TrajetCommand.parseAsRoot(["plans", "recompute", saved.plan.id, "--all"]) }
        await #expect(throws: ExitCode(1)) {
            try await runTrajet(["plans", "recompute", UUID().uuidString.lowercased(), "--database", db.path])
        }
    }

    @Test func aLegNoLongerInTheNetworkKeepsItsNumbers() throws {
        let datasets = ShippedData.datasets
        let set = try datasets.factorSet("desnz-2025")
        let recomputer = PlanRecomputer(
            network: datasets.network, calculator: EmissionCalculator(factorSet: set, hubs: datasets.hubs))
        let realLeg = try #require(datasets.network.legs.first)
        let id = UUID().uuidString.lowercased()
        let plan = Plan(
            id: id, organisationId: "asmae", name: "x", partnerId: "twiza", originPlaceId: realLeg.from.rawValue,
            destinationPlaceId: realLeg.to.rawValue, departDate: "2026-07-04", participants: 10, leaders: 2)
        let gone = PlanLeg(
            planId: id, direction: .outbound, position: 2, legId: "no-such-leg", mode: "rail",
            fromPlaceId: realLeg.to.rawValue, toPlaceId: realLeg.to.rawValue, distanceKm: 10, durationMinutes: 5,
            ttwGrams: 777)
        let known = PlanLeg(
            planId: id, direction: .outbound, position: 1, legId: realLeg.id.rawValue, mode: realLeg.mode.rawValue,
            fromPlaceId: realLeg.from.rawValue, toPlaceId: realLeg.to.rawValue, distanceKm: 0, durationMinutes: 5)
        let result = try recomputer.recompute(PlanDetail(plan: plan, legs: [known, gone]))
        #expect(result.keptLegs == ["outbound#2 no-such-leg"])
        #expect(result.legs[1] == gone)
        #expect(result.legs[0].totalGrams > 0 && result.legs[0].distanceKm > 0)
    }
}

@Suite struct DatabaseCommandTests {
    @Test func checkAndBackupRefuseAMissingDatabaseAndCreateNothing() async throws {
        let database = TempDatabase()
        defer { database.cleanUp() }
        for arguments in [
            ["db", "check", "--database", database.path, "--lang", "en"],
            ["db", "backup", database.directory.appendingPathComponent("copy.sqlite").path, "--database", database.path],
        ] {
            do {
                try await runTrajet(arguments)
                Issue.record("expected exit code 2 for \(arguments)")
            } catch let exit as ExitCode {
                #expect(exit == ExitCode(2))
            }
            #expect(!FileManager.default.fileExists(atPath: database.path))
        }
    }
}

/// Issue 15: a trip entered after the fact is saved as booked or travelled at once, with its real dates.
@Suite struct PlansAddStatusTests {
    @Test func aTripThatAlreadyHappenedIsSavedAsTravelledAndTheLifeCycleStillHolds() async throws {
        let db = TempDatabase()
        defer { db.cleanUp() }
        try await runTrajet(["orgs", "add", "asmae", "--name", "Asmae", "--database", db.path, "--lang", "en"])
        try await runTrajet([
            "plans", "add", "--org", "asmae", "--name", "Twiza 2025", "--partner", "twiza", "--from", "liege",
            "--depart", "2025-07-05", "--return", "2025-07-26", "--participants", "14", "--leaders", "2", "--minors",
            "--rank", "co2", "--status", "travelled", "--database", db.path, "--lang", "en",
        ])
        let plans = try await db.store().plans(PlanFilter(organisationId: "asmae"))
        let plan = try #require(plans.first)
        #expect(plans.count == 1 && plan.status == .travelled && plan.version == 1)
        #expect(plan.departDate == "2025-07-05" && plan.returnDate == "2025-07-26")
        // Travelled is final: the life cycle still refuses going back.
        await #expect(throws: ExitCode(1)) {
            try await runTrajet(["plans", "update", plan.id, "--status", "booked", "--database", db.path])
        }
        // It counts in its year's report at once.
        let file = db.directory.appendingPathComponent("r.json")
        try await runTrajet(["report", "--database", db.path, "--year", "2025", "--output", file.path, "--no-scenarios"])
        let json = try String(contentsOf: file, encoding: .utf8)
        #expect(json.contains("\"status\":\"travelled\"") && json.contains("\"travelledTrips\":1"))
    }

    @Test func aFutureTripCannotBeTravelledNorCreatedCancelled() async throws {
        let db = TempDatabase()
        defer { db.cleanUp() }
        try await runTrajet(["orgs", "add", "asmae", "--name", "Asmae", "--database", db.path, "--lang", "en"])
        let common = [
            "plans", "add", "--org", "asmae", "--name", "Futur", "--partner", "twiza", "--from", "liege",
            "--participants", "14", "--database", db.path, "--lang", "fr",
        ]
        for (depart, status) in [("2099-07-05", "travelled"), ("2026-07-05", "cancelled"), ("2026-07-05", "fini")] {
            await #expect(throws: ExitCode(1)) { try await runTrajet(common + ["--depart", depart, "--status", status]) }
        }
        // A return after today makes a travelled trip impossible too.
        await #expect(throws: ExitCode(1)) {
            try await runTrajet(common + ["--depart", "2025-07-05", "--return", "2099-07-26", "--status", "travelled"])
        }
        #expect(try await db.store().plans(PlanFilter(organisationId: "asmae")).isEmpty)
        // Booked needs no date rule: a trip booked for next year.
        try await runTrajet(common + ["--depart", "2099-07-05", "--status", "booked", "--rank", "co2"])
        #expect(try await db.store().plans(PlanFilter(organisationId: "asmae")).first?.status == .booked)
    }
}
