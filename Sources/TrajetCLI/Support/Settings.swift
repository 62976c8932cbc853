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
public struct Settings: Sendable {
    public var datasetsPath: String?
    public var language: Language
    public var factorSetID: String
    public var cabinClass: CabinClass
    public var includeAirportHubs: Bool
    /// The configuration file that was read, if any.
    public var configFile: String?

    /// Values given as flags; they win over everything else.
    public struct Overrides: Sendable {
        public var datasetsPath: String?
        public var language: Language?
        public var factorSetID: String?
        public var cabinClass: CabinClass?
        public init(
            datasetsPath: String? = nil, language: Language? = nil, factorSetID: String? = nil,
            cabinClass: CabinClass? = nil
        ) {
            self.datasetsPath = datasetsPath
            self.language = language
            self.factorSetID = factorSetID
            self.cabinClass = cabinClass
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
        return Settings(
            datasetsPath: reader.string(forKey: "datasets"), language: language,
            factorSetID: reader.string(forKey: "emissions.factorSet", default: "desnz-2025"), cabinClass: cabin,
            includeAirportHubs: hubs, configFile: configPath)
    }
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
        let datasetCandidates = DatasetsLocation.locator(explicitPath: nil, environment: [:]).candidates()
        for (datasets, _) in datasetCandidates {
            let root = (datasets as NSString).deletingLastPathComponent
            let path = (root as NSString).appendingPathComponent("config/trajet.yaml")
            if FileManager.default.fileExists(atPath: path) { return path }
        }
        return nil
    }
}
