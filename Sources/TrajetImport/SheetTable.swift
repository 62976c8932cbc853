import CSV
import Foundation

/// One sheet of a workbook (or one CSV file) as text cells, with the row numbers a person sees in Excel.
public struct SheetTable: Sendable {
    /// Display name of the file the sheet comes from (for messages and provenance).
    public var file: String
    /// Sheet name; the file name for a CSV file.
    public var name: String
    public var rows: [SheetRow]

    public init(file: String, name: String, rows: [SheetRow]) {
        self.file = file
        self.name = name
        self.rows = rows
    }
}

public struct SheetRow: Sendable, Equatable {
    /// 1-based row number in the sheet (Excel's row number), or the record number in a CSV file.
    public var number: Int
    /// Cell texts by column (A = 0); missing cells are empty strings.
    public var cells: [String]

    public init(number: Int, cells: [String]) {
        self.number = number
        self.cells = cells
    }

    public subscript(column: Int) -> String { column < cells.count ? cells[column] : "" }
}

/// Reads a CSV export (UTF-8, or Windows-1252 as Excel writes it) into a `SheetTable`.
enum CSVSheetReader {
    static func read(_ data: Data, file: String) throws(ImportError) -> SheetTable {
        var text: String
        if let utf8 = String(data: data, encoding: .utf8) {
            text = utf8
        } else if let latin = String(data: data, encoding: .windowsCP1252) {
            text = latin
        } else {
            throw .unknownFormat(file: file)
        }
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        if text.contains("\r\n") { text = text.replacingOccurrences(of: "\r\n", with: "\n") }
        var rows: [SheetRow] = []
        do {
            let reader = try CSVReader(string: text, hasHeaderRow: false)
            var number = 0
            while let record = reader.next() {
                number += 1
                rows.append(SheetRow(number: number, cells: record))
            }
            if reader.error != nil { throw ImportError.unknownFormat(file: file) }
        } catch {
            throw .unknownFormat(file: file)
        }
        return SheetTable(file: file, name: file, rows: rows)
    }
}
