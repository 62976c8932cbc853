import TrajetCore
import TrajetDatasets

/// The question behind `trajet emissions`, answered from the datasets (the API asks the same one).
package struct EmissionsQuery: Sendable {
    package var from: String
    package var to: String
    package var mode: TransportMode
    package var cabinClass: CabinClass
    package var participants: Int?
    package var leaders: Int?
    package var factorSetID: String
    package var distanceKm: Double?
    package var includeAirportHubs: Bool

    package init(
        from: String, to: String, mode: TransportMode, cabinClass: CabinClass, participants: Int? = nil, leaders: Int? = nil, factorSetID: String, distanceKm: Double? = nil, includeAirportHubs: Bool
    ) {
        self.from = from
        self.to = to
        self.mode = mode
        self.cabinClass = cabinClass
        self.participants = participants
        self.leaders = leaders
        self.factorSetID = factorSetID
        self.distanceKm = distanceKm
        self.includeAirportHubs = includeAirportHubs
    }

    package struct Result {
        package var from: Place
        package var to: Place
        package var cabinClass: CabinClass?
        package var group: Group
        package var factorSet: FactorSet
        package var footprint: LegFootprint
    }

    package func run(datasets: Datasets) throws(TrajetError) -> Result {
        let group = try Group(participants: participants ?? (leaders == nil ? 1 : 0), leaders: leaders ?? 0)
        let factorSet = try datasets.factorSet(factorSetID)
        let resolver = PlaceResolver(network: datasets.network)
        let purpose: PlaceResolver.Purpose = mode == .flight ? .flight : .surface
        let origin = try resolver.resolve(from, for: purpose)
        let destination = try resolver.resolve(to, for: purpose)
        let input = try datasets.network.legInput(from: origin, to: destination, mode: mode, distanceKm: distanceKm)
        let calculator = EmissionCalculator(factorSet: factorSet, hubs: datasets.hubs)
        let footprint = try calculator.footprint(
            of: input, group: group,
            options: EmissionOptions(cabinClass: cabinClass, includeAirportHubs: includeAirportHubs))
        return Result(
            from: origin, to: destination, cabinClass: mode == .flight ? cabinClass : nil, group: group,
            factorSet: factorSet, footprint: footprint)
    }
}
