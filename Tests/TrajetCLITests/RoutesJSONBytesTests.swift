import Foundation
import Testing
import TrajetCore
import TrajetDatasets

@testable import TrajetQueries

/// The server writes `RoutesJSON` with `CompactJSONWriter` instead of `JSONEncoder`: the bytes must be the encoder's.
@Suite struct RoutesJSONBytesTests {
    static let datasets = ShippedData.datasets

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

    /// Answers of every kind: each partner from several origins, groups with and without minors, every ranking,
    /// return trips, via, constraints, both languages (French names and words are not ASCII).
    @Test func routesAnswersAsJSONEncoderWritesThem() async throws {
        let settings = try await ShippedSettings.load()
        var compared = 0
        let cases: [(String, String, Int, Int, Bool, RankingProfile, String?, String?, Set<TransportMode>)] = [
            ("liege", "twiza", 14, 2, true, .balanced, nil, nil, []),
            ("liege", "twiza", 14, 2, true, .co2, "2026-07-25", nil, []),
            ("bruxelles", "aje", 10, 2, false, .time, "2026-08-20", nil, []),
            ("namur", "lekaa", 3, 0, false, .cost, nil, nil, []),
            ("anvers", "alafia-jeunes", 30, 3, true, .balanced, nil, nil, []),
            ("anvers", "aje", 16, 2, false, .co2, nil, "madrid", []),
            ("bruxelles", "twiza", 12, 2, false, .balanced, nil, nil, [.flight]),
            ("twiza", "liege", 1, 0, false, .time, "2026-08-01", nil, []),
            // Issue 14: travel advice and options left out for minors, coordinates and a town without trains.
            ("bruxelles", "aje", 10, 2, true, .balanced, nil, nil, []),
            ("50.45,3.95", "twiza", 14, 2, false, .balanced, nil, nil, []),
            ("aje", "Bastogne", 14, 2, false, .time, nil, nil, []),
        ]
        for (from, to, participants, leaders, minors, rank, back, via, avoid) in cases {
            let request = RoutesRequest(
                from: from, to: to, participants: participants, leaders: leaders, minors: minors, depart: "2026-07-04",
                returnDate: back, rank: rank, limit: 10, avoid: avoid, overland: false, via: via, noNightTravel: false)
            let answer = try request.run(datasets: Self.datasets, settings: settings)
            for language in [Language.en, .fr] {
                let json = RoutesJSON(answer, localizer: Localizer(language))
                let written = try json.compactJSON()
                let same = written == (try encoderBytes(json))
                #expect(same, "\(from) → \(to), \(rank), \(language)")
                compared += 1
            }
        }
        #expect(compared == 22)
    }
}
