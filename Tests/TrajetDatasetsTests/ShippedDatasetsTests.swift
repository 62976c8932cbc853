import Foundation
import Testing
import TrajetCore
import TrajetDatasets

/// The datasets in the repository, loaded once for the suite.
enum Shipped {
    static let datasets: Datasets = {
        let directory = try! DatasetLocator(environment: [:], executablePath: nil).locate()
        do {
            return try Datasets.load(from: directory)
        } catch {
            fatalError("The shipped datasets do not load:\n\(error)")
        }
    }()
}

@Suite struct ShippedDatasetsTests {
    let datasets = Shipped.datasets

    @Test func loadWithoutAnyIssue() throws {
        let directory = try DatasetLocator(environment: [:], executablePath: nil).locate()
        #expect(throws: Never.self) { try Datasets.load(from: directory) }
    }

    @Test func holdTheFourPartnersAndTheBelgianDepartures() throws {
        let network = datasets.network
        #expect(Set(network.partners.keys.map(\.rawValue)) == ["twiza", "aje", "lekaa", "alafia-jeunes"])
        let resolver = PlaceResolver(network: network)
        for city in ["Brussels", "Bruxelles", "Liège", "Liege", "Namur", "Charleroi", "Antwerp", "Anvers"] {
            #expect(try resolver.resolve(city, for: .surface).countryCode == "BE", "\(city)")
        }
        #expect(try resolver.resolve("twiza").id == "MA-KHEMISSET")
        #expect(try resolver.resolve("Khemisset").id == "MA-KHEMISSET")
        #expect(try resolver.resolve("Thiès").countryCode == "SN")
    }

    @Test func holdEveryAirportOfTheReference() {
        let airports = [
            "BRU", "CRL", "LGG", "ANR", "AMS", "CDG", "ORY", "MAD", "BCN", "LIS", "CMN", "RAK", "RBA", "FEZ", "TNG",
            "NDR", "AGA", "VIL", "NKC", "NDB", "DSS", "DKR", "CAI", "HBE", "LXR", "ASW", "HRG", "SSH", "LFW", "ABJ",
            "ACC", "ADD", "IST", "LOS", "COO", "OUA", "BKO",
        ]
        for code in airports {
            #expect(datasets.network.place(PlaceID(code))?.kind == .airport, "\(code)")
        }
    }

    @Test func liegeAirportHasNoScheduledFlights() {
        #expect(!datasets.network.legs.contains { $0.mode == .flight && ($0.from == "LGG" || $0.to == "LGG") })
    }

    @Test func everyLegHasASourceAndAFactorInEverySet() throws {
        for leg in datasets.network.legs {
            #expect(!leg.source.isEmpty)
            for set in datasets.factorSets.values {
                let calculator = EmissionCalculator(factorSet: set, hubs: datasets.hubs)
                let input = try #require(LegInput(leg: leg, in: datasets.network))
                #expect(throws: Never.self) { try calculator.footprint(of: input, group: .single) }
            }
        }
    }

    func flight(_ from: String, _ to: String, set: String, cabin: CabinClass? = nil) throws -> LegFootprint {
        let network = datasets.network
        let input = try network.legInput(
            from: try #require(network.place(PlaceID(from))), to: try #require(network.place(PlaceID(to))), mode: .flight)
        return try EmissionCalculator(factorSet: try datasets.factorSet(set), hubs: datasets.hubs)
            .footprint(of: input, group: .single, options: .init(cabinClass: cabin))
    }

    // reference/emission-factors.md, "A. Default: DESNZ 2025 … Economy": WTW with RF, WTW without RF.
    @Test(arguments: [("CMN", 274.4, 176.9), ("CAI", 403.4, 260.1), ("DSS", 561.8, 362.2), ("LFW", 626.5, 403.9)])
    func desnz2025ReferenceFlightsFromBrussels(to: String, withNonCO2: Double, withoutNonCO2: Double) throws {
        let f = try flight("BRU", to, set: "desnz-2025")
        #expect(isClose(f.perPerson.totalKg, withNonCO2))
        #expect(isClose(f.perPerson.totalWithoutNonCO2Kg, withoutNonCO2))
        #expect(f.factorUse.factor.region == .notTouches("GB"))
    }

    // Same reference, table C: DESNZ 2024 International non-UK economy, TTW with RF / without RF (no WTT).
    @Test(arguments: [("CMN", 293.9, 173.5), ("CAI", 432.0, 255.0), ("DSS", 601.7, 355.1), ("LFW", 671.0, 396.1)])
    func desnz2024ReferenceFlightsFromBrussels(to: String, withNonCO2: Double, withoutNonCO2: Double) throws {
        let f = try flight("BRU", to, set: "desnz-2024")
        #expect(isClose(f.perPerson.totalKg, withNonCO2))
        #expect(isClose(f.perPerson.totalWithoutNonCO2Kg, withoutNonCO2))
        #expect(f.notes.contains(.wttNotPublished))
    }

    // Table C: ADEME impactco2 2025, band 2 001–5 000 km, with / without contrails.
    @Test(arguments: [("CMN", 364.1, 200.4), ("CAI", 535.2, 294.5), ("DSS", 745.3, 410.2), ("LFW", 831.2, 457.4)])
    func ademe2025ReferenceFlightsFromBrussels(to: String, withNonCO2: Double, withoutNonCO2: Double) throws {
        let f = try flight("BRU", to, set: "ademe-2025")
        #expect(isClose(f.perPerson.totalKg, withNonCO2))
        #expect(isClose(f.perPerson.totalWithoutNonCO2Kg, withoutNonCO2))
    }

    func networkLeg(_ from: String, _ to: String, _ mode: TransportMode) throws -> Leg {
        try #require(datasets.network.legs(from: PlaceID(from), to: PlaceID(to), mode: mode).first)
    }

    @Test func parisBarcelonaTGVUsesTheSourcedLineDistance() throws {
        let leg = try networkLeg("FR-PARIS-GDL", "ES-BCN-SANTS", .highSpeedRail)
        #expect(leg.distanceKm == 1073)
        let f = try EmissionCalculator(factorSet: try datasets.factorSet("desnz-2025"))
            .footprint(of: try #require(LegInput(leg: leg, in: datasets.network)), group: .single)
        // 1 073 km × (0.00446 + 0.00117) kg/pkm = 6.041 kg; a proxy (DESNZ publishes no TGV row).
        #expect(isClose(f.perPerson.totalKg, 6.041))
        #expect(f.notes.contains(.proxyFactor))
    }

    @Test func algecirasTangerMedFerryIsAFootPassenger() throws {
        let leg = try networkLeg("ES-PORT-ALGECIRAS", "MA-PORT-TANGER-MED", .ferry)
        let f = try EmissionCalculator(factorSet: try datasets.factorSet("desnz-2025"))
            .footprint(of: try #require(LegInput(leg: leg, in: datasets.network)), group: .single)
        #expect(isClose(f.perPerson.totalKg, leg.distanceKm * (0.01871 + 0.00424)))
    }

    @Test func casablancaMarrakechTrainIsAMoroccanRailProxy() throws {
        let leg = try networkLeg("MA-CASA-VOY", "MA-MARRAKECH", .rail)
        #expect(leg.distanceKm == 248)
        let f = try EmissionCalculator(factorSet: try datasets.factorSet("desnz-2025"))
            .footprint(of: try #require(LegInput(leg: leg, in: datasets.network)), group: .single)
        #expect(f.factorUse.factor.region == .within("MA"))
        #expect(isClose(f.perPerson.totalKg, 248 * (0.03546 + 0.00897)))
        #expect(f.notes.contains(.proxyFactor))
    }

    @Test func aCoachLegUsesTheCoachFactor() throws {
        let leg = try #require(datasets.network.legs.first { $0.mode == .coach && $0.distanceBasis == .route })
        let f = try EmissionCalculator(factorSet: try datasets.factorSet("desnz-2025"))
            .footprint(of: try #require(LegInput(leg: leg, in: datasets.network)), group: .single)
        #expect(isClose(f.perPerson.totalKg, leg.distanceKm * (0.02776 + 0.00656)))
    }
}

func isClose(_ actual: Double, _ expected: Double, relative tolerance: Double = 0.005) -> Bool {
    abs(actual - expected) <= tolerance * abs(expected)
}
