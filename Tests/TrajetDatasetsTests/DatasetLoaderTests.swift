import Foundation
import Testing
import TrajetCore
import TrajetDatasets

@Suite struct DatasetLoaderTests {
    func issues(_ datasets: MiniDatasets) throws -> [DatasetIssue] {
        let directory = try datasets.write()
        defer { try? FileManager.default.removeItem(at: directory) }
        do {
            _ = try Datasets.load(from: directory)
            return []
        } catch {
            return error.issues
        }
    }

    @Test func theMiniDatasetsLoad() throws {
        let directory = try MiniDatasets().write()
        defer { try? FileManager.default.removeItem(at: directory) }
        let datasets = try Datasets.load(from: directory)
        #expect(datasets.network.places.count == 4)
        #expect(datasets.network.legs.count == 2)
        let rail = try #require(datasets.network.legs.first { $0.id == "BE1" })
        let gc = datasets.network.greatCircleKm("BE-LIEGE-G", "BE-BXL-MIDI")!
        #expect(abs(rail.distanceKm - gc * 1.15) < 1e-9)
        #expect(rail.distanceEstimated)
        #expect(rail.fare == FareRange(minCents: 1000, maxCents: 2000))
        let flight = try #require(datasets.network.legs.first { $0.id == "F1" })
        #expect(flight.daysOfWeek == [.monday, .wednesday, .friday])
        #expect(flight.departureTimes.map(\.description) == ["14:15"])
        #expect(datasets.factorSets["test-set"]?.factors.count == 2)
        #expect(datasets.hubs?.airportKgPerPassenger == 1.71)
    }

    @Test func unknownPlaceInALegNamesFileLineAndColumn() throws {
        let found = try issues(MiniDatasets().replacing(\.legs, "F1,BRU,DSS", with: "F1,BRU,XX-NOWHERE"))
        let issue = try #require(found.first)
        #expect(issue.file == "network/legs.csv")
        #expect(issue.line == 3)
        #expect(issue.column == "to")
        #expect(issue.message.contains("XX-NOWHERE"))
    }

    @Test func duplicatePlaceIdIsReportedWithBothLines() throws {
        let found = try issues(MiniDatasets().replacing(\.places, "DSS,Blaise", with: "BRU,Blaise"))
        #expect(found.contains { $0.file == "network/places.csv" && $0.line == 3 && $0.column == "id" && $0.message.contains("line 2") })
    }

    @Test func badCoordinateIsReported() throws {
        let found = try issues(MiniDatasets().replacing(\.places, "14.670000", with: "114.67"))
        #expect(found.contains { $0.file == "network/places.csv" && $0.line == 3 && $0.column == "latitude" })
        let text = try issues(MiniDatasets().replacing(\.places, "-17.073333", with: "west"))
        #expect(text.contains { $0.column == "longitude" && $0.message.contains("not a number") })
    }

    @Test func unknownModeIsReported() throws {
        let found = try issues(MiniDatasets().replacing(\.legs, ",flight,", with: ",zeppelin,"))
        #expect(found.contains { $0.line == 3 && $0.column == "mode" && $0.message.contains("zeppelin") })
        let inFactors = try issues(MiniDatasets().replacing(\.factors, "rail,default", with: "hovercraft,default"))
        #expect(inFactors.contains { $0.file == "factors/test-set/factors.csv" && $0.line == 3 && $0.column == "mode" })
    }

    @Test func negativeDistanceIsReported() throws {
        let found = try issues(
            MiniDatasets().replacing(\.legs, ",,great_circle_detour,1.15,", with: ",-90,route,,"))
        #expect(found.contains { $0.line == 2 && $0.column == "distance_km" && $0.message.contains("negative") })
    }

    @Test func missingSourceIsReported() throws {
        let found = try issues(MiniDatasets().replacing(\.places, ",no,,trainline\nBE-LIEGE", with: ",no,,\nBE-LIEGE"))
        #expect(found.contains { $0.file == "network/places.csv" && $0.line == 4 && $0.column == "source" })
        let factor = try issues(MiniDatasets().replacing(\.factors, "ref,,DESNZ 2025\nrail", with: "ref,,\nrail"))
        #expect(factor.contains { $0.file == "factors/test-set/factors.csv" && $0.line == 2 && $0.column == "source" })
    }

    @Test func rowWithTooManyFieldsPointsAtQuoting() throws {
        let found = try issues(MiniDatasets().replacing(\.places, "Blaise Diagne International Airport", with: "Blaise, Diagne"))
        #expect(found.contains { $0.line == 3 && $0.message.contains("quote") })
    }

    @Test func unclosedQuoteIsReportedOnItsLine() throws {
        let found = try issues(MiniDatasets().replacing(\.places, "Blaise Diagne", with: "\"Blaise Diagne"))
        #expect(found.contains { $0.file == "network/places.csv" && $0.line == 3 && $0.message.contains("quote") })
    }

    @Test func missingColumnIsReportedOnTheHeader() throws {
        let found = try issues(MiniDatasets().replacing(\.legs, ",operator,", with: ",operateur,"))
        #expect(found.contains { $0.file == "network/legs.csv" && $0.line == 1 && $0.message.contains("operator") })
    }

    @Test func unknownTimeZoneAndBadTimesAreReported() throws {
        let zone = try issues(MiniDatasets().replacing(\.places, "Africa/Dakar", with: "Africa/Atlantis"))
        #expect(zone.contains { $0.column == "timezone" })
        let time = try issues(MiniDatasets().replacing(\.legs, "14:15", with: "25:99"))
        #expect(time.contains { $0.column == "departure_times" })
    }

    @Test func everyProblemIsReportedAndNothingIsReturned() throws {
        let broken = MiniDatasets()
            .replacing(\.legs, "F1,BRU,DSS", with: "F1,BRU,NOPE")
            .replacing(\.places, "14.670000", with: "99")
        let found = try issues(broken)
        #expect(found.count >= 2)
    }

    @Test func aLegWhoseModeHasNoFactorIsACoverageError() throws {
        let found = try issues(MiniDatasets().replacing(\.legs, ",rail,SNCB", with: ",coach,SNCB"))
        #expect(found.contains { $0.file == "factors/test-set/factors.csv" && $0.message.contains("coach") && $0.message.contains("BE1") })
    }

    @Test func overlappingFactorBandsAreAmbiguous() throws {
        let found = try issues(
            MiniDatasets().replacing(
                \.factors, "rail,default,any,,,", with: "flight,economy,not_touches:GB,1000,,"))
        #expect(found.contains { $0.line == 3 && $0.message.contains("overlaps") })
    }

    @Test func wttPublishedButMissingIsReported() throws {
        let found = try issues(MiniDatasets().replacing(\.factors, "0.06449,0.01656", with: "0.06449,"))
        #expect(found.contains { $0.column == "wtt_kg" && $0.line == 2 })
    }

    @Test func setIdMustMatchItsFolder() throws {
        let found = try issues(MiniDatasets().replacing(\.setMetadata, "id,test-set", with: "id,other"))
        #expect(found.contains { $0.file == "factors/test-set/set.csv" && $0.message.contains("folder") })
    }

    @Test func locatorSaysWhereItLooked() {
        let locator = DatasetLocator(
            explicitPath: "/nonexistent/Datasets", environment: [:], workingDirectory: "/tmp", executablePath: nil)
        do {
            _ = try locator.locate()
            Issue.record("expected DatasetsNotFound")
        } catch {
            #expect(error.description.contains("/nonexistent/Datasets"))
            #expect(error.description.contains("--datasets"))
        }
    }

    @Test func locatorFindsTheShippedDatasetsFromAnyDirectory() throws {
        let locator = DatasetLocator(environment: [:], workingDirectory: "/", executablePath: nil)
        let url = try locator.locate()
        #expect(FileManager.default.fileExists(atPath: url.appendingPathComponent("network/places.csv").path))
    }
}

@Suite struct TravelSupportLoaderTests {
    func issues(_ datasets: MiniDatasets) throws -> [DatasetIssue] { try DatasetLoaderTests().issues(datasets) }

    @Test func bandsLoadAndPickByRoundedDistanceAndCallYear() throws {
        let directory = try MiniDatasets().write()
        defer { try? FileManager.default.removeItem(at: directory) }
        let rules = try Datasets.load(from: directory).travelSupport
        #expect(rules.bands.count == 4)
        #expect(rules.band(distanceKm: 99.4, callYear: 2026)?.standardEur == 28)
        #expect(rules.band(distanceKm: 99.5, callYear: 2026)?.standardEur == 211)
        #expect(rules.band(distanceKm: 9.4, callYear: 2026) == nil)
        #expect(rules.band(distanceKm: 12_000, callYear: 2026)?.greenEur == 1735)
        #expect(rules.band(distanceKm: 50, callYear: 2023) == nil)
        #expect(rules.eligibility["SN"]?.eligible == false)
    }

    @Test func overlappingBandsAreRefusedWithTheirLines() throws {
        let found = try issues(MiniDatasets().replacing(\.travelBands, "2024,,100,499", with: "2024,,90,499"))
        let overlap = found.contains {
            $0.file == "funding/erasmus-plus-travel-bands.csv" && $0.line == 3 && $0.message.contains("overlaps line 2")
        }
        #expect(overlap)
    }

    @Test func aMissingFundingFileIsNamed() throws {
        var datasets = MiniDatasets()
        datasets.exchangeCountries = "country_code,eligible\nBE,yes"
        let found = try issues(datasets)
        let named = found.contains {
            $0.file == "funding/erasmus-plus-youth-exchange-countries.csv" && $0.message.contains("region")
        }
        #expect(named)
    }
}
