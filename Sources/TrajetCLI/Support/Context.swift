import ArgumentParser
import Foundation
import TrajetCore
import TrajetQueries
import TrajetDatasets

enum DatasetsLocation {
    static func locator(explicitPath: String?, environment: [String: String]) -> DatasetLocator {
        DatasetLocator(explicitPath: explicitPath, environment: environment)
    }
}

/// Options every command accepts.
package struct GlobalOptions: ParsableArguments {
    @Option(name: .long, help: "Datasets directory (default: TRAJET_DATASETS, config, then ./Datasets or the install).")
    package var datasets: String?

    @Option(name: .long, help: "Configuration file (default: TRAJET_CONFIG, then config/trajet.yaml).")
    package var config: String?

    @Option(name: .long, help: "Language of the output: fr or en (default: from LANG).")
    package var lang: Language?

    package init() {}

    /// The words of the option checks (`validate()` runs before the configuration is read): `--lang`, else `LANG`.
    package var optionWords: Localizer {
        Localizer(lang ?? Language.fromEnvironment(ProcessInfo.processInfo.environment))
    }
}

/// What a command needs once the options are read: settings, words, and the loaded datasets.
package struct CommandContext {
    package let settings: Settings
    package let localizer: Localizer
    package let datasets: Datasets

    package static func load(
        _ options: GlobalOptions, factorSet: String? = nil, cabinClass: CabinClass? = nil,
        server: (host: String?, port: Int?, database: String?) = (nil, nil, nil)
    ) async throws -> CommandContext {
        let prepared = try await PreparedContext.load(options, factorSet: factorSet, cabinClass: cabinClass, server: server)
        return CommandContext(settings: prepared.settings, localizer: prepared.localizer, datasets: try prepared.loadDatasets())
    }
}

/// The settings and words, with the datasets found but not yet read: a command with other work to start first
/// (the annual report's store read) loads them alongside it.
package struct PreparedContext: Sendable {
    package let settings: Settings
    package let localizer: Localizer
    package let datasetsDirectory: URL

    package static func load(
        _ options: GlobalOptions, factorSet: String? = nil, cabinClass: CabinClass? = nil,
        server: (host: String?, port: Int?, database: String?) = (nil, nil, nil)
    ) async throws -> PreparedContext {
        let environment = ProcessInfo.processInfo.environment
        let fallbackLocalizer = Localizer(options.lang ?? Language.fromEnvironment(environment))
        let settings: Settings
        do {
            settings = try await Settings.load(
                configFile: options.config,
                overrides: .init(
                    datasetsPath: options.datasets, language: options.lang, factorSetID: factorSet,
                    cabinClass: cabinClass, serverHost: server.host, serverPort: server.port,
                    serverDatabase: server.database),
                environment: environment)
        } catch {
            printError(String(describing: error), fallbackLocalizer)
            throw ExitCode(2)
        }
        let localizer = Localizer(settings.language)
        do {
            let directory = try DatasetLocator(explicitPath: settings.datasetsPath, environment: [:]).locate()
            return PreparedContext(settings: settings, localizer: localizer, datasetsDirectory: directory)
        } catch {
            printError(error.description, localizer)
            throw ExitCode(2)
        }
    }

    /// Reads the datasets; a broken file is reported in the user's language (exit code 2).
    package func loadDatasets() throws -> Datasets {
        do {
            return try Datasets.load(from: datasetsDirectory)
        } catch {
            printError(error.description, localizer)
            throw ExitCode(2)
        }
    }
}

/// Writes a message to standard error, prefixed in the user's language.
package func printError(_ message: String, _ localizer: Localizer) {
    FileHandle.standardError.write(Data((localizer.w("cli.error") + message + "\n").utf8))
}

/// Runs `body`; a domain error is printed in the user's language and becomes exit code 1.
package func reportingDomainErrors<T>(_ localizer: Localizer, _ body: () throws(TrajetError) -> T) throws -> T {
    do {
        return try body()
    } catch {
        printError(localizer.message(for: error), localizer)
        throw ExitCode(1)
    }
}

public enum OutputFormat: String, CaseIterable, ExpressibleByArgument, Sendable {
    case table
    case json
}
