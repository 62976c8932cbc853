import Foundation
import TrajetPostgres
import TrajetSQLite
import TrajetStore

/// Where the plans are: an SQLite file (the default, one machine) or a PostgreSQL database (several servers).
///
/// Chosen by, first to last: `--database-url URL`, `--database PATH`, `TRAJET_DATABASE_URL` or the configuration's
/// `database.url`, `TRAJET_DATABASE`, then `./data/trajet.sqlite`. A URL is `postgres://user@host:5432/trajet`
/// (`postgresql://` too) or `sqlite:PATH`.
public enum StoreLocation: Sendable, Equatable, CustomStringConvertible {
    case sqlite(path: String)
    case postgres(PostgresLocation)

    /// Whether `text` is written as a store URL rather than a plain file path.
    public static func isURL(_ text: String) -> Bool {
        PostgresLocation.isPostgresURL(text) || text.hasPrefix("sqlite:")
    }

    /// `postgres://…`, `postgresql://…`, `sqlite:PATH` or `sqlite://PATH`.
    public init(url text: String) throws(StoreLocationError) {
        if PostgresLocation.isPostgresURL(text) {
            do {
                self = .postgres(try PostgresLocation(url: text))
            } catch {
                throw .invalid(error.description)
            }
        } else if text.hasPrefix("sqlite:") {
            var path = String(text.dropFirst("sqlite:".count))
            if path.hasPrefix("//") { path = String(path.dropFirst(2)) }
            guard !path.isEmpty else { throw .invalid("sqlite: needs a file path (sqlite:data/trajet.sqlite)") }
            self = .sqlite(path: path)
        } else {
            throw .invalid("'\(text)': expected postgres://user@host:5432/database or sqlite:PATH")
        }
    }

    /// `configuredPath` is the SQLite file from the environment or configuration (`TRAJET_DATABASE`, and for
    /// `trajet serve` also `server.database`).
    public static func resolve(
        urlFlag: String?, pathFlag: String?, configuredURL: String?, configuredPath: String?
    ) throws(StoreLocationError) -> StoreLocation {
        func given(_ text: String?) -> String? { text.flatMap { $0.isEmpty ? nil : $0 } }
        if given(urlFlag) != nil, given(pathFlag) != nil {
            throw .invalid("give --database-url or --database, not both")
        }
        if let url = given(urlFlag) { return try StoreLocation(url: url) }
        if let path = given(pathFlag) { return .sqlite(path: path) }
        if let url = given(configuredURL) { return try StoreLocation(url: url) }
        if let path = given(configuredPath) { return .sqlite(path: path) }
        return .sqlite(path: SQLitePlanStore.defaultPath)
    }

    public var description: String {
        switch self {
        case .sqlite(let path): path
        case .postgres(let location): location.description
        }
    }

    /// Opens the store; with `migrate`, applies the pending schema steps first (SQLite and PostgreSQL alike).
    public func open(migrate: Bool = true) async throws -> any PlanStore {
        switch self {
        case .sqlite(let path): try SQLitePlanStore.open(path: path, migrate: migrate)
        case .postgres(let location): try await PostgresPlanStore.open(location, migrate: migrate)
        }
    }
}

public enum StoreLocationError: Error, Equatable, CustomStringConvertible {
    case invalid(String)

    public var description: String {
        switch self {
        case .invalid(let detail): "database: \(detail)"
        }
    }
}
