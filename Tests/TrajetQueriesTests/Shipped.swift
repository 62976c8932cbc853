import TrajetDatasets
import TrajetQueries

/// The shipped datasets and the default settings, loaded once for the whole target.
enum ShippedData {
    static let datasets: Datasets = {
        let directory = try! DatasetLocator(environment: [:], executablePath: nil).locate()
        return try! Datasets.load(from: directory)
    }()
}

enum ShippedSettings {
    static func load() async throws -> Settings {
        try await Settings.load(configFile: nil, overrides: .init(), environment: [:])
    }
}
