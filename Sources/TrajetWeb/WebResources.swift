import Foundation
import Mustache
import TrajetCore
import TrajetQueries

/// The page's files, bundled with the target: Mustache templates, words per language, the stylesheet and the script.
enum WebResources {
    struct Missing: Error, CustomStringConvertible {
        var file: String
        var description: String { "web page resource missing: \(file) (is the trajet_TrajetWeb bundle beside the binary?)" }
    }

    static func directory(_ name: String) throws -> URL {
        guard let url = Bundle.module.resourceURL?.appendingPathComponent(name),
            FileManager.default.fileExists(atPath: url.path)
        else { throw Missing(file: name) }
        return url
    }

    /// Every `.mustache` file of Templates/, by name without the extension (read once, at start).
    static func templates() throws -> MustacheLibrary {
        let folder = try directory("Templates")
        var library = MustacheLibrary()
        for file in try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() where file.hasSuffix(".mustache") {
            let text = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
            try library.register(text, named: String(file.dropLast(".mustache".count)))
        }
        return library
    }

    static func statics() throws -> [String: (type: String, body: [UInt8])] {
        let folder = try directory("Static")
        var files: [String: (type: String, body: [UInt8])] = [:]
        for file in try FileManager.default.contentsOfDirectory(atPath: folder.path) {
            let type: String
            switch (file as NSString).pathExtension {
            case "css": type = "text/css; charset=utf-8"
            case "js": type = "text/javascript; charset=utf-8"
            case "svg": type = "image/svg+xml"
            default: continue
            }
            files[file] = (type, Array(try Data(contentsOf: folder.appendingPathComponent(file))))
        }
        return files
    }
}

/// The page's words, one file per language (`Words/fr.txt`, `Words/en.txt`: `key = text` lines, `key = "text"` to
/// keep spaces at the ends), so a reviewer reads
/// all the French of the page in one place; a test fails when a key is missing in either.
struct WebWords: Sendable {
    var french: [String: String]
    var english: [String: String]

    func table(_ language: Language) -> [String: String] { language == .fr ? french : english }

    static func load() throws -> WebWords {
        let folder = try WebResources.directory("Words")
        return WebWords(
            french: try parse(String(contentsOf: folder.appendingPathComponent("fr.txt"), encoding: .utf8)),
            english: try parse(String(contentsOf: folder.appendingPathComponent("en.txt"), encoding: .utf8)))
    }

    struct BadLine: Error, CustomStringConvertible {
        var line: Int
        var text: String
        var description: String { "web words, line \(line): expected 'key = text', got '\(text.prefix(60))'" }
    }

    static func parse(_ text: String) throws -> [String: String] {
        var table: [String: String] = [:]
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") { continue }
            guard let equals = line.firstIndex(of: "=") else { throw BadLine(line: index + 1, text: line) }
            let key = line[..<equals].trimmingCharacters(in: .whitespaces)
            var value = line[line.index(after: equals)...].trimmingCharacters(in: .whitespaces)
            // "…": the text between the quotes, spaces kept (the French " : ").
            if value.count >= 2, value.hasPrefix("\""), value.hasSuffix("\"") { value = String(value.dropFirst().dropLast()) }
            guard !key.isEmpty else { throw BadLine(line: index + 1, text: line) }
            table[key] = value
        }
        return table
    }
}
