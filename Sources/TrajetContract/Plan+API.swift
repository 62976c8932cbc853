import TrajetAPI
import TrajetCore
import TrajetQueries

/// Saved plans as openapi.yaml's schemas: `/v1/plans…` and `trajet plans … --format json`.
extension Components.Schemas.Plan {
    package init(_ plan: TrajetCore.Plan) throws(ContractMismatch) {
        self.init(
            id: plan.id, organisationId: plan.organisationId, name: plan.name, partnerId: plan.partnerId,
            originPlaceId: plan.originPlaceId, destinationPlaceId: plan.destinationPlaceId, departDate: plan.departDate,
            returnDate: plan.returnDate, participants: plan.participants, leaders: plan.leaders, minors: plan.minors,
            status: try ContractMismatch.value(plan.status.rawValue, "Plan.status"), notes: plan.notes,
            version: plan.version, createdAt: plan.createdAt, updatedAt: plan.updatedAt, factorSetId: plan.factorSetId,
            factorSetVersion: plan.factorSetVersion)
    }
}

extension Components.Schemas.PlanLeg {
    package init(_ leg: TrajetCore.PlanLeg) throws(ContractMismatch) {
        self.init(
            planId: leg.planId, direction: try ContractMismatch.value(leg.direction.rawValue, "PlanLeg.direction"),
            position: leg.position, legId: leg.legId, mode: leg.mode, fromPlaceId: leg.fromPlaceId,
            toPlaceId: leg.toPlaceId, _operator: leg.operatorName, distanceKm: leg.distanceKm,
            distanceBasis: leg.distanceBasis, durationMinutes: leg.durationMinutes, departure: leg.departure,
            arrival: leg.arrival, ttwGrams: leg.ttwGrams, nonCO2Grams: leg.nonCO2Grams, wttGrams: leg.wttGrams,
            hubGrams: leg.hubGrams, groupTtwGrams: leg.groupTtwGrams, groupNonCO2Grams: leg.groupNonCO2Grams,
            groupWttGrams: leg.groupWttGrams, groupHubGrams: leg.groupHubGrams, vehicles: leg.vehicles,
            fareMinCents: leg.fareMinCents, fareMaxCents: leg.fareMaxCents, factorFile: leg.factorFile,
            factorLine: leg.factorLine, distanceEstimated: leg.distanceEstimated,
            durationEstimated: leg.durationEstimated, fareEstimated: leg.fareEstimated,
            factorEstimated: leg.factorEstimated, serviceUnconfirmed: leg.serviceUnconfirmed,
            footprintNotes: leg.footprintNotes)
    }
}

extension Components.Schemas.PlanDetail {
    /// A plan and its legs; with `notes`, today's travel advice and entry rules for the places its legs go to
    /// (read again on every answer: the advice is today's, not the plan's).
    package init(_ detail: TrajetCore.PlanDetail, notes: RouteNotes?, _ l: Localizer) throws(ContractMismatch) {
        var legs: [Components.Schemas.PlanLeg] = []
        for leg in detail.legs { legs.append(try .init(leg)) }
        var advice: [Components.Schemas.TravelAdvice]?
        var entryRules: [Components.Schemas.EntryRule]?
        if let notes {
            let legNotes = notes.planLegNotes(detail.legs)
            var rows: [Components.Schemas.TravelAdvice] = []
            for row in legNotes.flatMap(\.advice) { rows.append(try .init(row, l)) }
            advice = rows
            entryRules = legNotes.compactMap { $0.entryRule.map { .init($0, l) } }
        }
        self.init(plan: try .init(detail.plan), legs: legs, travelAdvice: advice, entryRules: entryRules)
    }
}
