import Foundation

/// Trajet's words in French and English: one catalogue per language, `Sources/TrajetCore/Words/fr.txt` and
/// `en.txt` (a reviewer reads all the French in one file), compiled in by the EmbedFiles plugin. The CLI, the API's
/// problems, the reports and the page's answers ask for a text by key with the values to put in it
/// (`Localizer.w("api.is-required", field)`); `WordsTests` fails on a key missing in either language or used in the
/// code but in neither.
public enum Words {
    /// One text: literal pieces and the 1-based numbers of the values between them.
    struct Entry: Sendable {
        enum Piece: Sendable {
            case text(String)
            case value(Int)
        }
        var pieces: [Piece]
    }

    static let french = catalogue(wordsFrench)
    static let english = catalogue(wordsEnglish)

    /// The text of `key` in `language` with `values` in its `{1}`, `{2}`… places. A key in neither catalogue (a
    /// mistake `WordsTests` catches) reads as the key itself rather than stopping the program.
    public static func text(_ key: String, _ language: Language, _ values: [String]) -> String {
        guard let entry = (language == .fr ? french : english)[key] else { return key }
        return render(entry, values)
    }

    static func render(_ entry: Entry, _ values: [String]) -> String {
        var text = ""
        for piece in entry.pieces {
            switch piece {
            case .text(let part): text += part
            case .value(let number): text += number <= values.count ? values[number - 1] : ""
            }
        }
        return text
    }

    /// The keys of each catalogue, for the tests.
    static var frenchKeys: Set<String> { Set(french.keys) }
    static var englishKeys: Set<String> { Set(english.keys) }

    /// `key = text` lines; `#` starts a comment line. In the text `\n` is a line break, `\{` a brace, `\\` a
    /// backslash, `\\r` a carriage return, and `{n}` the n-th value.
    static func catalogue(_ file: String) -> [String: Entry] {
        var entries: [String: Entry] = [:]
        for line in file.split(separator: "\n", omittingEmptySubsequences: true) {
            guard !line.hasPrefix("#"), let separator = line.range(of: " = ") else { continue }
            entries[String(line[..<separator.lowerBound])] = entry(line[separator.upperBound...])
        }
        return entries
    }

    private static func entry(_ text: Substring) -> Entry {
        var pieces: [Entry.Piece] = []
        var literal = ""
        var index = text.startIndex
        while index < text.endIndex {
            let character = text[index]
            let next = text.index(after: index)
            if character == "\\", next < text.endIndex {
                switch text[next] {
                case "n": literal.append("\n")
                case "r": literal.append("\r")
                default: literal.append(text[next])
                }
                index = text.index(after: next)
                continue
            }
            if character == "{", let close = text[next...].firstIndex(of: "}"), let number = Int(text[next..<close]) {
                if !literal.isEmpty { pieces.append(.text(literal)) }
                literal = ""
                pieces.append(.value(number))
                index = text.index(after: close)
                continue
            }
            literal.append(character)
            index = next
        }
        if !literal.isEmpty { pieces.append(.text(literal)) }
        return Entry(pieces: pieces)
    }
}

extension Language {
    /// `Words.text(key, self, values)`.
    public func words(_ key: String, _ values: [String]) -> String { Words.text(key, self, values) }
}
