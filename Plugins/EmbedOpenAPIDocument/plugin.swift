import Foundation
import PackagePlugin

/// Puts `Sources/TrajetAPI/openapi.yaml` — the file the server's types are generated from — into the target as a
/// Swift string at build time, so `GET /openapi.yaml` serves exactly that file with no copy kept by hand and no
/// resource bundle to install beside the binary.
@main
struct EmbedOpenAPIDocument: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let spec = context.package.directoryURL.appending(path: "Sources/TrajetAPI/openapi.yaml")
        let output = context.pluginWorkDirectoryURL.appending(path: "OpenAPIDocument.swift")
        return [
            .buildCommand(
                displayName: "Embedding openapi.yaml in \(target.name)",
                executable: try context.tool(named: "embed-text").url,
                arguments: [spec.path(percentEncoded: false), output.path(percentEncoded: false), "openAPIDocumentText"],
                inputFiles: [spec], outputFiles: [output])
        ]
    }
}
