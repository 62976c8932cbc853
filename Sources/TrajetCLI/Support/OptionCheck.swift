import ArgumentParser
import TrajetQueries

/// The option checks every command's `validate()` shares, worded in the caller's language (`GlobalOptions.optionWords`).
enum OptionCheck {
    static func atLeast(_ minimum: Int, _ value: Int?, _ option: String, _ l: Localizer) throws {
        guard let value, value < minimum else { return }
        throw ValidationError(l.w("cli.option-at-least", option, "\(minimum)", "\(value)"))
    }

    static func within(_ range: ClosedRange<Int>, _ value: Int, _ option: String, _ l: Localizer) throws {
        guard !range.contains(value) else { return }
        throw ValidationError(l.w("cli.option-within", option, "\(range.lowerBound)", "\(range.upperBound)", "\(value)"))
    }

    /// `YYYY-MM-DD` or `YYYY-MM-DDTHH:MM` in the supported years.
    static func date(_ text: String?, _ option: String, _ l: Localizer) throws {
        guard let text, DepartureText.parse(text) == nil else { return }
        throw ValidationError(
            l.w("cli.option-not-a-date", option, text, l.w("expect.departure-date-or-time")))
    }
}
