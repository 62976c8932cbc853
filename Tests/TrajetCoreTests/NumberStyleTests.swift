import Testing
import TrajetCore

@Suite struct NumberStyleTests {
    @Test func frenchAndEnglishGroupingDecimalsAndSigns() {
        let fr = NumberStyle(.fr)
        let en = NumberStyle(.en)
        #expect(fr.format(1234.5) == "1\u{202F}234,5" && en.format(1234.5) == "1,234.5")
        #expect(en.format(1_234_567.891, decimals: 2) == "1,234,567.89")
        #expect(en.format(999.96, decimals: 1) == "1,000.0")
        #expect(en.format(0.05, decimals: 0) == "0" && en.format(0.5, decimals: 0) == "1")
        #expect(en.format(-12.34, decimals: 1) == "−12.3" && en.format(-0.01, decimals: 1) == "0.0")
        #expect(fr.format(0, decimals: 2) == "0,00" && en.format(100, decimals: 0) == "100")
        #expect(en.format(.nan) == "–")
        #expect(fr.format(1_000_000, decimals: 0) == "1\u{202F}000\u{202F}000")
    }
}
