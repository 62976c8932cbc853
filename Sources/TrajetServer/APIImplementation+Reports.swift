import Foundation
import HTTPTypes
import Hummingbird
import Logging
import OpenAPIRuntime
import TrajetAPI
import TrajetContract
import TrajetCore
import TrajetDatasets
import TrajetQueries
import TrajetReports
import TrajetStore

/// The annual report, in the four formats of `trajet report`.
extension APIImplementation {
    func getAnnualReport(_ input: Operations.GetAnnualReport.Input) async throws -> Operations.GetAnnualReport.Output {
        let key = try await requireKey(.reader)
        let q = input.query
        guard (2000...2100).contains(input.path.year) else {
            throw Problem.invalid(l, field: "year", value: "\(input.path.year)", expected: .w("expect.calendar-year-from-to", "2000", "2100"))
        }
        let asked = q.org?.lowercased()
        if let own = key.organisationId, let asked, asked != own {
            throw Problem.forbidden(
                l, detail: l.w("api.this-key-sees-only-organisation", "\(own)"))
        }
        let scope: ReportScope
        if let id = key.organisationId ?? asked {
            guard let organisation = try await store.organisations().first(where: { $0.id == id }) else {
                throw Problem(
                    .notFound, "unknown-organisation", title: l.w("api.unknown-organisation"),
                    detail: l.w("api.no-organisation", "\(id)"), field: "org")
            }
            scope = .organisation(id: organisation.id, name: organisation.name)
        } else {
            scope = .network
        }
        let format = reportFormat(q.format, accept: input.headers.accept)
        let language = q.lang.flatMap { Language(rawValue: $0.rawValue) } ?? l.language
        let query = AnnualReportQuery(
            year: input.path.year, scope: scope, scenarios: q.scenarios ?? true, generatedAt: AnnualReportQuery.today())
        let built = try await query.build(store: store, datasets: datasets, settings: settings)
        var text = ""
        try await query.render(built, as: format, language: language, store: store, into: &text)
        switch format {
        case .json:
            // The renderer's JSON as written: decoding it into the generated type to encode it again changed nothing
            // but the time (a network report is megabytes).
            try EncodedAnswer.checkAccept(RequestInfo.current.accept, for: "application/json")
            throw try EncodedAnswer.json(text: text, schema: Components.Schemas.AnnualReport.self)
        case .csv: return .ok(.init(body: .csv(HTTPBody(text))))
        case .md: return .ok(.init(body: .textMarkdown(HTTPBody(text))))
        case .html: return .ok(.init(body: .html(HTTPBody(text))))
        }
    }
}
