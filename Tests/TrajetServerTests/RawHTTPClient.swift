import Foundation
import NIOCore
import NIOPosix

/// A TCP client that sends exactly the bytes it is given (malformed requests, slow or partial ones), then reads
/// until the server closes the connection or `limit` passes. HTTP clients cannot send what these tests need.
enum RawHTTPClient {
    struct Exchange {
        /// Everything the server sent.
        var text: String
        /// Whether the server closed the connection (false: `limit` passed first).
        var closedByServer: Bool

        var statusCode: Int? {
            guard text.hasPrefix("HTTP/1.1 ") else { return nil }
            return Int(text.dropFirst(9).prefix(3))
        }

        var body: String {
            guard let range = text.range(of: "\r\n\r\n") else { return "" }
            return String(text[range.upperBound...])
        }

        var json: [String: Any] {
            (try? JSONSerialization.jsonObject(with: Data(body.utf8))) as? [String: Any] ?? [:]
        }

        func header(_ name: String) -> String? {
            for line in text.split(separator: "\r\n") where line.lowercased().hasPrefix(name.lowercased() + ":") {
                return line.dropFirst(name.count + 1).trimmingCharacters(in: .whitespaces)
            }
            return nil
        }
    }

    /// Connects to 127.0.0.1:`port`, writes each part of `parts` (after its pause), then reads for at most `limit`.
    static func exchange(
        port: Int, _ parts: [(pause: Duration, bytes: [UInt8])], limit: Duration = .seconds(10)
    ) async throws -> Exchange {
        let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .connect(host: "127.0.0.1", port: port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel)
                }
            }
        return try await channel.executeThenClose { inbound, outbound in
            try await withThrowingTaskGroup(of: Exchange?.self) { group in
                group.addTask {
                    for part in parts {
                        if part.pause > .zero { try await Task.sleep(for: part.pause) }
                        // The server may close before everything is sent (that is what some tests check).
                        do { try await outbound.write(ByteBuffer(bytes: part.bytes)) } catch { return nil }
                    }
                    return nil
                }
                let received = Received()
                group.addTask {
                    do {
                        for try await buffer in inbound { received.append(buffer) }
                    } catch {
                        // A reset after the answer: what was read is what counts.
                    }
                    return Exchange(text: received.text, closedByServer: true)
                }
                group.addTask {
                    try await Task.sleep(for: limit)
                    // A kept-alive connection: what came within the limit.
                    return Exchange(text: received.text, closedByServer: false)
                }
                var result: Exchange?
                while let next = try await group.next() {
                    if let next {
                        result = next
                        break
                    }
                }
                group.cancelAll()
                return result ?? Exchange(text: "", closedByServer: false)
            }
        }
    }

    static func exchange(port: Int, _ text: String, limit: Duration = .seconds(10)) async throws -> Exchange {
        try await exchange(port: port, [(.zero, Array(text.utf8))], limit: limit)
    }
}

/// Bytes read so far, shared by the reading task and the time limit.
private final class Received: @unchecked Sendable {
    private let lock = NSLock()
    private var bytes: [UInt8] = []

    func append(_ buffer: ByteBuffer) { lock.withLock { bytes += buffer.readableBytesView } }
    var text: String { lock.withLock { String(decoding: bytes, as: UTF8.self) } }
}
