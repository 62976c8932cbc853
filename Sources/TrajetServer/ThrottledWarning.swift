import Logging
import NIOConcurrencyHelpers
import NIOCore

/// A warning written at most once per `interval`, with how many times it happened since the last one.
///
/// An overloaded server refuses thousands of searches a second: one warning line each (synchronous writes to
/// stderr under the log handler's lock) made the overload worse and flooded the logs an operator reads. Each refusal
/// is still counted in the metrics and logged at debug level.
final class ThrottledWarning: Sendable {
    private let interval: TimeAmount
    private let state = NIOLockedValueBox((lastWritten: NIODeadline?.none, suppressed: 0))

    init(interval: TimeAmount) { self.interval = interval }

    /// Writes `message` as a warning with `count` (occurrences since the last warning), or only counts it.
    func record(_ message: Logger.Message, metadata: Logger.Metadata, logger: Logger, now: NIODeadline = .now()) {
        let count: Int? = state.withLockedValue { state in
            if let last = state.lastWritten, now - last < interval {
                state.suppressed += 1
                return nil
            }
            let count = state.suppressed + 1
            state = (now, 0)
            return count
        }
        guard let count else {
            logger.debug(message, metadata: metadata)
            return
        }
        var metadata = metadata
        metadata["count"] = .stringConvertible(count)
        logger.warning(message, metadata: metadata)
    }
}
