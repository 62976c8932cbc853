import NIOCore

/// A look at a JSON body's raw bytes before any decoder does: one pass, constant memory, linear time.
///
/// The generated layer's decoder spends time that grows with nesting depth squared times the number of copies (a
/// 108 KB body nested 480 deep cost 33 s of CPU), so depth and size are bounded here first. What is checked:
/// - UTF-8 only (RFC 8259 §8.1): no byte-order mark and no NUL byte (UTF-16 and UTF-32 text always has NUL bytes
///   for ASCII, and a NUL is never valid in JSON text, raw in a string or out of it), and the bytes must be valid
///   UTF-8;
/// - nesting at most `maxDepth` arrays and objects deep;
/// - at most `maxValues` values in all (array elements and object members, counted together).
/// Whether the rest is well-formed JSON is left to the decoder, which can then no longer be slow.
enum JSONShape {
    /// The largest legitimate body, a plan with an itinerary, nests 5 deep and holds a few hundred values.
    static let maxDepth = 32
    static let maxValues = 10_000

    enum Violation: Error, Equatable {
        case notUTF8
        case tooDeep
        case tooManyValues
    }

    static func check(_ buffer: ByteBuffer) throws(Violation) {
        let result = buffer.withUnsafeReadableBytes { bytes in
            Result { () throws(Violation) in try check(bytes) }
        }
        try result.get()
    }

    static func check(_ bytes: UnsafeRawBufferPointer) throws(Violation) {
        if bytes.count >= 2, (bytes[0] == 0xFE && bytes[1] == 0xFF) || (bytes[0] == 0xFF && bytes[1] == 0xFE) {
            throw .notUTF8
        }
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { throw .notUTF8 }
        var depth = 0
        var values = 0
        var inString = false
        var escaped = false
        for byte in bytes {
            if byte == 0 { throw .notUTF8 }
            if inString {
                if escaped {
                    escaped = false
                } else if byte == UInt8(ascii: "\\") {
                    escaped = true
                } else if byte == UInt8(ascii: "\"") {
                    inString = false
                }
                continue
            }
            switch byte {
            case UInt8(ascii: "\""): inString = true
            case UInt8(ascii: "["), UInt8(ascii: "{"):
                depth += 1
                values += 1
                if depth > maxDepth { throw .tooDeep }
            case UInt8(ascii: "]"), UInt8(ascii: "}"): depth -= 1
            case UInt8(ascii: ","): values += 1
            default: continue
            }
            if values > maxValues { throw .tooManyValues }
        }
        guard String(validating: bytes, as: UTF8.self) != nil else { throw .notUTF8 }
    }
}
