import Foundation
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
        func t(_ fr: String, _ en: String) -> String { french ? fr : en }
        func list(_ items: [String]) -> String { items.map { "« \($0) »" }.joined(separator: ", ") }
        func listEN(_ items: [String]) -> String { items.map { "'\($0)'" }.joined(separator: ", ") }
        switch self {
        case .unreadableFile(let path, let detail):
            return t("Impossible de lire \(path) : \(detail).", "Cannot read \(path): \(detail).")
        case .unknownFormat(let file):
            return t(
                "\(file) n'est ni un classeur .xlsx (ZIP) ni un fichier CSV du « flat file » DESNZ ; attendu l'un des deux.",
                "\(file) is neither an .xlsx workbook (ZIP) nor a CSV of the DESNZ flat file; expected one of them.")
        case .notAZip(let file):
            return t(
                "\(file) n'est pas une archive ZIP (fichier tronqué ou pas un ZIP) ; attendu un classeur Excel .xlsx.",
                "\(file) is not a ZIP archive (truncated or not a ZIP); expected an Excel .xlsx workbook.")
        case .notAWorkbook(let file, let part):
            return t(
                "\(file) est un ZIP mais pas un classeur Excel : la partie \(part) manque ; attendu un fichier .xlsx.",
                "\(file) is a ZIP but not an Excel workbook: part \(part) is missing; expected an .xlsx file.")
        case .malformedXML(let file, let part, let line, let detail):
            return t(
                "\(file) : XML invalide dans \(part), ligne \(line) (\(detail)) ; attendu du SpreadsheetML bien formé.",
                "\(file): malformed XML in \(part), line \(line) (\(detail)); expected well-formed SpreadsheetML.")
        case .missingSheet(let file, let sheet, let available):
            return t(
                "\(file) n'a pas de feuille « \(sheet) » (feuilles : \(list(available))) ; donnez --sheet NOM.",
                "\(file) has no sheet '\(sheet)' (sheets: \(listEN(available))); give --sheet NAME.")
        case .headerNotFound(let file, let sheet, let expected):
            return t(
                "\(file), feuille « \(sheet) » : aucune ligne d'en-tête trouvée ; attendu les colonnes \(list(expected)).",
                "\(file), sheet '\(sheet)': no header row found; expected the columns \(listEN(expected)).")
        case .missingColumns(let file, let sheet, let row, let missing):
            return t(
                "\(file), feuille « \(sheet) », ligne d'en-tête \(row) : colonne(s) manquante(s) \(list(missing)).",
                "\(file), sheet '\(sheet)', header row \(row): missing column(s) \(listEN(missing)).")
        case .yearMismatch(let file, let sheet, let row, let found, let expected):
            return t(
                "\(file), feuille « \(sheet) », ligne \(row) : facteurs de \(found), mais --year dit \(expected).",
                "\(file), sheet '\(sheet)', row \(row): the factors are for \(found), but --year says \(expected).")
        case .missingRow(let file, let sheet, let row):
            return t(
                "\(file), feuille « \(sheet) » : ligne introuvable : \(row).",
                "\(file), sheet '\(sheet)': row not found: \(row).")
        case .duplicateRow(let file, let sheet, let row, let rows):
            return t(
                "\(file), feuille « \(sheet) » : la ligne \(row) apparaît plusieurs fois (lignes \(rows.map(String.init).joined(separator: ", "))).",
                "\(file), sheet '\(sheet)': row \(row) appears more than once (rows \(rows.map(String.init).joined(separator: ", "))).")
        case .unexpectedUnit(let file, let sheet, let row, let rows, let found, let expected):
            return t(
                "\(file), feuille « \(sheet) », ligne(s) \(rows.map(String.init).joined(separator: ", ")) : unité inattendue \(list(found)) pour \(row) ; attendu « \(expected) ».",
                "\(file), sheet '\(sheet)', row(s) \(rows.map(String.init).joined(separator: ", ")): unexpected unit \(listEN(found)) for \(row); expected '\(expected)'.")
        case .badValue(let file, let sheet, let row, let column, let value, let expected):
            return t(
                "\(file), feuille « \(sheet) », ligne \(row), colonne « \(column) » : « \(value) » ; attendu \(expected).",
                "\(file), sheet '\(sheet)', row \(row), column '\(column)': '\(value)'; expected \(expected).")
        case .invalidURL(let url):
            return t("URL invalide : « \(url) » ; attendu http:// ou https://.", "Invalid URL: '\(url)'; expected http:// or https://.")
        case .httpStatus(let url, let status):
            let reason = HTTPURLResponse.localizedString(forStatusCode: status)
            return t(
                "Le serveur a répondu HTTP \(status) (\(reason)) pour \(url) ; attendu 200.",
                "The server answered HTTP \(status) (\(reason)) for \(url); expected 200.")
        case .timeout(let url, let seconds):
            return t(
                "Délai dépassé (\(Int(seconds)) s) en téléchargeant \(url) ; réessayez ou augmentez --timeout.",
                "Timed out after \(Int(seconds)) s downloading \(url); retry or raise --timeout.")
        case .tooLarge(let url, let limit):
            return t(
                "\(url) dépasse la taille maximale de \(limit) octets ; augmentez --max-bytes si le fichier est bien celui attendu.",
                "\(url) is larger than the limit of \(limit) bytes; raise --max-bytes if it is the expected file.")
        case .truncated(let url, let received, let expected):
            return t(
                "Téléchargement tronqué de \(url) : \(received) octets reçus sur \(expected) annoncés.",
                "Truncated download of \(url): received \(received) of \(expected) announced bytes.")
        case .network(let url, let detail):
            return t("Échec du téléchargement de \(url) : \(detail).", "Download of \(url) failed: \(detail).")
        case .invalidChecksum(let text):
            return t(
                "--sha256 « \(text) » n'est pas une empreinte SHA-256 ; attendu 64 chiffres hexadécimaux.",
                "--sha256 '\(text)' is not a SHA-256 digest; expected 64 hexadecimal digits.")
        case .checksumMismatch(let file, let expected, let actual):
            return t(
                "\(file) : SHA-256 \(actual), mais --sha256 attendait \(expected) ; fichier refusé.",
                "\(file): SHA-256 is \(actual), but --sha256 expected \(expected); file refused.")
        case .outputExists(let path):
            return t(
                "\(path) existe déjà ; donnez --force pour le remplacer ou --output pour écrire ailleurs.",
                "\(path) already exists; give --force to replace it or --output to write elsewhere.")
        case .writeFailed(let path, let detail):
            return t("Impossible d'écrire \(path) : \(detail).", "Cannot write \(path): \(detail).")
        case .invalidResult(let error):
            return t(
                "Le jeu importé ne passe pas les contrôles du chargeur ; rien n'a été écrit.\n",
                "The imported set fails the loader's checks; nothing was written.\n") + error.description
        }
    }
}
