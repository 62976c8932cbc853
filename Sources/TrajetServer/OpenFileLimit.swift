#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The process's open-file limit, which bounds how many connections `trajet serve` can keep.
///
/// Many systems start processes with a soft limit of 1 024 under a much higher hard one; a server that keeps 2 048
/// connections must raise it (as Go's runtime and nginx's `worker_rlimit_nofile` do), and where the hard limit is
/// low it must keep fewer connections rather than fail on `accept` when a crowd arrives.
package enum OpenFileLimit {
    /// File descriptors kept out of the connections' share: the database, datasets, logs, the listening socket.
    package static let reserve = 128

    /// Connections the listening socket accepts per wake-up (NIO's default is 4, too few for a crowd that opens a
    /// connection per request); the cap can be exceeded by one batch.
    package static let acceptBatch = 64

    /// Raises the soft limit to the hard one and returns it (nil if the system does not say).
    package static func raiseToHardLimit() -> Int? {
        var limit = rlimit()
        guard getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit) == 0 else { return nil }
        if limit.rlim_cur < limit.rlim_max {
            var raised = limit
            raised.rlim_cur = limit.rlim_max
            if setrlimit(Int32(RLIMIT_NOFILE.rawValue), &raised) == 0 { limit = raised }
        }
        return Int(clamping: limit.rlim_cur)  // RLIM_INFINITY is the largest value: clamped to Int.max
    }

    /// The connections that fit under `openFiles` descriptors, counting the hard cap above `maxConnections`
    /// (`hardConnectionCap`) and the reserve.
    package static func connectionsThatFit(maxConnections: Int, openFiles: Int) -> Int {
        var fitting = maxConnections
        while fitting > 1, hardConnectionCap(fitting) + acceptBatch + reserve > openFiles { fitting = fitting * 7 / 8 }
        return fitting
    }

    /// Connections open at most while every kept one is being answered: newcomers beyond wait in the backlog.
    package static func hardConnectionCap(_ maxConnections: Int) -> Int {
        maxConnections + max(64, maxConnections / 8)
    }
}
