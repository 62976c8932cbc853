import Foundation

/// Finds the `Datasets/` directory: an explicit path, `TRAJET_DATASETS`, then the working directory and its
/// parents, then the directories above the executable (a `swift build` puts it in `.build/<config>/`), then the
/// package this code was built from.
public struct DatasetLocator: Sendable {
    public var explicitPath: String?
    public var environment: [String: String]
    public var workingDirectory: String
    public var executablePath: String?
    public var buildSourcePath: String

    public init(
        explicitPath: String? = nil, environment: [String: String] = ProcessInfo.processInfo.environment,
        workingDirectory: String = FileManager.default.currentDirectoryPath,
        executablePath: String? = CommandLine.arguments.first, buildSourcePath: String = #filePath
    ) {
        self.explicitPath = explicitPath
        self.environment = environment
        self.workingDirectory = workingDirectory
        self.executablePath = executablePath
        self.buildSourcePath = buildSourcePath
    }

    /// Candidate directories with the reason each one is tried.
    public func candidates() -> [(path: String, reason: String)] {
        if let explicitPath { return [(absolute(explicitPath), "--datasets")] }
        if let fromEnvironment = environment["TRAJET_DATASETS"], !fromEnvironment.isEmpty {
            return [(absolute(fromEnvironment), "TRAJET_DATASETS")]
        }
        var result: [(String, String)] = []
        for directory in ancestors(of: workingDirectory) {
            result.append(((directory as NSString).appendingPathComponent("Datasets"), "working directory or a parent"))
        }
        if let executablePath {
            let resolved = URL(fileURLWithPath: absolute(executablePath)).resolvingSymlinksInPath().path
            for directory in ancestors(of: (resolved as NSString).deletingLastPathComponent) {
                result.append(((directory as NSString).appendingPathComponent("Datasets"), "above the trajet executable"))
            }
        }
        // Sources/TrajetDatasets/DatasetLocator.swift → package root.
        let packageRoot = URL(fileURLWithPath: buildSourcePath).deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().path
        result.append(((packageRoot as NSString).appendingPathComponent("Datasets"), "the package trajet was built from"))
        var seen = Set<String>()
        return result.filter { seen.insert($0.0).inserted }
    }

    /// The first candidate that holds the network and factor folders.
    public func locate() throws(DatasetsNotFound) -> URL {
        let tried = candidates()
        for (path, _) in tried {
            var isDirectory: ObjCBool = false
            let network = (path as NSString).appendingPathComponent("network")
            if FileManager.default.fileExists(atPath: network, isDirectory: &isDirectory), isDirectory.boolValue {
                return URL(fileURLWithPath: path, isDirectory: true)
            }
        }
        throw DatasetsNotFound(searched: tried)
    }

    private func absolute(_ path: String) -> String {
        let expanded = (path as NSString).expandingTildeInPath
        if expanded.hasPrefix("/") { return expanded }
        return URL(fileURLWithPath: workingDirectory).appendingPathComponent(expanded).standardizedFileURL.path
    }

    private func ancestors(of path: String) -> [String] {
        var result: [String] = []
        var current = URL(fileURLWithPath: path).standardizedFileURL
        while true {
            result.append(current.path)
            let parent = current.deletingLastPathComponent()
            if parent.path == current.path { break }
            current = parent
        }
        return result
    }
}
