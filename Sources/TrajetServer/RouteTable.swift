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
    }
    private(set) var routes: [Route] = []

    /// Reads `paths:` of the document: `  /path:` lines, `    get:`-style method lines, and flow-style parameters
    /// (`- { name: from, in: query, required: true, … }`), as openapi.yaml is written.
    init(openAPIDocument text: String) {
        var current: Route?
        var method: HTTPRequest.Method?
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
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
        }
        if let current { routes.append(current) }
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
