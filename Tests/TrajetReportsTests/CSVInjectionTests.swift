import Testing
import TrajetCore
import TrajetReports

/// Issue 18: a plan named `=HYPERLINK(…)` appeared verbatim in the CSV report, and spreadsheets ran it.
@Suite struct CSVInjectionTests {
    @Test func aFormulaInAPlanNameIsNeutralisedAndNumbersStayNumbers() throws {
        let plain = Fixture.report()
        var probe = AnnualReportBuilder(year: 2026, scope: plain.scope, sources: Shipped.sources)
        for plan in Fixture.plans { probe.add(plan) }
        var hostile = try #require(Fixture.plans.first { probe.counts($0.plan) })
        hostile.plan.name = #"=HYPERLINK("http://evil.invalid","x")"#
        let plans = Fixture.plans.map { $0.plan.id == hostile.plan.id ? hostile : $0 }
        let tampered = Fixture.report(plans: plans)
        var builder = AnnualReportBuilder(year: 2026, scope: tampered.scope, sources: Shipped.sources)
        for plan in plans { builder.add(plan) }
        for language in Language.allCases {
            let csv = CSVRenderer(report: tampered, language: language)
            let rows = csv.rows(hostile, legs: builder.legLines(hostile))
            #expect(!rows.isEmpty)
            #expect(rows.contains(#""'=HYPERLINK(""http://evil.invalid"",""x"")""#), "\(rows)")
            for line in rows.split(separator: "\n") {
                for cell in line.split(separator: language == .fr ? ";" : ",", omittingEmptySubsequences: false) {
                    #expect(!cell.hasPrefix("="), "\(cell)")
                }
            }
        }
    }
}
