import ArgumentParser
import Foundation
import TrajetAPI
import TrajetContract
import TrajetCore
import TrajetQueries
import TrajetDatasets

extension RankingProfile: ExpressibleByArgument {}

public enum RoutesFormat: String, CaseIterable, ExpressibleByArgument, Sendable {
    case table, json, csv
}

struct RoutesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "routes",
        abstract: "Find and compare ways to travel for a group / Trouver et comparer les itinéraires d'un groupe.",
        discussion: """
            FROM and TO: a city (Liège, Bruxelles), a place id or IATA code, or a partner id \
            (twiza, aje, lekaa, alafia-jeunes).
            Example: trajet routes liege twiza --participants 14 --leaders 2 --minors --depart 2026-07-04
            """)

    @OptionGroup var global: GlobalOptions

    @Argument(help: "Origin.") var from: String
    @Argument(help: "Destination.") var to: String
    @Option(parsing: .unconditional, help: "Young participants in the group (default 1).") var participants: Int?
    @Option(parsing: .unconditional, help: "Group leaders (default 0).") var leaders: Int?
    @Flag(help: "The group includes minors: shorter travel days, no night travel (config).") var minors = false
    @Option(help: "Departure, local time at the origin: YYYY-MM-DD or YYYY-MM-DDTHH:MM (default: tomorrow).")
    var depart: String?
    @Option(name: .customLong("return"), help: "Plan the way back too, leaving on YYYY-MM-DD[THH:MM].")
    var returnDate: String?
    @Option(help: "Ranking: co2, time, cost or balanced.") var rank: RankingProfile = .balanced
    @Option(parsing: .unconditional, help: "Itineraries shown (default 5, config routing.limit).") var limit: Int?
    @Option(name: .customLong("max-days"), parsing: .unconditional, help: "Travel days at most (nights en route + 1).")
    var maxDays: Int?
    @Option(name: .customLong("max-changes"), parsing: .unconditional, help: "Changes of vehicle at most.")
    var maxChanges: Int?
    @Option(name: .customLong("max-cost"), parsing: .unconditional, help: "Cost per person at most, in EUR.")
    var maxCost: Double?
    @Option(help: "Modes to avoid, comma-separated (e.g. flight,coach).") var avoid: String?
    @Flag(help: "No flights.") var overland = false
    @Option(help: "A place the itinerary must pass through.") var via: String?
    @Flag(name: .customLong("no-night-travel"), help: "No overnight legs.") var noNightTravel = false
    @Option(help: "Factor set id (default from config).") var factors: String?
    @Option(name: .customLong("class"), help: "Cabin class for flights (default economy).") var cabinClass: CabinClass?
    @Option(help: "Output: table, json or csv.") var format: RoutesFormat = .table
    @Flag(help: "List every leg with times, operator, distance, footprint and source flags.") var details = false

    func validate() throws {
        let l = global.optionWords
        try OptionCheck.atLeast(0, participants, "--participants", l)
        try OptionCheck.atLeast(0, leaders, "--leaders", l)
        try OptionCheck.atLeast(1, limit, "--limit", l)
        try OptionCheck.atLeast(1, maxDays, "--max-days", l)
        try OptionCheck.atLeast(0, maxChanges, "--max-changes", l)
        if let maxCost, !(maxCost >= 0) || !maxCost.isFinite {
            throw ValidationError(l.w("cli.option-amount-eur", "--max-cost", "\(maxCost)"))
        }
        if let avoid {
            for name in avoid.split(separator: ",") where TransportMode(rawValue: name.trimmingCharacters(in: .whitespaces)) == nil {
                throw ValidationError(
                    l.w("cli.option-unknown-mode", "--avoid", "\(name)", TransportMode.allCases.map(\.rawValue).joined(separator: ", ")))
            }
        }
        try OptionCheck.date(depart, "--depart", l)
        try OptionCheck.date(returnDate, "--return", l)
    }

    func run() async throws {
        let context = try await CommandContext.load(global, factorSet: factors, cabinClass: cabinClass)
        let l = context.localizer
        let request = RoutesRequest(
            from: from, to: to, participants: participants, leaders: leaders, minors: minors, depart: depart,
            returnDate: returnDate, rank: rank, limit: limit ?? context.settings.routeLimit, maxDays: maxDays,
            maxChanges: maxChanges, maxCostEur: maxCost,
            avoid: Set((avoid ?? "").split(separator: ",").compactMap { TransportMode(rawValue: $0.trimmingCharacters(in: .whitespaces)) }),
            overland: overland, via: via, noNightTravel: noNightTravel)
        let network = context.datasets.network
        let names: (PlaceID) -> String = { network.place($0).map(RoutesText.placeName) ?? $0.rawValue }
        let answer: RoutesAnswer
        do {
            answer = try request.run(datasets: context.datasets, settings: context.settings)
        } catch {
            printError(l.message(for: error, names: names), l)
            throw ExitCode(1)
        }
        switch format {
        case .json: print(try encodeJSON(Components.Schemas.RoutesResult(answer, localizer: l)))
        case .csv: print(RoutesCSV.render(answer), terminator: "")
        case .table: print(RoutesText.render(answer, localizer: l, details: details))
        }
    }
}
