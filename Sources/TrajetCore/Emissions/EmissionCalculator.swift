import Foundation

/// What the calculator needs to know about one leg.
public struct LegInput: Hashable, Sendable {
    /// The longest leg anyone may give (the Earth's circumference at the equator, km): every door and the datasets'
    /// loaders check against this one value; openapi.yaml states it too (`SpecLimitTests`).
    public static let maximumDistanceKm = 40_075.0

    public var mode: TransportMode
    public var from: Place
    public var to: Place
    /// Route distance for surface modes; great-circle distance for flights.
    public var distanceKm: Double
    public var distanceBasis: DistanceBasis
    public var distanceEstimated: Bool
    /// Passengers per vehicle on this service, overriding the factor's default.
    public var vehicleSeats: Int?
    /// The leg says its factor row is a stand-in (`Leg.factorProxy`).
    public var factorProxy = false

    public init(
        mode: TransportMode, from: Place, to: Place, distanceKm: Double, distanceBasis: DistanceBasis,
        distanceEstimated: Bool = false, vehicleSeats: Int? = nil
    ) {
        self.mode = mode
        self.from = from
        self.to = to
        self.distanceKm = distanceKm
        self.distanceBasis = distanceBasis
        self.distanceEstimated = distanceEstimated
        self.vehicleSeats = vehicleSeats
    }

    /// The input for a network leg.
    public init?(leg: Leg, in network: Network) {
        guard let from = network.place(leg.from), let to = network.place(leg.to) else { return nil }
        self.init(
            mode: leg.mode, from: from, to: to, distanceKm: leg.distanceKm, distanceBasis: leg.distanceBasis,
            distanceEstimated: leg.distanceEstimated, vehicleSeats: leg.vehicleSeats)
        factorProxy = leg.factorProxy
    }
}

public struct EmissionOptions: Hashable, Sendable {
    /// Cabin class for flights; the set's default (economy) when nil.
    public var cabinClass: CabinClass?
    /// Add the ISO 14083 airport hub term to each flight (departure and arrival airport).
    public var includeAirportHubs: Bool

    public init(cabinClass: CabinClass? = nil, includeAirportHubs: Bool = false) {
        self.cabinClass = cabinClass
        self.includeAirportHubs = includeAirportHubs
    }
}

/// Applies a factor set to legs. Pure: the same inputs give the same numbers in the CLI and the API.
public struct EmissionCalculator: Sendable {
    public let factorSet: FactorSet
    public let hubs: HubFactors?

    public init(factorSet: FactorSet, hubs: HubFactors? = nil) {
        self.factorSet = factorSet
        self.hubs = hubs
    }

    public func footprint(of input: LegInput, group: Group, options: EmissionOptions = .init()) throws(TrajetError)
        -> LegFootprint
    {
        guard input.distanceKm.isFinite, input.distanceKm >= 0 else {
            throw .invalidValue(
                field: "distanceKm", value: String(input.distanceKm), expected: .w("expect.distance-0-km-or-more"))
        }
        let rules = factorSet.rules
        // Flights: the set's rule decides what distance the factor applies to (DESNZ: great circle, uplift inside).
        let distanceKm =
            input.mode == .flight && input.distanceBasis == .greatCircle
            ? input.distanceKm * rules.flightDistanceMultiplier : input.distanceKm
        let cabin = input.mode == .flight ? (options.cabinClass ?? rules.defaultCabinClass) : nil
        guard
            let factor = factorSet.factor(
                mode: input.mode, cabinClass: cabin, fromCountry: input.from.countryCode,
                toCountry: input.to.countryCode, distanceKm: distanceKm)
        else {
            throw .noFactor(
                factorSet: factorSet.id.rawValue, mode: input.mode, variant: cabin?.rawValue ?? "default",
                distanceKm: distanceKm)
        }

        let perUnit = EmissionComponents(
            ttwKg: factor.ttwWithoutNonCO2KgPerUnit,
            nonCO2Kg: factor.ttwKgPerUnit - factor.ttwWithoutNonCO2KgPerUnit,
            wttKg: factor.wttKgPerUnit ?? 0)
        let people = Double(group.people)
        var perPerson: EmissionComponents
        var groupTotal: EmissionComponents
        var vehicles: Int?
        var seats: Int?
        switch factor.allocation {
        case .perPerson:
            perPerson = perUnit.scaled(by: distanceKm)
            groupTotal = perPerson.scaled(by: people)
        case .perVehicle:
            let seatCount = max(1, input.vehicleSeats ?? factor.seats ?? 1)
            let vehicleCount = (group.people + seatCount - 1) / seatCount
            groupTotal = perUnit.scaled(by: distanceKm * Double(vehicleCount))
            perPerson = groupTotal.scaled(by: 1 / people)
            vehicles = vehicleCount
            seats = seatCount
        case .perSeat:
            let seatCount = max(1, input.vehicleSeats ?? factor.seats ?? 1)
            perPerson = perUnit.scaled(by: distanceKm / Double(seatCount))
            groupTotal = perPerson.scaled(by: people)
            vehicles = (group.people + seatCount - 1) / seatCount
            seats = seatCount
        }
        if input.mode == .flight, options.includeAirportHubs, let hubs {
            let hub = EmissionComponents(hubKg: 2 * hubs.airportKgPerPassenger)
            perPerson = perPerson + hub
            groupTotal = groupTotal + hub.scaled(by: people)
        }

        var notes: [FootprintNote] = []
        if input.mode == .flight, factor.variant == .anyCabin { notes.append(.cabinClassNotDistinguished) }
        if factor.wttKgPerUnit == nil {
            notes.append(rules.wttIncludedInTTW ? .wttIncludedInTTW : .wttNotPublished)
        }
        if factor.isProxy || input.factorProxy { notes.append(.proxyFactor) }
        if factor.isEstimate { notes.append(.estimatedFactor) }
        if input.distanceEstimated { notes.append(.estimatedDistance) }

        return LegFootprint(
            mode: input.mode, from: input.from.id, to: input.to.id, distanceKm: distanceKm,
            distanceBasis: input.distanceBasis, vehicles: vehicles, seatsPerVehicle: seats, perPerson: perPerson,
            group: groupTotal,
            factorUse: FactorUse(
                factorSetID: factorSet.id, factorSetVersion: factorSet.version, file: factorSet.factorsFile,
                line: factor.line, factor: factor),
            notes: notes)
    }

    public func footprint(of legs: [LegInput], group: Group, options: EmissionOptions = .init()) throws(TrajetError)
        -> TripFootprint
    {
        var result: [LegFootprint] = []
        for leg in legs { result.append(try footprint(of: leg, group: group, options: options)) }
        return TripFootprint(legs: result, people: group.people)
    }
}
