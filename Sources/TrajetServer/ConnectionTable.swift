import NIOConcurrencyHelpers
import NIOCore

/// Every open connection and whether it waits for its client, so that a crowd of slow clients cannot keep new ones
/// out (issue 18).
///
/// Pausing `accept` at the connection cap (Hummingbird's `MaximumAvailableConnections`) kept the file descriptors
/// safe, but 20 000 half-sent requests then filled the cap and the listen backlog: a health check or a coordinator
/// waited behind them until header deadlines freed slots, seconds each. Now a new connection is always accepted, and
/// when more than `maxConnections` are open the one that has waited longest for its client is closed: a half-sent
/// header block, a body trickling in, or an idle keep-alive. A connection whose request the server is answering is
/// never chosen (its client did its part). Slow clients lose their place to new ones, not the other way round.
///
/// Thread-safe: connections report from their event loops; one lock, and a victim search only when over the cap.
final class ConnectionTable: Sendable {
    private struct Entry {
        let channel: any Channel
        /// When the connection last started waiting for its client (opened, or its last response written); nil
        /// while a request is read and being answered.
        var waitingSince: NIODeadline?
    }

    private struct State {
        var entries: [ObjectIdentifier: Entry] = [:]
        var evicted = 0
    }

    /// Open connections kept at most; a new one beyond evicts the longest-waiting idle or slow one.
    let maxConnections: Int
    private let state = NIOLockedValueBox(State())

    init(maxConnections: Int) {
        self.maxConnections = max(1, maxConnections)
    }

    /// Connections open now.
    var count: Int { state.withLockedValue { $0.entries.count } }

    /// Connections closed so far to make room for new ones.
    var evictedCount: Int { state.withLockedValue { $0.evicted } }

    /// Records a new connection; when that makes more than `maxConnections`, closes the connection that has waited
    /// longest for its client (possibly this new one, if every other one is being answered).
    func opened(_ channel: any Channel, at now: NIODeadline = .now()) {
        let victim: (any Channel)? = state.withLockedValue { state in
            state.entries[ObjectIdentifier(channel)] = Entry(channel: channel, waitingSince: now)
            guard state.entries.count > maxConnections else { return nil }
            var oldest: (key: ObjectIdentifier, since: NIODeadline)?
            for (key, entry) in state.entries {
                guard let since = entry.waitingSince, key != ObjectIdentifier(channel) else { continue }
                if oldest == nil || since < oldest!.since { oldest = (key, since) }
            }
            // Every other connection is being answered: the newcomer is the one turned away.
            let key = oldest?.key ?? ObjectIdentifier(channel)
            state.evicted += 1
            return state.entries.removeValue(forKey: key)?.channel
        }
        victim?.close(promise: nil)
    }

    /// The connection's request is read: the server has work to do for it, it is not a candidate for eviction.
    func answering(_ channel: any Channel) {
        state.withLockedValue { $0.entries[ObjectIdentifier(channel)]?.waitingSince = nil }
    }

    /// The connection waits for its client again (its responses are written).
    func waiting(_ channel: any Channel, at now: NIODeadline = .now()) {
        state.withLockedValue { $0.entries[ObjectIdentifier(channel)]?.waitingSince = now }
    }

    func closed(_ channel: any Channel) {
        _ = state.withLockedValue { $0.entries.removeValue(forKey: ObjectIdentifier(channel)) }
    }
}
