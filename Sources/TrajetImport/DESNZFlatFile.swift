import Foundation

/// A factor set ready to be written: `set.csv` entries and `factors.csv` rows, as text.
public struct FactorSetDraft: Sendable, Equatable {
    public struct Entry: Sendable, Equatable {
        public var key: String
        public var value: String
        public var source: String
    }
    public var id: String
    public var metadata: [Entry]
    /// One array per row, in `FactorSetDraft.factorColumns` order.
    public var rows: [[String]]

    public static let factorColumns = [
        "mode", "variant", "region", "min_distance_km", "max_distance_km", "unit", "ttw_kg", "ttw_without_non_co2_kg",
        "wtt_kg", "seats", "allocation", "proxy", "estimate", "factor_ref", "notes", "source",
    ]
}

/// Where the imported file came from, for the provenance written with the set.
public struct ImportProvenance: Sendable {
    /// File name as published (the last path component of the file or URL).
    public var fileName: String
    /// The path or URL it was read from.
    public var location: String
    public var sha256: String
    /// ISO date (YYYY-MM-DD) of the import.
    public var importedOn: String

    public init(fileName: String, location: String, sha256: String, importedOn: String) {
        self.fileName = fileName
        self.location = location
        self.sha256 = sha256
        self.importedOn = importedOn
    }
}

/// The DESNZ "flat file" (`ghg-conversion-factors-YYYY-flat-format.xlsx`, or its CSV form): one sheet, a few title
/// rows, then a header `ID, Scope, Level 1, Level 2, Level 3, Level 4, Column Text, UOM, GHG/Unit,
/// GHG Conversion Factor YYYY` and one row per factor and gas.
public enum DESNZFlatFile {
    /// The sheet that holds the factors in the official workbook.
    public static let defaultSheet = "Factors by Category"
    static let labelColumns = ["Level 1", "Level 2", "Level 3", "Level 4", "Column Text", "UOM", "GHG/Unit"]
    static let optionalColumns = ["ID", "Scope"]
    static let factorColumnPrefix = "GHG Conversion Factor"
    static let totalUnit = "kg CO2e"
    static let co2Unit = "kg CO2e of CO2 per unit"

    /// Reads the sheet from an .xlsx workbook (detected by its ZIP signature or name) or a CSV file.
    public static func readTable(_ data: Data, file: String, sheet: String?) throws(ImportError) -> SheetTable {
        let isZip = data.starts(with: [0x50, 0x4B, 0x03, 0x04]) || data.starts(with: [0x50, 0x4B, 0x05, 0x06])
        let lowerName = file.lowercased()
        if isZip || lowerName.hasSuffix(".xlsx") || lowerName.hasSuffix(".xlsm") {
            let workbook = try XLSXWorkbook(data: data, file: file)
            return try workbook.sheet(named: sheet ?? defaultSheet)
        }
        // Binary garbage is neither a workbook nor a CSV file.
        if data.prefix(4096).contains(0) { throw .unknownFormat(file: file) }
        return try CSVSheetReader.read(data, file: file)
    }

    /// Builds the `desnz-<year>` factor set from the flat file's rows (DESNZMapping says which).
    public static func factorSet(
        from table: SheetTable, year: Int, id: String? = nil, provenance: ImportProvenance
    ) throws(ImportError) -> FactorSetDraft {
        let index = try FlatIndex(table: table, year: year)
        let hash = provenance.sha256
        let fileSource = "DESNZ flat file \(provenance.fileName) (SHA-256 \(hash))"
        var rows: [[String]] = []
        for spec in DESNZMapping.rows {
            var values: [String] = []
            var sourceParts: [String] = []
            if let ttwRef = spec.ttw {
                let ttw = try index.value(ttwRef)
                let without = try spec.ttwWithout.map { (ref) throws(ImportError) in try index.value(ref) } ?? ttw
                values = [format(ttw.value), format(without.value)]
                sourceParts.append("TTW " + index.cite(ttw))
                if spec.ttwWithout != nil { sourceParts.append("without RF " + index.cite(without)) }
                if let wttRef = spec.wtt {
                    let wtt = try index.value(wttRef)
                    values.append(format(wtt.value))
                    sourceParts.append("WTT " + index.cite(wtt))
                } else {
                    values.append("")
                }
            } else {
                values = ["0", "0", "0"]
            }
            let source =
                spec.ttw == nil
                ? "Trajet" : "DESNZ flat file \(fileName(provenance)) sheet '\(table.name)' " + sourceParts.joined(separator: "; ") + "; SHA-256 \(hash)"
            rows.append([
                spec.mode, spec.variant, spec.region, spec.minKm, spec.maxKm, spec.unit, values[0], values[1], values[2],
                spec.seats, spec.allocation, spec.proxy ? "yes" : "no", spec.estimate ? "yes" : "no", spec.factorRef,
                spec.notes, source,
            ])
        }

        var multiplier = "1.7"
        var multiplierSource =
            "Not derivable from this file (no per-gas CO2 rows); DESNZ 2023-2025 value: 'an increase of 70%' on the CO2 factor"
        if let withRF = index.co2Part(DESNZMapping.rfCheck.withRF), let withoutRF = index.co2Part(DESNZMapping.rfCheck.withoutRF),
            withoutRF.value > 0
        {
            multiplier = format((withRF.value / withoutRF.value * 100).rounded() / 100)
            multiplierSource =
                "DERIVED: CO2 part with RF / without RF, International non-UK economy (\(index.cite(withRF)) / \(index.cite(withoutRF))); RF applies to CO2 only"
        }
        let setID = id ?? "desnz-\(year)"
        let meta: [(String, String, String)] = [
            ("id", setID, "trajet factors import desnz"),
            ("name", "UK DESNZ greenhouse gas conversion factors \(year) (business travel)", fileSource),
            ("publisher", "UK Department for Energy Security and Net Zero (DESNZ)", fileSource),
            ("year", String(year), "\(fileName(provenance)) sheet '\(table.name)' header row \(index.headerRow) '\(index.factorColumnName)'"),
            ("version", "\(year) flat file (\(index.factorColumnName) column)", fileSource),
            ("licence", "Open Government Licence v3.0 (attribution required; UNCONFIRMED in the file itself)", "reference/emission-factors.md §1.5"),
            ("flight_distance_basis", "great_circle", "DESNZ FAQ rows A48-A49 (2023/2024 condensed sets); reference/emission-factors.md §1.5"),
            ("flight_distance_multiplier", "1.0", "The 8 % distance uplift is already inside every DESNZ air factor: do not add it again (2024 sheet FAQ A49)"),
            ("non_co2_method", "published_rf_rows", "DESNZ publishes 'with RF' and 'without RF' rows"),
            ("non_co2_multiplier", multiplier, multiplierSource),
            ("wtt_published", "yes", "WTT rows of \(fileName(provenance)) (Level 1 'WTT- ...')"),
            ("wtt_included_in_ttw", "no", "DESNZ Scope 3 rows are tank-to-wheel; WTT rows are separate"),
            ("includes_vehicle_construction", "no", "DESNZ methodology"),
            ("default_cabin_class", "economy", "reference/emission-factors.md 'Recommended default set': class Economy for youth groups"),
            ("notes",
             "Air: 'International, to/from non-UK' for flights that do not touch the UK; short/long-haul 'to/from UK' rows (3 700 km split) only for flights touching the UK. Rail outside the UK uses DESNZ rows as flagged proxies. Imported by trajet factors import from \(fileName(provenance)) (SHA-256 \(hash)) on \(provenance.importedOn).",
             "docs/datasets.md (mapping of DESNZ rows)"),
            ("source_file", fileName(provenance), provenance.location),
            ("source_sha256", hash, "SHA-256 of the file as read"),
            ("imported_on", provenance.importedOn, "trajet factors import desnz"),
        ]
        return FactorSetDraft(
            id: setID, metadata: meta.map { FactorSetDraft.Entry(key: $0.0, value: $0.1, source: $0.2) }, rows: rows)
    }

    private static func fileName(_ provenance: ImportProvenance) -> String { provenance.fileName }

    /// Plain decimal text without floating-point noise or exponents (`0.10916`, `0.000005`, `0`).
    static func format(_ value: Double) -> String {
        var text = String(format: "%.10f", value)
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text == "-0" ? "0" : text
    }
}

/// The flat file's rows, indexed by their labels.
struct FlatIndex {
    struct Found {
        var value: Double
        var row: Int
        var id: String
    }

    let table: SheetTable
    let headerRow: Int
    let factorColumnName: String
    private let columns: [String: Int]
    private let valueColumn: Int
    private var byKey: [String: [SheetRow]] = [:]
    private var byLabels: [String: [SheetRow]] = [:]

    init(table: SheetTable, year: Int) throws(ImportError) {
        self.table = table
        let wanted = DESNZFlatFile.labelColumns + DESNZFlatFile.optionalColumns
        let wantedKeys = Set(wanted.map(Self.headerKey))
        let prefixKey = Self.headerKey(DESNZFlatFile.factorColumnPrefix)
        // The header is the row (among the first 200) that has the most of the expected column names.
        var best: (row: SheetRow, score: Int)?
        for row in table.rows.prefix(200) {
            let keys = row.cells.map(Self.headerKey)
            let score = keys.filter { wantedKeys.contains($0) || $0.hasPrefix(prefixKey) }.count
            if score > (best?.score ?? 0) { best = (row, score) }
        }
        let expected = DESNZFlatFile.optionalColumns + DESNZFlatFile.labelColumns + ["\(DESNZFlatFile.factorColumnPrefix) \(year)"]
        guard let header = best, header.score >= 4 else {
            throw .headerNotFound(file: table.file, sheet: table.name, expected: expected)
        }
        var columns: [String: Int] = [:]
        for (index, cell) in header.row.cells.enumerated() where columns[Self.headerKey(cell)] == nil {
            columns[Self.headerKey(cell)] = index
        }
        var missing = DESNZFlatFile.labelColumns.filter { columns[Self.headerKey($0)] == nil }
        let factorColumn = header.row.cells.enumerated().first { Self.headerKey($0.element).hasPrefix(prefixKey) }
        if factorColumn == nil { missing.append("\(DESNZFlatFile.factorColumnPrefix) \(year)") }
        guard missing.isEmpty, let factorColumn else {
            throw .missingColumns(file: table.file, sheet: table.name, row: header.row.number, missing: missing)
        }
        let yearText = Self.headerKey(factorColumn.element).dropFirst(prefixKey.count)
        guard let foundYear = Int(yearText) else {
            throw .badValue(
                file: table.file, sheet: table.name, row: header.row.number, column: factorColumn.element,
                value: factorColumn.element, expected: "'\(DESNZFlatFile.factorColumnPrefix) \(year)'")
        }
        guard foundYear == year else {
            throw .yearMismatch(file: table.file, sheet: table.name, row: header.row.number, found: foundYear, expected: year)
        }
        self.columns = columns
        headerRow = header.row.number
        factorColumnName = factorColumn.element.trimmingCharacters(in: .whitespaces)
        valueColumn = factorColumn.offset
        for row in table.rows where row.number > header.row.number {
            byKey[key(row), default: []].append(row)
            byLabels[labelKey(row), default: []].append(row)
        }
    }

    /// The total (kg CO2e) value of a row; refuses a missing row, a duplicate, another unit or a non-number.
    func value(_ ref: DESNZMapping.Ref) throws(ImportError) -> Found {
        let rows = byKey[Self.key(ref, ghgUnit: DESNZFlatFile.totalUnit)] ?? []
        guard let row = rows.first else {
            let sameLabels = byLabels[Self.labelKey(ref)] ?? []
            if !sameLabels.isEmpty {
                let found = Array(Set(sameLabels.map { "\(cell($0, "UOM")) / \(cell($0, "GHG/Unit"))" })).sorted()
                throw .unexpectedUnit(
                    file: table.file, sheet: table.name, row: ref.label, rows: sameLabels.map(\.number), found: found,
                    expected: "\(ref.uom) / \(DESNZFlatFile.totalUnit)")
            }
            throw .missingRow(file: table.file, sheet: table.name, row: ref.label)
        }
        guard rows.count == 1 else {
            throw .duplicateRow(file: table.file, sheet: table.name, row: ref.label, rows: rows.map(\.number))
        }
        return try number(row)
    }

    /// The CO2-only part of a row, when the file has the per-gas rows.
    func co2Part(_ ref: DESNZMapping.Ref) -> Found? {
        guard let rows = byKey[Self.key(ref, ghgUnit: DESNZFlatFile.co2Unit)], rows.count == 1 else { return nil }
        return try? number(rows[0])
    }

    func cite(_ found: Found) -> String { found.id.isEmpty ? "row \(found.row)" : "row \(found.row) (ID \(found.id))" }

    private func number(_ row: SheetRow) throws(ImportError) -> Found {
        let raw = row[valueColumn].trimmingCharacters(in: .whitespaces)
        let expected = "a number of kg CO2e per unit, 0 to 10"
        guard !raw.isEmpty else {
            throw .badValue(file: table.file, sheet: table.name, row: row.number, column: factorColumnName, value: raw, expected: expected)
        }
        guard let value = Double(raw), value.isFinite, (0...10).contains(value) else {
            throw .badValue(file: table.file, sheet: table.name, row: row.number, column: factorColumnName, value: raw, expected: expected)
        }
        // Excel stores binary doubles (0.10915999999999999): keep the digits DESNZ published.
        let cleaned = Double(String(format: "%.12g", value)) ?? value
        return Found(value: cleaned, row: row.number, id: cell(row, "ID"))
    }

    private func cell(_ row: SheetRow, _ column: String) -> String {
        guard let index = columns[Self.headerKey(column)] else { return "" }
        return row[index].trimmingCharacters(in: .whitespaces)
    }

    private func labels(_ row: SheetRow) -> [String] {
        ["Level 1", "Level 2", "Level 3", "Level 4", "Column Text"].map { cell(row, $0) }
    }

    private func key(_ row: SheetRow) -> String {
        (labels(row) + [cell(row, "UOM"), cell(row, "GHG/Unit")]).map(Self.labelText).joined(separator: "|")
    }

    private func labelKey(_ row: SheetRow) -> String { labels(row).map(Self.labelText).joined(separator: "|") }

    private static func refLabels(_ ref: DESNZMapping.Ref) -> [String] {
        [ref.level1, ref.level2, ref.level3, ref.level4, ref.columnText]
    }

    static func key(_ ref: DESNZMapping.Ref, ghgUnit: String) -> String {
        (refLabels(ref) + [ref.uom, ghgUnit]).map(labelText).joined(separator: "|")
    }

    static func labelKey(_ ref: DESNZMapping.Ref) -> String { refLabels(ref).map(labelText).joined(separator: "|") }

    /// Header names compare without case or spaces (`GHG / Unit` = `GHG/Unit`).
    static func headerKey(_ text: String) -> String {
        String(text.lowercased().unicodeScalars.filter { !CharacterSet.whitespacesAndNewlines.contains($0) }.map(Character.init))
    }

    /// Labels compare without case, with runs of spaces as one and en dashes as hyphens.
    static func labelText(_ text: String) -> String {
        text.lowercased().replacingOccurrences(of: "\u{2013}", with: "-")
            .split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }
}
