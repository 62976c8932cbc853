import Foundation
import NIOSSL
import PostgresNIO
import TrajetStore

/// A `postgres://` (or `postgresql://`) URL, as in libpq: `postgres://user[:password]@host[:port]/database`, with
/// `?sslmode=disable|prefer|require` (default prefer) and `?host=/path/to/socket/dir` for a Unix socket.
public struct PostgresLocation: Sendable, Equatable, CustomStringConvertible {
    public var host: String
    public var port: Int
    public var unixSocketDirectory: String?
    public var username: String
    public var password: String?
    public var database: String
    public var sslMode: SSLMode
    /// Extra run-time parameters sent when connecting (the tests give each test its own `search_path`).
    public var parameters: [String: String] = [:]

    public enum SSLMode: String, Sendable, CaseIterable {
        case disable, prefer, require
    }

    public static func isPostgresURL(_ text: String) -> Bool {
        text.hasPrefix("postgres://") || text.hasPrefix("postgresql://")
    }

    /// Parses `text`; the error says what part is wrong and never repeats the password.
    public init(url text: String) throws(PostgresLocationError) {
        guard Self.isPostgresURL(text), let components = URLComponents(string: text) else {
            throw .invalid("expected postgres://user@host:5432/database")
        }
        let query = Dictionary(
            (components.queryItems ?? []).map { ($0.name, $0.value ?? "") }, uniquingKeysWith: { _, last in last })
        host = components.host.flatMap { $0.isEmpty ? nil : $0 } ?? "127.0.0.1"
        if let socket = query["host"], socket.hasPrefix("/") { unixSocketDirectory = socket }
        port = components.port ?? 5432
        guard (1...65_535).contains(port) else { throw .invalid("port \(port) is not from 1 to 65535") }
        guard let user = components.user, !user.isEmpty else {
            throw .invalid("no user name (postgres://USER@host/database)")
        }
        username = user
        password = components.password
        let path = components.path.hasPrefix("/") ? String(components.path.dropFirst()) : components.path
        guard !path.isEmpty, !path.contains("/") else {
            throw .invalid("no database name (postgres://user@host/DATABASE)")
        }
        database = path
        let modeText = query["sslmode"] ?? SSLMode.prefer.rawValue
        guard let mode = SSLMode(rawValue: modeText) else {
            throw .invalid("sslmode=\(modeText): expected disable, prefer or require")
        }
        sslMode = mode
        for (name, value) in query where !["sslmode", "host"].contains(name) {
            guard name == "search_path" || name == "application_name" else {
                throw .invalid("unknown parameter \(name)= (known: sslmode, host, search_path, application_name)")
            }
            parameters[name] = value
        }
    }

    /// The URL without its password: what logs and messages show.
    public var description: String {
        let socket = unixSocketDirectory.map { "?host=\($0)" } ?? ""
        return "postgres://\(username)@\(host):\(port)/\(database)\(socket)"
    }

    /// The pool's settings: `maximumConnections` per process (several processes share the server's max_connections).
    public func clientConfiguration(maximumConnections: Int = 16) -> PostgresClient.Configuration {
        var configuration: PostgresClient.Configuration
        if let unixSocketDirectory {
            configuration = .init(
                unixSocketPath: unixSocketDirectory + "/.s.PGSQL.\(port)", username: username, password: password,
                database: database)
        } else {
            let tls: PostgresClient.Configuration.TLS
            switch sslMode {
            case .disable: tls = .disable
            case .prefer: tls = .prefer(.makeClientConfiguration())
            case .require: tls = .require(.makeClientConfiguration())
            }
            configuration = .init(
                host: host, port: port, username: username, password: password, database: database, tls: tls)
        }
        configuration.options.maximumConnections = maximumConnections
        configuration.options.additionalStartupParameters = parameters.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
        return configuration
    }
}

public enum PostgresLocationError: Error, Equatable, CustomStringConvertible {
    case invalid(String)

    public var description: String {
        switch self {
        case .invalid(let detail): "database URL: \(detail)"
        }
    }
}

extension PostgresLocation {
    /// One direct connection, opened and closed: a refused port, a wrong password or a missing database fails here at
    /// once with the server's reason, where the pool would retry until its timeout.
    public func probe(timeout: Duration) async throws(PlanStoreUnavailable) {
        do {
            var configuration: PostgresConnection.Configuration
            if let unixSocketDirectory {
                configuration = .init(
                    unixSocketPath: unixSocketDirectory + "/.s.PGSQL.\(port)", username: username, password: password,
                    database: database)
            } else {
                let tls: PostgresConnection.Configuration.TLS
                switch sslMode {
                case .disable: tls = .disable
                case .prefer: tls = .prefer(try NIOSSLContext(configuration: .makeClientConfiguration()))
                case .require: tls = .require(try NIOSSLContext(configuration: .makeClientConfiguration()))
                }
                configuration = .init(host: host, port: port, username: username, password: password, database: database, tls: tls)
            }
            configuration.options.connectTimeout = .seconds(timeout.components.seconds)
            configuration.options.additionalStartupParameters = parameters.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
            let connection = try await PostgresConnection.connect(
                configuration: configuration, id: 0, logger: PostgresPlanStore.quietLogger)
            try await connection.close()
        } catch {
            throw PlanStoreUnavailable(location: description, detail: Self.reason(error))
        }
    }

    static func reason(_ error: any Error) -> String {
        if let error = error as? PSQLError {
            if let message = error.serverInfo?[.message] { return message }
            let underlying = error.underlying.map { String(describing: $0) } ?? ""
            if underlying.contains("Connection refused") { return "connection refused" }
            if underlying.contains("timed out") || error.code == .connectionError && underlying.isEmpty {
                return "no answer"
            }
            return underlying.isEmpty ? "\(error.code)" : underlying
        }
        return String(describing: error)
    }
}
