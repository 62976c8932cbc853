import Crypto
import Foundation
import TrajetCore

/// `trajet factors import desnz`, without the terminal: bytes in, a checked factor set on disk out.
public struct DESNZImporter: Sendable {
    public var year: Int
    /// Factor set id; `desnz-<year>` by default.
    public var id: String?
    /// Sheet of the workbook; `Factors by Category` by default.
    public var sheet: String?
    /// Expected SHA-256 of the file (`--sha256`), checked before anything is read.
    public var expectedSHA256: String?

    /// The file's SHA-256 in lower-case hexadecimal (swift-crypto), as publishers print it and `--sha256` takes it.
    public static func sha256(_ data: Data) -> String {
        SHA256.hash(data: data).map { byte in
            let text = String(byte, radix: 16)
            return byte < 16 ? "0" + text : text
        }.joined()
    }

    public init(year: Int, id: String? = nil, sheet: String? = nil, expectedSHA256: String? = nil) {
        self.year = year
        self.id = id
        self.sheet = sheet
        self.expectedSHA256 = expectedSHA256
    }

    /// Reads the file's bytes into a factor set (nothing is written).
    public func draft(data: Data, location: String, importedOn: Date = Date()) throws(ImportError) -> FactorSetDraft {
        let fileName = Self.fileName(of: location)
        let digest = Self.sha256(data)
        if let expectedSHA256 {
            guard let wanted = HexDigest.normalized(expectedSHA256) else { throw .invalidChecksum(expectedSHA256) }
            guard wanted == digest else { throw .checksumMismatch(file: fileName, expected: wanted, actual: digest) }
        }
        let table = try DESNZFlatFile.readTable(data, file: fileName, sheet: sheet)
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd"
        let provenance = ImportProvenance(
            fileName: fileName, location: location, sha256: digest, importedOn: formatter.string(from: importedOn))
        return try DESNZFlatFile.factorSet(from: table, year: year, id: id, provenance: provenance)
    }

    /// Reads, checks and installs: the set appears as `outputDirectory/<id>/` or nothing is written.
    @discardableResult
    public func run(data: Data, location: String, outputDirectory: URL, force: Bool, network: Network?)
        throws(ImportError) -> (draft: FactorSetDraft, folder: URL)
    {
        let draft = try draft(data: data, location: location)
        let folder = try FactorSetInstaller.install(draft, into: outputDirectory, force: force, network: network)
        return (draft, folder)
    }

    /// The last path component of a path or URL, without a query string.
    static func fileName(of location: String) -> String {
        var text = location
        if let query = text.firstIndex(where: { $0 == "?" || $0 == "#" }) { text = String(text[..<query]) }
        let name = text.split(separator: "/").last.map(String.init) ?? location
        return name.removingPercentEncoding ?? name
    }
}
