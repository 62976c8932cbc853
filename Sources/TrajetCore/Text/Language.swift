
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
        let places = max(0, min(decimals, 9))
        var scale = 1
        for _ in 0..<places { scale *= 10 }
        // Integer arithmetic rather than String(format:): reports format hundreds of thousands of numbers.
        let magnitude = (abs(value) * Double(scale)).rounded()
        guard magnitude < 9e15 else { return (value < 0 ? "−" : "") + String(abs(value)) }
        var scaled = Int(magnitude)
        let negative = value < 0 && scaled != 0
        // Digits are written backwards into a fixed buffer, then read forwards: no intermediate arrays.
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 64) { buffer in
            var end = 64
            func put(_ byte: UInt8) {
                end -= 1
                buffer[end] = byte
            }
            if places > 0 {
                for _ in 0..<places {
                    put(UInt8(48 + scaled % 10))
                    scaled /= 10
                }
                put(language == .fr ? 44 : 46)
            }
            var digits = 0
            repeat {
                if digits > 0 && digits % 3 == 0 {
                    if language == .fr {  // U+202F narrow no-break space, UTF-8 E2 80 AF
                        put(0xAF)
                        put(0x80)
                        put(0xE2)
                    } else {
                        put(44)
                    }
                }
                put(UInt8(48 + scaled % 10))
                scaled /= 10
                digits += 1
            } while scaled > 0
            if negative {  // U+2212 minus sign, UTF-8 E2 88 92
                put(0x92)
                put(0x88)
                put(0xE2)
            }
            return String(decoding: UnsafeBufferPointer(rebasing: buffer[end..<64]), as: UTF8.self)
        }
    }

    public func kg(_ value: Double) -> String { format(value) + " kg" }
    public func km(_ value: Double) -> String { format(value) + " km" }
    public func eur(_ value: Double) -> String { language == .fr ? format(value, decimals: 0) + " €" : "€" + format(value, decimals: 0) }
}
