/// One CSV cell as every CSV Trajet writes it (annual report, `plans list`, `routes`): safe to open in a spreadsheet,
/// then quoted as RFC 4180 says.
///
/// Spreadsheets run a cell that begins with `=`, `+`, `-` or `@` as a formula (and some strip a leading tab or
/// carriage return first), so a plan named `=HYPERLINK("http://…")` would become a live link in a board member's
/// report (CSV injection, OWASP). Such a cell gets a leading apostrophe: spreadsheets show the text as typed and
/// compute nothing.
///
/// Numbers are data, not formulas: a cell that is wholly a plain decimal number (`-3`, `-0.5`, `-12,75` with the
/// French decimal comma; an optional minus, digits, at most one `.` or `,` followed by digits) is written as is, so
/// negative figures stay numbers. Nothing else passes: `-3+1`, `-1e3`, `--3` or `- 3` are neutralised. A number
/// cannot hold a formula, so letting them through costs nothing.
public enum CSVCell {
    /// `text` neutralised if a spreadsheet would run it, then quoted if it holds `separator`, a quote or a line break.
    public static func escape(_ text: String, separator: Character = ",") -> String {
        var cell = text
        if let first = text.utf8.first, formulaStarts.contains(first), !isPlainNumber(text) { cell = "'" + text }
        // Bytes, not characters: a network report writes a few hundred thousand cells.
        let separatorByte = separator.asciiValue ?? UInt8(ascii: ",")
        guard cell.utf8.contains(where: { $0 == separatorByte || $0 == 34 || $0 == 10 || $0 == 13 }) else { return cell }
        return "\"" + cell.replacing("\"", with: "\"\"") + "\""
    }

    /// `=`, `+`, `-`, `@`, tab, carriage return.
    private static let formulaStarts: Set<UInt8> = [0x3D, 0x2B, 0x2D, 0x40, 0x09, 0x0D]

    /// `-?[0-9]+([.,][0-9]+)?`
    static func isPlainNumber(_ text: String) -> Bool {
        var bytes = text.utf8[...]
        if bytes.first == UInt8(ascii: "-") { bytes = bytes.dropFirst() }
        let whole = bytes.prefix { (48...57).contains($0) }
        guard !whole.isEmpty else { return false }
        bytes = bytes.dropFirst(whole.count)
        if bytes.isEmpty { return true }
        guard bytes.first == UInt8(ascii: ".") || bytes.first == UInt8(ascii: ",") else { return false }
        bytes = bytes.dropFirst()
        return !bytes.isEmpty && bytes.allSatisfy { (48...57).contains($0) }
    }
}
