import TrajetCore

/// The report as a document: headings, paragraphs, lists, tables and charts, in one language. Markdown and HTML
/// render the same document, so both always say the same thing.
public struct ReportDocument {
    public var title: String
    public var subtitle: String
    public var language: Language
    public var blocks: [Block]

    public enum Block {
        case heading(level: Int, text: String, id: String)
        case paragraph([Span])
        case bullets([[Span]])
        /// The headline figures, shown as cards in HTML.
        case keyFigures([KeyFigure])
        case table(Table)
        case chart(Chart)
        /// A boxed remark (scenario caveats, estimates).
        case note([Span])
    }

    public struct Span {
        public var text: String
        public var strong: Bool
        public init(_ text: String, strong: Bool = false) {
            self.text = text
            self.strong = strong
        }
    }

    public struct KeyFigure {
        public var label: String
        public var value: String
        public var detail: String
    }

    /// Rows are produced on demand: a network report can hold 100 000 trips.
    public struct Table {
        public var caption: String
        public var header: [String]
        /// Columns aligned right (numbers).
        public var numeric: Set<Int>
        public var rowCount: Int
        /// Sendable: large tables are rendered in parallel chunks.
        public var row: @Sendable (Int) -> [String]
        public var emptyText: String
        /// Columns kept on one line (dates).
        public var noWrap: Set<Int> = []
    }

    public struct Chart {
        public enum Kind { case pairedShares, bars, trend }
        public var kind: Kind
        public var title: String
        /// For `pairedShares`, the two series' names.
        public var seriesNames: [String]
        public var items: [ChartItem]
        public var unit: String
    }

    public struct ChartItem {
        public var label: String
        /// One value per series (shares 0…1 for `pairedShares`, amounts otherwise).
        public var values: [Double]
        public var valueLabels: [String]
    }
}
