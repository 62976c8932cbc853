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

/// The operations of openapi.yaml, each a thin adapter over the calls the CLI makes (TrajetQueries), so the API and
/// `trajet` give the same numbers. Handlers return the success responses and throw `Problem` (or a domain error) for
/// everything else; `EdgeMiddleware` writes the problem.
struct APIImplementation: APIProtocol {
    let store: any PlanStore
    let datasets: Datasets
    let settings: Settings
    let metrics: APIMetrics
    let openAPIDocument: Data
    /// The network compiled once for `settings.routing`, and a planner per recent group and factor set: a route
    /// search does not rebuild them.
    let planners: RoutePlanners
    /// Where route searches run: bounded threads and queue (`server.searchConcurrency`, `server.searchQueue`).
    let searches: SearchGate
    /// The store's readiness, also checked in the background for `/readyz` below the router.
    let readiness: ReadinessMonitor

    var l: Localizer { RequestInfo.current.localizer }

    // MARK: Operations

    func getHealth(_ input: Operations.GetHealth.Input) async throws -> Operations.GetHealth.Output {
        .ok(.init(body: .json(.init(status: "ok"))))
    }

    func getReadiness(_ input: Operations.GetReadiness.Input) async throws -> Operations.GetReadiness.Output {
        // Usually answered below the router from the background check (`EarlyAnswerHandler`); here when that check
        // is stale, or the probe came pipelined behind another request.
        if let failure = await readiness.check().failure {
            RequestInfo.current.logger.error("database not ready", metadata: ["error": .string(failure)])
            throw Problem.notReady(l)
        }
        if searches.isSaturated {
            // Searches are being refused: a load balancer should send new clients elsewhere for a while.
            throw Problem.overloaded(l, retryAfterSeconds: 1)
        }
        return .ok(.init(body: .json(.init(status: "ready"))))
    }

    func getMetrics(_ input: Operations.GetMetrics.Input) async throws -> Operations.GetMetrics.Output {
        .ok(.init(body: .plainText(HTTPBody(metrics.text()))))
    }

    func getOpenAPIDocument(_ input: Operations.GetOpenAPIDocument.Input) async throws
        -> Operations.GetOpenAPIDocument.Output
    {
        .ok(.init(body: .yaml(HTTPBody(openAPIDocument))))
    }

    // MARK: Access

    /// Catalogue and calculations: open unless `server.publicReads` is false, then any valid key.
    func requirePublicRead() async throws {
        if !settings.server.publicReads || RequestInfo.current.authorization != nil { _ = try await requireKey(.reader) }
    }

    /// The caller's key, looked up on every request (a revocation takes effect at once), with at least `role`.
    func requireKey(_ role: APIKeyRole) async throws -> APIKey {
        let info = RequestInfo.current
        let key: APIKey
        if let found = info.key {
            key = found
        } else {
            key = try await APIKeyCheck.resolve(info.authorization, store: store, localizer: l)
        }
        guard key.role >= role else {
            throw Problem.forbidden(
                l, detail: l.w("api.role-is-not-enough-is-needed", "\(key.role.rawValue)", "\(role.rawValue)"))
        }
        return key
    }

    /// Today's advice and data age, for the advice a saved plan's JSON carries.
    var planNotes: RouteNotes {
        RouteNotes(
            book: datasets.advice, network: datasets.network, today: .today,
            maxTimetableAgeYears: settings.maxTimetableAgeYears)
    }

    /// The plan if the key may see it; another organisation's plan is "not found", like an unknown id, so ids do not
    /// leak.
    func visiblePlan(_ id: String, _ key: APIKey) async throws -> PlanDetail {
        guard id.utf8.count <= 100, let detail = try await store.plan(id: id),
            key.organisationId == nil || key.organisationId == detail.plan.organisationId
        else { throw Problem.planNotFound(l, id: id) }
        return detail
    }

    // MARK: Input checks (the generated layer checks types, not ranges)

    func count(_ value: Int?, _ field: String) throws -> Int? {
        try bounded(value, field, Group.countRange)
    }

    func bounded(_ value: Int?, _ field: String, _ range: ClosedRange<Int>) throws -> Int? {
        guard let value else { return nil }
        guard range.contains(value) else {
            throw Problem.invalid(l, field: field, value: "\(value)", expected: .w("expect.whole-number-from-to", "\(range.lowerBound)", "\(range.upperBound)"))
        }
        return value
    }

    func maxCost(_ value: Double?) throws -> Double? {
        guard let value else { return nil }
        guard value.isFinite, (0...1_000_000).contains(value) else {
            throw Problem.invalid(l, field: "maxCost", value: "\(value)", expected: .w("expect.amount-eur-from-to", "0", "1000000"))
        }
        return value
    }

    func date(_ text: String?, _ field: String) throws -> String? {
        guard let text else { return nil }
        guard text.utf8.count <= 16, DepartureText.parse(text) != nil else {
            throw Problem.invalid(l, field: field, value: String(text.prefix(40)), expected: .w("expect.departure-date-or-time"))
        }
        return text
    }

    /// `flight,coach`: commas between modes, spaces allowed around them, nothing else (as the spec's pattern).
    func modes(_ text: String?, _ field: String) throws -> Set<TransportMode> {
        var modes: Set<TransportMode> = []
        guard let text, !text.isEmpty else { return modes }
        for name in text.split(separator: ",", omittingEmptySubsequences: false) {
            let trimmed = name.trimmingCharacters(in: .whitespaces)
            guard let mode = TransportMode(rawValue: trimmed) else {
                throw Problem.invalid(
                    l, field: field, value: String(trimmed.prefix(40)),
                    expected: .w("expect.modes-among", TransportMode.allCases.map(\.rawValue).joined(separator: ", ")))
            }
            modes.insert(mode)
        }
        return modes
    }

    func checkText(_ text: String, _ field: String, max: Int = 200, min: Int = 1) throws {
        // Unicode scalars, as JSON Schema counts `minLength`/`maxLength`.
        let length = text.unicodeScalars.count
        guard length >= min, length <= max else {
            throw Problem.invalid(l, field: field, value: String(text.prefix(40)), expected: .w("expect.characters-from-to", "\(min)", "\(max)"))
        }
    }

    func missing(_ field: String) -> Problem {
        Problem(
            .unprocessableContent, "missing-field", title: l.w("api.missing-field"),
            detail: l.w("api.is-required", "\(field)"), field: field)
    }

    /// `If-Match` as RFC 9110 §13.1.1 reads it: absent or `*` = no check; otherwise a list of entity tags, and the
    /// request goes ahead only if one of them is the plan's current ETag by strong comparison. A weak tag (`W/"3"`)
    /// never matches, nor does anything that is not an entity tag: 412. The current version is then handed to the
    /// store, which compares it again in the same transaction as the write.
    func expectedVersion(_ header: String?, current: Int) throws -> Int? {
        guard let header = header?.trimmingCharacters(in: .whitespaces), !header.isEmpty, header != "*" else { return nil }
        // The spec's maxLength (openapi.yaml): a longer field is malformed, not a tag list that fails to match.
        guard header.unicodeScalars.count <= 100 else {
            throw Problem.invalid(l, field: "If-Match", value: String(header.prefix(40)), expected: .w("expect.etag-list"))
        }
        guard EntityTagList(header).strongTags.contains(String(current)) else {
            throw Problem(
                .preconditionFailed, "stale-version", title: l.w("api.stale-version"),
                detail: l.w("api.if-match-does-not-hold-the", "\(header.prefix(40))", "\(current)"),
                field: "If-Match")
        }
        return current
    }

    func etag(_ version: Int) -> String { "\"\(version)\"" }

    func reportFormat(
        _ format: Operations.GetAnnualReport.Input.Query.FormatPayload?,
        accept: [AcceptHeaderContentType<Operations.GetAnnualReport.AcceptableContentType>]
    ) -> ReportFormat {
        if let format, let chosen = ReportFormat(rawValue: format.rawValue) { return chosen }
        for choice in accept.sortedByQuality() {
            switch choice.contentType {
            case .json: return .json
            case .csv: return .csv
            case .textMarkdown: return .md
            case .html: return .html
            case .applicationProblemJson, .other: continue
            }
        }
        return .json
    }

    /// `POST /v1/plans`'s words for what `NewPlanRequest` refused.
    func problem(_ failure: NewPlanRequest.Failure) -> Problem {
        switch failure {
        case .unknownPartner(let partner, let known):
            return Problem(
                .notFound, "unknown-partner", title: l.w("api.unknown-partner"),
                detail: l.w("api.unknown-partner-known", "\(partner)", "\(known.joined(separator: ", "))"),
                field: "partner", suggestions: known)
        case .invalid(let error, let field):
            var problem = Problem(error, localizer: l)
            if let field { problem.field = field }
            return problem
        case .returnBeforeDeparture(let returnDate, let departure):
            return Problem.invalid(l, field: "return", value: returnDate, expected: .w("expect.date-on-or-after-departure", "\(departure)"))
        case .beyondOptions(_, let pick, let found):
            return Problem.invalid(l, field: "pick", value: "\(pick)", expected: .w("expect.at-most-itineraries-found", "\(found)"))
        case .itinerary(let problem):
            return invalidItinerary(problem)
        }
    }

    func invalidItinerary(_ problem: ItineraryFile.Problem) -> Problem {
        Problem(
            .unprocessableContent, "invalid-itinerary", title: l.w("api.invalid-itinerary"),
            detail: problem.message, field: "itinerary")
    }

    /// The search, then `finish` on its result, both on the search threads (`SearchGate`).
    func routes<Output>(
        _ request: RoutesRequest, settings: Settings, then finish: @escaping @Sendable (RoutesAnswer) throws -> Output
    ) async throws -> Output {
        let network = datasets.network
        let (datasets, planners) = (self.datasets, self.planners)
        do {
            return try await searches.run {
                Handoff(value: try finish(try request.run(datasets: datasets, settings: settings, planners: planners)))
            }.value
        } catch let overloaded as SearchGate.Overloaded {
            throw Problem.overloaded(l, retryAfterSeconds: overloaded.retryAfterSeconds)
        } catch let error as TrajetError {
            var problem = Problem(error, localizer: l, names: { network.place($0).map(RoutesText.placeName) ?? $0.rawValue })
            if case .unknownPlace(let text, _) = error {
                problem.field = text == request.from ? "from" : text == request.to ? "to" : "via"
            }
            if case .unknownFactorSet = error { problem.field = "factors" }
            throw problem
        }
    }

}

/// `nextCursor`: the last plan's (departure date, id), base64url, opaque to clients.
enum PageCursor {
    static func encode(_ cursor: PlanCursor) -> String {
        Data((cursor.departDate + "|" + cursor.id).utf8).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    static func decode(_ text: String) -> PlanCursor? {
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while base64.count % 4 != 0 { base64 += "=" }
        guard text.count <= 500, let data = Data(base64Encoded: base64), let plain = String(data: data, encoding: .utf8)
        else { return nil }
        let parts = plain.split(separator: "|", maxSplits: 1, omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[1].isEmpty else { return nil }
        return PlanCursor(departDate: String(parts[0]), id: String(parts[1]))
    }
}

/// An `If-Match` list of entity tags (RFC 9110 §8.8.3). A field that is not such a list as a whole holds no tag:
/// `"2"%` does not match version 2 (a lenient reading once let it through).
struct EntityTagList {
    var strongTags: [String] = []
    var weakTags: [String] = []

    init(_ text: String) {
        func invalid() {
            strongTags = []
            weakTags = []
        }
        var rest = Substring(text)
        while true {
            rest = rest.drop { $0 == " " || $0 == "\t" || $0 == "," }
            if rest.isEmpty { return }
            var weak = false
            if rest.hasPrefix("W/") {
                weak = true
                rest = rest.dropFirst(2)
            }
            guard rest.first == "\"", let close = rest.dropFirst().firstIndex(of: "\"") else {
                invalid()
                return
            }
            let tag = String(rest[rest.index(after: rest.startIndex)..<close])
            if weak { weakTags.append(tag) } else { strongTags.append(tag) }
            rest = rest[rest.index(after: close)...]
            let separator = rest.drop { $0 == " " || $0 == "\t" }
            guard separator.isEmpty || separator.first == "," else {
                invalid()
                return
            }
        }
    }
}

/// A value made on a search thread and handed to the request's task once, never shared after: `RoutesAnswer` holds
/// plain values but is not declared `Sendable` (TrajetQueries is shared with the CLI, which never crosses threads).
struct Handoff<Value>: @unchecked Sendable {
    let value: Value
}
