import Foundation
import TrajetCore
import TrajetDatasets

/// Writes a factor set so that it appears whole or not at all.
///
/// The files go to a hidden temporary folder next to the destination (`.trajet-import-…`, which the loader skips),
/// are loaded back with the loader's own checks (and, given a network, its coverage check), then the folder is
/// renamed into place. A failed check leaves nothing behind.
public enum FactorSetInstaller {
    /// Installs `draft` as `outputDirectory/<id>/` and returns that folder.
    @discardableResult
    public static func install(_ draft: FactorSetDraft, into outputDirectory: URL, force: Bool, network: Network?)
        throws(ImportError) -> URL
    {
        let fileManager = FileManager.default
        let destination = outputDirectory.appendingPathComponent(draft.id, isDirectory: true)
        if fileManager.fileExists(atPath: destination.path), !force { throw .outputExists(path: destination.path) }
        do {
            try fileManager.createDirectory(at: outputDirectory, withIntermediateDirectories: true)
        } catch {
            throw .writeFailed(path: outputDirectory.path, detail: error.localizedDescription)
        }
        // tmp/factors/<id>/ so the loader reads it exactly as it reads a datasets directory.
        let temporary = outputDirectory.appendingPathComponent(".trajet-import-\(draft.id)-\(UUID().uuidString)")
        let staged = temporary.appendingPathComponent("factors").appendingPathComponent(draft.id)
        defer { try? fileManager.removeItem(at: temporary) }
        do {
            try fileManager.createDirectory(at: staged, withIntermediateDirectories: true)
            try Data(setCSV(draft).utf8).write(to: staged.appendingPathComponent("set.csv"), options: .atomic)
            try Data(factorsCSV(draft).utf8).write(to: staged.appendingPathComponent("factors.csv"), options: .atomic)
        } catch {
            throw .writeFailed(path: staged.path, detail: error.localizedDescription)
        }
        do {
            _ = try FactorSetCheck.load(id: draft.id, datasetsDirectory: temporary, network: network)
        } catch {
            throw .invalidResult(error)
        }
        let previous = temporary.appendingPathComponent("previous")
        var movedAside = false
        do {
            if fileManager.fileExists(atPath: destination.path) {
                // --force: the old set moves aside (into the temporary folder, removed below) before the new one
                // takes its name; both moves are renames within one directory.
                try fileManager.moveItem(at: destination, to: previous)
                movedAside = true
            }
            try fileManager.moveItem(at: staged, to: destination)
        } catch {
            if movedAside { try? fileManager.moveItem(at: previous, to: destination) }
            throw .writeFailed(path: destination.path, detail: error.localizedDescription)
        }
        return destination
    }

    static func setCSV(_ draft: FactorSetDraft) -> String {
        var lines = ["key,value,source"]
        for entry in draft.metadata { lines.append([entry.key, entry.value, entry.source].map(csvField).joined(separator: ",")) }
        return lines.joined(separator: "\n") + "\n"
    }

    static func factorsCSV(_ draft: FactorSetDraft) -> String {
        var lines = [FactorSetDraft.factorColumns.joined(separator: ",")]
        for row in draft.rows { lines.append(row.map(csvField).joined(separator: ",")) }
        return lines.joined(separator: "\n") + "\n"
    }

    /// RFC 4180 quoting: a field with a comma, quote or line break is quoted, quotes doubled.
    static func csvField(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
