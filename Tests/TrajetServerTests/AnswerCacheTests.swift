import Testing
import TrajetQueries

@Suite struct AnswerCacheTests {
    @Test func keepsAtMostItsCapacityFirstInFirstOut() {
        let cache = AnswerCache<Int, String>(capacity: 2)
        cache.store("a", for: 1)
        cache.store("b", for: 2)
        cache.store("b2", for: 2)
        #expect(cache.count == 2 && cache.value(for: 2) == "b2")
        cache.store("c", for: 3)
        #expect(cache.value(for: 1) == nil)
        #expect(cache.value(for: 2) == "b2" && cache.value(for: 3) == "c")
        cache.store("d", for: 4)
        #expect(cache.value(for: 2) == nil && cache.count == 2)
    }
}
