import Configuration
import Foundation
import SystemPackage
import TrajetCore
import TrajetDatasets

/// Defaults read from `config/trajet.yaml`, overridden by `TRAJET_*` environment variables, overridden by flags.
///
/// Configuration keys (YAML path → environment variable):
/// - `datasets` → `TRAJET_DATASETS` (string, optional): the datasets directory.
/// - `language` → `TRAJET_LANGUAGE` (`auto`, `fr`, `en`; default `auto` = from `LANG`).
/// - `emissions.factorSet` → `TRAJET_EMISSIONS_FACTOR_SET` (default `desnz-2025`).
/// - `emissions.cabinClass` → `TRAJET_EMISSIONS_CABIN_CLASS` (default `economy`).
/// - `emissions.includeAirportHubs` → `TRAJET_EMISSIONS_INCLUDE_AIRPORT_HUBS` (default `false`).
/// - `database.url` → `TRAJET_DATABASE_URL` (optional): the plans store, `postgres://…` or `sqlite:PATH`.
public struct Settings: Sendable {
    public var datasetsPath: String?
    public var language: Language
    public var factorSetID: String
    public var cabinClass: CabinClass
    public var includeAirportHubs: Bool
    /// Route-search rules (`routing.*` keys).
    public var routing: RoutingPolicy
    /// Local departure time when `--depart` gives only a date (`routing.defaultDepartureTime`, default 06:00).
    public var defaultDepartureTime: LocalTime
    /// Itineraries shown by default (`routing.limit`, default 5).
    public var routeLimit: Int
    /// The configuration file that was read, if any.
    public var configFile: String?
    /// `trajet serve` (`server.*` keys).
    public var server: ServerSettings = ServerSettings()
    /// `database.url` → `TRAJET_DATABASE_URL`: a PostgreSQL store shared by several servers
    /// (`postgres://user@host:5432/trajet`) or `sqlite:PATH`; unset = the SQLite file (see `StoreLocation`).
    public var databaseURL: String?
    /// `data.maxTimetableAgeYears` → `TRAJET_DATA_MAX_TIMETABLE_AGE_YEARS` (default 2): departure times from an older
    /// timetable are shown as "timetable of 2015 — check with the operator", and the network check lists legs not
    /// checked within this many years.
    public var maxTimetableAgeYears: Int = 2

    /// Values given as flags; they win over everything else.
    public struct Overrides: Sendable {
        public var datasetsPath: String?
        public var language: Language?
        public var factorSetID: String?
        public var cabinClass: CabinClass?
        public var serverHost: String?
        public var serverPort: Int?
        public var serverDatabase: String?
        public init(
            datasetsPath: String? = nil, language: Language? = nil, factorSetID: String? = nil,
            cabinClass: CabinClass? = nil, serverHost: String? = nil, serverPort: Int? = nil,
            serverDatabase: String? = nil
        ) {
            self.datasetsPath = datasetsPath
            self.language = language
            self.factorSetID = factorSetID
            self.cabinClass = cabinClass
            self.serverHost = serverHost
            self.serverPort = serverPort
            self.serverDatabase = serverDatabase
        }
    }

    public static func load(
        configFile explicitConfig: String?, overrides: Overrides,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) async throws -> Settings {
        let configPath = try ConfigFileLocator(explicitPath: explicitConfig, environment: environment).locate()
        var flagValues: [AbsoluteConfigKey: ConfigValue] = [:]
        if let path = overrides.datasetsPath { flagValues["datasets"] = .init(.string(path), isSecret: false) }
        if let language = overrides.language { flagValues["language"] = .init(.string(language.rawValue), isSecret: false) }
        if let set = overrides.factorSetID { flagValues["emissions.factorSet"] = .init(.string(set), isSecret: false) }
        if let cabin = overrides.cabinClass {
            flagValues["emissions.cabinClass"] = .init(.string(cabin.rawValue), isSecret: false)
        }
        if let host = overrides.serverHost { flagValues["server.host"] = .init(.string(host), isSecret: false) }
        if let port = overrides.serverPort { flagValues["server.port"] = .init(.string(String(port)), isSecret: false) }
        if let path = overrides.serverDatabase { flagValues["server.database"] = .init(.string(path), isSecret: false) }
        var providers: [any ConfigProvider] = [
            InMemoryProvider(name: "flags", values: flagValues),
            EnvironmentVariablesProvider(environmentVariables: environment).prefixKeys(with: "trajet"),
        ]
        if let configPath {
            do {
                providers.append(try await FileProvider<YAMLSnapshot>(filePath: FilePath(configPath)))
            } catch {
                throw SettingsError.unreadableConfig(path: configPath, detail: String(describing: error))
            }
        }
        let reader = ConfigReader(providers: providers)

        let languageText = reader.string(forKey: "language", default: "auto")
        let language: Language
        switch languageText.lowercased() {
        case "auto", "": language = Language.fromEnvironment(environment)
        case let text:
            guard let parsed = Language(rawValue: text) else {
                throw SettingsError.invalid(key: "language", value: languageText, expected: "auto, fr or en")
            }
            language = parsed
        }
        let cabinText = reader.string(forKey: "emissions.cabinClass", default: CabinClass.economy.rawValue)
        guard let cabin = CabinClass(rawValue: cabinText) else {
            throw SettingsError.invalid(
                key: "emissions.cabinClass", value: cabinText,
                expected: CabinClass.allCases.map(\.rawValue).joined(separator: ", "))
        }
        let hubsText = reader.string(forKey: "emissions.includeAirportHubs", default: "false")
        guard let hubs = Bool(hubsText.lowercased()) else {
            throw SettingsError.invalid(key: "emissions.includeAirportHubs", value: hubsText, expected: "true or false")
        }
        let (routing, departureTime, limit) = try routingSettings(reader)
        let ageText = reader.string(forKey: "data.maxTimetableAgeYears", default: "2")
        guard let maxAge = Int(ageText), (0...50).contains(maxAge) else {
            throw SettingsError.invalid(key: "data.maxTimetableAgeYears", value: ageText, expected: "whole years, 0 to 50")
        }
        var settings = Settings(
            datasetsPath: reader.string(forKey: "datasets"), language: language,
            factorSetID: reader.string(forKey: "emissions.factorSet", default: "desnz-2025"), cabinClass: cabin,
            includeAirportHubs: hubs, routing: routing, defaultDepartureTime: departureTime, routeLimit: limit,
            configFile: configPath, server: try ServerSettings(reader, environment: environment),
            databaseURL: reader.string(forKey: "database.url", isSecret: true))
        settings.maxTimetableAgeYears = maxAge
        return settings
    }
}

/// `trajet serve`'s settings (`server.*` keys; flags `--host`, `--port`, `--database` win).
///
/// - `server.host` → `TRAJET_SERVER_HOST` (default `127.0.0.1`: loopback unless asked)
/// - `server.port` → `TRAJET_SERVER_PORT` (default 8080)
/// - `server.database` → `TRAJET_SERVER_DATABASE` (default `TRAJET_DATABASE`, then `./data/trajet.sqlite`)
/// - `server.publicReads` → `TRAJET_SERVER_PUBLIC_READS` (default true): places, partners, factor sets, emissions and
///   routes answer without a key; false = every `/v1` call needs one (any role).
/// - `server.routeCache` → `TRAJET_SERVER_ROUTE_CACHE` (default 1024): route answers kept in memory (the datasets do not
///   change while the server runs, so an answer depends only on its query); 0 = search every time.
///
/// Limits for a server exposed to clients it does not trust (docs/deployment.md, "Limits"):
/// - `server.maxConnections` (default 2048): open connections kept at most; a new client beyond it closes the
///   connection that has waited longest for its client (half-sent request, slow body, idle keep-alive), so a flood of
///   slow connections can neither exhaust the file descriptors nor keep new clients out.
/// - `server.maxHeaderBytes` (default 16384): the request line and header block; above it a 431 problem.
/// - `server.headerTimeoutSeconds` (default 10): from a request's first byte to its complete header block; then a
///   408 problem and the connection is closed (slow-header clients are not kept).
/// - `server.bodyTimeoutSeconds` (default 30): from the header block to the body's last byte; then the connection is
///   closed (1 MiB at 35 KB/s still fits).
/// - `server.idleTimeoutSeconds` (default 60): a keep-alive connection with no request is closed after this.
/// - `server.searchConcurrency` (default: the number of cores less one, at least 1): route searches computed at once,
///   on threads of their own (at a lower priority) so health checks and cheap requests keep a core.
/// - `server.searchQueue` (default 64): route searches waiting for a thread; beyond, a 503 with `Retry-After`, and
///   `/readyz` answers 503 while the queue is full.
/// - `server.refusalDelayMilliseconds` (default 500): a route search refused because the queue is full gets its 503
///   after this pause (its connection reads nothing meanwhile), so a client retrying at once cannot keep the event
///   loops busy refusing it; 0 = at once.
///
/// The web page (`/`):
/// - `server.sessionSecret` → `TRAJET_SERVER_SESSION_SECRET` (secret; at least 32 characters): signs the page's session
///   cookies. Unset = a random secret per process: sessions end when the server restarts, and servers sharing a
///   store do not accept each other's cookies (set the same secret on each).
/// - `server.secureCookies` (default false): mark cookies `Secure` even without `X-Forwarded-Proto: https` (a TLS
///   proxy that does not send that header).
public struct ServerSettings: Sendable {
    public var host = "127.0.0.1"
    public var port = 8080
    public var databasePath: String?
    public var publicReads = true
    public var routeCacheSize = 1024
    public var maxConnections = 2048
    public var maxHeaderBytes = 16_384
    public var headerTimeoutSeconds = 10
    public var bodyTimeoutSeconds = 30
    public var idleTimeoutSeconds = 60
    public var searchConcurrency = max(1, ProcessInfo.processInfo.activeProcessorCount - 1)
    public var searchQueue = 64
    public var refusalDelayMilliseconds = 500
    public var sessionSecret: String?
    public var secureCookies = false

    public init() {}

    init(_ reader: ConfigReader, environment: [String: String]) throws {
        host = reader.string(forKey: "server.host", default: host)
        let portText = reader.string(forKey: "server.port", default: String(port))
        guard let port = Int(portText), (0...65_535).contains(port) else {
            throw SettingsError.invalid(key: "server.port", value: portText, expected: "a port from 0 to 65535")
        }
        self.port = port
        databasePath = reader.string(forKey: "server.database")
            ?? environment["TRAJET_DATABASE"].flatMap { $0.isEmpty ? nil : $0 }
        let publicText = reader.string(forKey: "server.publicReads", default: "true")
        guard let publicReads = Bool(publicText.lowercased()) else {
            throw SettingsError.invalid(key: "server.publicReads", value: publicText, expected: "true or false")
        }
        self.publicReads = publicReads
        let cacheText = reader.string(forKey: "server.routeCache", default: String(routeCacheSize))
        guard let cache = Int(cacheText), (0...1_000_000).contains(cache) else {
            throw SettingsError.invalid(key: "server.routeCache", value: cacheText, expected: "a count from 0 to 1000000")
        }
        routeCacheSize = cache
        func whole(_ key: String, _ fallback: Int, _ range: ClosedRange<Int>, _ unit: String) throws -> Int {
            let text = reader.string(forKey: ConfigKey(key), default: String(fallback))
            guard let value = Int(text), range.contains(value) else {
                throw SettingsError.invalid(
                    key: key, value: text, expected: "\(unit) from \(range.lowerBound) to \(range.upperBound)")
            }
            return value
        }
        maxConnections = try whole("server.maxConnections", maxConnections, 1...1_000_000, "a count")
        // NIO's HTTP decoder cannot take more than 80 KiB of headers; 1 KiB is the shortest block a browser sends.
        maxHeaderBytes = try whole("server.maxHeaderBytes", maxHeaderBytes, 1024...81_920, "a size in bytes")
        headerTimeoutSeconds = try whole("server.headerTimeoutSeconds", headerTimeoutSeconds, 1...600, "seconds")
        bodyTimeoutSeconds = try whole("server.bodyTimeoutSeconds", bodyTimeoutSeconds, 1...3600, "seconds")
        idleTimeoutSeconds = try whole("server.idleTimeoutSeconds", idleTimeoutSeconds, 1...3600, "seconds")
        searchConcurrency = try whole("server.searchConcurrency", searchConcurrency, 1...256, "a count")
        if let secret = reader.string(forKey: "server.sessionSecret", isSecret: true), !secret.isEmpty {
            // A short secret could be guessed, and every session cookie with it.
            guard secret.utf8.count >= 32 else {
                throw SettingsError.invalid(
                    key: "server.sessionSecret", value: "(\(secret.utf8.count) characters)", expected: "at least 32 characters")
            }
            sessionSecret = secret
        }
        let secureText = reader.string(forKey: "server.secureCookies", default: "false")
        guard let secure = Bool(secureText.lowercased()) else {
            throw SettingsError.invalid(key: "server.secureCookies", value: secureText, expected: "true or false")
        }
        secureCookies = secure
        searchQueue = try whole("server.searchQueue", searchQueue, 0...100_000, "a count")
        refusalDelayMilliseconds = try whole(
            "server.refusalDelayMilliseconds", refusalDelayMilliseconds, 0...10_000, "milliseconds")
    }
}

/// Reads the `routing.*` keys; every value is checked and a bad one names its key.
///
/// - `routing.maxTravelHoursPerDay` (12), `routing.maxTravelHoursPerDayWithMinors` (10)
/// - `routing.minorsMayTravelAtNight` (false)
/// - `routing.dayStartsAt` ("07:00"), `routing.serviceHours.start` ("06:00"), `routing.serviceHours.end` ("22:00")
/// - `routing.unknownTimetableMaxWaitMinutes` (60)
/// - `routing.hotelCostEurPerPersonPerNight.min` (25), `.max` (60) — an ESTIMATE
/// - `routing.connectionMinutes.departing.airport` (120), `.station` (20), `.port` (60), `.city` (10), `.busStation` (20)
/// - `routing.connectionMinutes.arriving.airport` (45), `.station` (10), `.port` (30), `.city` (5), `.busStation` (10)
/// - `routing.finalTransfer.maxMinutes` (120), `routing.finalTransfer.arriveBy` ("22:00")
/// - `routing.ranking.co2` (0.5), `.time` (0.25), `.cost` (0.2), `.changes` (0.05)
/// - `routing.maxDetourRatio` (1.3), `routing.detourSlackKm` (200)
/// - `routing.maxLabelsPerPlace` (3), `routing.defaultDepartureTime` ("06:00"), `routing.limit` (5)
func routingSettings(_ reader: ConfigReader) throws -> (RoutingPolicy, LocalTime, Int) {
    func number(_ key: String, _ fallback: Double, _ range: ClosedRange<Double>) throws -> Double {
        let text = reader.string(forKey: ConfigKey(key), default: String(fallback))
        guard let value = Double(text), range.contains(value) else {
            throw SettingsError.invalid(
                key: key, value: text, expected: "a number from \(range.lowerBound) to \(range.upperBound)")
        }
        return value
    }
    func time(_ key: String, _ fallback: String) throws -> LocalTime {
        let text = reader.string(forKey: ConfigKey(key), default: fallback)
        guard let value = LocalTime(text) else { throw SettingsError.invalid(key: key, value: text, expected: "a time HH:MM") }
        return value
    }
    func flag(_ key: String, _ fallback: Bool) throws -> Bool {
        let text = reader.string(forKey: ConfigKey(key), default: String(fallback))
        guard let value = Bool(text.lowercased()) else {
            throw SettingsError.invalid(key: key, value: text, expected: "true or false")
        }
        return value
    }
    // Fallbacks are RoutingPolicy's own defaults, so the code states each default once.
    let defaults = RoutingPolicy()
    func clock(_ minutes: Int) -> String { LocalTime(hours: minutes / 60, minutes: minutes % 60)!.description }
    var policy = defaults
    policy.maxTravelMinutesPerDay = Int(
        try number("routing.maxTravelHoursPerDay", Double(defaults.maxTravelMinutesPerDay) / 60, 2...24) * 60)
    policy.maxTravelMinutesPerDayWithMinors = Int(
        try number(
            "routing.maxTravelHoursPerDayWithMinors", Double(defaults.maxTravelMinutesPerDayWithMinors) / 60, 2...24)
            * 60)
    policy.minorsMayTravelAtNight = try flag("routing.minorsMayTravelAtNight", defaults.minorsMayTravelAtNight)
    policy.dayStartMinutes = try time("routing.dayStartsAt", clock(defaults.dayStartMinutes)).minutesAfterMidnight
    policy.serviceStartMinutes =
        try time("routing.serviceHours.start", clock(defaults.serviceStartMinutes)).minutesAfterMidnight
    policy.serviceEndMinutes =
        try time("routing.serviceHours.end", clock(defaults.serviceEndMinutes)).minutesAfterMidnight
    guard policy.serviceStartMinutes < policy.serviceEndMinutes else {
        throw SettingsError.invalid(key: "routing.serviceHours.end", value: "", expected: "a time after routing.serviceHours.start")
    }
    policy.unknownTimetableMaxWaitMinutes = Int(
        try number("routing.unknownTimetableMaxWaitMinutes", Double(defaults.unknownTimetableMaxWaitMinutes), 0...10_080))
    let hotelMin = try number(
        "routing.hotelCostEurPerPersonPerNight.min", defaults.hotelCostCentsPerPersonPerNight.minEur, 0...1000)
    let hotelMax = try number(
        "routing.hotelCostEurPerPersonPerNight.max", defaults.hotelCostCentsPerPersonPerNight.maxEur, hotelMin...1000)
    policy.hotelCostCentsPerPersonPerNight = FareRange(minCents: Int(hotelMin * 100), maxCents: Int(hotelMax * 100))
    let kinds: [(PlaceKind, String)] = [
        (.airport, "airport"), (.station, "station"), (.port, "port"), (.city, "city"), (.busStation, "busStation"),
    ]
    for (kind, key) in kinds {
        // Connections were one figure per kind of place before they were split by direction: an old key would
        // otherwise be ignored without a word.
        if let legacy = reader.string(forKey: ConfigKey("routing.connectionMinutes.\(key)")) {
            throw SettingsError.invalid(
                key: "routing.connectionMinutes.\(key)", value: legacy,
                expected: "routing.connectionMinutes.departing.\(key) (boarding) and routing.connectionMinutes.arriving.\(key) (leaving the service)")
        }
        policy.boardingMinutes[kind] = Int(
            try number("routing.connectionMinutes.departing.\(key)", Double(defaults.boardingMinutes[kind] ?? 0), 0...1440))
        policy.alightingMinutes[kind] = Int(
            try number("routing.connectionMinutes.arriving.\(key)", Double(defaults.alightingMinutes[kind] ?? 0), 0...1440))
    }
    policy.finalTransferMaxMinutes = Int(
        try number("routing.finalTransfer.maxMinutes", Double(defaults.finalTransferMaxMinutes), 0...1440))
    policy.finalTransferArriveByMinutes =
        try time("routing.finalTransfer.arriveBy", clock(defaults.finalTransferArriveByMinutes)).minutesAfterMidnight
    let weights = defaults.balancedWeights
    policy.balancedWeights = RankingWeights(
        co2: try number("routing.ranking.co2", weights.co2, 0...100),
        time: try number("routing.ranking.time", weights.time, 0...100),
        cost: try number("routing.ranking.cost", weights.cost, 0...100),
        changes: try number("routing.ranking.changes", weights.changes, 0...100))
    policy.maxLabelsPerPlace = Int(try number("routing.maxLabelsPerPlace", Double(defaults.maxLabelsPerPlace), 2...1000))
    policy.maxDurationVsFastest = try number("routing.maxDurationVsFastest", defaults.maxDurationVsFastest, 1...100)
    policy.maxDetourRatio = try number("routing.maxDetourRatio", defaults.maxDetourRatio, 1...10)
    policy.detourSlackKm = try number("routing.detourSlackKm", defaults.detourSlackKm, 0...20_000)
    let departure = try time("routing.defaultDepartureTime", "06:00")
    let limit = Int(try number("routing.limit", 5, 1...100))
    return (policy, departure, limit)
}

public enum SettingsError: Error, CustomStringConvertible {
    case unreadableConfig(path: String, detail: String)
    case configNotFound(path: String)
    case invalid(key: String, value: String, expected: String)

    public var description: String {
        switch self {
        case .unreadableConfig(let path, let detail): "Cannot read the configuration file \(path): \(detail)"
        case .configNotFound(let path): "Configuration file not found: \(path)"
        case .invalid(let key, let value, let expected):
            "Invalid configuration value for \(key): '\(value)'; expected \(expected)"
        }
    }
}

/// Finds `config/trajet.yaml`: `--config`, `TRAJET_CONFIG`, then beside the datasets' usual places.
struct ConfigFileLocator {
    var explicitPath: String?
    var environment: [String: String]

    func locate() throws -> String? {
        if let explicitPath {
            guard FileManager.default.fileExists(atPath: explicitPath) else {
                throw SettingsError.configNotFound(path: explicitPath)
            }
            return explicitPath
        }
        if let path = environment["TRAJET_CONFIG"], !path.isEmpty {
            guard FileManager.default.fileExists(atPath: path) else { throw SettingsError.configNotFound(path: path) }
            return path
        }
        // The same places the datasets are looked for, with config/trajet.yaml beside Datasets/.
        let datasetCandidates = DatasetLocator(explicitPath: nil, environment: [:]).candidates()
        for (datasets, _) in datasetCandidates {
            let root = (datasets as NSString).deletingLastPathComponent
            let path = (root as NSString).appendingPathComponent("config/trajet.yaml")
            if FileManager.default.fileExists(atPath: path) { return path }
        }
        return nil
    }
}
