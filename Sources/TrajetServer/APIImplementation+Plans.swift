import Foundation
import HTTPTypes
import Hummingbird
import Logging
import OpenAPIRuntime
import TrajetAPI
import TrajetContract
import TrajetCore
import TrajetDatasets
import TrajetQueries
import TrajetReports
import TrajetStore

/// Group plans: list, create (one `NewPlanRequest` with `trajet plans add`), read, change and delete, each limited
/// to what the caller's key may see.
extension APIImplementation {
    func listPlans(_ input: Operations.ListPlans.Input) async throws -> Operations.ListPlans.Output {
        let key = try await requireKey(.reader)
        let q = input.query
        var filter = PlanFilter(organisationId: key.organisationId)
        if let organisation = q.organisation {
            try checkText(organisation, "organisation", max: 100)
            if let own = key.organisationId, own != organisation.lowercased() {
                throw Problem.forbidden(
                    l, detail: l.w("api.this-key-sees-only-organisation", "\(own)"))
            }
            filter.organisationId = organisation.lowercased()
        }
        filter.year = try bounded(q.year, "year", DepartureText.supportedYears)
        filter.status = q.status.flatMap { PlanStatus(rawValue: $0.rawValue) }
        let limit = try bounded(q.limit, "limit", 1...100) ?? 20
        let cursor = try q.cursor.map { text in
            guard let cursor = PageCursor.decode(text) else {
                throw Problem.invalid(l, field: "cursor", value: text, expected: .w("expect.next-cursor"))
            }
            return cursor
        }
        var page = try await store.planPage(filter, after: cursor, limit: limit + 1)
        var next: String?
        if page.count > limit {
            page.removeLast()
            next = page.last.map { PageCursor.encode(PlanCursor(departDate: $0.departDate, id: $0.id)) }
        }
        var plans: [Components.Schemas.Plan] = []
        for plan in page { plans.append(try .init(plan)) }
        return .ok(.init(body: .json(.init(plans: plans, nextCursor: next))))
    }

    func createPlan(_ input: Operations.CreatePlan.Input) async throws -> Operations.CreatePlan.Output {
        let key = try await requireKey(.planner)
        guard case .json(let body) = input.body else { throw Problem.badRequest(l, field: nil, detail: "JSON body") }
        let organisation: String
        switch (key.organisationId, body.organisationId?.lowercased()) {
        case (let own?, nil): organisation = own
        case (let own?, let asked?):
            guard own == asked else {
                throw Problem.forbidden(
                    l, detail: l.w("api.this-key-writes-only-for", "\(own)"))
            }
            organisation = own
        case (nil, let asked?): organisation = asked
        case (nil, nil): throw missing("organisationId")
        }
        let participants = try count(body.participants, "participants") ?? 0
        let leaders = try count(body.leaders, "leaders") ?? 0
        let pick = try bounded(body.pick, "pick", 1...20) ?? 1
        let depart = try date(body.depart, "depart") ?? body.depart
        let returnDate = try date(body._return, "return")
        try checkText(body.from, "from")
        try checkText(body.name, "name")
        if let to = body.to { try checkText(to, "to") }
        if let factors = body.factors { try checkText(factors, "factors", max: 100) }
        if let notes = body.notes { try checkText(notes, "notes", max: 10_000, min: 0) }
        var settings = self.settings
        if let factors = body.factors { settings.factorSetID = factors }
        var route = NewPlanRequest.Route.search(rank: RankingProfile(rawValue: body.rank?.rawValue ?? "") ?? .balanced, pick: pick)
        if let itinerary = body.itinerary {
            guard body.rank == nil, body.pick == nil else {
                throw Problem.invalid(l, field: "itinerary", value: "itinerary + rank/pick", expected: .w("expect.itinerary-or-rank-and-pick"))
            }
            let data = try JSONEncoder().encode(itinerary)
            do {
                route = .itinerary(
                    try ItineraryFile.parse(data, path: "(request body)", localizer: l, label: "itinerary"),
                    label: "itinerary")
            } catch {
                throw invalidItinerary(error)
            }
        }
        let request = NewPlanRequest(
            organisationId: organisation, name: body.name, partner: body.partner, from: body.from, to: body.to,
            depart: depart, returnDate: returnDate, participants: participants, leaders: leaders,
            minors: body.minors ?? false, incoming: body.incoming ?? false, route: route, notes: body.notes ?? "")
        let detail: PlanDetail
        do {
            detail = try await request.detail(datasets: datasets, settings: settings, localizer: l) { routes in
                try await self.routes(routes, settings: settings) { $0 }
            }
        } catch let failure as NewPlanRequest.Failure {
            throw problem(failure)
        }
        let id = detail.plan.id
        let saved = try await store.addPlan(detail)
        RequestInfo.current.logger.info("plan created", metadata: ["plan": .string(id), "key": .string(key.id)])
        return .created(
            .init(
                headers: .init(eTag: etag(saved.plan.version), location: "/v1/plans/\(id)"),
                body: .json(try .init(saved, notes: nil, l))))
    }

    func getPlan(_ input: Operations.GetPlan.Input) async throws -> Operations.GetPlan.Output {
        let key = try await requireKey(.reader)
        let detail = try await visiblePlan(input.path.id, key)
        return .ok(
            .init(
                headers: .init(eTag: etag(detail.plan.version)),
                body: .json(try .init(detail, notes: planNotes, l))))
    }

    func updatePlan(_ input: Operations.UpdatePlan.Input) async throws -> Operations.UpdatePlan.Output {
        let key = try await requireKey(.planner)
        let body: Components.Schemas.PlanChanges
        switch input.body {
        case .json(let value), .applicationMergePatchJson(let value): body = value
        }
        let current = try await visiblePlan(input.path.id, key)
        let expected = try expectedVersion(RequestInfo.current.ifMatch, current: current.plan.version)
        if let name = body.name { try checkText(name, "name") }
        if let notes = body.notes { try checkText(notes, "notes", max: 10_000, min: 0) }
        let changes = PlanChanges(
            status: body.status.flatMap { PlanStatus(rawValue: $0.rawValue) },
            participants: try count(body.participants, "participants"), leaders: try count(body.leaders, "leaders"),
            minors: body.minors, notes: body.notes, name: body.name)
        _ = try await store.updatePlan(id: current.plan.id, changes: changes, expectedVersion: expected)
        guard let updated = try await store.plan(id: current.plan.id) else { throw Problem.planNotFound(l, id: input.path.id) }
        return .ok(.init(headers: .init(eTag: etag(updated.plan.version)), body: .json(try .init(updated, notes: nil, l))))
    }

    func deletePlan(_ input: Operations.DeletePlan.Input) async throws -> Operations.DeletePlan.Output {
        let key = try await requireKey(.planner)
        let current = try await visiblePlan(input.path.id, key)
        // The store compares the version and deletes in one transaction: a change made by another instance between
        // this read and the delete is a 412, not a lost update.
        let expected = try expectedVersion(RequestInfo.current.ifMatch, current: current.plan.version)
        try await store.deletePlan(id: current.plan.id, expectedVersion: expected)
        return .noContent(.init())
    }
}
