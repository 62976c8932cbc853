import Foundation
import Testing
import TrajetCore
import TrajetDatasets

@testable import TrajetQueries

/// `CompactJSONWriter` writes what `JSONEncoder` with `.sortedKeys` writes, byte for byte.
@Suite struct CompactJSONWriterTests {

    func encoderBytes(_ value: some Encodable) throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return Array(try encoder.encode(value))
    }

    @Test func stringsNumbersAndBooleansAsJSONEncoderWritesThem() throws {
        let strings = [
            "", "plain", "Liège → Khémisset", "« guillemets » d'été", "a/b\\c\"d", "tab\there\nnew\rline",
            "\u{0}\u{1}\u{8}\u{b}\u{c}\u{1f}\u{7f}", "emoji 🚆", "حركة التويزة",
        ]
        let doubles: [Double] = [0, -0.0, 1, 12.5, 0.1, 1e-7, 123456789.125, 1e21, -3.75, 2.0 / 3, 40075]
        let ints = [0, -1, 7, Int.max, Int.min]
        var w = CompactJSONWriter()
        w.openObject()
        w.key("bools")
        w.openArray()
        for value in [true, false] {
            w.element()
            w.bool(value)
        }
        w.closeArray()
        w.key("doubles")
        w.openArray()
        for value in doubles {
            w.element()
            w.double(value)
        }
        w.closeArray()
        w.key("empty")
        w.openObject()
        w.closeObject()
        w.key("ints")
        w.openArray()
        for value in ints {
            w.element()
            w.int(value)
        }
        w.closeArray()
        w.key("nested")
        w.openArray()
        w.element()
        w.openArray()
        w.closeArray()
        w.element()
        w.openObject()
        w.field("a", 1)
        w.closeObject()
        w.closeArray()
        w.key("strings")
        w.openArray()
        for value in strings {
            w.element()
            w.string(value)
        }
        w.closeArray()
        w.closeObject()
        struct Nested: Encodable { var a: Int }
        struct All: Encodable {
            var bools: [Bool]
            var doubles: [Double]
            var empty: [String: Int]
            var ints: [Int]
            var strings: [String]
            enum CodingKeys: String, CodingKey { case bools, doubles, empty, ints, nested, strings }
            func encode(to encoder: any Encoder) throws {
                var c = encoder.container(keyedBy: CodingKeys.self)
                try c.encode(bools, forKey: .bools)
                try c.encode(doubles, forKey: .doubles)
                try c.encode(empty, forKey: .empty)
                try c.encode(ints, forKey: .ints)
                // [[], {"a": 1}]
                var nestedList = c.nestedUnkeyedContainer(forKey: .nested)
                _ = nestedList.nestedUnkeyedContainer()
                try nestedList.encode(Nested(a: 1))
                try c.encode(strings, forKey: .strings)
            }
        }
        let expected = try encoderBytes(
            All(bools: [true, false], doubles: doubles, empty: [:], ints: ints, strings: strings))
        let written = try w.finish()
        let same = written == expected
        #expect(same, "\(String(decoding: written, as: UTF8.self))\n\(String(decoding: expected, as: UTF8.self))")
    }

    @Test func notANumberIsRefusedAsByTheEncoder() {
        var w = CompactJSONWriter()
        w.openArray()
        w.element()
        w.double(.nan)
        w.closeArray()
        let refused = (try? w.finish()) == nil
        #expect(refused)
    }
}
