import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import Synchronization
import TrajetCore
import TrajetQueries

/// The encoded answers of `GET /v1/routes`, served again without a search nor a JSON encoding.
///
/// The datasets and settings do not change while the server runs, so an answer depends only on the query, the
/// language and, without `depart` (= tomorrow), today's date. Only anonymous requests are cached and served from
/// here: a request with a key goes through the handler, which checks the key. A miss goes through the generated
/// handler as any request; its 200 body is kept (FIFO, `capacity` answers of about 30 KB).
struct RouteResponseCache: Sendable {
    private let answers: AnswerCache<Key, ByteBuffer>

    struct Key: Hashable, Sendable {
        var query: String
        var language: Language
        var day: String?
    }

    init(capacity: Int) { answers = AnswerCache(capacity: capacity) }

    func key(for request: Request, language: Language) -> Key? {
        guard request.method == .get else { return nil }
        return key(
            path: Substring(request.uri.path), query: request.uri.query.map { Substring($0) },
            authorization: request.headers[.authorization], language: language)
    }

    /// The key of an anonymous `GET /v1/routes` with this raw query (what follows `?`, as sent); the same from the
    /// router and from below it (`EarlyAnswers`).
    func key(path: Substring, query: Substring?, authorization: String?, language: Language) -> Key? {
        guard path == "/v1/routes", authorization == nil else { return nil }
        let query = query.map(String.init) ?? ""
        let dated = query.split(separator: "&").contains { parameter in
            parameter.hasPrefix("depart=") && parameter.count > "depart=".count
        }
        return Key(query: query, language: language, day: dated ? nil : CalendarDay.today.description)
    }

    func contains(_ key: Key) -> Bool { answers.value(for: key) != nil }

    func response(for key: Key) -> Response? {
        guard let body = answers.value(for: key) else { return nil }
        return Response(
            status: .ok, headers: [.contentType: "application/json; charset=utf-8"],
            body: ResponseBody(byteBuffer: body))
    }

    /// Keeps the bytes of a 200 answer that was sent as one buffer.
    func store(_ body: ByteBuffer, for key: Key) {
        answers.store(body, for: key)
    }

    /// Keeps a 200 answer's bytes; returns the response with its body as one buffer.
    func store(_ response: Response, for key: Key) async throws -> Response {
        guard response.status == .ok else { return response }
        var response = response
        let collector = Collector()
        try await response.body.write(CollectingWriter(collector: collector))
        let body = collector.buffer
        answers.store(body, for: key)
        response.body = ResponseBody(byteBuffer: body)
        return response
    }

    private final class Collector: Sendable {
        private let bytes = Mutex(ByteBuffer())
        func append(_ buffer: ByteBuffer) {
            bytes.withLock { stored in
                var buffer = buffer
                stored.writeBuffer(&buffer)
            }
        }
        var buffer: ByteBuffer { bytes.withLock { $0 } }
    }

    private struct CollectingWriter: ResponseBodyWriter {
        let collector: Collector
        mutating func write(_ buffer: ByteBuffer) async throws { collector.append(buffer) }
        consuming func finish(_ trailingHeaders: HTTPFields?) async throws {}
    }
}
