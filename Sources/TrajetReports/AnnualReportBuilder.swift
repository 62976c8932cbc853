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
    /// Counted trips per departure year, in whole grams (the trend and the change against last year).
    private var trendTotals: [Int: Slice] = [:]
    private var quality = DataQuality(
        legs: 0, legsWithEstimatedDistance: 0, legsWithEstimatedFare: 0, legsWithoutFare: 0, legsWithEstimatedFactor: 0,
        legsWithUnconfirmedService: 0, co2eShareFromEstimatedFactors: nil, travelledTrips: 0, bookedTrips: 0)
    private var estimatedFactorGrams = 0
    private var totalGrams = 0
    private var modeTotals: [TransportMode: Slice] = [:]
    private var annexSources: [AnnexKey] = []
    private var annexLines: [[Int: Int]] = []
    private var factorSetTrips: [String: (version: String, trips: Int)] = [:]
    private var usesHubs = false
    /// Every organisation's counted trips of the year (an organisation's report compares with the network).
    private var networkSlice = Slice()
    /// Counted legs' distance per mode (one person): the average leg picks a distance band for the range.
    private var modeDistanceKm: [String: Double] = [:]
    /// Organisation id → name (the query fills it from the store).
    public var organisationNames: [String: String] = [:]
    private var placeCache: [String: ReportPlace] = [:]
    private var distanceCache: [PairKey: Double] = [:]
    private var flagsCache: [PairKey: [String]] = [:]

    /// Group grams and passenger-km, summed exactly (grams are integers).
    struct Slice {
        var trips = 0
        var travellers = 0
        var passengerKm = 0.0
        var grams = 0
        var gramsWithoutNonCO2 = 0

        mutating func add(travellers: Int, passengerKm: Double, grams: Int, gramsWithoutNonCO2: Int) {
            trips += 1
            self.travellers += travellers
            self.passengerKm += passengerKm
            self.grams += grams
            self.gramsWithoutNonCO2 += gramsWithoutNonCO2
        }
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
    public var yearsToRead: ClosedRange<Int> { Self.yearsToRead(year) }

    /// The departure years a report of `year` reads (known before any dataset is loaded).
    public static func yearsToRead(_ year: Int) -> ClosedRange<Int> { (year - trendYears + 1)...year }

    public mutating func add(_ detail: PlanDetail) { add(detail.plan, summary: PlanSummary(detail)) }

    /// A plan with its legs' summary (what the store keeps, so a report need not read every leg).
    public mutating func add(_ plan: Plan, summary: PlanSummary) {
        guard let planYear = Int(plan.departDate.prefix(4)), yearsToRead.contains(planYear) else { return }
        let counted = Self.countedStatuses.contains(plan.status)
        if counted, planYear == year {
            networkSlice.trips += 1
            networkSlice.travellers += plan.people
            networkSlice.grams += summary.grams
        }
        if scope.kind == .organisation, plan.organisationId != scope.organisationId { return }
        if counted {
            trendTotals[planYear, default: Slice()].trips += 1
            trendTotals[planYear, default: Slice()].travellers += plan.people
            trendTotals[planYear, default: Slice()].grams += summary.grams
            trendTotals[planYear, default: Slice()].gramsWithoutNonCO2 += summary.grams - summary.nonCO2Grams
        }
        guard planYear == year else { return }
        if counted {
            trips.append(tripLine(plan, summary))
            account(plan, summary)
        } else if Self.plannedStatuses.contains(plan.status) {
            plannedTrips.append(tripLine(plan, summary))
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
    private mutating func account(_ plan: Plan, _ summary: PlanSummary) {
        if plan.status == .travelled { quality.travelledTrips += 1 } else { quality.bookedTrips += 1 }
        var entry = factorSetTrips[plan.factorSetId] ?? (plan.factorSetVersion, 0)
        entry.trips += 1
        factorSetTrips[plan.factorSetId] = entry
        totalGrams += summary.grams
        quality.legs += summary.legs
        quality.legsWithEstimatedDistance += summary.legsWithEstimatedDistance
        quality.legsWithEstimatedFare += summary.legsWithEstimatedFare
        quality.legsWithoutFare += summary.legsWithoutFare
        quality.legsWithEstimatedFactor += summary.legsWithEstimatedFactor
        quality.legsWithUnconfirmedService += summary.legsWithUnconfirmedService
        estimatedFactorGrams += summary.estimatedFactorGrams
        if summary.hubGrams > 0 { usesHubs = true }
        let people = Double(plan.people)
        for use in summary.modes {
            modeDistanceKm[use.mode.rawValue, default: 0] += use.distanceKm
            var slice = modeTotals[use.mode] ?? Slice()
            slice.trips += 1
            slice.travellers += plan.people
            slice.passengerKm += use.distanceKm * people
            slice.grams += use.grams
            slice.gramsWithoutNonCO2 += use.grams - use.nonCO2Grams
            modeTotals[use.mode] = slice
        }
        for use in summary.factors {
            // A handful of (set, version, file) triples, compared with == (the strings are shared, so this is
            // mostly a pointer check), then the line as an integer key: hashing the long file and version strings
            // for every factor row of 100 000 plans was measurable.
            let source: Int
            if let found = annexSources.firstIndex(where: {
                $0.file == use.file && $0.factorSetId == plan.factorSetId && $0.factorSetVersion == plan.factorSetVersion
            }) {
                source = found
            } else {
                annexSources.append(
                    AnnexKey(factorSetId: plan.factorSetId, factorSetVersion: plan.factorSetVersion, file: use.file, line: 0))
                annexLines.append([:])
                source = annexSources.count - 1
            }
            annexLines[source][use.line, default: 0] += use.legs
        }
    }

    private mutating func place(_ id: String) -> ReportPlace {
        if let known = placeCache[id] { return known }
        let found = sources.network.place(PlaceID(rawValue: id)).map {
            ReportPlace(id: id, name: $0.name, countryCode: $0.countryCode)
        } ?? ReportPlace(id: id, name: id, countryCode: "")
        placeCache[id] = found
        return found
    }

    private mutating func tripLine(_ plan: Plan, _ summary: PlanSummary) -> TripLine {
        let origin = place(plan.originPlaceId)
        let destination = place(plan.destinationPlaceId)
        let partner = sources.network.partners[PartnerID(rawValue: plan.partnerId)]
        let direction: TripDirection = destination.countryCode == "BE" && origin.countryCode != "BE" ? .hosted : .outgoing
        let grams = summary.grams
        let mainMode = summary.mainMode
        let classes = Self.classify(summary)
        let lowCarbon = classes.lowCarbon == .noFlightMostlyLowEmission
        let daysOnSite = Self.daysOnSite(plan, summary)
        let people = Double(max(plan.people, 1))
        let co2eKg = kg(grams)
        let perTravellerDay: Double? = daysOnSite.map { co2eKg / (people * Double($0)) }
        let funding = funding(
            plan, summary, origin: origin, destination: destination, partnerCountry: partner?.countryCode,
            green: classes.green)
        return TripLine(
            planId: plan.id, organisationId: plan.organisationId, name: plan.name, partnerId: plan.partnerId,
            partnerName: partner?.name ?? plan.partnerId, direction: direction, status: plan.status, origin: origin,
            destination: destination, departDate: plan.departDate, returnDate: plan.returnDate,
            hasReturn: summary.returnLegs > 0, daysOnSite: daysOnSite, participants: plan.participants,
            leaders: plan.leaders, travellers: plan.people, minors: plan.minors, mainMode: mainMode, lowCarbon: lowCarbon,
            lowCarbonReason: classes.lowCarbon, flightCo2eShare: classes.flightShare,
            passengerKm: rounded(summary.distanceKm * Double(plan.people), 1), co2eKg: co2eKg,
            co2eKgWithoutNonCO2: kg(grams - summary.nonCO2Grams), co2eKgPerTraveller: rounded(co2eKg / people, 3),
            co2eKgPerTravellerDay: perTravellerDay.map { rounded($0, 3) }, factorSetId: plan.factorSetId,
            factorSetVersion: plan.factorSetVersion, funding: funding, estimatedLegs: summary.estimatedLegs,
            scenarioAllFlightCo2eKg: nil, scenarioLowestCarbonCo2eKg: nil)
    }

    /// Low-emission means of transport, as the Programme Guide's "green travel" lists them (bus, train,
    /// car-pooling…): anything but a plane, a taxi or a private car.
    static func isLowCarbon(_ mode: TransportMode) -> Bool { ![.flight, .taxi, .car].contains(mode) }

    /// The two classes of a trip, on its legs' kilometres and grams (docs/methodology.md §8):
    /// - low-carbon: no flight leg, and low-emission modes make more than half of the CO2e;
    /// - green travel: no flight leg, and low-emission modes cover more than half of the kilometres. A trip with a
    ///   flight is not claimed as green travel even when its rail kilometres are longer: its flight dominates its
    ///   emissions, and a coordinator would declare the plane as the main means of transport.
    static func classify(_ summary: PlanSummary) -> (lowCarbon: LowCarbonReason, green: GreenTravelReason, flightShare: Double) {
        guard summary.legs > 0, !summary.modes.isEmpty else { return (.noLegs, .noLegs, 0) }
        var flightGrams = 0
        var flightKm = 0.0
        var lowGrams = 0
        var lowKm = 0.0
        var totalKm = 0.0
        var totalGrams = 0
        for use in summary.modes {
            totalKm += use.distanceKm
            totalGrams += use.grams
            if use.mode == .flight {
                flightGrams += use.grams
                flightKm += use.distanceKm
            } else if isLowCarbon(use.mode) {
                lowGrams += use.grams
                lowKm += use.distanceKm
            }
        }
        let flightShare = totalGrams > 0 ? rounded(Double(flightGrams) / Double(totalGrams), 6) : 0
        let hasFlight = flightKm > 0 || flightGrams > 0
        let lowCarbon: LowCarbonReason =
            hasFlight ? .flightLeg : (totalGrams == 0 || lowGrams * 2 > totalGrams ? .noFlightMostlyLowEmission : .mostlyCarOrTaxi)
        let green: GreenTravelReason =
            hasFlight ? .flightLeg : (lowKm * 2 > totalKm ? .lowEmissionMainPart : .mainPartNotLowEmission)
        return (lowCarbon, green, flightShare)
    }

    /// From the day the group arrives to the day it leaves again, both counted.
    static func daysOnSite(_ plan: Plan, _ summary: PlanSummary) -> Int? {
        let arrival = CalendarDay(iso: summary.outboundArrivalDay ?? plan.departDate)
        let leaving = (summary.returnDepartureDay ?? plan.returnDate).flatMap { CalendarDay(iso: $0) }
        guard let arrival, let leaving else { return nil }
        return max(1, leaving.daysSinceEpoch - arrival.daysSinceEpoch + 1)
    }

    /// Calendar days spent travelling in one direction (first departure to last arrival, both counted).
    static func travelDays(from first: String?, to last: String?, legs: Int) -> Int {
        guard let start = first.flatMap({ CalendarDay(iso: $0) }), let end = last.flatMap({ CalendarDay(iso: $0) }) else {
            return legs == 0 ? 0 : 1
        }
        return max(1, end.daysSinceEpoch - start.daysSinceEpoch + 1)
    }

    struct PairKey: Hashable {
        var a: String
        var b: String
    }

    private mutating func straightLineKm(_ origin: String, _ destination: String) -> Double {
        let key = PairKey(a: origin, b: destination)
        if let known = distanceCache[key] { return known }
        let km = sources.network.greatCircleKm(PlaceID(rawValue: origin), PlaceID(rawValue: destination)) ?? 0
        distanceCache[key] = km
        return km
    }

    private mutating func funding(
        _ plan: Plan, _ summary: PlanSummary, origin: ReportPlace, destination: ReportPlace, partnerCountry: String?,
        green reason: GreenTravelReason
    ) -> TripFunding {
        let green = reason == .lowEmissionMainPart
        let straightLine = straightLineKm(origin.id, destination.id)
        let band = sources.travelSupport.band(distanceKm: straightLine, callYear: year)
        let eligibility = partnerCountry.flatMap { sources.travelSupport.eligibility[$0] }
        // A country the dataset marks not eligible gets no amount: showing one would promise a grant the action
        // does not give (and add it to the totals).
        let perParticipant =
            eligibility?.eligible == false ? nil : band.map { green ? ($0.greenEur ?? $0.standardEur) : $0.standardEur }
        let flagsKey = PairKey(a: String(band?.line ?? 0), b: partnerCountry ?? "")
        let flags: [String]
        if let known = flagsCache[flagsKey] {
            flags = known  // one shared array for every trip with the same band and country
        } else {
            var made: [String] = []
            if let band, !band.flags.isEmpty { made.append(band.flags) }
            if let eligibility, !eligibility.flags.isEmpty { made.append(eligibility.flags) }
            flagsCache[flagsKey] = made
            flags = made
        }
        return TripFunding(
            straightLineKm: rounded(straightLine, 3), band: band?.label, bandLine: band?.line,
            standardEurPerParticipant: band?.standardEur, greenEurPerParticipant: band?.greenEur, greenTravel: green,
            greenTravelReason: reason,
            eurPerParticipant: perParticipant, eurGroup: perParticipant.map { $0 * plan.people },
            travelDays: Self.travelDays(
                from: summary.outboundDepartureDay, to: summary.outboundArrivalDay, legs: summary.legs - summary.returnLegs)
                + Self.travelDays(from: summary.returnDepartureDay, to: summary.returnArrivalDay, legs: summary.returnLegs),
            fundedTravelDaysMax: green ? TravelSupportRules.fundedTravelDaysGreen : TravelSupportRules.fundedTravelDaysStandard,
            youthExchangeEligible: eligibility?.eligible, flags: flags,
            bandUnconfirmed: !(band?.flags.isEmpty ?? true), eligibilityUnconfirmed: !(eligibility?.flags.isEmpty ?? true))
    }

    /// Completes the report. `scenarios` prices each counted trip's alternatives (shown apart, never subtracted);
    /// without it the report says the scenarios were not computed (nil), and names no lever.
    ///
    /// Mutating so the trip lines are sorted in place, not copied (100 000 of them in the benchmark); a builder
    /// may finish more than once.
    public mutating func finish(generatedAt: String, scenarios: (any TripScenarioEstimating)? = nil) -> AnnualReport {
        Self.sortByDate(&trips)
        Self.sortByDate(&plannedTrips)
        let planned = plannedTrips
        let scenarioTotals = Self.applyScenarios(&trips, estimator: scenarios)
        let trips = trips

        let total = trips.reduce(into: Slice()) { slice, trip in
            slice.trips += 1
            slice.travellers += trip.travellers
            slice.passengerKm += trip.passengerKm
        }
        let grams = totalGrams
        let gramsWithoutNonCO2 = modeTotals.values.reduce(0) { $0 + $1.gramsWithoutNonCO2 }
        let travellerDays = trips.reduce(0) { $0 + ($1.daysOnSite.map { d in d } ?? 0) * $1.travellers }
        // Counted in loops: `filter` would copy every (large) trip line.
        var withoutDays = 0
        var gramsWithDays = 0
        var lowCarbon = 0
        for index in trips.indices {
            if trips[index].daysOnSite == nil {
                withoutDays += 1
            } else {
                gramsWithDays += Self.grams(trips[index].co2eKg)
            }
            if trips[index].lowCarbon { lowCarbon += 1 }
        }
        let kgWithDays = kg(gramsWithDays)
        let previous = trendTotals[year - 1].flatMap { $0.trips > 0 ? Self.yearTotal(year - 1, $0) : nil }
        let totalKg = kg(grams)
        let biggest = Self.largest(trips, count: 3)
        let perTraveller = total.travellers > 0 ? rounded(totalKg / Double(total.travellers), 3) : nil
        func change(_ now: Double?, _ before: Double?) -> Double? {
            guard let now, let before, before > 0 else { return nil }
            return rounded((now - before) / before * 100, 3)
        }
        let summary = ReportSummary(
            trips: trips.count, participants: trips.reduce(0) { $0 + $1.participants },
            leaders: trips.reduce(0) { $0 + $1.leaders }, travellers: total.travellers, co2eKg: totalKg,
            co2eKgWithoutNonCO2: kg(gramsWithoutNonCO2), co2eKgPerTraveller: perTraveller,
            travellerDaysOnSite: travellerDays, tripsWithoutDaysOnSite: withoutDays,
            co2eKgPerTravellerDay: travellerDays > 0 ? rounded(kgWithDays / Double(travellerDays), 3) : nil,
            lowCarbonTrips: lowCarbon,
            lowCarbonTripShare: trips.isEmpty ? nil : rounded(Double(lowCarbon) / Double(trips.count), 6),
            previousYearCo2eKg: previous?.co2eKg,
            changeVsPreviousYearPercent: trips.isEmpty ? nil : change(totalKg, previous?.co2eKg),
            previousYearTrips: previous?.trips ?? 0, previousYearCo2eKgPerTraveller: previous?.co2eKgPerTraveller,
            changePerTravellerVsPreviousYearPercent: change(perTraveller, previous?.co2eKgPerTraveller),
            biggestTrips: Array(biggest), plannedTrips: planned.count,
            plannedCo2eKg: kg(planned.reduce(0) { $0 + Self.grams($1.co2eKg) }))

        let byMode = modeRows(totalPassengerKm: total.passengerKm, grams: grams)
        let annexRows = annex()
        let slices = breakdowns(trips)
        func rows(_ slices: [String: Slice]) -> [ReportTotal] {
            Self.rows(slices, passengerKm: total.passengerKm, grams: grams)
        }
        let categories = rows(["youth": slices.youth, "leaders": slices.leaders])
        var report = AnnualReport(
            format: AnnualReport.currentFormat, year: year, scope: scope, generatedAt: generatedAt, summary: summary,
            method: method(), trips: trips, plannedTrips: planned,
            byOrganisation: scope.kind == .network
                ? rows(slices.organisation).map { row in
                    var row = row
                    row.name = organisationNames[row.key] ?? row.key
                    return row
                } : [],
            byPartner: rows(slices.partner).map { row in
                var row = row
                row.name = slices.partnerNames[row.key] ?? row.key
                return row
            },
            byPartnerCountry: rows(slices.partnerCountry),
            byMode: byMode,
            byCategory: ["youth", "leaders"].compactMap { key in categories.first { $0.key == key } },
            byDirection: rows(slices.direction),
            byFundingBand: rows(slices.fundingBand),
            scenarios: scenarioTotals, findings: ReportFindings(largestMode: nil, biggestLever: nil), uncertainty: nil,
            network: scope.kind == .organisation
                ? NetworkComparison(
                    trips: networkSlice.trips, travellers: networkSlice.travellers, co2eKg: kg(networkSlice.grams),
                    co2eKgPerTraveller: networkSlice.travellers > 0
                        ? rounded(kg(networkSlice.grams) / Double(networkSlice.travellers), 3) : nil)
                : nil,
            dataQuality: quality, trend: trend(), factorAnnex: annexRows,
            travelSupportAnnex: sources.travelSupport.bands.filter { $0.applies(toCallYear: year) })
        report.dataQuality.co2eShareFromEstimatedFactors =
            grams > 0 ? rounded(Double(estimatedFactorGrams) / Double(grams), 6) : nil
        report.findings = ReportFindings(
            largestMode: byMode.first.flatMap { row in
                TransportMode(rawValue: row.key).map {
                    ModeFinding(mode: $0, co2eShare: row.co2eShare, passengerKmShare: row.passengerKmShare)
                }
            },
            biggestLever: scenarioTotals == nil ? nil : Self.biggestLever(trips, totalKg: totalKg))
        report.uncertainty =
            trips.isEmpty
            ? nil : uncertainty(totalKg: totalKg, annex: annexRows, estimatedShare: report.dataQuality.co2eShareFromEstimatedFactors)
        return report
    }

    /// The partner's side of a trip: the destination of an outgoing group, the origin of a hosted one.
    static func partnerSide(_ trip: TripLine) -> ReportPlace { trip.direction == .hosted ? trip.origin : trip.destination }

    /// The slices of every breakdown (organisation, partner, partner country, direction, funding band, youth and
    /// leaders), summed in one pass.
    struct Breakdowns {
        var organisation: [String: Slice] = [:]
        var partner: [String: Slice] = [:]
        /// The name each partner id had on its first trip (in date order).
        var partnerNames: [String: String] = [:]
        var partnerCountry: [String: Slice] = [:]
        var direction: [String: Slice] = [:]
        var fundingBand: [String: Slice] = [:]
        var youth = Slice()
        var leaders = Slice()
    }

    /// Reads the trips by index: `for trip in trips` copied each large trip line (retaining and releasing its
    /// dozen strings) once per breakdown: the breakdowns took a quarter of a second of a 75 000-trip report.
    func breakdowns(_ trips: [TripLine]) -> Breakdowns {
        var b = Breakdowns()
        var countries: [String: String] = [:]
        for index in trips.indices {
            let travellers = trips[index].travellers
            let passengerKm = trips[index].passengerKm
            let tripGrams = Self.grams(trips[index].co2eKg)
            let tripWithout = Self.grams(trips[index].co2eKgWithoutNonCO2)
            func add(_ slices: inout [String: Slice], _ key: String) {
                slices[key, default: Slice()].add(
                    travellers: travellers, passengerKm: passengerKm, grams: tripGrams, gramsWithoutNonCO2: tripWithout)
            }
            let partnerId = trips[index].partnerId
            add(&b.organisation, trips[index].organisationId)
            add(&b.partner, partnerId)
            if b.partnerNames[partnerId] == nil { b.partnerNames[partnerId] = trips[index].partnerName }
            let country: String
            if let known = countries[partnerId] {
                country = known
            } else {
                country =
                    sources.network.partners[PartnerID(rawValue: partnerId)]?.countryCode
                    ?? Self.partnerSide(trips[index]).countryCode
                // Only a partner the network knows has one country for all its trips.
                if sources.network.partners[PartnerID(rawValue: partnerId)] != nil { countries[partnerId] = country }
            }
            add(&b.partnerCountry, country)
            add(&b.direction, trips[index].direction.rawValue)
            add(&b.fundingBand, trips[index].funding.band ?? "–")
            // Youth and leaders share each trip's figures in proportion to their numbers (one allocation per person).
            let participants = trips[index].participants
            let leaders = trips[index].leaders
            let people = max(travellers, 1)
            let youthGrams = tripGrams * participants / people
            let youthWithout = tripWithout * participants / people
            let youthShare = Double(participants) / Double(people)
            if participants > 0 { b.youth.trips += 1 }
            if leaders > 0 { b.leaders.trips += 1 }
            b.youth.travellers += participants
            b.leaders.travellers += leaders
            b.youth.passengerKm += passengerKm * youthShare
            b.leaders.passengerKm += passengerKm - passengerKm * youthShare
            b.youth.grams += youthGrams
            b.leaders.grams += tripGrams - youthGrams
            b.youth.gramsWithoutNonCO2 += youthWithout
            b.leaders.gramsWithoutNonCO2 += tripWithout - youthWithout
        }
        return b
    }

    /// The trips sharing a partner and its country whose lowest-carbon options save the most, together.
    static func biggestLever(_ trips: [TripLine], totalKg: Double) -> LeverFinding? {
        struct Key: Hashable {
            var partner: String
            var country: String
        }
        var saved: [Key: (trips: Int, grams: Int, name: String)] = [:]
        // By index: a copy of each trip line would retain and release its strings.
        for index in trips.indices {
            guard let lowest = trips[index].scenarioLowestCarbonCo2eKg else { continue }
            // The partner side's country read in place: passing the line to `partnerSide` copied it.
            let country =
                trips[index].direction == .hosted ? trips[index].origin.countryCode : trips[index].destination.countryCode
            let key = Key(partner: trips[index].partnerId, country: country)
            let tripGrams = max(0, grams(trips[index].co2eKg) - grams(lowest))
            if saved[key] == nil {
                saved[key] = (1, tripGrams, trips[index].partnerName)
            } else {
                saved[key]!.trips += 1
                saved[key]!.grams += tripGrams
            }
        }
        let best = saved.max { a, b in
            (a.value.grams, b.key.partner, b.key.country) < (b.value.grams, a.key.partner, a.key.country)
        }
        // Under one kilogram the lever is not worth a sentence.
        guard let best, best.value.grams >= 1000 else { return nil }
        return LeverFinding(
            partnerId: best.key.partner, partnerName: best.value.name, countryCode: best.key.country,
            trips: best.value.trips, savedKg: kg(best.value.grams),
            shareOfTotal: totalKg > 0 ? rounded(kg(best.value.grams) / totalKg, 6) : 0)
    }

    /// A mode's average leg length (one person, km), from the counted legs.
    private func averageLegKm(_ mode: String, _ annex: [FactorAnnexRow]) -> Double? {
        guard let distanceKm = modeDistanceKm[mode] else { return nil }
        let legs = annex.reduce(0) { $0 + ($1.mode == mode ? $1.legs : 0) }
        return legs > 0 ? distanceKm / Double(legs) : nil
    }

    /// The headline priced with each other loaded factor set, mode by mode: every factor row used is compared with
    /// the other set's rows of the same mode and unit (same variant when it has one), the ratio of their
    /// (tank-to-wheel with non-CO2 + upstream) values weighted by the legs that used each row. An approximation
    /// for the range only: distances, distance bands and uplifts are those of the stored legs.
    private func uncertainty(totalKg: Double, annex: [FactorAnnexRow], estimatedShare: Double?) -> ReportUncertainty {
        var alternatives: [FactorSetAlternative] = []
        let usedSets = Set(annex.map(\.factorSetId))
        for (id, set) in sources.factorSets.sorted(by: { $0.key.rawValue < $1.key.rawValue }) where !usedSets.contains(id.rawValue) {
            var ratioSum: [String: (weighted: Double, legs: Int)] = [:]
            for row in annex where row.found {
                let used = (row.ttwKgPerUnit ?? 0) + (row.wttKgPerUnit ?? 0)
                guard used > 0 else { continue }
                var sameMode = set.factors.filter { $0.mode.rawValue == row.mode && $0.unit.rawValue == row.unit }
                // Distance-banded rows (ADEME's flights): the band of the mode's average leg, when one holds it.
                if let averageKm = averageLegKm(row.mode, annex) {
                    let banded = sameMode.filter { ($0.minDistanceKm ?? 0) < averageKm && averageKm <= ($0.maxDistanceKm ?? .infinity) }
                    if !banded.isEmpty { sameMode = banded }
                }
                let sameVariant = sameMode.filter { $0.variant.description == row.variant }
                let candidates = sameVariant.isEmpty ? sameMode : sameVariant
                guard !candidates.isEmpty else { continue }
                let other = candidates.reduce(0.0) { $0 + $1.ttwKgPerUnit + ($1.wttKgPerUnit ?? 0) } / Double(candidates.count)
                var entry = ratioSum[row.mode] ?? (0, 0)
                entry.weighted += other / used * Double(row.legs)
                entry.legs += row.legs
                ratioSum[row.mode] = entry
            }
            var alternativeGrams = 0.0
            for (mode, slice) in modeTotals {
                let ratio = ratioSum[mode.rawValue].map { $0.legs > 0 ? $0.weighted / Double($0.legs) : 1 } ?? 1
                alternativeGrams += Double(slice.grams) * ratio
            }
            alternatives.append(FactorSetAlternative(factorSetId: id.rawValue, co2eKg: rounded(alternativeGrams / 1000, 3)))
        }
        let all = [totalKg] + alternatives.map(\.co2eKg)
        return ReportUncertainty(
            co2eKgLow: all.min() ?? totalKg, co2eKgHigh: all.max() ?? totalKg, alternatives: alternatives,
            co2eShareFromEstimatedFactors: estimatedShare)
    }

    /// By departure date, name, id, in place: the indices are sorted, then the lines moved along the permutation's
    /// cycles, so no second array of (large) trip lines is ever allocated.
    static func sortByDate(_ trips: inout [TripLine]) {
        // A `YYYY-MM-DD` date as one integer ("2026-07-04" → 20260704, same order as the text), compared before
        // any string: most comparisons of a 75 000-trip year are settled by the date. -1 for any other shape,
        // which then compares as text, as before.
        let days = trips.indices.map { index in
            let utf8 = trips[index].departDate.utf8
            guard utf8.count == 10 else { return -1 }
            var number = 0
            for (offset, byte) in utf8.enumerated() {
                if offset == 4 || offset == 7 {
                    if byte != 45 { return -1 }
                } else {
                    guard byte >= 48 && byte <= 57 else { return -1 }
                    number = number * 10 + Int(byte - 48)
                }
            }
            return number
        }
        var order = Array(trips.indices)
        order.sort { a, b in
            if days[a] >= 0 && days[b] >= 0 && days[a] != days[b] { return days[a] < days[b] }
            if trips[a].departDate != trips[b].departDate { return trips[a].departDate < trips[b].departDate }
            if trips[a].name != trips[b].name { return trips[a].name < trips[b].name }
            return trips[a].planId < trips[b].planId
        }
        // Position i must receive the line now at order[i].
        var placed = [Bool](repeating: false, count: trips.count)
        for start in trips.indices where !placed[start] {
            var current = start
            while order[current] != start {
                trips.swapAt(current, order[current])
                placed[current] = true
                current = order[current]
            }
            placed[current] = true
        }
    }

    /// Plan ids of the `count` largest trips (ties: smaller id first), in one pass.
    static func largest(_ trips: [TripLine], count: Int) -> [String] {
        var top: [(kg: Double, id: String)] = []
        for index in trips.indices {
            let candidate = (kg: trips[index].co2eKg, id: trips[index].planId)
            let beats = { (a: (kg: Double, id: String), b: (kg: Double, id: String)) in a.kg > b.kg || (a.kg == b.kg && a.id < b.id) }
            guard top.count < count || beats(candidate, top[top.count - 1]) else { continue }
            top.append(candidate)
            top.sort(by: beats)
            if top.count > count { top.removeLast() }
        }
        return top.map(\.id)
    }

    /// Nil without an estimator: the scenarios were not computed, and no figure stands in for them.
    private static func applyScenarios(_ trips: inout [TripLine], estimator: (any TripScenarioEstimating)?) -> ReportScenarios? {
        guard let estimator else { return nil }
        var allFlight = ScenarioTotal(co2eKg: 0, tripsWithOption: 0, tripsWithoutOption: 0, differenceKg: 0)
        var lowest = allFlight
        var inventory = 0.0
        let estimates = estimator.estimateAll(trips.indices.map { ScenarioTrip(trips: trips, index: $0) })
        for index in trips.indices {
            let co2eKg = trips[index].co2eKg
            inventory += co2eKg
            let estimate =
                index < estimates.count ? estimates[index] : ScenarioEstimate(allFlightCo2eKg: nil, lowestCarbonCo2eKg: nil)
            // A trip that flew is its own all-flight case; a trip that beats the planner's best keeps its figure.
            let flown = trips[index].mainMode == .flight ? co2eKg : estimate.allFlightCo2eKg
            let best = estimate.lowestCarbonCo2eKg.map { min($0, co2eKg) }
            trips[index].scenarioAllFlightCo2eKg = flown.map { rounded($0, 3) }
            trips[index].scenarioLowestCarbonCo2eKg = best.map { rounded($0, 3) }
            allFlight.co2eKg += flown ?? co2eKg
            if flown != nil { allFlight.tripsWithOption += 1 } else { allFlight.tripsWithoutOption += 1 }
            lowest.co2eKg += best ?? co2eKg
            if best != nil { lowest.tripsWithOption += 1 } else { lowest.tripsWithoutOption += 1 }
        }
        allFlight.co2eKg = rounded(allFlight.co2eKg, 3)
        lowest.co2eKg = rounded(lowest.co2eKg, 3)
        allFlight.differenceKg = rounded(allFlight.co2eKg - inventory, 3)
        lowest.differenceKg = rounded(lowest.co2eKg - inventory, 3)
        return ReportScenarios(allFlight: allFlight, lowestCarbon: lowest)
    }

    /// Whole grams, as plans store them.
    static func grams(_ kg: Double) -> Int { PlanLeg.grams(kg) }

    private static func rows(_ slices: [String: Slice], passengerKm: Double, grams: Int) -> [ReportTotal] {
        slices.map { key, slice in
            ReportTotal(
                key: key, name: nil, trips: slice.trips, travellers: slice.travellers, passengerKm: rounded(slice.passengerKm, 1),
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

    private func trend() -> [YearTotal] {
        yearsToRead.map { Self.yearTotal($0, trendTotals[$0] ?? Slice()) }
    }

    /// A year without a counted trip has no figures: "no data", not zero.
    static func yearTotal(_ year: Int, _ slice: Slice) -> YearTotal {
        guard slice.trips > 0 else {
            return YearTotal(year: year, trips: 0, travellers: 0, co2eKg: nil, co2eKgWithoutNonCO2: nil, co2eKgPerTraveller: nil)
        }
        return YearTotal(
            year: year, trips: slice.trips, travellers: slice.travellers, co2eKg: kg(slice.grams),
            co2eKgWithoutNonCO2: kg(slice.gramsWithoutNonCO2),
            co2eKgPerTraveller: slice.travellers > 0 ? rounded(kg(slice.grams) / Double(slice.travellers), 3) : nil)
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
        var annexUse: [AnnexKey: Int] = [:]
        for (index, source) in annexSources.enumerated() {
            for (line, legs) in annexLines[index] {
                var key = source
                key.line = line
                annexUse[key, default: 0] += legs
            }
        }
        return annexUse.keys.sorted { ($0.factorSetId, $0.file, $0.line) < ($1.factorSetId, $1.file, $1.line) }.map { key in
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
