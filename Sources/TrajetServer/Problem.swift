import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import OpenAPIRuntime
import TrajetCore
import TrajetQueries
import TrajetStore

/// An RFC 9457 problem: the body of every error response (`application/problem+json`).
///
/// Handlers throw it (or a domain error, mapped by `Problem.init(_:localizer:)`); `EdgeMiddleware` writes it, so no
/// input reaches the client as a bare 500 or as Hummingbird's `{"error":…}` shape.
struct Problem: Error, Encodable, Sendable {
    /// `https://trajet.invalid/problems/<slug>`: the kind of problem, stable for clients to switch on.
    var type: String
    var title: String
    var status: Int
    var detail: String?
    var field: String?
    var errors: [FieldError]?
    var suggestions: [String]?
    var requestId: String?
    /// Sent as response headers (`WWW-Authenticate` on a 401).
    var headers: [(HTTPField.Name, String)] = []

    struct FieldError: Encodable, Sendable {
        var field: String
        var detail: String
    }

    enum CodingKeys: String, CodingKey {
        case type, title, status, detail, field, errors, suggestions, requestId
    }

    init(
        _ status: HTTPResponse.Status, _ slug: String, title: String, detail: String? = nil, field: String? = nil,
        suggestions: [String]? = nil
    ) {
        self.type = "https://trajet.invalid/problems/" + slug
        self.title = title
        self.status = status.code
        self.detail = detail
        self.field = field
        self.errors = field.map { [FieldError(field: $0, detail: detail ?? title)] }
        self.suggestions = suggestions
    }

    /// Encodes the problem; `requestID` goes in the body too, so a client's bug report can quote it.
    func response(requestID: String?) -> Response {
        let (fields, data) = encoded(requestID: requestID)
        return Response(
            status: HTTPResponse.Status(code: status), headers: fields,
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
    }

    /// The headers and body of the response (also written below the router, by `ConnectionGuard`).
    func encoded(requestID: String?) -> (HTTPFields, Data) {
        var body = self
        body.requestId = requestID
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let data = (try? encoder.encode(body)) ?? Data(#"{"type":"about:blank","title":"Error","status":500}"#.utf8)
        var fields: HTTPFields = [.contentType: "application/problem+json; charset=utf-8"]
        for (name, value) in headers { fields[name] = value }
        return (fields, data)
    }
}

// MARK: Common problems, worded in the caller's language

extension Problem {
    /// `/readyz` when the store does not answer.
    static func notReady(_ l: Localizer) -> Problem {
        Problem(
            .serviceUnavailable, "not-ready", title: l.w("api.database-unavailable"),
            detail: l.w("api.the-database-does-not-answer"))
    }

    static func badRequest(_ l: Localizer, field: String?, detail: String) -> Problem {
        Problem(.badRequest, "bad-request", title: l.w("api.bad-request"), detail: detail, field: field)
    }

    static func invalid(_ l: Localizer, field: String, value: String, expected: Expectation) -> Problem {
        Problem(
            .unprocessableContent, "invalid-value", title: l.w("api.invalid-value"),
            detail: l.message(for: TrajetError.invalidValue(field: field, value: value, expected: expected)),
            field: field)
    }

    static func unauthorized(_ l: Localizer, detail: String) -> Problem {
        var problem = Problem(
            .unauthorized, "unauthorized", title: l.w("api.api-key-missing-or-refused"),
            detail: detail, field: "Authorization")
        problem.headers = [(.wwwAuthenticate, #"Bearer realm="trajet""#)]
        return problem
    }

    static func forbidden(_ l: Localizer, detail: String) -> Problem {
        Problem(.forbidden, "forbidden", title: l.w("api.role-not-allowed"), detail: detail)
    }

    static func planNotFound(_ l: Localizer, id: String) -> Problem {
        Problem(
            .notFound, "plan-not-found", title: l.w("api.plan-not-found"),
            detail: l.w("api.no-plan-for-this-key", "\(id)"), field: "id")
    }

    static func notFound(_ l: Localizer, path: String) -> Problem {
        Problem(
            .notFound, "not-found", title: l.w("api.not-found"),
            detail: l.w("api.nothing-at-see-openapi-yaml", "\(path)"))
    }

    /// The shared database does not answer (restarting, down, or every connection busy): retry shortly. `/readyz`
    /// says the same to the load balancer.
    static func databaseUnavailable(_ l: Localizer) -> Problem {
        var problem = Problem(
            .serviceUnavailable, "database-unavailable", title: l.w("api.database-unavailable"),
            detail: l.w("api.the-database-does-not-answer-right"))
        problem.headers = [(.retryAfter, "5")]
        return problem
    }

    /// Every route-search thread is busy and the queue is full (`server.searchConcurrency`, `server.searchQueue`):
    /// retry shortly. `/readyz` says the same while it lasts.
    static func overloaded(_ l: Localizer, retryAfterSeconds: Int) -> Problem {
        var problem = Problem(
            .serviceUnavailable, "overloaded", title: l.w("api.server-overloaded"),
            detail: l.w("api.too-many-route-searches-in-progress", "\(retryAfterSeconds)"))
        problem.headers = [(.retryAfter, String(retryAfterSeconds))]
        return problem
    }

    /// A JSON body refused on its raw bytes, before decoding (`JSONShape`).
    static func jsonShape(_ violation: JSONShape.Violation, _ l: Localizer) -> Problem {
        switch violation {
        case .notUTF8:
            return Problem(
                .badRequest, "not-utf8", title: l.w("api.unreadable-json"),
                detail: l.w("api.the-json-body-must-be-utf"),
                field: "body")
        case .tooDeep:
            return Problem(
                .unprocessableContent, "json-too-deep", title: l.w("api.json-nested-too-deep"),
                detail: l.w("api.the-json-body-nests-more-than", "\(JSONShape.maxDepth)"),
                field: "body")
        case .tooManyValues:
            return Problem(
                .unprocessableContent, "json-too-many-values",
                title: l.w("api.too-many-json-values"),
                detail: l.w("api.the-json-body-holds-more-than", "\(JSONShape.maxValues)"),
                field: "body")
        }
    }

    static func internalError(_ l: Localizer) -> Problem {
        Problem(
            .internalServerError, "internal",
            title: l.w("api.internal-error"),
            detail: l.w("api.the-server-could-not-answer-the"))
    }

    /// A domain error: unknown names are 404 (with suggestions), values the domain refuses 422.
    init(_ error: TrajetError, localizer l: Localizer, names: (PlaceID) -> String = { $0.rawValue }) {
        let detail = l.message(for: error, names: names)
        switch error {
        case .unknownPlace(_, let suggestions):
            // The caller knows which parameter held the text and sets `field`.
            self.init(
                .notFound, "unknown-place", title: l.w("api.unknown-place"), detail: detail,
                field: nil, suggestions: suggestions)
        case .ambiguousPlace(_, let candidates):
            self.init(
                .unprocessableContent, "ambiguous-place", title: l.w("api.ambiguous-place"), detail: detail,
                suggestions: candidates.map(\.rawValue))
        case .unknownFactorSet(_, let available):
            self.init(
                .notFound, "unknown-factor-set", title: l.w("api.unknown-factor-set"),
                detail: detail, field: "factors", suggestions: available)
        case .noFactor:
            self.init(.unprocessableContent, "no-factor", title: l.w("api.no-factor"), detail: detail)
        case .notAnAirport:
            self.init(
                .unprocessableContent, "not-an-airport", title: l.w("api.not-an-airport"), detail: detail)
        case .distanceUnknown:
            self.init(
                .unprocessableContent, "distance-unknown", title: l.w("api.distance-unknown"),
                detail: detail, field: "distanceKm")
        case .noItinerary:
            self.init(
                .unprocessableContent, "no-itinerary", title: l.w("api.no-itinerary"), detail: detail)
        case .invalidValue(let field, _, _):
            self.init(
                .unprocessableContent, "invalid-value", title: l.w("api.invalid-value"), detail: detail,
                field: field)
        }
    }

    /// A store error: the caller's input (conflicts, unknown ids, values out of range).
    init(_ error: PlanStoreError, localizer l: Localizer) {
        let detail = l.message(for: error)
        switch error {
        case .invalidValue(let field, _, _):
            self.init(
                .unprocessableContent, "invalid-value", title: l.w("api.invalid-value"), detail: detail,
                field: field)
        case .unknownOrganisation(_, let field):
            self.init(
                .unprocessableContent, "unknown-organisation",
                title: l.w("api.unknown-organisation"), detail: detail, field: field)
        case .organisationExists, .planExists:
            self.init(.conflict, "exists", title: l.w("api.already-exists"), detail: detail, field: "id")
        case .planNotFound(let id):
            self = .planNotFound(l, id: id)
        case .invalidStatusTransition:
            self.init(
                .unprocessableContent, "invalid-status-transition",
                title: l.w("api.status-change-not-allowed"), detail: detail,
                field: "status")
        case .versionConflict(let id, let expected, let actual):
            self.init(
                .preconditionFailed, "stale-version", title: l.w("api.stale-version"),
                detail: l.w("api.plan-is-at-version-not-read", "\(id)", "\(actual)", "\(expected)"),
                field: "If-Match")
        }
    }

    /// Any error that reached the edge. Errors the server does not know become a 500 problem (and are logged).
    static func from(_ error: any Error, localizer l: Localizer) -> Problem {
        switch error {
        case let problem as Problem: return problem
        case let error as TrajetError: return Problem(error, localizer: l)
        case let error as PlanStoreError: return Problem(error, localizer: l)
        case is PlanStoreUnavailable: return .databaseUnavailable(l)
        case let overloaded as SearchGate.Overloaded: return .overloaded(l, retryAfterSeconds: overloaded.retryAfterSeconds)
        case is NIOTooManyBytesError: return from(HTTPError(.contentTooLarge), localizer: l)
        case let error as ServerError:
            // The generated layer wraps what handlers throw, and its own input errors (RuntimeError).
            if error.underlyingError is Problem || error.underlyingError is TrajetError
                || error.underlyingError is PlanStoreError || error.underlyingError is PlanStoreUnavailable
            {
                return from(error.underlyingError, localizer: l)
            }
            let status = error.httpStatus
            guard status.kind == .clientError else { return .internalError(l) }
            return Problem(
                status, status == .unsupportedMediaType ? "unsupported-media-type" : "bad-request",
                title: status == .unsupportedMediaType
                    ? l.w("api.unsupported-media-type")
                    : l.w("api.bad-request"),
                detail: describe(error.underlyingError), field: field(of: error.underlyingError))
        case let error as HTTPError:
            if error.status == .contentTooLarge {
                return Problem(
                    .contentTooLarge, "content-too-large", title: l.w("api.content-too-large"),
                    detail: l.w("api.the-request-body-is-larger-than", "\(APILimits.maxBodyBytes)"))
            }
            if error.status == .notFound { return .notFound(l, path: "") }
            guard error.status.kind == .clientError else { return .internalError(l) }
            return Problem(
                error.status, "http-\(error.status.code)", title: error.status.reasonPhrase,
                detail: error.body)
        case is DecodingError:
            return .badRequest(l, field: field(of: error), detail: describe(error))
        default:
            return .internalError(l)
        }
    }

    /// What the generated layer or the JSON decoder refused, without Swift type names where it can.
    private static func describe(_ error: any Error) -> String {
        if let runtime = error as? DecodingError { return decodingText(runtime) }
        let text = String(describing: error)
        if let nested = Mirror(reflecting: error).children.first?.value as? DecodingError {
            return text.components(separatedBy: "(").first.map { $0 + ": " } .map { $0 + decodingText(nested) } ?? text
        }
        return text
    }

    private static func decodingText(_ error: DecodingError) -> String {
        switch error {
        case .dataCorrupted(let context):
            let underlying = (context.underlyingError as? NSError)?.userInfo[NSDebugDescriptionErrorKey] as? String
            return "Malformed JSON" + (context.codingPath.isEmpty ? "" : " at \(path(context.codingPath))")
                + ": " + (underlying ?? context.debugDescription)
        case .keyNotFound(let key, let context):
            return "Missing field '\(path(context.codingPath + [key]))'"
        case .typeMismatch(_, let context), .valueNotFound(_, let context):
            return "Wrong type at '\(path(context.codingPath))': \(context.debugDescription)"
        @unknown default:
            return String(describing: error)
        }
    }

    private static func field(of error: any Error) -> String? {
        // OpenAPIRuntime's RuntimeError is not public: its `missingRequired…(name)` cases are read by reflection.
        if let child = Mirror(reflecting: error).children.first, let label = child.label,
            label.hasPrefix("missingRequired"), let name = child.value as? String
        {
            return name
        }
        var decoding = error as? DecodingError
        if decoding == nil { decoding = Mirror(reflecting: error).children.first?.value as? DecodingError }
        guard let decoding else { return nil }
        switch decoding {
        case .keyNotFound(let key, let context): return path(context.codingPath + [key])
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context):
            return context.codingPath.isEmpty ? nil : path(context.codingPath)
        @unknown default: return nil
        }
    }

    private static func path(_ keys: [any CodingKey]) -> String {
        keys.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
            .trimmingPrefix(".").description
    }
}
