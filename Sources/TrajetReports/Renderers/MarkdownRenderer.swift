/// Markdown that pastes into an activity report (GitHub-flavoured tables). Charts are left out: their figures are
/// in the tables next to them.
public enum MarkdownRenderer {
    public static func render<Output: TextOutputStream>(_ document: ReportDocument, into out: inout Output) {
        out.write("# \(inline(document.title))\n\n_\(inline(document.subtitle))_\n")
        for block in document.blocks {
            if case .chart = block { continue }
            out.write("\n")
            switch block {
            case .heading(let level, let text, _):
                out.write(String(repeating: "#", count: level) + " " + inline(text) + "\n")
            case .paragraph(let spans):
                out.write(render(spans) + "\n")
            case .bullets(let items):
                for item in items { out.write("- " + render(item) + "\n") }
            case .note(let spans):
                out.write("> " + render(spans) + "\n")
            case .keyFigures(let figures):
                out.write("| | | |\n|---|---:|---|\n")
                for figure in figures {
                    out.write("| \(inline(figure.label)) | **\(inline(figure.value))** | \(inline(figure.detail)) |\n")
                }
            case .table(let table):
                out.write("**\(inline(table.caption))**\n\n")
                guard table.rowCount > 0 else {
                    out.write("_\(inline(table.emptyText))_\n")
                    continue
                }
                out.write("| " + table.header.map(inline).joined(separator: " | ") + " |\n")
                out.write("|" + table.header.indices.map { table.numeric.contains($0) ? "---:" : "---" }.joined(separator: "|") + "|\n")
                let rows = table.row
                ParallelChunks.render(count: table.rowCount, { range in
                    var text = ""
                    for index in range { text += "| " + rows(index).map(inline).joined(separator: " | ") + " |\n" }
                    return text
                }, write: { out.write($0) })
            case .chart:
                continue
            }
        }
    }

    public static func render(_ document: ReportDocument) -> String {
        var text = ""
        render(document, into: &text)
        return text
    }

    static func render(_ spans: [ReportDocument.Span]) -> String {
        spans.map { $0.strong ? "**\(inline($0.text).trimmingSpaces)**" + ($0.text.hasSuffix(" ") ? " " : "") : inline($0.text) }.joined()
    }

    /// Characters that would start Markdown syntax inside running text.
    static func inline(_ text: String) -> String {
        // * _ ` [ ] < > | \ and line breaks; most cells have none.
        guard text.utf8.contains(where: { isSpecial[Int($0)] }) else { return text }
        var result = ""
        for character in text {
            switch character {
            case "*", "_", "`", "[", "]", "<", ">", "|", "\\": result.append("\\"); result.append(character)
            case "\n": result.append(" ")
            default: result.append(character)
            }
        }
        return result
    }


    private static let isSpecial: [Bool] = (0..<256).map { [42, 95, 96, 91, 93, 60, 62, 124, 92, 10].contains($0) }
}

extension String {
    var trimmingSpaces: String {
        var text = Substring(self)
        while text.last == " " { text.removeLast() }
        while text.first == " " { text.removeFirst() }
        return String(text)
    }
}
