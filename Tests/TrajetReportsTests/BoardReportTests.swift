import Foundation
import Testing
import TrajetCore

@testable import TrajetReports

/// The defects of issue 15, each with the figures worked out by hand from `Fixture.plans`.
@Suite struct BoardReportTests {
    @Test func scenariosNotComputedAreSaidSoAndNullInJSON() throws {
        let report = Fixture.report()
        #expect(report.scenarios == nil)
        let json = try JSONRenderer.render(report)
        #expect(json.contains("\"scenarios\":null"))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect(object["scenarios"] is NSNull)
        for language in Language.allCases {
            let text = MarkdownRenderer.render(ReportDocument(report, language: language))
            #expect(text.contains(language == .fr ? "Scénarios non calculés" : "Scenarios not computed"))
            #expect(!text.contains(language == .fr ? "Si chaque voyage avait pris l'avion" : "If every trip had flown"))
        }
    }

    @Test func theNetworkReportBreaksDownByOrganisationAndAnOrganisationComparesWithTheNetwork() throws {
        var builder = AnnualReportBuilder(year: 2026, scope: .network, sources: Shipped.sources)
        builder.organisationNames = ["asmae": "Asmae", "other": "Autre ASBL"]
        for plan in Fixture.plans { builder.add(plan) }
        let network = builder.finish(generatedAt: "2026-11-27")
        // Asmae: 17 976.6 + 1 002.001 kg; the other organisation: 7 000 kg.
        #expect(network.byOrganisation.map(\.key) == ["asmae", "other"])
        #expect(network.byOrganisation.map(\.name) == ["Asmae", "Autre ASBL"])
        #expect(network.byOrganisation.map(\.co2eKg) == [18_978.601, 7_000])
        #expect(network.network == nil)
        let markdown = MarkdownRenderer.render(ReportDocument(network, language: .fr))
        #expect(markdown.contains("**Par organisation**") && markdown.contains("| Autre ASBL | 1 |"))

        // One organisation: 28 travellers, 18 978.601 kg → 677.807 kg each; the network, 44 travellers and
        // 25 978.601 kg → 590.423 kg each.
        let asmae = Fixture.report()
        let comparison = try #require(asmae.network)
        #expect(comparison.trips == 3 && comparison.travellers == 44 && comparison.co2eKg == 25_978.601)
        #expect(abs((comparison.co2eKgPerTraveller ?? 0) - 590.423) < 0.001)
        #expect(asmae.byOrganisation.isEmpty && asmae.trips.count == 2)
        let french = MarkdownRenderer.render(ReportDocument(asmae, language: .fr))
        #expect(french.contains("moyenne du réseau : 590 kg"))
    }

    @Test func lowCarbonAndGreenTravelAreDecidedOnEmissionsWithAReason() throws {
        // Casablanca → Dakar: 1 200 km of train (50 kg) and 1 100 km of flight (250 kg): more rail kilometres, but
        // the flight is 250 / 300 = 83.3 % of the CO2e.
        let mixed = Fixture.plan(
            "p-mixed", name: "Casablanca–Dakar", status: .travelled, depart: "2026-04-01", returnDate: nil,
            origin: "MA-CASA-VOYAGEURS", destination: "DSS",
            legs: [
                Fixture.leg("p-mixed", .outbound, 1, .rail, "MA-CASA-VOYAGEURS", "MA-MARRAKECH", km: 1_200, groupGrams: 50_000,
                            departure: "2026-04-01T08:00+01:00", arrival: "2026-04-01T20:00+01:00", factorLine: 18),
                Fixture.leg("p-mixed", .outbound, 2, .flight, "MA-MARRAKECH", "DSS", km: 1_100, groupGrams: 250_000,
                            nonCO2: 100_000, departure: "2026-04-02T08:00+01:00", arrival: "2026-04-02T11:00+00:00"),
            ])
        let report = Fixture.report(plans: [mixed])
        let trip = try #require(report.trips.first)
        #expect(trip.mainMode == .rail)
        #expect(!trip.lowCarbon && trip.lowCarbonReason == .flightLeg)
        #expect(abs(trip.flightCo2eShare - 0.833333) < 1e-6)
        #expect(!trip.funding.greenTravel && trip.funding.greenTravelReason == .flightLeg)
        #expect(trip.funding.fundedTravelDaysMax == 2)
        #expect(report.summary.lowCarbonTripShare == 0)
        let row = ReportDocument.tripRow(trip, ReportText(.fr))
        #expect(row.last == "non : vols = 83 % du CO2e")

        // The coach trip: no flight, all of it low-emission.
        let hosted = try #require(Fixture.report().trips.first { $0.planId == "p-hosted" })
        #expect(hosted.lowCarbon && hosted.lowCarbonReason == .noFlightMostlyLowEmission && hosted.flightCo2eShare == 0)
        #expect(ReportDocument.tripRow(hosted, ReportText(.en)).last == "yes: no flight")
    }

    @Test func notEligibleCountriesGetNoAmountAndSaySo() throws {
        let report = Fixture.report()
        let french = MarkdownRenderer.render(ReportDocument(report, language: .fr))
        // Senegal (AJE): no amount, "non éligible"; Morocco (Twiza, hosted): 535 € × 12 = 6 420 €, the only amount.
        #expect(french.contains("| non éligible | non éligible |"))
        #expect(french.contains("6\u{202F}420 €") || french.contains("6 420 €"))
        #expect(!french.contains("1\u{202F}188 € †") && !french.contains("19\u{202F}008"))
        #expect(french.contains("**Non éligibles :** 1 voyage"))
    }

    @Test func yearsWithoutPlansSayNoDataAndTheChangeHasItsPerTravellerFigure() throws {
        let report = Fixture.report()
        #expect(report.trend.map(\.co2eKg) == [nil, nil, nil, 10_000, 18_978.601])
        // 2025: 10 000 kg for 16 travellers = 625 kg; 2026: 677.807 kg → +8.449 %.
        #expect(report.summary.previousYearCo2eKgPerTraveller == 625 && report.summary.previousYearTrips == 1)
        #expect(abs((report.summary.changePerTravellerVsPreviousYearPercent ?? 0) - 8.449) < 0.001)
        let french = MarkdownRenderer.render(ReportDocument(report, language: .fr))
        #expect(french.contains("| 2022 | pas de données |"))
        #expect(!french.contains("| 2022 | 0 |"))
        #expect(french.contains("2025 : 625 kg (+8,4 %)"))
        let english = MarkdownRenderer.render(ReportDocument(report, language: .en))
        #expect(english.contains("| 2023 | no data |"))
    }

    @Test func theSummaryStatesWhatMattersAndTheBiggestLever() throws {
        let report = Fixture.report(scenarios: FixedScenarios(allFlightKg: 50_000, lowestKg: 1))
        // Flights: 17 976.6 / 18 978.601 = 94.7 % of the CO2e for 142 988.8 / 174 308.8 = 82.0 % of the pkm.
        let mode = try #require(report.findings.largestMode)
        #expect(mode.mode == .flight && abs(mode.co2eShare - 0.947204) < 1e-6 && abs(mode.passengerKmShare - 0.820319) < 1e-6)
        // The lever: AJE in Senegal, 17 976.6 − 1 = 17 975.6 kg, 94.7 % of the total.
        let lever = try #require(report.findings.biggestLever)
        #expect(lever.partnerId == "aje" && lever.countryCode == "SN" && lever.trips == 1 && lever.savedKg == 17_975.6)
        #expect(abs(lever.shareOfTotal - 0.947151) < 1e-6)
        let french = MarkdownRenderer.render(ReportDocument(report, language: .fr))
        #expect(french.contains("le mode « avion » fait 95 % du CO2e pour 82 % des passagers-km"))
        #expect(french.contains("aurait évité 17,98 t (95 % du total"))
        // Findings come before the totals, the totals before the method and the per-trip annex.
        let order = ["## L'essentiel", "## Totaux", "## Périmètre et méthode", "## Annexe A — voyages"].map {
            french.range(of: $0)?.lowerBound
        }
        #expect(order.allSatisfy { $0 != nil })
        #expect(zip(order, order.dropFirst()).allSatisfy { $0! < $1! })
    }

    @Test func theHeadlineHasARangeFromTheOtherFactorSets() throws {
        // The flight alone, priced with ADEME: no economy row there, and the average flight leg (4 468.4 km) falls in
        // ADEME's 2 000–5 000 km band, 0.166794 kg per pkm, against DESNZ 0.10916 + 0.01656 = 0.12572:
        // 17 976.6 × 0.166794 / 0.12572 = 23 849.738 kg.
        let report = Fixture.report(plans: [Fixture.plans[0]])
        let uncertainty = try #require(report.uncertainty)
        let ademe = try #require(uncertainty.alternatives.first { $0.factorSetId == "ademe-2025" })
        #expect(abs(ademe.co2eKg - 23_849.738) < 0.01)
        #expect(uncertainty.co2eKgLow <= report.summary.co2eKg && uncertainty.co2eKgHigh >= ademe.co2eKg)
        let french = MarkdownRenderer.render(ReportDocument(report, language: .fr))
        #expect(french.contains("fourchette selon le jeu de facteurs : "))
        #expect(french.contains("traînées de condensation") && french.contains("NOx"))
    }

    @Test func eachReportIsInOneLanguage() throws {
        let report = Fixture.report(scenarios: FixedScenarios(allFlightKg: 50_000, lowestKg: 1))
        var builder = AnnualReportBuilder(year: 2026, scope: report.scope, sources: Shipped.sources)
        for plan in Fixture.plans { builder.add(plan) }
        // Words that belong to one language only (data names such as "Twiza à Liège" hold none of them).
        let english = [
            "flight", "travelled", "booked", "outgoing", "hosted", "passenger_km", "vehicle_km", "economy", "not_touches",
            "any class", "Business travel", "conversion factors 2025 (business", "published", "great_circle", "Trip",
            " the ", " and ", " of ", "Annex A", "Scope", "per traveller", "no data", "onwards",
        ]
        let french = [
            "avion", "effectué", "réservé", "départ", "accueil", "voyage", "Voyage", "passager", "pas de données",
            " les ", " des ", " du ", "Annexe", "Périmètre", "orthodromie", "aller", "retour", "NON CONFIRMÉ",
        ]
        for language in Language.allCases {
            let document = ReportDocument(report, language: language)
            let csv = CSVRenderer(report: report, language: language)
            var texts = [HTMLRenderer.render(document), MarkdownRenderer.render(document), csv.header()]
            for plan in Fixture.plans where builder.counts(plan.plan) { texts.append(csv.rows(plan, legs: builder.legLines(plan))) }
            // The publications' own titles and addresses are quoted as published.
            let foreign = language == .fr ? english : french
            for text in texts {
                // Left out: the stylesheet, lines quoting a publication (they hold its address), and data (plan ids,
                // trip and partner names are the coordinators' own words).
                var scanned = text
                if let style = scanned.range(of: "<style>"), let end = scanned.range(of: "</style>") {
                    scanned.removeSubrange(style.lowerBound..<end.upperBound)
                }
                scanned = scanned.split(separator: "\n").filter { !$0.contains("https://") }.joined(separator: "\n")
                for data in Fixture.plans.map(\.plan.id) + Fixture.plans.map(\.plan.name)
                    + Shipped.datasets.network.partners.values.map(\.name) + ["AJE &lt;Thiès&gt; &amp; &quot;Toubacouta&quot;"]
                {
                    scanned = scanned.replacing(data, with: "")
                }
                for word in foreign {
                    #expect(!scanned.contains(word), "\(language) report holds '\(word)'")
                }
            }
        }
    }

    @Test func noEmptyBracketsNoZeroOverZeroNoZeroForSomething() throws {
        let reports = [Fixture.report(), Fixture.report(plans: []), Fixture.report(scope: .network)]
        for report in reports {
            for language in Language.allCases {
                let text = MarkdownRenderer.render(ReportDocument(report, language: language))
                for bad in ["()", "( )", "0/0", "0 / 0", "(s)", "[]"] {
                    #expect(!text.contains(bad), "\(language) report holds '\(bad)'")
                }
            }
        }
    }

    @Test func aBigYearListsTheLargestTripsAndPointsToTheCSV() {
        let many = (0..<60).map { index in
            Fixture.plan(
                "p-\(index)", name: "Voyage \(index)", status: .booked, depart: "2026-05-01", returnDate: nil,
                legs: [Fixture.leg("p-\(index)", .outbound, 1, .flight, "BRU", "DSS", km: 4468.4, groupGrams: 1_000 * (index + 1),
                                   departure: "2026-05-01T10:00+02:00", arrival: "2026-05-01T15:00+00:00")])
        }
        let report = Fixture.report(plans: many)
        let shown = ReportDocument.shownTrips(report.trips)
        #expect(shown.count == ReportDocument.summarisedRows)
        // The largest first: 60 kg, 59 kg, …
        #expect(shown.prefix(2).map { report.trips[$0].name } == ["Voyage 59", "Voyage 58"])
        let french = MarkdownRenderer.render(ReportDocument(report, language: .fr))
        #expect(french.contains("60 voyages : seuls les 25 plus gros (en CO2e) sont listés ici"))
        #expect(!french.contains("| Voyage 0 "))
    }
}
