import ArgumentParser
import Foundation
import Testing
import TrajetCore
import TrajetDatasets

@testable import TrajetCLI
@testable import TrajetQueries

@Suite struct FactorsDiffCommandTests {
    @Test func aSetComparedWithItselfHasNoChange() throws {
        let set = try ShippedData.datasets.factorSet("desnz-2025")
        let diff = FactorSetDiff(old: set, new: set)
        #expect(diff.matched.count == set.factors.count)
        #expect(diff.onlyInOld.isEmpty && diff.onlyInNew.isEmpty)
        let unchanged = diff.matched.allSatisfy { $0.isUnchanged }
        #expect(unchanged)
    }

    @Test func rowsAreMatchedByModeVariantRegionAndBand() throws {
        let old = try ShippedData.datasets.factorSet("desnz-2024")
        let new = try ShippedData.datasets.factorSet("desnz-2025")
        let diff = FactorSetDiff(old: old, new: new)
        let economy = try #require(
            diff.matched.first { $0.old.mode == .flight && $0.old.variant == .cabin(.economy) && $0.old.region == .notTouches("GB") })
        #expect(economy.ttw.old == 0.13465)
        #expect(economy.ttw.new == 0.10916)
        let percent = try #require(economy.ttw.percent)
        #expect(abs(percent - (0.10916 - 0.13465) / 0.13465 * 100) < 1e-9)
        // desnz-2024 publishes no WTT: the change is unknown, not 100 %.
        #expect(economy.wtt.old == nil)
        #expect(economy.wtt.percent == nil)
        let total = diff.matched.count + diff.onlyInOld.count
        #expect(total == old.factors.count)
        #expect(diff.matched.count + diff.onlyInNew.count == new.factors.count)
    }

    @Test func tableAndJSONNameBothSets() throws {
        let command = try #require(
            try TrajetCommand.parseAsRoot(["factors", "diff", "desnz-2024", "desnz-2025"]) as? FactorsCommand.Diff)
        let diff = FactorSetDiff(
            old: try ShippedData.datasets.factorSet("desnz-2024"), new: try ShippedData.datasets.factorSet("desnz-2025"))
        let english = command.render(diff, Localizer(.en))
        #expect(english.contains("TTW desnz-2024"))
        #expect(english.contains("−18.9 %"))
        #expect(english.contains("Only in desnz-2025:"))
        let french = command.render(diff, Localizer(.fr))
        #expect(french.contains("Seulement dans desnz-2024"))
        #expect(french.contains("−18,9 %"))
        let json = try encodeJSON(FactorSetDiffOutput(diff))
        #expect(json.contains("\"old\" : \"desnz-2024\""))
        #expect(json.contains("\"onlyInNew\""))
    }
}

@Suite struct FactorsImportCommandTests {
    @Test func fileOrURLButNotBoth() {
        #expect(throws: (any Error).self) {
            _ = try TrajetCommand.parseAsRoot(["factors", "import", "desnz", "--year", "2026"])
        }
        #expect(throws: (any Error).self) {
            _ = try TrajetCommand.parseAsRoot([
                "factors", "import", "desnz", "--year", "2026", "--file", "a.xlsx", "--url", "https://example.invalid/a",
            ])
        }
        #expect(throws: (any Error).self) {
            _ = try TrajetCommand.parseAsRoot(["factors", "import", "desnz", "--file", "a.xlsx"])
        }
    }

    @Test func optionsAreRead() throws {
        let command = try #require(
            try TrajetCommand.parseAsRoot([
                "factors", "import", "desnz", "--url", "https://example.invalid/flat.xlsx", "--year", "2026", "--sha256",
                String(repeating: "a", count: 64), "--timeout", "5", "--max-bytes", "1000", "--force",
            ]) as? FactorsCommand.Import.DESNZ)
        #expect(command.year == 2026)
        #expect(command.timeout == 5)
        #expect(command.maxBytes == 1000)
        #expect(command.force)
        #expect(command.file == nil)
    }

    @Test func unsafeIDsAreRefused() {
        #expect(throws: (any Error).self) {
            _ = try TrajetCommand.parseAsRoot(["factors", "import", "desnz", "--file", "a.xlsx", "--year", "2026", "--id", "../x"])
        }
    }
}
