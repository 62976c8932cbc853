import Foundation
import Testing

@testable import TrajetCore

/// The word catalogues (`Sources/TrajetCore/Words`): the same keys in both languages, the same values in both texts
/// of a key, and every key the code asks for present.
@Suite struct WordsTests {
    static let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../Sources")
        .standardized

    @Test func bothLanguagesHaveTheSameKeys() {
        let onlyFrench = Words.frenchKeys.subtracting(Words.englishKeys).sorted()
        let onlyEnglish = Words.englishKeys.subtracting(Words.frenchKeys).sorted()
        #expect(onlyFrench.isEmpty, "only in fr.txt: \(onlyFrench)")
        #expect(onlyEnglish.isEmpty, "only in en.txt: \(onlyEnglish)")
        #expect(Words.frenchKeys.count > 600)
    }

    /// A value the French text shows and the English one forgets (or the reverse) is a translation mistake — except
    /// where the two languages quote a list differently (« a », « b » / 'a', 'b'), so each text must use at least
    /// one value when the other does.
    @Test func bothTextsOfAKeyUseValues() {
        for key in Words.frenchKeys {
            let fr = Words.text(key, .fr, (1...9).map { "<\($0)>" })
            let en = Words.text(key, .en, (1...9).map { "<\($0)>" })
            #expect(fr.contains("<") == en.contains("<"), "\(key): one language uses values, the other not")
        }
    }

    @Test func everyKeyTheCodeUsesIsInTheCatalogues() throws {
        let pattern = try Regex(#"(?:^|[^A-Za-z_])w\("([a-z]+\.[a-z0-9-]+)""#)
        var used = Set<String>()
        let files = FileManager.default.enumerator(at: Self.sources, includingPropertiesForKeys: nil)
        while let file = files?.nextObject() as? URL {
            guard file.pathExtension == "swift" else { continue }
            let text = try String(contentsOf: file, encoding: .utf8)
            for match in text.matches(of: pattern) {
                if let key = match.output[1].substring { used.insert(String(key)) }
            }
        }
        #expect(used.count > 600)
        let missing = used.subtracting(Words.frenchKeys).sorted()
        #expect(missing.isEmpty, "keys used in Sources but in no catalogue: \(missing)")
        let unused = Words.frenchKeys.subtracting(used).sorted()
        #expect(unused.isEmpty, "keys in the catalogues that no code asks for: \(unused)")
    }

    /// Bug: a French error said "attendu : at most 500 travellers" — what a value should have been was English text
    /// inside a French sentence. Expectations are catalogue texts now, and each is really translated.
    @Test func expectationsAreSaidInTheCallersLanguage() throws {
        do {
            _ = try Group(participants: 600, leaders: 2)
            Issue.record("a group of 602 was accepted")
        } catch {
            guard case .invalidValue(_, _, let expected) = error else {
                Issue.record("unexpected error \(error)")
                return
            }
            #expect(expected.text(.fr) == "au plus 500 voyageurs")
            #expect(expected.text(.en) == "at most 500 travellers")
        }
        let keys = Words.frenchKeys.filter { $0.hasPrefix("expect.") }
        #expect(keys.count > 30)
        for key in keys {
            let values = ["<1>", "<2>"]
            #expect(Words.text(key, .fr, values) != Words.text(key, .en, values), "\(key): the same words in both languages")
        }
    }

    @Test func valuesAndEscapesAreReadAsWritten() throws {
        let entries = Words.catalogue("# comment\na.b = \\rx {2} y {1}\\n\\{z}\\\\\n")
        let entry = try #require(entries["a.b"])
        #expect(Words.render(entry, ["one", "two"]) == "\rx two y one\n{z}\\")
        #expect(Words.text("api.is-required", .en, ["from"]) == "'from' is required.")
        #expect(Words.text("api.is-required", .fr, ["from"]) == "« from » est requis.")
        #expect(Words.text("no.such-key", .fr, []) == "no.such-key")
    }
}
