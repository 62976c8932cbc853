import Foundation
import CSV

/// A parsed CSV file with line numbers kept for every row, so errors can name file, line and column.
struct CSVTable {
    let file: String
    let header: [String]
    let rows: [CSVRow]

    /// Parses `text`; checks that the header has every required column and every row has the header's width.
    init(text: String, file: String, requiredColumns: [String]) throws(DatasetIssue) {
        self.file = file
        var text = text
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        // Cheap checks on bytes: this runs on every CLI call.
        if text.utf8.contains(13) { text = text.replacingOccurrences(of: "\r\n", with: "\n") }
        guard text.utf8.contains(where: { $0 != 32 && $0 != 10 && $0 != 9 }) else {
            throw DatasetIssue(file: file, message: "the file is empty; expected a header row and data rows")
        }
        var records: [[String]] = []
        do {
            let reader = try CSVReader(string: text, hasHeaderRow: false)
            while let record = reader.next() { records.append(record) }
            if let error = reader.error { throw error }
        } catch {
            throw DatasetIssue(file: file, message: "not valid CSV (\(error))")
        }
        guard let header = records.first else {
            throw DatasetIssue(file: file, message: "the file is empty; expected a header row and data rows")
        }
        let parsed = records.dropFirst()
        let trimmedHeader = header.map { $0.trimmingCharacters(in: .whitespaces) }
        var seen = Set<String>()
        for name in trimmedHeader {
            if !seen.insert(name).inserted {
                throw DatasetIssue(file: file, line: 1, column: name, message: "column appears twice in the header")
            }
        }
        let missing = requiredColumns.filter { !seen.contains($0) }
        guard missing.isEmpty else {
            throw DatasetIssue(
                file: file, line: 1,
                message: "missing column(s) \(missing.joined(separator: ", ")); expected header: "
                    + requiredColumns.joined(separator: ","))
        }
        self.header = trimmedHeader

        // The reader reports no line numbers. Dataset fields never hold line breaks, so one inside a field means a
        // quote was left open, and every row is exactly one line.
        var rows: [CSVRow] = []
        let columnIndex = Dictionary(uniqueKeysWithValues: trimmedHeader.enumerated().map { ($1, $0) })
        if header.contains(where: { $0.utf8.contains(10) }) {
            throw DatasetIssue(file: file, line: 1, message: "a quote is not closed; fields cannot span lines")
        }
        var line = 2
        for fields in parsed {
            if fields.contains(where: { $0.utf8.contains(10) }) {
                throw DatasetIssue(
                    file: file, line: line, message: "a quote opened on this line is not closed; fields cannot span lines")
            }
            if fields.count == 1, fields[0].trimmingCharacters(in: .whitespaces).isEmpty {
                line += 1
                continue
            }
            guard fields.count == trimmedHeader.count else {
                throw DatasetIssue(
                    file: file, line: line,
                    message: "\(fields.count) field(s) but the header has \(trimmedHeader.count); "
                        + "quote fields that contain commas")
            }
            rows.append(CSVRow(file: file, line: line, fields: fields, columnIndex: columnIndex))
            line += 1
        }
        self.rows = rows
    }
}

/// One data row; accessors throw a `DatasetIssue` naming the line and column.
struct CSVRow {
    let file: String
    let line: Int
    let fields: [String]
    let columnIndex: [String: Int]

    func issue(_ column: String?, _ message: String) -> DatasetIssue {
        DatasetIssue(file: file, line: line, column: column, message: message)
    }

    /// The trimmed field; empty when the column is absent.
    func text(_ column: String) -> String {
        guard let index = columnIndex[column] else { return "" }
        return trimmedASCII(fields[index])
    }

    func optionalText(_ column: String) -> String? {
        let value = text(column)
        return value.isEmpty ? nil : value
    }

    func required(_ column: String, expected: String) throws(DatasetIssue) -> String {
        let value = text(column)
        guard !value.isEmpty else { throw issue(column, "empty; expected \(expected)") }
        return value
    }

    func double(_ column: String, in range: ClosedRange<Double>, expected: String) throws(DatasetIssue) -> Double? {
        guard let raw = optionalText(column) else { return nil }
        guard let value = Double(raw), value.isFinite else {
            throw issue(column, "'\(raw)' is not a number; expected \(expected)")
        }
        guard range.contains(value) else { throw issue(column, "\(raw) is out of range; expected \(expected)") }
        return value
    }

    func requiredDouble(_ column: String, in range: ClosedRange<Double>, expected: String) throws(DatasetIssue)
        -> Double
    {
        guard let value = try double(column, in: range, expected: expected) else {
            throw issue(column, "empty; expected \(expected)")
        }
        return value
    }

    func int(_ column: String, in range: ClosedRange<Int>, expected: String) throws(DatasetIssue) -> Int? {
        guard let raw = optionalText(column) else { return nil }
        guard let value = Int(raw) else { throw issue(column, "'\(raw)' is not a whole number; expected \(expected)") }
        guard range.contains(value) else { throw issue(column, "\(raw) is out of range; expected \(expected)") }
        return value
    }

    func bool(_ column: String) throws(DatasetIssue) -> Bool {
        switch text(column).lowercased() {
        case "yes": return true
        case "no", "": return false
        case let other: throw issue(column, "'\(other)' is not a yes/no value; expected yes or no")
        }
    }

    /// Euro amount → cents, exactly (`12.35` is 1235): digits, an optional point and at most two decimals.
    func euroCents(_ column: String) throws(DatasetIssue) -> Int? {
        guard let raw = optionalText(column) else { return nil }
        let parts = raw.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count <= 2, let whole = parts.first, !whole.isEmpty, whole.count <= 6,
            whole.allSatisfy({ $0.isASCII && $0.isNumber }), let euros = Int(whole)
        else { throw issue(column, "'\(raw)' is not an amount in EUR; expected a number like 12.50, ≥ 0") }
        var cents = 0
        if parts.count == 2 {
            let fraction = parts[1]
            guard (1...2).contains(fraction.count), fraction.allSatisfy({ $0.isASCII && $0.isNumber }),
                let value = Int(fraction)
            else { throw issue(column, "'\(raw)' is not an amount in EUR; expected at most two decimals, like 12.50") }
            cents = fraction.count == 1 ? value * 10 : value
        }
        return euros * 100 + cents
    }

    func list(_ column: String) -> [String] {
        text(column).split(separator: ";").map { trimmedASCII(String($0)) }.filter { !$0.isEmpty }
    }

    func source() throws(DatasetIssue) -> String {
        try required("source", expected: "where the values come from (every row needs a source)")
    }
}

/// Trims spaces and tabs. Foundation's `trimmingCharacters` is slow on Linux, and this runs for every field.
func trimmedASCII(_ text: String) -> String {
    let bytes = text.utf8
    guard let first = bytes.first, let last = bytes.last, first == 32 || first == 9 || last == 32 || last == 9 else {
        return text
    }
    var start = bytes.startIndex
    var end = bytes.endIndex
    while start < end, bytes[start] == 32 || bytes[start] == 9 { start = bytes.index(after: start) }
    while end > start, bytes[bytes.index(before: end)] == 32 || bytes[bytes.index(before: end)] == 9 {
        end = bytes.index(before: end)
    }
    return String(text[start..<end])
}
