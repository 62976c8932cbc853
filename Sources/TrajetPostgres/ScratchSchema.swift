import Foundation
import PostgresNIO

/// A new, empty schema on a test server, dropped afterwards: each test (store, CLI, server) gets a database of its
/// own on one throw-away cluster (`scripts/pg-test-cluster.sh`). Package access: for the test targets only.
package enum ScratchSchema {
    /// Runs `body` with the location of a new schema on the server at `baseURL` (its `search_path`) and the same as a
    /// URL for the CLI; drops the schema when `body` returns or throws.
    package static func with<T>(
        baseURL: String, prefix: String = "test", _ body: (PostgresLocation, String) async throws -> T
    ) async throws -> T {
        let admin = try PostgresLocation(url: baseURL)
        let schema = prefix + "_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        try await execute("CREATE SCHEMA \(schema)", on: admin)
        var location = admin
        location.parameters["search_path"] = schema
        let url = baseURL + (baseURL.contains("?") ? "&" : "?") + "search_path=" + schema
        let result: Result<T, any Error>
        do {
            result = .success(try await body(location, url))
        } catch {
            result = .failure(error)
        }
        try await execute("DROP SCHEMA \(schema) CASCADE", on: admin)
        return try result.get()
    }

    static func execute(_ sql: String, on location: PostgresLocation) async throws {
        try await PostgresPlanStore.withStore(location, migrate: false, maximumConnections: 1) { store in
            try await store.read { connection in
                try await connection.query(PostgresQuery(unsafeSQL: sql), logger: store.logger)
                return ()
            }
        }
    }
}
