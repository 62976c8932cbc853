import Foundation

/// Fields of a query string or an `application/x-www-form-urlencoded` body (`+` is a space), first value wins.
struct WebForm: Sendable {
    /// More fields than any form of the page has: beyond, the rest is ignored rather than parsed.
    static let maxFields = 64
    private(set) var values: [String: String] = [:]

    init(encoded text: Substring) {
        for pair in text.split(separator: "&").prefix(Self.maxFields) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let rawName = parts.first else { continue }
            let name = Self.decode(rawName)
            let value = parts.count > 1 ? Self.decode(parts[1]) : ""
            if values[name] == nil { values[name] = value }
        }
    }

    init(_ values: [String: String] = [:]) { self.values = values }

    subscript(_ name: String) -> String? {
        guard let value = values[name]?.trimmingCharacters(in: .whitespacesAndNewlines), !value.isEmpty else { return nil }
        return value
    }

    func flag(_ name: String) -> Bool { self[name].map { ["on", "true", "1", "yes"].contains($0.lowercased()) } ?? false }

    /// The form again as a query string (the fields in `names` that have a value), for links and redirects.
    func query(_ names: [String], replacing: [String: String] = [:]) -> String {
        var parts: [String] = []
        for name in names {
            guard let value = replacing[name] ?? self[name] else { continue }
            parts.append(Self.encode(name) + "=" + Self.encode(value))
        }
        return parts.joined(separator: "&")
    }

    static func decode(_ text: Substring) -> String {
        let spaced = text.replacingOccurrences(of: "+", with: " ")
        return spaced.removingPercentEncoding ?? spaced
    }

    static func encode(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? ""
    }
}
