import ArgumentParser
import Foundation
import TrajetCore
import TrajetQueries
import TrajetDatasets
import TrajetImport

extension FactorsCommand {
    /// `trajet factors import <publisher>`: a publisher's new file becomes a selectable factor set.
    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "import",
            abstract: "Import a publisher's official file as a factor set / Importer un fichier officiel.",
            discussion: """
                Only DESNZ is supported; the ADEME figures of ademe-* sets come from impactco2, which publishes no \
                importable file (docs/datasets.md).
                """,
            subcommands: [DESNZ.self])
    }
}

extension FactorsCommand.Import {
    struct DESNZ: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "desnz",
            abstract: "Import the DESNZ conversion-factors flat file (.xlsx or .csv) as desnz-<year>.",
            discussion: """
                Reads the official "flat file" workbook (sheet 'Factors by Category') or its CSV form, picks the \
                business-travel air, land and sea rows and their WTT rows, maps them as desnz-2025 was mapped \
                (docs/datasets.md), checks the result with the loader, and writes the set atomically. Nothing is \
                written when the file is refused.
                """)

        @OptionGroup var global: GlobalOptions
        @Option(help: "The flat file on disk (.xlsx or .csv).") var file: String?
        @Option(help: "Download the flat file from this http(s) URL.") var url: String?
        @Option(help: "Year of the factors; must match the file's 'GHG Conversion Factor YYYY' column.") var year: Int
        @Option(help: "Expected SHA-256 of the file (64 hex digits); refused if different.") var sha256: String?
        @Option(help: "Folder that receives <id>/ (default: the datasets' factors/ folder).") var output: String?
        @Option(help: "Sheet of the workbook (default: 'Factors by Category').") var sheet: String?
        @Option(help: "Factor set id (default: desnz-<year>).") var id: String?
        @Flag(help: "Replace an existing factor set with the same id.") var force = false
        @Option(help: "Seconds to wait for the server before giving up (--url).") var timeout: Double = 60
        @Option(name: .customLong("max-bytes"), help: "Largest download accepted, in bytes (--url).")
        var maxBytes: Int = 50_000_000

        func validate() throws {
            let l = global.optionWords
            guard (file == nil) != (url == nil) else { throw ValidationError(l.w("cli.option-file-or-url")) }
            try OptionCheck.within(1990...2100, year, "--year", l)
            guard timeout > 0 else { throw ValidationError(l.w("cli.option-seconds-above-0", "--timeout")) }
            guard maxBytes > 0 else { throw ValidationError(l.w("cli.option-bytes-above-0", "--max-bytes")) }
            if let id {
                guard !id.isEmpty, !id.hasPrefix("."), id.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" })
                else { throw ValidationError(l.w("cli.option-factor-set-id", "--id", id)) }
            }
        }

        func run() async throws {
            let context = try await CommandContext.load(global)
            let l = context.localizer
            let french = l.language == .fr
            do {
                let (data, location) = try await fetch(l)
                let importer = DESNZImporter(year: year, id: id, sheet: sheet, expectedSHA256: sha256)
                let outputDirectory = output.map { URL(fileURLWithPath: ($0 as NSString).expandingTildeInPath) }
                    ?? context.datasets.directory.appendingPathComponent("factors")
                let (draft, folder) = try importer.run(
                    data: data, location: location, outputDirectory: outputDirectory, force: force,
                    network: context.datasets.network)
                let meta = Dictionary(draft.metadata.map { ($0.key, $0.value) }, uniquingKeysWith: { a, _ in a })
                print(
                    l.w("cli.imported") + "\(draft.id): \(draft.rows.count) " + l.w("cli.rows-from")
                        + (meta["source_file"] ?? location) + " (SHA-256 " + (meta["source_sha256"] ?? "") + ")\n  → "
                        + folder.path)
                print(
                    l.w("cli.check-it") + "trajet factors show \(draft.id)" + "\n"
                        + l.w("cli.compare") + "trajet factors diff desnz-\(year - 1) \(draft.id)" + "\n"
                        + l.w("cli.make-it-the-default-emissions-factorset", "\(draft.id)"))
            } catch {
                printError(error.message(french: french), l)
                throw ExitCode(1)
            }
        }

        /// The file's bytes and where they came from.
        private func fetch(_ l: Localizer) async throws(ImportError) -> (Data, String) {
            if let file {
                let path = (file as NSString).expandingTildeInPath
                guard FileManager.default.fileExists(atPath: path) else {
                    throw .unreadableFile(path: path, detail: l.w("cli.no-such-file"))
                }
                guard let contents = FileManager.default.contents(atPath: path) else {
                    throw .unreadableFile(path: path, detail: l.w("cli.not-readable"))
                }
                return (contents, path)
            }
            let text = url ?? ""
            guard let address = URL(string: text) else { throw .invalidURL(text) }
            let bar = ProgressBar.forStandardError()
            defer { bar?.finish() }
            var options = Downloader.Options(
                requestTimeout: timeout, totalTimeout: max(600, timeout * 10), maxBytes: maxBytes)
            if let bar {
                options.progress = { @Sendable received, expected in bar.update(received, expected) }
            }
            let data = try await Downloader.download(address, options: options)
            return (data, text)
        }
    }
}

/// A one-line progress bar on standard error, only when it is a terminal.
final class ProgressBar: @unchecked Sendable {
    private let lock = NSLock()
    private var lastShown = -1
    private var drawn = false

    static func forStandardError() -> ProgressBar? { isatty(STDERR_FILENO) != 0 ? ProgressBar() : nil }

    func update(_ received: Int, _ expected: Int?) {
        lock.withLock {
            let megabytes = String(format: "%.1f MB", Double(received) / 1_000_000)
            let line: String
            if let expected, expected > 0 {
                let percent = min(100, received * 100 / expected)
                guard percent != lastShown else { return }
                lastShown = percent
                let filled = percent * 30 / 100
                line = "[" + String(repeating: "#", count: filled) + String(repeating: " ", count: 30 - filled) + "] "
                    + "\(percent)% " + megabytes
            } else {
                let tenths = received / 100_000
                guard tenths != lastShown else { return }
                lastShown = tenths
                line = megabytes
            }
            drawn = true
            FileHandle.standardError.write(Data(("\r" + line).utf8))
        }
    }

    func finish() {
        lock.withLock { if drawn { FileHandle.standardError.write(Data("\n".utf8)) } }
    }
}
