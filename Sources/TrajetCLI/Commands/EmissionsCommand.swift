import ArgumentParser
import Foundation
import TrajetCore
import TrajetDatasets

extension TransportMode: ExpressibleByArgument {}
extension CabinClass: ExpressibleByArgument {}

struct EmissionsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "emissions",
        abstract: "Footprint of one leg for a person and a group / Empreinte d'un trajet par personne et par groupe.",
        discussion: """
            Places: ids (BE-BXL-MIDI), IATA codes (BRU), city names with or without accents (Liège, liege), \
            or partner ids (twiza, aje, lekaa, alafia-jeunes).
            Example: trajet emissions --from BRU --to DSS --mode flight --participants 14 --leaders 2
            """)

    @OptionGroup var global: GlobalOptions

    @Option(help: "Origin: place id, IATA code or city name.") var from: String
    @Option(help: "Destination: place id, IATA code, city name or partner id.") var to: String
    @Option(help: "Mode: \(TransportMode.allCases.map(\.rawValue).joined(separator: ", ")).") var mode: TransportMode
    @Option(name: .customLong("class"), help: "Cabin class for flights (default from config: economy).")
    var cabinClass: CabinClass?
    // `.unconditional` so that `--participants -3` reaches validate() and gets a clear message, instead of
    // "-3" being taken for an option.
    @Option(parsing: .unconditional, help: "Young participants in the group.") var participants: Int?
    @Option(parsing: .unconditional, help: "Group leaders.") var leaders: Int?
    @Option(help: "Factor set id (default from config: desnz-2025).") var factors: String?
    @Option(name: .customLong("distance-km"), parsing: .unconditional, help: "Use this distance instead of the network's or the great circle.")
    var distanceKm: Double?
    @Flag(name: .customLong("airport-hubs"), help: "Add the ISO 14083 airport term (1.71 kg per airport visited).")
    var airportHubs = false
    @Option(help: "Output format: table or json.") var format: OutputFormat = .table

    func validate() throws {
        if let participants, participants < 0 { throw ValidationError("--participants must be 0 or more (got \(participants)).") }
        if let leaders, leaders < 0 { throw ValidationError("--leaders must be 0 or more (got \(leaders)).") }
        if let distanceKm, !(distanceKm > 0) || !distanceKm.isFinite {
            throw ValidationError("--distance-km must be a distance in km greater than 0 (got \(distanceKm)).")
        }
    }

    func run() async throws {
        let context = try await CommandContext.load(global, factorSet: factors, cabinClass: cabinClass)
        let l = context.localizer
        let result = try reportingDomainErrors(l) { () throws(TrajetError) in
            try EmissionsQuery(
                from: from, to: to, mode: mode, cabinClass: context.settings.cabinClass,
                participants: participants, leaders: leaders, factorSetID: context.settings.factorSetID,
                distanceKm: distanceKm,
                includeAirportHubs: airportHubs || context.settings.includeAirportHubs
            ).run(datasets: context.datasets)
        }
        switch format {
        case .json: print(try encodeJSON(EmissionsReport(result, localizer: l)))
        case .table: print(EmissionsTable.render(result, localizer: l))
        }
    }
}

/// The question behind `trajet emissions`, answered from the datasets (the API asks the same one).
struct EmissionsQuery {
    var from: String
    var to: String
    var mode: TransportMode
    var cabinClass: CabinClass
    var participants: Int?
    var leaders: Int?
    var factorSetID: String
    var distanceKm: Double?
    var includeAirportHubs: Bool

    struct Result {
        var from: Place
        var to: Place
        var cabinClass: CabinClass?
        var group: Group
        var factorSet: FactorSet
        var footprint: LegFootprint
    }

    func run(datasets: Datasets) throws(TrajetError) -> Result {
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
