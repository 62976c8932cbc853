import TrajetCore
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
            printError(localizer.t("aucune base de données à \(path)", "no database at \(path)"), localizer)
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

extension Localizer {
    func message(for error: PlanStoreError) -> String {
        switch error {
        case .invalidValue(let field, let value, let expected):
            t(
                "Valeur invalide pour \(field) : « \(value) » ; attendu : \(expected).",
                "Invalid value for \(field): '\(value)'; expected \(expected).")
        case .unknownOrganisation(let id, let field):
            t(
                "\(field) : organisation inconnue « \(id) » ; créez-la avec `trajet orgs add \(id) --name …`.",
                "\(field): unknown organisation '\(id)'; add it with `trajet orgs add \(id) --name …`.")
        case .organisationExists(let id):
            t("id : l'organisation « \(id) » existe déjà.", "id: organisation '\(id)' already exists.")
        case .planNotFound(let id):
            t("id : aucun plan « \(id) ».", "id: no plan '\(id)'.")
        case .planExists(let id):
            t("id : le plan « \(id) » existe déjà.", "id: plan '\(id)' already exists.")
        case .invalidStatusTransition(let from, let to):
            t(
                "status : un plan « \(from.rawValue) » ne peut pas passer à « \(to.rawValue) » "
                    + "(draft → planned → booked → travelled, ou cancelled sauf après travelled).",
                "status: a '\(from.rawValue)' plan cannot become '\(to.rawValue)' "
                    + "(draft → planned → booked → travelled, or cancelled except once travelled).")
        case .versionConflict(let id, let expected, let actual):
            t(
                "version : le plan \(id) a changé entretemps (attendu \(expected), actuel \(actual)) ; relisez-le avec `trajet plans show \(id)`.",
                "version: plan \(id) was changed meanwhile (expected \(expected), now \(actual)); re-read it with `trajet plans show \(id)`.")
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
