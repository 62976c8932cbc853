import TrajetCore
import TrajetStore

/// `trajet db copy`: everything one store holds, into another (typically an SQLite file into PostgreSQL), through the
/// PlanStore calls only, so it works between any two backends and runs the target's validation on every row.
///
/// Plans go in batches, each one `importPlans` transaction; a copy that stops half-way leaves whole plans, and
/// running it again replaces them with the same content (imports are idempotent on plan ids).
public struct StoreCopy {
    public var source: any PlanStore
    public var target: any PlanStore
    public var batchSize: Int

    public struct Result: Sendable, Equatable {
        public var organisations = 0
        public var plans = 0
        public var plansAdded = 0
        public var plansReplaced = 0
        public var legs = 0
        public var keys = 0
        public var keysAdded = 0
        /// Every plan id of the source is in the target after the copy.
        public var verified = false
    }

    public init(source: any PlanStore, target: any PlanStore, batchSize: Int = 500) {
        self.source = source
        self.target = target
        self.batchSize = max(1, batchSize)
    }

    /// Copies organisations, then plans (calling `progress(copied, total)` after each batch), then API keys, then
    /// checks that the target holds every plan id of the source.
    public func run(progress: (Int, Int) -> Void = { _, _ in }) async throws -> Result {
        var result = Result()
        let organisations = try await source.organisations()
        result.organisations = organisations.count
        _ = try await target.importPlans(PlanExport(organisations: organisations, plans: []))

        let plans = try await source.plans(PlanFilter())
        var copied = Set<String>()
        for start in stride(from: 0, to: plans.count, by: batchSize) {
            var details: [PlanDetail] = []
            for plan in plans[start..<min(start + batchSize, plans.count)] {
                // A plan deleted from the source meanwhile is skipped (the count says so).
                if let detail = try await source.plan(id: plan.id) { details.append(detail) }
            }
            let summary = try await target.importPlans(PlanExport(organisations: [], plans: details))
            result.plansAdded += summary.plansAdded
            result.plansReplaced += summary.plansReplaced
            result.plans += details.count
            result.legs += details.reduce(0) { $0 + $1.legs.count }
            copied.formUnion(details.map(\.plan.id))
            progress(min(start + batchSize, plans.count), plans.count)
        }

        let keys = try await source.apiKeys()
        result.keys = keys.count
        result.keysAdded = try await target.importAPIKeys(keys)

        let inTarget = Set(try await target.plans(PlanFilter()).map(\.id))
        result.verified = copied.isSubset(of: inTarget)
        return result
    }
}
