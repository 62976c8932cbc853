import Foundation
import TrajetCore
import TrajetDatasets
import TrajetReports
import TrajetStore

/// The output formats of the annual report (`trajet report --format`, `GET /v1/reports/annual/{year}?format=`).
package enum ReportFormat: String, CaseIterable, Sendable {
    case html, md, csv, json

    package static func inferred(from path: String?) -> ReportFormat? {
        guard let path else { return nil }
        return inferred(fromExtension: URL(fileURLWithPath: path).pathExtension)
    }

    package static func inferred(fromExtension pathExtension: String) -> ReportFormat? {
        switch pathExtension.lowercased() {
        case "html", "htm": return .html
        case "md", "markdown": return .md
        case "csv": return .csv
        case "json": return .json
        default: return nil
        }
    }

    /// The media type the server answers with.
    package var mediaType: String {
        switch self {
        case .html: "text/html; charset=utf-8"
        case .md: "text/markdown; charset=utf-8"
        case .csv: "text/csv; charset=utf-8"
        case .json: "application/json"
        }
    }
}

/// The annual report of one organisation or the whole network, built from a store: the CLI (`trajet report`) and
/// the server (`GET /v1/reports/annual/{year}`) both call this, so they print the same figures.
package struct AnnualReportQuery: Sendable {
    package var year: Int
    package var scope: ReportScope
    /// Scenario lines (an all-flight and a best-overland estimate per trip) need route searches; off = faster.
    package var scenarios: Bool
    package var generatedAt: String

    package init(year: Int, scope: ReportScope, scenarios: Bool, generatedAt: String) {
        self.year = year
        self.scope = scope
        self.scenarios = scenarios
        self.generatedAt = generatedAt
    }

    /// A report built, with what the per-leg CSV needs for its second pass over the plans.
    package struct Built {
        package var report: AnnualReport
        package var builder: AnnualReportBuilder
        package var filter: PlanFilter
    }

    /// `trace` is called after reading the plans and after finishing the report (`TRAJET_TRACE`, benchmarks).
    package func build(
        store: any PlanStore, datasets: Datasets, settings: Settings, trace: (String) -> Void = { _ in }
    ) async throws -> Built {
        try await build(store: store, loadingDatasets: { datasets }, settings: settings, trace: trace)
    }

    /// The same, with the datasets loaded by `loadingDatasets` once the store has started reading: the CLI loads
    /// them (a tenth of a second) while SQLite reads the first plans, instead of before.
    package func build(
        store: any PlanStore, loadingDatasets: () async throws -> Datasets, settings: Settings,
        trace: (String) -> Void = { _ in }
    ) async throws -> Built {
        let organisationNames = Dictionary(
            try await store.organisations().map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
        // Every organisation's plans, also for one organisation's report: it is compared with the network's
        // average per traveller (the builder keeps only the organisation's trips).
        let filter = PlanFilter(organisationId: nil, years: AnnualReportBuilder.yearsToRead(year))
        // If the load fails, `reading` is dropped with this scope, and the reader stops at its next batch.
        let reading = Self.startReading(store, filter)
        let datasets = try await loadingDatasets()
        let sources = ReportSources(
            network: datasets.network, factorSets: datasets.factorSets, hubs: datasets.hubs,
            travelSupport: datasets.travelSupport)
        var builder = AnnualReportBuilder(year: year, scope: scope, sources: sources)
        builder.organisationNames = organisationNames
        for await batch in reading.batches {
            for (plan, summary) in batch { builder.add(plan, summary: summary) }
        }
        try await reading.reader.value
        trace("plans read")
        let report = builder.finish(
            generatedAt: generatedAt,
            scenarios: scenarios ? RouteScenarioEstimator(sources: sources, policy: settings.routing) : nil)
        trace("report built")
        return Built(report: report, builder: builder, filter: filter)
    }

    /// Reads the plans and their leg summaries in a task of its own and hands them over in batches, so decoding
    /// (store side) and building (report side) overlap on two cores. The reader is the slower half, so batches do
    /// not pile up (but for the first ones, read while the datasets load). Dropping the stream stops the read at the
    /// next batch.
    static func startReading(
        _ store: any PlanStore, _ filter: PlanFilter
    ) -> (batches: AsyncStream<[(Plan, PlanSummary)]>, reader: Task<Void, any Error>) {
        let (batches, continuation) = AsyncStream.makeStream(of: [(Plan, PlanSummary)].self)
        let reader = Task {
            defer { continuation.finish() }
            var batch: [(Plan, PlanSummary)] = []
            batch.reserveCapacity(512)
            try await store.forEachPlanSummary(filter) { plan, summary in
                batch.append((plan, summary))
                if batch.count == 512 {
                    if case .terminated = continuation.yield(batch) { throw CancellationError() }
                    batch.removeAll(keepingCapacity: true)
                }
            }
            if !batch.isEmpty { continuation.yield(batch) }
        }
        return (batches, reader)
    }

    /// Writes `built` as `format`; the CSV (one row per leg) reads the year's plans a second time.
    package func render<Output: TextOutputStream>(
        _ built: Built, as format: ReportFormat, language: Language, store: any PlanStore, into out: inout Output
    ) async throws {
        switch format {
        case .html: HTMLRenderer.render(ReportDocument(built.report, language: language), into: &out)
        case .md: MarkdownRenderer.render(ReportDocument(built.report, language: language), into: &out)
        case .json: try JSONRenderer.render(built.report, into: &out)
        case .csv:
            let csv = CSVRenderer(report: built.report, language: language)
            out.write(csv.header())
            var yearFilter = built.filter
            yearFilter.years = year...year
            let builder = built.builder
            try await store.forEachPlanDetail(yearFilter) { detail in
                guard builder.counts(detail.plan) else { return }
                out.write(csv.rows(detail, legs: builder.legLines(detail)))
            }
        }
    }

    /// Today's date, `YYYY-MM-DD` (UTC).
    package static func today() -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withFullDate]
        return formatter.string(from: Date())
    }
}
