import Foundation
import HTTPTypes
import Hummingbird
import OpenAPIRuntime
import Logging
import Metrics
import Prometheus
import NIOCore
import TrajetCore
import TrajetQueries
import TrajetStore
import TrajetWeb

/// What OpenAPI handlers need from the Hummingbird request (they only see the generated `Input`): the request id,
/// its logger, the caller's `Authorization` and `Accept` headers and language. Set by `EdgeMiddleware` for the
/// request's task.
struct RequestInfo: Sendable {
    var requestID: String
    var logger: Logger
    var authorization: String?
    var localizer: Localizer
    var accept: String? = nil
    /// The request's `If-Match`, undecoded (nil when absent).
    var ifMatch: String? = nil
    /// The caller's key, found (and checked not revoked) by `EdgeMiddleware` before the body was read; nil when the
    /// request carried none.
    var key: APIKey? = nil

    @TaskLocal static var current = RequestInfo(
        requestID: "-", logger: Logger(label: "trajet.server"), authorization: nil, localizer: Localizer(.en))
}

/// The outermost middleware: request id (`X-Request-ID`, echoed or made up) on every log line and response, the
/// spec's paths and methods (404, 405 with `Allow`, missing required query parameters, HEAD as GET without the
/// body), body limit (413), cached route answers, answers handlers send already encoded (`EncodedAnswer`), every
/// error turned into an RFC 9457 problem, one access-log line and the metrics per request.
///
/// It also does what swift-openapi's `ErrorHandlingMiddleware` would (malformed input → 4xx, not 500), but writes a
/// problem body naming the field instead of an empty one.
struct EdgeMiddleware<Context: RequestContext>: RouterMiddleware {
    let metrics: APIMetrics
    let routes: RouteTable
    /// Nil when `server.routeCache` is 0, or when the catalogue needs a key (`server.publicReads: false`).
    let routeCache: RouteResponseCache?
    /// Keys are looked up here, before a body is read: an unauthorised client costs a header check and one indexed
    /// read, never a JSON decode.
    let store: any PlanStore
    let publicReads: Bool
    /// The coordinators' page: its paths, and any other path outside the spec's and `/v1` that a browser asks for
    /// (`Accept: text/html`), errors included (a friendly HTML page; API clients keep their problem+json 404).
    var web: WebPages? = nil
    /// "unavailable" (503) at most every 10 s, with the count since the last line (each is counted in the metrics).
    let overloadWarnings = ThrottledWarning(interval: .seconds(10))

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        let start = ContinuousClock.now
        let method = request.method
        let requestID = Self.requestID(from: request.headers[.xRequestID])
        var context = context
        context.logger[metadataKey: "request_id"] = .string(requestID)
        let localizer = Localizer(Self.language(request.headers[.acceptLanguage]))
        var info = RequestInfo(
            requestID: requestID, logger: context.logger, authorization: request.headers[.authorization],
            localizer: localizer, accept: request.headers[.accept])
        // As sent, every field line joined (RFC 9110 §5.3): the generated layer percent-decodes header values, and
        // an If-Match it could not decode ("%zz") reached the handler as no If-Match at all.
        let ifMatch = request.headers[values: .ifMatch]
        info.ifMatch = ifMatch.isEmpty ? nil : ifMatch.joined(separator: ", ")
        var response: Response
        var servedFromCache = false
        let requestPath = request.uri.path
        if let web, !requestPath.hasPrefix("/v1/"), requestPath != "/v1", routes.route(for: requestPath) == nil,
            web.owns(requestPath) || request.headers[.accept]?.contains("text/html") == true
        {
            do {
                response = try await next(request, context)
            } catch {
                // Only the router's own refusals reach here (no page route for this path or method): the page's
                // handlers turn their errors into pages themselves.
                response = await web.notFound(request)
            }
        } else {
        do {
            // The path and method first (404, 405); the key next; the parameters only for a caller with a key: an
            // unauthenticated caller learns nothing of an operation's parameters (issue 16).
            let route = try checkRoute(request, localizer)
            let path = request.uri.path
            if path.hasPrefix("/v1/") {
                let needsKey = !publicReads || path.hasPrefix("/v1/plans") || path.hasPrefix("/v1/reports")
                if needsKey || info.authorization != nil {
                    let key = try await APIKeyCheck.resolve(info.authorization, store: store, localizer: localizer)
                    if path.hasPrefix("/v1/plans"), method != .get, method != .head, key.role < .planner {
                        throw Problem.forbidden(
                            localizer,
                            detail: localizer.w("api.role-is-not-enough-planner-is", "\(key.role.rawValue)"))
                    }
                    info.key = key
                }
            }
            try checkParameters(request, route, localizer)
            var request = request
            if method == .head {
                // RFC 9110: HEAD answers as GET would, without the body. The router sends HEAD to the GET's
                // responder (`autoGenerateHeadEndpoints`); as a GET it also finds and fills the route cache. The body
                // is dropped at the end.
                var head = request.head
                head.method = .get
                request = Request(head: head, body: request.body)
            }
            if request.method == .post || request.method == .patch || request.method == .put {
                let length = request.headers[.contentLength].flatMap(Int.init)
                if length.map({ $0 > 0 }) ?? (request.headers[.transferEncoding] != nil) {
                    try Self.checkContentType(request.headers[.contentType], localizer)
                }
                if let length, length > APILimits.maxBodyBytes { throw HTTPError(.contentTooLarge) }
                // Collected here so a chunked body is held to the same limit before any decoder sees it.
                let body: ByteBuffer
                do {
                    body = try await request.collectBody(upTo: APILimits.maxBodyBytes)
                } catch is NIOTooManyBytesError {
                    throw HTTPError(.contentTooLarge)
                }
                do {
                    try JSONShape.check(body)
                } catch {
                    throw Problem.jsonShape(error, localizer)
                }
            }
            let routed = context
            let cacheKey = routeCache?.key(for: request, language: localizer.language)
            if let cacheKey, let routeCache, let cached = routeCache.response(for: cacheKey) {
                response = cached
                servedFromCache = true
            } else {
                let (answered, encoded) = try await RequestInfo.$current.withValue(info) {
                    do {
                        return (try await next(request, routed), nil as EncodedAnswer?)
                    } catch {
                        guard let answer = EncodedAnswer(thrown: error) else { throw error }
                        return (answer.response, answer)
                    }
                }
                response = answered
                if let cacheKey, let routeCache {
                    // An encoded answer's buffer is kept as it is (shared, not copied); other bodies are collected.
                    if let encoded {
                        routeCache.store(encoded.body, for: cacheKey)
                    } else {
                        response = try await routeCache.store(response, for: cacheKey)
                    }
                }
            }
        } catch {
            let problem = Problem.from(error, localizer: localizer)
            if problem.status >= 500 {
                // The generated layer's ServerError describes the whole request, Authorization header included:
                // log only its cause, so API keys never reach the logs.
                let cause = (error as? ServerError)?.underlyingError ?? error
                if problem.status == 503 {
                    overloadWarnings.record(
                        "unavailable", metadata: ["error": .string(String(describing: cause))], logger: context.logger)
                } else {
                    context.logger.error("unhandled error", metadata: ["error": .string(String(reflecting: cause))])
                }
            }
            response = problem.response(requestID: requestID)
        }
        }
        // The generated layer writes header values as URI components (`"1"` → `%221%22`); these two are not.
        for name in [HTTPField.Name.eTag, .location] {
            if let value = response.headers[name], value.contains("%") {
                response.headers[name] = value.removingPercentEncoding ?? value
            }
        }
        response.headers[.xRequestID] = requestID
        // Hummingbird's own HEAD answer: the GET's status and headers (Content-Length included), no body.
        if method == .head { response = response.createHeadResponse() }
        let elapsed = ContinuousClock.now - start
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        let milliseconds: Double = (seconds * 1_000_000).rounded() / 1000
        let operation =
            servedFromCache ? "\(method) /v1/routes" : context.endpointPath.map { "\(method) \($0)" } ?? "unmatched"
        metrics.record(operation: operation, status: response.status.code, duration: elapsed)
        context.logger.info(
            "\(request.method) \(request.uri.path) \(response.status.code)",
            metadata: [
                "operation": .string(operation),
                "duration_ms": .stringConvertible(milliseconds),
            ])
        return response
    }

    /// 404 for a path the spec does not have, 405 (with `Allow`) for a method it does not have there, 400 naming a
    /// missing required query parameter. HEAD is allowed wherever GET is.
    private func checkRoute(_ request: Request, _ l: Localizer) throws -> RouteTable.Route {
        let path = request.uri.path
        guard let route = routes.route(for: path) else { throw Problem.notFound(l, path: path) }
        guard route.methods[request.method == .head ? .get : request.method] != nil else {
            var problem = Problem(
                .methodNotAllowed, "method-not-allowed", title: l.w("api.method-not-allowed"),
                detail: l.w("api.is-not-an-operation-of", "\(request.method)", "\(path)"))
            let allowed = route.methods.keys.map(\.rawValue) + (route.methods[.get] == nil ? [] : ["HEAD"])
            problem.headers = [(.allow, allowed.sorted().joined(separator: ", "))]
            throw problem
        }
        return route
    }

    /// 400 naming a missing required query parameter or one of the wrong type.
    private func checkParameters(_ request: Request, _ route: RouteTable.Route, _ l: Localizer) throws {
        let path = request.uri.path
        let required = route.methods[request.method == .head ? .get : request.method] ?? []
        let query = request.uri.queryParameters
        for name in required where (query[Substring(name)] ?? "").isEmpty {
            throw Problem(
                .badRequest, "missing-parameter", title: l.w("api.missing-parameter"),
                detail: l.w("api.is-required", "\(name)"), field: name)
        }
        let segments = path.split(separator: "/")
        for parameter in route.typed[request.method == .head ? .get : request.method] ?? [] {
            let value: Substring?
            if parameter.inPath {
                value = route.segments.firstIndex(of: Substring("{\(parameter.name)}")).map { segments[$0] }
            } else {
                value = query[Substring(parameter.name)]
            }
            guard let value, !parameter.accepts(value) else { continue }
            throw Problem(
                .badRequest, "invalid-parameter", title: l.w("api.invalid-parameter"),
                detail: l.w("api.is-expected", "\(parameter.name)", "\(value.prefix(40))", "\(parameter.expected)"),
                field: parameter.name)
        }
    }

    /// A JSON body must say so (`application/json`, or `application/merge-patch+json` where the spec takes it), in
    /// UTF-8: without the header, or in another charset, the decoder would guess (it read UTF-16 silently).
    static func checkContentType(_ header: String?, _ l: Localizer) throws {
        func refuse(_ detail: String) -> Problem {
            Problem(
                .unsupportedMediaType, "unsupported-media-type",
                title: l.w("api.unsupported-media-type"), detail: detail,
                field: "Content-Type")
        }
        guard let header, !header.isEmpty else {
            throw refuse(
                l.w("api.send-content-type-application-json-with"))
        }
        let parts = header.lowercased().split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
        guard let type = parts.first, type == "application/json" || type == "application/merge-patch+json" else {
            throw refuse(
                l.w("api.the-body-must-be-json-application", "\(header.prefix(60))"))
        }
        for parameter in parts.dropFirst() where parameter.hasPrefix("charset=") {
            let charset = parameter.dropFirst("charset=".count).trimmingCharacters(in: CharacterSet(charactersIn: "\""))
            guard charset == "utf-8" || charset == "utf8" else {
                throw refuse(
                    l.w("api.charset-json-must-be-utf-8", "\(charset.prefix(30))"))
            }
        }
    }

    /// The client's id if it is short and plain (it goes into logs), else a new random one.
    static func requestID(from header: String?) -> String {
        if let header, (1...64).contains(header.utf8.count),
            header.utf8.allSatisfy({ $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: ".")
                || (48...57).contains($0) || (65...90).contains($0) || (97...122).contains($0) })
        {
            return header
        }
        var generator = SystemRandomNumberGenerator()
        return (0..<8).map { _ in String(format: "%02x", UInt8.random(in: .min ... .max, using: &generator)) }.joined()
    }

    /// `fr` if French comes before English in `Accept-Language`, else English.
    static func language(_ header: String?) -> Language {
        guard let header else { return .en }
        for part in header.lowercased().split(separator: ",") {
            let tag = part.split(separator: ";").first?.trimmingCharacters(in: .whitespaces) ?? ""
            if tag.hasPrefix("fr") { return .fr }
            if tag.hasPrefix("en") { return .en }
        }
        return .en
    }
}

enum APILimits {
    /// Request bodies above this are refused with 413 (the largest legitimate body is a few kilobytes).
    static let maxBodyBytes = 1 << 20
}

/// The `Authorization: Bearer KEY` check, shared by `EdgeMiddleware` (before the body) and the handlers.
enum APIKeyCheck {
    /// The key named by `header`, known and not revoked; else a 401 problem.
    static func resolve(_ header: String?, store: any APIKeyStore, localizer l: Localizer) async throws -> APIKey {
        guard let header else {
            throw Problem.unauthorized(
                l, detail: l.w("api.send-authorization-bearer-key-trajet-keys"))
        }
        let parts = header.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "bearer", parts[1].utf8.count <= 200 else {
            throw Problem.unauthorized(l, detail: l.w("api.expected-the-bearer-scheme"))
        }
        guard let key = try await store.apiKey(hash: APIKey.hash(String(parts[1]).trimmingCharacters(in: .whitespaces))),
            !key.isRevoked
        else {
            throw Problem.unauthorized(l, detail: l.w("api.unknown-or-revoked-key"))
        }
        return key
    }
}

extension HTTPField.Name {
    static var xRequestID: Self { .init("X-Request-ID")! }
}

/// Request counts and latency per operation, kept in a Prometheus registry that `GET /metrics` prints.
///
/// Recorded through swift-metrics with the registry's own factory rather than the global `MetricsSystem`, so each
/// application (and each test) has its registry and nothing is bootstrapped twice in one process.
struct APIMetrics: Sendable {
    let registry: PrometheusCollectorRegistry
    private let factory: PrometheusMetricsFactory

    init(registry: PrometheusCollectorRegistry = PrometheusCollectorRegistry()) {
        self.registry = registry
        var factory = PrometheusMetricsFactory(registry: registry)
        factory.defaultDurationHistogramBuckets = [
            .microseconds(500), .milliseconds(1), .milliseconds(2), .milliseconds(5), .milliseconds(10),
            .milliseconds(20), .milliseconds(50), .milliseconds(100), .milliseconds(250), .milliseconds(500),
            .seconds(1), .seconds(5),
        ]
        self.factory = factory
    }

    func record(operation: String, status: Int, duration: Duration) {
        Counter(
            label: "trajet_http_requests_total", dimensions: [("operation", operation), ("status", String(status))],
            factory: factory
        ).increment()
        Metrics.Timer(
            label: "trajet_http_request_duration_seconds", dimensions: [("operation", operation)], factory: factory
        ).recordNanoseconds(duration.components.seconds * 1_000_000_000 + duration.components.attoseconds / 1_000_000_000)
    }

    func text() -> String { registry.emitToString() }
}
