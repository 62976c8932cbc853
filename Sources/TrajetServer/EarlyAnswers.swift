#if canImport(Glibc)
import Glibc
#endif
import Foundation
import HTTPTypes
import Logging
import NIOConcurrencyHelpers
import NIOCore
import NIOHTTPTypes
import ServiceLifecycle
import TrajetCore
import TrajetQueries
import TrajetStore

/// Whether the store answers, checked every second in the background so that `/readyz` can answer without waiting
/// for the database (`EarlyAnswerHandler`), and checked live by the `/readyz` operation itself.
final class ReadinessMonitor: Service, Sendable {
    struct Check: Sendable {
        var at: NIODeadline
        /// Why the store did not answer; nil when it did.
        var failure: String?
    }

    /// A background check older than this is not trusted: `/readyz` then asks the store itself (the slow path).
    static let freshFor = TimeAmount.seconds(5)
    private let store: any PlanStore
    private let interval: TimeAmount
    private let latest = NIOLockedValueBox<Check?>(nil)

    init(store: any PlanStore, interval: TimeAmount = .seconds(1)) {
        self.store = store
        self.interval = interval
    }

    /// The last check if it is fresh enough to answer with.
    func recentCheck(now: NIODeadline = .now()) -> Check? {
        latest.withLockedValue { check in
            guard let check, now - check.at <= Self.freshFor else { return nil }
            return check
        }
    }

    /// Pings the store now and remembers the answer.
    @discardableResult
    func check() async -> Check {
        var failure: String?
        do {
            try await store.ping()
        } catch {
            failure = "\(error)"
        }
        let checked = Check(at: .now(), failure: failure)
        latest.withLockedValue { $0 = checked }
        return checked
    }

    func run() async throws {
        // High priority: under a crowd of requests the check must still come round, or `/readyz` would fall back to
        // the slow path exactly when it matters.
        let task = Task(priority: .high) {
            while !Task.isCancelled {
                await check()
                try? await Task.sleep(for: .nanoseconds(interval.nanoseconds))
            }
        }
        await withTaskCancellationOrGracefulShutdownHandler {
            await task.value
        } onCancelOrGracefulShutdown: {
            task.cancel()
        }
    }
}

/// What the answers given below the router need, shared by every connection's `EarlyAnswerHandler`.
struct EarlyAnswers: Sendable {
    let searches: SearchGate
    let readiness: ReadinessMonitor
    let metrics: APIMetrics
    /// The route answers the router keeps (nil when off): a search already answered is served, never refused.
    let routeCache: RouteResponseCache?
    /// The refusals, encoded once per language: under a crowd they are most of what is written here.
    private let refusals: [Language: Refusals]

    struct Answer: Sendable {
        var status: HTTPResponse.Status
        var fields: HTTPFields
        var body: Data
        /// Written after this pause (a refused search, `server.refusalDelayMilliseconds`).
        var delay: TimeAmount = .zero
    }

    private struct Refusals: Sendable {
        var search: Answer
        var readinessOverloaded: Answer
        var notReady: Answer
    }

    init(
        searches: SearchGate, readiness: ReadinessMonitor, metrics: APIMetrics, routeCache: RouteResponseCache?,
        refusalDelay: TimeAmount = .zero
    ) {
        (self.searches, self.readiness, self.metrics, self.routeCache) = (searches, readiness, metrics, routeCache)
        var refusals: [Language: Refusals] = [:]
        for language in [Language.fr, .en] {
            let l = Localizer(language)
            var search = Self.problem(.overloaded(l, retryAfterSeconds: searches.retryAfterSeconds))
            search.delay = refusalDelay
            refusals[language] = Refusals(
                search: search,
                readinessOverloaded: Self.problem(.overloaded(l, retryAfterSeconds: 1)),
                notReady: Self.problem(.notReady(l)))
        }
        self.refusals = refusals
    }

    /// The answer to give on the event loop to a request with this head, or nil when the router must answer it.
    ///
    /// - `/healthz`: always; `/readyz`: from a background check at most 5 s old, and the search gate's load now.
    /// - `GET /v1/routes` while the search gate is full and the answer is not in the route cache: the 503 the handler
    ///   would give once the generated layer had decoded every parameter, given before any of that work, after
    ///   `refusalDelay`. (Checked again by the handler: the gate may fill between here and there.)
    func answer(to head: HTTPRequest, path: Substring, query: Substring?, language: Language) -> Answer? {
        guard let refusal = refusals[language] ?? refusals[.en] else { return nil }
        switch path {
        case "/healthz":
            return Answer(status: .ok, fields: Self.json, body: Data(#"{"status":"ok"}"#.utf8))
        case "/readyz":
            guard let check = readiness.recentCheck() else { return nil }
            if check.failure != nil { return refusal.notReady }
            if searches.isSaturated { return refusal.readinessOverloaded }
            return Answer(status: .ok, fields: Self.json, body: Data(#"{"status":"ready"}"#.utf8))
        case "/v1/routes":
            guard searches.isSaturated else { return nil }
            if let routeCache,
                let key = routeCache.key(
                    path: path, query: query, authorization: head.headerFields[.authorization], language: language),
                routeCache.contains(key)
            {
                return nil
            }
            return refusal.search
        default:
            return nil
        }
    }

    private static let json: HTTPFields = [.contentType: "application/json; charset=utf-8"]

    private static func problem(_ problem: Problem) -> Answer {
        let (fields, data) = problem.encoded(requestID: nil)
        return Answer(status: HTTPResponse.Status(code: problem.status), fields: fields, body: data)
    }
}

/// Answers a few requests on the connection's event loop, without reaching the router: `GET`/`HEAD /healthz`,
/// `/readyz`, and route searches refused because the search gate is full (`EarlyAnswers`).
///
/// Under a crowd of route searches every request task waits its turn on Swift's cooperative threads; a health
/// check queued behind a thousand of them took 0.5–0.8 s, and a load balancer would have taken the instance out
/// while it was only busy. Answered here, a probe costs its parse and one write, whatever the crowd; and a search
/// that would be refused anyway no longer takes a task, a trip through the generated layer and a JSON encoding to
/// be told so, which is what kept those threads saturated. A request pipelined behind another one on the same
/// connection always goes to the router, so answers keep their order.
final class EarlyAnswerHandler: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    private struct Pending {
        var head: HTTPRequest
        var path: Substring
        /// Nil: the router answers it after all (`/readyz` without a fresh check).
        var answer: EarlyAnswers.Answer?
        var started: ContinuousClock.Instant
        /// Its `.end` has arrived: from then on, what the client sends waits in `held` until the answer is written.
        var complete = false
    }

    private let answers: EarlyAnswers
    /// Requests passed on to the router whose response has not been written to its end.
    private var forwarded = 0
    /// The request being answered here, from its head until its answer is written.
    private var pending: Pending?
    /// Parts of later requests that arrived while a delayed answer waited (a pipelining client).
    private var held: [HTTPRequestPart] = []
    /// A read asked for while a delayed answer waited: nothing more is read from this client until it is written.
    private var readHeld = false
    private var delayed: Scheduled<Void>?

    init(answers: EarlyAnswers) { self.answers = answers }

    func handlerRemoved(context: ChannelHandlerContext) {
        delayed?.cancel()
        delayed = nil
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let part = unwrapInboundIn(data)
        if let pending {
            if pending.complete {
                held.append(part)
            } else if case .end = part {
                // The body, if a client sent one, was read and dropped.
                self.pending?.complete = true
                answer(context)
            }
            return
        }
        if case .head(let head) = part, forwarded == 0, head.method == .get || head.method == .head,
            let target = head.path
        {
            let parts = target.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
            let path = parts.first ?? ""
            if path == "/healthz" || path == "/readyz" || path == "/v1/routes" {
                let language = EdgeMiddleware<TrajetRequestContext>.language(head.headerFields[.acceptLanguage])
                let query = parts.count > 1 ? parts[1] : nil
                if let answer = answers.answer(to: head, path: path, query: query, language: language) {
                    pending = Pending(head: head, path: path, answer: answer, started: .now)
                    return
                }
                if path == "/readyz" {
                    // No fresh readiness check: the router's operation asks the store (the slow path).
                    pending = Pending(head: head, path: path, answer: nil, started: .now)
                    return
                }
            }
        }
        if case .head = part { forwarded += 1 }
        context.fireChannelRead(data)
    }

    func read(context: ChannelHandlerContext) {
        if pending?.complete == true {
            readHeld = true
            return
        }
        context.read()
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        if case .end = unwrapOutboundIn(data) { forwarded = max(0, forwarded - 1) }
        context.write(data, promise: promise)
    }

    private func answer(_ context: ChannelHandlerContext) {
        guard let pending else { return }
        guard let answer = pending.answer else {
            self.pending = nil
            forwarded += 1
            context.fireChannelRead(wrapInboundOut(.head(pending.head)))
            context.fireChannelRead(wrapInboundOut(.end(nil)))
            resume(context)
            return
        }
        guard answer.delay > .zero else {
            write(answer, for: pending, context)
            return
        }
        let loopBound = NIOLoopBound((self, context), eventLoop: context.eventLoop)
        delayed = context.eventLoop.scheduleTask(in: answer.delay) {
            let (handler, context) = loopBound.value
            handler.delayed = nil
            handler.write(answer, for: pending, context)
        }
    }

    private func write(_ answer: EarlyAnswers.Answer, for pending: Pending, _ context: ChannelHandlerContext) {
        let head = pending.head
        let requestID = EdgeMiddleware<TrajetRequestContext>.requestID(from: head.headerFields[.xRequestID])
        var body = answer.body
        if answer.status.code >= 400, body.last == UInt8(ascii: "}") {
            // The problem's request id, as the router writes it (the id's characters need no JSON escaping).
            body.removeLast()
            body.append(contentsOf: Array(#","requestId":"\#(requestID)"}"#.utf8))
        }
        var fields = answer.fields
        fields[.contentLength] = String(body.count)
        fields[.xRequestID] = requestID
        fields[.date] = Self.httpDate()
        fields[.server] = "trajet"
        let closing = head.headerFields[.connection]?.lowercased().contains("close") == true
        if closing { fields[.connection] = "close" }
        context.write(wrapOutboundOut(.head(HTTPResponse(status: answer.status, headerFields: fields))), promise: nil)
        if head.method != .head {
            context.write(wrapOutboundOut(.body(ByteBuffer(bytes: body))), promise: nil)
        }
        let written = context.writeAndFlush(wrapOutboundOut(.end(nil)))
        answers.metrics.record(
            operation: "\(head.method) \(pending.path)", status: Int(answer.status.code),
            duration: ContinuousClock.now - pending.started)
        self.pending = nil
        if closing {
            held.removeAll()
            let loopBound = NIOLoopBound(context, eventLoop: context.eventLoop)
            written.whenComplete { _ in loopBound.value.close(promise: nil) }
            return
        }
        resume(context)
    }

    /// What a pipelining client sent meanwhile is read now, in order; then reading goes on.
    private func resume(_ context: ChannelHandlerContext) {
        while pending?.complete != true, !held.isEmpty {
            let part = held.removeFirst()
            channelRead(context: context, data: wrapInboundOut(part))
        }
        if pending?.complete != true, readHeld {
            readHeld = false
            context.read()
        }
    }

    /// RFC 9110's IMF-fixdate, as Hummingbird writes it.
    static func httpDate(_ now: time_t = time(nil)) -> String {
        var seconds = now
        var parts = tm()
        gmtime_r(&seconds, &parts)
        let days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        func two(_ value: Int32) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return "\(days[Int(parts.tm_wday)]), \(two(parts.tm_mday)) \(months[Int(parts.tm_mon)]) \(parts.tm_year + 1900) "
            + "\(two(parts.tm_hour)):\(two(parts.tm_min)):\(two(parts.tm_sec)) GMT"
    }
}
