import ArgumentParser
import Foundation
import TrajetCore
import TrajetQueries
import TrajetDatasets
import TrajetSQLite
import TrajetStore
import TrajetBenchmarks
import TrajetCLI

/// `trajet-bench …`: measurements for developers. Numbers mean something only from a release build
/// (`swift build -c release`); docs/performance.md records them with the exact commands.
@main
struct BenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "trajet-bench",
        abstract: "Performance benchmarks for developers (use a release build) / Mesures de performance.",
        subcommands: [Routes.self, Plans.self])

    /// Makes the store the report benchmark reads; the report itself is timed as users run it (docs/performance.md).
    struct Plans: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "plans",
            abstract: "Generate a large plan store for the report benchmark.",
            discussion: """
                Itineraries from the planner on the shipped network, copied onto seeded random groups (8-20 young \
                people, 1-3 leaders), 12 organisations, statuses (45 % travelled, 30 % booked, 13 % planned, 7 % \
                draft, 5 % cancelled) and departure dates of --year. Same seed → same store.
                Example: trajet-bench plans --plans 100000 --year 2026 --database data/bench-100k.sqlite
                then:    trajet report --year 2026 --network --format html --database data/bench-100k.sqlite --output /tmp/r.html
                """)

        @OptionGroup var global: GlobalOptions
        @Option(help: "Database file to create (must not exist).") var database: String
        @Option(parsing: .unconditional, help: "Number of plans.") var plans = 100_000
        @Option(parsing: .unconditional, help: "Departure year of every plan.") var year = 2026
        @Option(help: "Seed.") var seed: UInt64 = 42

        func validate() throws {
            if !(1...2_000_000).contains(plans) { throw ValidationError("--plans must be between 1 and 2000000 (got \(plans)).") }
            if !(2000...2100).contains(year) { throw ValidationError("--year must be between 2000 and 2100 (got \(year)).") }
        }

        func run() async throws {
            let context = try await CommandContext.load(global)
            let l = context.localizer
            guard !FileManager.default.fileExists(atPath: database) else {
                printError(l.w("bench.already-exists", "\(database)"), l)
                throw ExitCode(1)
            }
            let store = try SQLitePlanStore.open(path: database)
            let generator = GeneratedPlans(
                datasets: context.datasets, factorSetID: context.settings.factorSetID, year: year, seed: seed)
            let start = ContinuousClock.now
            try await generator.fill(store, count: plans) { written in
                FileHandle.standardError.write(Data("\r\(written) / \(plans)".utf8))
            }
            let seconds = (ContinuousClock.now - start).components
            print("\n" + l.w("bench.plans-written-to-in-s", "\(plans)", "\(database)", "\(seconds.seconds)"))
        }
    }

    struct Routes: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "routes",
            abstract: "Route-search latency (p50/p90/p99) and memory, on the shipped or a generated network.",
            discussion: """
                Builds one route planner (network compiled, every leg costed for the group), then times seeded \
                random origin→destination searches, departing 2026-07-04 06:00, default ranking. Queries that end \
                in "no itinerary" are timed too and counted apart. Same options and seed → same queries (and the \
                same generated network).
                Examples:
                  trajet-bench routes
                  trajet-bench routes --generated --places 10000 --legs 100000 --seed 42 --queries 100
                """)

        @OptionGroup var global: GlobalOptions

        @Flag(help: "Benchmark a generated network instead of the shipped one.") var generated = false
        @Option(help: "Places of the generated network.") var places = 10_000
        @Option(help: "Legs of the generated network (about; each service is a leg each way).") var legs = 100_000
        @Option(help: "Seed of the generated network and of the queries.") var seed: UInt64 = 42
        @Option(help: "Timed queries.") var queries = 200
        @Option(help: "Untimed queries run first (warm caches, lazy initialisation).") var warmup = 20
        @Option(parsing: .unconditional, help: "Young participants in the group.") var participants = 14
        @Option(parsing: .unconditional, help: "Group leaders.") var leaders = 2
        @Option(help: "Factor set id (default from config).") var factors: String?
        @Option(
            name: .customLong("max-labels"), parsing: .unconditional,
            help: "Override routing.maxLabelsPerPlace (default from config).")
        var maxLabels: Int?
        @Option(help: "Output format: table or json.") var format: OutputFormat = .table
        @Flag(
            name: .customLong("per-query"),
            help: "Also list every timed query (origin, destination, outcome, ms, options), to compare two runs.")
        var perQuery = false

        func validate() throws {
            if places < 2 { throw ValidationError("--places must be 2 or more (got \(places)).") }
            if legs < 2 { throw ValidationError("--legs must be 2 or more (got \(legs)).") }
            if places > 1_000_000 { throw ValidationError("--places must be at most 1000000 (got \(places)).") }
            if legs > 20_000_000 { throw ValidationError("--legs must be at most 20000000 (got \(legs)).") }
            if queries < 1 { throw ValidationError("--queries must be 1 or more (got \(queries)).") }
            if warmup < 0 { throw ValidationError("--warmup must be 0 or more (got \(warmup)).") }
            if participants < 0 { throw ValidationError("--participants must be 0 or more (got \(participants)).") }
            if leaders < 0 { throw ValidationError("--leaders must be 0 or more (got \(leaders)).") }
            if let maxLabels, maxLabels < 1 { throw ValidationError("--max-labels must be 1 or more (got \(maxLabels)).") }
        }

        func run() async throws {
            #if DEBUG
                FileHandle.standardError.write(
                    Data("warning: debug build; benchmark numbers are only meaningful from `swift build -c release`.\n".utf8))
            #endif
            let clock = ContinuousClock()
            let context = try await CommandContext.load(global, factorSet: factors)
            let l = context.localizer
            let settings = context.settings
            let rssAfterLoad = ProcessStatus.kilobytes("VmHWM")

            // The network.
            var network = context.datasets.network
            var generation: GeneratedNetwork?
            var generateMs: Double?
            if generated {
                let start = clock.now
                let made = GeneratedNetwork(places: places, legs: legs, seed: seed)
                generateMs = milliseconds(clock.now - start)
                network = made.network
                generation = made
            }
            let rssAfterNetwork = ProcessStatus.kilobytes("VmHWM")

            // One planner, built once.
            var policy = settings.routing
            if let maxLabels { policy.maxLabelsPerPlace = maxLabels }
            let buildStart = clock.now
            let planner = try reportingDomainErrors(l) { () throws(TrajetError) -> RoutePlanner in
                let group = try Group(participants: participants, leaders: leaders)
                let factorSet = try context.datasets.factorSet(settings.factorSetID)
                return try RoutePlanner(
                    network: network, calculator: EmissionCalculator(factorSet: factorSet, hubs: context.datasets.hubs),
                    group: group, policy: policy,
                    emissionOptions: EmissionOptions(
                        cabinClass: settings.cabinClass, includeAirportHubs: settings.includeAirportHubs))
            }
            let buildMs = milliseconds(clock.now - buildStart)
            let rssAfterBuild = ProcessStatus.kilobytes("VmHWM")

            // Queries: seeded, and separate streams for warm-up and timed ones so --warmup never changes what is timed.
            let pool = QueryPool(network: network, shipped: !generated)
            var warmupRng = SplitMix64.derived(from: seed, stream: 101)
            var timedRng = SplitMix64.derived(from: seed, stream: 100)
            let warmupQueries = (0..<warmup).map { _ in pool.draw(&warmupRng, limit: settings.routeLimit) }
            let timedQueries = (0..<queries).map { _ in pool.draw(&timedRng, limit: settings.routeLimit) }

            for (query, _) in warmupQueries { _ = try? planner.search(query) }

            var samples: [QuerySample] = []
            samples.reserveCapacity(queries)
            for (query, kind) in timedQueries {
                let start = clock.now
                var outcome = QuerySample.Outcome.found
                var options = 0
                var shown = 0
                var lowestCO2: Double?
                var fastestMinutes: Int?
                do {
                    let result = try planner.search(query)
                    options = result.optionCount
                    shown = result.itineraries.count
                    lowestCO2 = result.lowestCarbon.co2eKgPerPerson
                    fastestMinutes = result.fastest.durationMinutes
                } catch {
                    if case .noItinerary = error { outcome = .noItinerary } else { outcome = .error }
                }
                let elapsed = milliseconds(clock.now - start)
                samples.append(
                    QuerySample(
                        origin: query.origin.rawValue, destination: query.destination.rawValue, kind: kind,
                        outcome: outcome, milliseconds: elapsed, options: options, shown: shown,
                        lowestCO2KgPerPerson: lowestCO2, fastestMinutes: fastestMinutes))
            }
            let rssPeak = ProcessStatus.kilobytes("VmHWM")

            let report = RouteBenchReport(
                network: generated ? "generated" : "shipped", places: network.places.count, legs: network.legs.count,
                seed: seed, fingerprint: generation.map { String(format: "%016llx", $0.fingerprint) },
                legsByMode: generation.map { made in
                    Dictionary(uniqueKeysWithValues: made.legsByMode.map { ($0.mode.rawValue, $0.count) })
                },
                timetabledLegs: generation?.timetabledLegs, overnightLegs: generation?.overnightLegs,
                factorSet: settings.factorSetID, participants: participants, leaders: leaders,
                maxLabelsPerPlace: policy.maxLabelsPerPlace, departure: "\(BenchDefaults.day)T\(BenchDefaults.time)",
                generateMs: generateMs.map { rounded($0, 2) }, plannerBuildMs: rounded(buildMs, 3),
                warmupQueries: warmup, samples: samples,
                rssMB: .init(
                    afterLoad: ProcessStatus.megabytes(rssAfterLoad), afterNetwork: ProcessStatus.megabytes(rssAfterNetwork),
                    afterBuild: ProcessStatus.megabytes(rssAfterBuild), peak: ProcessStatus.megabytes(rssPeak)),
                perQuery: perQuery, build: BenchDefaults.buildConfiguration,
                command: CommandLine.arguments.map(shellQuoted).joined(separator: " "),
                equivalentCommand: equivalentCommand())
            switch format {
            case .json: print(try encodeJSON(report))
            case .table: print(report.renderTable())
            }
        }

        /// The same run with every option spelled out.
        func equivalentCommand() -> String {
            var parts = ["trajet-bench", "routes"]
            if generated { parts += ["--generated", "--places", String(places), "--legs", String(legs)] }
            parts += [
                "--seed", String(seed), "--queries", String(queries), "--warmup", String(warmup), "--participants",
                String(participants), "--leaders", String(leaders),
            ]
            if let factors { parts += ["--factors", factors] }
            if perQuery { parts.append("--per-query") }
            if let maxLabels { parts += ["--max-labels", String(maxLabels)] }
            if let datasets = global.datasets { parts += ["--datasets", shellQuoted(datasets)] }
            if let config = global.config { parts += ["--config", shellQuoted(config)] }
            return parts.joined(separator: " ")
        }
    }
}

enum BenchDefaults {
    static let day = CalendarDay(iso: "2026-07-04")!
    static let time = LocalTime(hours: 6, minutes: 0)!
    #if DEBUG
        static let buildConfiguration = "debug"
    #else
        static let buildConfiguration = "release"
    #endif

    /// Realistic corridors of the shipped network (Belgian origins to the partners, and back), drawn half the time.
    static let corridors: [(PlaceID, PlaceID)] = [
        ("BE-LIEGE-G", "MA-KHEMISSET"), ("BE-BXL-MIDI", "MA-KHEMISSET"), ("BE-NAMUR", "MA-KHEMISSET"),
        ("BE-BXL-MIDI", "SN-THIES"), ("BE-LIEGE-G", "SN-THIES"), ("BE-BXL-MIDI", "SN-TOUBACOUTA"),
        ("BE-BXL-MIDI", "EG-CAIRO-MANSHIET"), ("BE-ANTW-C", "EG-CAIRO-MANSHIET"), ("BE-LIEGE-G", "EG-CAIRO-MANSHIET"),
        ("BE-BXL-MIDI", "TG-LOME"), ("BE-LIEGE-G", "TG-KOUGNOHOU"), ("BE-NAMUR", "TG-LOME"),
        ("BE-BXL-MIDI", "MA-MARRAKECH"), ("BE-ANTW-C", "MA-FES"), ("FR-PARIS-NORD", "MA-CASA-VOY"),
        ("ES-MAD-ATOCHA", "MA-TANGER-VILLE"), ("BE-BXL-MIDI", "MR-NOUAKCHOTT"), ("BE-LIEGE-G", "SN-DAKAR"),
        ("MA-KHEMISSET", "BE-LIEGE-G"), ("SN-THIES", "BE-BXL-MIDI"), ("EG-CAIRO-MANSHIET", "BE-BXL-MIDI"),
        ("TG-LOME", "BE-BXL-MIDI"), ("TG-KOUGNOHOU", "BE-LIEGE-G"), ("SN-TOUBACOUTA", "BE-NAMUR"),
    ]
}

/// Where the benchmark's origin→destination pairs come from.
struct QueryPool {
    enum Kind: String, Encodable { case corridor, random }

    let ids: [PlaceID]
    let corridors: [(PlaceID, PlaceID)]

    init(network: Network, shipped: Bool) {
        ids = network.places.keys.sorted()
        corridors = shipped
            ? BenchDefaults.corridors.filter { network.places[$0.0] != nil && network.places[$0.1] != nil } : []
    }

    /// A corridor half the time (shipped network only), otherwise two distinct random places.
    func draw(_ rng: inout SplitMix64, limit: Int) -> (RouteQuery, Kind) {
        let (origin, destination, kind): (PlaceID, PlaceID, Kind)
        if !corridors.isEmpty, rng.chance(0.5) {
            let pair = corridors[rng.int(below: corridors.count)]
            (origin, destination, kind) = (pair.0, pair.1, .corridor)
        } else {
            let a = rng.int(below: ids.count)
            var b = rng.int(below: ids.count - 1)
            if b >= a { b += 1 }
            (origin, destination, kind) = (ids[a], ids[b], .random)
        }
        return (
            RouteQuery(
                origin: origin, destination: destination, departureDay: BenchDefaults.day,
                departureTime: BenchDefaults.time, limit: limit),
            kind
        )
    }
}

struct QuerySample: Encodable {
    enum Outcome: String, Encodable { case found, noItinerary, error }
    var origin: String
    var destination: String
    var kind: QueryPool.Kind
    var outcome: Outcome
    var milliseconds: Double
    /// Pareto options before ranking (`RouteSearchResult.optionCount`).
    var options: Int
    var shown: Int
    /// What the search found, to compare settings that trade quality for speed (label cap, pruning).
    var lowestCO2KgPerPerson: Double?
    var fastestMinutes: Int?
}

/// Latency distribution of a set of queries; percentiles by nearest rank.
struct LatencyStats: Encodable {
    var count: Int
    /// Of these, queries that ended with no itinerary.
    var noItinerary: Int
    var p50: Double
    var p90: Double
    var p99: Double
    var max: Double
    var mean: Double

    init?(_ samples: [QuerySample]) {
        guard !samples.isEmpty else { return nil }
        let sorted = samples.map(\.milliseconds).sorted()
        noItinerary = samples.filter { $0.outcome == .noItinerary }.count
        func rank(_ p: Double) -> Double { sorted[Swift.max(0, Int((p / 100 * Double(sorted.count)).rounded(.up)) - 1)] }
        count = sorted.count
        p50 = rounded(rank(50), 3)
        p90 = rounded(rank(90), 3)
        p99 = rounded(rank(99), 3)
        max = rounded(sorted.last!, 3)
        mean = rounded(sorted.reduce(0, +) / Double(sorted.count), 3)
    }
}

struct RouteBenchReport: Encodable {
    struct Memory: Encodable {
        var afterLoad: Double?
        var afterNetwork: Double?
        var afterBuild: Double?
        var peak: Double?
    }
    /// The issue's target, checked on all queries and on those that found itineraries (queries with no itinerary
    /// end early, so the first can look better than the work a coordinator actually waits for).
    struct Target: Encodable {
        var p50Ms: Double
        var metOnAllQueries: Bool
        var metOnQueriesWithItineraries: Bool?
    }

    var network: String
    var places: Int
    var legs: Int
    var seed: UInt64
    var fingerprint: String?
    var legsByMode: [String: Int]?
    var timetabledLegs: Int?
    var overnightLegs: Int?
    var factorSet: String
    var participants: Int
    var leaders: Int
    var maxLabelsPerPlace: Int
    var departure: String
    var generateMs: Double?
    var plannerBuildMs: Double
    var warmupQueries: Int
    var queries: Int
    var found: Int
    var noItinerary: Int
    var errors: Int
    var latencyMs: LatencyStats?
    var latencyFoundMs: LatencyStats?
    var latencyNoItineraryMs: LatencyStats?
    var latencyCorridorMs: LatencyStats?
    var latencyRandomMs: LatencyStats?
    var meanOptionsFound: Double
    var meanItinerariesShown: Double
    /// Mean kg CO2e per person of the lowest-carbon option, and mean door-to-door hours of the fastest one, over
    /// the queries with itineraries: a drop in search quality shows here before it shows in latency.
    var meanLowestCO2KgPerPerson: Double?
    var meanFastestHours: Double?
    /// Peak resident set (VmHWM) in MB at each stage; null where /proc is missing.
    var rssMB: Memory
    var target: Target?
    /// Every timed query, with `--per-query`.
    var samples: [QuerySample]?
    var build: String
    var command: String
    var equivalentCommand: String

    init(
        network: String, places: Int, legs: Int, seed: UInt64, fingerprint: String?, legsByMode: [String: Int]?,
        timetabledLegs: Int?, overnightLegs: Int?, factorSet: String, participants: Int, leaders: Int,
        maxLabelsPerPlace: Int, departure: String, generateMs: Double?, plannerBuildMs: Double, warmupQueries: Int,
        samples: [QuerySample], rssMB: Memory, perQuery: Bool, build: String, command: String, equivalentCommand: String
    ) {
        self.samples = perQuery ? samples : nil
        self.network = network
        self.places = places
        self.legs = legs
        self.seed = seed
        self.fingerprint = fingerprint
        self.legsByMode = legsByMode
        self.timetabledLegs = timetabledLegs
        self.overnightLegs = overnightLegs
        self.factorSet = factorSet
        self.participants = participants
        self.leaders = leaders
        self.maxLabelsPerPlace = maxLabelsPerPlace
        self.departure = departure
        self.generateMs = generateMs
        self.plannerBuildMs = plannerBuildMs
        self.warmupQueries = warmupQueries
        queries = samples.count
        let found = samples.filter { $0.outcome == .found }
        self.found = found.count
        noItinerary = samples.filter { $0.outcome == .noItinerary }.count
        errors = samples.filter { $0.outcome == .error }.count
        latencyMs = LatencyStats(samples)
        latencyFoundMs = LatencyStats(found)
        latencyNoItineraryMs = LatencyStats(samples.filter { $0.outcome == .noItinerary })
        let corridor = samples.filter { $0.kind == .corridor }
        latencyCorridorMs = corridor.isEmpty ? nil : LatencyStats(corridor)
        latencyRandomMs = corridor.isEmpty ? nil : LatencyStats(samples.filter { $0.kind == .random })
        let lowest = found.compactMap(\.lowestCO2KgPerPerson)
        meanLowestCO2KgPerPerson = lowest.isEmpty ? nil : rounded(lowest.reduce(0, +) / Double(lowest.count), 2)
        let fastest = found.compactMap(\.fastestMinutes)
        meanFastestHours = fastest.isEmpty ? nil : rounded(Double(fastest.reduce(0, +)) / Double(fastest.count) / 60, 2)
        meanOptionsFound = found.isEmpty ? 0 : rounded(Double(found.map(\.options).reduce(0, +)) / Double(found.count), 2)
        meanItinerariesShown = found.isEmpty ? 0 : rounded(Double(found.map(\.shown).reduce(0, +)) / Double(found.count), 2)
        self.rssMB = rssMB
        // The targets of the issue: shipped network p50 ≤ 0.5 ms; generated 10 000 / 100 000 p50 ≤ 30 ms.
        let goal: Double? =
            network == "shipped" ? 0.5 : places == 10_000 && (99_000...101_000).contains(legs) ? 30 : nil
        if let latencyMs, let goal {
            target = Target(
                p50Ms: goal, metOnAllQueries: latencyMs.p50 <= goal,
                metOnQueriesWithItineraries: latencyFoundMs.map { $0.p50 <= goal })
        }
        self.build = build
        self.command = command
        self.equivalentCommand = equivalentCommand
    }

    func renderTable() -> String {
        func ms(_ value: Double?) -> String { value.map { String(format: "%.3f", $0) } ?? "–" }
        func mb(_ value: Double?) -> String { value.map { String(format: "%.1f MB", $0) } ?? "n/a" }
        var lines: [String] = []
        lines.append("Route search benchmark — \(network) network (\(build) build)")
        var networkLine = "network        \(places) places, \(legs) legs"
        if let fingerprint { networkLine += " (seed \(seed), fingerprint \(fingerprint))" }
        lines.append(networkLine)
        if let legsByMode {
            let modes = TransportMode.allCases.compactMap { mode in
                legsByMode[mode.rawValue].map { "\(mode.rawValue) \($0)" }
            }
            lines.append("               " + modes.joined(separator: ", "))
            lines.append(
                "               timetabled \(timetabledLegs ?? 0), overnight \(overnightLegs ?? 0), the rest frequency-based")
        }
        lines.append(
            "planner        factor set \(factorSet), group \(participants) + \(leaders), maxLabelsPerPlace \(maxLabelsPerPlace), "
                + "departure \(departure), ranking balanced")
        if let generateMs {
            lines.append("generate       \(String(format: "%.1f", generateMs)) ms (network generation, not part of the planner)")
        }
        lines.append("planner build  \(ms(plannerBuildMs)) ms (compile the network, cost every leg for the group)")
        lines.append(
            "queries        \(queries) timed after \(warmupQueries) warm-up: \(found) with itineraries, \(noItinerary) no itinerary"
                + (errors > 0 ? ", \(errors) other errors" : ""))
        lines.append("")
        var table = TextTable(
            header: ["latency (ms)", "n", "no itin.", "p50", "p90", "p99", "max", "mean"],
            rightAligned: [1, 2, 3, 4, 5, 6, 7])
        func add(_ name: String, _ stats: LatencyStats?) {
            guard let stats else { return }
            table.add([
                name, String(stats.count), String(stats.noItinerary), ms(stats.p50), ms(stats.p90), ms(stats.p99),
                ms(stats.max), ms(stats.mean),
            ])
        }
        add("all queries", latencyMs)
        add("with itineraries", latencyFoundMs)
        add("no itinerary", latencyNoItineraryMs)
        add("corridors", latencyCorridorMs)
        add("random pairs", latencyRandomMs)
        lines.append(table.render())
        lines.append("")
        lines.append(
            "options found  mean \(String(format: "%.2f", meanOptionsFound)) Pareto options per query with itineraries "
                + "(mean \(String(format: "%.2f", meanItinerariesShown)) shown)")
        if let meanLowestCO2KgPerPerson, let meanFastestHours {
            lines.append(
                "quality        mean lowest-carbon option \(String(format: "%.1f", meanLowestCO2KgPerPerson)) kg CO2e/person, "
                    + "mean fastest option \(String(format: "%.1f", meanFastestHours)) h door to door")
        }
        lines.append(
            "peak RSS       \(mb(rssMB.peak)) (VmHWM; after load \(mb(rssMB.afterLoad)), after network \(mb(rssMB.afterNetwork)), "
                + "after planner build \(mb(rssMB.afterBuild)))")
        if let target {
            func verdict(_ met: Bool?) -> String { met.map { $0 ? "met" : "NOT met" } ?? "–" }
            lines.append(
                "target         p50 ≤ \(String(format: "%g", target.p50Ms)) ms: all queries \(verdict(target.metOnAllQueries)) "
                    + "(\(ms(latencyMs?.p50)) ms), queries with itineraries \(verdict(target.metOnQueriesWithItineraries)) "
                    + "(\(ms(latencyFoundMs?.p50)) ms)")
        }
        if let samples {
            var list = TextTable(
                header: ["#", "from", "to", "kind", "outcome", "ms", "options", "lowest kg", "fastest h"],
                rightAligned: [0, 5, 6, 7, 8])
            for (i, sample) in samples.enumerated() {
                list.add([
                    String(i + 1), sample.origin, sample.destination, sample.kind.rawValue, sample.outcome.rawValue,
                    ms(sample.milliseconds), String(sample.options),
                    sample.lowestCO2KgPerPerson.map { String(format: "%.1f", $0) } ?? "–",
                    sample.fastestMinutes.map { String(format: "%.1f", Double($0) / 60) } ?? "–",
                ])
            }
            lines.append(list.render())
        }
        lines.append("command        \(command)")
        lines.append("equivalent     \(equivalentCommand)")
        return lines.joined(separator: "\n")
    }
}

/// Fields of /proc/self/status (Linux); nil elsewhere.
enum ProcessStatus {
    static func kilobytes(_ field: String) -> Int? {
        guard let text = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return nil }
        for line in text.split(separator: "\n") where line.hasPrefix(field + ":") {
            return Int(line.dropFirst(field.count + 1).filter(\.isNumber))
        }
        return nil
    }

    static func megabytes(_ kilobytes: Int?) -> Double? { kilobytes.map { rounded(Double($0) / 1024, 1) } }
}

func milliseconds(_ duration: Duration) -> Double {
    let (seconds, attoseconds) = duration.components
    return Double(seconds) * 1000 + Double(attoseconds) / 1e15
}

/// Quotes an argument for a POSIX shell when it needs it.
func shellQuoted(_ text: String) -> String {
    let safe = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_./=:,+@%")
    if !text.isEmpty, text.allSatisfy({ safe.contains($0) }) { return text }
    return "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
}
