/// One Erasmus+ distance band: the amount per participant covers the round trip, chosen by the one-way
/// straight-line distance between the sending organisation's town and the venue (reference/reporting.md §2.4).
public struct TravelSupportBand: Hashable, Sendable, Codable {
    public var firstCallYear: Int
    /// Nil: still applies to later calls (flagged UNCONFIRMED in the dataset when not checked).
    public var lastCallYear: Int?
    public var minKm: Int
    /// Inclusive upper bound in whole km; nil for the open last band.
    public var maxKm: Int?
    public var standardEur: Int
    /// Nil when the call has no green amount for this band.
    public var greenEur: Int?
    public var source: String
    /// `UNCONFIRMED …` or empty.
    public var flags: String
    /// `funding/erasmus-plus-travel-bands.csv` line.
    public var line: Int

    public init(
        firstCallYear: Int, lastCallYear: Int?, minKm: Int, maxKm: Int?, standardEur: Int, greenEur: Int?,
        source: String, flags: String = "", line: Int = 0
    ) {
        self.firstCallYear = firstCallYear
        self.lastCallYear = lastCallYear
        self.minKm = minKm
        self.maxKm = maxKm
        self.standardEur = standardEur
        self.greenEur = greenEur
        self.source = source
        self.flags = flags
        self.line = line
    }

    public func applies(toCallYear year: Int) -> Bool {
        year >= firstCallYear && (lastCallYear.map { year <= $0 } ?? true)
    }

    public var label: String { maxKm.map { "\(minKm)–\($0) km" } ?? "\(minKm)+ km" }
}

/// Whether a country can host or send in a KA152 youth exchange (reference/reporting.md §2.5).
public struct YouthExchangeEligibility: Hashable, Sendable, Codable {
    public var countryCode: String
    public var eligible: Bool
    public var region: String
    public var source: String
    public var flags: String

    public init(countryCode: String, eligible: Bool, region: String, source: String, flags: String = "") {
        self.countryCode = countryCode
        self.eligible = eligible
        self.region = region
        self.source = source
        self.flags = flags
    }
}

/// The Erasmus+ travel-support rules Trajet knows: bands per call year and country eligibility.
public struct TravelSupportRules: Sendable {
    public var bands: [TravelSupportBand]
    public var eligibility: [String: YouthExchangeEligibility]
    /// Funded travel days (Erasmus+ individual support): green travel up to 6, otherwise up to 2.
    public static let fundedTravelDaysGreen = 6
    public static let fundedTravelDaysStandard = 2

    public init(bands: [TravelSupportBand], eligibility: [YouthExchangeEligibility]) {
        self.bands = bands
        self.eligibility = Dictionary(eligibility.map { ($0.countryCode, $0) }, uniquingKeysWith: { first, _ in first })
    }

    public static let none = TravelSupportRules(bands: [], eligibility: [])

    /// The band of a one-way straight-line distance, rounded to whole km as the EC calculator shows it; nil under
    /// 10 km (no travel support) or when no table covers the call year.
    public func band(distanceKm: Double, callYear: Int) -> TravelSupportBand? {
        let km = Int(distanceKm.rounded())
        return bands.first { band in
            band.applies(toCallYear: callYear) && km >= band.minKm && (band.maxKm.map { km <= $0 } ?? true)
        }
    }

    /// Call years the dataset covers, for the "no band" message.
    public var callYears: ClosedRange<Int>? {
        guard let first = bands.map(\.firstCallYear).min() else { return nil }
        return first...(bands.compactMap(\.lastCallYear).max() ?? first)
    }
}
