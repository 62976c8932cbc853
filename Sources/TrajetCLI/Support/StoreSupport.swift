import TrajetCore
import TrajetQueries
import ArgumentParser
import Foundation
import TrajetStore

/// Where the plans database is: `--database`, else `TRAJET_DATABASE`, else `./data/trajet.sqlite`.
struct StoreOptions: ParsableArguments {
    @Option(name: .long, help: "SQLite database file (default: TRAJET_DATABASE, then ./data/trajet.sqlite).")
    var database: String?

    func path(environment: [String: String]) -> String {
        if let database, !database.isEmpty { return database }
        if let path = environment["TRAJET_DATABASE"], !path.isEmpty { return path }
        return SQLitePlanStore.defaultPath
    }
}

/// What a store command needs: the words and the open database. Does not load the datasets.
struct StoreContext {
    let localizer: Localizer
    let store: SQLitePlanStore
    let path: String

    /// Checking or backing up a database that is not there would silently create an empty one: refuse instead.
    static func requireExisting(_ global: GlobalOptions, _ options: StoreOptions) throws {
        let environment = ProcessInfo.processInfo.environment
        let path = options.path(environment: environment)
        guard FileManager.default.fileExists(atPath: path) else {
            let localizer = Localizer(global.lang ?? language(environment))
            printError(
                localizer.t(
                    "aucune base de données à \(path) (--database PATH, ou créez-la avec trajet orgs add puis trajet plans add)",
                    "no database at \(path) (--database PATH, or create it with trajet orgs add then trajet plans add)"),
                localizer)
            throw ExitCode(2)
        }
    }

    static func open(_ global: GlobalOptions, _ options: StoreOptions) throws -> StoreContext {
        let environment = ProcessInfo.processInfo.environment
        let localizer = Localizer(global.lang ?? language(environment))
        let path = options.path(environment: environment)
        do {
            return StoreContext(localizer: localizer, store: try SQLitePlanStore.open(path: path), path: path)
        } catch {
            printError(localizer.t("impossible d'ouvrir la base \(path) : \(error)", "cannot open the database \(path): \(error)"), localizer)
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
            printError(localizer.t("problème de base de données : \(error)", "database problem: \(error)"), localizer)
            throw ExitCode(2)
        }
    }
}

/// One CSV field, quoted when needed (RFC 4180).
func csvField(_ text: String) -> String {
    guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
    return "\"" + text.replacing("\"", with: "\"\"") + "\""
}

/// Grams as kilograms for display (the stored figure stays in whole grams).
func kgText(_ grams: Int, _ localizer: Localizer) -> String { localizer.numbers.kg(Double(grams) / 1000) }
