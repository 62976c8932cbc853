import Foundation
import Testing
import ZIPFoundation

/// A small DESNZ flat file built in the test: the official 2025 rows Trajet maps (values and factor IDs as in the
/// 2025 flat file, reference/emission-factors.md §1), a few rows it must ignore, title rows above the header.
enum FlatFileFixture {
    static let header = [
        "ID", "Scope", "Level 1", "Level 2", "Level 3", "Level 4", "Column Text", "UOM", "GHG/Unit",
        "GHG Conversion Factor 2025",
    ]

    /// ID, Scope, Level 1-4, Column Text, UOM, GHG/Unit, value.
    static let rows: [[String]] = {
        var rows: [[String]] = []
        let air = "Business travel- air"
        let wttAir = "WTT- business travel- air"
        // (id suffix, haul, class, with RF, without RF, WTT)
        let flights: [(Int, String, String, String, String, String)] = [
            (3160, "Domestic, to/from UK", "Average passenger", "0.22928", "0.13552", "0.0335"),
            (3162, "Short-haul, to/from UK", "Average passenger", "0.12786", "0.07559", "0.02286"),
            (3164, "Short-haul, to/from UK", "Economy class", "0.12576", "0.07435", "0.02249"),
            (3166, "Short-haul, to/from UK", "Business class", "0.18863", "0.11152", "0.03373"),
            (3168, "Long-haul, to/from UK", "Average passenger", "0.15282", "0.09043", "0.03213"),
            (3170, "Long-haul, to/from UK", "Economy class", "0.11704", "0.06926", "0.02461"),
            (3172, "Long-haul, to/from UK", "Premium economy class", "0.18726", "0.11081", "0.03937"),
            (3174, "Long-haul, to/from UK", "Business class", "0.3394", "0.20083", "0.07137"),
            (3176, "Long-haul, to/from UK", "First class", "0.46814", "0.27701", "0.09844"),
            (3178, "International, to/from non-UK", "Average passenger", "0.14253", "0.0842", "0.02162"),
            (3180, "International, to/from non-UK", "Economy class", "0.10916", "0.06449", "0.01656"),
            (3182, "International, to/from non-UK", "Premium economy class", "0.17465", "0.10318", "0.02649"),
            (3184, "International, to/from non-UK", "Business class", "0.31656", "0.18701", "0.04802"),
            (3186, "International, to/from non-UK", "First class", "0.43663", "0.25794", "0.06623"),
        ]
        for (id, haul, cabin, withRF, withoutRF, _) in flights {
            rows.append(["21_316_\(id)_11_1", "Scope 3", air, "Flights", haul, cabin, "With RF", "passenger.km", "kg CO2e", withRF])
            rows.append(["21_316_\(id + 1)_11_1", "Scope 3", air, "Flights", haul, cabin, "Without RF", "passenger.km", "kg CO2e", withoutRF])
        }
        // Per-gas rows: only the CO2 parts of international economy (the RF multiplier) and one CH4 row to ignore.
        rows.append(["21_316_3180_11_2", "Scope 3", air, "Flights", "International, to/from non-UK", "Economy class", "With RF", "passenger.km", "kg CO2e of CO2 per unit", "0.10849"])
        rows.append(["21_316_3180_11_3", "Scope 3", air, "Flights", "International, to/from non-UK", "Economy class", "With RF", "passenger.km", "kg CO2e of CH4 per unit", "0.00001"])
        rows.append(["21_316_3181_11_2", "Scope 3", air, "Flights", "International, to/from non-UK", "Economy class", "Without RF", "passenger.km", "kg CO2e of CO2 per unit", "0.06382"])
        for (id, haul, cabin, _, _, wtt) in flights {
            rows.append(["22_912_\(id)_11_1", "Scope 3", wttAir, "WTT- flights", haul, cabin, "With RF", "passenger.km", "kg CO2e", wtt])
            rows.append(["22_912_\(id + 1)_11_1", "Scope 3", wttAir, "WTT- flights", haul, cabin, "Without RF", "passenger.km", "kg CO2e", wtt])
        }
        let land = "Business travel- land"
        let wttLand = "WTT- pass vehs & travel- land"
        rows += [
            ["25_301_3061_4_1", "Scope 3", land, "Cars (by size)", "Large car", "", "Diesel", "km", "kg CO2e", "0.21007"],
            ["25_301_3061_9_1", "Scope 3", land, "Cars (by size)", "Large car", "", "Diesel", "miles", "kg CO2e", "0.33807"],
            ["25_301_3074_4_1", "Scope 3", land, "Cars (by size)", "Average car", "", "Unknown", "km", "kg CO2e", "0.16725"],
            ["25_313_3141_11_1", "Scope 3", land, "Taxis", "Regular taxi", "", "", "passenger.km", "kg CO2e", "0.14861"],
            ["25_313_3141_4_1", "Scope 3", land, "Taxis", "Regular taxi", "", "", "km", "kg CO2e", "0.20806"],
            ["25_314_3145_11_1", "Scope 3", land, "Bus", "Average local bus", "", "", "passenger.km", "kg CO2e", "0.10385"],
            ["25_314_3146_11_1", "Scope 3", land, "Bus", "Coach", "", "", "passenger.km", "kg CO2e", "0.02776"],
            ["25_315_3147_11_1", "Scope 3", land, "Rail", "National rail", "", "", "passenger.km", "kg CO2e", "0.03546"],
            ["25_315_3148_11_1", "Scope 3", land, "Rail", "International rail", "", "", "passenger.km", "kg CO2e", "0.00446"],
            ["25_315_3149_11_1", "Scope 3", land, "Rail", "Light rail and tram", "", "", "passenger.km", "kg CO2e", "0.0286"],
            ["25_315_3150_11_1", "Scope 3", land, "Rail", "London Underground", "", "", "passenger.km", "kg CO2e", "0.0278"],
            ["26_904_3069_4_1", "Scope 3", wttLand, "WTT- cars (by size)", "Average car", "", "Diesel", "km", "kg CO2e", "0.04146"],
            ["26_904_3074_4_1", "Scope 3", wttLand, "WTT- cars (by size)", "Average car", "", "Unknown", "km", "kg CO2e", "0.04399"],
            ["26_909_3141_11_1", "Scope 3", wttLand, "WTT- taxis", "Regular taxi", "", "", "passenger.km", "kg CO2e", "0.03697"],
            ["26_909_3141_4_1", "Scope 3", wttLand, "WTT- taxis", "Regular taxi", "", "", "km", "kg CO2e", "0.05176"],
            ["26_910_3145_11_1", "Scope 3", wttLand, "WTT- bus", "Average local bus", "", "", "passenger.km", "kg CO2e", "0.02649"],
            ["26_910_3146_11_1", "Scope 3", wttLand, "WTT- bus", "Coach", "", "", "passenger.km", "kg CO2e", "0.00656"],
            ["26_911_3147_11_1", "Scope 3", wttLand, "WTT- rail", "National rail", "", "", "passenger.km", "kg CO2e", "0.00897"],
            ["26_911_3148_11_1", "Scope 3", wttLand, "WTT- rail", "International rail", "", "", "passenger.km", "kg CO2e", "0.00117"],
            ["26_911_3149_11_1", "Scope 3", wttLand, "WTT- rail", "Light rail and tram", "", "", "passenger.km", "kg CO2e", "0.00749"],
            ["23_318_3188_11_1", "Scope 3", "Business travel- sea", "Ferry", "Foot passenger", "", "", "passenger.km", "kg CO2e", "0.01871"],
            ["23_318_3189_11_1", "Scope 3", "Business travel- sea", "Ferry", "Car passenger", "", "", "passenger.km", "kg CO2e", "0.12933"],
            ["24_914_3188_11_1", "Scope 3", "WTT- business travel- sea", "WTT- ferry", "Foot passenger", "", "", "passenger.km", "kg CO2e", "0.00424"],
            // Another category with the same level names under Scope 1: must not be taken for business travel.
            ["1_200_2000_4_1", "Scope 1", "Passenger vehicles", "Cars (by size)", "Large car", "", "Diesel", "km", "kg CO2e", "0.21007"],
        ]
        return rows
    }()

    static let titleRows: [[String]] = [
        ["UK Government GHG Conversion Factors for Company Reporting"],
        [],
        ["Factors by Category (flat file)", "", "", "Version: 1.0"],
        [],
    ]

    /// Rows of the data sheet: titles, header, data; `edit` may change the data rows (index into `rows`).
    static func sheetRows(header: [String] = header, edit: (inout [[String]]) -> Void = { _ in }) -> [[String]] {
        var data = rows
        edit(&data)
        return titleRows + [header] + data
    }

    // MARK: - Workbook

    struct Sheet {
        var name: String
        var rows: [[String]]
    }

    /// An .xlsx with an introduction sheet first and the data sheet stored under a part name that does not follow
    /// its position (resolution must go through the relationships). Text goes to shared strings, except the Scope
    /// column which uses inline strings; numbers are numeric cells.
    static func workbook(
        dataSheet: String = "Factors by Category", rows: [[String]] = sheetRows(), brokenSheetXML: Bool = false
    ) throws -> Data {
        let sheets = [
            Sheet(name: "Introduction", rows: [["Conversion factors 2025"], ["See the methodology paper"]]),
            Sheet(name: dataSheet, rows: rows),
        ]
        var shared: [String] = []
        var sharedIndex: [String: Int] = [:]
        func sharedString(_ text: String) -> Int {
            if let index = sharedIndex[text] { return index }
            shared.append(text)
            sharedIndex[text] = shared.count - 1
            return shared.count - 1
        }
        var parts: [(String, String)] = []
        var sheetEntries = ""
        var relationships = ""
        for (number, sheet) in sheets.enumerated() {
            let relationshipID = "rId\(number + 7)"
            let partName = "sheet\(sheets.count - number).xml"
            sheetEntries += "<sheet name=\"\(escape(sheet.name))\" sheetId=\"\(number + 1)\" r:id=\"\(relationshipID)\"/>"
            relationships +=
                "<Relationship Id=\"\(relationshipID)\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/\(partName)\"/>"
            var xml =
                "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>"
            for (rowIndex, row) in sheet.rows.enumerated() where !row.isEmpty {
                let rowNumber = rowIndex + 1
                xml += "<row r=\"\(rowNumber)\">"
                for (column, text) in row.enumerated() where !text.isEmpty {
                    let reference = columnName(column) + String(rowNumber)
                    if Double(text) != nil, !text.contains("_") {
                        xml += "<c r=\"\(reference)\"><v>\(text)</v></c>"
                    } else if column == 1 {
                        xml += "<c r=\"\(reference)\" t=\"inlineStr\"><is><t>\(escape(text))</t></is></c>"
                    } else {
                        xml += "<c r=\"\(reference)\" t=\"s\"><v>\(sharedString(text))</v></c>"
                    }
                }
                xml += "</row>"
            }
            xml += "</sheetData></worksheet>"
            if brokenSheetXML, number == 1 { xml = String(xml.prefix(xml.count / 2)) + "<row><c></row>" }
            parts.append(("xl/worksheets/\(partName)", xml))
        }
        relationships +=
            "<Relationship Id=\"rId3\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings\" Target=\"sharedStrings.xml\"/>"
        let sharedXML =
            "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" count=\"\(shared.count)\" uniqueCount=\"\(shared.count)\">"
            + shared.map { "<si><t xml:space=\"preserve\">\(escape($0))</t></si>" }.joined() + "</sst>"
        parts += [
            (
                "[Content_Types].xml",
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default Extension=\"xml\" ContentType=\"application/xml\"/></Types>"
            ),
            (
                "_rels/.rels",
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>"
            ),
            (
                "xl/workbook.xml",
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?><workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><sheets>\(sheetEntries)</sheets></workbook>"
            ),
            (
                "xl/_rels/workbook.xml.rels",
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\(relationships)</Relationships>"
            ),
            ("xl/sharedStrings.xml", sharedXML),
        ]
        return try zip(parts)
    }

    /// The same rows as the CSV form of the flat file.
    static func csv(rows: [[String]] = sheetRows()) -> Data {
        let lines = rows.map { row in
            row.map { field in
                field.contains(",") || field.contains("\"") ? "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : field
            }.joined(separator: ",")
        }
        return Data((lines.joined(separator: "\r\n") + "\r\n").utf8)
    }

    /// A ZIP (deflated) of the given text parts.
    static func zip(_ parts: [(String, String)]) throws -> Data {
        let archive = try Archive(data: Data(), accessMode: .create)
        for (path, text) in parts {
            let data = Data(text.utf8)
            try archive.addEntry(
                // A fixed date: the same fixture gives the same bytes, whenever it is built (tests compare bytes).
                with: path, type: .file, uncompressedSize: Int64(data.count),
                modificationDate: Date(timeIntervalSince1970: 1_735_689_600), compressionMethod: .deflate
            ) { position, size in
                data.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        return try #require(archive.data)
    }

    static func columnName(_ index: Int) -> String {
        var index = index + 1
        var name = ""
        while index > 0 {
            let remainder = (index - 1) % 26
            name = String(UnicodeScalar(UInt8(65 + remainder))) + name
            index = (index - 1) / 26
        }
        return name
    }

    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}
