import Testing
import TrajetCore
import TrajetQueries

@testable import TrajetCLI

/// `trajet advice` shows how old the ministry's advice is, not how long ago we looked at it (bug: an advice of
/// 2022-04-12 checked on 2026-12-03 printed "0 d").
@Suite struct AdviceAgeTests {
    let today = CalendarDay(iso: "2026-12-03")!

    @Test func theAgeRunsFromTheAdvicesOwnDate() {
        #expect(AdviceCommand.adviceAge("2022-04-12", today: today, Localizer(.en)) == "4 y")
        #expect(AdviceCommand.adviceAge("2022-04-12", today: today, Localizer(.fr)) == "4 ans")
        #expect(AdviceCommand.adviceAge("2026-02-27", today: today, Localizer(.en)) == "9 mo")
        #expect(AdviceCommand.adviceAge("2026-11-20", today: today, Localizer(.fr)) == "13 j")
    }

    @Test func anUndatedAdviceHasNoAge() {
        #expect(AdviceCommand.adviceAge("", today: today, Localizer(.en)) == "?")
        #expect(AdviceCommand.adviceAge("undated copy", today: today, Localizer(.en)) == "?")
    }

    /// Entry rules read as each language writes: "visa: …; minors' …" in English, "visa : … ; autorisation …" in
    /// French (bug: the French spacing leaked into English).
    @Test func entryRulesUseEachLanguagesPunctuation() {
        let rule = EntryRule(
            countryCode: "MR", visa: .init(fr: "eVisa obligatoire", en: "eVisa required"),
            minorsAuthorisation: .init(fr: "", en: ""), yellowFeverCertificate: .init(fr: "", en: ""),
            checkedOn: today, sourceURL: "", source: "test", unconfirmed: true)
        #expect(
            Localizer(.en).entryRule(rule)
                == "Mauritania — visa: eVisa required; minors' authorisation: not checked (UNCONFIRMED, checked 2026-12-03)")
        #expect(
            Localizer(.fr).entryRule(rule)
                == "Mauritanie — visa : eVisa obligatoire ; autorisation pour mineurs : non vérifié (NON CONFIRMÉ, vérifié le 2026-12-03)")
    }
}
