#if canImport(Glibc)
import Glibc
#endif
import NIOConcurrencyHelpers
import NIOPosix

/// Route searches (tens to hundreds of milliseconds of CPU each) run here, on threads of their own, at most
/// `concurrency` at once and `queue` more waiting; beyond that the gate refuses at once (`Overloaded`: a 503 with
/// `Retry-After`).
///
/// Without it a search ran on Swift's cooperative pool, which has one thread per core: a crowd of uncached searches
/// took every thread and `/healthz` waited 9.7 s behind them. Now the cooperative pool and the event loops stay free
/// for health checks and cheap requests, and the work in flight is bounded.
final class SearchGate: Sendable {
    struct Overloaded: Error {
        var retryAfterSeconds: Int
    }

    let concurrency: Int
    let queue: Int
    private let pool: NIOThreadPool
    private let inFlight = NIOLockedValueBox(0)

    init(concurrency: Int, queue: Int) {
        self.concurrency = max(1, concurrency)
        self.queue = max(0, queue)
        pool = NIOThreadPool(numberOfThreads: self.concurrency)
        pool.start()
    }

    deinit {
        pool.shutdownGracefully { _ in }
    }

    /// What a refused search is told: waiting searches drain at `concurrency` per search time, and a second is the
    /// order of one search.
    var retryAfterSeconds: Int { 1 + queue / (concurrency * 8) }

    /// Searches running or waiting.
    var load: Int { inFlight.withLockedValue { $0 } }

    /// True while a new search would be refused: `/readyz` says so to the load balancer.
    var isSaturated: Bool { load >= concurrency + queue }

    /// Runs `work` on the gate's threads, or throws `Overloaded` at once when `concurrency + queue` are in flight.
    func run<Result: Sendable>(_ work: @escaping @Sendable () throws -> Result) async throws -> Result {
        let admitted = inFlight.withLockedValue { count in
            guard count < concurrency + queue else { return false }
            count += 1
            return true
        }
        guard admitted else { throw Overloaded(retryAfterSeconds: retryAfterSeconds) }
        defer { inFlight.withLockedValue { $0 -= 1 } }
        return try await pool.runIfActive {
            Self.lowerThreadPriority()
            return try work()
        }
    }

    /// Searches yield the CPU to the event loops and request tasks when cores are short: a health check should not
    /// wait behind them. On Linux `setpriority(PRIO_PROCESS, 0, …)` sets the calling thread's nice value (10, as `nice`).
    private static func lowerThreadPriority() {
        #if os(Linux)
        _ = setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, 10)
        #endif
    }
}
