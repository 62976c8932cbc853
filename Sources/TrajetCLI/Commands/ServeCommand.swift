import ArgumentParser
import Foundation
import Hummingbird
import Logging
import TrajetCore
import TrajetDatasets
import TrajetQueries
import TrajetServer
import TrajetPostgres
import TrajetSQLite
import TrajetStore
import ServiceLifecycle

/// `trajet serve`: the HTTP API on the embedded SQLite store, until SIGTERM or SIGINT.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Start the HTTP API / Démarrer l'API HTTP.",
        discussion: """
            Serves openapi.yaml's operations (GET /openapi.yaml) on the plans database. Defaults come from the \
            configuration (server.host 127.0.0.1, server.port 8080, server.database or TRAJET_DATABASE, else \
            ./data/trajet.sqlite). Several instances share one PostgreSQL store with --database-url (or \
            TRAJET_DATABASE_URL, config database.url); see docs/deployment.md. Keys: trajet keys create --org ORG \
            --role reader|planner|admin. SIGTERM or SIGINT stops accepting connections and finishes the requests \
            in flight.
            Example: trajet serve --port 8080 --database data/trajet.sqlite
            Example: trajet serve --port 8081 --database-url postgres://trajet@127.0.0.1:5432/trajet
            """)

    @OptionGroup var global: GlobalOptions
    // Optional without defaults, so the configuration file and TRAJET_SERVER_* still apply.
    @Option(help: "Address to listen on (default 127.0.0.1, config server.host).") var host: String?
    @Option(parsing: .unconditional, help: "Port (default 8080, config server.port).") var port: Int?
    @Option(help: "SQLite database file (default: config server.database, TRAJET_DATABASE, ./data/trajet.sqlite).")
    var database: String?
    @Option(
        name: .customLong("database-url"),
        help: "postgres://user@host:5432/trajet, shared by several instances (default: TRAJET_DATABASE_URL, config database.url).")
    var databaseURL: String?
    @Option(parsing: .unconditional, help: "PostgreSQL connections per instance (default 16).")
    var poolSize = 16
    @Option(name: .customLong("log-level"), help: "trace, debug, info, notice, warning, error or critical (default info).")
    var logLevel: String?

    func validate() throws {
        let l = global.optionWords
        if let port { try OptionCheck.within(0...65_535, port, "--port", l) }
        try StoreOptions.validate(database: database, databaseURL: databaseURL)
        try OptionCheck.within(1...500, poolSize, "--pool-size", l)
        if let logLevel, Logger.Level(rawValue: logLevel) == nil {
            throw ValidationError(
                l.w("cli.option-one-of", "--log-level", logLevel, Logger.Level.allCases.map(\.rawValue).joined(separator: ", ")))
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
        var logger = Logger(label: "trajet.server")
        logger.logLevel = level
        var settings = context.settings
        if let openFiles = OpenFileLimit.raiseToHardLimit() {
            let configured = settings.server.maxConnections
            let fitting = OpenFileLimit.connectionsThatFit(maxConnections: configured, openFiles: openFiles)
            if fitting < configured {
                // Refusing to start would leave a newcomer on a default system with nothing; keeping fewer
                // connections is what the limit allows, and the operator is told how to get more.
                logger.warning(
                    "server.maxConnections lowered to fit the open-file limit",
                    metadata: [
                        "configured": .stringConvertible(configured), "kept": .stringConvertible(fitting),
                        "openFileLimit": .stringConvertible(openFiles),
                        "fix": "raise the hard limit (ulimit -Hn, LimitNOFILE= in a systemd unit) or lower server.maxConnections",
                    ])
                settings.server.maxConnections = fitting
            }
        }
        let l = context.localizer
        let location: StoreLocation
        do {
            location = try StoreLocation.resolve(
                urlFlag: databaseURL, pathFlag: database, configuredURL: context.settings.databaseURL,
                configuredPath: context.settings.server.databasePath)
        } catch {
            printError(error.description, l)
            throw ExitCode(2)
        }
        let store: any PlanStore
        var services: [any Service] = []
        do {
            switch location {
            case .sqlite(let path):
                store = try SQLitePlanStore.open(path: path)
            case .postgres(let postgres):
                // Migrate (under the advisory lock) on a short-lived pool, then serve on one the ServiceGroup runs.
                try await PostgresPlanStore.withStore(postgres, maximumConnections: 1) { _ in }
                var poolLogger = logger
                poolLogger.logLevel = max(level, .warning)
                let shared = PostgresPlanStore.make(postgres, maximumConnections: poolSize, logger: poolLogger)
                store = shared
                services.append(shared.service)
            }
        } catch {
            printError(l.w("cli.cannot-open-the-database", "\(location)", "\(error)"), l)
            throw ExitCode(2)
        }
        logger.info(
            "starting",
            metadata: [
                "database": .string(location.description), "datasets": .string(context.datasets.directory.path),
                "factorSet": .string(context.settings.factorSetID),
                "publicReads": .stringConvertible(context.settings.server.publicReads),
            ])
        let app = try buildApplication(
            ServerEnvironment(settings: settings, datasets: context.datasets, store: store, logger: logger),
            services: services)
        // What a newcomer needs first: where the page is (the log lines above are for operators).
        let server = settings.server
        let shownHost = server.host == "0.0.0.0" || server.host == "::" ? "127.0.0.1" : server.host
        let url = "http://\(shownHost.contains(":") ? "[\(shownHost)]" : shownHost):\(server.port)/"
        // Written straight to the file descriptor: print() buffers when stdout is a pipe (a log collector, a test).
        func say(_ text: String) { FileHandle.standardOutput.write(Data((text + "\n").utf8)) }
        say(l.w("cli.trajet-is-ready-open-in-a", "\(url)"))
        if (try? await store.apiKeys().isEmpty) == true {
            say(l.w("cli.no-organisation-key-yet-the-page"))
        }
        try await app.runService()
        logger.info("stopped")
    }
}
