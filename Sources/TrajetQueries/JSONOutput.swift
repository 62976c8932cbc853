import Foundation

/// JSON with stable key order, for scripts and tests.
package func encodeJSON(_ value: some Encodable) throws -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    return String(decoding: try encoder.encode(value), as: UTF8.self)
}

/// Compact JSON written straight into bytes, exactly as `JSONEncoder` with `.sortedKeys` (and no other option) writes
/// it: no spaces, `/` escaped, control characters as `\n`-style or `\u00XX` escapes, other characters as UTF-8,
/// numbers as their `description` without a trailing `.0`. For answers served many times a second (`RoutesJSON`),
/// where `JSONEncoder`'s intermediate tree, key hashing and sorting cost more than the search.
///
/// Keys are written as given: callers write them in sorted (UTF-8 byte) order, and tests compare the bytes with
/// `JSONEncoder`'s.
package struct CompactJSONWriter {
    package private(set) var bytes: [UInt8] = []
    /// Whether the container being written has no element yet (no comma before the next one).
    private var first = true
    /// `JSONEncoder` refuses NaN and infinities; so does `finish()`.
    private var nonFinite = false

    package init(capacity: Int = 4096) { bytes.reserveCapacity(capacity) }

    package mutating func openObject() {
        bytes.append(UInt8(ascii: "{"))
        first = true
    }

    package mutating func closeObject() {
        bytes.append(UInt8(ascii: "}"))
        first = false
    }

    package mutating func openArray() {
        bytes.append(UInt8(ascii: "["))
        first = true
    }

    package mutating func closeArray() {
        bytes.append(UInt8(ascii: "]"))
        first = false
    }

    /// A key of the current object; keys are plain ASCII names, never escaped.
    package mutating func key(_ name: StaticString) {
        separate()
        bytes.append(UInt8(ascii: "\""))
        bytes.append(contentsOf: UnsafeBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount))
        bytes.append(UInt8(ascii: "\""))
        bytes.append(UInt8(ascii: ":"))
    }

    /// Before each element of an array.
    package mutating func element() { separate() }

    private mutating func separate() {
        if first { first = false } else { bytes.append(UInt8(ascii: ",")) }
    }

    package mutating func string(_ text: String) {
        bytes.append(UInt8(ascii: "\""))
        var text = text
        text.withUTF8 { utf8 in
            var start = 0
            for (i, byte) in utf8.enumerated() where byte < 0x20 || byte == 0x22 || byte == 0x5C || byte == 0x2F {
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start..<i]))
                start = i + 1
                bytes.append(UInt8(ascii: "\\"))
                switch byte {
                case 0x22, 0x5C, 0x2F: bytes.append(byte)
                case 0x08: bytes.append(UInt8(ascii: "b"))
                case 0x0C: bytes.append(UInt8(ascii: "f"))
                case 0x0A: bytes.append(UInt8(ascii: "n"))
                case 0x0D: bytes.append(UInt8(ascii: "r"))
                case 0x09: bytes.append(UInt8(ascii: "t"))
                default:
                    let hex = Array("0123456789abcdef".utf8)
                    bytes.append(contentsOf: [UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0")])
                    bytes.append(hex[Int(byte >> 4)])
                    bytes.append(hex[Int(byte & 0xF)])
                }
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start...]))
        }
        bytes.append(UInt8(ascii: "\""))
    }

    package mutating func int(_ value: Int) {
        // Short enough to be a small string: no allocation.
        bytes.append(contentsOf: String(value).utf8)
    }

    package mutating func double(_ value: Double) {
        guard value.isFinite else {
            nonFinite = true
            bytes.append(contentsOf: "null".utf8)
            return
        }
        var text = value.description
        if text.hasSuffix(".0") { text.removeLast(2) }
        bytes.append(contentsOf: text.utf8)
    }

    package mutating func bool(_ value: Bool) {
        bytes.append(contentsOf: value ? "true".utf8 : "false".utf8)
    }

    package mutating func field(_ name: StaticString, _ value: String) {
        key(name)
        string(value)
    }

    package mutating func field(_ name: StaticString, _ value: Int) {
        key(name)
        int(value)
    }

    package mutating func field(_ name: StaticString, _ value: Double) {
        key(name)
        double(value)
    }

    package mutating func field(_ name: StaticString, _ value: Bool) {
        key(name)
        bool(value)
    }

    /// The bytes; throws where `JSONEncoder` would have (a NaN or an infinity).
    package consuming func finish() throws(CompactJSONError) -> [UInt8] {
        if nonFinite { throw CompactJSONError.nonFiniteNumber }
        return bytes
    }
}

package enum CompactJSONError: Error {
    case nonFiniteNumber
}
