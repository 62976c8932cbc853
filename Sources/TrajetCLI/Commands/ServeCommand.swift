import ArgumentParser
import Foundation
import Hummingbird
import Logging
import TrajetCore
import TrajetDatasets
import TrajetQueries
import TrajetServer
import TrajetStore

/// `trajet serve`: the HTTP API on the embedded SQLite store, until SIGTERM or SIGINT.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Start the HTTP API / Démarrer l'API HTTP.",
        discussion: """
            Serves openapi.yaml's operations (GET /openapi.yaml) on the plans database. Defaults come from the \
            configuration (server.host 127.0.0.1, server.port 8080, server.database or TRAJET_DATABASE, else \
            ./data/trajet.sqlite). Keys: trajet keys create --org ORG --role reader|planner|admin. SIGTERM or \
            SIGINT stops accepting connections and finishes the requests in flight.
            Example: trajet serve --port 8080 --database data/trajet.sqlite
            """)

    @OptionGroup var global: GlobalOptions
    // Optional without defaults, so the configuration file and TRAJET_SERVER_* still apply.
    @Option(help: "Address to listen on (default 127.0.0.1, config server.host).") var host: String?
    @Option(parsing: .unconditional, help: "Port (default 8080, config server.port).") var port: Int?
    @Option(help: "SQLite database file (default: config server.database, TRAJET_DATABASE, ./data/trajet.sqlite).")
    var database: String?
    @Option(name: .customLong("log-level"), help: "trace, debug, info, notice, warning, error or critical (default info).")
    var logLevel: String?

    func validate() throws {
        if let port, !(0...65_535).contains(port) { throw ValidationError("--port must be from 0 to 65535 (got \(port)).") }
        if let logLevel, Logger.Level(rawValue: logLevel) == nil {
            throw ValidationError("--log-level: expected trace, debug, info, notice, warning, error or critical.")
        }
    }

    func run() async throws {
        let level = logLevel.flatMap(Logger.Level.init(rawValue:)) ?? .info
        // Once per process, here in the command only (never in libraries or tests). Metadata such as request_id
        // is printed on each line as key=value.
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
        let context = try await CommandContext.load(global, server: (host, port, database))
        let path = context.settings.server.databasePath ?? SQLitePlanStore.defaultPath
        let store: SQLitePlanStore
        do {
            store = try SQLitePlanStore.open(path: path)
        } catch {
            printError(context.localizer.t("impossible d'ouvrir la base \(path) : \(error)", "cannot open the database \(path): \(error)"), context.localizer)
            throw ExitCode(2)
        }
        var logger = Logger(label: "trajet.server")
        logger.logLevel = level
        logger.info(
            "starting",
            metadata: [
                "database": .string(path), "datasets": .string(context.datasets.directory.path),
                "factorSet": .string(context.settings.factorSetID),
                "publicReads": .stringConvertible(context.settings.server.publicReads),
            ])
        let app = try buildApplication(
            ServerEnvironment(settings: context.settings, datasets: context.datasets, store: store, logger: logger))
        try await app.runService()
    }
}
