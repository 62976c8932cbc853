import Foundation
import HTTPTypes

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

    /// Reads `paths:` of the document: `  /path:` lines, `    get:`-style method lines, and flow-style parameters
    /// (`- { name: from, in: query, required: true, … }`), as openapi.yaml is written.
    init(openAPIDocument text: String) {
        var current: Route?
        var method: HTTPRequest.Method?
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        // `    Name:` under components/schemas followed by `      enum: [a, b]` within its first lines.
        var enums: [String: [String]] = [:]
        for (index, line) in lines.enumerated() where line.hasPrefix("    ") && !line.hasPrefix("     ") && line.hasSuffix(":") {
            let name = line.trimmingCharacters(in: .whitespaces).dropLast()
            for next in lines[(index + 1)..<min(index + 4, lines.count)] {
                let trimmed = next.trimmingCharacters(in: .whitespaces)
                if trimmed.hasPrefix("enum: ["), let values = Self.flowList(trimmed) { enums[String(name)] = values }
            }
        }
        for line in lines {
            if line.hasPrefix("components:") { break }
            if line.hasPrefix("  /"), line.hasSuffix(":") {
                if let current { routes.append(current) }
                current = Route(segments: line.dropFirst(2).dropLast().split(separator: "/"), methods: [:])
                method = nil
                continue
            }
            for name in ["get", "post", "put", "patch", "delete"] where line == "    \(name):" {
                method = HTTPRequest.Method(rawValue: name.uppercased())
                if let method { current?.methods[method] = [] }
            }
            if let method, line.contains("in: query"), line.contains("required: true"),
                let nameRange = line.range(of: "name: ")
            {
                let name = line[nameRange.upperBound...].prefix { $0 != "," && $0 != " " }
                current?.methods[method, default: []].append(String(name))
            }
            if let method, line.contains("{ name: "), line.contains("in: query") || line.contains("in: path"),
                let nameRange = line.range(of: "name: "), let schema = line.range(of: "schema: {")
            {
                let name = String(line[nameRange.upperBound...].prefix { $0 != "," && $0 != " " })
                let rest = line[schema.upperBound...]
                var kind: TypedParameter.Kind?
                if rest.hasPrefix(" type: integer") { kind = .integer }
                if rest.hasPrefix(" type: number") { kind = .number }
                if rest.hasPrefix(" type: boolean") { kind = .boolean }
                if let range = rest.range(of: "enum: ["), let values = Self.flowList(rest[range.lowerBound...]) {
                    kind = .oneOf(values)
                }
                if let range = rest.range(of: "$ref: '#/components/schemas/") {
                    let reference = rest[range.upperBound...].prefix { $0 != "'" }
                    if let values = enums[String(reference)] { kind = .oneOf(values) }
                }
                if let kind {
                    current?.typed[method, default: []].append(
                        TypedParameter(name: name, inPath: line.contains("in: path"), kind: kind))
                }
            }
        }
        if let current { routes.append(current) }
    }

    /// `enum: [a, b, c]` → ["a", "b", "c"].
    private static func flowList(_ text: some StringProtocol) -> [String]? {
        guard let open = text.firstIndex(of: "["), let close = text[open...].firstIndex(of: "]") else { return nil }
        return text[text.index(after: open)..<close].split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
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
