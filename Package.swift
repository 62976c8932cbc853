// swift-tools-version:6.2
import PackageDescription

// Upcoming features on every source target; tests leave MemberImportVisibility off (see docs/STYLE notes):
// test helpers reach members of modules they do not import directly.
let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
]
let testSwiftSettings: [SwiftSetting] = [.enableUpcomingFeature("ExistentialAny")]

let package = Package(
    name: "trajet",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "trajet", targets: ["trajet"]),
        // Developers' measurements, apart from the product (`trajet` does not link them).
        .executable(name: "trajet-bench", targets: ["trajet-bench"]),
        // For Benchmarks/ (a package of its own, on ordo-one/benchmark): the public domain and the dataset loader.
        .library(name: "TrajetCore", targets: ["TrajetCore"]),
        .library(name: "TrajetDatasets", targets: ["TrajetDatasets"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(
            url: "https://github.com/apple/swift-configuration.git", from: "1.4.0",
            traits: [.defaults, "YAML"]),
        // CSV.swift rather than SwiftCSV: 4× faster on the network files (docs/performance.md), and dataset
        // loading is on every CLI call.
        .package(url: "https://github.com/yaslab/CSV.swift.git", from: "2.5.2"),
        .package(url: "https://github.com/apple/swift-system.git", from: "1.5.0"),
        // Group plans: SQLite through GRDB (system SQLite, libsqlite3-dev). Only TrajetSQLite imports it.
        .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.10.0"),
        // Several `trajet serve` instances on one shared store: PostgreSQL through postgres-nio (connection pool,
        // prepared statements). Only TrajetPostgres imports it.
        .package(url: "https://github.com/vapor/postgres-nio.git", from: "1.33.2"),
        // Already built for postgres-nio; named because `sslmode=prefer|require` makes a TLS context.
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.37.6"),
        // `trajet factors import`: reads the publishers' .xlsx workbooks (a ZIP of XML parts).
        .package(url: "https://github.com/weichsel/ZIPFoundation.git", from: "0.9.20"),
        // The HTTP API (`trajet serve`); its tests also use it as a loopback server for the importer's downloader.
        // hummingbird-auth is not used: a key is checked before the operation's parameters and body are read and a
        // refusal is problem+json in the caller's language, which EdgeMiddleware does in one place (docs/api.md);
        // the web page's sessions are signed cookies (HMAC, below) that need no session store.
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        // Already built for Hummingbird; named because the server's connection guard is a NIO channel handler
        // (header and body deadlines, parse errors as problems) and route searches run on a NIO thread pool.
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.3"),
        .package(url: "https://github.com/apple/swift-nio-extras.git", from: "1.34.1"),
        // Contract first: Sources/TrajetAPI/openapi.yaml → server types (build plugin), served through Hummingbird.
        .package(url: "https://github.com/apple/swift-openapi-generator.git", from: "1.14.3"),
        .package(url: "https://github.com/apple/swift-openapi-runtime.git", from: "1.13.4"),
        .package(url: "https://github.com/hummingbird-project/swift-openapi-hummingbird.git", from: "2.1.0"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        // Both already built for the generator: the server reads its route table (404/405/parameters) from the
        // embedded openapi.yaml with the generator's own parser, and the tests validate the document as OpenAPI 3.1.
        .package(url: "https://github.com/mattpolzin/OpenAPIKit", from: "6.4.0", traits: []),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        // The coordinators' web page: its HTML lives in .mustache files a maintainer reads and edits, rendered by the
        // Hummingbird project's Mustache library (logic-less, escapes by default), not in string concatenations.
        .package(url: "https://github.com/hummingbird-project/swift-mustache.git", from: "2.1.1"),
        // Already built for postgres-nio; named for SHA-256 (API key hashes, checksums of imported files) and the web
        // page's signed session cookies (HMAC-SHA256), rather than a hand-written digest.
        .package(url: "https://github.com/apple/swift-crypto.git", "3.12.3"..<"5.0.0"),
    ],
    targets: [
        // Pure domain: geography, network, emission engine. No package dependencies.
        // The fr/en words (Words/*.txt) are compiled in by the EmbedFiles plugin.
        .target(name: "TrajetCore", exclude: ["Words"], swiftSettings: swiftSettings, plugins: ["EmbedFiles"]),
        // The only target that reads the CSV files in Datasets/.
        .target(
            name: "TrajetDatasets",
            dependencies: ["TrajetCore", .product(name: "CSV", package: "CSV.swift")],
            swiftSettings: swiftSettings),
        // Group plans, organisations and API keys as the rest of the code sees them: the store protocols (by concern),
        // their models, errors and validation. No database library: each backend is a target beside it.
        .target(
            name: "TrajetStore",
            dependencies: ["TrajetCore", .product(name: "Crypto", package: "swift-crypto")],
            swiftSettings: swiftSettings),
        // The embedded default store: SQLite through GRDB (system SQLite, libsqlite3-dev). Only target importing GRDB.
        .target(
            name: "TrajetSQLite",
            dependencies: [
                "TrajetCore", "TrajetStore", .product(name: "GRDB", package: "GRDB.swift"),
                // The SQLite C API, for the report's hot read loop (SQLitePlanStore.streamPlanSummaries).
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
            ],
            swiftSettings: swiftSettings),
        // The same PlanStore on PostgreSQL (`database.url = postgres://…`), for several servers sharing one store.
        .target(
            name: "TrajetPostgres",
            dependencies: [
                "TrajetCore", "TrajetStore", .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings),
        // Annual environmental report: model computed from plans, and its renderers (HTML+SVG, Markdown, CSV,
        // JSON; French and English). Core only: the CLI and the server feed it plans from any store.
        .target(name: "TrajetReports", dependencies: ["TrajetCore"], swiftSettings: swiftSettings),
        // Importers of the publishers' files (DESNZ flat file .xlsx/.csv) into factor sets; downloads with URLSession
        // (FoundationNetworking), reads SpreadsheetML with XMLParser (FoundationXML). Writes only through
        // TrajetDatasets' validation.
        .target(
            name: "TrajetImport",
            dependencies: [
                "TrajetCore", "TrajetDatasets", .product(name: "ZIPFoundation", package: "ZIPFoundation"),
                .product(name: "CSV", package: "CSV.swift"), .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: swiftSettings),
        // The questions both front ends ask (routes, emissions, the annual report from a store), their JSON answers,
        // the settings (config/trajet.yaml + TRAJET_* + flags) and the fr/en words: the CLI and the server call the
        // same code, so they give the same numbers.
        .target(
            name: "TrajetQueries",
            dependencies: [
                "TrajetCore", "TrajetDatasets", "TrajetStore", "TrajetSQLite", "TrajetPostgres", "TrajetReports",
                .product(name: "Configuration", package: "swift-configuration"),
                // FilePath for the configuration file (MemberImportVisibility needs the defining module).
                .product(name: "SystemPackage", package: "swift-system"),
            ],
            swiftSettings: swiftSettings),
        // openapi.yaml and the types and server stubs generated from it at build time (`package` access).
        .target(
            name: "TrajetAPI",
            dependencies: [.product(name: "OpenAPIRuntime", package: "swift-openapi-runtime")],
            // Generated code only: its empty sections (`package import` unused) warn on every build.
            swiftSettings: [.unsafeFlags(["-suppress-warnings"])],
            plugins: [.plugin(name: "OpenAPIGenerator", package: "swift-openapi-generator")]),
        // Trajet's answers as the contract's types, one mapping each (`…+API.swift`): the server returns them and the
        // CLI's `--format json` prints them, so both doors answer the same document.
        .target(
            name: "TrajetContract",
            dependencies: ["TrajetAPI", "TrajetCore", "TrajetQueries"],
            swiftSettings: swiftSettings),
        // The HTTP API: Hummingbird 2 application, handlers over TrajetQueries, API keys, problem+json, metrics.
        .target(
            name: "TrajetServer",
            dependencies: [
                "TrajetCore", "TrajetDatasets", "TrajetStore", "TrajetReports", "TrajetQueries", "TrajetAPI", "TrajetContract",
                "TrajetWeb",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "OpenAPIRuntime", package: "swift-openapi-runtime"),
                .product(name: "OpenAPIHummingbird", package: "swift-openapi-hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                // The routes, methods and parameter types of openapi.yaml for 404/405/400 answers, read by a real
                // OpenAPI parser (the one the generator uses) instead of a hand-written one.
                .product(name: "OpenAPIKit", package: "OpenAPIKit"),
                .product(name: "Yams", package: "Yams"),
            ],
            swiftSettings: swiftSettings,
            // `GET /openapi.yaml` serves the spec the types were generated from, embedded by the build.
            plugins: ["EmbedFiles"]),
        // Writes a text file into Swift source for the plugin below (a build tool, never shipped).
        .executableTarget(name: "embed-text", swiftSettings: swiftSettings),
        .plugin(name: "EmbedFiles", capability: .buildTool(), dependencies: ["embed-text"]),
        // The coordinators' web page (`/` of `trajet serve`): server-rendered HTML over the same questions as the CLI
        // and the API (RoutesRequest, SavePlan, AnnualReportQuery), sessions from an organisation's API key.
        .target(
            name: "TrajetWeb",
            dependencies: [
                "TrajetCore", "TrajetDatasets", "TrajetStore", "TrajetReports", "TrajetQueries",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
            ],
            resources: [.copy("Templates"), .copy("Static"), .copy("Words")],
            swiftSettings: swiftSettings),
        .target(
            name: "TrajetCLI",
            dependencies: [
                "TrajetCore", "TrajetDatasets", "TrajetStore", "TrajetSQLite", "TrajetPostgres", "TrajetReports",
                "TrajetImport", "TrajetQueries", "TrajetServer", "TrajetAPI", "TrajetContract",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                // `trajet serve`: runService() (graceful shutdown on SIGTERM/SIGINT through swift-service-lifecycle).
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Configuration", package: "swift-configuration"),
                .product(name: "SystemPackage", package: "swift-system"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings),
        // Generated networks and plan stores for benchmarks (developers only; `trajet` does not link it).
        .target(
            name: "TrajetBenchmarks",
            dependencies: ["TrajetCore", "TrajetDatasets", "TrajetStore", "TrajetSQLite", "TrajetQueries"],
            swiftSettings: swiftSettings),
        // `trajet-bench routes|plans`: route-search latencies and the report benchmark's store (docs/performance.md).
        .executableTarget(
            name: "trajet-bench",
            dependencies: [
                "TrajetBenchmarks", "TrajetCLI", "TrajetCore", "TrajetDatasets", "TrajetStore", "TrajetSQLite",
                "TrajetQueries",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: swiftSettings),
        .executableTarget(
            name: "trajet",
            dependencies: ["TrajetCLI", .product(name: "ArgumentParser", package: "swift-argument-parser")],
            swiftSettings: swiftSettings),
        .testTarget(name: "TrajetCoreTests", dependencies: ["TrajetCore"], swiftSettings: testSwiftSettings),
        .testTarget(
            name: "TrajetDatasetsTests", dependencies: ["TrajetDatasets", "TrajetCore"],
            swiftSettings: testSwiftSettings),
        // One store suite for both backends: SQLite always, PostgreSQL when TRAJET_TEST_POSTGRES_URL names a server.
        .testTarget(
            name: "TrajetStoreTests", dependencies: ["TrajetStore", "TrajetSQLite", "TrajetPostgres", "TrajetCore"],
            swiftSettings: testSwiftSettings),
        .testTarget(
            name: "TrajetReportsTests", dependencies: ["TrajetReports", "TrajetCore", "TrajetDatasets"],
            swiftSettings: testSwiftSettings),
        .testTarget(
            name: "TrajetWebTests", dependencies: ["TrajetWeb", "TrajetCore", "TrajetDatasets"],
            swiftSettings: testSwiftSettings),
        .testTarget(
            name: "TrajetImportTests",
            dependencies: [
                "TrajetImport", "TrajetDatasets", "TrajetCore",
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
                .product(name: "Hummingbird", package: "hummingbird"),
            ],
            swiftSettings: testSwiftSettings),
        // Route search, reference journeys and travel advice on the shipped network, through the questions the
        // front ends ask (RoutesRequest) and the answers they send (TrajetContract).
        .testTarget(
            name: "TrajetQueriesTests",
            dependencies: ["TrajetQueries", "TrajetContract", "TrajetAPI", "TrajetCore", "TrajetDatasets"],
            swiftSettings: testSwiftSettings),
        .testTarget(
            name: "TrajetCLITests",
            dependencies: [
                "TrajetCLI", "TrajetBenchmarks", "TrajetQueries", "TrajetCore", "TrajetDatasets", "TrajetStore", "TrajetSQLite",
                "TrajetPostgres", "TrajetAPI", "TrajetContract",
                "TrajetReports",
            ],
            // Golden report files are read from the source tree (#filePath), not bundled.
            exclude: ["Golden"], swiftSettings: testSwiftSettings),
        // Only this target links HummingbirdTesting (AsyncHTTPClient, NIOSSL…: about 2 minutes of a clean build).
        .testTarget(
            name: "TrajetServerTests",
            dependencies: [
                "TrajetServer", "TrajetQueries", "TrajetStore", "TrajetSQLite", "TrajetPostgres", "TrajetCore",
                "TrajetDatasets", "TrajetWeb", "TrajetAPI", "TrajetContract",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
                .product(name: "NIOEmbedded", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "OpenAPIKit", package: "OpenAPIKit"),
                .product(name: "Yams", package: "Yams"),
            ],
            swiftSettings: testSwiftSettings),
    ]
)
