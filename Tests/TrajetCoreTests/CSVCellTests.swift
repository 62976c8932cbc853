import Testing
import TrajetCore

/// CSV injection (issue 18): a plan named `=HYPERLINK(…)` reached the report's CSV verbatim.
@Suite struct CSVCellTests {
    @Test(arguments: [
        ("=HYPERLINK(\"http://x\")", "\"'=HYPERLINK(\"\"http://x\"\")\""),
        ("+1+2", "'+1+2"), ("-2+3", "'-2+3"), ("@SUM(A1)", "'@SUM(A1)"), ("\tcmd", "'\tcmd"),
        ("\r=1", "\"'\r=1\""), ("--3", "'--3"), ("-1e3", "'-1e3"), ("- 3", "'- 3"), ("-", "'-"),
        // Numbers are data: left as they are.
        ("-3", "-3"), ("-0.5", "-0.5"), ("12", "12"), ("3.25", "3.25"),
        // Ordinary text: quoted only when RFC 4180 asks.
        ("Liège", "Liège"), ("a,b", "\"a,b\""), ("say \"hi\"", "\"say \"\"hi\"\"\""), ("", ""),
    ])
    func commaSeparated(text: String, cell: String) {
        #expect(CSVCell.escape(text) == cell)
    }

    @Test func semicolonSeparatedKeepsDecimalCommas() {
        #expect(CSVCell.escape("-12,75", separator: ";") == "-12,75")
        #expect(CSVCell.escape("=1;2", separator: ";") == "\"'=1;2\"")
        #expect(CSVCell.escape("a,b", separator: ";") == "a,b")
        // With `,` as the separator a decimal comma number is still a number, quoted because it holds the separator.
        #expect(CSVCell.escape("-12,75") == "\"-12,75\"")
    }
}
