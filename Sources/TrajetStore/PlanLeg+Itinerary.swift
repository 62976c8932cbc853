import TrajetCore

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

    static func grams(_ kg: Double) -> Int { Int((kg * 1000).rounded()) }
}
