import Foundation
import TrajetCore
import TrajetDatasets

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// Why an import was refused. Each message names the file (or URL), the sheet, row and column where it can, and what
/// was expected. Nothing is written when one of these is thrown.
public enum ImportError: Error, Sendable, Equatable, CustomStringConvertible {
    // Reading the file
    case unreadableFile(path: String, detail: String)
    /// Neither a ZIP (.xlsx) nor a CSV file with the expected header.
    case unknownFormat(file: String)
    /// The bytes are not a ZIP archive: a truncated download or another kind of file.
    case notAZip(file: String)
    /// A ZIP archive without the parts of an Excel workbook.
    case notAWorkbook(file: String, missingPart: String)
    case malformedXML(file: String, part: String, line: Int, detail: String)
    case missingSheet(file: String, sheet: String, available: [String])
    case headerNotFound(file: String, sheet: String, expected: [String])
    case missingColumns(file: String, sheet: String, row: Int, missing: [String])
    case yearMismatch(file: String, sheet: String, row: Int, found: Int, expected: Int)
    case missingRow(file: String, sheet: String, row: String)
    case duplicateRow(file: String, sheet: String, row: String, rows: [Int])
    case unexpectedUnit(file: String, sheet: String, row: String, rows: [Int], found: [String], expected: String)
    case badValue(file: String, sheet: String, row: Int, column: String, value: String, expected: String)
    // Downloading
    case invalidURL(String)
    case httpStatus(url: String, status: Int)
    case timeout(url: String, seconds: Double)
    case tooLarge(url: String, limitBytes: Int)
    case truncated(url: String, receivedBytes: Int, expectedBytes: Int)
    case network(url: String, detail: String)
    case invalidChecksum(String)
    case checksumMismatch(file: String, expected: String, actual: String)
    // Writing
    case outputExists(path: String)
    case writeFailed(path: String, detail: String)
    /// The imported set does not pass the loader's checks (a mapping problem or an odd value in the file).
    case invalidResult(DatasetLoadError)

    public static func == (lhs: ImportError, rhs: ImportError) -> Bool { lhs.description == rhs.description }

    public var description: String { message(french: false) }

    /// The message in French or English.
    public func message(french: Bool) -> String {
        func w(_ key: String, _ values: String...) -> String { (french ? Language.fr : .en).words(key, values) }
        func list(_ items: [String]) -> String { items.map { "« \($0) »" }.joined(separator: ", ") }
        func listEN(_ items: [String]) -> String { items.map { "'\($0)'" }.joined(separator: ", ") }
        switch self {
        case .unreadableFile(let path, let detail):
            return w("import.cannot-read", "\(path)", "\(detail)")
        case .unknownFormat(let file):
            return w("import.is-neither-an-xlsx-workbook-zip", "\(file)")
        case .notAZip(let file):
            return w("import.is-not-a-zip-archive-truncated", "\(file)")
        case .notAWorkbook(let file, let part):
            return w("import.is-a-zip-but-not-an", "\(file)", "\(part)")
        case .malformedXML(let file, let part, let line, let detail):
            return w("import.malformed-xml-in-line-expected-well", "\(file)", "\(part)", "\(line)", "\(detail)")
        case .missingSheet(let file, let sheet, let available):
            return w("import.has-no-sheet-sheets-give-sheet", "\(file)", "\(sheet)", "\(list(available))", "\(listEN(available))")
        case .headerNotFound(let file, let sheet, let expected):
            return w("import.sheet-no-header-row-found-expected", "\(file)", "\(sheet)", "\(list(expected))", "\(listEN(expected))")
        case .missingColumns(let file, let sheet, let row, let missing):
            return w("import.sheet-header-row-missing-column-s", "\(file)", "\(sheet)", "\(row)", "\(list(missing))", "\(listEN(missing))")
        case .yearMismatch(let file, let sheet, let row, let found, let expected):
            return w("import.sheet-row-the-factors-are-for", "\(file)", "\(sheet)", "\(row)", "\(found)", "\(expected)")
        case .missingRow(let file, let sheet, let row):
            return w("import.sheet-row-not-found", "\(file)", "\(sheet)", "\(row)")
        case .duplicateRow(let file, let sheet, let row, let rows):
            return w("import.sheet-row-appears-more-than-once", "\(file)", "\(sheet)", "\(row)", "\(rows.map(String.init).joined(separator: ", "))")
        case .unexpectedUnit(let file, let sheet, let row, let rows, let found, let expected):
            return w("import.sheet-row-s-unexpected-unit-for", "\(file)", "\(sheet)", "\(rows.map(String.init).joined(separator: ", "))", "\(list(found))", "\(row)", "\(expected)", "\(listEN(found))")
        case .badValue(let file, let sheet, let row, let column, let value, let expected):
            return w("import.sheet-row-column-expected", "\(file)", "\(sheet)", "\(row)", "\(column)", "\(value)", "\(expected)")
        case .invalidURL(let url):
            return w("import.invalid-url-expected-http-or-https", "\(url)")
        case .httpStatus(let url, let status):
            let reason = HTTPURLResponse.localizedString(forStatusCode: status)
            return w("import.the-server-answered-http-for-expected", "\(status)", "\(reason)", "\(url)")
        case .timeout(let url, let seconds):
            return w("import.timed-out-after-s-downloading-retry", "\(Int(seconds))", "\(url)")
        case .tooLarge(let url, let limit):
            return w("import.is-larger-than-the-limit-of", "\(url)", "\(limit)")
        case .truncated(let url, let received, let expected):
            return w("import.truncated-download-of-received-of-announced", "\(url)", "\(received)", "\(expected)")
        case .network(let url, let detail):
            return w("import.download-of-failed", "\(url)", "\(detail)")
        case .invalidChecksum(let text):
            return w("import.sha256-is-not-a-sha-256", "\(text)")
        case .checksumMismatch(let file, let expected, let actual):
            return w("import.sha-256-is-but-sha256-expected", "\(file)", "\(actual)", "\(expected)")
        case .outputExists(let path):
            return w("import.already-exists-give-force-to-replace", "\(path)")
        case .writeFailed(let path, let detail):
            return w("import.cannot-write", "\(path)", "\(detail)")
        case .invalidResult(let error):
            return w("import.the-imported-set-fails-the-loader") + error.description
        }
    }
}
