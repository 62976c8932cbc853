import Foundation
import PackagePlugin

/// Puts text files into their target as Swift strings at build time: `GET /openapi.yaml` serves exactly the spec the
/// server's types are generated from, and the word catalogues are compiled into TrajetCore, with no copy kept by hand
/// and no resource bundle to install beside the binary.
@main
struct EmbedFiles: BuildToolPlugin {
    /// Per target: the files (from the package's folder) and the name of the `String` each becomes.
    static let files: [String: [(path: String, name: String)]] = [
        "TrajetServer": [("Sources/TrajetAPI/openapi.yaml", "openAPIDocumentText")],
        "TrajetCore": [("Sources/TrajetCore/Words/fr.txt", "wordsFrench"), ("Sources/TrajetCore/Words/en.txt", "wordsEnglish")],
    ]

    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let tool = try context.tool(named: "embed-text").url
        return (Self.files[target.name] ?? []).map { file in
            let input = context.package.directoryURL.appending(path: file.path)
            let output = context.pluginWorkDirectoryURL.appending(path: file.name + ".swift")
            return .buildCommand(
                displayName: "Embedding \(file.path) in \(target.name)", executable: tool,
                arguments: [input.path(percentEncoded: false), output.path(percentEncoded: false), file.name],
                inputFiles: [input], outputFiles: [output])
        }
    }
}
