/// Rounds a figure for output (JSON, reports) so it shows grams or tenths, not binary noise
/// (`0.30000000000000004`). Shared by the CLI, the server and the report.
package func rounded(_ value: Double, _ places: Int = 3) -> Double {
    var scale = 1.0
    for _ in 0..<places { scale *= 10 }
    return (value * scale).rounded() / scale
}
