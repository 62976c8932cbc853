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
    /// Low-emission means of transport for the main part of the travel (the Programme Guide's "green travel"),
    /// as Trajet reads it: see `greenTravelReason`.
    public var greenTravel: Bool
    public var greenTravelReason: GreenTravelReason
    /// The green amount when the trip is green travel and the band has one, else the standard amount; nil when
    /// the partner country is not eligible for the action (no amount is shown or added for it).
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

/// Why a trip is, or is not, green travel in the Erasmus+ sense (Programme Guide glossary: "low-emissions means
/// of transport for the main part of the travel").
public enum GreenTravelReason: String, Codable, Sendable {
    /// No flight, and bus, train, ferry… cover more than half of the kilometres.
    case lowEmissionMainPart
    /// A leg is a flight: the plane is then the main means a coordinator would declare, whatever the kilometres.
    case flightLeg
    /// No flight, but taxis or private cars cover at least half of the kilometres.
    case mainPartNotLowEmission
    /// The plan has no legs.
    case noLegs
}

/// Why a trip is, or is not, low-carbon: decided on its emissions, not only on its kilometres.
public enum LowCarbonReason: String, Codable, Sendable {
    /// No flight leg, and low-emission modes (everything but taxis and private cars) make more than half of the CO2e.
    case noFlightMostlyLowEmission
    /// At least one flight leg (`flightCo2eShare` says how much of the trip's CO2e it makes).
    case flightLeg
    /// No flight, but taxis or private cars make at least half of the CO2e.
    case mostlyCarOrTaxi
    /// The plan has no legs.
    case noLegs
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
    /// See `LowCarbonReason` (reference/reporting.md §1 row 0; docs/methodology.md §8).
    public var lowCarbon: Bool
    public var lowCarbonReason: LowCarbonReason
    /// Share of the trip's CO2e (with non-CO2 effects) from flight legs, 0…1.
    public var flightCo2eShare: Double
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

/// A slice of the inventory (by organisation, partner, partner country, mode, category, direction, band).
public struct ReportTotal: Codable, Sendable, Equatable {
    /// Organisation id, partner id, country code, mode, `youth`/`leaders`, `outgoing`/`hosted`, or the band label.
    public var key: String
    /// The organisation's or partner's name (nil for the other breakdowns, whose keys the renderers translate).
    public var name: String?
    public var trips: Int
    public var travellers: Int
    public var passengerKm: Double
    public var passengerKmShare: Double
    public var co2eKg: Double
    public var co2eKgWithoutNonCO2: Double
    public var co2eShare: Double
}

/// One year of the trend (counted trips only). A year without a counted trip has no figures (nil), never zero:
/// Trajet does not know whether nobody travelled or nobody recorded the trips.
public struct YearTotal: Codable, Sendable, Equatable {
    public var year: Int
    public var trips: Int
    public var travellers: Int
    public var co2eKg: Double?
    public var co2eKgWithoutNonCO2: Double?
    public var co2eKgPerTraveller: Double?
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
    public var previousYearTrips: Int
    public var previousYearCo2eKgPerTraveller: Double?
    /// Change of the per-traveller figure: growth of the total can come from more travellers.
    public var changePerTravellerVsPreviousYearPercent: Double?
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

/// What the summary says in words, computed from the figures.
public struct ReportFindings: Codable, Sendable, Equatable {
    /// The mode with the largest share of the CO2e, with its share of passenger-km.
    public var largestMode: ModeFinding?
    /// The group of trips (same partner, same partner country) whose lowest-carbon option saves the most;
    /// nil when scenarios were not computed or no option saves anything.
    public var biggestLever: LeverFinding?
}

public struct ModeFinding: Codable, Sendable, Equatable {
    public var mode: TransportMode
    public var co2eShare: Double
    public var passengerKmShare: Double
}

public struct LeverFinding: Codable, Sendable, Equatable {
    public var partnerId: String
    public var partnerName: String
    public var countryCode: String
    public var trips: Int
    /// Inventory minus the lowest-carbon scenario of those trips (a scenario, never subtracted from the total).
    public var savedKg: Double
    public var shareOfTotal: Double
}

/// How far the headline could move: the same legs priced with each other loaded factor set (an approximation: each
/// factor row used is compared with the other set's rows of the same mode and unit, weighted by legs within a
/// mode), and the share resting on factors flagged ESTIMATE or PROXY.
public struct ReportUncertainty: Codable, Sendable, Equatable {
    public var co2eKgLow: Double
    public var co2eKgHigh: Double
    public var alternatives: [FactorSetAlternative]
    public var co2eShareFromEstimatedFactors: Double?
}

public struct FactorSetAlternative: Codable, Sendable, Equatable {
    public var factorSetId: String
    public var co2eKg: Double
}

/// An organisation's report beside the network's average per traveller, the same year.
public struct NetworkComparison: Codable, Sendable, Equatable {
    public var trips: Int
    public var travellers: Int
    public var co2eKg: Double
    public var co2eKgPerTraveller: Double?
}

/// The annual environmental report: the model every renderer draws from.
public struct AnnualReport: Codable, Sendable, Equatable {
    /// 2: `byDestination` became `byPartnerCountry`; `byOrganisation`, `byPartner`, `findings`, `uncertainty`, `network`
    /// added; `scenarios` and trend figures may be null (not computed, no data).
    public static let currentFormat = 2
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
    /// Network reports only (empty for one organisation).
    public var byOrganisation: [ReportTotal]
    public var byPartner: [ReportTotal]
    /// The partner's country: a group hosted in Belgium counts under its home country, not under "Belgium".
    public var byPartnerCountry: [ReportTotal]
    public var byMode: [ReportTotal]
    public var byCategory: [ReportTotal]
    public var byDirection: [ReportTotal]
    public var byFundingBand: [ReportTotal]
    /// Nil when not computed (`--no-scenarios`): no figure stands in for it.
    public var scenarios: ReportScenarios?
    public var findings: ReportFindings
    public var uncertainty: ReportUncertainty?
    /// Organisation reports only.
    public var network: NetworkComparison?
    public var dataQuality: DataQuality
    /// The report year and the four before it.
    public var trend: [YearTotal]
    public var factorAnnex: [FactorAnnexRow]
    public var travelSupportAnnex: [TravelSupportBand]

    public var isEmpty: Bool { trips.isEmpty && plannedTrips.isEmpty }
}
