import Synchronization

/// A bounded memo of values that depend only on their key (the datasets and settings never change while the server
/// runs): route answers, route planners. First in, first out when full; a `Mutex`, not an actor, so a hit costs a
/// lock, not a hop.
package final class AnswerCache<Key: Hashable & Sendable, Value: Sendable>: Sendable {
    private struct State {
        var values: [Key: Value] = [:]
        var order: [Key] = []
        var next = 0
    }
    private let state = Mutex(State())
    package let capacity: Int

    package init(capacity: Int) { self.capacity = max(1, capacity) }

    package func value(for key: Key) -> Value? { state.withLock { $0.values[key] } }

    package func store(_ value: Value, for key: Key) {
        state.withLock { state in
            if state.values.updateValue(value, forKey: key) != nil { return }
            if state.order.count < capacity {
                state.order.append(key)
            } else {
                state.values[state.order[state.next]] = nil
                state.order[state.next] = key
                state.next = (state.next + 1) % capacity
            }
        }
    }

    package var count: Int { state.withLock { $0.values.count } }
}
