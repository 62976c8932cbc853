import Foundation

/// JSON with stable key order, for scripts and tests.
package func encodeJSON(_ value: some Encodable) throws -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    return String(decoding: try encoder.encode(value), as: UTF8.self)
}

/// Rounds for output so JSON shows grams, not floating-point noise.
package func rounded(_ value: Double, _ decimals: Int = 3) -> Double {
    let scale = pow(10, Double(decimals))
    return (value * scale).rounded() / scale
}
