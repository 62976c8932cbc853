import ArgumentParser
import Foundation
import TrajetCore
import TrajetQueries
import TrajetDatasets
import TrajetReports
import TrajetStore

extension ReportFormat: ExpressibleByArgument {}

/// `trajet report`: the annual environmental report from the stored plans.
struct ReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Annual environmental report from the stored plans / Rapport environnemental annuel.",
        discussion: """
            Counts booked and travelled trips departing in --year (planned trips are listed apart, never added); \
            one organisation (--org) or the whole network (--network, the default). Formats: html (one \
            self-contained file with charts, prints to PDF), md, csv (one row per leg), json. Without --output \
            the report goes to standard output; an existing file is only replaced with --force.
            Example: trajet report --year 2026 --org asmae --format html --lang fr --output rapport-2026.html
            """)

    @OptionGroup var global: GlobalOptions
    @OptionGroup var storeOptions: StoreOptions
    @Option(parsing: .unconditional, help: "Calendar year (trips count by departure date).") var year: Int
    @Option(help: "Only this organisation's trips.") var org: String?
    @Flag(help: "Every organisation's trips (the default without --org).") var network = false
    @Option(help: "html, md, csv or json (default: from --output's extension, else md).") var format: ReportFormat?
    @Option(help: "Write to this file (atomically) instead of standard output.") var output: String?
    @Flag(help: "Replace --output if it exists.") var force = false
    @Flag(help: "Skip the scenario lines (no route searches).") var noScenarios = false
    @Option(help: .hidden) var generatedAt: String?

    func validate() throws {
        let l = global.optionWords
        guard (2000...2100).contains(year) else {
            throw ValidationError(l.w("cli.option-calendar-year", "--year", "\(year)", "2000", "2100"))
        }
        if org != nil && network { throw ValidationError(l.w("cli.option-exclusive", "--org", "--network")) }
    }

    func run() async throws {
        // The datasets load while the store starts reading the plans (see AnnualReportQuery.build).
        let prepared = try await PreparedContext.load(global)
        let l = prepared.localizer
        let language = l.language
        let chosenFormat: ReportFormat
        switch Self.resolvedFormat(format, output: output) {
        case .success(let found): chosenFormat = found
        case .failure(let problem):
            printError(problem.message(l), l)
            throw ExitCode(1)
        }
        // A report reads plans: a mistyped --database must not silently create an empty store and an empty report.
        try await StoreContext.requireExisting(global, storeOptions)
        let store = try await StoreContext.open(global, storeOptions)

        let scope: ReportScope = try await store.run {
            guard let org else { return .network }
            let organisations = try await store.store.organisations()
            guard let found = organisations.first(where: { $0.id == org.lowercased() }) else {
                let known = organisations.map(\.id).joined(separator: ", ")
                printError(
                    l.w("cli.unknown-organisation-known", "\(org)", "\(known.isEmpty ? "aucune" : known)", "\(known.isEmpty ? "none" : known)"), l)
                throw ExitCode(1)
            }
            return .organisation(id: found.id, name: found.name)
        }
        // TRAJET_TRACE=1: time and peak memory after each phase, for docs/performance.md.
        let started = ContinuousClock.now
        let tracing = ProcessInfo.processInfo.environment["TRAJET_TRACE"] != nil
        func mark(_ label: String) {
            guard tracing else { return }
            var usage = rusage()
            getrusage(RUSAGE_SELF.rawValue, &usage)
            let elapsed = ContinuousClock.now - started
            let ms = Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
            FileHandle.standardError.write(
                Data("trace \(label): \(Int(ms)) ms, peak \(usage.ru_maxrss / 1024) MB\n".utf8))
        }
        let query = AnnualReportQuery(
            year: year, scope: scope, scenarios: !noScenarios, generatedAt: generatedAt ?? AnnualReportQuery.today())
        let built = try await store.run {
            try await query.build(
                store: store.store, loadingDatasets: { try prepared.loadDatasets() }, settings: prepared.settings,
                trace: mark)
        }
        let report = built.report
        defer { mark("rendered") }

        if let output {
            var writer: AtomicFileWriter
            do {
                writer = try AtomicFileWriter(destination: URL(fileURLWithPath: output), overwrite: force)
            } catch AtomicFileWriter.Failure.exists(let path) {
                printError(l.w("cli.already-exists-add-force-to-replace", "\(path)"), l)
                throw ExitCode(1)
            } catch {
                printError(Self.message(error, l), l)
                throw ExitCode(2)
            }
            do {
                try await store.run { try await query.render(built, as: chosenFormat, language: language, store: store.store, into: &writer) }
                try writer.commit()
            } catch {
                writer.discard()
                if error is ExitCode { throw error }
                printError(Self.message(error, l), l)
                throw ExitCode(2)
            }
            let count = report.trips.count
            FileHandle.standardError.write(
                Data(
                    (l.w("cli.report-written-counted", "\(year)", "\(output)", "\(count)", "\(count == 1 ? "voyage compté" : "voyages comptés")", "\(count == 1 ? "trip" : "trips")") + "\n").utf8))
        } else {
            var writer = StandardOutputWriter()
            try await store.run { try await query.render(built, as: chosenFormat, language: language, store: store.store, into: &writer) }
            writer.flush()
        }
    }

    /// Why --format and --output do not go together.
    enum FormatProblem: Error, Equatable {
        /// `.pdf`: Trajet writes no PDF; the HTML prints to one.
        case pdf(path: String)
        case mismatch(path: String, format: ReportFormat, fromExtension: ReportFormat)
        case unknownExtension(path: String)

        func message(_ l: Localizer) -> String {
            switch self {
            case .pdf(let path):
                let html = String(path.dropLast(4)) + ".html"
                return l.w("cli.output-trajet-does-not-write-pdf", "\(path)", "\(html)")
            case .mismatch(let path, let format, let fromExtension):
                return l.w("cli.output-is-a-file-but-format", "\(path)", "\(fromExtension.rawValue)", "\(format.rawValue)")
            case .unknownExtension(let path):
                return l.w("cli.output-unknown-extension-use-html-md", "\(path)")
            }
        }
    }

    /// The format to write: --format, else --output's extension, else Markdown. A file whose extension names
    /// another format (or PDF, which Trajet does not write) is refused: a .pdf holding Markdown helps nobody.
    static func resolvedFormat(_ format: ReportFormat?, output: String?) -> Result<ReportFormat, FormatProblem> {
        guard let output else { return .success(format ?? .md) }
        let pathExtension = URL(fileURLWithPath: output).pathExtension.lowercased()
        if pathExtension == "pdf" { return .failure(.pdf(path: output)) }
        let fromExtension = ReportFormat.inferred(fromExtension: pathExtension)
        switch (format, fromExtension) {
        case (let given?, let implied?) where given != implied:
            return .failure(.mismatch(path: output, format: given, fromExtension: implied))
        case (let given?, _): return .success(given)
        case (nil, let implied?): return .success(implied)
        case (nil, nil): return .failure(.unknownExtension(path: output))
        }
    }

    /// Write failures in the user's language (the path and the system's reason stay as they are).
    static func message(_ error: any Error, _ l: Localizer) -> String {
        if case AtomicFileWriter.Failure.cannotCreate(let path, let reason) = error {
            return l.w("cli.cannot-write", "\(path)", "\(reason)")
        }
        return String(describing: error)
    }
}
