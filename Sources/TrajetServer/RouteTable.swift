import Foundation
import HTTPTypes
import OpenAPIKit
import Yams

/// The operations of openapi.yaml, read from the document itself: which methods each path template has, and which
/// query parameters each operation requires. `EdgeMiddleware` uses it for what the generated layer answers poorly:
/// a method a path does not have (405 with `Allow`, not 404) and a missing required query parameter (a 400 that
/// names it; the generated decoder reports an empty coding path).
struct RouteTable: Sendable {
    struct Route: Sendable {
        var segments: [Substring]
        var methods: [HTTPRequest.Method: [String]]
        /// Query and path parameters that are not plain text, by method: what the generated decoder would refuse
        /// with an empty coding path ("Wrong type at ''"), checked first so the problem names the parameter.
        var typed: [HTTPRequest.Method: [TypedParameter]] = [:]
    }

    struct TypedParameter: Sendable {
        enum Kind: Sendable, Equatable {
            case integer, number, boolean
            case oneOf([String])
        }
        var name: String
        var inPath: Bool
        var kind: Kind

        /// Whether `text` decodes as this parameter's type (the generated layer's rules: `Int`, `Double`, `true`/`false`).
        func accepts(_ text: Substring) -> Bool {
            switch kind {
            case .integer: return Int(text) != nil
            case .number: return Double(text).map(\.isFinite) ?? false
            case .boolean: return text == "true" || text == "false"
            case .oneOf(let values): return values.contains(String(text))
            }
        }

        var expected: String {
            switch kind {
            case .integer: return "a whole number"
            case .number: return "a number"
            case .boolean: return "true or false"
            case .oneOf(let values): return "one of " + values.joined(separator: ", ")
            }
        }
    }
    private(set) var routes: [Route] = []

    /// The table of the served document, parsed once per process.
    static let served = Result { try RouteTable(openAPIDocument: openAPIDocumentText) }

    /// The operations of `document`, parsed by OpenAPIKit with every `$ref` resolved (path-level parameters merged
    /// into each operation's).
    init(openAPIDocument text: String) throws {
        let document = try YAMLDecoder().decode(OpenAPI.Document.self, from: text)
        for route in try document.locallyDereferenced().resolved().routes {
            var entry = Route(segments: route.path.components.map { Substring($0) }, methods: [:])
            for endpoint in route.endpoints {
                guard let method = HTTPRequest.Method(endpoint.method.rawValue) else { continue }
                entry.methods[method] = endpoint.parameters.filter { $0.location == .query && $0.required }.map(\.name)
                for parameter in endpoint.parameters where parameter.location == .query || parameter.location == .path {
                    guard case .a(let context) = parameter.schemaOrContent, let kind = Self.kind(of: context.schema)
                    else { continue }
                    entry.typed[method, default: []].append(
                        TypedParameter(name: parameter.name, inPath: parameter.location == .path, kind: kind))
                }
            }
            routes.append(entry)
        }
    }

    /// What the generated decoder checks of a parameter's text: its type, or its closed list of values.
    private static func kind(of schema: DereferencedJSONSchema) -> TypedParameter.Kind? {
        if let values = schema.allowedValues?.compactMap({ $0.value as? String }), !values.isEmpty {
            return .oneOf(values)
        }
        switch schema.jsonType {
        case .integer: return .integer
        case .number: return .number
        case .boolean: return .boolean
        default: return nil
        }
    }

    /// The route whose template matches `path` (`{x}` matches one segment), if any.
    func route(for path: String) -> Route? {
        let segments = path.split(separator: "/")
        return routes.first { route in
            route.segments.count == segments.count
                && zip(route.segments, segments).allSatisfy { $0.hasPrefix("{") || $0 == $1 }
        }
    }
}
