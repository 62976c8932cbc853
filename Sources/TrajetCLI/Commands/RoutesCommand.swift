import ArgumentParser
import Foundation
import TrajetCore
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
        if let participants, participants < 0 { throw ValidationError("--participants must be 0 or more (got \(participants)).") }
        if let leaders, leaders < 0 { throw ValidationError("--leaders must be 0 or more (got \(leaders)).") }
        if let limit, limit < 1 { throw ValidationError("--limit must be 1 or more (got \(limit)).") }
        if let maxDays, maxDays < 1 { throw ValidationError("--max-days must be 1 or more (got \(maxDays)).") }
        if let maxChanges, maxChanges < 0 { throw ValidationError("--max-changes must be 0 or more (got \(maxChanges)).") }
        if let maxCost, !(maxCost >= 0) || !maxCost.isFinite {
            throw ValidationError("--max-cost must be an amount in EUR, 0 or more (got \(maxCost)).")
        }
        if let avoid {
            for name in avoid.split(separator: ",") where TransportMode(rawValue: name.trimmingCharacters(in: .whitespaces)) == nil {
                throw ValidationError(
                    "--avoid: unknown mode '\(name)'; expected some of \(TransportMode.allCases.map(\.rawValue).joined(separator: ", ")).")
            }
        }
        if let depart, DepartureText.parse(depart) == nil {
            throw ValidationError("--depart: '\(depart)' is not a date; expected YYYY-MM-DD or YYYY-MM-DDTHH:MM.")
        }
        if let returnDate, DepartureText.parse(returnDate) == nil {
            throw ValidationError("--return: '\(returnDate)' is not a date; expected YYYY-MM-DD or YYYY-MM-DDTHH:MM.")
        }
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
        case .json: print(try encodeJSON(RoutesJSON(answer, localizer: l)))
        case .csv: print(RoutesCSV.render(answer), terminator: "")
        case .table: print(RoutesText.render(answer, localizer: l, details: details))
        }
    }
}

/// Parses `YYYY-MM-DD` or `YYYY-MM-DDTHH:MM`.
enum DepartureText {
    static func parse(_ text: String) -> (CalendarDay, LocalTime?)? {
        let parts = text.split(separator: "T", maxSplits: 1).map(String.init)
        guard let day = CalendarDay(iso: parts[0]) else { return nil }
        if parts.count == 2 {
            guard let time = LocalTime(parts[1]) else { return nil }
            return (day, time)
        }
        return (day, nil)
    }
}

/// The `routes` question, answered from the datasets with the settings (the API asks the same one).
struct RoutesRequest {
    var from: String
    var to: String
    var participants: Int?
    var leaders: Int?
    var minors: Bool
    var depart: String?
    var returnDate: String?
    var rank: RankingProfile
    var limit: Int
    var maxDays: Int?
    var maxChanges: Int?
    var maxCostEur: Double?
    var avoid: Set<TransportMode>
    var overland: Bool
    var via: String?
    var noNightTravel: Bool

    func run(datasets: Datasets, settings: Settings, today: CalendarDay = .today) throws(TrajetError) -> RoutesAnswer {
        let group = try Group(participants: participants ?? (leaders == nil ? 1 : 0), leaders: leaders ?? 0, minors: minors)
        let factorSet = try datasets.factorSet(settings.factorSetID)
        let resolver = PlaceResolver(network: datasets.network)
        let origin = try resolver.resolve(from, for: .surface)
        let destination = try resolver.resolve(to, for: .surface)
        let viaPlace = try via.map { (text) throws(TrajetError) in try resolver.resolve(text, for: .surface) }
        let constraints = RouteConstraints(
            maxDays: maxDays, maxChanges: maxChanges, maxCostCentsPerPerson: maxCostEur.map { Int(($0 * 100).rounded()) },
            avoidedModes: avoid, overland: overland, via: viaPlace?.id, noNightTravel: noNightTravel)
        let planner = try RoutePlanner(
            network: datasets.network, calculator: EmissionCalculator(factorSet: factorSet, hubs: datasets.hubs),
            group: group, policy: settings.routing,
            emissionOptions: EmissionOptions(cabinClass: settings.cabinClass, includeAirportHubs: settings.includeAirportHubs))
        let (outDay, outTime) = depart.flatMap(DepartureText.parse) ?? (today.adding(days: 1), nil)
        let outbound = try planner.search(
            RouteQuery(
                origin: origin.id, destination: destination.id, departureDay: outDay,
                departureTime: outTime ?? settings.defaultDepartureTime, constraints: constraints, rank: rank, limit: limit))
        var inbound: RouteSearchResult?
        if let returnDate, let (backDay, backTime) = DepartureText.parse(returnDate) {
            guard backDay >= outDay else {
                throw .invalidValue(field: "return", value: returnDate, expected: "a date on or after the departure \(outDay)")
            }
            inbound = try planner.search(
                RouteQuery(
                    origin: destination.id, destination: origin.id, departureDay: backDay,
                    departureTime: backTime ?? settings.defaultDepartureTime, constraints: constraints, rank: rank,
                    limit: limit))
        }
        return RoutesAnswer(
            origin: origin, destination: destination, group: group, factorSet: factorSet, rank: rank,
            departureDay: outDay, outbound: outbound, inbound: inbound)
    }
}

struct RoutesAnswer {
    var origin: Place
    var destination: Place
    var group: Group
    var factorSet: FactorSet
    var rank: RankingProfile
    var departureDay: CalendarDay
    var outbound: RouteSearchResult
    var inbound: RouteSearchResult?
}

extension CalendarDay {
    /// Today's date in UTC (the default departure is the next day, so the time zone hardly matters).
    static var today: CalendarDay {
        CalendarDay(daysSinceEpoch: Int(floor(Date().timeIntervalSince1970 / 86_400)))
    }
}
