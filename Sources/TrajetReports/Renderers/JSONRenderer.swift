import Foundation

/// The report model as JSON for tools: stable key order, kg as numbers, ISO dates.
public enum JSONRenderer {
    public static func render(_ report: AnnualReport) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        var data = try encoder.encode(report)
        data.append(10)
        return data
    }
}
