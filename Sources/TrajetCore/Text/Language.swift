import Foundation

/// The language of everything Trajet prints for people.
public enum Language: String, CaseIterable, Sendable, Codable {
    case fr
    case en

    /// `fr` when the locale variables name French (fr_BE.UTF-8, fr_FR…), `en` otherwise.
    public static func fromEnvironment(_ environment: [String: String]) -> Language {
        for key in ["LC_ALL", "LC_MESSAGES", "LANG"] {
            if let value = environment[key], !value.isEmpty {
                return value.lowercased().hasPrefix("fr") ? .fr : .en
            }
        }
        return .en
    }
}

/// Formats numbers the way each language writes them: `1 234,5` in French, `1,234.5` in English.
public struct NumberStyle: Sendable {
    public let language: Language

    public init(_ language: Language) { self.language = language }

    public func format(_ value: Double, decimals: Int = 1) -> String {
        guard value.isFinite else { return "–" }
        let negative = value < 0
        let text = String(format: "%.\(decimals)f", abs(value))
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        var integer = String(parts[0])
        let grouping = language == .fr ? "\u{202F}" : ","
        var groups: [String] = []
        while integer.count > 3 {
            groups.insert(String(integer.suffix(3)), at: 0)
            integer.removeLast(3)
        }
        groups.insert(integer, at: 0)
        var result = groups.joined(separator: grouping)
        if parts.count > 1 { result += (language == .fr ? "," : ".") + parts[1] }
        let isZero = Double(text) == 0
        return (negative && !isZero ? "−" : "") + result
    }

    public func kg(_ value: Double) -> String { format(value) + " kg" }
    public func km(_ value: Double) -> String { format(value) + " km" }
    public func eur(_ value: Double) -> String { language == .fr ? format(value, decimals: 0) + " €" : "€" + format(value, decimals: 0) }
}
