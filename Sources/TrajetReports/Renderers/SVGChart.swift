/// Inline SVG charts: plain shapes and text, sized by a viewBox so they scale on screen and on paper.
enum SVGChart {
    static let width = 760.0
    static let seriesColours = ["#8aa9bd", "#1f7a5a"]

    static func render(_ chart: ReportDocument.Chart) -> String {
        switch chart.kind {
        case .pairedShares: horizontal(chart, paired: true)
        case .bars: horizontal(chart, paired: false)
        case .trend: trend(chart)
        }
    }

    static func number(_ value: Double) -> String {
        let rounded = (value * 10).rounded() / 10
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
    }

    /// One row per item; paired: two bars (shares) per row with a legend.
    static func horizontal(_ chart: ReportDocument.Chart, paired: Bool) -> String {
        let labelWidth = 190.0
        let barArea = width - labelWidth - 90
        let rowHeight = paired ? 34.0 : 24.0
        let top = paired ? 26.0 : 6.0
        let height = top + Double(chart.items.count) * rowHeight + 8
        let maximum = paired ? 1.0 : max(chart.items.compactMap(\.values.first).max() ?? 0, 1e-9)
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(number(width)) \(number(height))\" role=\"img\" aria-label=\"\(HTMLRenderer.escape(chart.title))\">"
        svg += "<title>\(HTMLRenderer.escape(chart.title))</title>"
        if paired {
            for (index, name) in chart.seriesNames.enumerated() {
                let x = labelWidth + Double(index) * 220
                svg += "<rect x=\"\(number(x))\" y=\"6\" width=\"12\" height=\"12\" fill=\"\(seriesColours[index % 2])\"/>"
                svg += "<text x=\"\(number(x + 18))\" y=\"16\" font-size=\"12\" fill=\"#1d2b36\">\(HTMLRenderer.escape(name))</text>"
            }
        }
        for (row, item) in chart.items.enumerated() {
            let y = top + Double(row) * rowHeight
            svg += "<text x=\"\(number(labelWidth - 8))\" y=\"\(number(y + (paired ? 19 : 15)))\" font-size=\"12\" text-anchor=\"end\" fill=\"#1d2b36\">\(HTMLRenderer.escape(item.label))</text>"
            let series = paired ? min(item.values.count, 2) : 1
            let barHeight = paired ? 13.0 : 16.0
            for index in 0..<series {
                let value = max(0, item.values[index])
                let length = barArea * min(value / maximum, 1)
                let barY = y + 2 + Double(index) * (barHeight + 2)
                let colour = paired ? seriesColours[index] : seriesColours[1]
                svg += "<rect x=\"\(number(labelWidth))\" y=\"\(number(barY))\" width=\"\(number(max(length, 0.5)))\" height=\"\(number(barHeight))\" fill=\"\(colour)\"/>"
                let label = index < item.valueLabels.count ? item.valueLabels[index] : ""
                svg += "<text x=\"\(number(labelWidth + length + 6))\" y=\"\(number(barY + barHeight - 3))\" font-size=\"11\" fill=\"#1d2b36\">\(HTMLRenderer.escape(label))</text>"
            }
        }
        return svg + "</svg>\n"
    }

    /// Vertical bars per year (first series) with a tick for the second series (CO2 only).
    static func trend(_ chart: ReportDocument.Chart) -> String {
        let height = 220.0
        let bottom = height - 28
        let plotTop = 28.0
        let maximum = max(chart.items.compactMap(\.values.first).max() ?? 0, 1e-9)
        let slot = (width - 60) / Double(max(chart.items.count, 1))
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(number(width)) \(number(height))\" role=\"img\" aria-label=\"\(HTMLRenderer.escape(chart.title))\">"
        svg += "<title>\(HTMLRenderer.escape(chart.title))</title>"
        svg += "<line x1=\"40\" y1=\"\(number(bottom))\" x2=\"\(number(width - 10))\" y2=\"\(number(bottom))\" stroke=\"#5b6b78\" stroke-width=\"1\"/>"
        for (index, name) in chart.seriesNames.enumerated() {
            let x = 40 + Double(index) * 220
            svg += index == 0
                ? "<rect x=\"\(number(x))\" y=\"6\" width=\"12\" height=\"12\" fill=\"\(seriesColours[1])\"/>"
                : "<line x1=\"\(number(x))\" y1=\"12\" x2=\"\(number(x + 12))\" y2=\"12\" stroke=\"#b5452f\" stroke-width=\"3\"/>"
            svg += "<text x=\"\(number(x + 18))\" y=\"16\" font-size=\"12\" fill=\"#1d2b36\">\(HTMLRenderer.escape(name))</text>"
        }
        for (index, item) in chart.items.enumerated() {
            let x = 40 + Double(index) * slot + slot * 0.2
            let barWidth = slot * 0.6
            let value = max(0, item.values.first ?? 0)
            let barHeight = (bottom - plotTop - 14) * value / maximum
            svg += "<rect x=\"\(number(x))\" y=\"\(number(bottom - barHeight))\" width=\"\(number(barWidth))\" height=\"\(number(barHeight))\" fill=\"\(seriesColours[1])\"/>"
            if item.values.count > 1 {
                let tickY = bottom - (bottom - plotTop - 14) * max(0, item.values[1]) / maximum
                svg += "<line x1=\"\(number(x - 4))\" y1=\"\(number(tickY))\" x2=\"\(number(x + barWidth + 4))\" y2=\"\(number(tickY))\" stroke=\"#b5452f\" stroke-width=\"3\"/>"
            }
            let label = item.valueLabels.first ?? ""
            svg += "<text x=\"\(number(x + barWidth / 2))\" y=\"\(number(bottom - barHeight - 4))\" font-size=\"11\" text-anchor=\"middle\" fill=\"#1d2b36\">\(HTMLRenderer.escape(label))</text>"
            svg += "<text x=\"\(number(x + barWidth / 2))\" y=\"\(number(bottom + 16))\" font-size=\"12\" text-anchor=\"middle\" fill=\"#1d2b36\">\(HTMLRenderer.escape(item.label))</text>"
        }
        return svg + "</svg>\n"
    }
}
