import Benchmark
import Foundation
import TrajetCore
import TrajetDatasets

/// Route search on the shipped network, as `trajet routes` and `GET /v1/routes` run it: one planner (a group of
/// 14 + 2 with minors, the default factor set) and the questions the associations ask most, from the four Belgian
/// cities of the README to the four partners and back, on a summer Saturday.
struct Shipped: @unchecked Sendable {
    let datasets: Datasets
    let planner: RoutePlanner
    let queries: [RouteQuery]
    let group: Group
    let calculator: EmissionCalculator

    static let loaded: Shipped = {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../../Datasets").standardized
        let datasets = try! Datasets.load(from: folder)
        let group = try! Group(participants: 14, leaders: 2, minors: true)
        let calculator = EmissionCalculator(factorSet: try! datasets.factorSet("desnz-2025"), hubs: datasets.hubs)
        let planner = try! RoutePlanner(network: datasets.network, calculator: calculator, group: group)
        let resolver = PlaceResolver(network: datasets.network)
        let belgian = ["liege", "bruxelles", "namur", "anvers"].map { try! resolver.resolve($0, for: .surface).id }
        let partners = datasets.network.partners.values.sorted { $0.id < $1.id }.map(\.mainPlace)
        let day = CalendarDay(iso: "2026-07-04")!
        var queries: [RouteQuery] = []
        for origin in belgian {
            for partner in partners {
                queries.append(RouteQuery(origin: origin, destination: partner, departureDay: day))
                queries.append(RouteQuery(origin: partner, destination: origin, departureDay: day))
            }
        }
        return Shipped(datasets: datasets, planner: planner, queries: queries, group: group, calculator: calculator)
    }()
}

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .cpuTotal, .mallocCountTotal, .peakMemoryResident, .throughput],
        maxDuration: .seconds(5), maxIterations: 10_000)

    // One search per iteration, cycling through the 32 questions: the distribution is over all of them.
    Benchmark("route search, shipped network, 32 questions") { benchmark in
        let shipped = Shipped.loaded
        var index = 0
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            blackHole(try? shipped.planner.search(shipped.queries[index % shipped.queries.count]))
            index += 1
        }
    }

    // What a server does for a group it has not seen: every leg's footprint for that group.
    Benchmark("planner for a new group, shipped network", configuration: .init(maxIterations: 200)) { benchmark in
        let shipped = Shipped.loaded
        let routing = RoutingNetwork(network: shipped.datasets.network, policy: RoutingPolicy())
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            blackHole(try? RoutePlanner(routing: routing, calculator: shipped.calculator, group: shipped.group))
        }
    }
}
