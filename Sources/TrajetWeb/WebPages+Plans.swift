import Crypto
import Foundation
import HTTPTypes
import Logging
import TrajetDatasets
import Hummingbird
import TrajetCore
import TrajetQueries
import TrajetReports
import TrajetStore

extension WebPages {
    /// The signed-in key, or a redirect to the sign-in page that comes back here.
    func signedIn(_ web: Web, role: APIKeyRole = .reader) throws -> APIKey {
        guard let key = web.key else { throw WebError.signInNeeded }
        guard key.role >= role else { throw WebError.forbidden("role") }
        return key
    }

    /// The plan if this key may see it. Another organisation's plan is "not found", exactly like an unknown id: the
    /// page does not tell which ids exist.
    func visiblePlan(_ id: String, _ key: APIKey, _ web: Web) async throws -> PlanDetail {
        guard id.utf8.count <= 100, let detail = try await store.plan(id: id),
            key.organisationId == nil || key.organisationId == detail.plan.organisationId
        else { throw WebError.notFound(web.w("error_plan_not_found")) }
        return detail
    }

    // MARK: List and save

    private struct StopReading: Error {}

    func plans(_ web: Web) async throws -> Response {
        let key = try signedIn(web)
        let l = web.localizer
        let n = l.numbers
        var filter = PlanFilter(organisationId: key.organisationId)
        filter.year = web.query["year"].flatMap(Int.init).flatMap { DepartureText.supportedYears.contains($0) ? $0 : nil }
        filter.status = web.query["status"].flatMap(PlanStatus.init(rawValue:))
        let shown = 200
        var rows: [[String: Any]] = []
        var more = false
        do {
            try await store.forEachPlanSummary(filter) { plan, summary in
                guard rows.count < shown else {
                    more = true
                    throw StopReading()
                }
                let people = max(1, plan.people)
                rows.append([
                    "id": plan.id, "name": plan.name, "partner": partnerName(plan.partnerId),
                    "organisation": plan.organisationId, "depart": plan.departDate, "return": plan.returnDate ?? "",
                    "group": "\(plan.participants) + \(plan.leaders)" + (plan.minors ? l.w("web.minors") : ""),
                    "status": statusName(plan.status, web), "statusClass": "status-" + plan.status.rawValue,
                    "kgPerPerson": n.format(Double(summary.grams) / Double(people) / 1000, decimals: 0) + " kg",
                    "groupTonnes": n.format(Double(summary.grams) / 1_000_000, decimals: 2) + " t",
                ])
            }
        } catch is StopReading {}
        rows.sort { ($0["depart"] as? String ?? "", $0["name"] as? String ?? "") < ($1["depart"] as? String ?? "", $1["name"] as? String ?? "") }
        let statuses = PlanStatus.allCases.map { status -> [String: Any] in
            ["value": status.rawValue, "label": statusName(status, web), "selected": filter.status == status]
        }
        return render(
            "plans", web, title: web.w("plans_title"),
            [
                "plans": rows, "hasPlans": !rows.isEmpty, "more": more, "statuses": statuses,
                "year": filter.year.map(String.init) ?? "", "networkKey": key.organisationId == nil,
                "canWrite": key.role >= .planner, "saved": web.query["saved"] != nil,
                "deleted": web.query["deleted"] != nil,
            ])
    }

    func savePlan(_ web: Web) async throws -> Response {
        let key = try signedIn(web, role: .planner)
        guard let organisation = key.organisationId else {
            throw WebError.badRequest(web.w("error_network_key_save"))
        }
        let form = web.form
        let l = web.localizer
        var request: RoutesRequest
        do {
            request = try routesRequest(form, web)
        } catch let error as FieldError {
            throw WebError.badRequest(error.message)
        }
        guard let name = form["name"], name.count <= 200 else { throw WebError.badRequest(web.w("error_name_missing")) }
        let notes = String((form["notes"] ?? "").prefix(10_000))
        let pick = form["pick"].flatMap(Int.init) ?? 1
        let returnPick = form["returnPick"].flatMap(Int.init)
        request.limit = max(request.limit, pick, returnPick ?? 1)
        guard let partner = datasets.network.partner(matching: request.to) else {
            throw WebError.badRequest(l.w("web.unknown-partner", "\(request.to)"))
        }
        let returnDate = request.returnDate
        let detail: PlanDetail
        do {
            detail = try await searcher.answer(request, settings: settings) { answer in
                try PlanFromRoutes.detail(
                    answer, outboundPick: pick, returnPick: returnPick, organisationId: organisation, name: name,
                    partnerId: partner.id.rawValue, returnDate: returnDate, notes: notes)
            }
        } catch let busy as SearchesBusy {
            throw WebError.busy(busy.retryAfterSeconds)
        } catch let error as TrajetError {
            throw WebError.badRequest(l.message(for: error))
        } catch PlanFromRoutes.PickError.beyondOptions(_, let pick, let found) {
            throw WebError.badRequest(
                l.w("web.option-no-longer-exists-found-search", "\(pick)", "\(found)"))
        }
        let saved = try await store.addPlan(detail)
        logger.info("plan created from the web page", metadata: ["plan": .string(saved.plan.id), "key": .string(key.id)])
        return redirect("/plans/\(saved.plan.id)?saved=1")
    }

    // MARK: One plan

    func plan(_ web: Web, id: String) async throws -> Response {
        let key = try signedIn(web)
        let detail = try await visiblePlan(id, key, web)
        return render("plan", web, title: detail.plan.name, planValues(detail, key: key, web))
    }

    func planValues(_ detail: PlanDetail, key: APIKey, _ web: Web) -> [String: Any] {
        let plan = detail.plan
        let l = web.localizer
        let n = l.numbers
        func place(_ id: String) -> String { RoutesText.sleepingPlace(PlaceID(rawValue: id), datasets.network) }
        // Today's advice and data age for the plan's legs, as on the comparison (issue 14).
        let notes = RouteNotes(
            book: datasets.advice, network: datasets.network, today: .today,
            maxTimetableAgeYears: settings.maxTimetableAgeYears)
        var directions: [[String: Any]] = []
        for direction in LegDirection.allCases {
            let legs = detail.legs(direction)
            guard !legs.isEmpty else { continue }
            let grams = legs.reduce(0) { $0 + $1.totalGrams }
            let advice = notes.adviceLines(planLegs: legs, l).map(RoutesView.AdviceLine.init)
            let withoutNonCO2 = legs.reduce(0) { $0 + $1.totalGrams - $1.nonCO2Grams }
            directions.append([
                "title": direction == .outbound ? l.w("cli.outbound") : l.w("cli.return-2"),
                "kgPerPerson": n.format(Double(grams) / 1000, decimals: 0) + " kg",
                "kgWithoutNonCO2": n.format(Double(withoutNonCO2) / 1000, decimals: 0) + " kg",
                "advice": advice, "hasAdvice": !advice.isEmpty,
                "legs": legs.map { leg -> [String: Any] in
                    var flags: [String] = []
                    if leg.distanceEstimated { flags.append(l.w("text.distance-estimated")) }
                    if leg.durationEstimated { flags.append(l.w("text.duration-estimated")) }
                    if leg.fareEstimated { flags.append(l.w("text.fare-estimated")) }
                    if leg.factorEstimated { flags.append(l.w("text.factor-estimate")) }
                    if leg.serviceUnconfirmed { flags.append(l.w("text.service-unconfirmed")) }
                    let fare: String =
                        if let low = leg.fareMinCents, let high = leg.fareMaxCents {
                            n.format(Double(low) / 100, decimals: 0) + "–" + n.format(Double(high) / 100, decimals: 0) + " €"
                        } else { l.w("text.fare-unknown") }
                    return [
                        "departure": Self.shortTime(leg.departure),
                        "arrival": leg.arrival.prefix(10) == leg.departure.prefix(10)
                            ? String(leg.arrival.dropFirst(11).prefix(5)) : Self.shortTime(leg.arrival),
                        "mode": TransportMode(rawValue: leg.mode).map { l.mode($0) } ?? leg.mode,
                        "modeClass": TransportMode(rawValue: leg.mode).map(MapView.modeClass) ?? "",
                        "from": place(leg.fromPlaceId), "to": place(leg.toPlaceId),
                        "operator": leg.operatorName.isEmpty ? false : leg.operatorName,
                        "distance": n.km(leg.distanceKm), "kgPerPerson": n.kg(Double(leg.totalGrams) / 1000),
                        "groupKg": n.kg(Double(leg.groupTotalGrams) / 1000), "fare": fare,
                        "flagsText": flags.isEmpty ? false : flags.joined(separator: " · "),
                        "legID": leg.legId, "factor": "\(leg.factorFile):\(leg.factorLine)",
                    ]
                },
            ])
        }
        let total = detail.totalGramsPerPerson
        let totalWithout = detail.legs.reduce(0) { $0 + $1.totalGrams - $1.nonCO2Grams }
        let next = PlanStatus.allCases.filter { plan.status.canBecome($0) }.map { status -> [String: Any] in
            ["value": status.rawValue, "label": statusName(status, web), "selected": status == plan.status]
        }
        let again = WebForm([
            "from": place(plan.originPlaceId), "to": plan.partnerId, "date": plan.departDate,
            "return": plan.returnDate ?? "", "young": String(plan.participants), "leaders": String(plan.leaders),
            "minors": plan.minors ? "on" : "",
        ])
        return [
            "plan": [
                "id": plan.id, "name": plan.name, "partner": partnerName(plan.partnerId),
                "organisation": plan.organisationId, "from": place(plan.originPlaceId), "to": place(plan.destinationPlaceId),
                "depart": plan.departDate, "return": plan.returnDate ?? false, "participants": plan.participants,
                "leaders": plan.leaders, "minors": plan.minors, "status": statusName(plan.status, web),
                "statusClass": "status-" + plan.status.rawValue, "notes": plan.notes, "hasNotes": !plan.notes.isEmpty,
                "version": plan.version,
                "factors": "\(plan.factorSetId) \(plan.factorSetVersion)", "updated": plan.updatedAt,
            ] as [String: Any],
            "directions": directions, "statuses": next,
            "kgPerPerson": n.format(Double(total) / 1000, decimals: 0) + " kg",
            "kgWithoutNonCO2": n.format(Double(totalWithout) / 1000, decimals: 0) + " kg",
            "groupTonnes": n.format(Double(detail.groupTotalGrams) / 1_000_000, decimals: 2) + " t",
            "canWrite": key.role >= .planner, "saved": web.query["saved"] != nil, "changed": web.query["changed"] != nil,
            "searchAgainURL": "/routes?" + again.query(searchFields),
        ]
    }

    func changePlan(_ web: Web, id: String) async throws -> Response {
        let key = try signedIn(web, role: .planner)
        let detail = try await visiblePlan(id, key, web)
        var changes = PlanChanges()
        switch web.form["action"] {
        case "status":
            guard let status = web.form["status"].flatMap(PlanStatus.init(rawValue:)) else {
                throw WebError.badRequest(web.w("error_status"))
            }
            changes.status = status
        case "notes":
            changes.notes = String((web.form["notes"] ?? "").prefix(10_000))
        default:
            throw WebError.badRequest(web.w("error_action"))
        }
        let version = web.form["version"].flatMap(Int.init)
        do {
            _ = try await store.updatePlan(id: detail.plan.id, changes: changes, expectedVersion: version)
        } catch let error as PlanStoreError {
            var values = planValues(detail, key: key, web)
            values["error"] = web.localizer.message(for: error)
            return render("plan", web, title: detail.plan.name, status: .conflict, values)
        }
        return redirect("/plans/\(detail.plan.id)?changed=1")
    }

    func confirmDelete(_ web: Web, id: String) async throws -> Response {
        let key = try signedIn(web, role: .planner)
        let detail = try await visiblePlan(id, key, web)
        return render(
            "plan-delete", web, title: web.w("delete_title"),
            ["plan": ["id": detail.plan.id, "name": detail.plan.name, "version": detail.plan.version] as [String: Any]])
    }

    func deletePlan(_ web: Web, id: String) async throws -> Response {
        let key = try signedIn(web, role: .planner)
        let detail = try await visiblePlan(id, key, web)
        try await store.deletePlan(id: detail.plan.id, expectedVersion: web.form["version"].flatMap(Int.init))
        logger.info("plan deleted from the web page", metadata: ["plan": .string(detail.plan.id), "key": .string(key.id)])
        return redirect("/plans?deleted=1")
    }

    // MARK: Reports

    func reports(_ web: Web) async throws -> Response {
        let key = try signedIn(web)
        let thisYear = CalendarDay.today.year
        let year = web.query["year"].flatMap(Int.init).flatMap { DepartureText.supportedYears.contains($0) ? $0 : nil } ?? thisYear
        let years = (max(2000, thisYear - 5)...min(2100, thisYear + 1)).reversed().map { ["year": $0, "selected": $0 == year] }
        return render(
            "reports", web, title: web.w("reports_title"),
            [
                "year": year, "years": years, "networkKey": key.organisationId == nil,
                "htmlURL": "/reports/\(year).html", "csvURL": "/reports/\(year).csv", "jsonURL": "/reports/\(year).json",
                "mdURL": "/reports/\(year).md",
            ])
    }

    /// `/reports/2026.html|.csv|.json|.md`: the organisation's report (the network's for a network key), the very
    /// document `trajet report` writes.
    func report(_ web: Web, file: String) async throws -> Response {
        let key = try signedIn(web)
        let parts = file.split(separator: ".")
        guard parts.count == 2, let year = Int(parts[0]), DepartureText.supportedYears.contains(year),
            let format = ReportFormat(rawValue: String(parts[1]))
        else { throw WebError.notFound(web.w("error_page_not_found")) }
        let scope: ReportScope
        if let organisation = key.organisationId {
            scope = .organisation(id: organisation, name: web.organisationName ?? organisation)
        } else {
            scope = .network
        }
        let query = AnnualReportQuery(year: year, scope: scope, scenarios: true, generatedAt: AnnualReportQuery.today())
        let built = try await query.build(store: store, datasets: datasets, settings: settings)
        var text = ""
        try await query.render(built, as: format, language: web.language, store: store, into: &text)
        var response = Response(
            status: .ok, headers: [.contentType: format.mediaType],
            body: .init(byteBuffer: ByteBuffer(string: text)))
        if format == .html {
            // The report is one self-contained document (print-ready) with its own <style>: allowed by its hash.
            response.headers[.contentSecurityPolicy] = Self.contentSecurityPolicy(styleHash: Self.styleHash(text))
        } else {
            let name = "trajet-report-\(key.organisationId ?? "network")-\(year)-\(web.language.rawValue).\(format.rawValue)"
            response.headers[.contentDisposition] = "attachment; filename=\"\(name)\""
        }
        return response
    }

    /// `'sha256-…'` of the document's first `<style>` block, for its Content-Security-Policy.
    static func styleHash(_ html: String) -> String? {
        guard let open = html.range(of: "<style>"), let close = html.range(of: "</style>", range: open.upperBound..<html.endIndex)
        else { return nil }
        let digest = SHA256.hash(data: Data(html[open.upperBound..<close.lowerBound].utf8))
        return "sha256-" + Data(digest).base64EncodedString()
    }

    func partnerName(_ id: String) -> String {
        datasets.network.partners[PartnerID(rawValue: id)]?.name ?? id
    }

    func statusName(_ status: PlanStatus, _ web: Web) -> String { web.w("status_" + status.rawValue) }

    /// "2026-07-04T08:30:00+01:00" → "2026-07-04 08:30".
    static func shortTime(_ iso: String) -> String {
        guard iso.count >= 16 else { return iso }
        return iso.prefix(10) + " " + iso.dropFirst(11).prefix(5)
    }
}
