import Dispatch

/// Renders a long list (a network report's 100 000 trips) block by block, each block in two halves on two cores,
/// handing the texts over in order: twice the speed, and memory bounded by one block.
enum ParallelChunks {
    static let block = 4096

    static func render(count: Int, _ body: @escaping @Sendable (Range<Int>) -> String, write: (String) -> Void) {
        guard count >= block else {
            write(body(0..<count))
            return
        }
        let parts = RenderedChunks(count: 2)
        var start = 0
        while start < count {
            let end = min(count, start + block)
            let middle = (start + end) / 2
            let halves = [start..<middle, middle..<end]
            DispatchQueue.concurrentPerform(iterations: 2) { half in parts.set(half, body(halves[half])) }
            write(parts.get(0))
            write(parts.get(1))
            start = end
        }
    }
}

/// Results of parallel chunks: each chunk writes only its own slot, and they are read after all chunks finished
/// (`concurrentPerform` returns when every iteration is done), hence the unchecked Sendable.
final class RenderedChunks: @unchecked Sendable {
    private let parts: UnsafeMutableBufferPointer<String>
    init(count: Int) {
        parts = .allocate(capacity: count)
        parts.initialize(repeating: "")
    }
    deinit {
        parts.deinitialize()
        parts.deallocate()
    }
    func set(_ index: Int, _ text: String) { parts[index] = text }
    func get(_ index: Int) -> String { parts[index] }
}
