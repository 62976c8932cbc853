import Foundation

/// Text folding for place search: "Liège", "LIEGE" and "liege" are the same query.
public enum SearchText {
    /// Lower-cases, strips diacritics, and turns punctuation into single spaces.
    public static func fold(_ text: String) -> String {
        // Fast path for plain ASCII (most ids, codes and names): Foundation's folding is slow on Linux.
        if text.utf8.allSatisfy({ $0 < 128 }) {
            var bytes: [UInt8] = []
            bytes.reserveCapacity(text.utf8.count)
            var lastWasSpace = true
            for byte in text.utf8 {
                switch byte {
                case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                    bytes.append(byte)
                    lastWasSpace = false
                case UInt8(ascii: "A")...UInt8(ascii: "Z"):
                    bytes.append(byte + 32)
                    lastWasSpace = false
                default:
                    if !lastWasSpace {
                        bytes.append(UInt8(ascii: " "))
                        lastWasSpace = true
                    }
                }
            }
            if bytes.last == UInt8(ascii: " ") { bytes.removeLast() }
            return String(decoding: bytes, as: UTF8.self)
        }
        let folded = text.folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: nil)
        var result = ""
        result.reserveCapacity(folded.count)
        var lastWasSpace = true
        for scalar in folded.unicodeScalars {
            if CharacterSet.alphanumerics.contains(scalar) {
                result.unicodeScalars.append(scalar)
                lastWasSpace = false
            } else if !lastWasSpace {
                result.append(" ")
                lastWasSpace = true
            }
        }
        if result.hasSuffix(" ") { result.removeLast() }
        return result
    }

    /// Levenshtein edit distance on Unicode scalars.
    public static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a.unicodeScalars)
        let b = Array(b.unicodeScalars)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
