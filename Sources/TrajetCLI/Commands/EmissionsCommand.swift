import ArgumentParser
import Foundation
import TrajetAPI
import TrajetContract
import TrajetCore
import TrajetQueries
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
        let l = global.optionWords
        try OptionCheck.atLeast(0, participants, "--participants", l)
        try OptionCheck.atLeast(0, leaders, "--leaders", l)
        if let distanceKm, !(distanceKm > 0) || !distanceKm.isFinite {
            throw ValidationError(l.w("cli.option-distance-km", "--distance-km", "\(distanceKm)"))
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
        case .json: print(try encodeJSON(Components.Schemas.LegEmissions(result, localizer: l)))
        case .table: print(EmissionsTable.render(result, localizer: l))
        }
    }
}
