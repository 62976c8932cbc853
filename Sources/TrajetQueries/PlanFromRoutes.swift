import Foundation
import TrajetCore

/// "Save this option as a plan": the plan and its legs from a routes answer and the options chosen in it (1-based,
/// as the table numbers them). `POST /v1/plans` without an itinerary and the web page's "save" both come here.
package enum PlanFromRoutes {
    package enum PickError: Error, Equatable {
        /// `pick` is beyond the options found in `direction`.
        case beyondOptions(field: String, pick: Int, found: Int)
    }

    package static func detail(
        _ answer: RoutesAnswer, outboundPick: Int, returnPick: Int?, organisationId: String, name: String,
        partnerId: String, returnDate: String?, notes: String = "", id: String = UUID().uuidString.lowercased()
    ) throws(PickError) -> PlanDetail {
        var legs: [PlanLeg] = []
        var chosen = [(answer.outbound, LegDirection.outbound, outboundPick, "pick")]
        if let inbound = answer.inbound { chosen.append((inbound, .return, returnPick ?? outboundPick, "returnPick")) }
        for (result, direction, pick, field) in chosen {
            guard (1...result.itineraries.count).contains(pick) else {
                throw .beyondOptions(field: field, pick: pick, found: result.itineraries.count)
            }
            legs += PlanLeg.legs(of: result.itineraries[pick - 1], planId: id, direction: direction)
        }
        let plan = Plan(
            id: id, organisationId: organisationId, name: name, partnerId: partnerId,
            originPlaceId: answer.origin.id.rawValue, destinationPlaceId: answer.destination.id.rawValue,
            departDate: answer.departureDay.description,
            returnDate: returnDate.flatMap(DepartureText.parse).map { $0.0.description },
            participants: answer.group.participants, leaders: answer.group.leaders, minors: answer.group.minors,
            notes: notes, factorSetId: answer.factorSet.id.rawValue, factorSetVersion: answer.factorSet.version)
        return PlanDetail(plan: plan, legs: legs)
    }
}
