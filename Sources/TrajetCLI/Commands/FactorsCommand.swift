import ArgumentParser
import Foundation
import TrajetAPI
import TrajetContract
import TrajetCore
import TrajetQueries
import TrajetDatasets

struct FactorsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "factors",
        abstract: "Emission factor sets / Jeux de facteurs d'émission.",
        subcommands: [List.self, Show.self, Validate.self, Diff.self, Import.self],
        defaultSubcommand: List.self)

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the factor sets / Lister les jeux.")
        @OptionGroup var global: GlobalOptions
        @Option(help: "Output format: table or json.") var format: OutputFormat = .table

        func run() async throws {
            let context = try await CommandContext.load(global)
            let l = context.localizer
            let sets = context.datasets.factorSetIDs.compactMap { context.datasets.factorSets[$0] }
            switch format {
            case .json:
                print(try encodeJSON(sets.map { Components.Schemas.FactorSet($0, isDefault: $0.id.rawValue == context.settings.factorSetID, withRows: false) }))
            case .table:
                var table = TextTable(
                    header: ["id", l.w("cli.name"), l.w("cli.year"), "version", l.w("cli.rows"), ""],
                    rightAligned: [2, 4])
                for set in sets {
                    table.add([
                        set.id.rawValue, set.name, String(set.year), set.version, String(set.factors.count),
                        set.id.rawValue == context.settings.factorSetID ? l.w("cli.default") : "",
                    ])
                }
                print(table.render())
            }
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show one factor set with its rules and rows.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Factor set id, e.g. desnz-2025.") var id: String
        @Option(help: "Output format: table or json.") var format: OutputFormat = .table

        func run() async throws {
            let context = try await CommandContext.load(global)
            let l = context.localizer
            let set = try reportingDomainErrors(l) { () throws(TrajetError) in try context.datasets.factorSet(id) }
            switch format {
            case .json:
                print(try encodeJSON(Components.Schemas.FactorSet(set, isDefault: set.id.rawValue == context.settings.factorSetID, withRows: true)))
            case .table:
                print(render(set, l))
            }
        }

        func render(_ set: FactorSet, _ l: Localizer) -> String {
            let r = set.rules
            let yes = l.w("cli.yes")
            let no = l.w("cli.no")
            var lines = [
                "\(set.id) — \(set.name)",
                l.w("cli.publisher") + set.publisher,
                l.w("cli.year-2") + "\(set.year) · version \(set.version)",
                l.w("cli.licence") + set.licence,
                l.w("cli.flight-distance")
                    + "\(r.flightDistanceBasis) × \(l.numbers.format(r.flightDistanceMultiplier, decimals: 2))",
                l.w("cli.non-co2-effects")
                    + "\(r.nonCO2Method.rawValue) (×\(l.numbers.format(r.nonCO2Multiplier, decimals: 1)))",
                l.w("cli.wtt-published") + (r.wttPublished ? yes : no) + " · "
                    + l.w("cli.wtt-included-in-ttw") + (r.wttIncludedInTTW ? yes : no) + " · "
                    + l.w("cli.vehicle-construction-included")
                    + (r.includesVehicleConstruction ? yes : no),
            ]
            if !set.notes.isEmpty { lines.append(l.w("cli.notes") + set.notes) }
            lines.append("")
            var table = TextTable(
                header: [
                    "mode", "variant", "region", l.w("cli.band"), l.w("cli.unit"), "TTW", l.w("cli.ttw-w-o-non-co2"),
                    "WTT", l.w("cli.allocation"), "flags", l.w("cli.line"),
                ], rightAligned: [5, 6, 7, 10])
            for f in set.factors {
                var flags: [String] = []
                if f.isProxy { flags.append("PROXY") }
                if f.isEstimate { flags.append(l.w("cli.estimate")) }
                table.add([
                    f.mode.rawValue, f.variant.description, f.region.description, f.bandLabel ?? "", f.unit.rawValue,
                    l.numbers.format(f.ttwKgPerUnit, decimals: 5), l.numbers.format(f.ttwWithoutNonCO2KgPerUnit, decimals: 5),
                    f.wttKgPerUnit.map { l.numbers.format($0, decimals: 5) } ?? "–",
                    f.allocation.rawValue + (f.seats.map { " (\($0))" } ?? ""), flags.joined(separator: " "),
                    String(f.line),
                ])
            }
            lines.append(table.render())
            lines.append("")
            lines.append(l.w("cli.kg-co2e-per-unit-per-row") + set.factorsFile)
            return lines.joined(separator: "\n")
        }
    }

    struct Validate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check every dataset file; report each problem with file, line and column.")
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            // CommandContext.load already validates everything and exits with code 2 listing every problem.
            let context = try await CommandContext.load(global)
            let d = context.datasets
            let l = context.localizer
            print(
                l.w("cli.datasets-valid") + d.directory.path + "\n  "
                    + "\(d.network.places.count) " + l.w("cli.places") + ", \(d.network.partners.count) "
                    + l.w("cli.partners") + ", \(d.network.legs.count) " + l.w("cli.legs") + ", "
                    + "\(d.factorSets.count) " + l.w("cli.factor-sets") + " ("
                    + d.factorSetIDs.map(\.rawValue).joined(separator: ", ") + ")")
        }
    }
}
