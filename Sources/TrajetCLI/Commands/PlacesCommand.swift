import ArgumentParser
import TrajetAPI
import TrajetContract
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
    @Option(help: "Only places of this country (ISO code, e.g. BE).") var country: String?
    @Option(help: "Only places of this kind: airport, station, port, city, bus_station.") var kind: String?
    @Option(parsing: .unconditional, help: "Page to show (default 1).") var page: Int = 1
    @Option(name: .customLong("per-page"), parsing: .unconditional, help: "Places per page (default 50).")
    var perPage: Int = 50

    func validate() throws {
        let l = global.optionWords
        try OptionCheck.atLeast(1, page, "--page", l)
        try OptionCheck.within(1...1000, perPage, "--per-page", l)
        if let kind, PlaceKind(rawValue: kind) == nil {
            throw ValidationError(
                l.w("cli.option-unknown-kind", "--kind", kind, PlaceKind.allCases.map(\.rawValue).joined(separator: ", ")))
        }
        if let country, country.count != 2 || !country.allSatisfy({ $0.isASCII && $0.isLetter }) {
            throw ValidationError(l.w("cli.option-not-a-country", "--country", country))
        }
    }

    func run() async throws {
        let context = try await CommandContext.load(global)
        let l = context.localizer
        let network = context.datasets.network
        let found = network.search(query ?? "", limit: Int.max).filter { place in
            (country.map { place.countryCode == $0.uppercased() } ?? true) && (kind.map { place.kind.rawValue == $0 } ?? true)
        }
        let pageCount = max(1, (found.count + perPage - 1) / perPage)
        let places = Array(found.dropFirst((page - 1) * perPage).prefix(perPage))
        if found.isEmpty {
            printError(l.message(for: .unknownPlace(query: query ?? "", suggestions: network.suggestions(for: query ?? ""))), l)
            throw ExitCode(1)
        }
        switch format {
        case .json:
            print(try encodeJSON(Components.Schemas.Place.list(places, network: network)))
        case .table:
            let partnersByPlace = network.partnerIDsByPlace()
            var table = TextTable(
                header: [
                    "id", l.w("cli.kind"), l.w("cli.name"), l.w("cli.city"), l.w("cli.country"),
                    "lat", "lon", l.w("cli.partner"),
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
                print(l.w("cli.estimated-coordinates-estimate"))
            }
            if pageCount > 1 || page > 1 {
                print(
                    l.w("cli.page-places", "\(page)", "\(pageCount)", "\(found.count)")
                        + (page < pageCount ? l.w("cli.next-page", "\(page + 1)") : ""))
            }
        }
    }
}
