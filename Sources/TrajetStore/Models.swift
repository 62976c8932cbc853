import Foundation
import TrajetCore

/// What `plans update` may change. Nil leaves a field as it is.
public struct PlanChanges: Sendable, Equatable {
    public var status: PlanStatus?
    public var participants: Int?
    public var leaders: Int?
    public var minors: Bool?
    public var notes: String?
    public var name: String?

    public init(
        status: PlanStatus? = nil, participants: Int? = nil, leaders: Int? = nil, minors: Bool? = nil,
        notes: String? = nil, name: String? = nil
    ) {
        self.status = status
        self.participants = participants
        self.leaders = leaders
        self.minors = minors
        self.notes = notes
        self.name = name
    }
}

/// Which plans `plans list` shows.
public struct PlanFilter: Sendable, Equatable {
    public var organisationId: String?
    /// Plans departing in that calendar year.
    public var year: Int?
    public var status: PlanStatus?
    /// Plans departing in any of these calendar years (the annual report reads the year and the ones before).
    public var years: ClosedRange<Int>?

    public init(
        organisationId: String? = nil, year: Int? = nil, status: PlanStatus? = nil, years: ClosedRange<Int>? = nil
    ) {
        self.organisationId = organisationId
        self.year = year
        self.status = status
        self.years = years
    }

    /// Departure dates (`YYYY-MM-DD`) in `lower ..< upper`, or nil when no year filter is set.
    public var departDateBounds: (lower: String, upper: String)? {
        var first = year ?? years?.lowerBound
        var last = year ?? years?.upperBound
        if let year, let years {
            first = max(year, years.lowerBound)
            last = min(year, years.upperBound)
        }
        guard let first, let last else { return nil }
        return (String(format: "%04d-01-01", first), String(format: "%04d-01-01", last + 1))
    }
}

/// The JSON document of `plans export` / `plans import`.
public struct PlanExport: Codable, Sendable, Equatable {
    public static let currentFormat = 1
    public var format: Int
    public var organisations: [Organisation]
    public var plans: [PlanDetail]

    public init(format: Int = PlanExport.currentFormat, organisations: [Organisation], plans: [PlanDetail]) {
        self.format = format
        self.organisations = organisations
        self.plans = plans
    }
}

public struct ImportSummary: Sendable, Equatable {
    public var organisationsAdded: Int
    public var plansAdded: Int
    public var plansReplaced: Int

    public init(organisationsAdded: Int, plansAdded: Int, plansReplaced: Int) {
        self.organisationsAdded = organisationsAdded
        self.plansAdded = plansAdded
        self.plansReplaced = plansReplaced
    }
}

extension PlanExport {
    /// References the datasets do not know, each named by its JSON path (`plans[0].plan.partnerId: 'xyz'`).
    /// The store knows no datasets; the caller passes the ids it has loaded, and imports nothing when this is not
    /// empty.
    public func unknownReferences(partners: Set<String>, places: Set<String>, legs: Set<String>) -> [String] {
        var problems: [String] = []
        for (index, detail) in plans.enumerated() {
            let plan = detail.plan
            if !partners.contains(plan.partnerId) {
                problems.append("plans[\(index)].plan.partnerId: unknown partner '\(plan.partnerId)'")
            }
            if !places.contains(plan.originPlaceId) {
                problems.append("plans[\(index)].plan.originPlaceId: unknown place '\(plan.originPlaceId)'")
            }
            if !places.contains(plan.destinationPlaceId) {
                problems.append("plans[\(index)].plan.destinationPlaceId: unknown place '\(plan.destinationPlaceId)'")
            }
            for (legIndex, leg) in detail.legs.enumerated() {
                for (field, id) in [("fromPlaceId", leg.fromPlaceId), ("toPlaceId", leg.toPlaceId)] where !places.contains(id) {
                    problems.append("plans[\(index)].legs[\(legIndex)].\(field): unknown place '\(id)'")
                }
                if !legs.contains(leg.legId) {
                    problems.append("plans[\(index)].legs[\(legIndex)].legId: unknown leg '\(leg.legId)'")
                }
            }
        }
        return problems
    }
}
