import Foundation

extension PlanLeg {
    /// The legs of an itinerary as saved in a plan: kg become whole grams, so sums in SQL are exact.
    public static func legs(of itinerary: Itinerary, planId: String, direction: LegDirection) -> [PlanLeg] {
        itinerary.legs.enumerated().map { index, item in
            let footprint = item.footprint
            let notes = footprint.notes
            return PlanLeg(
                planId: planId, direction: direction, position: index + 1, legId: item.leg.id.rawValue,
                mode: item.leg.mode.rawValue, fromPlaceId: item.leg.from.rawValue, toPlaceId: item.leg.to.rawValue,
                operatorName: item.leg.operatorName, distanceKm: footprint.distanceKm,
                distanceBasis: footprint.distanceBasis.identifier, durationMinutes: item.leg.durationMinutes,
                departure: item.departure.iso8601, arrival: item.arrival.iso8601,
                ttwGrams: grams(footprint.perPerson.ttwKg), nonCO2Grams: grams(footprint.perPerson.nonCO2Kg),
                wttGrams: grams(footprint.perPerson.wttKg), hubGrams: grams(footprint.perPerson.hubKg),
                groupTtwGrams: grams(footprint.group.ttwKg), groupNonCO2Grams: grams(footprint.group.nonCO2Kg),
                groupWttGrams: grams(footprint.group.wttKg), groupHubGrams: grams(footprint.group.hubKg),
                vehicles: footprint.vehicles, fareMinCents: item.leg.fare?.minCents, fareMaxCents: item.leg.fare?.maxCents,
                factorFile: footprint.factorUse.file, factorLine: footprint.factorUse.line,
                distanceEstimated: item.leg.distanceEstimated || notes.contains(.estimatedDistance),
                durationEstimated: item.leg.durationEstimated, fareEstimated: item.leg.fareEstimated,
                factorEstimated: notes.contains(.proxyFactor) || notes.contains(.estimatedFactor),
                serviceUnconfirmed: item.leg.serviceUnconfirmed,
                footprintNotes: notes.map(\.rawValue).joined(separator: ","))
        }
    }

    /// The same leg with the figures of a new footprint (a recompute with another factor set): distance, CO2e
    /// components, vehicles, factor source and estimate flags; times, fares and places stay.
    public func applying(_ footprint: LegFootprint, networkLeg: Leg) -> PlanLeg {
        var leg = self
        let notes = footprint.notes
        leg.distanceKm = footprint.distanceKm
        leg.distanceBasis = footprint.distanceBasis.identifier
        leg.ttwGrams = Self.grams(footprint.perPerson.ttwKg)
        leg.nonCO2Grams = Self.grams(footprint.perPerson.nonCO2Kg)
        leg.wttGrams = Self.grams(footprint.perPerson.wttKg)
        leg.hubGrams = Self.grams(footprint.perPerson.hubKg)
        leg.groupTtwGrams = Self.grams(footprint.group.ttwKg)
        leg.groupNonCO2Grams = Self.grams(footprint.group.nonCO2Kg)
        leg.groupWttGrams = Self.grams(footprint.group.wttKg)
        leg.groupHubGrams = Self.grams(footprint.group.hubKg)
        leg.vehicles = footprint.vehicles
        leg.factorFile = footprint.factorUse.file
        leg.factorLine = footprint.factorUse.line
        leg.distanceEstimated = networkLeg.distanceEstimated || notes.contains(.estimatedDistance)
        leg.factorEstimated = notes.contains(.proxyFactor) || notes.contains(.estimatedFactor)
        leg.footprintNotes = notes.map(\.rawValue).joined(separator: ",")
        return leg
    }

    package static func grams(_ kg: Double) -> Int { Int((kg * 1000).rounded()) }
}

/// Recomputes saved legs' footprints with a factor set: each leg is looked up by its network leg id; a leg no
/// longer in the network keeps its saved numbers and is reported.
public struct PlanRecomputer: Sendable {
    public let network: Network
    public let calculator: EmissionCalculator
    public let options: EmissionOptions
    private let legsByID: [String: Leg]

    public init(network: Network, calculator: EmissionCalculator, options: EmissionOptions = .init()) {
        self.network = network
        self.calculator = calculator
        self.options = options
        self.legsByID = Dictionary(network.legs.map { ($0.id.rawValue, $0) }, uniquingKeysWith: { first, _ in first })
    }

    public struct Result: Sendable, Equatable {
        public var legs: [PlanLeg]
        /// Network leg ids (`direction#position legId`) that were not found: their numbers are unchanged.
        public var keptLegs: [String]
    }

    public func recompute(_ detail: PlanDetail) throws(TrajetError) -> Result {
        let plan = detail.plan
        let group = try Group(participants: plan.participants, leaders: plan.leaders, minors: plan.minors)
        var result = Result(legs: [], keptLegs: [])
        for leg in detail.legs {
            guard let networkLeg = legsByID[leg.legId], let input = LegInput(leg: networkLeg, in: network) else {
                result.legs.append(leg)
                result.keptLegs.append("\(leg.direction.rawValue)#\(leg.position) \(leg.legId)")
                continue
            }
            let footprint = try calculator.footprint(of: input, group: group, options: options)
            result.legs.append(leg.applying(footprint, networkLeg: networkLeg))
        }
        return result
    }
}
