import Foundation
import GRDB
import Logging
import PostgresNIO
import Testing
import TrajetCore

@testable import TrajetPostgres
@testable import TrajetSQLite
import TrajetStore

/// The store suite runs once per backend: SQLite always; PostgreSQL when `TRAJET_TEST_POSTGRES_URL` names a server
/// (`scripts/pg-test-cluster.sh start` makes a throw-away one; `.ci/run` does it and sets `TRAJET_REQUIRE_POSTGRES=1`
/// so that CI can never skip it silently).
enum Backend: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case sqlite
    case postgres

    var testDescription: String { rawValue }

    /// The backends this run tests.
    static let tested: [Backend] = TestPostgres.url == nil ? [.sqlite] : [.sqlite, .postgres]
}

enum TestPostgres {
    static let url: String? = ProcessInfo.processInfo.environment["TRAJET_TEST_POSTGRES_URL"].flatMap {
        $0.isEmpty ? nil : $0
    }
    static let required = ProcessInfo.processInfo.environment["TRAJET_REQUIRE_POSTGRES"] == "1"
    static let skipMessage =
        "PostgreSQL variant of the store suite skipped: TRAJET_TEST_POSTGRES_URL is not set (scripts/pg-test-cluster.sh start prints one)"

    static func location() throws -> PostgresLocation { try PostgresLocation(url: try #require(url)) }

    /// Runs `body` with `instances` stores on one new, empty schema (dropped afterwards): several `trajet serve`
    /// processes sharing one database, as far as the store can tell.
    static func withSchema<T>(
        instances: Int, migrate: Bool = true, now: @escaping @Sendable () -> String = { Date().ISO8601Format() },
        _ body: ([any PlanStore]) async throws -> T
    ) async throws -> T {
        try await ScratchSchema.with(baseURL: try #require(url)) { location, _ in
            func open(_ remaining: Int, _ stores: [any PlanStore]) async throws -> T {
                guard remaining > 0 else { return try await body(stores) }
                return try await PostgresPlanStore.withStore(
                    location, migrate: migrate, maximumConnections: 4, now: now
                ) { store in try await open(remaining - 1, stores + [store]) }
            }
            return try await open(instances, [])
        }
    }
}

/// Runs `body` with a new, empty store on `backend`.
func withStore(
    _ backend: Backend, now: @escaping @Sendable () -> String = { Date().ISO8601Format() },
    _ body: (any PlanStore) async throws -> Void
) async throws {
    try await withStores(backend, instances: 1, now: now) { try await body($0[0]) }
}

/// Runs `body` with `instances` stores sharing one database: for SQLite, separate connection pools on one file;
/// for PostgreSQL, separate clients on one schema.
func withStores(
    _ backend: Backend, instances: Int, now: @escaping @Sendable () -> String = { Date().ISO8601Format() },
    _ body: ([any PlanStore]) async throws -> Void
) async throws {
    switch backend {
    case .sqlite:
        if instances == 1 {
            return try await body([try SQLitePlanStore(DatabaseQueue(configuration: SQLitePlanStore.makeConfiguration()), now: now)])
        }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("trajet-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("shared.sqlite").path
        let stores = try (0..<instances).map { _ in
            try SQLitePlanStore(
                DatabasePool(path: path, configuration: SQLitePlanStore.makeConfiguration()), location: path, now: now)
        }
        return try await body(stores)
    case .postgres:
        return try await TestPostgres.withSchema(instances: instances, now: now, body)
    }
}

/// A store with the organisation `asmae`.
func withAsmaeStore(_ backend: Backend, _ body: (any PlanStore) async throws -> Void) async throws {
    try await withStore(backend) { store in
        _ = try await store.addOrganisation(Organisation(id: "asmae", name: "Asmae"))
        try await body(store)
    }
}

@Suite struct BackendAvailabilityTests {
    @Test(.enabled(if: TestPostgres.url != nil, Comment(rawValue: TestPostgres.skipMessage)))
    func postgresServerAnswers() async throws {
        try await PostgresPlanStore.withStore(try TestPostgres.location(), migrate: false, maximumConnections: 1) { store in
            try await store.ping()
        }
    }

    /// CI sets TRAJET_REQUIRE_POSTGRES=1: a run without a server URL then fails instead of skipping.
    @Test(.enabled(if: TestPostgres.required, "TRAJET_REQUIRE_POSTGRES is not set"))
    func ciRunsThePostgresVariant() {
        let hasURL = TestPostgres.url != nil
        #expect(hasURL, "TRAJET_REQUIRE_POSTGRES=1 but TRAJET_TEST_POSTGRES_URL is empty")
    }
}
