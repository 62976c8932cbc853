// swift-tools-version:6.2
// Trajet's benchmarks on ordo-one/benchmark (percentiles, allocations, memory; `swift package benchmark`), in a
// package of their own so that neither `trajet` nor the test build links them. Run from this folder:
//
//   swift package --allow-writing-to-package-directory benchmark
//
// Generated networks and plan stores stay in `trajet-bench` (they use the main package's `package` API).
import Foundation
import PackageDescription

// A path dependency is named after its folder, which is whatever the clone is called.
let trajet = URL(fileURLWithPath: Context.packageDirectory).deletingLastPathComponent().lastPathComponent.lowercased()

let package = Package(
    name: "TrajetBenchmarks",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(path: ".."),
        // Percentiles and allocation counts per benchmark, baselines to compare (docs/performance.md).
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        .executableTarget(
            name: "RouteSearch",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "TrajetCore", package: trajet),
                .product(name: "TrajetDatasets", package: trajet),
            ],
            path: "Benchmarks/RouteSearch",
            swiftSettings: [.swiftLanguageMode(.v6)],
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]),
    ])
