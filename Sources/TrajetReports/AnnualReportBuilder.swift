import TrajetCore

/// What a report is computed against: the network (names, countries), the factor sets (the annex) and the
/// Erasmus+ travel-support rules.
public struct ReportSources: Sendable {
    public var network: Network
    public var factorSets: [FactorSetID: FactorSet]
    public var hubs: HubFactors?
    public var travelSupport: TravelSupportRules

    public init(
        network: Network, factorSets: [FactorSetID: FactorSet], hubs: HubFactors?, travelSupport: TravelSupportRules
    ) {
        self.network = network
        self.factorSets = factorSets
        self.hubs = hubs
        self.travelSupport = travelSupport
    }
}

/// Builds an `AnnualReport` from stored plans fed one at a time (memory stays flat for 100 000 plans).
///
/// Rules (reference/reporting.md §1): a trip counts in the year of its departure date; booked and travelled
/// trips make the inventory; planned trips are listed apart and never added; drafts and cancelled plans are left
/// out and counted. Plans of the four years before feed the trend only.
public struct AnnualReportBuilder {
    public static let countedStatuses: [PlanStatus] = [.booked, .travelled]
    public static let plannedStatuses: [PlanStatus] = [.planned]
    public static let trendYears = 5

    public let year: Int
    public let scope: ReportScope
    let sources: ReportSources

    private var trips: [TripLine] = []
    private var plannedTrips: [TripLine] = []
    private var excludedPlans = 0
    private var trendTotals: [Int: YearTotal] = [:]
    private var quality = DataQuality(
        legs: 0, legsWithEstimatedDistance: 0, legsWithEstimatedFare: 0, legsWithoutFare: 0, legsWithEstimatedFactor: 0,
        legsWithUnconfirmedService: 0, co2eShareFromEstimatedFactors: nil, travelledTrips: 0, bookedTrips: 0)
    private var estimatedFactorGrams = 0
    private var totalGrams = 0
    private var modeTotals: [TransportMode: Slice] = [:]
    private var annexUse: [AnnexKey: Int] = [:]
    private var factorSetTrips: [String: (version: String, trips: Int)] = [:]
    private var usesHubs = false

    /// Group grams and passenger-km, summed exactly (grams are integers).
    struct Slice {
        var trips = 0
        var travellers = 0
        var passengerKm = 0.0
        var grams = 0
        var gramsWithoutNonCO2 = 0
    }

    struct AnnexKey: Hashable {
        var factorSetId: String
        var factorSetVersion: String
        var file: String
        var line: Int
    }

    public init(year: Int, scope: ReportScope, sources: ReportSources) {
        self.year = year
        self.scope = scope
        self.sources = sources
    }

    /// The departure years to read: the report year and the ones the trend shows.
    public var yearsToRead: ClosedRange<Int> { (year - Self.trendYears + 1)...year }

    public mutating func add(_ detail: PlanDetail) {
        let plan = detail.plan
        if scope.kind == .organisation, plan.organisationId != scope.organisationId { return }
        guard let planYear = Int(plan.departDate.prefix(4)), yearsToRead.contains(planYear) else { return }
        let counted = Self.countedStatuses.contains(plan.status)
        if counted {
            var total = trendTotals[planYear] ?? YearTotal(year: planYear, trips: 0, travellers: 0, co2eKg: 0, co2eKgWithoutNonCO2: 0)
            let grams = detail.groupTotalGrams
            total.trips += 1
            total.travellers += plan.people
            // Summed in whole grams so the trend adds up exactly.
            let nonCO2 = detail.legs.reduce(0) { $0 + $1.groupNonCO2Grams }
            total.co2eKg = kg(Self.grams(total.co2eKg) + grams)
            total.co2eKgWithoutNonCO2 = kg(Self.grams(total.co2eKgWithoutNonCO2) + grams - nonCO2)
            trendTotals[planYear] = total
        }
        guard planYear == year else { return }
        if counted {
            trips.append(tripLine(detail))
            account(detail)
        } else if Self.plannedStatuses.contains(plan.status) {
            plannedTrips.append(tripLine(detail))
        } else {
            excludedPlans += 1
        }
    }

    /// Whether a plan is one of the report's counted trips (the per-leg CSV reads plans a second time).
    public func counts(_ plan: Plan) -> Bool {
        if scope.kind == .organisation, plan.organisationId != scope.organisationId { return false }
        return Self.countedStatuses.contains(plan.status) && Int(plan.departDate.prefix(4)) == year
    }

    /// The report's lines for a plan's legs.
    public func legLines(_ detail: PlanDetail) -> [ReportLeg] {
        let people = Double(detail.plan.people)
        return detail.legs.map { leg in
            ReportLeg(
                direction: leg.direction, position: leg.position, legId: leg.legId,
                mode: TransportMode(rawValue: leg.mode) ?? .walk, from: leg.fromPlaceId, to: leg.toPlaceId,
                departure: leg.departure, arrival: leg.arrival, distanceKm: leg.distanceKm,
                distanceBasis: leg.distanceBasis, passengerKm: leg.distanceKm * people, co2eKg: kg(leg.groupTotalGrams),
                co2eKgWithoutNonCO2: kg(leg.groupTotalGrams - leg.groupNonCO2Grams), factorFile: leg.factorFile,
                factorLine: leg.factorLine, distanceEstimated: leg.distanceEstimated, fareEstimated: leg.fareEstimated,
                factorEstimated: leg.factorEstimated, serviceUnconfirmed: leg.serviceUnconfirmed)
        }
    }

    /// Tallies what only the counted legs feed: modes, data quality, the factor annex.
    private mutating func account(_ detail: PlanDetail) {
        let plan = detail.plan
        if plan.status == .travelled { quality.travelledTrips += 1 } else { quality.bookedTrips += 1 }
        var entry = factorSetTrips[plan.factorSetId] ?? (plan.factorSetVersion, 0)
        entry.trips += 1
        factorSetTrips[plan.factorSetId] = entry
        var modesSeen = Set<TransportMode>()
        for leg in detail.legs {
            let grams = leg.groupTotalGrams
            totalGrams += grams
            quality.legs += 1
            if leg.distanceEstimated { quality.legsWithEstimatedDistance += 1 }
            if leg.fareEstimated { quality.legsWithEstimatedFare += 1 }
            if leg.fareMinCents == nil { quality.legsWithoutFare += 1 }
            if leg.factorEstimated {
                quality.legsWithEstimatedFactor += 1
                estimatedFactorGrams += grams
            }
            if leg.serviceUnconfirmed { quality.legsWithUnconfirmedService += 1 }
            if leg.groupHubGrams > 0 { usesHubs = true }
            let mode = TransportMode(rawValue: leg.mode) ?? .walk
            var slice = modeTotals[mode] ?? Slice()
            if modesSeen.insert(mode).inserted {
                slice.trips += 1
                slice.travellers += plan.people
            }
            slice.passengerKm += leg.distanceKm * Double(plan.people)
            slice.grams += grams
            slice.gramsWithoutNonCO2 += grams - leg.groupNonCO2Grams
            modeTotals[mode] = slice
            let key = AnnexKey(
                factorSetId: plan.factorSetId, factorSetVersion: plan.factorSetVersion, file: leg.factorFile,
                line: leg.factorLine)
            annexUse[key, default: 0] += 1
        }
    }

    private func place(_ id: String) -> ReportPlace {
        guard let place = sources.network.place(PlaceID(rawValue: id)) else {
            return ReportPlace(id: id, name: id, countryCode: "")
        }
        return ReportPlace(id: id, name: place.name, countryCode: place.countryCode)
    }

    private func tripLine(_ detail: PlanDetail) -> TripLine {
        let plan = detail.plan
        let origin = place(plan.originPlaceId)
        let destination = place(plan.destinationPlaceId)
        let partner = sources.network.partners[PartnerID(rawValue: plan.partnerId)]
        let direction: TripDirection = destination.countryCode == "BE" && origin.countryCode != "BE" ? .hosted : .outgoing
        let grams = detail.groupTotalGrams
        let nonCO2 = detail.legs.reduce(0) { $0 + $1.groupNonCO2Grams }
        var distanceByMode: [TransportMode: Double] = [:]
        var passengerKm = 0.0
        var estimated = 0
        for leg in detail.legs {
            let mode = TransportMode(rawValue: leg.mode) ?? .walk
            distanceByMode[mode, default: 0] += leg.distanceKm
            passengerKm += leg.distanceKm * Double(plan.people)
            if leg.distanceEstimated || leg.fareEstimated || leg.factorEstimated || leg.serviceUnconfirmed { estimated += 1 }
        }
        // Ties go to the mode listed first in TransportMode, so the choice does not depend on dictionary order.
        let mainMode = TransportMode.allCases.filter { distanceByMode[$0] != nil }
            .max { (distanceByMode[$0] ?? 0) < (distanceByMode[$1] ?? 0) }
        let lowCarbon = mainMode.map(Self.isLowCarbon) ?? false
        let daysOnSite = Self.daysOnSite(detail)
        let people = Double(max(plan.people, 1))
        let co2eKg = kg(grams)
        let perTravellerDay: Double? = daysOnSite.map { co2eKg / (people * Double($0)) }
        let funding = funding(
            detail, origin: origin, destination: destination, partnerCountry: partner?.countryCode, green: lowCarbon)
        return TripLine(
            planId: plan.id, organisationId: plan.organisationId, name: plan.name, partnerId: plan.partnerId,
            partnerName: partner?.name ?? plan.partnerId, direction: direction, status: plan.status, origin: origin,
            destination: destination, departDate: plan.departDate, returnDate: plan.returnDate,
            hasReturn: !detail.legs(.return).isEmpty, daysOnSite: daysOnSite, participants: plan.participants,
            leaders: plan.leaders, travellers: plan.people, minors: plan.minors, mainMode: mainMode, lowCarbon: lowCarbon,
            passengerKm: rounded(passengerKm, 1), co2eKg: co2eKg, co2eKgWithoutNonCO2: kg(grams - nonCO2),
            co2eKgPerTraveller: rounded(co2eKg / people, 3), co2eKgPerTravellerDay: perTravellerDay.map { rounded($0, 3) }, factorSetId: plan.factorSetId,
            factorSetVersion: plan.factorSetVersion, funding: funding, estimatedLegs: estimated,
            scenarioAllFlightCo2eKg: nil, scenarioLowestCarbonCo2eKg: nil)
    }

    /// Low-emission main means of transport, as the Programme Guide's "green travel" (bus, train, car-pooling…):
    /// anything but a plane, a taxi or a private car.
    static func isLowCarbon(_ mode: TransportMode) -> Bool { ![.flight, .taxi, .car].contains(mode) }

    /// From the day the group arrives to the day it leaves again, both counted.
    static func daysOnSite(_ detail: PlanDetail) -> Int? {
        let outbound = detail.legs(.outbound)
        let returning = detail.legs(.return)
        let arrival = day(outbound.last?.arrival) ?? CalendarDay(iso: detail.plan.departDate)
        let leaving = day(returning.first?.departure) ?? detail.plan.returnDate.flatMap { CalendarDay(iso: $0) }
        guard let arrival, let leaving else { return nil }
        return max(1, leaving.daysSinceEpoch - arrival.daysSinceEpoch + 1)
    }

    /// Calendar days spent travelling in one direction (first departure to last arrival, both counted).
    static func travelDays(_ legs: [PlanLeg]) -> Int {
        guard let start = day(legs.first?.departure), let end = day(legs.last?.arrival) else { return legs.isEmpty ? 0 : 1 }
        return max(1, end.daysSinceEpoch - start.daysSinceEpoch + 1)
    }

    /// The local date of an ISO 8601 local time (`2026-07-04T09:42+02:00`).
    static func day(_ timestamp: String?) -> CalendarDay? {
        guard let timestamp, timestamp.utf8.count >= 10 else { return nil }
        return CalendarDay(iso: String(timestamp.prefix(10)))
    }

    private func funding(
        _ detail: PlanDetail, origin: ReportPlace, destination: ReportPlace, partnerCountry: String?, green: Bool
    ) -> TripFunding {
        let plan = detail.plan
        let network = sources.network
        let straightLine = network.greatCircleKm(PlaceID(rawValue: origin.id), PlaceID(rawValue: destination.id)) ?? 0
        let band = sources.travelSupport.band(distanceKm: straightLine, callYear: year)
        let perParticipant = band.map { green ? ($0.greenEur ?? $0.standardEur) : $0.standardEur }
        var flags: [String] = []
        if let band, !band.flags.isEmpty { flags.append(band.flags) }
        let eligibility = partnerCountry.flatMap { sources.travelSupport.eligibility[$0] }
        if let eligibility, !eligibility.flags.isEmpty { flags.append(eligibility.flags) }
        return TripFunding(
            straightLineKm: straightLine, band: band?.label, bandLine: band?.line,
            standardEurPerParticipant: band?.standardEur, greenEurPerParticipant: band?.greenEur, greenTravel: green,
            eurPerParticipant: perParticipant, eurGroup: perParticipant.map { $0 * plan.people },
            travelDays: Self.travelDays(detail.legs(.outbound)) + Self.travelDays(detail.legs(.return)),
            fundedTravelDaysMax: green ? TravelSupportRules.fundedTravelDaysGreen : TravelSupportRules.fundedTravelDaysStandard,
            youthExchangeEligible: eligibility?.eligible, flags: flags)
    }

    /// Completes the report. `scenarios` prices each counted trip's alternatives (shown apart, never subtracted);
    /// without it the scenario lines are the inventory itself with no option found.
    public func finish(generatedAt: String, scenarios: (any TripScenarioEstimating)? = nil) -> AnnualReport {
        let order: (TripLine, TripLine) -> Bool = { ($0.departDate, $0.name, $0.planId) < ($1.departDate, $1.name, $1.planId) }
        var trips = trips.sorted(by: order)
        let planned = plannedTrips.sorted(by: order)
        let scenarioTotals = Self.applyScenarios(&trips, estimator: scenarios)

        let total = trips.reduce(into: Slice()) { slice, trip in
            slice.trips += 1
            slice.travellers += trip.travellers
            slice.passengerKm += trip.passengerKm
        }
        let grams = totalGrams
        let gramsWithoutNonCO2 = modeTotals.values.reduce(0) { $0 + $1.gramsWithoutNonCO2 }
        let travellerDays = trips.reduce(0) { $0 + ($1.daysOnSite.map { d in d } ?? 0) * $1.travellers }
        let withoutDays = trips.filter { $0.daysOnSite == nil }.count
        let kgWithDays = kg(trips.filter { $0.daysOnSite != nil }.reduce(0) { $0 + Self.grams($1.co2eKg) })
        let lowCarbon = trips.filter(\.lowCarbon).count
        let previous = trendTotals[year - 1]
        let totalKg = kg(grams)
        let biggest = trips.sorted { ($0.co2eKg, $1.planId) > ($1.co2eKg, $0.planId) }.prefix(3).map(\.planId)
        let summary = ReportSummary(
            trips: trips.count, participants: trips.reduce(0) { $0 + $1.participants },
            leaders: trips.reduce(0) { $0 + $1.leaders }, travellers: total.travellers, co2eKg: totalKg,
            co2eKgWithoutNonCO2: kg(gramsWithoutNonCO2),
            co2eKgPerTraveller: total.travellers > 0 ? rounded(totalKg / Double(total.travellers), 3) : nil,
            travellerDaysOnSite: travellerDays, tripsWithoutDaysOnSite: withoutDays,
            co2eKgPerTravellerDay: travellerDays > 0 ? rounded(kgWithDays / Double(travellerDays), 3) : nil,
            lowCarbonTrips: lowCarbon,
            lowCarbonTripShare: trips.isEmpty ? nil : rounded(Double(lowCarbon) / Double(trips.count), 6),
            previousYearCo2eKg: previous?.co2eKg,
            changeVsPreviousYearPercent: previous.flatMap { $0.co2eKg > 0 ? rounded((totalKg - $0.co2eKg) / $0.co2eKg * 100, 3) : nil },
            biggestTrips: Array(biggest), plannedTrips: planned.count,
            plannedCo2eKg: kg(planned.reduce(0) { $0 + Self.grams($1.co2eKg) }))

        var report = AnnualReport(
            format: AnnualReport.currentFormat, year: year, scope: scope, generatedAt: generatedAt, summary: summary,
            method: method(), trips: trips, plannedTrips: planned,
            byDestination: Self.totals(trips, key: { $0.destination.countryCode }, passengerKm: total.passengerKm, grams: grams),
            byMode: modeRows(totalPassengerKm: total.passengerKm, grams: grams),
            byCategory: categoryRows(trips, totalPassengerKm: total.passengerKm, grams: grams),
            byDirection: Self.totals(trips, key: { $0.direction.rawValue }, passengerKm: total.passengerKm, grams: grams),
            byFundingBand: Self.totals(trips, key: { $0.funding.band ?? "–" }, passengerKm: total.passengerKm, grams: grams),
            scenarios: scenarioTotals, dataQuality: quality, trend: trend(), factorAnnex: annex(),
            travelSupportAnnex: sources.travelSupport.bands.filter { $0.applies(toCallYear: year) })
        report.dataQuality.co2eShareFromEstimatedFactors =
            grams > 0 ? rounded(Double(estimatedFactorGrams) / Double(grams), 6) : nil
        return report
    }

    private static func applyScenarios(_ trips: inout [TripLine], estimator: (any TripScenarioEstimating)?) -> ReportScenarios {
        var allFlight = ScenarioTotal(co2eKg: 0, tripsWithOption: 0, tripsWithoutOption: 0, differenceKg: 0)
        var lowest = allFlight
        var inventory = 0.0
        for index in trips.indices {
            let trip = trips[index]
            inventory += trip.co2eKg
            let estimate = estimator?.estimate(trip) ?? ScenarioEstimate(allFlightCo2eKg: nil, lowestCarbonCo2eKg: nil)
            // A trip that flew is its own all-flight case; a trip that beats the planner's best keeps its figure.
            let flown = trip.mainMode == .flight ? trip.co2eKg : estimate.allFlightCo2eKg
            let best = estimate.lowestCarbonCo2eKg.map { min($0, trip.co2eKg) }
            trips[index].scenarioAllFlightCo2eKg = flown
            trips[index].scenarioLowestCarbonCo2eKg = best
            allFlight.co2eKg += flown ?? trip.co2eKg
            if flown != nil { allFlight.tripsWithOption += 1 } else { allFlight.tripsWithoutOption += 1 }
            lowest.co2eKg += best ?? trip.co2eKg
            if best != nil { lowest.tripsWithOption += 1 } else { lowest.tripsWithoutOption += 1 }
        }
        allFlight.co2eKg = rounded(allFlight.co2eKg, 3)
        lowest.co2eKg = rounded(lowest.co2eKg, 3)
        allFlight.differenceKg = rounded(allFlight.co2eKg - inventory, 3)
        lowest.differenceKg = rounded(lowest.co2eKg - inventory, 3)
        return ReportScenarios(allFlight: allFlight, lowestCarbon: lowest)
    }

    static func totals(
        _ trips: [TripLine], key: (TripLine) -> String, passengerKm: Double, grams totalGrams: Int
    ) -> [ReportTotal] {
        var slices: [String: Slice] = [:]
        for trip in trips {
            var slice = slices[key(trip)] ?? Slice()
            slice.trips += 1
            slice.travellers += trip.travellers
            slice.passengerKm += trip.passengerKm
            slice.grams += grams(trip.co2eKg)
            slice.gramsWithoutNonCO2 += grams(trip.co2eKgWithoutNonCO2)
            slices[key(trip)] = slice
        }
        return rows(slices, passengerKm: passengerKm, grams: totalGrams)
    }

    static func grams(_ kg: Double) -> Int { Int((kg * 1000).rounded()) }

    private static func rows(_ slices: [String: Slice], passengerKm: Double, grams: Int) -> [ReportTotal] {
        slices.map { key, slice in
            ReportTotal(
                key: key, trips: slice.trips, travellers: slice.travellers, passengerKm: rounded(slice.passengerKm, 1),
                passengerKmShare: passengerKm > 0 ? rounded(slice.passengerKm / passengerKm, 6) : 0, co2eKg: kg(slice.grams),
                co2eKgWithoutNonCO2: kg(slice.gramsWithoutNonCO2),
                co2eShare: grams > 0 ? rounded(Double(slice.grams) / Double(grams), 6) : 0)
        }
        .sorted { ($0.co2eKg, $1.key) > ($1.co2eKg, $0.key) }
    }

    private func modeRows(totalPassengerKm: Double, grams: Int) -> [ReportTotal] {
        Self.rows(
            Dictionary(uniqueKeysWithValues: modeTotals.map { ($0.key.rawValue, $0.value) }), passengerKm: totalPassengerKm,
            grams: grams)
    }

    /// Youth and leaders share each trip's figures in proportion to their numbers (one allocation per person).
    private func categoryRows(_ trips: [TripLine], totalPassengerKm: Double, grams: Int) -> [ReportTotal] {
        var youth = Slice()
        var leaders = Slice()
        for trip in trips {
            let tripGrams = Self.grams(trip.co2eKg)
            let tripWithout = Self.grams(trip.co2eKgWithoutNonCO2)
            let people = max(trip.travellers, 1)
            let youthGrams = tripGrams * trip.participants / people
            let youthWithout = tripWithout * trip.participants / people
            let youthShare = Double(trip.participants) / Double(people)
            if trip.participants > 0 { youth.trips += 1 }
            if trip.leaders > 0 { leaders.trips += 1 }
            youth.travellers += trip.participants
            leaders.travellers += trip.leaders
            youth.passengerKm += trip.passengerKm * youthShare
            leaders.passengerKm += trip.passengerKm - trip.passengerKm * youthShare
            youth.grams += youthGrams
            leaders.grams += tripGrams - youthGrams
            youth.gramsWithoutNonCO2 += youthWithout
            leaders.gramsWithoutNonCO2 += tripWithout - youthWithout
        }
        let rows = Self.rows(["youth": youth, "leaders": leaders], passengerKm: totalPassengerKm, grams: grams)
        return ["youth", "leaders"].compactMap { key in rows.first { $0.key == key } }
    }

    private func trend() -> [YearTotal] {
        yearsToRead.map { trendTotals[$0] ?? YearTotal(year: $0, trips: 0, travellers: 0, co2eKg: 0, co2eKgWithoutNonCO2: 0) }
    }

    private func method() -> ReportMethod {
        let sets = factorSetTrips.keys.sorted().map { id -> ReportFactorSet in
            let use = factorSetTrips[id]!
            guard let set = sources.factorSets[FactorSetID(rawValue: id)] else {
                return ReportFactorSet(
                    id: id, version: use.version, name: id, publisher: "", year: nil, licence: "", nonCO2Method: "",
                    nonCO2Multiplier: nil, flightDistanceBasis: "", flightDistanceMultiplier: nil, wttPublished: nil,
                    includesVehicleConstruction: nil, trips: use.trips, loaded: false)
            }
            return ReportFactorSet(
                id: id, version: use.version, name: set.name, publisher: set.publisher, year: set.year,
                licence: set.licence, nonCO2Method: set.rules.nonCO2Method.rawValue,
                nonCO2Multiplier: set.rules.nonCO2Multiplier, flightDistanceBasis: set.rules.flightDistanceBasis,
                flightDistanceMultiplier: set.rules.flightDistanceMultiplier, wttPublished: set.rules.wttPublished,
                includesVehicleConstruction: set.rules.includesVehicleConstruction, trips: use.trips, loaded: true)
        }
        return ReportMethod(
            countedStatuses: Self.countedStatuses, plannedStatuses: Self.plannedStatuses,
            excludedStatuses: PlanStatus.allCases.filter { !Self.countedStatuses.contains($0) && !Self.plannedStatuses.contains($0) },
            excludedPlans: excludedPlans, factorSets: sets,
            hubFactorKgPerPassenger: usesHubs ? sources.hubs?.airportKgPerPassenger : nil,
            hubFactorSource: usesHubs ? sources.hubs?.source : nil)
    }

    private func annex() -> [FactorAnnexRow] {
        annexUse.keys.sorted { ($0.factorSetId, $0.file, $0.line) < ($1.factorSetId, $1.file, $1.line) }.map { key in
            let set = sources.factorSets[FactorSetID(rawValue: key.factorSetId)]
            let factor = set?.factors.first { $0.line == key.line && set?.factorsFile == key.file }
            guard let factor else {
                return FactorAnnexRow(
                    factorSetId: key.factorSetId, factorSetVersion: key.factorSetVersion, file: key.file, line: key.line,
                    mode: "", variant: "", region: "", band: nil, unit: "", ttwKgPerUnit: nil,
                    ttwWithoutNonCO2KgPerUnit: nil, wttKgPerUnit: nil, proxy: false, estimate: false, reference: "",
                    source: "", legs: annexUse[key] ?? 0, found: false)
            }
            return FactorAnnexRow(
                factorSetId: key.factorSetId, factorSetVersion: key.factorSetVersion, file: key.file, line: key.line,
                mode: factor.mode.rawValue, variant: factor.variant.description, region: factor.region.description,
                band: factor.bandLabel, unit: factor.unit.rawValue, ttwKgPerUnit: factor.ttwKgPerUnit,
                ttwWithoutNonCO2KgPerUnit: factor.ttwWithoutNonCO2KgPerUnit, wttKgPerUnit: factor.wttKgPerUnit,
                proxy: factor.isProxy, estimate: factor.isEstimate, reference: factor.reference, source: factor.source,
                legs: annexUse[key] ?? 0, found: true)
        }
    }
}

func kg(_ grams: Int) -> Double { Double(grams) / 1000 }

/// Keeps JSON free of binary noise (`0.30000000000000004`): figures are rounded where they are made.
func rounded(_ value: Double, _ places: Int) -> Double {
    var scale = 1.0
    for _ in 0..<places { scale *= 10 }
    return (value * scale).rounded() / scale
}
