import Foundation
import Testing
import TrajetCore

@testable import TrajetPostgres
@testable import TrajetSQLite
import TrajetStore

@Suite struct PostgresLocationTests {
    @Test func aFullURLIsRead() throws {
        let location = try PostgresLocation(url: "postgres://trajet:s3cret@db.example.org:6543/plans?sslmode=require")
        #expect(location.host == "db.example.org" && location.port == 6543 && location.database == "plans")
        #expect(location.username == "trajet" && location.password == "s3cret" && location.sslMode == .require)
        // The password never appears in messages.
        #expect(location.description == "postgres://trajet@db.example.org:6543/plans")
    }

    @Test func defaultsAndUnixSockets() throws {
        let location = try PostgresLocation(url: "postgresql://trajet@/trajet?host=/var/run/postgresql")
        #expect(location.port == 5432 && location.sslMode == .prefer && location.unixSocketDirectory == "/var/run/postgresql")
    }

    @Test(arguments: [
        ("mysql://u@h/db", "expected postgres://"), ("postgres://h/db", "no user name"),
        ("postgres://u@h", "no database name"), ("postgres://u@h/db?sslmode=maybe", "sslmode=maybe"),
        ("postgres://u@h/db?pool=3", "unknown parameter pool"),
    ])
    func badURLsSayWhatIsWrong(url: String, expected: String) {
        do {
            _ = try PostgresLocation(url: url)
            Issue.record("accepted \(url)")
        } catch {
            #expect(error.description.contains(expected), "\(error.description)")
        }
    }

    /// No server needed: nothing listens on port 9.
    @Test func anUnreachableServerIsOneClearError() async throws {
        let location = try PostgresLocation(url: "postgres://trajet@127.0.0.1:9/trajet?sslmode=disable")
        do {
            try await PostgresPlanStore.withStore(location, connectTimeout: .seconds(2)) { _ in }
            Issue.record("connected to port 9")
        } catch let error as PlanStoreUnavailable {
            #expect(error.location == "postgres://trajet@127.0.0.1:9/trajet" && error.detail == "connection refused")
        }
    }
}

@Suite(.enabled(if: TestPostgres.url != nil, Comment(rawValue: TestPostgres.skipMessage)))
struct PostgresMigrationTests {
    /// Two instances starting at once on an empty database: the steps run once, both end up migrated.
    @Test func concurrentMigrationsApplyEachStepOnce() async throws {
        try await TestPostgres.withSchema(instances: 2, migrate: false) { stores in
            let pending = try await stores[0].pendingMigrations()
            #expect(pending == PostgresMigrations.steps.map(\.id))
            let applied = try await withThrowingTaskGroup(of: [String].self) { group in
                for store in stores { group.addTask { try await store.migrate() } }
                return try await group.reduce(into: []) { $0 += $1 }
            }
            #expect(applied.sorted() == PostgresMigrations.steps.map(\.id).sorted())
            for store in stores {
                let left = try await store.pendingMigrations()
                let problems = try await store.check()
                #expect(left.isEmpty && problems.isEmpty)
            }
        }
    }

    /// The same logical schema as SQLite: the steps have the same names, in the same order.
    @Test func theStepsMirrorTheSQLiteMigrations() {
        #expect(PostgresMigrations.steps.map(\.id) == SQLitePlanStore.migrator.migrations)
    }
}
