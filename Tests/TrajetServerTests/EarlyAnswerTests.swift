import Foundation
import HTTPTypes
import NIOCore
import NIOEmbedded
import NIOHTTPTypes
import Testing
import TrajetCore
import TrajetSQLite

@testable import TrajetServer

/// Requests answered on the event loop, below the router (issue 18: `/healthz` took 0.5–0.8 s behind a crowd of
/// route searches queued for the cooperative threads). Driven through an `EmbeddedChannel`: what is answered here,
/// what goes on to the router, and in which order.
@Suite struct EarlyAnswerTests {
    /// A search gate whose one thread is held (and no queue): full until `release()`.
    final class HeldGate: Sendable {
        let gate = SearchGate(concurrency: 1, queue: 0)
        private let blocker = ThreadFlag()
        private let running: Task<Int, any Error>

        init() async throws {
            let (gate, blocker) = (gate, blocker)
            running = Task { try await gate.run { blocker.waitUntilSet(); return 1 } }
            while !gate.isSaturated { try await Task.sleep(for: .milliseconds(5)) }
        }

        func release() async throws {
            blocker.set()
            _ = try await running.value
        }
    }

    struct Setup {
        let channel: EmbeddedChannel
        let readiness: ReadinessMonitor
        let cache: RouteResponseCache
    }

    static func setup(gate: SearchGate, refusalDelay: TimeAmount = .zero) throws -> Setup {
        let readiness = ReadinessMonitor(store: try SQLitePlanStore.inMemory())
        let cache = RouteResponseCache(capacity: 8)
        let answers = EarlyAnswers(
            searches: gate, readiness: readiness, metrics: APIMetrics(), routeCache: cache, refusalDelay: refusalDelay)
        let channel = EmbeddedChannel(handler: EarlyAnswerHandler(answers: answers))
        try channel.connect(to: SocketAddress(ipAddress: "127.0.0.1", port: 1)).wait()
        return Setup(channel: channel, readiness: readiness, cache: cache)
    }

    static func send(_ channel: EmbeddedChannel, _ method: HTTPRequest.Method, _ path: String, _ fields: HTTPFields = [:])
        throws
    {
        try channel.writeInbound(HTTPRequestPart.head(HTTPRequest(method: method, scheme: nil, authority: "x", path: path, headerFields: fields)))
        try channel.writeInbound(HTTPRequestPart.end(nil))
    }

    /// The response written on the channel: status, fields, body text.
    static func response(_ channel: EmbeddedChannel) throws -> (HTTPResponse, String)? {
        guard case .head(let head) = try channel.readOutbound(as: HTTPResponsePart.self) else { return nil }
        var body = ""
        while let part = try channel.readOutbound(as: HTTPResponsePart.self) {
            if case .body(let buffer) = part { body += String(buffer: buffer) }
            if case .end = part { break }
        }
        return (head, body)
    }

    /// What went on to the router: the paths of the request heads.
    static func forwarded(_ channel: EmbeddedChannel) throws -> [String] {
        var paths: [String] = []
        while let part = try channel.readInbound(as: HTTPRequestPart.self) {
            if case .head(let head) = part { paths.append(head.path ?? "") }
        }
        return paths
    }

    @Test func healthIsAnsweredWithoutTheRouter() throws {
        let setup = try Self.setup(gate: SearchGate(concurrency: 1, queue: 0))
        try Self.send(setup.channel, .get, "/healthz", [.xRequestID: "probe-1"])
        let (head, body) = try #require(try Self.response(setup.channel))
        #expect(head.status == .ok && body == #"{"status":"ok"}"#)
        #expect(head.headerFields[.contentType] == "application/json; charset=utf-8")
        #expect(head.headerFields[.xRequestID] == "probe-1" && head.headerFields[.contentLength] == "15")
        #expect(head.headerFields[.date]?.hasSuffix(" GMT") == true)
        #expect(try Self.forwarded(setup.channel).isEmpty)
        // HEAD: the same head, no body.
        try Self.send(setup.channel, .head, "/healthz")
        let (headOnly, noBody) = try #require(try Self.response(setup.channel))
        #expect(headOnly.status == .ok && noBody.isEmpty && headOnly.headerFields[.contentLength] == "15")
        // Any other method is the router's (405 there).
        try Self.send(setup.channel, .post, "/healthz")
        #expect(try Self.forwarded(setup.channel) == ["/healthz"])
    }

    @Test func readinessComesFromAFreshCheckAndTheGate() async throws {
        let held = try await HeldGate()
        let setup = try Self.setup(gate: held.gate)
        // No check yet: the router's operation asks the store.
        try Self.send(setup.channel, .get, "/readyz")
        #expect(try Self.forwarded(setup.channel) == ["/readyz"])
        try setup.channel.writeOutbound(HTTPResponsePart.head(HTTPResponse(status: .ok)))
        try setup.channel.writeOutbound(HTTPResponsePart.end(nil))
        _ = try Self.response(setup.channel)
        #expect(await setup.readiness.check().failure == nil)
        // A fresh check, searches refused: 503 overloaded, in French when asked.
        try Self.send(setup.channel, .get, "/readyz", [.acceptLanguage: "fr"])
        let (busy, busyBody) = try #require(try Self.response(setup.channel))
        #expect(busy.status == .serviceUnavailable && busy.headerFields[.retryAfter] == "1")
        #expect(busy.headerFields[.contentType] == "application/problem+json; charset=utf-8")
        #expect(busyBody.contains("overloaded") && busyBody.contains("Serveur surchargé"))
        try await held.release()
        try Self.send(setup.channel, .get, "/readyz")
        let (ready, readyBody) = try #require(try Self.response(setup.channel))
        #expect(ready.status == .ok && readyBody == #"{"status":"ready"}"#)
    }

    @Test func searchesAreRefusedBeforeTheRouterWhileTheGateIsFull() async throws {
        let held = try await HeldGate()
        let setup = try Self.setup(gate: held.gate)
        try Self.send(setup.channel, .get, "/v1/routes?from=liege&to=twiza", [.xRequestID: "crowd-7"])
        let (refused, body) = try #require(try Self.response(setup.channel))
        #expect(refused.status == .serviceUnavailable)
        let problem = try #require(try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any])
        #expect(problem["requestId"] as? String == "crowd-7" && problem["status"] as? Int == 503)
        #expect(refused.headerFields[.contentLength] == String(body.utf8.count))
        #expect(refused.headerFields[.retryAfter] == String(held.gate.retryAfterSeconds))
        #expect(body.contains("https://trajet.invalid/problems/overloaded"))
        #expect(try Self.forwarded(setup.channel).isEmpty)
        // An answer already in the route cache is still served (by the router), overloaded or not.
        let key = try #require(
            setup.cache.key(path: "/v1/routes", query: "from=liege&to=aje&depart=2027-07-01", authorization: nil, language: .en))
        setup.cache.store(ByteBuffer(string: "{}"), for: key)
        try Self.send(setup.channel, .get, "/v1/routes?from=liege&to=aje&depart=2027-07-01")
        #expect(try Self.forwarded(setup.channel) == ["/v1/routes?from=liege&to=aje&depart=2027-07-01"])
        try await held.release()
    }

    @Test func aRefusalWaitsAndTheClientIsNotReadMeanwhile() async throws {
        let held = try await HeldGate()
        let setup = try Self.setup(gate: held.gate, refusalDelay: .milliseconds(500))
        // Reads pass through while nothing waits.
        var reads = 0
        try setup.channel.pipeline.syncOperations.addHandler(ReadCounter { reads += 1 }, position: .first)
        setup.channel.read()
        #expect(reads == 1)
        try Self.send(setup.channel, .get, "/v1/routes?from=liege&to=twiza")
        // A pipelining client's next request, sent meanwhile, waits behind the refusal.
        try Self.send(setup.channel, .get, "/healthz", [.xRequestID: "second"])
        setup.channel.read()
        #expect(try setup.channel.readOutbound(as: HTTPResponsePart.self) == nil)
        #expect(reads == 1, "nothing more is read from a client being refused")
        setup.channel.embeddedEventLoop.advanceTime(by: .milliseconds(499))
        #expect(try setup.channel.readOutbound(as: HTTPResponsePart.self) == nil)
        setup.channel.embeddedEventLoop.advanceTime(by: .milliseconds(1))
        let (refused, _) = try #require(try Self.response(setup.channel))
        #expect(refused.status == .serviceUnavailable)
        let (health, _) = try #require(try Self.response(setup.channel))
        #expect(health.status == .ok && health.headerFields[.xRequestID] == "second")
        #expect(reads == 2, "reading resumes once the refusal is written")
        #expect(try Self.forwarded(setup.channel).isEmpty)
        try await held.release()
    }

    @Test func aSearchIsTheRoutersWhenTheGateHasRoom() throws {
        let setup = try Self.setup(gate: SearchGate(concurrency: 1, queue: 0))
        try Self.send(setup.channel, .get, "/v1/routes?from=liege&to=twiza")
        #expect(try Self.forwarded(setup.channel) == ["/v1/routes?from=liege&to=twiza"])
    }

    @Test func aProbeBehindAnotherRequestKeepsItsPlace() throws {
        let setup = try Self.setup(gate: SearchGate(concurrency: 1, queue: 0))
        // A request the router is still answering, then a pipelined probe: the probe goes to the router too, or its
        // answer would overtake the first one.
        try Self.send(setup.channel, .get, "/v1/partners")
        try Self.send(setup.channel, .get, "/healthz")
        #expect(try Self.forwarded(setup.channel) == ["/v1/partners", "/healthz"])
        // Once both responses are written, probes are answered here again.
        for _ in 0..<2 {
            try setup.channel.writeOutbound(HTTPResponsePart.head(HTTPResponse(status: .ok)))
            try setup.channel.writeOutbound(HTTPResponsePart.end(nil))
        }
        while try setup.channel.readOutbound(as: HTTPResponsePart.self) != nil {}
        try Self.send(setup.channel, .get, "/healthz")
        #expect(try Self.forwarded(setup.channel).isEmpty)
        #expect(try Self.response(setup.channel)?.0.status == .ok)
    }

    @Test func connectionCloseIsHonoured() throws {
        let setup = try Self.setup(gate: SearchGate(concurrency: 1, queue: 0))
        try Self.send(setup.channel, .get, "/healthz", [.connection: "close"])
        let (head, _) = try #require(try Self.response(setup.channel))
        #expect(head.headerFields[.connection] == "close")
        setup.channel.embeddedEventLoop.run()
        #expect(!setup.channel.isActive)
    }

    @Test func theRouteCacheKeyIsTheSameFromBothSides() {
        let cache = RouteResponseCache(capacity: 2)
        // Undated: the key carries today's date (the answer searches from tomorrow); dated: it does not.
        let undated = cache.key(path: "/v1/routes", query: "from=liege&to=twiza", authorization: nil, language: .fr)
        #expect(undated?.day == CalendarDay.today.description)
        let dated = cache.key(path: "/v1/routes", query: "from=liege&depart=2027-07-01", authorization: nil, language: .fr)
        #expect(dated?.day == nil)
        #expect(cache.key(path: "/v1/routes", query: "depart=", authorization: nil, language: .en)?.day != nil)
        #expect(cache.key(path: "/v1/routes", query: nil, authorization: "Bearer x", language: .en) == nil)
        #expect(cache.key(path: "/v1/places", query: nil, authorization: nil, language: .en) == nil)
    }
}

/// Counts the reads asked of the channel (outbound `read` events reaching the head of the pipeline).
final class ReadCounter: ChannelOutboundHandler, @unchecked Sendable {
    typealias OutboundIn = Any
    let counted: () -> Void
    init(_ counted: @escaping () -> Void) { self.counted = counted }
    func read(context: ChannelHandlerContext) {
        counted()
        context.read()
    }
}
