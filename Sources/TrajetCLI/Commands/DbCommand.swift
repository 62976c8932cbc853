import TrajetCore
import TrajetQueries
import ArgumentParser
import Foundation
import TrajetStore

struct DbCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "db",
        abstract: "Plans database maintenance / Entretien de la base des plans.",
        subcommands: [Backup.self, Check.self, Soak.self])

    struct Backup: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Copy the database to FILE while it stays in use (SQLite online backup).")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var storeOptions: StoreOptions
        @Argument(help: "The new file (must not exist).") var file: String

        func run() async throws {
            try StoreContext.requireExisting(global, storeOptions)
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
            try StoreContext.requireExisting(global, storeOptions)
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

    /// Fault-test helper (hidden): inserts `--count` plans one transaction each and prints each committed plan id on
    /// its own line, flushed, so a test can kill the process with SIGKILL and check that every printed id survived.
    struct Soak: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Insert plans one transaction at a time, printing each committed id (fault tests).",
            shouldDisplay: false)
        @OptionGroup var global: GlobalOptions
        @OptionGroup var storeOptions: StoreOptions
        @Option(parsing: .unconditional, help: "How many plans to insert.") var count = 1000
        @Option(help: "Organisation id (created if missing).") var org = "soak"

        func validate() throws {
            if count < 1 { throw ValidationError("--count must be 1 or more (got \(count)).") }
        }

        func run() async throws {
            let context = try StoreContext.open(global, storeOptions)
            try await context.run {
                if try await !context.store.organisations().contains(where: { $0.id == org }) {
                    _ = try await context.store.addOrganisation(Organisation(id: org, name: "Soak test"))
                }
                for index in 0..<count {
                    let saved = try await context.store.addPlan(Self.plan(index: index, org: org))
                    // Unbuffered write(2): the line is out before the next transaction starts.
                    FileHandle.standardOutput.write(Data((saved.plan.id + "\n").utf8))
                }
            }
        }

        /// A small valid plan with one leg each way.
        static func plan(index: Int, org: String) -> PlanDetail {
            let id = UUID().uuidString.lowercased()
            let plan = Plan(
                id: id, organisationId: org, name: "Soak \(index)", partnerId: "twiza", originPlaceId: "BE-LGG",
                destinationPlaceId: "MA-KHE", departDate: "2026-07-04", returnDate: "2026-07-25", participants: 10,
                leaders: 2, factorSetId: "soak", factorSetVersion: "1")
            let legs = [
                PlanLeg(planId: id, direction: .outbound, position: 1, legId: "soak-out", mode: "rail",
                        fromPlaceId: "BE-LGG", toPlaceId: "MA-KHE", distanceKm: 100, durationMinutes: 60, ttwGrams: index),
                PlanLeg(planId: id, direction: .return, position: 1, legId: "soak-back", mode: "rail",
                        fromPlaceId: "MA-KHE", toPlaceId: "BE-LGG", distanceKm: 100, durationMinutes: 60, ttwGrams: index),
            ]
            return PlanDetail(plan: plan, legs: legs)
        }
    }
}
