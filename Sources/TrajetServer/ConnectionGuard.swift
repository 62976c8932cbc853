import Foundation
import HTTPTypes
import HummingbirdCore
import Logging
import NIOConcurrencyHelpers
import NIOCore
import NIOHTTP1
import NIOHTTPTypes

/// Deadlines and limits of one connection, from `server.*` (docs/deployment.md, "Limits").
struct ConnectionLimits: Sendable {
    var maxHeaderBytes = 16_384
    var headerTimeout: TimeAmount = .seconds(10)
    var bodyTimeout: TimeAmount = .seconds(30)
    var idleTimeout: TimeAmount = .seconds(60)
}

/// Hummingbird's HTTP/1 channel with Trajet's guards around it: a raw-byte watcher ahead of the HTTP decoder (so the
/// header deadline starts at a request's first byte, not when its header block is complete), the decoder limited to
/// `maxHeaderBytes`, `ConnectionGuard` after it, then `EarlyAnswerHandler`.
///
/// Hummingbird's own answer to a malformed request is a 400 with an empty body; `ConnectionGuard` catches the parse
/// error first and writes a problem naming what was wrong (oversized headers → 431, `Transfer-Encoding` it cannot
/// read → 400 naming the header).
struct GuardedHTTP1Channel: ServerChildChannel, HTTPChannelHandler {
    typealias Value = HTTP1Channel.Value
    /// Listening sockets already given a larger accept batch (one per server; tests start several).
    private static let tunedListeners = NIOLockedValueBox(Set<ObjectIdentifier>())
    let http1: HTTP1Channel
    let limits: ConnectionLimits

    init(
        responder: @escaping HTTPChannelHandler.Responder, limits: ConnectionLimits, connections: ConnectionTable,
        early: EarlyAnswers
    ) {
        self.limits = limits
        var decoder = HTTP1Channel.Configuration.DecoderConfiguration()
        decoder.maxHeaderListSize = limits.maxHeaderBytes
        decoder.maxHeaderFieldSize = limits.maxHeaderBytes
        decoder.maxHeaderFieldCount = 200
        self.http1 = HTTP1Channel(
            responder: responder,
            configuration: .init(
                additionalChannelHandlers: [
                    ConnectionGuard(limits: limits, connections: connections), EarlyAnswerHandler(answers: early),
                ],
                idleTimeout: limits.idleTimeout, httpDecoderConfiguration: decoder))
    }

    var responder: HTTPChannelHandler.Responder { http1.responder }

    func setup(channel: any Channel, logger: Logger) -> EventLoopFuture<Value> {
        let http1 = self.http1
        if let listener = channel.parent, Self.tunedListeners.withLockedValue({ $0.insert(ObjectIdentifier(listener)).inserted }) {
            // NIO's listening socket accepts 4 connections per wake-up; under a crowd opening a connection per
            // request, the backlog then grew faster than it drained, and a health check waited 0.3–0.8 s to be
            // accepted though the server answers it in under a millisecond. Hummingbird does not expose the
            // listener's options, so the first connection sets it on its parent. A batch is accepted whole, so the
            // connection cap can be passed by one batch (`OpenFileLimit.acceptBatch`).
            listener.setOption(ChannelOptions.maxMessagesPerRead, value: UInt(OpenFileLimit.acceptBatch)).whenFailure { error in
                logger.warning("could not tune the listening socket", metadata: ["error": "\(error)"])
            }
        }
        // First in the pipeline: HTTP1Channel appends the decoder and the rest after it.
        return channel.eventLoop.makeCompletedFuture {
            try channel.pipeline.syncOperations.addHandler(ByteArrivalHandler())
        }.flatMap { http1.setup(channel: channel, logger: logger) }
    }

    func handle(value: Value, logger: Logger) async {
        await http1.handle(value: value, logger: logger)
    }
}

extension HTTPServerBuilder {
    /// HTTP/1 with `GuardedHTTP1Channel`; every connection is recorded in `connections`; probes and refused searches
    /// are answered below the router (`EarlyAnswerHandler`).
    static func guardedHTTP1(_ limits: ConnectionLimits, connections: ConnectionTable, early: EarlyAnswers)
        -> HTTPServerBuilder
    {
        .init { responder in
            GuardedHTTP1Channel(responder: responder, limits: limits, connections: connections, early: early)
        }
    }
}

/// Sent down the pipeline whenever bytes arrive, before the decoder sees them.
struct BytesArrived: Sendable {}

/// Tells `ConnectionGuard` that bytes arrived (the decoder only speaks once a header block is complete).
final class ByteArrivalHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        context.fireUserInboundEventTriggered(BytesArrived())
        context.fireChannelRead(data)
    }
}

/// Closes slow clients and answers malformed requests with a problem.
///
/// - Header deadline: from the first byte of a request to its complete header block (`headerTimeout`); when it
///   passes, a 408 problem and the connection is closed. A slowloris client sending a byte now and then is not kept.
/// - Body deadline: from the header block to the body's end (`bodyTimeout`); then the connection is closed (a
///   response may already be on its way, so no second one is written).
/// - Parse errors (oversized header block, unreadable `Transfer-Encoding`, bad `Content-Length`…): a problem naming
///   the part at fault, then the connection is closed; the error is not passed on, so Hummingbird does not write its
///   empty 400.
/// Between requests, Hummingbird's idle timeout (`idleTimeout`) closes a keep-alive connection nobody uses.
/// - The connection table learns when the connection waits for its client and when the server answers it, so that
///   over the connection cap the longest-waiting one makes room for a new client (`ConnectionTable`).
final class ConnectionGuard: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    private enum State {
        /// No byte of a next request yet.
        case idle
        case readingHead
        case readingBody
        /// The request is read; its response is being written.
        case answering
    }

    private let limits: ConnectionLimits
    private let connections: ConnectionTable
    private var state = State.idle
    /// Requests whose response has not been written to the end yet (more than one when a client pipelines).
    private var pendingResponses = 0
    /// Whether the head of the response being written has gone out.
    private var responseStarted = false
    /// A parse error arrived after a request's header block, before its response started: the problem that replaces
    /// that response (the router answers the truncated request; its answer would not say what was wrong).
    private var replacement: Problem?
    private var deadline: Scheduled<Void>?

    init(limits: ConnectionLimits, connections: ConnectionTable) {
        self.limits = limits
        self.connections = connections
    }

    func handlerAdded(context: ChannelHandlerContext) { connections.opened(context.channel) }

    func handlerRemoved(context: ChannelHandlerContext) {
        cancelDeadline()
        connections.closed(context.channel)
    }

    func channelInactive(context: ChannelHandlerContext) {
        cancelDeadline()
        connections.closed(context.channel)
        context.fireChannelInactive()
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if event is BytesArrived {
            if case .idle = state {
                state = .readingHead
                schedule(context, limits.headerTimeout) { guardHandler, context in guardHandler.headerTimedOut(context) }
            }
            return
        }
        context.fireUserInboundEventTriggered(event)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head:
            cancelDeadline()
            state = .readingBody
            pendingResponses += 1
            schedule(context, limits.bodyTimeout) { guardHandler, context in guardHandler.bodyTimedOut(context) }
        case .body:
            break
        case .end:
            cancelDeadline()
            state = pendingResponses > 0 ? .answering : .idle
            connections.answering(context.channel)
        }
        context.fireChannelRead(data)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        let part = unwrapOutboundIn(data)
        if let replacement {
            // The router's answer to the truncated request is dropped; the problem goes out in its place.
            promise?.succeed(())
            if case .end = part {
                self.replacement = nil
                answerAndClose(context, replacement)
            }
            return
        }
        switch part {
        case .head: responseStarted = true
        case .body: break
        case .end:
            responseStarted = false
            pendingResponses = max(0, pendingResponses - 1)
            if pendingResponses == 0, case .answering = state {
                state = .idle
                connections.waiting(context.channel)
            }
        }
        context.write(data, promise: promise)
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        guard let parseError = error as? HTTPParserError else {
            context.fireErrorCaught(error)
            return
        }
        cancelDeadline()
        if pendingResponses == 1, !responseStarted, case .readingBody = state {
            // The header block was read, then its framing failed (llhttp reports `Transfer-Encoding: gzip` after the
            // head): end the body so the router answers, and send the problem instead of that answer.
            replacement = Self.problem(for: parseError)
            state = .answering
            context.fireChannelRead(wrapInboundOut(.end(nil)))
            return
        }
        if pendingResponses > 0 {
            // A response is already on its way (a pipelined request before this one): nothing can be slipped in.
            context.close(promise: nil)
            return
        }
        answerAndClose(context, Self.problem(for: parseError))
    }

    private func headerTimedOut(_ context: ChannelHandlerContext) {
        guard case .readingHead = state else { return }
        guard pendingResponses == 0 else {
            context.close(promise: nil)
            return
        }
        answerAndClose(
            context,
            Problem(
                .requestTimeout, "header-timeout", title: "Request timeout / Délai dépassé",
                detail: "The request's header block did not arrive within \(limits.headerTimeout.nanoseconds / 1_000_000_000) s "
                    + "(server.headerTimeoutSeconds). / L'en-tête de la requête n'est pas arrivé à temps.",
                field: "headers"))
    }

    private func bodyTimedOut(_ context: ChannelHandlerContext) {
        guard case .readingBody = state else { return }
        context.close(promise: nil)
    }

    /// A problem written straight to the HTTP encoder (no request reached the router), then the connection closed.
    /// Worded in both languages: the `Accept-Language` header may be what could not be read.
    private func answerAndClose(_ context: ChannelHandlerContext, _ problem: Problem) {
        state = .answering
        pendingResponses += 1
        let (encodedFields, data) = problem.encoded(requestID: nil)
        var fields = encodedFields
        fields[.connection] = "close"
        fields[.contentLength] = String(data.count)
        let head = HTTPResponse(status: HTTPResponse.Status(code: problem.status), headerFields: fields)
        context.write(wrapOutboundOut(.head(head)), promise: nil)
        context.write(wrapOutboundOut(.body(ByteBuffer(bytes: data))), promise: nil)
        let loopBound = NIOLoopBound(context, eventLoop: context.eventLoop)
        context.writeAndFlush(wrapOutboundOut(.end(nil))).whenComplete { _ in loopBound.value.close(promise: nil) }
    }

    static func problem(for error: HTTPParserError) -> Problem {
        switch error {
        case .headerOverflow:
            return Problem(
                .requestHeaderFieldsTooLarge, "headers-too-large",
                title: "Request header fields too large / En-têtes trop volumineux",
                detail: "The request line and header block are larger than the server accepts (server.maxHeaderBytes). "
                    + "/ La ligne de requête et les en-têtes dépassent la taille acceptée.",
                field: "headers")
        case .invalidContentLength, .unexpectedContentLength:
            return Problem(
                .badRequest, "bad-request", title: "Bad request / Requête invalide",
                detail: "Content-Length is invalid or conflicts with Transfer-Encoding. / Content-Length est invalide.",
                field: "Content-Length")
        case .invalidChunkSize, .invalidConstant, .invalidEOFState, .unknown:
            // llhttp reports a Transfer-Encoding other than `chunked` (gzip, deflate…) as one of these.
            return Problem(
                .badRequest, "bad-request", title: "Bad request / Requête invalide",
                detail: "The body's framing could not be read: only Content-Length or Transfer-Encoding: chunked "
                    + "(without compression) are accepted. / Seuls Content-Length ou Transfer-Encoding: chunked sont acceptés.",
                field: "Transfer-Encoding")
        default:
            return Problem(
                .badRequest, "bad-request", title: "Bad request / Requête invalide",
                detail: "The request is not valid HTTP/1.1 (\(error)). / La requête n'est pas du HTTP/1.1 valide.",
                field: "request")
        }
    }

    private func schedule(
        _ context: ChannelHandlerContext, _ delay: TimeAmount,
        _ action: @escaping (ConnectionGuard, ChannelHandlerContext) -> Void
    ) {
        cancelDeadline()
        deadline = context.eventLoop.assumeIsolated().scheduleTask(in: delay) {
            self.deadline = nil
            action(self, context)
        }
    }

    private func cancelDeadline() {
        deadline?.cancel()
        deadline = nil
    }
}
