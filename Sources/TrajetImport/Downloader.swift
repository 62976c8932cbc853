import Foundation

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// Downloads a publisher's file with URLSession (libcurl on Linux), with limits a command-line tool needs: an idle
/// timeout, a total timeout, a size limit checked against Content-Length and while bytes arrive, plain HTTP errors,
/// and a body shorter than its Content-Length reported as truncated.
public enum Downloader {
    public struct Options: Sendable {
        /// Longest wait for the next bytes (connection, first byte, stalls), seconds.
        public var requestTimeout: TimeInterval
        /// Longest time for the whole download, seconds.
        public var totalTimeout: TimeInterval
        public var maxBytes: Int
        /// Called as bytes arrive: (received, expected when the server announced it).
        public var progress: (@Sendable (Int, Int?) -> Void)?

        public init(
            requestTimeout: TimeInterval = 60, totalTimeout: TimeInterval = 600, maxBytes: Int = 50_000_000,
            progress: (@Sendable (Int, Int?) -> Void)? = nil
        ) {
            self.requestTimeout = requestTimeout
            self.totalTimeout = totalTimeout
            self.maxBytes = maxBytes
            self.progress = progress
        }
    }

    public static func download(_ url: URL, options: Options = Options()) async throws(ImportError) -> Data {
        guard let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https" else {
            throw .invalidURL(url.absoluteString)
        }
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = options.requestTimeout
        configuration.timeoutIntervalForResource = max(options.totalTimeout, options.requestTimeout)
        configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
        let delegate = DownloadDelegate(url: url, options: options)
        let session = URLSession(configuration: configuration, delegate: delegate, delegateQueue: nil)
        defer { session.finishTasksAndInvalidate() }
        let result: Result<Data, ImportError> = await withCheckedContinuation { continuation in
            delegate.start(continuation)
            session.dataTask(with: url).resume()
        }
        return try result.get()
    }
}

/// Collects the body and turns what URLSession reports into an `ImportError`. URLSession calls it on its delegate
/// queue one callback at a time; the lock makes that explicit.
private final class DownloadDelegate: NSObject, URLSessionDataDelegate, @unchecked Sendable {
    private let url: URL
    private let options: Downloader.Options
    private let lock = NSLock()
    private var continuation: CheckedContinuation<Result<Data, ImportError>, Never>?
    private var body = Data()
    private var expected: Int?
    private var failure: ImportError?
    private let started = Date()

    init(url: URL, options: Downloader.Options) {
        self.url = url
        self.options = options
    }

    func start(_ continuation: CheckedContinuation<Result<Data, ImportError>, Never>) {
        lock.withLock { self.continuation = continuation }
    }

    func urlSession(
        _ session: URLSession, dataTask: URLSessionDataTask, didReceive response: URLResponse,
        completionHandler: @escaping (URLSession.ResponseDisposition) -> Void
    ) {
        let disposition: URLSession.ResponseDisposition = lock.withLock {
            if let http = response as? HTTPURLResponse, !(200..<300).contains(http.statusCode) {
                failure = .httpStatus(url: url.absoluteString, status: http.statusCode)
                return .cancel
            }
            if response.expectedContentLength >= 0 {
                expected = Int(response.expectedContentLength)
                if let expected, expected > options.maxBytes {
                    failure = .tooLarge(url: url.absoluteString, limitBytes: options.maxBytes)
                    return .cancel
                }
            }
            return .allow
        }
        completionHandler(disposition)
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive data: Data) {
        let (received, total, tooLarge): (Int, Int?, Bool) = lock.withLock {
            guard failure == nil else { return (body.count, expected, false) }
            body.append(data)
            if body.count > options.maxBytes {
                failure = .tooLarge(url: url.absoluteString, limitBytes: options.maxBytes)
                return (body.count, expected, true)
            }
            return (body.count, expected, false)
        }
        if tooLarge {
            dataTask.cancel()
        } else {
            options.progress?(received, total)
        }
    }

    func urlSession(_ session: URLSession, task: URLSessionTask, didCompleteWithError error: (any Error)?) {
        let (continuation, result): (CheckedContinuation<Result<Data, ImportError>, Never>?, Result<Data, ImportError>) =
            lock.withLock {
                let continuation = self.continuation
                self.continuation = nil
                return (continuation, outcome(error))
            }
        continuation?.resume(returning: result)
    }

    /// Called with the lock held.
    private func outcome(_ error: (any Error)?) -> Result<Data, ImportError> {
        let address = url.absoluteString
        if let failure { return .failure(failure) }
        if let expected, body.count < expected {
            return .failure(.truncated(url: address, receivedBytes: body.count, expectedBytes: expected))
        }
        if let error {
            let code = (error as? URLError)?.code
            if code == .timedOut {
                // Which limit fired: the whole download's, or the wait for the next bytes.
                let total = max(options.totalTimeout, options.requestTimeout)
                let seconds = Date().timeIntervalSince(started) >= total ? total : options.requestTimeout
                return .failure(.timeout(url: address, seconds: seconds))
            }
            return .failure(.network(url: address, detail: (error as NSError).localizedDescription))
        }
        return .success(body)
    }
}
