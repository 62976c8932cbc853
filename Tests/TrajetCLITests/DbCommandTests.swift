import ArgumentParser
import Foundation
import Testing
import TrajetCore
import TrajetSQLite
import TrajetStore

@testable import TrajetCLI
@testable import TrajetPostgres

@Suite struct DbCommandTests {
    @Test func migrateListsThenAppliesThePendingSteps() async throws {
        let db = TempDatabase()
        defer { db.cleanUp() }
        try FileManager.default.createDirectory(at: db.directory, withIntermediateDirectories: true)
        try await runTrajet(["db", "migrate", "--dry-run", "--database", db.path])
        let before = try await SQLitePlanStore.open(path: db.path, migrate: false).pendingMigrations()
        #expect(before == ["v1-organisations-plans", "v2-plan-indexes", "v3-plan-summaries", "v4-api-keys"])
        try await runTrajet(["db", "migrate", "--database", db.path])
        let after = try await SQLitePlanStore.open(path: db.path, migrate: false).pendingMigrations()
        #expect(after.isEmpty)
        try await runTrajet(["db", "check", "--database", db.path])
    }

    @Test func copyBetweenTwoSQLiteFilesIsCompleteAndRepeatable() async throws {
        let source = TempDatabase()
        let target = TempDatabase()
        defer { source.cleanUp(); target.cleanUp() }
        _ = try await source.addSamplePlan()
        try await runTrajet(["keys", "create", "--org", "asmae", "--role", "reader", "--database", source.path])
        for _ in 0..<2 {
            try await runTrajet(["db", "copy", "--from", "sqlite:" + source.path, "--to", target.path, "--batch", "1"])
            let copied = try await target.store().export(organisationId: nil)
            let original = try await source.store().export(organisationId: nil)
            let keys = try await target.store().apiKeys()
            let originalKeys = try await source.store().apiKeys()
            #expect(copied == original && keys == originalKeys)
        }
    }

    @Test func refusedCopiesAndOptions() async throws {
        let db = TempDatabase()
        defer { db.cleanUp() }
        await #expect(throws: ExitCode(2)) {
            try await runTrajet(["db", "copy", "--from", db.path, "--to", db.path + ".copy"])
        }
        #expect(!FileManager.default.fileExists(atPath: db.path + ".copy"))
        for arguments in [
            ["db", "copy", "--from", "sqlite:a", "--to", "sqlite:a"], ["db", "copy", "--from", "mysql://x", "--to", "b"],
            ["db", "check", "--database", "a", "--database-url", "postgres://u@h/db"],
            ["db", "check", "--database-url", "postgres://h/db"],
        ] {
            #expect(throws: (any Error).self) { _ = try TrajetCommand.parseAsRoot(arguments) }
        }
        // A missing SQLite file is not created by a check.
        await #expect(throws: ExitCode(2)) { try await runTrajet(["db", "check", "--database", db.path]) }
        #expect(!FileManager.default.fileExists(atPath: db.path))
    }

    /// The migration path the deployment documents: an SQLite store into PostgreSQL with one command, then the same
    /// commands on the PostgreSQL store give the same answers.
    @Test(.enabled(if: CLIPostgres.url != nil, "TRAJET_TEST_POSTGRES_URL is not set: SQLite → PostgreSQL copy skipped"))
    func copyFromSQLiteToPostgreSQL() async throws {
        let source = TempDatabase()
        defer { source.cleanUp() }
        _ = try await source.addSamplePlan()
        try await runTrajet(["keys", "create", "--network", "--role", "admin", "--database", source.path])
        try await CLIPostgres.withSchema { url in
            try await runTrajet(["db", "copy", "--from", "sqlite:" + source.path, "--to", url])
            try await runTrajet(["db", "check", "--database-url", url])
            let original = try await source.store().export(organisationId: nil)
            let location = try PostgresLocation(url: url)
            try await PostgresPlanStore.withStore(location) { store in
                let copied = try await store.export(organisationId: nil)
                let keys = try await store.apiKeys()
                let originalKeys = try await source.store().apiKeys()
                #expect(copied == original && keys == originalKeys)
            }
            // PostgreSQL has no file to copy: db backup points to pg_dump.
            await #expect(throws: ExitCode(1)) {
                try await runTrajet(["db", "backup", "/tmp/never-\(UUID()).sqlite", "--database-url", url])
            }
        }
    }
}

enum CLIPostgres {
    static let url: String? = ProcessInfo.processInfo.environment["TRAJET_TEST_POSTGRES_URL"].flatMap {
        $0.isEmpty ? nil : $0
    }

    /// A URL on a new schema of the test server (its `search_path`), dropped afterwards.
    static func withSchema(_ body: (String) async throws -> Void) async throws {
        try await ScratchSchema.with(baseURL: try #require(url), prefix: "cli") { _, url in try await body(url) }
    }
}
