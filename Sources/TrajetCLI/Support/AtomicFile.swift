import Foundation

/// Writes a file so that readers see either the old file or the whole new one: a temporary file next to the
/// target, flushed and renamed over it at the end; on any failure the temporary file is removed.
struct AtomicFileWriter: TextOutputStream {
    let destination: URL
    private let temporary: URL
    private let handle: FileHandle
    private var buffer: [UInt8] = []
    private(set) var failure: (any Error)?

    enum Failure: Error, CustomStringConvertible {
        case exists(String)
        case cannotCreate(String, String)
        var description: String {
            switch self {
            case .exists(let path): "\(path) exists"
            case .cannotCreate(let path, let reason): "cannot write \(path): \(reason)"
            }
        }
    }

    init(destination: URL, overwrite: Bool) throws {
        self.destination = destination
        if !overwrite, FileManager.default.fileExists(atPath: destination.path) { throw Failure.exists(destination.path) }
        let directory = destination.deletingLastPathComponent()
        temporary = directory.appendingPathComponent(".\(destination.lastPathComponent).\(UUID().uuidString).tmp")
        guard FileManager.default.createFile(atPath: temporary.path, contents: nil) else {
            throw Failure.cannotCreate(destination.path, "the directory \(directory.path) is missing or not writable")
        }
        handle = try FileHandle(forWritingTo: temporary)
        buffer.reserveCapacity(1 << 20)
    }

    mutating func write(_ string: String) {
        var string = string
        string.withUTF8 { buffer.append(contentsOf: $0) }
        if buffer.count >= 1 << 20 { flush() }
    }

    private mutating func flush() {
        guard failure == nil, !buffer.isEmpty else { return }
        do { try handle.write(contentsOf: buffer) } catch { failure = error }
        buffer.removeAll(keepingCapacity: true)
    }

    /// Flushes, syncs and renames into place (replacing the destination only when `overwrite` was allowed).
    mutating func commit() throws {
        flush()
        do {
            if let failure { throw failure }
            try handle.synchronize()
            try handle.close()
            if rename(temporary.path, destination.path) != 0 {
                throw Failure.cannotCreate(destination.path, String(cString: strerror(errno)))
            }
        } catch {
            discard()
            throw error
        }
    }

    func discard() {
        try? handle.close()
        try? FileManager.default.removeItem(at: temporary)
    }
}

/// Standard output with the same buffered interface.
struct StandardOutputWriter: TextOutputStream {
    private var buffer: [UInt8] = []

    mutating func write(_ string: String) {
        var string = string
        string.withUTF8 { buffer.append(contentsOf: $0) }
        if buffer.count >= 1 << 20 { flush() }
    }

    mutating func flush() {
        guard !buffer.isEmpty else { return }
        FileHandle.standardOutput.write(Data(buffer))
        buffer.removeAll(keepingCapacity: true)
    }
}
