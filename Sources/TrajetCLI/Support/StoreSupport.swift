import TrajetCore
import TrajetQueries
import ArgumentParser
import Foundation
import TrajetStore

/// Where the plans database is (see `StoreLocation`): `--database-url`, `--database`, `TRAJET_DATABASE_URL` or the
/// configuration's `database.url`, `TRAJET_DATABASE`, then `./data/trajet.sqlite`.
struct StoreOptions: ParsableArguments {
    @Option(name: .long, help: "SQLite database file (default: TRAJET_DATABASE, then ./data/trajet.sqlite).")
    var database: String?

    @Option(
        name: .customLong("database-url"),
        help: "postgres://user@host:5432/trajet (a shared PostgreSQL store) or sqlite:PATH (default: TRAJET_DATABASE_URL, config database.url).")
    var databaseURL: String?

    func validate() throws { try Self.validate(database: database, databaseURL: databaseURL) }

    /// `--database` and `--database-url` (here and in `trajet serve`): not both, and a URL that parses.
    static func validate(database: String?, databaseURL: String?) throws {
        if let database, !database.isEmpty, let databaseURL, !databaseURL.isEmpty {
            throw ValidationError("give --database-url or --database, not both.")
        }
        if let databaseURL, !databaseURL.isEmpty {
            do {
                _ = try StoreLocation(url: databaseURL)
            } catch {
                throw ValidationError("--database-url: \(error.description)")
            }
        }
    }
}

/// What a store command needs: the words and the open database. Does not load the datasets.
struct StoreContext {
    let localizer: Localizer
    let store: any PlanStore
    let location: StoreLocation

    /// The path or URL (without password) for messages.
    var path: String { location.description }

    /// The location the options, environment and configuration name; errors (a bad URL, an unreadable
    /// configuration) exit with 2 and a message.
    static func location(_ global: GlobalOptions, _ options: StoreOptions) async throws -> (StoreLocation, Localizer) {
        let environment = ProcessInfo.processInfo.environment
        let localizer = Localizer(global.lang ?? language(environment))
        do {
            let settings = try await Settings.load(configFile: global.config, overrides: .init(), environment: environment)
            let location = try StoreLocation.resolve(
                urlFlag: options.databaseURL, pathFlag: options.database, configuredURL: settings.databaseURL,
                configuredPath: environment["TRAJET_DATABASE"])
            return (location, localizer)
        } catch {
            printError(String(describing: error), localizer)
            throw ExitCode(2)
        }
    }

    /// Checking, reporting on or backing up an SQLite file that is not there would silently create an empty one:
    /// refuse instead. (A PostgreSQL database is made by its administrator; connecting never creates one.)
    static func requireExisting(_ global: GlobalOptions, _ options: StoreOptions) async throws {
        let (location, localizer) = try await location(global, options)
        guard case .sqlite(let path) = location, !FileManager.default.fileExists(atPath: path) else { return }
        printError(
            localizer.w("cli.no-database-at-database-path-or", "\(path)"),
            localizer)
        throw ExitCode(2)
    }

    static func open(_ global: GlobalOptions, _ options: StoreOptions, migrate: Bool = true) async throws -> StoreContext {
        let (location, localizer) = try await location(global, options)
        do {
            return StoreContext(localizer: localizer, store: try await location.open(migrate: migrate), location: location)
        } catch {
            printError(localizer.w("cli.cannot-open-the-database", "\(location)", "\(error)"), localizer)
            throw ExitCode(2)
        }
    }

    /// `TRAJET_LANGUAGE` (fr/en), else `LANG`.
    static func language(_ environment: [String: String]) -> Language {
        if let text = environment["TRAJET_LANGUAGE"], let language = Language(rawValue: text.lowercased()) { return language }
        return Language.fromEnvironment(environment)
    }

    /// Runs `body`: a store validation error is printed and exits with 1, any other failure (SQLite) with 2.
    func run<T>(_ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let error as PlanStoreError {
            printError(localizer.message(for: error), localizer)
            throw ExitCode(1)
        } catch let error as ExitCode {
            throw error
        } catch {
            printError(localizer.w("cli.database-problem", "\(error)"), localizer)
            throw ExitCode(2)
        }
    }
}

/// One CSV field of `plans list --format csv`: neutralised for spreadsheets and quoted (`CSVCell`).
func csvField(_ text: String) -> String { CSVCell.escape(text) }

/// Grams as kilograms for display (the stored figure stays in whole grams).
func kgText(_ grams: Int, _ localizer: Localizer) -> String { localizer.numbers.kg(Double(grams) / 1000) }

/// What the `list` subcommands of `keys` and `orgs` share: the store's options, the output format, and a run that
/// reads the rows and prints them as JSON or as a table.
struct ListOptions: ParsableArguments {
    @OptionGroup var global: GlobalOptions
    @OptionGroup var storeOptions: StoreOptions
    @Option(help: "Output: table or json.") var format: OutputFormat = .table

    func printRows<Row>(
        read: (any PlanStore) async throws -> [Row], json: ([Row]) throws -> String,
        table: ([Row], Localizer) -> TextTable
    ) async throws {
        let context = try await StoreContext.open(global, storeOptions)
        let rows = try await context.run { try await read(context.store) }
        switch format {
        case .json: print(try json(rows))
        case .table: print(table(rows, context.localizer).render())
        }
    }
}
