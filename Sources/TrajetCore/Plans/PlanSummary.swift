import Foundation

/// What the annual report needs from a plan's legs, computed once when the legs are written. Reading these
/// instead of every leg keeps a report of 100 000 plans (about 1.3 million legs) within a second.
public struct PlanSummary: Sendable, Equatable {
    /// Bump when the summary gains or changes a field: the store recomputes older ones from the legs.
    public static let formatVersion = 1

    public struct ModeUse: Sendable, Equatable {
        public var mode: TransportMode
        /// Sum of the legs' distances (one person), km.
        public var distanceKm: Double
        /// Whole group, grams CO2e with non-CO2 effects, and the non-CO2 part.
        public var grams: Int
        public var nonCO2Grams: Int
    }

    public struct FactorRowUse: Sendable, Equatable {
        public var file: String
        public var line: Int
        public var legs: Int
    }

    public var legs = 0
    /// Whole group, grams CO2e with non-CO2 effects.
    public var grams = 0
    public var nonCO2Grams = 0
    public var hubGrams = 0
    /// Legs with an estimated distance, fare or factor, or an unconfirmed service.
    public var estimatedLegs = 0
    public var legsWithEstimatedDistance = 0
    public var legsWithEstimatedFare = 0
    public var legsWithoutFare = 0
    public var legsWithEstimatedFactor = 0
    public var legsWithUnconfirmedService = 0
    /// Grams of the legs whose factor is a proxy or an estimate.
    public var estimatedFactorGrams = 0
    public var returnLegs = 0
    /// Local dates (`YYYY-MM-DD`) of the first departure and last arrival each way.
    public var outboundDepartureDay: String?
    public var outboundArrivalDay: String?
    public var returnDepartureDay: String?
    public var returnArrivalDay: String?
    /// In `TransportMode` order.
    public var modes: [ModeUse] = []
    /// In file, line order.
    public var factors: [FactorRowUse] = []

    public init() {}

    public init(_ detail: PlanDetail) {
        var modeUse: [TransportMode: ModeUse] = [:]
        var factorUse: [String: FactorRowUse] = [:]
        for leg in detail.legs {
            let grams = leg.groupTotalGrams
            legs += 1
            self.grams += grams
            nonCO2Grams += leg.groupNonCO2Grams
            hubGrams += leg.groupHubGrams
            if leg.distanceEstimated || leg.fareEstimated || leg.factorEstimated || leg.serviceUnconfirmed { estimatedLegs += 1 }
            if leg.distanceEstimated { legsWithEstimatedDistance += 1 }
            if leg.fareEstimated { legsWithEstimatedFare += 1 }
            if leg.fareMinCents == nil { legsWithoutFare += 1 }
            if leg.factorEstimated {
                legsWithEstimatedFactor += 1
                estimatedFactorGrams += grams
            }
            if leg.serviceUnconfirmed { legsWithUnconfirmedService += 1 }
            let mode = TransportMode(rawValue: leg.mode) ?? .walk
            var use = modeUse[mode] ?? ModeUse(mode: mode, distanceKm: 0, grams: 0, nonCO2Grams: 0)
            use.distanceKm += leg.distanceKm
            use.grams += grams
            use.nonCO2Grams += leg.groupNonCO2Grams
            modeUse[mode] = use
            let key = "\(leg.factorFile)#\(leg.factorLine)"
            var row = factorUse[key] ?? FactorRowUse(file: leg.factorFile, line: leg.factorLine, legs: 0)
            row.legs += 1
            factorUse[key] = row
        }
        let outbound = detail.legs(.outbound)
        let returning = detail.legs(.return)
        returnLegs = returning.count
        outboundDepartureDay = Self.day(outbound.first?.departure)
        outboundArrivalDay = Self.day(outbound.last?.arrival)
        returnDepartureDay = Self.day(returning.first?.departure)
        returnArrivalDay = Self.day(returning.last?.arrival)
        // Kept to the metre, as stored: a summary read back equals the one written.
        modes = TransportMode.allCases.compactMap { mode in
            modeUse[mode].map { use in
                var rounded = use
                rounded.distanceKm = (use.distanceKm * 1000).rounded() / 1000
                return rounded
            }
        }
        factors = factorUse.values.sorted { ($0.file, $0.line) < ($1.file, $1.line) }
    }

    /// The local date of an ISO 8601 local time (`2026-07-04T09:42+02:00` → `2026-07-04`).
    static func day(_ timestamp: String?) -> String? {
        guard let timestamp, timestamp.utf8.count >= 10 else { return nil }
        return String(timestamp.prefix(10))
    }

    /// The mode that covers the most kilometres (ties: the first in `TransportMode` order).
    public var mainMode: TransportMode? {
        var best: ModeUse?
        for use in modes where use.distanceKm > (best?.distanceKm ?? -1) { best = use }
        return best?.mode
    }

    public var distanceKm: Double { modes.reduce(0) { $0 + $1.distanceKm } }
}

// MARK: - Storage text

extension PlanSummary {
    // Unit and record separators: they never occur in dates, numbers, mode names or dataset paths.
    private static let field: Character = "\u{1F}"
    private static let record: Character = "\u{1E}"
    private static let part: Character = "\u{1D}"

    /// One line of text for a database column: versioned, exact (grams are integers, distances whole metres).
    public var storageText: String {
        let f = String(Self.field)
        let r = String(Self.record)
        let p = String(Self.part)
        let scalars = [
            Self.formatVersion, legs, grams, nonCO2Grams, hubGrams, estimatedLegs, legsWithEstimatedDistance,
            legsWithEstimatedFare, legsWithoutFare, legsWithEstimatedFactor, legsWithUnconfirmedService,
            estimatedFactorGrams, returnLegs,
        ].map(String.init).joined(separator: f)
        let days = [outboundDepartureDay, outboundArrivalDay, returnDepartureDay, returnArrivalDay].map { $0 ?? "" }
            .joined(separator: f)
        let modeText = modes.map {
            [$0.mode.rawValue, String(Int(($0.distanceKm * 1000).rounded())), String($0.grams), String($0.nonCO2Grams)]
                .joined(separator: f)
        }
            .joined(separator: r)
        // Each file once, then (file index, line, legs): the same file is named by most rows.
        var files: [String] = []
        for use in factors where !files.contains(use.file) { files.append(use.file) }
        let fileText = files.joined(separator: r)
        let factorText = factors.map { use in
            [String(files.firstIndex(of: use.file) ?? 0), String(use.line), String(use.legs)].joined(separator: f)
        }.joined(separator: r)
        return [scalars, days, modeText, fileText, factorText].joined(separator: p)
    }

    /// Nil when the text is not a summary of the current format (the store then recomputes it from the legs).
    /// Parsed on bytes: a report reads 100 000 of these.
    public init?(storageText text: String) {
        var text = text
        var decoder = PlanSummaryDecoder()
        guard let parsed = text.withUTF8({ decoder.decode($0) }) else { return nil }
        self = parsed
    }
}

/// Decodes many stored summaries in a row, sharing one `String` per factor file instead of allocating it for every
/// plan (a report decodes 100 000 summaries naming the same few files).
public struct PlanSummaryDecoder {
    var files: [String] = []
    var fileNames: [String] = []

    public init() {}

    public mutating func decode(_ bytes: UnsafeBufferPointer<UInt8>) -> PlanSummary? {
        var cursor = SummaryCursor(bytes: bytes)
        return cursor.summary(files: &files, fileNames: &fileNames)
    }

    public mutating func decode(_ bytes: UnsafeRawBufferPointer) -> PlanSummary? {
        decode(bytes.bindMemory(to: UInt8.self))
    }
}

/// Reads the storage text byte by byte: fields end at 0x1F, records at 0x1E, parts at 0x1D.
private struct SummaryCursor {
    let bytes: UnsafeBufferPointer<UInt8>
    var index = 0
    static let field: UInt8 = 0x1F
    static let record: UInt8 = 0x1E
    static let part: UInt8 = 0x1D

    init(bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    var atEnd: Bool { index >= bytes.count }
    var next: UInt8? { atEnd ? nil : bytes[index] }

    /// The bytes up to the next separator (not consumed).
    mutating func token() -> UnsafeBufferPointer<UInt8> {
        let start = index
        while index < bytes.count, bytes[index] > 0x1F { index += 1 }
        return UnsafeBufferPointer(rebasing: bytes[start..<index])
    }

    mutating func expect(_ separator: UInt8) -> Bool {
        guard next == separator else { return false }
        index += 1
        return true
    }

    mutating func int() -> Int? {
        let digits = token()
        guard !digits.isEmpty else { return nil }
        var value = 0
        var sign = 1
        for (offset, byte) in digits.enumerated() {
            if offset == 0 && byte == 45 {  // "-"
                sign = -1
                continue
            }
            guard byte >= 48 && byte <= 57 else { return nil }
            let (product, overflow) = value.multipliedReportingOverflow(by: 10)
            guard !overflow else { return nil }
            value = product + Int(byte - 48)
        }
        return sign * value
    }

    mutating func string() -> String { String(decoding: token(), as: UTF8.self) }

    private static let modeNames: [(TransportMode, [UInt8])] = TransportMode.allCases.map { ($0, Array($0.rawValue.utf8)) }

    /// A mode name compared as bytes (no String made).
    mutating func mode() -> TransportMode? {
        let bytes = token()
        for (mode, name) in Self.modeNames where name.withUnsafeBufferPointer({ sameBytes($0, bytes) }) { return mode }
        return nil
    }

    /// A factor file name, reusing an identical one already decoded.
    mutating func file(_ files: inout [String]) -> String {
        let bytes = token()
        for known in files where known.hasUTF8(bytes) { return known }
        let made = String(decoding: bytes, as: UTF8.self)
        if files.count < 64 { files.append(made) }
        return made
    }

    /// A local date, or nil when empty. Ten ASCII bytes fit a small string: no allocation.
    mutating func day() -> String? {
        let bytes = token()
        return bytes.isEmpty ? nil : String(decoding: bytes, as: UTF8.self)
    }

    /// How many records the current part holds (it ends at `end`, or at the end of the text): arrays reserved
    /// once instead of growing record by record.
    func recordsBefore(_ end: UInt8?) -> Int {
        var records = 1
        var position = index
        while position < bytes.count, bytes[position] != end {
            if bytes[position] == Self.record { records += 1 }
            position += 1
        }
        return records
    }

    /// `fileNames` is scratch space the caller keeps from one summary to the next.
    mutating func summary(files: inout [String], fileNames: inout [String]) -> PlanSummary? {
        // Thirteen integers, the first the format version: read straight into the fields (no temporary arrays:
        // a report decodes 100 000 summaries).
        guard let version = int(), version == PlanSummary.formatVersion else { return nil }
        var summary = PlanSummary()
        func field(_ value: inout Int) -> Bool {
            guard expect(Self.field), let read = int() else { return false }
            value = read
            return true
        }
        guard field(&summary.legs), field(&summary.grams), field(&summary.nonCO2Grams), field(&summary.hubGrams),
            field(&summary.estimatedLegs), field(&summary.legsWithEstimatedDistance),
            field(&summary.legsWithEstimatedFare), field(&summary.legsWithoutFare),
            field(&summary.legsWithEstimatedFactor), field(&summary.legsWithUnconfirmedService),
            field(&summary.estimatedFactorGrams), field(&summary.returnLegs), expect(Self.part)
        else { return nil }
        summary.outboundDepartureDay = day()
        guard expect(Self.field) else { return nil }
        summary.outboundArrivalDay = day()
        guard expect(Self.field) else { return nil }
        summary.returnDepartureDay = day()
        guard expect(Self.field) else { return nil }
        summary.returnArrivalDay = day()
        guard expect(Self.part) else { return nil }
        summary.modes.reserveCapacity(recordsBefore(Self.part))
        while next != Self.part {
            if !summary.modes.isEmpty && !expect(Self.record) { return nil }
            guard let mode = mode(), expect(Self.field) else { return nil }
            guard let metres = int(), expect(Self.field), let grams = int(), expect(Self.field), let nonCO2 = int()
            else { return nil }
            summary.modes.append(.init(mode: mode, distanceKm: Double(metres) / 1000, grams: grams, nonCO2Grams: nonCO2))
        }
        guard expect(Self.part) else { return nil }
        fileNames.removeAll(keepingCapacity: true)
        while next != Self.part {
            if !fileNames.isEmpty && !expect(Self.record) { return nil }
            let name = file(&files)
            guard !name.isEmpty else { return nil }
            fileNames.append(name)
        }
        guard expect(Self.part) else { return nil }
        summary.factors.reserveCapacity(recordsBefore(nil))
        while !atEnd {
            if !summary.factors.isEmpty && !expect(Self.record) { return nil }
            guard let fileIndex = int(), fileNames.indices.contains(fileIndex), expect(Self.field), let line = int(),
                expect(Self.field), let legs = int()
            else { return nil }
            summary.factors.append(.init(file: fileNames[fileIndex], line: line, legs: legs))
        }
        return summary
    }
}

/// Byte equality by length then `memcmp`: the generic `elementsEqual` was a visible share of a 100 000-plan read.
private func sameBytes(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Bool {
    a.count == b.count && (a.isEmpty || memcmp(a.baseAddress!, b.baseAddress!, a.count) == 0)
}

extension String {
    /// Whether the string's UTF-8 is exactly `bytes` (no String made from them): the stores' and the summary
    /// decoder's way to reuse a string they already have.
    package func hasUTF8(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var text = self
        return text.withUTF8 { sameBytes($0, bytes) }
    }
}
