import Foundation
import TrajetCore
import TrajetDatasets

/// "Create a plan": `trajet plans add` and `POST /v1/plans` ask this one question, with the same defaults and checks.
/// The plan's route is either searched (the `pick`-th option of a `RoutesRequest`, as `PlanFromRoutes`) or given as
/// an itinerary file (`ItineraryFile`: the file's legs and times, every number recomputed). The doors only parse
/// their inputs, run the search where they run searches, and word the `Failure`s their way.
package struct NewPlanRequest {
    package enum Route {
        /// The `pick`-th option (1-based, both ways) of a search ranked by `rank`.
        case search(rank: RankingProfile, pick: Int)
        /// Legs chosen elsewhere; `label` names the input in messages (`itinerary`, or the file's path).
        case itinerary(ItineraryFile, label: String)
    }

    package enum Failure: Error {
        case unknownPartner(String, known: [String])
        /// A place, the factor set or the group could not be used; `field` is `from` or `to` for a place.
        case invalid(TrajetError, field: String?)
        case returnBeforeDeparture(returnDate: String, departure: CalendarDay)
        case beyondOptions(field: String, pick: Int, found: Int)
        case itinerary(ItineraryFile.Problem)
    }

    package var organisationId: String
    package var name: String
    package var partner: String
    /// The Belgian side.
    package var from: String
    /// The partner's side; default the partner's main place.
    package var to: String?
    package var depart: String
    package var returnDate: String?
    package var participants: Int
    package var leaders: Int = 0
    package var minors = false
    /// The partner's group travels to Belgium.
    package var incoming = false
    package var route: Route = .search(rank: .balanced, pick: 1)
    package var notes = ""
    package var status: PlanStatus = .draft

    package init(
        organisationId: String, name: String, partner: String, from: String, to: String?, depart: String,
        returnDate: String?, participants: Int, leaders: Int = 0, minors: Bool = false, incoming: Bool = false,
        route: Route = .search(rank: .balanced, pick: 1), notes: String = "", status: PlanStatus = .draft
    ) {
        self.organisationId = organisationId
        self.name = name
        self.partner = partner
        self.from = from
        self.to = to
        self.depart = depart
        self.returnDate = returnDate
        self.participants = participants
        self.leaders = leaders
        self.minors = minors
        self.incoming = incoming
        self.route = route
        self.notes = notes
        self.status = status
    }

    /// The plan with its legs, not yet saved. `search` runs a route search where the door runs them (the server on
    /// its bounded search threads); its errors pass through unchanged.
    package func detail(
        datasets: Datasets, settings: Settings, localizer: Localizer,
        search: (RoutesRequest) async throws -> RoutesAnswer
    ) async throws -> PlanDetail {
        let network = datasets.network
        guard let partnerRecord = network.partner(matching: partner) else {
            throw Failure.unknownPartner(partner, known: network.partners.keys.sorted().map(\.rawValue))
        }
        let partnerPlace = to ?? partnerRecord.mainPlace.rawValue
        var detail: PlanDetail
        switch route {
        case .search(let rank, let pick):
            let request = RoutesRequest(
                from: incoming ? partnerPlace : from, to: incoming ? from : partnerPlace, participants: participants,
                leaders: leaders, minors: minors, depart: depart, returnDate: returnDate, rank: rank,
                limit: max(pick, settings.routeLimit), avoid: [], overland: false, noNightTravel: false)
            let answer = try await search(request)
            do {
                detail = try PlanFromRoutes.detail(
                    answer, outboundPick: pick, returnPick: nil, organisationId: organisationId, name: name,
                    partnerId: partnerRecord.id.rawValue, returnDate: returnDate, notes: notes)
            } catch .beyondOptions(let field, let pick, let found) {
                throw Failure.beyondOptions(field: field, pick: pick, found: found)
            }
        case .itinerary(let file, let label):
            detail = try chosen(
                file, label: label, partnerId: partnerRecord.id.rawValue, partnerPlace: partnerPlace, datasets: datasets,
                settings: settings, l: localizer)
        }
        detail.plan.status = status
        return detail
    }

    /// An itinerary file's legs checked against the network and the plan's places, with Trajet's own numbers for
    /// the plan's group and factor set.
    private func chosen(
        _ file: ItineraryFile, label: String, partnerId: String, partnerPlace: String, datasets: Datasets,
        settings: Settings,
        l: Localizer
    ) throws(Failure) -> PlanDetail {
        let network = datasets.network
        let resolver = PlaceResolver(network: network)
        let belgian: Place
        let partnerSide: Place
        let factorSet: FactorSet
        let group: Group
        do {
            belgian = try resolver.resolve(from, for: .surface)
        } catch {
            throw .invalid(error, field: "from")
        }
        do {
            partnerSide = try resolver.resolve(partnerPlace, for: .surface)
        } catch {
            throw .invalid(error, field: "to")
        }
        do {
            factorSet = try datasets.factorSet(settings.factorSetID)
            group = try Group(participants: participants, leaders: leaders, minors: minors)
        } catch {
            throw .invalid(error, field: nil)
        }
        let origin = incoming ? partnerSide : belgian
        let destination = incoming ? belgian : partnerSide
        if let returnDate, let back = DepartureText.parse(returnDate), let out = DepartureText.parse(depart),
            back.0 < out.0
        {
            throw .returnBeforeDeparture(returnDate: returnDate, departure: out.0)
        }
        let id = UUID().uuidString.lowercased()
        let calculator = EmissionCalculator(factorSet: factorSet, hubs: datasets.hubs)
        let options = EmissionOptions(cabinClass: settings.cabinClass, includeAirportHubs: settings.includeAirportHubs)
        var legs: [PlanLeg]
        do {
            legs = try ItineraryFile.planLegs(
                file.outbound, field: "\(label): outbound", origin: origin.id, destination: destination.id, planId: id,
                direction: .outbound, network: network, calculator: calculator, group: group, options: options,
                localizer: l)
            if let inbound = file.inbound {
                legs += try ItineraryFile.planLegs(
                    inbound, field: "\(label): return", origin: destination.id, destination: origin.id, planId: id,
                    direction: .return, network: network, calculator: calculator, group: group, options: options,
                    localizer: l)
            }
        } catch {
            throw .itinerary(error)
        }
        let plan = Plan(
            id: id, organisationId: organisationId, name: name, partnerId: partnerId, originPlaceId: origin.id.rawValue,
            destinationPlaceId: destination.id.rawValue,
            departDate: DepartureText.parse(depart).map { $0.0.description } ?? depart,
            returnDate: returnDate.flatMap(DepartureText.parse).map { $0.0.description }, participants: participants,
            leaders: leaders, minors: minors, notes: notes, factorSetId: factorSet.id.rawValue,
            factorSetVersion: factorSet.version)
        return PlanDetail(plan: plan, legs: legs)
    }
}
