import Foundation
import Testing
import TrajetAPI
import TrajetContract
import TrajetCore
import TrajetDatasets

@testable import TrajetQueries

/// Issue 14 as a coordinator meets it: every Belgian town as an origin, travel advice on every option, minors kept
/// out of areas where travel is advised against, old timetables not shown as firm times.
@Suite struct RouteAdviceTests {
    static let datasets = ShippedData.datasets

    func answer(
        _ from: String, _ to: String, minors: Bool = false, rank: RankingProfile = .balanced, limit: Int = 5,
        depart: String = "2026-07-04", minorsAtNight: Bool = false
    ) async throws -> RoutesAnswer {
        var settings = try await ShippedSettings.load()
        settings.routing.minorsMayTravelAtNight = minorsAtNight
        return try RoutesRequest(
            from: from, to: to, participants: 14, leaders: 2, minors: minors, depart: depart, rank: rank,
            limit: limit, avoid: [], overland: false, noNightTravel: false
        ).run(datasets: Self.datasets, settings: settings, today: CalendarDay(iso: "2026-12-03")!)
    }

    @Test(arguments: [
        "Mons", "Leuven", "Gent", "Louvain-la-Neuve", "Arlon", "Verviers", "Charleroi", "Ottignies", "Bruges", "Hasselt",
    ])
    func everyAssociationTownReachesTwizaAndAje(town: String) async throws {
        let origin = try PlaceResolver(network: Self.datasets.network).resolve(town, for: .surface)
        for partner in ["twiza", "aje"] {
            let answer = try await answer(town, partner)
            #expect(!answer.outbound.itineraries.isEmpty, "\(town) → \(partner)")
            for it in answer.outbound.itineraries {
                #expect(it.legs.first?.leg.from == origin.id, "\(town) → \(partner)")
            }
        }
    }

    /// W1 and W2 (Dakhla → Nouadhibou / Nouakchott) cross the Moroccan border region the Belgian advice is against
    /// (MA-BORDERS).
    func crossesMauritanianBorder(_ it: Itinerary) -> Bool { it.legs.contains { ["W1", "W2"].contains($0.leg.id) } }

    /// Bug: a country whose advice nobody checked (Spain) printed its line but no "!" in the table, although the
    /// legend and docs/methodology.md say "! = vigilance or not checked".
    @Test func anOptionThroughACountryNotCheckedIsMarked() async throws {
        let answer = try await answer("bruxelles", "twiza", limit: 10)
        let throughSpain = try #require(
            answer.outbound.itineraries.first { it in it.legs.contains { $0.leg.to.rawValue.hasPrefix("ES-") } })
        #expect(answer.notes.advice(throughSpain).contains { $0.countryCode == "ES" && $0.level == .notChecked })
        #expect(!answer.notes.marker(throughSpain).isEmpty)
    }

    @Test func anOptionThroughAnAreaAdvisedAgainstCarriesTheAdviceEverywhere() async throws {
        let answer = try await answer("bruxelles", "aje", limit: 10)
        let through = try #require(answer.outbound.itineraries.first(where: crossesMauritanianBorder))
        let advice = answer.notes.advice(through)
        #expect(advice.first?.id == "MA-BORDERS")
        #expect(advice.first?.level == .advisedAgainst)
        #expect(answer.notes.marker(through) == "!!")
        let l = Localizer(.en)
        let table = RoutesText.render(answer, localizer: l, details: false)
        #expect(table.contains("Travel advice — Morocco – "))
        #expect(table.contains("travel advised against (advice of 2024-02-27, UNCONFIRMED, checked 2026-12-03)"))
        #expect(table.contains("Entry — Mauritania — visa: eVisa required"))
        let details = RoutesText.render(answer, localizer: l, details: true)
        #expect(details.contains("Travel to the border region with Algeria and Mauritania is advised against."))
        let json = try Components.Schemas.RoutesResult(answer, localizer: l)
        let index = try #require(answer.outbound.itineraries.firstIndex(of: through))
        #expect(json.itineraries[index].travelAdvice?.contains { $0.id == "MA-BORDERS" && $0.level == .advisedAgainst } == true)
        #expect(
            json.itineraries[index].legs.first { ["W1", "W2"].contains($0.id) }?.travelAdvice?.contains("MA-BORDERS") == true)
        let csv = RoutesCSV.render(answer)
        #expect(csv.contains(",advised_against,MA-BORDERS>"))
    }

    @Test func withMinorsThoseOptionsAreLeftOutAndTheAnswerSaysSo() async throws {
        // The Mauritanian crossings need a night coach (M8), which the default night rule already keeps minors out
        // of; an association that allows night travel still never gets them, and is told why.
        let answer = try await answer("bruxelles", "aje", minors: true, limit: 10, minorsAtNight: true)
        let blocked = Self.datasets.legIndicesLeavingOutMinors.map { Self.datasets.network.legs[$0].id }
        #expect(blocked.contains("W1") && blocked.contains("W2"))
        for it in answer.outbound.itineraries {
            #expect(!it.legs.contains { blocked.contains($0.leg.id) })
        }
        let leftOut = try #require(answer.notes.leftOut)
        #expect(leftOut.count >= 1)
        #expect(leftOut.advice.contains { $0.id == "MA-BORDERS" })
        let text = RoutesText.render(answer, localizer: Localizer(.en), details: false)
        #expect(text.contains("option(s) through Morocco (Région frontalière"))
        #expect(text.contains("left out for a group with minors: travel advised against"))
    }

    @Test func oldTimetablesAreNotShownAsFirmTimes() async throws {
        // F1 BRU → DSS runs on its 2011 schedule (Mon, Wed, Fri): the details say so and mark the times ≈.
        let answer = try await answer("bruxelles", "aje", rank: .time, limit: 10, depart: "2026-07-06")
        let withF1 = try #require(answer.outbound.itineraries.first { $0.legs.contains { $0.leg.id == "F1" } })
        let lines = RoutesText.legDetails(withF1, Localizer(.en), notes: answer.notes)
        let f1Line = try #require(lines.split(separator: "\n").first { $0.contains("[F1]") })
        #expect(f1Line.contains("≈D"))
        #expect(lines.contains("timetable of 2011 — check with the operator"))
        let json = try Components.Schemas.RoutesResult(answer, localizer: Localizer(.en))
        let leg = try #require(json.itineraries.flatMap(\.legs).first { $0.id == "F1" })
        #expect(leg.dataAge?.stale == true && leg.dataAge?.timetableYear == 2011)
    }

    @Test func coordinatesStartAtTheNearestStationAndSaySo() async throws {
        let answer = try await answer("50.45,3.95", "twiza")
        #expect(answer.origin.id == "BE-MONS")
        let text = RoutesText.render(answer, localizer: Localizer(.en), details: false)
        #expect(text.contains("From 50.45,3.95: nearest station Mons, 1 km, by bus or car, ESTIMATE (not counted)"))
    }
}

/// A distance typed with `--distance-km` is the user's, not a sourced route distance (issue 14).
@Suite struct GivenDistanceTests {
    @Test func aTypedDistanceIsNotPrintedAsSourced() throws {
        let query = EmissionsQuery(
            from: "Rabat", to: "twiza", mode: .sharedTaxi, cabinClass: .economy, participants: 14, leaders: 2,
            factorSetID: "desnz-2025", distanceKm: 90, includeAirportHubs: false)
        let result = try query.run(datasets: ShippedData.datasets)
        #expect(result.footprint.distanceBasis == .given)
        #expect(result.footprint.distanceKm == 90)
        #expect(Localizer(.en).distanceBasis(result.footprint.distanceBasis) == "distance given (--distance-km, not checked)")
        #expect(Components.Schemas.LegEmissions(result, localizer: Localizer(.en)).distanceBasis == "given")
    }
}

@Suite struct ReturnLeaveAtTests {
    /// Bug: the return table's "leave" counted days from the outbound date ("06:00 +21 d" for a return on the 25th).
    /// Brussels → AJE and back three weeks later, 12 young people with minors and 2 leaders (the README's example).
    static func brusselsToAJEAndBack() async throws -> RoutesAnswer {
        let settings = try await ShippedSettings.load()
        return try RoutesRequest(
            from: "Bruxelles", to: "aje", participants: 12, leaders: 2, minors: true, depart: "2026-07-04",
            returnDate: "2026-07-25", rank: .balanced, limit: 5, avoid: [], overland: false, noNightTravel: false
        ).run(datasets: RouteAdviceTests.datasets, settings: settings, today: CalendarDay(iso: "2026-12-03")!)
    }

    @Test func theReturnLeavesOnItsOwnDay() async throws {
        let answer = try await Self.brusselsToAJEAndBack()
        #expect(answer.returnDay == CalendarDay(iso: "2026-07-25"))
        let inbound = try #require(answer.inbound)
        let text = RoutesText.render(answer, localizer: Localizer(.en), details: false)
        let returnPart = try #require(text.components(separatedBy: "Return —").last)
        #expect(!returnPart.contains("+21 d"), "\(returnPart)")
        let first = inbound.itineraries[0]
        #expect(returnPart.contains(RoutesText.leaveAt(first, from: CalendarDay(iso: "2026-07-25")!, Localizer(.en))))
    }

    /// The round-trip line (one function for the CLI's table and the web page) adds up the first option each way.
    @Test func theRoundTripLineAddsTheFirstOptionEachWay() async throws {
        let answer = try await Self.brusselsToAJEAndBack()
        let out = answer.outbound.itineraries[0]
        let back = try #require(answer.inbound).itineraries[0]
        let l = Localizer(.fr)
        let line = RoutesText.roundTripSentence(outbound: out, back: back, l)
        #expect(line.hasPrefix("Aller-retour (options n° 1) : " + l.numbers.kg(out.co2eKgPerPerson + back.co2eKgPerPerson)))
        let groupTonnes = (out.footprint.group.totalKg + back.footprint.group.totalKg) / 1000
        #expect(line.contains(l.numbers.format(groupTonnes, decimals: 2) + " t pour le groupe"))
        #expect(line.hasSuffix("\(out.nightsEnRoute + back.nightsEnRoute)"))
        #expect(RoutesText.render(answer, localizer: l, details: false).contains(line))
    }
}

@Suite struct FrenchErrorTests {
    /// The whole message a French coordinator reads for a group that is too large: French from end to end.
    @Test func aTooLargeGroupIsRefusedInFrench() throws {
        let query = EmissionsQuery(
            from: "BRU", to: "DSS", mode: .flight, cabinClass: .economy, participants: 600, leaders: 2,
            factorSetID: "desnz-2025", includeAirportHubs: false)
        do {
            _ = try query.run(datasets: RouteAdviceTests.datasets)
            Issue.record("a group of 602 was accepted")
        } catch {
            #expect(
                Localizer(.fr).message(for: error)
                    == "Valeur invalide pour participants : « 602 » ; attendu : au plus 500 voyageurs.")
        }
    }
}

/// French says "avis du 2024-02-27" for a full date but "avis de 2018" for a year or a month (the advice file holds
/// all three).
@Suite struct AdviceDateWordingTests {
    func line(_ date: String, _ language: Language) -> String {
        Localizer(language).advice(
            TravelAdvice(
                id: "EG", countryCode: "EG", area: "", level: .increasedVigilance, places: [], legs: [],
                summaryFR: "", summaryEN: "", adviceDate: date, checkedOn: CalendarDay(iso: "2026-12-03")!,
                sourceURL: "", source: "", unconfirmed: true))
    }

    @Test func aYearOrAMonthTakesDeAFullDateDu() {
        #expect(line("2018", .fr).contains("avis de 2018,"))
        #expect(line("2019-05", .fr).contains("avis de 2019-05,"))
        #expect(line("2024-02-27", .fr).contains("avis du 2024-02-27,"))
        #expect(line("2018", .en).contains("advice of 2018,"))
        #expect(!line("", .fr).contains("avis"))
    }
}
