import TrajetCore

/// Whose trips a report covers.
public struct ReportScope: Codable, Sendable, Equatable {
    public enum Kind: String, Codable, Sendable { case organisation, network }
    public var kind: Kind
    /// The organisation (kind `organisation`), nil for the whole network.
    public var organisationId: String?
    public var organisationName: String?

    public static let network = ReportScope(kind: .network)
    public static func organisation(id: String, name: String) -> ReportScope {
        ReportScope(kind: .organisation, organisationId: id, organisationName: name)
    }

    public init(kind: Kind, organisationId: String? = nil, organisationName: String? = nil) {
        self.kind = kind
        self.organisationId = organisationId
        self.organisationName = organisationName
    }
}

/// Belgian groups going out, or partner groups hosted in Belgium (reciprocity): both counted, shown apart.
public enum TripDirection: String, Codable, Sendable, CaseIterable {
    case outgoing
    case hosted
}

/// A place as the report names it.
public struct ReportPlace: Codable, Sendable, Equatable {
    public var id: String
    public var name: String
    public var countryCode: String
}

/// One leg of a counted trip, with the group's CO2e: the CSV has one row per leg. Legs are not kept in the
/// report model (100 000 plans hold a million legs); renderers get them from a second pass over the plans.
public struct ReportLeg: Codable, Sendable, Equatable {
    public var direction: LegDirection
    public var position: Int
    public var legId: String
    public var mode: TransportMode
    public var from: String
    public var to: String
    public var departure: String
    public var arrival: String
    public var distanceKm: Double
    public var distanceBasis: String
    public var passengerKm: Double
    /// Whole group, with non-CO2 effects.
    public var co2eKg: Double
    public var co2eKgWithoutNonCO2: Double
    public var factorFile: String
    public var factorLine: Int
    public var distanceEstimated: Bool
    public var fareEstimated: Bool
    public var factorEstimated: Bool
    public var serviceUnconfirmed: Bool
}

/// What a trip means for Erasmus+ travel support (reference/reporting.md §2): the grant distance is the
/// straight line between origin and venue, one way, and is kept apart from the emissions distance.
public struct TripFunding: Codable, Sendable, Equatable {
    public var straightLineKm: Double
    public var band: String?
    /// Line of `funding/erasmus-plus-travel-bands.csv`.
    public var bandLine: Int?
    public var standardEurPerParticipant: Int?
    public var greenEurPerParticipant: Int?
    /// Main means of transport is low-emission (the Programme Guide's "green travel").
    public var greenTravel: Bool
    /// The green amount when the trip is green travel and the band has one, else the standard amount.
    public var eurPerParticipant: Int?
    public var eurGroup: Int?
    /// Days spent travelling, both ways, against the funded maximum (6 green, 2 otherwise).
    public var travelDays: Int
    public var fundedTravelDaysMax: Int
    /// KA152 youth-exchange eligibility of the partner country; nil when the dataset does not list it.
    public var youthExchangeEligible: Bool?
    /// UNCONFIRMED flags of the band and eligibility rows.
    public var flags: [String]
    /// The band's amounts, or the country's eligibility, carry an UNCONFIRMED flag in the dataset.
    public var bandUnconfirmed: Bool
    public var eligibilityUnconfirmed: Bool
}

/// One trip (a plan) in the report.
public struct TripLine: Codable, Sendable, Equatable {
    public var planId: String
    public var organisationId: String
    public var name: String
    public var partnerId: String
    public var partnerName: String
    public var direction: TripDirection
    public var status: PlanStatus
    public var origin: ReportPlace
    public var destination: ReportPlace
    public var departDate: String
    public var returnDate: String?
    /// The plan has return legs (the trip's figures cover both ways).
    public var hasReturn: Bool
    /// Calendar days from arrival to the day the group leaves again, both counted; nil without a return.
    public var daysOnSite: Int?
    public var participants: Int
    public var leaders: Int
    public var travellers: Int
    public var minors: Bool
    /// The mode that covers the most kilometres.
    public var mainMode: TransportMode?
    public var lowCarbon: Bool
    public var passengerKm: Double
    public var co2eKg: Double
    public var co2eKgWithoutNonCO2: Double
    public var co2eKgPerTraveller: Double
    public var co2eKgPerTravellerDay: Double?
    public var factorSetId: String
    public var factorSetVersion: String
    public var funding: TripFunding
    /// Legs with an estimated distance, fare or factor, or an unconfirmed service.
    public var estimatedLegs: Int
    /// Scenario figures for this trip (never part of the totals); nil when no such option was found.
    public var scenarioAllFlightCo2eKg: Double?
    public var scenarioLowestCarbonCo2eKg: Double?
}

/// A slice of the inventory (by destination, mode, category, direction, band).
public struct ReportTotal: Codable, Sendable, Equatable {
    /// Country code, mode, `youth`/`leaders`, `outgoing`/`hosted`, or the band label.
    public var key: String
    public var trips: Int
    public var travellers: Int
    public var passengerKm: Double
    public var passengerKmShare: Double
    public var co2eKg: Double
    public var co2eKgWithoutNonCO2: Double
    public var co2eShare: Double
}

/// One year of the trend (counted trips only).
public struct YearTotal: Codable, Sendable, Equatable {
    public var year: Int
    public var trips: Int
    public var travellers: Int
    public var co2eKg: Double
    public var co2eKgWithoutNonCO2: Double
}

/// The headline figures.
public struct ReportSummary: Codable, Sendable, Equatable {
    public var trips: Int
    public var participants: Int
    public var leaders: Int
    public var travellers: Int
    /// With non-CO2 effects: the headline.
    public var co2eKg: Double
    /// CO2e without aviation's non-CO2 effects, shown beside the headline.
    public var co2eKgWithoutNonCO2: Double
    public var co2eKgPerTraveller: Double?
    public var travellerDaysOnSite: Int
    public var tripsWithoutDaysOnSite: Int
    public var co2eKgPerTravellerDay: Double?
    public var lowCarbonTrips: Int
    public var lowCarbonTripShare: Double?
    public var previousYearCo2eKg: Double?
    public var changeVsPreviousYearPercent: Double?
    /// Plan ids of the three largest trips.
    public var biggestTrips: [String]
    public var plannedTrips: Int
    public var plannedCo2eKg: Double
}

/// A factor set used by the counted trips, with what the reader must know to check it.
public struct ReportFactorSet: Codable, Sendable, Equatable {
    public var id: String
    public var version: String
    public var name: String
    public var publisher: String
    public var year: Int?
    public var licence: String
    public var nonCO2Method: String
    public var nonCO2Multiplier: Double?
    public var flightDistanceBasis: String
    public var flightDistanceMultiplier: Double?
    public var wttPublished: Bool?
    public var includesVehicleConstruction: Bool?
    public var trips: Int
    /// False when the datasets no longer hold this set: the stored figures are reported as saved.
    public var loaded: Bool
}

/// Scope and method, for the reader who checks.
public struct ReportMethod: Codable, Sendable, Equatable {
    public var countedStatuses: [PlanStatus]
    public var plannedStatuses: [PlanStatus]
    public var excludedStatuses: [PlanStatus]
    public var excludedPlans: Int
    public var factorSets: [ReportFactorSet]
    public var hubFactorKgPerPassenger: Double?
    public var hubFactorSource: String?
}

/// One scenario total, next to (never subtracted from) the inventory.
public struct ScenarioTotal: Codable, Sendable, Equatable {
    public var co2eKg: Double
    /// Trips for which the planner found such an option; the others keep their own figure.
    public var tripsWithOption: Int
    public var tripsWithoutOption: Int
    /// Scenario minus inventory: what the choice of mode changed, for information only.
    public var differenceKg: Double
}

public struct ReportScenarios: Codable, Sendable, Equatable {
    public var allFlight: ScenarioTotal
    public var lowestCarbon: ScenarioTotal
}

/// How much of the inventory rests on estimates.
public struct DataQuality: Codable, Sendable, Equatable {
    public var legs: Int
    public var legsWithEstimatedDistance: Int
    public var legsWithEstimatedFare: Int
    public var legsWithoutFare: Int
    public var legsWithEstimatedFactor: Int
    public var legsWithUnconfirmedService: Int
    public var co2eShareFromEstimatedFactors: Double?
    public var travelledTrips: Int
    public var bookedTrips: Int
}

/// A factor row used by the counted legs (the annex): value, unit, source, version.
public struct FactorAnnexRow: Codable, Sendable, Equatable {
    public var factorSetId: String
    public var factorSetVersion: String
    public var file: String
    public var line: Int
    public var mode: String
    public var variant: String
    public var region: String
    public var band: String?
    public var unit: String
    public var ttwKgPerUnit: Double?
    public var ttwWithoutNonCO2KgPerUnit: Double?
    public var wttKgPerUnit: Double?
    public var proxy: Bool
    public var estimate: Bool
    public var reference: String
    public var source: String
    public var legs: Int
    /// False when the row is no longer in the loaded datasets.
    public var found: Bool
}

/// The annual environmental report: the model every renderer draws from.
public struct AnnualReport: Codable, Sendable, Equatable {
    public static let currentFormat = 1
    public var format: Int
    public var year: Int
    public var scope: ReportScope
    public var generatedAt: String
    public var summary: ReportSummary
    public var method: ReportMethod
    /// Booked and travelled trips, by departure date.
    public var trips: [TripLine]
    /// Planned trips: shown apart, not in any total.
    public var plannedTrips: [TripLine]
    public var byDestination: [ReportTotal]
    public var byMode: [ReportTotal]
    public var byCategory: [ReportTotal]
    public var byDirection: [ReportTotal]
    public var byFundingBand: [ReportTotal]
    public var scenarios: ReportScenarios
    public var dataQuality: DataQuality
    /// The report year and the four before it.
    public var trend: [YearTotal]
    public var factorAnnex: [FactorAnnexRow]
    public var travelSupportAnnex: [TravelSupportBand]

    public var isEmpty: Bool { trips.isEmpty && plannedTrips.isEmpty }
}
