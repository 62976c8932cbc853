import Testing
import TrajetCore

@Suite struct EmissionCalculatorTests {
    let desnz = EmissionCalculator(factorSet: Fixtures.desnz2025, hubs: HubFactors(airportKgPerPassenger: 1.71, source: "TIM"))

    // reference/emission-factors.md, "A. Default: DESNZ 2025, International, to/from non-UK, Economy":
    // (with RF TTW, without RF TTW, WTT, WTW with RF, WTW without RF) in kg per passenger, one way.
    @Test(arguments: [
        ("CMN", 238.3, 140.8, 36.1, 274.4, 176.9),
        ("CAI", 350.3, 206.9, 53.1, 403.4, 260.1),
        ("DSS", 487.8, 288.2, 74.0, 561.8, 362.2),
        ("LFW", 544.0, 321.4, 82.5, 626.5, 403.9),
    ])
    func reproducesTheDESNZ2025ReferenceFlights(
        destination: String, ttwWithRF: Double, ttwWithoutRF: Double, wtt: Double, wtw: Double, wtwWithoutRF: Double
    ) throws {
        let to = Fixtures.network.place(PlaceID(destination))!
        let footprint = try desnz.footprint(of: Fixtures.flight(Fixtures.bru, to), group: .single)
        #expect(isClose(footprint.perPerson.ttwKg + footprint.perPerson.nonCO2Kg, ttwWithRF))
        #expect(isClose(footprint.perPerson.ttwKg, ttwWithoutRF))
        #expect(isClose(footprint.perPerson.wttKg, wtt))
        #expect(isClose(footprint.perPerson.totalKg, wtw))
        #expect(isClose(footprint.perPerson.totalWithoutNonCO2Kg, wtwWithoutRF))
        #expect(footprint.perPerson.totalKg >= footprint.perPerson.totalWithoutNonCO2Kg)
    }

    @Test func unknownCabinClassUsesTheAveragePassengerRow() throws {
        // Same reference, "Average passenger": BRU–DSS 636.9 / 376.2 / +96.6.
        let footprint = try desnz.footprint(
            of: Fixtures.flight(Fixtures.bru, Fixtures.dss), group: .single, options: .init(cabinClass: .average))
        #expect(isClose(footprint.perPerson.ttwKg + footprint.perPerson.nonCO2Kg, 636.9))
        #expect(isClose(footprint.perPerson.wttKg, 96.6))
    }

    @Test func flightsTouchingTheUKUseTheHaulRowsByDistance() throws {
        let short = try desnz.footprint(of: Fixtures.flight(Fixtures.lhr, Fixtures.cmn), group: .single)
        #expect(short.factorUse.line == 4)
        let long = try desnz.footprint(of: Fixtures.flight(Fixtures.lhr, Fixtures.lfw), group: .single)
        #expect(long.factorUse.line == 5)
        let nonUK = try desnz.footprint(of: Fixtures.flight(Fixtures.bru, Fixtures.lfw), group: .single)
        #expect(nonUK.factorUse.line == 2)
    }

    @Test func groupTotalIsPerPersonTimesPeopleForMassTransport() throws {
        let group = try Group(participants: 14, leaders: 2)
        let footprint = try desnz.footprint(of: Fixtures.flight(Fixtures.bru, Fixtures.dss), group: group)
        #expect(isClose(footprint.group.totalKg, footprint.perPerson.totalKg * 16, relative: 1e-12))
        #expect(isClose(footprint.group.totalWithoutNonCO2Kg, footprint.perPerson.totalWithoutNonCO2Kg * 16, relative: 1e-12))
        #expect(footprint.vehicles == nil)
    }

    @Test func railCoachAndFerryUseTheirPassengerKmFactors() throws {
        func surface(_ mode: TransportMode, _ km: Double) throws -> LegFootprint {
            try desnz.footprint(
                of: LegInput(mode: mode, from: Fixtures.midi, to: Fixtures.liege, distanceKm: km, distanceBasis: .route),
                group: .single)
        }
        // Paris–Barcelona TGV 1 073 km on national rail: 1073 × (0.03546 + 0.00897) = 47.67 kg.
        #expect(isClose(try surface(.rail, 1073).perPerson.totalKg, 47.673))
        // Coach 200 km: 200 × (0.02776 + 0.00656) = 6.864 kg.
        #expect(isClose(try surface(.coach, 200).perPerson.totalKg, 6.864))
        // Algeciras–Tanger Med ferry 30 km: 30 × (0.01871 + 0.00424) = 0.6885 kg.
        let ferry = try surface(.ferry, 30)
        #expect(isClose(ferry.perPerson.totalKg, 0.6885))
        #expect(ferry.perPerson.nonCO2Kg == 0)
    }

    @Test(arguments: [(16, 2), (17, 3), (8, 1), (1, 1)])
    func charteredVehiclesCountWholeVehicles(people: Int, expectedVehicles: Int) throws {
        let group = try Group(participants: people)
        let input = LegInput(
            mode: .minibus, from: Fixtures.rabat, to: Fixtures.khemisset, distanceKm: 100, distanceBasis: .route)
        let footprint = try desnz.footprint(of: input, group: group)
        #expect(footprint.vehicles == expectedVehicles)
        let perVehicle = 100 * (0.21007 + 0.04146)
        #expect(isClose(footprint.group.totalKg, perVehicle * Double(expectedVehicles), relative: 1e-12))
        #expect(isClose(footprint.perPerson.totalKg, footprint.group.totalKg / Double(people), relative: 1e-12))
    }

    @Test func sharedTaxisCountOneSeatPerTraveller() throws {
        let group = try Group(participants: 14, leaders: 2)
        let leg = Fixtures.network.legs.first { $0.id == "M3" }!
        let footprint = try desnz.footprint(of: LegInput(leg: leg, in: Fixtures.network)!, group: group)
        // The leg's 6 seats override the factor's default 7.
        #expect(footprint.seatsPerVehicle == 6)
        #expect(footprint.vehicles == 3)
        #expect(isClose(footprint.perPerson.totalKg, 83.5 * (0.21007 + 0.04146) / 6, relative: 1e-12))
        #expect(isClose(footprint.group.totalKg, footprint.perPerson.totalKg * 16, relative: 1e-12))
    }

    @Test func airportHubTermIsOptionalAndCountsTwoAirportsPerFlight() throws {
        let without = try desnz.footprint(of: Fixtures.flight(Fixtures.bru, Fixtures.cmn), group: .single)
        let with = try desnz.footprint(
            of: Fixtures.flight(Fixtures.bru, Fixtures.cmn), group: .single, options: .init(includeAirportHubs: true))
        #expect(without.perPerson.hubKg == 0)
        #expect(isClose(with.perPerson.hubKg, 3.42, relative: 1e-12))
        #expect(isClose(with.perPerson.totalKg - without.perPerson.totalKg, 3.42, relative: 1e-9))
    }

    @Test func aModeWithoutARowIsAnError() {
        let input = LegInput(mode: .nightTrain, from: Fixtures.midi, to: Fixtures.liege, distanceKm: 10, distanceBasis: .route)
        #expect(throws: TrajetError.noFactor(factorSet: "desnz-2025", mode: .nightTrain, variant: "default", distanceKm: 10)) {
            try desnz.footprint(of: input, group: .single)
        }
    }

    @Test func negativeDistanceIsRejected() {
        let input = LegInput(mode: .rail, from: Fixtures.midi, to: Fixtures.liege, distanceKm: -1, distanceBasis: .route)
        #expect(throws: TrajetError.self) { try desnz.footprint(of: input, group: .single) }
    }
}

@Suite struct ADEMEBandTests {
    let ademe = EmissionCalculator(factorSet: Fixtures.ademe2025)

    func footprint(km: Double) throws -> LegFootprint {
        try ademe.footprint(
            of: LegInput(mode: .flight, from: Fixtures.bru, to: Fixtures.cmn, distanceKm: km, distanceBasis: .greatCircle),
            group: .single)
    }

    // "Plane band = first band whose max ≥ distance" (reference §2.1): an edge belongs to the lower band.
    @Test(arguments: [(999.9, 2), (1000, 2), (1000.1, 3), (2000, 3), (2000.1, 4), (5000, 4), (5000.1, 5)])
    func bandEdgesBelongToTheLowerBand(km: Double, expectedLine: Int) throws {
        #expect(try footprint(km: km).factorUse.line == expectedLine)
    }

    @Test func contrailsAreTheNonCO2Term() throws {
        // BRU–DSS in the 2 001–5 000 km band: 4 468.4 × 0.166794 = 745.3 with contrails, 410.2 without (reference §C).
        let f = try footprint(km: 4468.4)
        #expect(isClose(f.perPerson.totalKg, 745.3))
        #expect(isClose(f.perPerson.totalWithoutNonCO2Kg, 410.2))
        #expect(f.perPerson.wttKg == 0)
        #expect(f.notes.contains(.wttIncludedInTTW))
        #expect(f.notes.contains(.cabinClassNotDistinguished))
    }
}

@Suite struct GroupTests {
    @Test func countsParticipantsAndLeaders() throws {
        let group = try Group(participants: 14, leaders: 2, minors: true)
        #expect(group.people == 16)
    }

    @Test(arguments: [(-1, 2), (0, -1), (0, 0), (499, 2)])
    func rejectsImpossibleGroups(participants: Int, leaders: Int) {
        #expect(throws: TrajetError.self) { try Group(participants: participants, leaders: leaders) }
    }
}
