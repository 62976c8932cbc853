import ArgumentParser
import Foundation
import TrajetCore
import TrajetQueries
import TrajetDatasets

extension FactorsCommand {
    /// `trajet factors diff A B`: what changes between two sets, row by row.
    struct Diff: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Compare two factor sets row by row / Comparer deux jeux ligne à ligne.",
            discussion: """
                Rows are matched by mode, variant, region and distance band; each shows the old and new TTW, TTW \
                without non-CO2 effects and WTT values with the change in percent. Rows found in one set only are \
                listed after.
                """)
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The reference set, e.g. desnz-2025.") var old: String
        @Argument(help: "The set to compare with it, e.g. desnz-2026.") var new: String
        @Option(help: "Output format: table or json.") var format: OutputFormat = .table

        func run() async throws {
            let context = try await CommandContext.load(global)
            let l = context.localizer
            let (oldSet, newSet) = try reportingDomainErrors(l) { () throws(TrajetError) in
                (try context.datasets.factorSet(old), try context.datasets.factorSet(new))
            }
            let diff = FactorSetDiff(old: oldSet, new: newSet)
            switch format {
            case .json: print(try encodeJSON(FactorSetDiffOutput(diff)))
            case .table: print(render(diff, l))
            }
        }

        func render(_ diff: FactorSetDiff, _ l: Localizer) -> String {
            func value(_ v: Double?) -> String { v.map { l.numbers.format($0, decimals: 5) } ?? "–" }
            func percent(_ change: FactorSetDiff.Change) -> String {
                guard let p = change.percent else { return change.old == nil && change.new == nil ? "" : "–" }
                if abs(p) < 0.05 { return "=" }
                return (p > 0 ? "+" : "") + l.numbers.format(p, decimals: 1) + " %"
            }
            let a = diff.oldSet.rawValue
            let b = diff.newSet.rawValue
            var lines = [l.w("cli.comparison-kg-co2e-per-unit", "\(a)", "\(b)"), ""]
            var table = TextTable(
                header: [
                    "mode", "variant", "region", l.w("cli.band"), "TTW \(a)", "TTW \(b)", "Δ",
                    l.w("cli.w-o-non-co2") + a, l.w("cli.w-o-non-co2") + b, "Δ", "WTT \(a)",
                    "WTT \(b)", "Δ", "",
                ], rightAligned: [4, 5, 6, 7, 8, 9, 10, 11, 12])
            for row in diff.matched {
                let f = row.old
                var note = ""
                if row.unitChanged {
                    note = l.w("cli.unit-changed") + "\(row.old.unit.rawValue) → \(row.new.unit.rawValue)"
                }
                table.add([
                    f.mode.rawValue, f.variant.description, f.region.description, f.bandLabel ?? "",
                    value(row.ttw.old), value(row.ttw.new), percent(row.ttw),
                    value(row.ttwWithoutNonCO2.old), value(row.ttwWithoutNonCO2.new), percent(row.ttwWithoutNonCO2),
                    value(row.wtt.old), value(row.wtt.new), percent(row.wtt), note,
                ])
            }
            lines.append(table.render())
            let changed = diff.matched.filter { !$0.isUnchanged }.count
            lines.append("")
            lines.append(
                l.w("cli.matched-rows-changed", "\(diff.matched.count)", "\(changed)"))
            for (title, rows) in [
                (l.w("cli.only-in", "\(a)"), diff.onlyInOld),
                (l.w("cli.only-in", "\(b)"), diff.onlyInNew),
            ] {
                lines.append("")
                guard !rows.isEmpty else {
                    lines.append(title + " " + l.w("cli.no-rows"))
                    continue
                }
                lines.append(title)
                var only = TextTable(
                    header: ["mode", "variant", "region", l.w("cli.band"), l.w("cli.unit"), "TTW", "WTT"],
                    rightAligned: [5, 6])
                for f in rows {
                    only.add([
                        f.mode.rawValue, f.variant.description, f.region.description, f.bandLabel ?? "", f.unit.rawValue,
                        value(f.ttwKgPerUnit), value(f.wttKgPerUnit),
                    ])
                }
                lines.append(only.render())
            }
            return lines.joined(separator: "\n")
        }
    }
}

struct FactorSetDiffOutput: Encodable {
    struct Change: Encodable {
        var old: Double?
        var new: Double?
        var percent: Double?
        init(_ change: FactorSetDiff.Change) {
            old = change.old
            new = change.new
            percent = change.percent.map { rounded($0, 2) }
        }
    }
    struct Key: Encodable {
        var mode: String
        var variant: String
        var region: String
        var minDistanceKm: Double?
        var maxDistanceKm: Double?
        var unit: String
        init(_ f: EmissionFactor) {
            mode = f.mode.rawValue
            variant = f.variant.description
            region = f.region.description
            minDistanceKm = f.minDistanceKm
            maxDistanceKm = f.maxDistanceKm
            unit = f.unit.rawValue
        }
    }
    struct Row: Encodable {
        var row: Key
        var newUnit: String
        var ttwKg: Change
        var ttwWithoutNonCO2Kg: Change
        var wttKg: Change
        var changed: Bool
    }
    struct Only: Encodable {
        var row: Key
        var ttwKg: Double
        var ttwWithoutNonCO2Kg: Double
        var wttKg: Double?
    }
    var old: String
    var new: String
    var rows: [Row]
    var onlyInOld: [Only]
    var onlyInNew: [Only]

    init(_ diff: FactorSetDiff) {
        old = diff.oldSet.rawValue
        new = diff.newSet.rawValue
        rows = diff.matched.map {
            Row(
                row: Key($0.old), newUnit: $0.new.unit.rawValue, ttwKg: Change($0.ttw),
                ttwWithoutNonCO2Kg: Change($0.ttwWithoutNonCO2), wttKg: Change($0.wtt), changed: !$0.isUnchanged)
        }
        func only(_ f: EmissionFactor) -> Only {
            Only(row: Key(f), ttwKg: f.ttwKgPerUnit, ttwWithoutNonCO2Kg: f.ttwWithoutNonCO2KgPerUnit, wttKg: f.wttKgPerUnit)
        }
        onlyInOld = diff.onlyInOld.map(only)
        onlyInNew = diff.onlyInNew.map(only)
    }
}
