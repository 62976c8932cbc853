import Foundation

/// An association that plans trips (Asmae, a Confluence member…), identified by a slug.
public struct Organisation: Codable, Sendable, Equatable, Identifiable {
    /// Slug: lowercase letters, digits and hyphens (`asmae`).
    public var id: String
    public var name: String
    /// ISO 8601 UTC, set by the store.
    public var createdAt: String

    public init(id: String, name: String, createdAt: String = "") {
        self.id = id
        self.name = name
        self.createdAt = createdAt
    }
}


/// Where a plan stands. Forward one step at a time (`draft → planned → booked → travelled`); any status but
/// `travelled` may become `cancelled`; a cancelled or travelled plan is final.
public enum PlanStatus: String, Codable, Sendable, CaseIterable {
    case draft, planned, booked, travelled, cancelled

    public func canBecome(_ next: PlanStatus) -> Bool {
        if next == self { return true }
        switch (self, next) {
        case (.draft, .planned), (.planned, .booked), (.booked, .travelled): return true
        case (.draft, .cancelled), (.planned, .cancelled), (.booked, .cancelled): return true
        default: return false
        }
    }
}

/// Which way a leg goes.
public enum LegDirection: String, Codable, Sendable, CaseIterable {
    case outbound
    case `return`
}

/// A group's trip as saved by a coordinator. The legs keep the footprint they were planned with.
public struct Plan: Codable, Sendable, Equatable, Identifiable {
    /// A UUID, lowercase text.
    public var id: String
    public var organisationId: String
    public var name: String
    /// Partner NGO id (`twiza`).
    public var partnerId: String
    public var originPlaceId: String
    public var destinationPlaceId: String
    /// `YYYY-MM-DD`.
    public var departDate: String
    /// `YYYY-MM-DD`, on or after `departDate`; nil for a one-way plan.
    public var returnDate: String?
    /// Young participants.
    public var participants: Int
    public var leaders: Int
    public var minors: Bool
    public var status: PlanStatus
    public var notes: String
    /// Optimistic concurrency: 1 when created, +1 on every update.
    public var version: Int
    /// ISO 8601 UTC, set by the store.
    public var createdAt: String
    public var updatedAt: String
    /// The factor set the footprints were computed with.
    public var factorSetId: String
    public var factorSetVersion: String

    public init(
        id: String = UUID().uuidString.lowercased(), organisationId: String, name: String, partnerId: String,
        originPlaceId: String, destinationPlaceId: String, departDate: String, returnDate: String? = nil,
        participants: Int, leaders: Int, minors: Bool = false, status: PlanStatus = .draft, notes: String = "",
        version: Int = 1, createdAt: String = "", updatedAt: String = "", factorSetId: String = "",
        factorSetVersion: String = ""
    ) {
        self.id = id
        self.organisationId = organisationId
        self.name = name
        self.partnerId = partnerId
        self.originPlaceId = originPlaceId
        self.destinationPlaceId = destinationPlaceId
        self.departDate = departDate
        self.returnDate = returnDate
        self.participants = participants
        self.leaders = leaders
        self.minors = minors
        self.status = status
        self.notes = notes
        self.version = version
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.factorSetId = factorSetId
        self.factorSetVersion = factorSetVersion
    }

    public var people: Int { participants + leaders }
}


/// One leg of a saved plan, with the footprint it was planned with (CO2e in whole grams).
public struct PlanLeg: Codable, Sendable, Equatable {
    public var planId: String
    public var direction: LegDirection
    /// 1-based order within the direction.
    public var position: Int
    /// The network leg id (`Datasets/network/legs.csv`).
    public var legId: String
    /// `TransportMode` raw value.
    public var mode: String
    public var fromPlaceId: String
    public var toPlaceId: String
    public var operatorName: String
    /// The distance the emission factor was applied to, in km.
    public var distanceKm: Double
    /// `route`, `great_circle` or `great_circle_detour`.
    public var distanceBasis: String
    public var durationMinutes: Int
    /// ISO 8601 local time with offset (`2026-07-04T09:42+02:00`).
    public var departure: String
    public var arrival: String
    /// Per person, grams CO2e.
    public var ttwGrams: Int
    public var nonCO2Grams: Int
    public var wttGrams: Int
    public var hubGrams: Int
    /// Whole group, grams CO2e.
    public var groupTtwGrams: Int
    public var groupNonCO2Grams: Int
    public var groupWttGrams: Int
    public var groupHubGrams: Int
    public var vehicles: Int?
    /// Fare per person in euro cents (nil when the source has none).
    public var fareMinCents: Int?
    public var fareMaxCents: Int?
    /// Where the factor comes from.
    public var factorFile: String
    public var factorLine: Int
    public var distanceEstimated: Bool
    public var durationEstimated: Bool
    public var fareEstimated: Bool
    /// The factor is a PROXY or an ESTIMATE.
    public var factorEstimated: Bool
    public var serviceUnconfirmed: Bool
    /// `FootprintNote` raw values, comma-separated.
    public var footprintNotes: String

    enum CodingKeys: String, CodingKey {
        case planId, direction, position, legId, mode, fromPlaceId, toPlaceId
        case operatorName = "operator"
        case distanceKm, distanceBasis, durationMinutes, departure, arrival, ttwGrams, nonCO2Grams, wttGrams, hubGrams
        case groupTtwGrams, groupNonCO2Grams, groupWttGrams, groupHubGrams, vehicles, fareMinCents, fareMaxCents
        case factorFile, factorLine, distanceEstimated, durationEstimated, fareEstimated, factorEstimated
        case serviceUnconfirmed, footprintNotes
    }

    public init(
        planId: String, direction: LegDirection, position: Int, legId: String, mode: String, fromPlaceId: String,
        toPlaceId: String, operatorName: String = "", distanceKm: Double, distanceBasis: String = "route",
        durationMinutes: Int, departure: String = "", arrival: String = "", ttwGrams: Int = 0, nonCO2Grams: Int = 0,
        wttGrams: Int = 0, hubGrams: Int = 0, groupTtwGrams: Int = 0, groupNonCO2Grams: Int = 0,
        groupWttGrams: Int = 0, groupHubGrams: Int = 0, vehicles: Int? = nil, fareMinCents: Int? = nil,
        fareMaxCents: Int? = nil, factorFile: String = "", factorLine: Int = 0, distanceEstimated: Bool = false,
        durationEstimated: Bool = false, fareEstimated: Bool = false, factorEstimated: Bool = false,
        serviceUnconfirmed: Bool = false, footprintNotes: String = ""
    ) {
        self.planId = planId
        self.direction = direction
        self.position = position
        self.legId = legId
        self.mode = mode
        self.fromPlaceId = fromPlaceId
        self.toPlaceId = toPlaceId
        self.operatorName = operatorName
        self.distanceKm = distanceKm
        self.distanceBasis = distanceBasis
        self.durationMinutes = durationMinutes
        self.departure = departure
        self.arrival = arrival
        self.ttwGrams = ttwGrams
        self.nonCO2Grams = nonCO2Grams
        self.wttGrams = wttGrams
        self.hubGrams = hubGrams
        self.groupTtwGrams = groupTtwGrams
        self.groupNonCO2Grams = groupNonCO2Grams
        self.groupWttGrams = groupWttGrams
        self.groupHubGrams = groupHubGrams
        self.vehicles = vehicles
        self.fareMinCents = fareMinCents
        self.fareMaxCents = fareMaxCents
        self.factorFile = factorFile
        self.factorLine = factorLine
        self.distanceEstimated = distanceEstimated
        self.durationEstimated = durationEstimated
        self.fareEstimated = fareEstimated
        self.factorEstimated = factorEstimated
        self.serviceUnconfirmed = serviceUnconfirmed
        self.footprintNotes = footprintNotes
    }

    /// Per person, with non-CO2 effects.
    public var totalGrams: Int { ttwGrams + nonCO2Grams + wttGrams + hubGrams }
    public var groupTotalGrams: Int { groupTtwGrams + groupNonCO2Grams + groupWttGrams + groupHubGrams }
}


/// A plan with its legs, outbound first, each direction in order.
public struct PlanDetail: Codable, Sendable, Equatable {
    public var plan: Plan
    public var legs: [PlanLeg]

    public init(plan: Plan, legs: [PlanLeg]) {
        self.plan = plan
        self.legs = legs
    }

    public func legs(_ direction: LegDirection) -> [PlanLeg] { legs.filter { $0.direction == direction } }
    /// Per person, both directions, with non-CO2 effects, in grams.
    public var totalGramsPerPerson: Int { legs.reduce(0) { $0 + $1.totalGrams } }
    public var groupTotalGrams: Int { legs.reduce(0) { $0 + $1.groupTotalGrams } }
}
