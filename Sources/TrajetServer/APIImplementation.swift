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

/// The operations of openapi.yaml, each a thin adapter over the calls the CLI makes (TrajetQueries), so the API and
/// `trajet` give the same numbers. Handlers return the success responses and throw `Problem` (or a domain error) for
/// everything else; `EdgeMiddleware` writes the problem.
struct APIImplementation: APIProtocol {
    let store: any PlanStore
    let datasets: Datasets
    let settings: Settings
    let metrics: APIMetrics
    let openAPIDocument: Data
    /// The network compiled once for `settings.routing`, and a planner per recent group and factor set: a route
    /// search does not rebuild them.
    let planners: RoutePlanners
    /// Where route searches run: bounded threads and queue (`server.searchConcurrency`, `server.searchQueue`).
    let searches: SearchGate
    /// The store's readiness, also checked in the background for `/readyz` below the router.
    let readiness: ReadinessMonitor

    private var l: Localizer { RequestInfo.current.localizer }

    // MARK: Operations

    func getHealth(_ input: Operations.GetHealth.Input) async throws -> Operations.GetHealth.Output {
        .ok(.init(body: .json(.init(status: "ok"))))
    }

    func getReadiness(_ input: Operations.GetReadiness.Input) async throws -> Operations.GetReadiness.Output {
        // Usually answered below the router from the background check (`EarlyAnswerHandler`); here when that check
        // is stale, or the probe came pipelined behind another request.
        if let failure = await readiness.check().failure {
            RequestInfo.current.logger.error("database not ready", metadata: ["error": .string(failure)])
            throw Problem.notReady(l)
        }
        if searches.isSaturated {
            // Searches are being refused: a load balancer should send new clients elsewhere for a while.
            throw Problem.overloaded(l, retryAfterSeconds: 1)
        }
        return .ok(.init(body: .json(.init(status: "ready"))))
    }

    func getMetrics(_ input: Operations.GetMetrics.Input) async throws -> Operations.GetMetrics.Output {
        .ok(.init(body: .plainText(HTTPBody(metrics.text()))))
    }

    func getOpenAPIDocument(_ input: Operations.GetOpenAPIDocument.Input) async throws
        -> Operations.GetOpenAPIDocument.Output
    {
        .ok(.init(body: .yaml(HTTPBody(openAPIDocument))))
    }

    // MARK: Catalogue

    func listPlaces(_ input: Operations.ListPlaces.Input) async throws -> Operations.ListPlaces.Output {
        try await requirePublicRead()
        let network = datasets.network
        let query = input.query.query
        if let query, query.unicodeScalars.count > 200 {
            throw Problem.invalid(l, field: "query", value: String(query.prefix(40)) + "…", expected: "at most 200 characters")
        }
        let places = network.search(query ?? "", limit: query == nil ? Int.max : 30)
        guard !places.isEmpty else {
            var problem = Problem(
                TrajetError.unknownPlace(query: query ?? "", suggestions: network.suggestions(for: query ?? "")),
                localizer: l)
            problem.field = "query"
            throw problem
        }
        return .ok(.init(body: .json(Components.Schemas.Place.list(places, network: network))))
    }

    func listPartners(_ input: Operations.ListPartners.Input) async throws -> Operations.ListPartners.Output {
        try await requirePublicRead()
        let partners = datasets.network.partners.values.sorted { $0.id < $1.id }.map(Components.Schemas.Partner.init)
        return .ok(.init(body: .json(partners)))
    }

    func listFactorSets(_ input: Operations.ListFactorSets.Input) async throws -> Operations.ListFactorSets.Output {
        try await requirePublicRead()
        let sets = datasets.factorSetIDs.compactMap { datasets.factorSets[$0] }.map {
            Components.Schemas.FactorSet($0, isDefault: $0.id.rawValue == settings.factorSetID, withRows: false)
        }
        return .ok(.init(body: .json(sets)))
    }

    func getFactorSet(_ input: Operations.GetFactorSet.Input) async throws -> Operations.GetFactorSet.Output {
        try await requirePublicRead()
        let set: FactorSet
        do {
            set = try datasets.factorSet(input.path.id)
        } catch {
            var problem = Problem(error, localizer: l)
            problem.field = "id"
            throw problem
        }
        let output = Components.Schemas.FactorSet(set, isDefault: set.id.rawValue == settings.factorSetID, withRows: true)
        return .ok(.init(body: .json(output)))
    }

    // MARK: Calculations

    func computeEmissions(_ input: Operations.ComputeEmissions.Input) async throws
        -> Operations.ComputeEmissions.Output
    {
        try await requirePublicRead()
        guard case .json(let body) = input.body else { throw Problem.badRequest(l, field: nil, detail: "JSON body") }
        let participants = try count(body.participants, "participants")
        let leaders = try count(body.leaders, "leaders")
        var legs: [(field: String, from: String, to: String, mode: String, distanceKm: Double?)] = []
        if let list = body.legs {
            guard body.from == nil, body.to == nil, body.mode == nil, body.distanceKm == nil else {
                throw Problem.invalid(l, field: "legs", value: "legs + from/to/mode", expected: "either legs or from, to and mode")
            }
            guard (1...50).contains(list.count) else {
                throw Problem.invalid(l, field: "legs", value: "\(list.count) legs", expected: "1 to 50 legs")
            }
            legs = list.enumerated().map {
                ("legs[\($0.offset)].", $0.element.from, $0.element.to, $0.element.mode.rawValue, $0.element.distanceKm)
            }
        } else {
            guard let from = body.from else { throw missing("from") }
            guard let to = body.to else { throw missing("to") }
            guard let mode = body.mode else { throw missing("mode") }
            legs = [("", from, to, mode.rawValue, body.distanceKm)]
        }
        let cabin = body.cabinClass.flatMap { CabinClass(rawValue: $0.rawValue) } ?? settings.cabinClass
        if let factors = body.factors { try checkText(factors, "factors", max: 100) }
        let factorSetID = body.factors ?? settings.factorSetID
        var results: [LegEmissions] = []
        var totals = (person: 0.0, personCO2: 0.0, group: 0.0, groupCO2: 0.0)
        for leg in legs {
            guard let mode = TransportMode(rawValue: leg.mode) else {
                throw Problem.invalid(
                    l, field: leg.field + "mode", value: leg.mode,
                    expected: TransportMode.allCases.map(\.rawValue).joined(separator: ", "))
            }
            if let distance = leg.distanceKm, !(distance > 0 && distance <= LegInput.maximumDistanceKm) {
                throw Problem.invalid(
                    l, field: leg.field + "distanceKm", value: "\(distance)",
                    expected: "a distance in km, above 0 and at most \(Int(LegInput.maximumDistanceKm))")
            }
            try checkText(leg.from, leg.field + "from")
            try checkText(leg.to, leg.field + "to")
            let query = EmissionsQuery(
                from: leg.from, to: leg.to, mode: mode, cabinClass: cabin, participants: participants, leaders: leaders,
                factorSetID: factorSetID, distanceKm: leg.distanceKm,
                includeAirportHubs: body.airportHubs ?? settings.includeAirportHubs)
            let result: EmissionsQuery.Result
            do {
                result = try query.run(datasets: datasets)
            } catch {
                var problem = Problem(error, localizer: l)
                if case .unknownPlace(let text, _) = error { problem.field = leg.field + (text == leg.from ? "from" : "to") }
                if case .notAnAirport = error { problem.field = leg.field + "mode" }
                if case .invalidValue(let field, _, _) = error { problem.field = field }
                if case .unknownFactorSet = error { problem.field = "factors" }
                throw problem
            }
            let f = result.footprint
            totals.person += f.perPerson.totalKg
            totals.personCO2 += f.perPerson.totalWithoutNonCO2Kg
            totals.group += f.group.totalKg
            totals.groupCO2 += f.group.totalWithoutNonCO2Kg
            results.append(LegEmissions(result, localizer: l))
        }
        return .ok(
            .init(
                body: .json(
                    .init(
                        legs: results,
                        total: .init(
                            co2eKgPerPerson: rounded(totals.person), co2eKgPerPersonWithoutNonCO2: rounded(totals.personCO2),
                            co2eKgGroup: rounded(totals.group), co2eKgGroupWithoutNonCO2: rounded(totals.groupCO2))))))
    }
    typealias LegEmissions = Components.Schemas.LegEmissions

    func searchRoutes(_ input: Operations.SearchRoutes.Input) async throws -> Operations.SearchRoutes.Output {
        try await requirePublicRead()
        let q = input.query
        try checkText(q.from, "from")
        try checkText(q.to, "to")
        if let via = q.via { try checkText(via, "via") }
        if let factors = q.factors { try checkText(factors, "factors", max: 100) }
        if let avoid = q.avoid { try checkText(avoid, "avoid", max: 300, min: 0) }
        let request = RoutesRequest(
            from: q.from, to: q.to, participants: try count(q.participants, "participants"),
            leaders: try count(q.leaders, "leaders"), minors: q.minors ?? false, depart: try date(q.depart, "depart"),
            returnDate: try date(q._return, "return"), rank: RankingProfile(rawValue: q.rank?.rawValue ?? "") ?? .balanced,
            limit: try bounded(q.limit, "limit", 1...20) ?? settings.routeLimit,
            maxDays: try bounded(q.maxDays, "maxDays", 1...60), maxChanges: try bounded(q.maxChanges, "maxChanges", 0...50),
            maxCostEur: try maxCost(q.maxCost), avoid: try modes(q.avoid, "avoid"), overland: q.overland ?? false,
            via: q.via, noNightTravel: q.noNightTravel ?? false)
        var settings = self.settings
        if let factors = q.factors { settings.factorSetID = factors }
        if let cabin = q._class.flatMap({ CabinClass(rawValue: $0.rawValue) }) { settings.cabinClass = cabin }
        // The answer's JSON is written on the search threads too: it costs as much as a short search.
        let localizer = l
        let (result, bytes) = try await routes(request, settings: settings) { answer in
            let result = try Components.Schemas.RoutesResult(answer, localizer: localizer)
            return (result, try result.compactJSON())
        }
        try EncodedAnswer.checkAccept(RequestInfo.current.accept, for: "application/json")
        throw try EncodedAnswer.json(bytes, of: result)
    }

    // MARK: Plans

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
                throw Problem.invalid(l, field: "cursor", value: text, expected: "the nextCursor of a previous page")
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
                throw Problem.invalid(l, field: "itinerary", value: "itinerary + rank/pick", expected: "either itinerary, or rank and pick")
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

    // MARK: Reports

    func getAnnualReport(_ input: Operations.GetAnnualReport.Input) async throws -> Operations.GetAnnualReport.Output {
        let key = try await requireKey(.reader)
        let q = input.query
        guard (2000...2100).contains(input.path.year) else {
            throw Problem.invalid(l, field: "year", value: "\(input.path.year)", expected: "a calendar year from 2000 to 2100")
        }
        let asked = q.org?.lowercased()
        if let own = key.organisationId, let asked, asked != own {
            throw Problem.forbidden(
                l, detail: l.w("api.this-key-sees-only-organisation", "\(own)"))
        }
        let scope: ReportScope
        if let id = key.organisationId ?? asked {
            guard let organisation = try await store.organisations().first(where: { $0.id == id }) else {
                throw Problem(
                    .notFound, "unknown-organisation", title: l.w("api.unknown-organisation"),
                    detail: l.w("api.no-organisation", "\(id)"), field: "org")
            }
            scope = .organisation(id: organisation.id, name: organisation.name)
        } else {
            scope = .network
        }
        let format = reportFormat(q.format, accept: input.headers.accept)
        let language = q.lang.flatMap { Language(rawValue: $0.rawValue) } ?? l.language
        let query = AnnualReportQuery(
            year: input.path.year, scope: scope, scenarios: q.scenarios ?? true, generatedAt: AnnualReportQuery.today())
        let built = try await query.build(store: store, datasets: datasets, settings: settings)
        var text = ""
        try await query.render(built, as: format, language: language, store: store, into: &text)
        switch format {
        case .json:
            // The renderer's JSON as written: decoding it into the generated type to encode it again changed nothing
            // but the time (a network report is megabytes).
            try EncodedAnswer.checkAccept(RequestInfo.current.accept, for: "application/json")
            throw try EncodedAnswer.json(text: text, schema: Components.Schemas.AnnualReport.self)
        case .csv: return .ok(.init(body: .csv(HTTPBody(text))))
        case .md: return .ok(.init(body: .textMarkdown(HTTPBody(text))))
        case .html: return .ok(.init(body: .html(HTTPBody(text))))
        }
    }

    // MARK: Access

    /// Catalogue and calculations: open unless `server.publicReads` is false, then any valid key.
    private func requirePublicRead() async throws {
        if !settings.server.publicReads || RequestInfo.current.authorization != nil { _ = try await requireKey(.reader) }
    }

    /// The caller's key, looked up on every request (a revocation takes effect at once), with at least `role`.
    private func requireKey(_ role: APIKeyRole) async throws -> APIKey {
        let info = RequestInfo.current
        let key: APIKey
        if let found = info.key {
            key = found
        } else {
            key = try await APIKeyCheck.resolve(info.authorization, store: store, localizer: l)
        }
        guard key.role >= role else {
            throw Problem.forbidden(
                l, detail: l.w("api.role-is-not-enough-is-needed", "\(key.role.rawValue)", "\(role.rawValue)"))
        }
        return key
    }

    /// The plan if the key may see it; another organisation's plan is "not found", like an unknown id, so ids do not
    /// leak.
    /// Today's advice and data age, for the advice a saved plan's JSON carries.
    private var planNotes: RouteNotes {
        RouteNotes(
            book: datasets.advice, network: datasets.network, today: .today,
            maxTimetableAgeYears: settings.maxTimetableAgeYears)
    }

    private func visiblePlan(_ id: String, _ key: APIKey) async throws -> PlanDetail {
        guard id.utf8.count <= 100, let detail = try await store.plan(id: id),
            key.organisationId == nil || key.organisationId == detail.plan.organisationId
        else { throw Problem.planNotFound(l, id: id) }
        return detail
    }

    // MARK: Input checks (the generated layer checks types, not ranges)

    private func count(_ value: Int?, _ field: String) throws -> Int? {
        try bounded(value, field, Group.countRange)
    }

    private func bounded(_ value: Int?, _ field: String, _ range: ClosedRange<Int>) throws -> Int? {
        guard let value else { return nil }
        guard range.contains(value) else {
            throw Problem.invalid(l, field: field, value: "\(value)", expected: "a whole number from \(range.lowerBound) to \(range.upperBound)")
        }
        return value
    }

    private func maxCost(_ value: Double?) throws -> Double? {
        guard let value else { return nil }
        guard value.isFinite, (0...1_000_000).contains(value) else {
            throw Problem.invalid(l, field: "maxCost", value: "\(value)", expected: "an amount in EUR from 0 to 1000000")
        }
        return value
    }

    private func date(_ text: String?, _ field: String) throws -> String? {
        guard let text else { return nil }
        guard text.utf8.count <= 16, DepartureText.parse(text) != nil else {
            throw Problem.invalid(l, field: field, value: String(text.prefix(40)), expected: DepartureText.expected)
        }
        return text
    }

    /// `flight,coach`: commas between modes, spaces allowed around them, nothing else (as the spec's pattern).
    private func modes(_ text: String?, _ field: String) throws -> Set<TransportMode> {
        var modes: Set<TransportMode> = []
        guard let text, !text.isEmpty else { return modes }
        for name in text.split(separator: ",", omittingEmptySubsequences: false) {
            let trimmed = name.trimmingCharacters(in: .whitespaces)
            guard let mode = TransportMode(rawValue: trimmed) else {
                throw Problem.invalid(
                    l, field: field, value: String(trimmed.prefix(40)),
                    expected: "modes among " + TransportMode.allCases.map(\.rawValue).joined(separator: ", "))
            }
            modes.insert(mode)
        }
        return modes
    }

    private func checkText(_ text: String, _ field: String, max: Int = 200, min: Int = 1) throws {
        // Unicode scalars, as JSON Schema counts `minLength`/`maxLength`.
        let length = text.unicodeScalars.count
        guard length >= min, length <= max else {
            throw Problem.invalid(l, field: field, value: String(text.prefix(40)), expected: "\(min) to \(max) characters")
        }
    }

    private func missing(_ field: String) -> Problem {
        Problem(
            .unprocessableContent, "missing-field", title: l.w("api.missing-field"),
            detail: l.w("api.is-required", "\(field)"), field: field)
    }

    /// `If-Match` as RFC 9110 §13.1.1 reads it: absent or `*` = no check; otherwise a list of entity tags, and the
    /// request goes ahead only if one of them is the plan's current ETag by strong comparison. A weak tag (`W/"3"`)
    /// never matches, nor does anything that is not an entity tag: 412. The current version is then handed to the
    /// store, which compares it again in the same transaction as the write.
    private func expectedVersion(_ header: String?, current: Int) throws -> Int? {
        guard let header = header?.trimmingCharacters(in: .whitespaces), !header.isEmpty, header != "*" else { return nil }
        // The spec's maxLength (openapi.yaml): a longer field is malformed, not a tag list that fails to match.
        guard header.unicodeScalars.count <= 100 else {
            throw Problem.invalid(l, field: "If-Match", value: String(header.prefix(40)), expected: "a list of ETags such as \"3\"")
        }
        guard EntityTagList(header).strongTags.contains(String(current)) else {
            throw Problem(
                .preconditionFailed, "stale-version", title: l.w("api.stale-version"),
                detail: l.w("api.if-match-does-not-hold-the", "\(header.prefix(40))", "\(current)"),
                field: "If-Match")
        }
        return current
    }

    private func etag(_ version: Int) -> String { "\"\(version)\"" }

    private func reportFormat(
        _ format: Operations.GetAnnualReport.Input.Query.FormatPayload?,
        accept: [AcceptHeaderContentType<Operations.GetAnnualReport.AcceptableContentType>]
    ) -> ReportFormat {
        if let format, let chosen = ReportFormat(rawValue: format.rawValue) { return chosen }
        for choice in accept.sortedByQuality() {
            switch choice.contentType {
            case .json: return .json
            case .csv: return .csv
            case .textMarkdown: return .md
            case .html: return .html
            case .applicationProblemJson, .other: continue
            }
        }
        return .json
    }

    /// `POST /v1/plans`'s words for what `NewPlanRequest` refused.
    private func problem(_ failure: NewPlanRequest.Failure) -> Problem {
        switch failure {
        case .unknownPartner(let partner, let known):
            return Problem(
                .notFound, "unknown-partner", title: l.w("api.unknown-partner"),
                detail: l.w("api.unknown-partner-known", "\(partner)", "\(known.joined(separator: ", "))"),
                field: "partner", suggestions: known)
        case .invalid(let error, let field):
            var problem = Problem(error, localizer: l)
            if let field { problem.field = field }
            return problem
        case .returnBeforeDeparture(let returnDate, let departure):
            return Problem.invalid(l, field: "return", value: returnDate, expected: "a date on or after the departure \(departure)")
        case .beyondOptions(_, let pick, let found):
            return Problem.invalid(l, field: "pick", value: "\(pick)", expected: "at most \(found) (itineraries found)")
        case .itinerary(let problem):
            return invalidItinerary(problem)
        }
    }

    private func invalidItinerary(_ problem: ItineraryFile.Problem) -> Problem {
        Problem(
            .unprocessableContent, "invalid-itinerary", title: l.w("api.invalid-itinerary"),
            detail: problem.message, field: "itinerary")
    }

    /// The search, then `finish` on its result, both on the search threads (`SearchGate`).
    private func routes<Output>(
        _ request: RoutesRequest, settings: Settings, then finish: @escaping @Sendable (RoutesAnswer) throws -> Output
    ) async throws -> Output {
        let network = datasets.network
        let (datasets, planners) = (self.datasets, self.planners)
        do {
            return try await searches.run {
                Handoff(value: try finish(try request.run(datasets: datasets, settings: settings, planners: planners)))
            }.value
        } catch let overloaded as SearchGate.Overloaded {
            throw Problem.overloaded(l, retryAfterSeconds: overloaded.retryAfterSeconds)
        } catch let error as TrajetError {
            var problem = Problem(error, localizer: l, names: { network.place($0).map(RoutesText.placeName) ?? $0.rawValue })
            if case .unknownPlace(let text, _) = error {
                problem.field = text == request.from ? "from" : text == request.to ? "to" : "via"
            }
            if case .unknownFactorSet = error { problem.field = "factors" }
            throw problem
        }
    }

}

/// `nextCursor`: the last plan's (departure date, id), base64url, opaque to clients.
enum PageCursor {
    static func encode(_ cursor: PlanCursor) -> String {
        Data((cursor.departDate + "|" + cursor.id).utf8).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    static func decode(_ text: String) -> PlanCursor? {
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while base64.count % 4 != 0 { base64 += "=" }
        guard text.count <= 500, let data = Data(base64Encoded: base64), let plain = String(data: data, encoding: .utf8)
        else { return nil }
        let parts = plain.split(separator: "|", maxSplits: 1, omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[1].isEmpty else { return nil }
        return PlanCursor(departDate: String(parts[0]), id: String(parts[1]))
    }
}

/// The entity tags of an `If-Match` or `If-None-Match` value (RFC 9110 §8.8.3): `"a", W/"b"` → strong `a`, weak
/// `b`. Parsing stops at the first thing that is not an entity tag; what came before is kept.
/// An `If-Match` list of entity tags (RFC 9110 §8.8.3). A field that is not such a list as a whole holds no tag:
/// `"2"%` does not match version 2 (a lenient reading once let it through).
struct EntityTagList {
    var strongTags: [String] = []
    var weakTags: [String] = []

    init(_ text: String) {
        func invalid() {
            strongTags = []
            weakTags = []
        }
        var rest = Substring(text)
        while true {
            rest = rest.drop { $0 == " " || $0 == "\t" || $0 == "," }
            if rest.isEmpty { return }
            var weak = false
            if rest.hasPrefix("W/") {
                weak = true
                rest = rest.dropFirst(2)
            }
            guard rest.first == "\"", let close = rest.dropFirst().firstIndex(of: "\"") else {
                invalid()
                return
            }
            let tag = String(rest[rest.index(after: rest.startIndex)..<close])
            if weak { weakTags.append(tag) } else { strongTags.append(tag) }
            rest = rest[rest.index(after: close)...]
            let separator = rest.drop { $0 == " " || $0 == "\t" }
            guard separator.isEmpty || separator.first == "," else {
                invalid()
                return
            }
        }
    }
}

/// A value made on a search thread and handed to the request's task once, never shared after: `RoutesAnswer` holds
/// plain values but is not declared `Sendable` (TrajetQueries is shared with the CLI, which never crosses threads).
struct Handoff<Value>: @unchecked Sendable {
    let value: Value
}
