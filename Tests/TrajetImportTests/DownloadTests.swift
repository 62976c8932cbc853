import Foundation
import Hummingbird
import Testing
import TrajetCore
import TrajetDatasets

@testable import TrajetImport

/// A real HTTP server on 127.0.0.1 (port chosen by the system) serving the fixture workbook, a 404, a slow answer
/// and a body cut short of its Content-Length.
struct FixtureServer {
    struct CutShort: Error {}

    static func withServer(_ body: @Sendable (URL) async throws -> Void) async throws {
        let workbook = try FlatFileFixture.workbook()
        let router = Router()
        router.get("flat.xlsx") { _, _ in
            Response(status: .ok, headers: [.contentType: "application/octet-stream"], body: .init(byteBuffer: ByteBuffer(bytes: workbook)))
        }
        router.get("slow.xlsx") { _, _ -> Response in
            try await Task.sleep(for: .seconds(3))
            return Response(status: .ok, body: .init(byteBuffer: ByteBuffer(bytes: workbook)))
        }
        router.get("truncated.xlsx") { _, _ in
            // Announces the whole workbook, sends half, then the connection drops.
            Response(
                status: .ok,
                body: ResponseBody(contentLength: workbook.count) { writer in
                    try await writer.write(ByteBuffer(bytes: workbook.prefix(workbook.count / 2)))
                    throw CutShort()
                })
        }
        router.get("halfzip.xlsx") { _, _ in
            // A complete HTTP answer whose content is half a workbook (no Content-Length to compare with).
            Response(status: .ok, body: .init(byteBuffer: ByteBuffer(bytes: workbook.prefix(workbook.count / 2))))
        }
        let (ports, continuation) = AsyncStream<Int>.makeStream()
        let app = Application(
            router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { channel in
                continuation.yield(channel.localAddress?.port ?? 0)
                continuation.finish()
            })
        let server = Task { try await app.runService(gracefulShutdownSignals: []) }
        defer { server.cancel() }
        var port = 0
        for await value in ports {
            port = value
            break
        }
        try #require(port > 0)
        try await body(URL(string: "http://127.0.0.1:\(port)/")!)
    }
}

@Suite struct DownloadTests {
    @Test func downloadedWorkbookImportsLikeTheFile() async throws {
        try await FixtureServer.withServer { base in
            let url = base.appendingPathComponent("flat.xlsx")
            let data = try await Downloader.download(url, options: .init(requestTimeout: 10))
            #expect(data == (try FlatFileFixture.workbook()))
            let draft = try DESNZImporter(year: 2025).draft(data: data, location: url.absoluteString)
            let meta = Dictionary(uniqueKeysWithValues: draft.metadata.map { ($0.key, $0.value) })
            #expect(meta["source_file"] == "flat.xlsx")
            #expect(draft.rows.count == 29)
        }
    }

    @Test func httpErrorsTimeoutsAndTruncationAreReportedPlainly() async throws {
        try await FixtureServer.withServer { base in
            let missing = base.appendingPathComponent("missing.xlsx")
            await #expect(throws: ImportError.httpStatus(url: missing.absoluteString, status: 404)) {
                try await Downloader.download(missing, options: .init(requestTimeout: 10))
            }
            let slow = base.appendingPathComponent("slow.xlsx")
            await #expect(throws: ImportError.timeout(url: slow.absoluteString, seconds: 1)) {
                try await Downloader.download(slow, options: .init(requestTimeout: 1))
            }
            let truncated = base.appendingPathComponent("truncated.xlsx")
            let size = try FlatFileFixture.workbook().count
            do {
                _ = try await Downloader.download(truncated, options: .init(requestTimeout: 10))
                Issue.record("a truncated body was accepted")
            } catch let error as ImportError {
                guard case .truncated(_, let received, let expected) = error else {
                    Issue.record("expected truncated, got \(error)")
                    return
                }
                #expect(expected == size)
                #expect(received < size)
            }
            let flat = base.appendingPathComponent("flat.xlsx")
            await #expect(throws: ImportError.tooLarge(url: flat.absoluteString, limitBytes: 100)) {
                try await Downloader.download(flat, options: .init(requestTimeout: 10, maxBytes: 100))
            }
            // Half a workbook in a complete answer: the ZIP check catches it.
            let half = try await Downloader.download(base.appendingPathComponent("halfzip.xlsx"), options: .init(requestTimeout: 10))
            #expect(throws: ImportError.notAZip(file: "halfzip.xlsx")) {
                try DESNZImporter(year: 2025).draft(data: half, location: "halfzip.xlsx")
            }
        }
    }

    @Test func onlyHTTPURLsAreFetched() async {
        await #expect(throws: ImportError.invalidURL("file:///etc/passwd")) {
            try await Downloader.download(URL(string: "file:///etc/passwd")!)
        }
    }
}
