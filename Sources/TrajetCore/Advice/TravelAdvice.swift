import Foundation

/// How strongly the Belgian foreign ministry advises against going to an area, from least to most serious.
public enum AdviceLevel: String, CaseIterable, Sendable, Comparable, Codable {
    case normalPrecautions = "normal_precautions"
    /// No advice was recorded for the country: the coordinator must read it before booking.
    case notChecked = "not_checked"
    case increasedVigilance = "increased_vigilance"
    case nonessentialAdvisedAgainst = "nonessential_advised_against"
    case advisedAgainst = "advised_against"

    public static func < (lhs: AdviceLevel, rhs: AdviceLevel) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }

    /// A youth exchange is not essential travel: groups with minors do not go where either level applies.
    public var leavesOutMinors: Bool { self >= .nonessentialAdvisedAgainst }
}

/// One row of the travel-advice dataset: a country as a whole (empty `area`) or an area of it.
public struct TravelAdvice: Hashable, Sendable, Identifiable {
    public var id: String
    public var countryCode: String
    /// Empty for the whole country.
    public var area: String
    public var level: AdviceLevel
    /// Places inside the area (for an area row); a country row covers every place of the country.
    public var places: [PlaceID]
    /// Legs that cross the area without stopping in it (a border crossing).
    public var legs: [LegID]
    public var summaryFR: String
    public var summaryEN: String
    /// Date of the advice as the source gives it (`2024-02-27`, `2023-10`, `2018`), empty when undated.
    public var adviceDate: String
    public var checkedOn: CalendarDay
    public var sourceURL: String
    public var source: String
    /// The source is indirect, older or undated: shown as UNCONFIRMED.
    public var unconfirmed: Bool

    public init(
        id: String, countryCode: String, area: String, level: AdviceLevel, places: [PlaceID], legs: [LegID],
        summaryFR: String, summaryEN: String, adviceDate: String, checkedOn: CalendarDay, sourceURL: String,
        source: String, unconfirmed: Bool
    ) {
        self.id = id
        self.countryCode = countryCode
        self.area = area
        self.level = level
        self.places = places
        self.legs = legs
        self.summaryFR = summaryFR
        self.summaryEN = summaryEN
        self.adviceDate = adviceDate
        self.checkedOn = checkedOn
        self.sourceURL = sourceURL
        self.source = source
        self.unconfirmed = unconfirmed
    }
}

/// What a group needs to enter a country (for Belgian passports), as checked on a date. Each rule is in French and
/// English; an empty rule was not checked.
public struct EntryRule: Hashable, Sendable {
    public struct Text: Hashable, Sendable {
        public var fr: String
        public var en: String
        public init(fr: String, en: String) {
            self.fr = fr
            self.en = en
        }
        public var isChecked: Bool { !fr.isEmpty || !en.isEmpty }
    }
    public var countryCode: String
    public var visa: Text
    public var minorsAuthorisation: Text
    public var yellowFeverCertificate: Text
    public var checkedOn: CalendarDay
    public var sourceURL: String
    public var source: String
    public var unconfirmed: Bool

    public init(
        countryCode: String, visa: Text, minorsAuthorisation: Text, yellowFeverCertificate: Text,
        checkedOn: CalendarDay, sourceURL: String, source: String, unconfirmed: Bool
    ) {
        self.countryCode = countryCode
        self.visa = visa
        self.minorsAuthorisation = minorsAuthorisation
        self.yellowFeverCertificate = yellowFeverCertificate
        self.checkedOn = checkedOn
        self.sourceURL = sourceURL
        self.source = source
        self.unconfirmed = unconfirmed
    }
}

/// The travel advice and entry rules, looked up by leg.
public struct AdviceBook: Sendable {
    public let advice: [TravelAdvice]
    public let entryRules: [String: EntryRule]
    private let byPlace: [PlaceID: [Int]]
    private let byLeg: [LegID: [Int]]
    private let byCountry: [String: Int]

    public static let empty = AdviceBook(advice: [], entryRules: [:])

    public init(advice: [TravelAdvice], entryRules: [String: EntryRule]) {
        self.advice = advice
        self.entryRules = entryRules
        var byPlace: [PlaceID: [Int]] = [:]
        var byLeg: [LegID: [Int]] = [:]
        var byCountry: [String: Int] = [:]
        for (index, row) in advice.enumerated() {
            for place in row.places { byPlace[place, default: []].append(index) }
            for leg in row.legs { byLeg[leg, default: []].append(index) }
            if row.area.isEmpty { byCountry[row.countryCode] = index }
        }
        self.byPlace = byPlace
        self.byLeg = byLeg
        self.byCountry = byCountry
    }

    /// The advice that applies to travelling a leg: the country it arrives in, any area it arrives in, and any area
    /// it crosses. Legs within Belgium carry none (no row for BE).
    public func advice(for leg: Leg, in network: Network) -> [TravelAdvice] {
        var indices: [Int] = []
        if let country = network.place(leg.to)?.countryCode, let index = byCountry[country] { indices.append(index) }
        indices += byPlace[leg.to] ?? []
        indices += byLeg[leg.id] ?? []
        var seen = Set<Int>()
        return indices.filter { seen.insert($0).inserted }.map { advice[$0] }
    }

    /// Entry rules for the countries a leg arrives in when it crosses a border.
    public func entryRule(for leg: Leg, in network: Network) -> EntryRule? {
        guard let from = network.place(leg.from)?.countryCode, let to = network.place(leg.to)?.countryCode, from != to
        else { return nil }
        return entryRules[to]
    }

    /// Indices into `network.legs` of the legs a group with minors does not take (advice against travel).
    public func legIndicesLeavingOutMinors(in network: Network) -> Set<Int> {
        var result = Set<Int>()
        for (index, leg) in network.legs.enumerated()
        where advice(for: leg, in: network).contains(where: { $0.level.leavesOutMinors }) {
            result.insert(index)
        }
        return result
    }
}
