import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
@_spi(Generated) import OpenAPIRuntime

/// A 200 answer whose JSON is already written, thrown by a handler so that `EdgeMiddleware` sends those bytes as
/// they are.
///
/// The generated layer only sends typed bodies: returning the answer would mean decoding the CLI's JSON into the
/// generated type and encoding it again, twice the work of the search itself for `GET /v1/routes`. Thrown, the
/// answer passes through the generated layer (which wraps it in a `ServerError`) untouched. The generated serializer's
/// `Accept` check is skipped by the throw, so `checkAccept` makes it instead.
struct EncodedAnswer: Error, Sendable {
    var contentType: String
    var body: ByteBuffer

    /// `bytes`, `value` as the generated layer would encode it (`JSONEncoder`, `jsonEncodingOptions: [.sortedKeys]`,
    /// compact) but written by hand, faster (`RoutesResult.compactJSON()`).
    ///
    /// Debug builds (the tests) check every such answer: the bytes are `JSONEncoder`'s for `value`, and they decode
    /// back into an equal value of the generated type. Release builds skip the check.
    static func json<Value: Codable & Equatable>(_ bytes: [UInt8], of value: Value) throws -> EncodedAnswer {
        #if DEBUG
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        guard try encoder.encode(value) == Data(bytes), try JSONDecoder().decode(Value.self, from: Data(bytes)) == value
        else { throw WriterMismatch(type: "\(Value.self)") }
        #endif
        return EncodedAnswer(contentType: "application/json; charset=utf-8", body: ByteBuffer(bytes: bytes))
    }

    #if DEBUG
    struct WriterMismatch: Error {
        var type: String
    }
    #endif

    /// JSON text written by the CLI's renderer, sent as it is (debug builds check it against `schema`, as above).
    static func json<Schema: Decodable>(text: String, schema: Schema.Type) throws -> EncodedAnswer {
        #if DEBUG
        _ = try JSONDecoder().decode(Schema.self, from: Data(text.utf8))
        #endif
        return EncodedAnswer(contentType: "application/json; charset=utf-8", body: ByteBuffer(string: text))
    }

    var response: Response {
        Response(status: .ok, headers: [.contentType: contentType], body: ResponseBody(byteBuffer: body))
    }

    /// The answer a handler threw, as it reaches the middleware (wrapped by the generated layer, or not).
    init?(thrown error: any Error) {
        if let answer = error as? EncodedAnswer {
            self = answer
        } else if let answer = (error as? ServerError)?.underlyingError as? EncodedAnswer {
            self = answer
        } else {
            return nil
        }
    }

    init(contentType: String, body: ByteBuffer) {
        self.contentType = contentType
        self.body = body
    }

    /// What the generated serializer checks before writing `contentType` (a `RuntimeError` the edge maps to a 4xx
    /// problem, as when the serializer throws it): the same function, so the same answers to the same `Accept`.
    static func checkAccept(_ accept: String?, for contentType: String) throws {
        guard let accept else { return }
        try acceptChecker.validateAcceptIfPresent(contentType, in: [.accept: accept])
    }

    private static let acceptChecker = Converter(configuration: .init())
}
