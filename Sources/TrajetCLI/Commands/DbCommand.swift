import ArgumentParser
import Foundation
import TrajetStore

struct DbCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "db",
        abstract: "Plans database maintenance / Entretien de la base des plans.",
        subcommands: [Backup.self, Check.self])

    struct Backup: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Copy the database to FILE while it stays in use (SQLite online backup).")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var storeOptions: StoreOptions
        @Argument(help: "The new file (must not exist).") var file: String

        func run() async throws {
            let context = try StoreContext.open(global, storeOptions)
            let l = context.localizer
            guard !FileManager.default.fileExists(atPath: file) else {
                printError(l.t("FILE : \(file) existe déjà ; choisissez un nouveau fichier.", "FILE: \(file) already exists; choose a new file."), l)
                throw ExitCode(1)
            }
            try await context.run { try await context.store.backup(to: file) }
            print(l.t("Sauvegarde écrite : \(file)", "Backup written: \(file)"))
        }
    }

    struct Check: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Integrity and foreign-key check of the database.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var storeOptions: StoreOptions

        func run() async throws {
            let context = try StoreContext.open(global, storeOptions)
            let l = context.localizer
            let problems = try await context.run { try await context.store.check() }
            guard problems.isEmpty else {
                for problem in problems { printError(problem, l) }
                throw ExitCode(2)
            }
            print(l.t("\(context.path) : intégrité ok, clés étrangères ok", "\(context.path): integrity ok, foreign keys ok"))
        }
    }
}
