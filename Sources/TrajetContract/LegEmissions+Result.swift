import TrajetAPI
import TrajetCore
import TrajetQueries

/// One leg's footprint as openapi.yaml's `LegEmissions`: each element of `POST /v1/emissions`'s `legs`, and what
/// `trajet emissions --format json` prints.
extension Components.Schemas.LegEmissions {
    package init(_ result: EmissionsQuery.Result, localizer: Localizer) {
        let footprint = result.footprint
        let factor = footprint.factorUse.factor
        var detourFactor: Double?
        if case .greatCircleDetour(let value) = footprint.distanceBasis { detourFactor = value }
        self.init(
            from: .init(result.from), to: .init(result.to), mode: footprint.mode.rawValue,
            cabinClass: result.cabinClass?.rawValue, distanceKm: rounded(footprint.distanceKm, 1),
            distanceBasis: footprint.distanceBasis.identifier, detourFactor: detourFactor, group: .init(result.group),
            vehicles: footprint.vehicles, seatsPerVehicle: footprint.seatsPerVehicle,
            co2eKgPerPerson: rounded(footprint.perPerson.totalKg),
            co2eKgPerPersonWithoutNonCO2: rounded(footprint.perPerson.totalWithoutNonCO2Kg),
            co2eKgGroup: rounded(footprint.group.totalKg),
            co2eKgGroupWithoutNonCO2: rounded(footprint.group.totalWithoutNonCO2Kg),
            components: .init(perPerson: .init(footprint.perPerson), group: .init(footprint.group)),
            factorSet: .init(result.factorSet),
            factor: .init(
                file: footprint.factorUse.file, line: footprint.factorUse.line, reference: factor.reference,
                mode: factor.mode.rawValue, variant: factor.variant.description, region: factor.region.description,
                distanceBand: factor.bandLabel, unit: factor.unit.rawValue, allocation: factor.allocation.rawValue,
                ttwKgPerUnit: factor.ttwKgPerUnit, ttwWithoutNonCO2KgPerUnit: factor.ttwWithoutNonCO2KgPerUnit,
                wttKgPerUnit: factor.wttKgPerUnit, proxy: factor.isProxy, estimate: factor.isEstimate,
                source: factor.source),
            notes: footprint.notes.map { .init(code: $0.rawValue, message: localizer.note($0)) })
    }
}

extension Components.Schemas.EmissionComponents {
    init(_ c: TrajetCore.EmissionComponents) {
        self.init(
            ttwKg: rounded(c.ttwKg), nonCO2Kg: rounded(c.nonCO2Kg), wttKg: rounded(c.wttKg), hubKg: rounded(c.hubKg),
            totalKg: rounded(c.totalKg), totalWithoutNonCO2Kg: rounded(c.totalWithoutNonCO2Kg))
    }
}
