import Foundation
import Testing
import TrajetCore
import TrajetDatasets

#if canImport(FoundationXML)
    import FoundationXML
#endif

@testable import TrajetReports

/// The shipped datasets: names, countries, factor rows for the annex, Erasmus+ bands.
enum Shipped {
    static let datasets: Datasets = {
        let directory = try! DatasetLocator(environment: [:], executablePath: nil).locate()
        return try! Datasets.load(from: directory)
    }()
    static var sources: ReportSources {
        ReportSources(
            network: datasets.network, factorSets: datasets.factorSets, hubs: datasets.hubs,
            travelSupport: datasets.travelSupport)
    }
}

/// Plans written by hand: grams are chosen so every total can be worked out on paper.
enum Fixture {
    static func leg(
        _ planId: String, _ direction: LegDirection, _ position: Int, _ mode: TransportMode, _ from: String, _ to: String,
        km: Double, groupGrams: Int, nonCO2: Int = 0, departure: String, arrival: String, factorLine: Int = 3,
        estimated: Bool = false
    ) -> PlanLeg {
        PlanLeg(
            planId: planId, direction: direction, position: position, legId: "L\(position)", mode: mode.rawValue,
            fromPlaceId: from, toPlaceId: to, distanceKm: km, durationMinutes: 60, departure: departure, arrival: arrival,
            groupTtwGrams: groupGrams - nonCO2, groupNonCO2Grams: nonCO2, factorFile: "factors/desnz-2025/factors.csv",
            factorLine: factorLine, distanceEstimated: estimated, factorEstimated: estimated)
    }

    static func plan(
        _ id: String, name: String, status: PlanStatus, depart: String, returnDate: String?, participants: Int = 14,
        leaders: Int = 2, origin: String = "BRU", destination: String = "DSS", partner: String = "aje", org: String = "asmae",
        legs: [PlanLeg]
    ) -> PlanDetail {
        PlanDetail(
            plan: Plan(
                id: id, organisationId: org, name: name, partnerId: partner, originPlaceId: origin,
                destinationPlaceId: destination, departDate: depart, returnDate: returnDate, participants: participants,
                leaders: leaders, status: status, factorSetId: "desnz-2025", factorSetVersion: "2025"),
            legs: legs)
    }

    /// Flight Brussels–Dakar and back (16 people), a hosted group Twiza → Liège one way, a planned trip, a draft,
    /// a cancelled plan, a trip of last year and one of another organisation.
    static let plans: [PlanDetail] = [
        plan(
            "p-flight", name: "AJE <Thiès> & \"Toubacouta\"", status: .booked, depart: "2026-03-14", returnDate: "2026-03-28",
            legs: [
                leg("p-flight", .outbound, 1, .flight, "BRU", "DSS", km: 4468.4, groupGrams: 8_988_300, nonCO2: 3_193_000,
                    departure: "2026-03-14T14:15+01:00", arrival: "2026-03-14T18:20+00:00"),
                leg("p-flight", .return, 1, .flight, "DSS", "BRU", km: 4468.4, groupGrams: 8_988_300, nonCO2: 3_193_000,
                    departure: "2026-03-28T20:00+00:00", arrival: "2026-03-29T05:00+02:00"),
            ]),
        plan(
            "p-hosted", name: "Twiza à Liège", status: .travelled, depart: "2026-10-10", returnDate: nil, participants: 10,
            origin: "MA-KHEMISSET", destination: "BE-LIEGE-G", partner: "twiza",
            legs: [
                leg("p-hosted", .outbound, 1, .coach, "MA-KHEMISSET", "BE-LIEGE-G", km: 2600, groupGrams: 1_000_000,
                    departure: "2026-10-10T06:00+01:00", arrival: "2026-10-12T20:00+02:00", factorLine: 24, estimated: true),
                leg("p-hosted", .outbound, 2, .rail, "BE-LIEGE-G", "BE-LIEGE-G", km: 10, groupGrams: 2_001,
                    departure: "2026-10-12T20:30+02:00", arrival: "2026-10-12T20:40+02:00", factorLine: 18),
            ]),
        plan(
            "p-planned", name: "Lekaa prévu", status: .planned, depart: "2026-11-01", returnDate: "2026-11-12",
            destination: "CAI", partner: "lekaa",
            legs: [leg("p-planned", .outbound, 1, .flight, "BRU", "CAI", km: 3200, groupGrams: 5_000_000, nonCO2: 2_000_000,
                       departure: "2026-11-01T10:00+01:00", arrival: "2026-11-01T15:00+02:00")]),
        plan("p-draft", name: "Brouillon", status: .draft, depart: "2026-05-01", returnDate: nil, legs: []),
        plan("p-cancelled", name: "Annulé", status: .cancelled, depart: "2026-06-01", returnDate: nil, legs: []),
        plan(
            "p-2025", name: "AJE 2025", status: .travelled, depart: "2025-04-01", returnDate: "2025-04-15",
            legs: [leg("p-2025", .outbound, 1, .flight, "BRU", "DSS", km: 4468.4, groupGrams: 10_000_000, nonCO2: 4_000_000,
                       departure: "2025-04-01T14:15+02:00", arrival: "2025-04-01T18:20+00:00")]),
        plan(
            "p-other-org", name: "Autre organisation", status: .booked, depart: "2026-02-01", returnDate: nil, org: "other",
            legs: [leg("p-other-org", .outbound, 1, .flight, "BRU", "DSS", km: 4468.4, groupGrams: 7_000_000,
                       departure: "2026-02-01T14:15+01:00", arrival: "2026-02-01T18:20+00:00")]),
    ]

    static func report(
        scope: ReportScope = .organisation(id: "asmae", name: "Asmae"), plans: [PlanDetail] = plans,
        scenarios: (any TripScenarioEstimating)? = nil
    ) -> AnnualReport {
        var builder = AnnualReportBuilder(year: 2026, scope: scope, sources: Shipped.sources)
        for plan in plans { builder.add(plan) }
        return builder.finish(generatedAt: "2026-11-27", scenarios: scenarios)
    }
}

/// Scenario figures chosen to be obviously different from the inventory.
struct FixedScenarios: TripScenarioEstimating {
    var allFlightKg: Double
    var lowestKg: Double
    func estimate(_ trip: ScenarioTrip) -> ScenarioEstimate {
        ScenarioEstimate(allFlightCo2eKg: allFlightKg, lowestCarbonCo2eKg: lowestKg)
    }
}

@Suite struct AnnualReportTests {
    @Test func countsBookedAndTravelledOfTheYearAndScopeOnly() {
        let report = Fixture.report()
        #expect(report.trips.map(\.planId) == ["p-flight", "p-hosted"])
        #expect(report.plannedTrips.map(\.planId) == ["p-planned"])
        #expect(report.method.excludedPlans == 2)
        // 8 988.3 kg each way for the flight; 1 000 kg + 2.001 kg for the hosted group.
        #expect(report.summary.co2eKg == 17_976.6 + 1_002.001)
        #expect(abs(report.summary.co2eKgWithoutNonCO2 - (17_976.6 - 6_386 + 1_002.001)) < 1e-6)
        #expect(report.summary.trips == 2 && report.summary.travellers == 16 + 12)
        #expect(report.summary.participants == 24 && report.summary.leaders == 4)
        #expect(report.summary.plannedTrips == 1 && report.summary.plannedCo2eKg == 5_000)
        // Last year: one trip of 10 t → change (18 978.601 − 10 000) / 10 000.
        #expect(report.summary.previousYearCo2eKg == 10_000)
        #expect(abs((report.summary.changeVsPreviousYearPercent ?? 0) - 89.786) < 0.001)
        #expect(report.trend.map(\.year) == [2022, 2023, 2024, 2025, 2026])
        #expect(report.summary.biggestTrips == ["p-flight", "p-hosted"])
        let network = Fixture.report(scope: .network)
        #expect(network.trips.count == 3)
    }

    @Test func totalsAgreeAcrossEveryBreakdown() {
        let report = Fixture.report()
        let total = report.summary.co2eKg
        let network = Fixture.report(scope: .network)
        let breakdowns = [
            report.byMode, report.byPartnerCountry, report.byPartner, report.byDirection, report.byCategory,
            report.byFundingBand,
        ].map { ($0, total) } + [(network.byOrganisation, network.summary.co2eKg)]
        for (breakdown, total) in breakdowns {
            let sum = breakdown.reduce(0) { $0 + $1.co2eKg }
            #expect(abs(sum - total) < 1e-6, "breakdown sums to \(sum), total \(total)")
            let shares = breakdown.reduce(0) { $0 + $1.co2eShare }
            #expect(abs(shares - 1) < 1e-5)
        }
        let withAtLeastWithout = report.trips.allSatisfy { $0.co2eKg >= $0.co2eKgWithoutNonCO2 }
        #expect(withAtLeastWithout && report.summary.co2eKg >= report.summary.co2eKgWithoutNonCO2)
        let hosted = report.byDirection.first { $0.key == "hosted" }
        #expect(hosted?.co2eKg == 1_002.001 && hosted?.trips == 1)
        // Flights: 2 × 4 468.4 km × 16 people of pkm.
        let flight = report.byMode.first { $0.key == "flight" }
        #expect(flight?.passengerKm == 142_988.8 && flight?.co2eKg == 17_976.6)
    }

    @Test func scenariosAreShownApartAndNeverChangeTheInventory() throws {
        let plain = Fixture.report()
        let low = Fixture.report(scenarios: FixedScenarios(allFlightKg: 50_000, lowestKg: 1))
        #expect(low.summary == plain.summary)
        #expect(low.byMode == plain.byMode && low.byPartnerCountry == plain.byPartnerCountry)
        // The flight is its own all-flight case; the coach trip takes the scenario's 50 t.
        let scenarios = try #require(low.scenarios)
        #expect(scenarios.allFlight.co2eKg == 17_976.6 + 50_000)
        #expect(scenarios.lowestCarbon.co2eKg == 2)
        #expect(scenarios.lowestCarbon.differenceKg < 0 && low.summary.co2eKg == plain.summary.co2eKg)
        // A planner option worse than what the trip did never makes the scenario exceed the trip.
        let worse = Fixture.report(scenarios: FixedScenarios(allFlightKg: 1, lowestKg: 1_000_000))
        #expect(worse.scenarios?.lowestCarbon.co2eKg == worse.summary.co2eKg)
        // Without an estimator nothing stands in for the scenarios.
        #expect(plain.scenarios == nil && plain.findings.biggestLever == nil)
    }

    @Test func erasmusBandDaysOnSiteAndGreenTravel() throws {
        let report = Fixture.report()
        let flight = try #require(report.trips.first { $0.planId == "p-flight" })
        // Brussels Airport → Diass, straight line ≈ 4 470 km: band 4000–7999 (2024 call table, 1 188 €), but
        // Senegal is not eligible for KA152 in the countries file: no amount.
        #expect(flight.funding.band == "4000–7999 km" && flight.funding.standardEurPerParticipant == 1188)
        #expect(flight.funding.eurPerParticipant == nil && flight.funding.eurGroup == nil)
        #expect(!flight.funding.greenTravel && flight.funding.greenTravelReason == .flightLeg)
        #expect(flight.funding.youthExchangeEligible == false && flight.funding.fundedTravelDaysMax == 2)
        // Arrives 14 March, leaves 28 March: 15 days on site, both counted.
        #expect(flight.daysOnSite == 15)
        #expect(flight.funding.travelDays == 1 + 2)
        let hosted = try #require(report.trips.first { $0.planId == "p-hosted" })
        #expect(hosted.direction == .hosted && hosted.lowCarbon && hosted.mainMode == .coach)
        #expect(hosted.funding.greenTravel && hosted.funding.fundedTravelDaysMax == 6 && hosted.funding.travelDays == 3)
        // Morocco is eligible: Khemisset → Liège ≈ 2 100 km, band 2000–2999, green amount 535 € × 12.
        #expect(hosted.funding.eurPerParticipant == 535 && hosted.funding.eurGroup == 535 * 12)
        #expect(hosted.daysOnSite == nil)
        #expect(report.summary.lowCarbonTripShare == 0.5)
        // Per traveller-day counts only trips with days on site: 17 976.6 kg / (16 × 15).
        #expect(abs((report.summary.co2eKgPerTravellerDay ?? 0) - 74.9025) < 0.001)
    }

    @Test func dataQualityAndTheFactorAnnexPointAtTheRows() {
        let report = Fixture.report()
        #expect(report.dataQuality.legs == 4 && report.dataQuality.legsWithEstimatedDistance == 1)
        #expect(report.dataQuality.legsWithEstimatedFactor == 1 && report.dataQuality.bookedTrips == 1)
        let lines = report.factorAnnex.map(\.line)
        #expect(lines == [3, 18, 24])
        let flightRow = report.factorAnnex.first { $0.line == 3 }
        #expect(flightRow?.found == true && flightRow?.mode == "flight" && flightRow?.legs == 2)
        #expect(flightRow?.ttwKgPerUnit == 0.10916)
    }

    @Test func anEmptyYearIsAValidReportThatSaysSo() throws {
        let report = Fixture.report(plans: [])
        #expect(report.isEmpty && report.summary.co2eKg == 0 && report.summary.co2eKgPerTraveller == nil)
        for language in Language.allCases {
            let html = HTMLRenderer.render(ReportDocument(report, language: language))
            try expectWellFormed(html)
            let says = html.contains(language == .fr ? "Aucun voyage réservé ou effectué" : "No booked or travelled trip")
            #expect(says)
        }
    }

    @Test func htmlIsWellFormedEscapedAndSelfContained() throws {
        for language in Language.allCases {
            let html = HTMLRenderer.render(ReportDocument(Fixture.report(), language: language))
            try expectWellFormed(html)
            #expect(html.contains("AJE &lt;Thiès&gt; &amp; &quot;Toubacouta&quot;"))
            let external = html.contains("<script") || html.contains("src=\"http") || html.contains("<link")
            #expect(!external)
            #expect(html.contains("<svg") && html.contains("@media print"))
        }
    }

    @Test func numbersFollowTheLanguage() {
        let report = Fixture.report()
        let french = MarkdownRenderer.render(ReportDocument(report, language: .fr))
        let english = MarkdownRenderer.render(ReportDocument(report, language: .en))
        #expect(french.contains("18,98 t CO2e") && english.contains("18.98 t CO2e"))
        let x = ReportText(.fr)
        #expect(x.percent(0.0004) == "< 0,1 %" && x.percent(0) == "0,0 %" && x.percent(0.004, decimals: 0) == "< 1 %")
        #expect(ReportText(.en).percent(0.0004) == "< 0.1%" && x.tonnesCell(2.001) == "< 0,01" && x.tonnesCell(0) == "0,00")
        #expect(french.contains("142\u{202F}988,8") || french.contains("142\u{202F}989"))
        #expect(english.contains("142,989"))
    }

    @Test func csvHasOneRowPerCountedLegAndQuotesWhatNeedsIt() {
        let report = Fixture.report()
        var builder = AnnualReportBuilder(year: 2026, scope: report.scope, sources: Shipped.sources)
        for plan in Fixture.plans { builder.add(plan) }
        for language in Language.allCases {
            let csv = CSVRenderer(report: report, language: language)
            var text = csv.header()
            for plan in Fixture.plans where builder.counts(plan.plan) { text += csv.rows(plan, legs: builder.legLines(plan)) }
            let lines = text.split(separator: "\n")
            #expect(lines.count == 1 + 4)
            #expect(text.contains("\"AJE <Thiès> & \"\"Toubacouta\"\"\""))
            #expect(text.contains(language == .fr ? ";8988,300;" : ",8988.300,"))
            // Values in the report's language.
            #expect(text.contains(language == .fr ? ";réservé;départ;" : ",booked,outgoing,"))
            #expect(text.contains(language == .fr ? ";avion;" : ",flight,"))
        }
    }

    @Test func jsonDecodesBackToTheSameReport() throws {
        var plans = Fixture.plans
        plans[0].plan.name = "Tab\tquote\" backslash\\ line\nbreak \u{1}é"
        let report = Fixture.report(plans: plans, scenarios: FixedScenarios(allFlightKg: 12.5, lowestKg: 0.001))
        let json = try JSONRenderer.render(report)
        let decoded = try JSONDecoder().decode(AnnualReport.self, from: Data(json.utf8))
        #expect(decoded == report)
        let empty = Fixture.report(plans: [])
        #expect(try JSONDecoder().decode(AnnualReport.self, from: Data(JSONRenderer.render(empty).utf8)) == empty)
    }

    @Test func routeScenariosOnTheShippedNetwork() throws {
        let sources = Shipped.sources
        let estimator = RouteScenarioEstimator(sources: sources)
        var builder = AnnualReportBuilder(year: 2026, scope: .network, sources: sources)
        builder.add(Fixture.plans[0])
        let report = builder.finish(generatedAt: "2026-11-27", scenarios: estimator)
        let trip = try #require(report.trips.first)
        // The trip flew: it is its own all-flight case; the lowest-carbon option cannot be above it.
        #expect(trip.scenarioAllFlightCo2eKg == trip.co2eKg)
        let lowest = try #require(trip.scenarioLowestCarbonCo2eKg)
        #expect(lowest > 0 && lowest <= trip.co2eKg)
    }

    /// Dates are compared as numbers first (a 75 000-trip year sorts faster); the order must stay the text's:
    /// date, then name, then id, also for a date of another shape (compared as text, as before).
    @Test func tripsSortByDateThenNameThenIdAsText() {
        let dates = ["2026-07-04", "2026-7-4", "2026-03-14", "2026-07-04", "2026-12-01", "2026-07-04", "2026-1x-01"]
        let names = ["b", "a", "z", "a", "a", "a", "a"]
        var builder = AnnualReportBuilder(year: 2026, scope: .network, sources: Shipped.sources)
        for index in dates.indices {
            var plan = Fixture.plans[0]
            plan.plan.id = "p\(9 - index)"
            plan.plan.name = names[index]
            plan.plan.departDate = dates[index]
            builder.add(plan)
        }
        let trips = builder.finish(generatedAt: "2026-11-27").trips
        let expected = trips.sorted { ($0.departDate, $0.name, $0.planId) < ($1.departDate, $1.name, $1.planId) }
        #expect(trips.map(\.planId) == expected.map(\.planId))
        #expect(trips.count == dates.count)
    }

    /// The estimator answers all trips at once (each distinct search once); it must give each trip what asking
    /// trip by trip gives, returns and shared searches included.
    @Test func scenariosForAllTripsAtOnceEqualTripByTrip() throws {
        var builder = AnnualReportBuilder(year: 2026, scope: .network, sources: Shipped.sources)
        for (index, detail) in Fixture.plans.enumerated() {
            var plan = detail
            plan.plan.id = "again-\(index)"
            builder.add(detail)
            builder.add(plan)
        }
        let trips = builder.finish(generatedAt: "2026-11-27").trips
        let scenarioTrips = trips.indices.map { ScenarioTrip(trips: trips, index: $0) }
        #expect(scenarioTrips.contains { $0.hasReturn } && scenarioTrips.contains { !$0.hasReturn })
        let together = RouteScenarioEstimator(sources: Shipped.sources).estimateAll(scenarioTrips)
        let oneByOne = RouteScenarioEstimator(sources: Shipped.sources)
        #expect(together == scenarioTrips.map { oneByOne.estimate($0) })
        #expect(together.contains { $0.lowestCarbonCo2eKg != nil })
    }

    /// The estimator compiles one planner per factor set, group size and minors (not per split between young
    /// people and leaders: a 100 000-plan year had dozens of splits of the same sizes). Same size, same scenarios.
    @Test func scenariosDependOnTheGroupSizeNotOnItsSplit() throws {
        func lowest(participants: Int, leaders: Int) throws -> (Double?, Double?) {
            var builder = AnnualReportBuilder(year: 2026, scope: .network, sources: Shipped.sources)
            var plan = Fixture.plans[0]
            plan.plan.participants = participants
            plan.plan.leaders = leaders
            builder.add(plan)
            let trip = try #require(builder.finish(generatedAt: "2026-11-27", scenarios: RouteScenarioEstimator(sources: Shipped.sources)).trips.first)
            return (trip.scenarioLowestCarbonCo2eKg, trip.scenarioAllFlightCo2eKg)
        }
        let (twelveAndTwo, thirteenAndOne) = (try lowest(participants: 12, leaders: 2), try lowest(participants: 13, leaders: 1))
        #expect(twelveAndTwo.0 != nil && twelveAndTwo.0 == thirteenAndOne.0 && twelveAndTwo.1 == thirteenAndOne.1)
        // A different size is a different search (the group's total changes).
        #expect(try lowest(participants: 20, leaders: 2).0 != twelveAndTwo.0)
    }
}

/// Parses the document as XML: the HTML is written to be well-formed.
func expectWellFormed(_ html: String) throws {
    let parser = XMLParser(data: Data(html.utf8))
    let ok = parser.parse()
    #expect(ok, "HTML is not well-formed: \(String(describing: parser.parserError)) line \(parser.lineNumber)")
}
