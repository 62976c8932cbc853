import ArgumentParser
import Foundation
import Testing
import TrajetAPI
import TrajetContract
import TrajetCore
import TrajetDatasets

@testable import TrajetCLI
@testable import TrajetQueries

enum ShippedData {
    static let datasets: Datasets = {
        let directory = try! DatasetLocator(environment: [:], executablePath: nil).locate()
        return try! Datasets.load(from: directory)
    }()
}

enum ShippedSettings {
    static func load() async throws -> Settings {
        try await Settings.load(configFile: nil, overrides: .init(), environment: [:])
    }
}

@Suite struct EmissionsCommandTests {
    func query(
        from: String = "BRU", to: String = "DSS", mode: TransportMode = .flight, participants: Int? = 14,
        leaders: Int? = 2, set: String = "desnz-2025"
    ) -> EmissionsQuery {
        EmissionsQuery(
            from: from, to: to, mode: mode, cabinClass: .economy, participants: participants, leaders: leaders,
            factorSetID: set, distanceKm: nil, includeAirportHubs: false)
    }

    @Test func brusselsDakarForAGroupMatchesTheReference() throws {
        let result = try query().run(datasets: ShippedData.datasets)
        #expect(result.group.people == 16)
        #expect(isClose(result.footprint.perPerson.totalKg, 561.8))
        #expect(isClose(result.footprint.group.totalKg, 561.8 * 16))
    }

    @Test func jsonHasTheStableKeys() throws {
        let result = try query().run(datasets: ShippedData.datasets)
        let json = try encodeJSON(Components.Schemas.LegEmissions(result, localizer: Localizer(.en)))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        for key in [
            "distanceKm", "co2eKgPerPerson", "co2eKgPerPersonWithoutNonCO2", "co2eKgGroup", "components", "factorSet",
            "factor", "notes", "from", "to", "group",
        ] {
            #expect(object[key] != nil, "missing \(key)")
        }
        #expect(object["co2eKgPerPerson"] as? Double == rounded(result.footprint.perPerson.totalKg))
        let factorSet = try #require(object["factorSet"] as? [String: Any])
        #expect(factorSet["id"] as? String == "desnz-2025")
        #expect(factorSet["version"] as? String != nil)
        let factor = try #require(object["factor"] as? [String: Any])
        #expect(factor["line"] as? Int != nil)
        #expect(factor["file"] as? String == "factors/desnz-2025/factors.csv")
    }

    @Test func cityNamesWithoutAccentsWork() throws {
        let result = try query(from: "bruxelles", to: "dakar").run(datasets: ShippedData.datasets)
        #expect(result.from.kind == .airport)
        #expect(result.to.countryCode == "SN")
    }

    @Test func misspeltCitySuggestsTheClosestMatch() {
        do throws(TrajetError) {
            _ = try query(from: "Liegge", to: "Namur", mode: .rail).run(datasets: ShippedData.datasets)
            Issue.record("expected an error")
        } catch {
            let message = Localizer(.en).message(for: error)
            #expect(message.contains("Did you mean"))
            #expect(message.contains("Liège"))
            #expect(Localizer(.fr).message(for: error).contains("Vouliez-vous dire"))
        }
    }

    @Test func unknownFactorSetListsTheAvailableOnes() {
        #expect(throws: TrajetError.unknownFactorSet(id: "desnz-1999", available: ["ademe-2025", "desnz-2024", "desnz-2025"])) {
            try query(set: "desnz-1999").run(datasets: ShippedData.datasets)
        }
    }

    @Test func negativeGroupSizeIsRefusedAtParsing() {
        #expect(throws: (any Error).self) {
            _ = try TrajetCommand.parseAsRoot(["emissions", "--from", "BRU", "--to", "DSS", "--mode", "flight", "--participants", "-3"])
        }
    }

    /// Bug: `--lang fr` still refused options in English ("--participants must be 0 or more").
    @Test(arguments: [
        (["emissions", "--from", "BRU", "--to", "DSS", "--mode", "flight", "--participants", "-3", "--lang", "fr"],
         "--participants doit valoir 0 ou plus (reçu : -3)."),
        (["routes", "liege", "twiza", "--depart", "2026-13-40", "--lang", "fr"],
         "--depart : « 2026-13-40 » n'est pas une date ; attendu : AAAA-MM-JJ ou AAAA-MM-JJTHH:MM, des années 2000 à 2100."),
        (["report", "--year", "1999", "--lang", "fr"], "--year 1999 : attendu : une année entre 2000 et 2100"),
        (["report", "--year", "2026", "--org", "asmae", "--network", "--lang", "en"],
         "--org and --network exclude each other: choose one"),
        (["places", "--per-page", "0", "--lang", "fr"], "--per-page doit aller de 1 à 1000 (reçu : 0)."),
    ])
    func optionErrorsAreInTheCallersLanguage(arguments: [String], message: String) {
        do {
            _ = try TrajetCommand.parseAsRoot(arguments)
            Issue.record("\(arguments) was accepted")
        } catch {
            #expect(TrajetCommand.message(for: error) == message)
            #expect(TrajetCommand.exitCode(for: error) == .validationFailure)
        }
    }

    @Test func tableIsInFrenchWithFrenchNumbers() throws {
        let result = try query().run(datasets: ShippedData.datasets)
        let text = EmissionsTable.render(result, localizer: Localizer(.fr))
        #expect(text.contains("Total avec effets hors CO2"))
        #expect(text.contains("561,8 kg"))
        let english = EmissionsTable.render(result, localizer: Localizer(.en))
        #expect(english.contains("Total with non-CO2 effects"))
        #expect(english.contains("8,988.") || english.contains("8,989."))
    }
}

@Suite struct LanguageTests {
    @Test(arguments: [
        (["LANG": "fr_BE.UTF-8"], Language.fr), (["LANG": "en_GB.UTF-8"], .en), ([:], .en),
        (["LC_ALL": "fr_FR", "LANG": "en_US"], .fr), (["LANG": "C.UTF-8"], .en),
    ])
    func defaultComesFromTheLocale(environment: [String: String], expected: Language) {
        #expect(Language.fromEnvironment(environment) == expected)
    }

    @Test func numbersFollowTheLanguage() {
        #expect(NumberStyle(.fr).format(1234.5) == "1\u{202F}234,5")
        #expect(NumberStyle(.en).format(1234.5) == "1,234.5")
        #expect(NumberStyle(.en).format(-0.01) == "0.0")
        #expect(NumberStyle(.en).format(1_234_567.891, decimals: 2) == "1,234,567.89")
    }
}

@Suite struct SettingsTests {
    @Test func flagsBeatEnvironmentWhichBeatsTheFile() async throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("trajet-\(UUID()).yaml")
        try "language: en\nemissions:\n  factorSet: desnz-2024\n  cabinClass: business\n".write(
            to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        let fromFile = try await Settings.load(configFile: file.path, overrides: .init(), environment: [:])
        #expect(fromFile.factorSetID == "desnz-2024")
        #expect(fromFile.cabinClass == .business)
        #expect(fromFile.language == .en)
        let fromEnvironment = try await Settings.load(
            configFile: file.path, overrides: .init(), environment: ["TRAJET_EMISSIONS_FACTOR_SET": "ademe-2025"])
        #expect(fromEnvironment.factorSetID == "ademe-2025")
        let fromFlags = try await Settings.load(
            configFile: file.path, overrides: .init(language: .fr, factorSetID: "desnz-2025"),
            environment: ["TRAJET_EMISSIONS_FACTOR_SET": "ademe-2025"])
        #expect(fromFlags.factorSetID == "desnz-2025")
        #expect(fromFlags.language == .fr)
    }

    @Test func invalidValuesNameTheKey() async throws {
        await #expect(throws: SettingsError.self) {
            _ = try await Settings.load(
                configFile: nil, overrides: .init(), environment: ["TRAJET_EMISSIONS_CABIN_CLASS": "deluxe", "TRAJET_CONFIG": ""])
        }
    }

    @Test func theRefusalDelayIsReadAndBounded() async throws {
        let shipped = try await Settings.load(configFile: nil, overrides: .init(), environment: ["TRAJET_CONFIG": ""])
        #expect(shipped.server.refusalDelayMilliseconds == 500)
        let off = try await Settings.load(
            configFile: nil, overrides: .init(), environment: ["TRAJET_SERVER_REFUSAL_DELAY_MILLISECONDS": "0", "TRAJET_CONFIG": ""])
        #expect(off.server.refusalDelayMilliseconds == 0)
        do {
            _ = try await Settings.load(
                configFile: nil, overrides: .init(),
                environment: ["TRAJET_SERVER_REFUSAL_DELAY_MILLISECONDS": "60000", "TRAJET_CONFIG": ""])
            Issue.record("a one-minute pause was accepted")
        } catch let error as SettingsError {
            #expect("\(error)".contains("server.refusalDelayMilliseconds") && "\(error)".contains("10000"))
        }
    }

    @Test func theSessionSecretIsSecretAndLongEnough() async throws {
        let secret = String(repeating: "k", count: 32)
        let settings = try await Settings.load(
            configFile: nil, overrides: .init(),
            environment: ["TRAJET_SERVER_SESSION_SECRET": secret, "TRAJET_SERVER_SECURE_COOKIES": "true", "TRAJET_CONFIG": ""])
        #expect(settings.server.sessionSecret == secret)
        #expect(settings.server.secureCookies)
        do {
            _ = try await Settings.load(
                configFile: nil, overrides: .init(), environment: ["TRAJET_SERVER_SESSION_SECRET": "short", "TRAJET_CONFIG": ""])
            Issue.record("a 5-character secret was accepted")
        } catch let error as SettingsError {
            #expect("\(error)".contains("server.sessionSecret"))
            // The message says how long it was, never what it was.
            #expect(!"\(error)".contains("short"))
        }
    }

    @Test func connectionsAreReadByDirectionAndTheOldFlatKeyIsNamed() async throws {
        let settings = try await Settings.load(
            configFile: nil, overrides: .init(),
            environment: [
                "TRAJET_ROUTING_CONNECTION_MINUTES_ARRIVING_AIRPORT": "30",
                "TRAJET_ROUTING_FINAL_TRANSFER_ARRIVE_BY": "21:30",
            ])
        #expect(settings.routing.alightingMinutes[.airport] == 30)
        #expect(settings.routing.boardingMinutes[.airport] == 120)
        #expect(settings.routing.finalTransferMaxMinutes == 120)
        #expect(settings.routing.finalTransferArriveByMinutes == 21 * 60 + 30)
        // A configuration written before connections were split by direction is refused, naming both new keys.
        do {
            _ = try await Settings.load(
                configFile: nil, overrides: .init(), environment: ["TRAJET_ROUTING_CONNECTION_MINUTES_AIRPORT": "90"])
            Issue.record("the old key was accepted")
        } catch let error as SettingsError {
            #expect("\(error)".contains("routing.connectionMinutes.departing.airport"))
            #expect("\(error)".contains("routing.connectionMinutes.arriving.airport"))
        }
    }

    @Test func theShippedConfigIsFoundAndReadable() async throws {
        let settings = try await Settings.load(configFile: nil, overrides: .init(), environment: ["LANG": "fr_BE.UTF-8"])
        #expect(settings.factorSetID == "desnz-2025")
        #expect(settings.language == .fr)
        #expect(settings.configFile?.hasSuffix("config/trajet.yaml") == true)
    }
}

func isClose(_ actual: Double, _ expected: Double, relative tolerance: Double = 0.005) -> Bool {
    abs(actual - expected) <= tolerance * abs(expected)
}
