import Foundation
import ZIPFoundation

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// A minimal SpreadsheetML (.xlsx) reader: enough to read the text and numbers of one sheet.
///
/// An .xlsx file is a ZIP of XML parts. The workbook part is found through `_rels/.rels` (officeDocument), its
/// sheets are listed in `xl/workbook.xml` and resolved to their parts through `xl/_rels/workbook.xml.rels`; cells
/// hold numbers, shared strings (`xl/sharedStrings.xml`), inline strings or formula results. Styles, dates and
/// formulas are not interpreted: the DESNZ flat file needs none of them.
public struct XLSXWorkbook {
    public let file: String
    /// Sheet names in workbook order.
    public let sheetNames: [String]
    private let archive: Archive
    private let sheetParts: [String: String]
    private let sharedStrings: [String]

    public init(data: Data, file: String) throws(ImportError) {
        self.file = file
        let archive: Archive
        do {
            archive = try Archive(data: data, accessMode: .read)
        } catch {
            throw .notAZip(file: file)
        }
        self.archive = archive
        // A ZIP whose central directory lists nothing is not a workbook either.
        guard archive.makeIterator().next() != nil else { throw .notAWorkbook(file: file, missingPart: "xl/workbook.xml") }

        var workbookPart = "xl/workbook.xml"
        if let rootRels = try Self.part("_rels/.rels", in: archive, file: file) {
            let relationships = try Self.parse(RelationshipsParser(), rootRels, part: "_rels/.rels", file: file).items
            if let office = relationships.first(where: { $0.type.hasSuffix("/officeDocument") }) {
                workbookPart = Self.resolve(office.target, relativeTo: "")
            }
        }
        guard let workbookXML = try Self.part(workbookPart, in: archive, file: file) else {
            throw .notAWorkbook(file: file, missingPart: workbookPart)
        }
        let sheets = try Self.parse(WorkbookParser(), workbookXML, part: workbookPart, file: file).sheets
        let directory = (workbookPart as NSString).deletingLastPathComponent
        let relsPart = (directory.isEmpty ? "" : directory + "/") + "_rels/"
            + (workbookPart as NSString).lastPathComponent + ".rels"
        guard let relsXML = try Self.part(relsPart, in: archive, file: file) else {
            throw .notAWorkbook(file: file, missingPart: relsPart)
        }
        let relationships = try Self.parse(RelationshipsParser(), relsXML, part: relsPart, file: file).items
        var parts: [String: String] = [:]
        for sheet in sheets {
            if let target = relationships.first(where: { $0.id == sheet.relationshipID })?.target {
                parts[sheet.name] = Self.resolve(target, relativeTo: directory)
            }
        }
        sheetNames = sheets.map(\.name)
        sheetParts = parts
        var strings: [String] = []
        let sharedPart = relationships.first(where: { $0.type.hasSuffix("/sharedStrings") })
            .map { Self.resolve($0.target, relativeTo: directory) } ?? "xl/sharedStrings.xml"
        if let sharedXML = try Self.part(sharedPart, in: archive, file: file) {
            strings = try Self.parse(SharedStringsParser(), sharedXML, part: sharedPart, file: file).strings
        }
        sharedStrings = strings
    }

    /// The sheet called `name` (compared without case and surrounding spaces).
    public func sheet(named name: String) throws(ImportError) -> SheetTable {
        let wanted = name.trimmingCharacters(in: .whitespaces).lowercased()
        guard let actual = sheetNames.first(where: { $0.trimmingCharacters(in: .whitespaces).lowercased() == wanted }),
            let partName = sheetParts[actual]
        else { throw .missingSheet(file: file, sheet: name, available: sheetNames) }
        guard let xml = try Self.part(partName, in: archive, file: file) else {
            throw .notAWorkbook(file: file, missingPart: partName)
        }
        let parser = try Self.parse(WorksheetParser(sharedStrings: sharedStrings), xml, part: partName, file: file)
        if let bad = parser.badSharedString {
            throw .malformedXML(
                file: file, part: partName, line: bad.line,
                detail: "shared string \(bad.index) does not exist (\(sharedStrings.count) in xl/sharedStrings.xml)")
        }
        return SheetTable(file: file, name: actual, rows: parser.rows)
    }

    // MARK: - Parts

    private static func part(_ path: String, in archive: Archive, file: String) throws(ImportError) -> Data? {
        guard let entry = archive[path] else { return nil }
        var data = Data()
        do {
            _ = try archive.extract(entry, skipCRC32: false) { chunk in data.append(chunk) }
        } catch {
            // A damaged entry (bad CRC, cut deflate stream): what a truncated or corrupted file gives.
            throw .notAZip(file: file)
        }
        return data
    }

    /// Resolves a relationship target against the folder of the part that refers to it.
    private static func resolve(_ target: String, relativeTo directory: String) -> String {
        if target.hasPrefix("/") { return String(target.dropFirst()) }
        var components = directory.split(separator: "/").map(String.init)
        for piece in target.split(separator: "/") {
            if piece == ".." {
                _ = components.popLast()
            } else if piece != "." {
                components.append(String(piece))
            }
        }
        return components.joined(separator: "/")
    }

    private static func parse<P: PartParser>(_ delegate: P, _ data: Data, part: String, file: String) throws(ImportError)
        -> P
    {
        let parser = XMLParser(data: data)
        parser.shouldProcessNamespaces = false
        parser.shouldResolveExternalEntities = false
        parser.delegate = delegate
        // swift-corelibs-foundation's parse() can return true after a fatal error: check parserError too.
        let succeeded = parser.parse()
        if !succeeded || parser.parserError != nil || delegate.firstError != nil {
            let code = delegate.firstError?.code ?? parser.parserError.map { ($0 as NSError).code } ?? 0
            throw .malformedXML(
                file: file, part: part, line: delegate.firstError?.line ?? parser.lineNumber, detail: xmlErrorText(code))
        }
        return delegate
    }
}

// MARK: - Part parsers

/// Element name without its namespace prefix (`x:row` → `row`).
private func localName(_ name: String) -> Substring {
    guard let colon = name.lastIndex(of: ":") else { return Substring(name) }
    return name[name.index(after: colon)...]
}

/// Remembers the first error libxml2 reports, with its line (the parser's own line is the end of the input).
private class PartParser: NSObject, XMLParserDelegate {
    var firstError: (code: Int, line: Int)?

    func parser(_ parser: XMLParser, parseErrorOccurred parseError: any Error) {
        if firstError == nil { firstError = ((parseError as NSError).code, parser.lineNumber) }
    }

    // The callbacks the part parsers override. They must be declared here: a subclass's own method would not be
    // the protocol's witness, the base class's is.
    func parser(
        _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName qName: String?,
        attributes attributeDict: [String: String] = [:]
    ) {}

    func parser(
        _ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName qName: String?
    ) {}

    func parser(_ parser: XMLParser, foundCharacters string: String) {}

    func parser(_ parser: XMLParser, foundCDATA CDATABlock: Data) {}
}

/// Words for the libxml2 errors a damaged part gives (XMLParser.ErrorCode raw values).
private func xmlErrorText(_ code: Int) -> String {
    switch code {
    case 4: "the document is empty"
    case 5: "the document ends too early"
    case 9: "invalid character"
    case 38, 39, 40, 41: "invalid attribute"
    case 73, 74, 75: "an element is not closed"
    case 76: "a closing tag does not match its opening tag"
    default: "XML error \(code)"
    }
}

private final class RelationshipsParser: PartParser {
    struct Item {
        var id: String
        var target: String
        var type: String
    }
    var items: [Item] = []

    override func parser(
        _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName qName: String?,
        attributes attributeDict: [String: String] = [:]
    ) {
        guard localName(elementName) == "Relationship" else { return }
        items.append(
            Item(id: attributeDict["Id"] ?? "", target: attributeDict["Target"] ?? "", type: attributeDict["Type"] ?? ""))
    }
}

private final class WorkbookParser: PartParser {
    struct Sheet {
        var name: String
        var relationshipID: String
    }
    var sheets: [Sheet] = []

    override func parser(
        _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName qName: String?,
        attributes attributeDict: [String: String] = [:]
    ) {
        guard localName(elementName) == "sheet" else { return }
        // The relationship id is `r:id` with whatever prefix the writer bound to the relationships namespace.
        let id = attributeDict.first(where: { $0.key.hasSuffix(":id") })?.value ?? attributeDict["id"] ?? ""
        sheets.append(Sheet(name: attributeDict["name"] ?? "", relationshipID: id))
    }
}

private final class SharedStringsParser: PartParser {
    var strings: [String] = []
    private var current: String?
    private var inText = false
    private var phoneticDepth = 0

    override func parser(
        _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName qName: String?,
        attributes attributeDict: [String: String] = [:]
    ) {
        switch localName(elementName) {
        case "si": current = ""
        case "t": inText = phoneticDepth == 0
        case "rPh": phoneticDepth += 1
        default: break
        }
    }

    override func parser(
        _ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName qName: String?
    ) {
        switch localName(elementName) {
        case "si":
            strings.append(current ?? "")
            current = nil
        case "t": inText = false
        case "rPh": phoneticDepth -= 1
        default: break
        }
    }

    override func parser(_ parser: XMLParser, foundCharacters string: String) {
        if inText { current? += string }
    }

    override func parser(_ parser: XMLParser, foundCDATA CDATABlock: Data) {
        if inText { current? += String(decoding: CDATABlock, as: UTF8.self) }
    }
}

private final class WorksheetParser: PartParser {
    let sharedStrings: [String]
    var rows: [SheetRow] = []
    var badSharedString: (index: String, line: Int)?

    private var rowNumber = 0
    private var cells: [String] = []
    private var column = -1
    private var cellType = "n"
    private var value = ""
    private var inlineText = ""
    private var inValue = false
    private var inInline = false
    private var inInlineText = false

    init(sharedStrings: [String]) {
        self.sharedStrings = sharedStrings
        super.init()
    }

    override func parser(
        _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName qName: String?,
        attributes attributeDict: [String: String] = [:]
    ) {
        switch localName(elementName) {
        case "row":
            rowNumber = attributeDict["r"].flatMap { Int($0) } ?? rowNumber + 1
            cells = []
            column = -1
        case "c":
            column = attributeDict["r"].flatMap(Self.columnIndex) ?? column + 1
            cellType = attributeDict["t"] ?? "n"
            value = ""
            inlineText = ""
        case "v": inValue = true
        case "is": inInline = true
        case "t": inInlineText = inInline
        default: break
        }
    }

    override func parser(
        _ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName qName: String?
    ) {
        switch localName(elementName) {
        case "v": inValue = false
        case "t": inInlineText = false
        case "is": inInline = false
        case "c":
            var text: String
            switch cellType {
            case "s":
                if let index = Int(value.trimmingCharacters(in: .whitespaces)), sharedStrings.indices.contains(index) {
                    text = sharedStrings[index]
                } else {
                    if badSharedString == nil { badSharedString = (value, parser.lineNumber) }
                    text = ""
                }
            case "inlineStr": text = inlineText
            default: text = value
            }
            if column >= 0 {
                if cells.count <= column { cells += Array(repeating: "", count: column + 1 - cells.count) }
                cells[column] = text
            }
        case "row":
            rows.append(SheetRow(number: rowNumber, cells: cells))
        default: break
        }
    }

    override func parser(_ parser: XMLParser, foundCharacters string: String) {
        if inValue {
            value += string
        } else if inInlineText {
            inlineText += string
        }
    }

    /// `AB12` → 27 (A = 0).
    static func columnIndex(_ reference: String) -> Int? {
        var index = 0
        var letters = 0
        for scalar in reference.unicodeScalars {
            guard scalar.value >= 65 && scalar.value <= 90 else { break }
            index = index * 26 + Int(scalar.value - 64)
            letters += 1
        }
        return letters == 0 ? nil : index - 1
    }
}
