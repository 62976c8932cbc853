/// What a refused value should have been, as a key of the word catalogues with its values: an error carries it, and
/// each door says it in the caller's language ("attendu : au plus 500 voyageurs" in a French message, not the
/// English words inside French ones).
public struct Expectation: Sendable, Hashable, CustomStringConvertible {
    public let key: String
    public let values: [String]

    /// The catalogue text `key` with `values` in its `{1}`, `{2}`… places (`WordsTests` checks the key exists).
    public static func w(_ key: String, _ values: String...) -> Expectation {
        Expectation(key: key, values: values)
    }

    public func text(_ language: Language) -> String { Words.text(key, language, values) }

    /// English, for logs and programs that print an error as it is.
    public var description: String { text(.en) }
}
