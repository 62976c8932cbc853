import ArgumentParser
import TrajetCore
import TrajetQueries
import TrajetDatasets

struct PlacesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "places",
        abstract: "List or search the places of the network / Lister ou chercher les lieux du réseau.")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "Text to search in ids, IATA codes, names, cities and aliases (accents optional).")
    var query: String?
    @Option(help: "Output format: table or json.") var format: OutputFormat = .table

    func run() async throws {
        let context = try await CommandContext.load(global)
        let l = context.localizer
        let network = context.datasets.network
        let places = network.search(query ?? "", limit: query == nil ? Int.max : 30)
        if places.isEmpty {
            printError(l.message(for: .unknownPlace(query: query ?? "", suggestions: network.suggestions(for: query ?? ""))), l)
            throw ExitCode(1)
        }
        let partnersByPlace = Dictionary(
            grouping: network.partners.values.flatMap { partner in partner.places.map { ($0, partner.id.rawValue) } },
            by: \.0
        ).mapValues { $0.map(\.1).sorted() }
        switch format {
        case .json:
            print(try encodeJSON(places.map { PlaceOutput($0, partners: partnersByPlace[$0.id] ?? []) }))
        case .table:
            var table = TextTable(
                header: [
                    "id", l.t("type", "kind"), l.t("nom", "name"), l.t("ville", "city"), l.t("pays", "country"),
                    "lat", "lon", l.t("partenaire", "partner"),
                ], rightAligned: [5, 6])
            for place in places {
                let estimate = place.coordinatesEstimated ? " ≈" : ""
                table.add([
                    place.id.rawValue, l.kind(place.kind), place.name, place.city, place.countryCode,
                    l.numbers.format(place.coordinate.latitudeDegrees, decimals: 4) + estimate,
                    l.numbers.format(place.coordinate.longitudeDegrees, decimals: 4) + estimate,
                    (partnersByPlace[place.id] ?? []).joined(separator: ", "),
                ])
            }
            print(table.render())
            if places.contains(where: \.coordinatesEstimated) {
                print(l.t("≈ coordonnées estimées (ESTIMATION)", "≈ estimated coordinates (ESTIMATE)"))
            }
        }
    }
}
