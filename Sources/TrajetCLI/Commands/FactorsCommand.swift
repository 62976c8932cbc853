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
                    header: ["id", l.t("nom", "name"), l.t("année", "year"), "version", l.t("lignes", "rows"), ""],
                    rightAligned: [2, 4])
                for set in sets {
                    table.add([
                        set.id.rawValue, set.name, String(set.year), set.version, String(set.factors.count),
                        set.id.rawValue == context.settings.factorSetID ? l.t("(par défaut)", "(default)") : "",
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
            let yes = l.t("oui", "yes")
            let no = l.t("non", "no")
            var lines = [
                "\(set.id) — \(set.name)",
                l.t("Éditeur : ", "Publisher: ") + set.publisher,
                l.t("Année : ", "Year: ") + "\(set.year) · version \(set.version)",
                l.t("Licence : ", "Licence: ") + set.licence,
                l.t("Distance des vols : ", "Flight distance: ")
                    + "\(r.flightDistanceBasis) × \(l.numbers.format(r.flightDistanceMultiplier, decimals: 2))",
                l.t("Effets hors CO2 : ", "Non-CO2 effects: ")
                    + "\(r.nonCO2Method.rawValue) (×\(l.numbers.format(r.nonCO2Multiplier, decimals: 1)))",
                l.t("WTT publié : ", "WTT published: ") + (r.wttPublished ? yes : no) + " · "
                    + l.t("WTT inclus dans TTW : ", "WTT included in TTW: ") + (r.wttIncludedInTTW ? yes : no) + " · "
                    + l.t("construction des véhicules incluse : ", "vehicle construction included: ")
                    + (r.includesVehicleConstruction ? yes : no),
            ]
            if !set.notes.isEmpty { lines.append(l.t("Notes : ", "Notes: ") + set.notes) }
            lines.append("")
            var table = TextTable(
                header: [
                    "mode", "variant", "region", l.t("tranche", "band"), l.t("unité", "unit"), "TTW", l.t("TTW sans hors-CO2", "TTW w/o non-CO2"),
                    "WTT", l.t("répartition", "allocation"), "flags", l.t("ligne", "line"),
                ], rightAligned: [5, 6, 7, 10])
            for f in set.factors {
                var flags: [String] = []
                if f.isProxy { flags.append("PROXY") }
                if f.isEstimate { flags.append(l.t("ESTIMATION", "ESTIMATE")) }
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
            lines.append(l.t("kg CO2e par unité ; sources par ligne dans ", "kg CO2e per unit; per-row sources in ") + set.factorsFile)
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
                l.t("Jeux de données valides : ", "Datasets valid: ") + d.directory.path + "\n  "
                    + "\(d.network.places.count) " + l.t("lieux", "places") + ", \(d.network.partners.count) "
                    + l.t("partenaires", "partners") + ", \(d.network.legs.count) " + l.t("trajets", "legs") + ", "
                    + "\(d.factorSets.count) " + l.t("jeux de facteurs", "factor sets") + " ("
                    + d.factorSetIDs.map(\.rawValue).joined(separator: ", ") + ")")
        }
    }
}
