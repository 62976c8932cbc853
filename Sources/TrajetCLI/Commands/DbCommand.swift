import TrajetCore
import TrajetQueries
import ArgumentParser
import Foundation
import TrajetSQLite
import TrajetStore

struct DbCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "db",
        abstract: "Plans database maintenance / Entretien de la base des plans.",
        subcommands: [Backup.self, Check.self, Migrate.self, Copy.self, Soak.self])

    struct Backup: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Copy the SQLite database to FILE while it stays in use (SQLite online backup).",
            discussion: "A PostgreSQL store is backed up with pg_dump (docs/deployment.md).")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var storeOptions: StoreOptions
        @Argument(help: "The new file (must not exist).") var file: String

        func run() async throws {
            try await StoreContext.requireExisting(global, storeOptions)
            let context = try await StoreContext.open(global, storeOptions)
            let l = context.localizer
            guard let sqlite = context.store as? SQLitePlanStore else {
                printError(
                    l.w("cli.db-backup-copies-an-sqlite-file"), l)
                throw ExitCode(1)
            }
            guard !FileManager.default.fileExists(atPath: file) else {
                printError(l.w("cli.file-already-exists-choose-a-new", "\(file)"), l)
                throw ExitCode(1)
            }
            try await context.run { try await sqlite.backup(to: file) }
            print(l.w("cli.backup-written", "\(file)"))
        }
    }

    struct Check: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check the database: schema steps applied, integrity, foreign keys (SQLite or PostgreSQL).")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var storeOptions: StoreOptions

        func run() async throws {
            try await StoreContext.requireExisting(global, storeOptions)
            // Not migrated on open: a database a step behind is reported, not silently changed.
            let context = try await StoreContext.open(global, storeOptions, migrate: false)
            let l = context.localizer
            let problems = try await context.run { try await context.store.check() }
            guard problems.isEmpty else {
                for problem in problems { printError(problem, l) }
                throw ExitCode(2)
            }
            print(l.w("cli.schema-up-to-date-integrity-ok", "\(context.path)"))
        }
    }

    struct Migrate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Apply the pending schema steps / Appliquer les étapes de schéma en attente.",
            discussion: """
                Every command and trajet serve migrate on start; this one lists what it applies. On PostgreSQL the \
                steps run in one transaction under an advisory lock, so instances starting together do not collide.
                Example: trajet db migrate --database-url postgres://trajet@127.0.0.1:5432/trajet
                """)
        @OptionGroup var global: GlobalOptions
        @OptionGroup var storeOptions: StoreOptions
        @Flag(help: "Only list the pending steps.") var dryRun = false

        func run() async throws {
            let context = try await StoreContext.open(global, storeOptions, migrate: false)
            let l = context.localizer
            let pending = try await context.run { try await context.store.pendingMigrations() }
            if pending.isEmpty {
                print(l.w("cli.schema-up-to-date", "\(context.path)"))
                return
            }
            if dryRun {
                print(l.w("cli.pending-steps", "\(context.path)"))
                for step in pending { print("  \(step)") }
                return
            }
            let applied = try await context.run { try await context.store.migrate() }
            print(l.w("cli.step-s-applied", "\(context.path)", "\(applied.count)"))
            for step in applied { print("  \(step)") }
        }
    }

    struct Copy: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Copy organisations, plans and API keys from one store to another (SQLite → PostgreSQL).",
            discussion: """
                Both ends are URLs: sqlite:PATH or postgres://user@host:5432/database (a plain path means an SQLite \
                file). The target is migrated first; plans are copied in batches, each one transaction, by id, so \
                running the copy again replaces them with the same content (no duplicates). Stop the writers of the \
                source first (or copy from a backup), then check the counts it prints.
                Example: trajet db copy --from sqlite:data/trajet.sqlite --to postgres://trajet@127.0.0.1:5432/trajet
                """)
        @OptionGroup var global: GlobalOptions
        @Option(help: "Source store: sqlite:PATH, a file path, or postgres://…") var from: String
        @Option(help: "Target store: postgres://… or sqlite:PATH.") var to: String
        @Option(parsing: .unconditional, help: "Plans per transaction (default 500).") var batch = 500

        static func location(_ text: String, option: String) throws -> StoreLocation {
            do {
                // "mysql://…" is a wrong URL, not a file name.
                if StoreLocation.isURL(text) || text.contains("://") { return try StoreLocation(url: text) }
                return .sqlite(path: text)
            } catch {
                throw ValidationError("\(option): \(error.description)")
            }
        }

        func validate() throws {
            let source = try Self.location(from, option: "--from")
            let target = try Self.location(to, option: "--to")
            let l = global.optionWords
            if source == target { throw ValidationError(l.w("cli.option-same-store", "--from", "--to")) }
            try OptionCheck.within(1...10_000, batch, "--batch", l)
        }

        func run() async throws {
            let environment = ProcessInfo.processInfo.environment
            let l = Localizer(global.lang ?? StoreContext.language(environment))
            let source = try Self.location(from, option: "--from")
            let target = try Self.location(to, option: "--to")
            if case .sqlite(let path) = source, !FileManager.default.fileExists(atPath: path) {
                printError(l.w("cli.from-no-database-at", "\(path)"), l)
                throw ExitCode(2)
            }
            let stores: (any PlanStore, any PlanStore)
            do {
                stores = (try await source.open(), try await target.open())
            } catch {
                printError(l.w("cli.cannot-open-the-database-2", "\(error)"), l)
                throw ExitCode(2)
            }
            let context = StoreContext(localizer: l, store: stores.1, location: target)
            // A progress line only on a terminal: a log file gets the final counts alone.
            let showProgress = isatty(STDERR_FILENO) == 1
            let result = try await context.run {
                try await StoreCopy(source: stores.0, target: stores.1, batchSize: batch).run { copied, total in
                    guard showProgress else { return }
                    FileHandle.standardError.write(Data(l.w("cli.plans-copied", "\(copied)", "\(total)").utf8))
                }
            }
            if showProgress { FileHandle.standardError.write(Data("\n".utf8)) }
            print(l.w("cli.organisation-s-plan-s-added-replaced", "\(source)", "\(target)", "\(result.organisations)", "\(result.plans)", "\(result.plansAdded)", "\(result.plansReplaced)", "\(result.legs)", "\(result.keys)", "\(result.keysAdded)"))
            guard result.verified else {
                printError(l.w("cli.the-target-does-not-hold-every"), l)
                throw ExitCode(2)
            }
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
            try OptionCheck.atLeast(1, count, "--count", global.optionWords)
        }

        func run() async throws {
            let context = try await StoreContext.open(global, storeOptions)
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
