import TrajetCore

/// One self-contained HTML file: inline CSS (with print rules, so it prints well to PDF) and inline SVG charts,
/// no scripts, no external resources. The markup is well-formed XML so tools (and tests) can parse it.
public enum HTMLRenderer {
    public static func render<Output: TextOutputStream>(_ document: ReportDocument, into out: inout Output) {
        let lang = document.language.rawValue
        out.write("<!DOCTYPE html>\n<html lang=\"\(lang)\" xmlns=\"http://www.w3.org/1999/xhtml\">\n<head>\n")
        out.write("<meta charset=\"utf-8\"/>\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n")
        out.write("<meta name=\"generator\" content=\"Trajet\"/>\n<title>\(escape(document.title))</title>\n")
        out.write("<style>\n\(stylesheet)</style>\n</head>\n<body>\n")
        out.write("<header>\n<h1>\(escape(document.title))</h1>\n<p class=\"subtitle\">\(escape(document.subtitle))</p>\n")
        out.write(navigation(document))
        out.write("</header>\n<main>\n")
        var sectionOpen = false
        for block in document.blocks {
            switch block {
            case .heading(let level, let text, let id):
                if level == 2 {
                    if sectionOpen { out.write("</section>\n") }
                    out.write("<section id=\"\(escape(id))\">\n")
                    sectionOpen = true
                }
                out.write("<h\(level)>\(escape(text))</h\(level)>\n")
            case .paragraph(let spans):
                out.write("<p>\(render(spans))</p>\n")
            case .bullets(let items):
                out.write("<ul>\n")
                for item in items { out.write("<li>\(render(item))</li>\n") }
                out.write("</ul>\n")
            case .note(let spans):
                out.write("<aside class=\"note\"><p>\(render(spans))</p></aside>\n")
            case .keyFigures(let figures):
                out.write("<div class=\"figures\">\n")
                for (index, figure) in figures.enumerated() {
                    out.write(
                        "<div class=\"figure\(index == 0 ? " headline" : "")\"><div class=\"label\">\(escape(figure.label))</div>"
                            + "<div class=\"value\">\(escape(figure.value))</div><div class=\"detail\">\(escape(figure.detail))</div></div>\n")
                }
                out.write("</div>\n")
            case .table(let table):
                render(table, into: &out)
            case .chart(let chart):
                out.write("<figure class=\"chart\">\n")
                out.write(SVGChart.render(chart))
                out.write("<figcaption>\(escape(chart.title))</figcaption>\n</figure>\n")
            }
        }
        if sectionOpen { out.write("</section>\n") }
        out.write("</main>\n<footer><p>Trajet · \(escape(document.subtitle))</p></footer>\n</body>\n</html>\n")
    }

    public static func render(_ document: ReportDocument) -> String {
        var text = ""
        render(document, into: &text)
        return text
    }

    static func navigation(_ document: ReportDocument) -> String {
        var links = ""
        for case .heading(2, let text, let id) in document.blocks {
            links += "<li><a href=\"#\(escape(id))\">\(escape(text))</a></li>"
        }
        return "<nav><ol>\(links)</ol></nav>\n"
    }

    static func render<Output: TextOutputStream>(_ table: ReportDocument.Table, into out: inout Output) {
        // A short table is kept on one page with its caption (no caption alone at a page bottom); a long one
        // breaks between rows and repeats its header on every page.
        let keep = table.rowCount <= 24 ? " keep" : ""
        out.write("<div class=\"table-wrap\(keep)\"><table>\n<caption>\(escape(table.caption))</caption>\n")
        guard table.rowCount > 0 else {
            out.write("<tbody><tr><td class=\"empty\">\(escape(table.emptyText))</td></tr></tbody>\n</table></div>\n")
            return
        }
        out.write("<thead><tr>")
        for (index, name) in table.header.enumerated() {
            out.write(table.numeric.contains(index) ? "<th class=\"num\">\(escape(name))</th>" : "<th>\(escape(name))</th>")
        }
        out.write("</tr></thead>\n<tbody>\n")
        let openers = table.header.indices.map { index in
            table.numeric.contains(index) ? "<td class=\"num\">" : (table.noWrap.contains(index) ? "<td class=\"nowrap\">" : "<td>")
        }
        let rows = table.row
        ParallelChunks.render(count: table.rowCount, { range in
            var text = ""
            for rowIndex in range {
                text += "<tr>"
                for (index, value) in rows(rowIndex).enumerated() {
                    text += index < openers.count ? openers[index] : "<td>"
                    text += escape(value)
                    text += "</td>"
                }
                text += "</tr>\n"
            }
            return text
        }, write: { out.write($0) })
        out.write("</tbody>\n</table></div>\n")
    }

    static func render(_ spans: [ReportDocument.Span]) -> String {
        spans.map { $0.strong ? "<strong>\(escape($0.text))</strong>" : escape($0.text) }.joined()
    }

    /// Text and attribute escaping; only the five XML entities, so the file parses as XML too.
    static func escape(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 == 38 || $0 == 60 || $0 == 62 || $0 == 34 || $0 == 39 }) else { return text }
        var result = ""
        result.reserveCapacity(text.utf8.count + 16)
        for character in text {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            default: result.append(character)
            }
        }
        return result
    }

    /// No `>` or `&` in the CSS: it must stay valid XML character data.
    static let stylesheet = """
        :root { --ink: #1d2b36; --muted: #5b6b78; --line: #d5dde3; --accent: #1f7a5a; --flight: #b5452f; --soft: #eef4f1; }
        * { box-sizing: border-box; }
        body { font-family: "DejaVu Sans", "Helvetica Neue", Arial, sans-serif; color: var(--ink); margin: 0 auto; max-width: 1100px; padding: 24px; line-height: 1.45; font-size: 14px; }
        header h1 { margin: 0 0 4px; font-size: 26px; color: var(--accent); }
        .subtitle { color: var(--muted); margin: 0 0 12px; }
        nav ol { columns: 3; padding-left: 20px; margin: 0 0 16px; color: var(--muted); }
        nav li { padding: 4px 0; break-inside: avoid; }
        nav a { color: var(--accent); text-decoration: none; display: inline-block; min-height: 24px; vertical-align: top; }
        h2 { border-bottom: 2px solid var(--accent); padding-bottom: 4px; margin-top: 32px; font-size: 20px; }
        h3 { font-size: 16px; margin-top: 20px; }
        .figures { display: grid; grid-template-columns: repeat(3, 1fr); gap: 10px; margin: 12px 0; }
        .figure { border: 1px solid var(--line); border-radius: 6px; padding: 10px 12px; background: #fff; }
        .figure.headline { background: var(--soft); border-color: var(--accent); }
        .figure .label { color: var(--muted); font-size: 12px; text-transform: uppercase; letter-spacing: 0.03em; }
        .figure .value { font-size: 22px; font-weight: bold; margin: 2px 0; }
        .figure .detail { color: var(--muted); font-size: 12px; }
        table { border-collapse: collapse; width: 100%; margin: 10px 0 18px; font-size: 12px; }
        caption { text-align: left; font-weight: bold; padding: 4px 0; }
        th, td { border-bottom: 1px solid var(--line); padding: 4px 6px; text-align: left; vertical-align: top; }
        th { background: var(--soft); }
        td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
        td.num, td.nowrap { white-space: nowrap; }
        .table-wrap { overflow-x: auto; }
        td.empty { color: var(--muted); font-style: italic; }
        .note { border-left: 4px solid var(--flight); background: #fbf1ee; padding: 6px 12px; margin: 10px 0; }
        figure.chart { margin: 12px 0 18px; }
        figure.chart svg { width: 100%; height: auto; max-width: 760px; display: block; }
        figcaption { color: var(--muted); font-size: 12px; }
        footer { color: var(--muted); font-size: 11px; border-top: 1px solid var(--line); margin-top: 32px; padding-top: 8px; }
        @page { size: A4; margin: 14mm 12mm 16mm; }
        @media print {
          body { max-width: none; padding: 0; font-size: 10px; line-height: 1.35; }
          header h1 { font-size: 20px; }
          nav { display: none; }
          h2 { font-size: 15px; margin-top: 18px; }
          h2, h3, caption { break-after: avoid; }
          #trips, #annex-factors { break-before: page; }
          .figures { grid-template-columns: repeat(3, 1fr); gap: 6px; }
          .figure { padding: 6px 8px; }
          .figure .value { font-size: 16px; }
          table { font-size: 8.5px; table-layout: auto; margin: 6px 0 12px; }
          th, td { padding: 2px 3px; }
          td { overflow-wrap: break-word; hyphens: manual; }
          table, .figures { break-inside: auto; }
          .table-wrap.keep, tr, .figure, figure.chart, .note, li { break-inside: avoid; }
          thead { display: table-header-group; }
          .table-wrap { overflow: visible; }
          figure.chart svg { max-width: 640px; }
          footer { display: none; }
          * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
        }

        """
}
