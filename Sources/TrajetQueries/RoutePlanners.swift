import TrajetCore
import TrajetDatasets

/// Route planners kept between searches, for a server answering many of them on fixed datasets and settings.
///
/// The network is compiled once (`RoutingNetwork`: it depends only on the routing policy); a planner adds the
/// footprints of every leg for one group, factor set and emission options, which a search reuses. Planners are
/// immutable values, so requests share them freely; two requests building the same one at once both build it, and
/// either copy is the same.
package final class RoutePlanners: Sendable {
    package let routing: RoutingNetwork
    private let planners: AnswerCache<Key, RoutePlanner>

    private struct Key: Hashable, Sendable {
        var factorSet: String
        var factorSetVersion: String
        var options: EmissionOptions
        var group: Group
    }

    /// `capacity` planners at most (FIFO). By default as many as hold 250 000 leg footprints (about 0.5 KB each with
    /// the planner's edge: 130 MB), at most 256: every group asked recently on the shipped network (214 legs, 256
    /// planners ≈ 30 MB), two on a generated network of 100 000 legs.
    package init(network: Network, policy: RoutingPolicy, capacity: Int? = nil) {
        routing = RoutingNetwork(network: network, policy: policy)
        planners = AnswerCache(capacity: capacity ?? min(256, max(2, 250_000 / max(1, network.legs.count))))
    }

    /// The planner for this group, factor set and options, built on first use.
    package func planner(
        factorSet: FactorSet, hubs: HubFactors?, group: Group, options: EmissionOptions
    ) throws(TrajetError) -> RoutePlanner {
        let key = Key(factorSet: factorSet.id.rawValue, factorSetVersion: factorSet.version, options: options, group: group)
        if let planner = planners.value(for: key) { return planner }
        let planner = try RoutePlanner(
            routing: routing, calculator: EmissionCalculator(factorSet: factorSet, hubs: hubs), group: group,
            emissionOptions: options)
        planners.store(planner, for: key)
        return planner
    }
}
