import Foundation
import Testing
import TrajetCore
import TrajetDatasets

@testable import TrajetImport

enum Shipped {
    static let directory: URL = try! DatasetLocator(environment: [:], executablePath: nil).locate()
    static let datasets: Datasets = try! Datasets.load(from: directory)
}

/// A fresh temporary folder, removed when the test ends.
func withTemporaryDirectory<T>(_ body: (URL) async throws -> T) async rethrows -> T {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("trajet-import-\(UUID().uuidString)")
    try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: url) }
    return try await body(url)
}

func contents(_ url: URL) -> [String] {
    ((try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []).sorted()
}

/// The fields a factor row carries, without its source text and line.
struct ComparableFactor: Equatable, CustomStringConvertible {
    var fields: [String]
    init(_ f: EmissionFactor) {
        fields = [
            f.mode.rawValue, f.variant.description, f.region.description, f.minDistanceKm.map { "\($0)" } ?? "",
            f.maxDistanceKm.map { "\($0)" } ?? "", f.unit.rawValue, "\(f.ttwKgPerUnit)", "\(f.ttwWithoutNonCO2KgPerUnit)",
            f.wttKgPerUnit.map { "\($0)" } ?? "", f.seats.map(String.init) ?? "", f.allocation.rawValue, "\(f.isProxy)",
            "\(f.isEstimate)", f.reference, f.notes,
        ]
    }
    var description: String { fields.joined(separator: ",") }
}

@Suite struct SHA256Tests {
    @Test func knownDigests() {
        #expect(DESNZImporter.sha256(Data()) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(DESNZImporter.sha256(Data("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        let long = Data("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8)
        #expect(DESNZImporter.sha256(long) == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
    }
}

@Suite struct DESNZImportTests {
    let importer = DESNZImporter(year: 2025)

    /// Imports `data` into `root/factors/` with the shipped network's coverage check, and loads it back.
    func importAndLoad(_ data: Data, name: String, root: URL) throws -> FactorSet {
        try importer.run(
            data: data, location: "/downloads/\(name)", outputDirectory: root.appendingPathComponent("factors"),
            force: false, network: Shipped.datasets.network)
        return try FactorSetCheck.load(id: "desnz-2025", datasetsDirectory: root, network: Shipped.datasets.network)
    }

    @Test func workbookRoundTripGivesTheShippedDesnz2025Set() async throws {
        try await withTemporaryDirectory { root in
            let imported = try importAndLoad(
                try FlatFileFixture.workbook(), name: "ghg-conversion-factors-2025-flat-format.xlsx", root: root)
            let shipped = try Shipped.datasets.factorSet("desnz-2025")
            #expect(imported.factors.map(ComparableFactor.init) == shipped.factors.map(ComparableFactor.init))
            #expect(imported.rules == shipped.rules)
            #expect(imported.name == shipped.name)
            #expect(imported.publisher == shipped.publisher)
            #expect(imported.year == shipped.year)
            #expect(imported.version == shipped.version)
            #expect(imported.licence == shipped.licence)
            // Provenance: file, sheet, row and factor ID, and the file's SHA-256 on every imported row.
            let economy = try #require(imported.factors.first { $0.mode == .flight && $0.variant == .cabin(.economy) })
            let digest = DESNZImporter.sha256(try FlatFileFixture.workbook())
            #expect(economy.source.contains("ghg-conversion-factors-2025-flat-format.xlsx"))
            #expect(economy.source.contains("sheet 'Factors by Category'"))
            #expect(economy.source.contains("ID 21_316_3180_11_1"))
            #expect(economy.source.contains("ID 22_912_3180_11_1"))
            #expect(imported.metadataSources["non_co2_multiplier"]?.contains("DERIVED") == true)
            _ = digest
            let setText = try String(contentsOf: root.appendingPathComponent("factors/desnz-2025/set.csv"), encoding: .utf8)
            #expect(setText.contains("source_sha256,"))
            #expect(setText.contains("imported_on,"))
            // No temporary folder left behind.
            #expect(contents(root.appendingPathComponent("factors")) == ["desnz-2025"])
        }
    }

    @Test func csvFormGivesTheSameFactors() async throws {
        try await withTemporaryDirectory { root in
            let imported = try importAndLoad(FlatFileFixture.csv(), name: "flat-file-2025.csv", root: root)
            let shipped = try Shipped.datasets.factorSet("desnz-2025")
            #expect(imported.factors.map(ComparableFactor.init) == shipped.factors.map(ComparableFactor.init))
        }
    }

    @Test func provenanceNamesTheFileAndItsDigest() throws {
        let data = try FlatFileFixture.workbook()
        let draft = try importer.draft(data: data, location: "https://example.invalid/files/flat%20file.xlsx?x=1")
        let digest = DESNZImporter.sha256(data)
        let meta = Dictionary(uniqueKeysWithValues: draft.metadata.map { ($0.key, $0.value) })
        #expect(meta["source_file"] == "flat file.xlsx")
        #expect(meta["source_sha256"] == digest)
        #expect(meta["publisher"]?.contains("DESNZ") == true)
        #expect(draft.rows.allSatisfy { $0[15] == "Trajet" || $0[15].contains(digest) })
    }

    // MARK: - Refusals: each names what was expected, and nothing is written.

    /// The error an import gives (nil when it succeeds); a refused import must leave the output empty.
    func refusal(_ data: Data, name: String = "flat.xlsx", importer: DESNZImporter? = nil) async -> ImportError? {
        await withTemporaryDirectory { (root) async -> ImportError? in
            let output = root.appendingPathComponent("factors")
            do {
                try (importer ?? self.importer).run(
                    data: data, location: name, outputDirectory: output, force: false, network: nil)
                return nil
            } catch {
                #expect(contents(output).isEmpty)
                return error as? ImportError
            }
        }
    }

    @Test func notAZipIsRefused() async throws {
        let error = await refusal(Data("this is not a workbook at all".utf8), name: "flat.xlsx")
        #expect(error == .notAZip(file: "flat.xlsx"))
        #expect(error?.description.contains("truncated or not a ZIP") == true)
    }

    @Test func truncatedWorkbookIsRefused() async throws {
        let data = try FlatFileFixture.workbook()
        let error = await refusal(data.prefix(data.count / 2), name: "flat.xlsx")
        #expect(error == .notAZip(file: "flat.xlsx"))
    }

    @Test func zipWithoutWorkbookIsRefused() async throws {
        let data = try FlatFileFixture.zip([("readme.txt", "hello")])
        let error = await refusal(data, name: "other.zip")
        #expect(error == .notAWorkbook(file: "other.zip", missingPart: "xl/workbook.xml"))
    }

    @Test func malformedSheetXMLIsRefused() async throws {
        let error = await refusal(try FlatFileFixture.workbook(brokenSheetXML: true))
        guard case .malformedXML(_, let part, _, _) = error else {
            Issue.record("expected malformed XML, got \(String(describing: error))")
            return
        }
        #expect(part == "xl/worksheets/sheet1.xml")
    }

    @Test func missingSheetListsTheSheets() async throws {
        let error = await refusal(try FlatFileFixture.workbook(dataSheet: "Data"))
        #expect(error == .missingSheet(file: "flat.xlsx", sheet: "Factors by Category", available: ["Introduction", "Data"]))
        let named = await refusal(
            try FlatFileFixture.workbook(dataSheet: "Data"), importer: DESNZImporter(year: 2025, sheet: "data"))
        #expect(named == nil)
    }

    @Test func missingColumnIsNamed() async throws {
        var header = FlatFileFixture.header
        header.removeAll { $0 == "UOM" }
        let error = await refusal(try FlatFileFixture.workbook(rows: FlatFileFixture.sheetRows(header: header)))
        #expect(error == .missingColumns(file: "flat.xlsx", sheet: "Factors by Category", row: 5, missing: ["UOM"]))
    }

    @Test func noHeaderIsRefused() async throws {
        let error = await refusal(try FlatFileFixture.workbook(rows: [["nothing"], ["here", "at", "all"]]))
        guard case .headerNotFound = error else {
            Issue.record("expected headerNotFound, got \(String(describing: error))")
            return
        }
    }

    @Test func wrongYearIsRefused() async throws {
        let error = await refusal(try FlatFileFixture.workbook(), importer: DESNZImporter(year: 2026))
        #expect(error == .yearMismatch(file: "flat.xlsx", sheet: "Factors by Category", row: 5, found: 2025, expected: 2026))
    }

    @Test func unexpectedUnitIsRefused() async throws {
        let rows = FlatFileFixture.sheetRows { rows in
            for index in rows.indices where rows[index][4] == "Coach" && rows[index][2] == "Business travel- land" {
                rows[index][7] = "vehicle.km"
            }
        }
        let error = await refusal(try FlatFileFixture.workbook(rows: rows))
        guard case .unexpectedUnit(_, _, let row, _, let found, let expected) = error else {
            Issue.record("expected unexpectedUnit, got \(String(describing: error))")
            return
        }
        #expect(row.contains("Coach"))
        #expect(found == ["vehicle.km / kg CO2e"])
        #expect(expected == "passenger.km / kg CO2e")
    }

    @Test func missingRowAndBadValueAreRefused() async throws {
        let withoutFerry = FlatFileFixture.sheetRows { rows in rows.removeAll { $0[4] == "Foot passenger" && $0[3] == "Ferry" } }
        let missing = await refusal(try FlatFileFixture.workbook(rows: withoutFerry))
        #expect(missing == .missingRow(file: "flat.xlsx", sheet: "Factors by Category", row: "Business travel- sea / Ferry / Foot passenger (passenger.km)"))
        let textValue = FlatFileFixture.sheetRows { rows in
            for index in rows.indices where rows[index][0] == "25_315_3147_11_1" { rows[index][9] = "n/a" }
        }
        let bad = await refusal(try FlatFileFixture.workbook(rows: textValue))
        guard case .badValue(_, _, _, let column, let value, _) = bad else {
            Issue.record("expected badValue, got \(String(describing: bad))")
            return
        }
        #expect(column == "GHG Conversion Factor 2025")
        #expect(value == "n/a")
    }

    @Test func checksumIsVerified() async throws {
        let data = try FlatFileFixture.workbook()
        let wrong = String(repeating: "0", count: 64)
        let error = await refusal(data, importer: DESNZImporter(year: 2025, expectedSHA256: wrong))
        #expect(error == .checksumMismatch(file: "flat.xlsx", expected: wrong, actual: DESNZImporter.sha256(data)))
        let invalid = await refusal(data, importer: DESNZImporter(year: 2025, expectedSHA256: "xyz"))
        #expect(invalid == .invalidChecksum("xyz"))
        let right = await refusal(data, importer: DESNZImporter(year: 2025, expectedSHA256: DESNZImporter.sha256(data).uppercased()))
        #expect(right == nil)
    }

    @Test func existingSetIsKeptUnlessForced() async throws {
        try await withTemporaryDirectory { root in
            let output = root.appendingPathComponent("factors")
            let data = try FlatFileFixture.workbook()
            try importer.run(data: data, location: "a.xlsx", outputDirectory: output, force: false, network: nil)
            #expect(throws: ImportError.outputExists(path: output.appendingPathComponent("desnz-2025").path)) {
                try importer.run(data: data, location: "b.xlsx", outputDirectory: output, force: false, network: nil)
            }
            let first = try String(contentsOf: output.appendingPathComponent("desnz-2025/set.csv"), encoding: .utf8)
            #expect(first.contains("source_file,a.xlsx"))
            try importer.run(data: data, location: "b.xlsx", outputDirectory: output, force: true, network: nil)
            let second = try String(contentsOf: output.appendingPathComponent("desnz-2025/set.csv"), encoding: .utf8)
            #expect(second.contains("source_file,b.xlsx"))
            #expect(contents(output) == ["desnz-2025"])
        }
    }

    @Test func aSetTheLoaderRefusesIsNotWritten() async throws {
        // With-RF smaller than without-RF: the importer reads both numbers, the loader refuses the row.
        let swapped = FlatFileFixture.sheetRows { rows in
            for index in rows.indices where rows[index][0] == "21_316_3180_11_1" { rows[index][9] = "0.01" }
        }
        let error = await refusal(try FlatFileFixture.workbook(rows: swapped))
        guard case .invalidResult(let loadError) = error else {
            Issue.record("expected invalidResult, got \(String(describing: error))")
            return
        }
        #expect(loadError.description.contains("ttw_without_non_co2_kg"))
    }
}
