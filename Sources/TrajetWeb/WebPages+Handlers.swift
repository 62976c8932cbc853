import Foundation
import HTTPTypes
import Logging
import TrajetDatasets
import Hummingbird
import TrajetCore
import TrajetQueries
import TrajetReports
import TrajetStore

/// The search form's fields, as `trajet routes` takes them; kept in links and in the "save" forms.
let searchFields = [
    "from", "to", "date", "return", "young", "leaders", "minors", "rank", "overland", "nonight", "maxdays", "maxchanges",
    "maxcost", "via",
] + avoidableModes.map { "avoid-" + $0.rawValue }

/// The modes the form offers to avoid (`--avoid`), one checkbox each.
let avoidableModes: [TransportMode] = [.flight, .coach, .nightTrain, .ferry, .sharedTaxi]

extension WebPages {
    // MARK: Compare routes

    func home(_ web: Web) async throws -> Response {
        render("home", web, title: web.w("home_title"), formValues(web, errors: [:]))
    }

    func routes(_ web: Web) async throws -> Response {
        var errors: [String: String] = [:]
        let request: RoutesRequest
        do {
            request = try routesRequest(web.query, web)
        } catch let error as FieldError {
            errors[error.field] = error.message
            var values = formValues(web, errors: errors)
            values["error"] = error.message
            return render("home", web, title: web.w("home_title"), status: .badRequest, values)
        }
        let l = web.localizer
        let basemap = self.basemap
        let view: RoutesViewBox
        do {
            view = try await searcher.answer(request, settings: settings) { answer in
                RoutesViewBox(view: RoutesView(answer, basemap: basemap, l: l), inbound: answer.inbound != nil)
            }
        } catch let busy as SearchesBusy {
            throw WebError.busy(busy.retryAfterSeconds)
        } catch let error as TrajetError {
            var values = formValues(web, errors: errors)
            let network = datasets.network
            values["error"] = l.message(for: error, names: { network.place($0).map(RoutesText.placeName) ?? $0.rawValue })
            if case .unknownPlace(let text, let suggestions) = error {
                let folded = SearchText.fold(text)
                let field =
                    folded == SearchText.fold(request.from) ? "from" : folded == request.via.map(SearchText.fold) ? "via" : "to"
                values["suggestions"] = suggestions.map { name in
                    ["name": name, "url": "/routes?" + web.query.query(searchFields, replacing: [field: name])]
                }
                values[field + "Error"] = true
            }
            return render("home", web, title: web.w("home_title"), status: .badRequest, values)
        }
        var values = formValues(web, errors: [:])
        values["result"] = view.view
        values["canSave"] = (web.key?.role ?? .reader) >= .planner
        values["signInURL"] = "/signin?next=" + WebForm.encode("/routes?" + web.query.query(searchFields))
        values["hidden"] = searchFields.compactMap { name in web.query[name].map { ["name": name, "value": $0] } }
        values["returnOptions"] = view.inbound ? view.view.sections.last?.options.map { ["number": $0.number, "label": "\($0.number) — \($0.doorToDoor), \($0.co2ePerPerson)"] } ?? [] : []
        values["hasReturn"] = view.inbound
        values["compact"] = true
        return render("routes", web, title: view.view.heading, values)
    }

    struct FieldError: Error {
        var field: String
        var message: String
    }

    /// The form's fields as the routes question; a field that does not parse is named in plain words.
    func routesRequest(_ form: WebForm, _ web: Web) throws -> RoutesRequest {
        let l = web.localizer
        guard let from = form["from"] else { throw FieldError(field: "from", message: web.w("error_from_missing")) }
        guard let to = form["to"] else { throw FieldError(field: "to", message: web.w("error_to_missing")) }
        func count(_ name: String, _ range: ClosedRange<Int>) throws -> Int? {
            guard let text = form[name] else { return nil }
            guard let value = Int(text), range.contains(value) else {
                throw FieldError(
                    field: name,
                    message: l.w("web.a-whole-number-from-to-is", "\(text.prefix(20))", "\(range.lowerBound)", "\(range.upperBound)"))
            }
            return value
        }
        func date(_ name: String) throws -> String? {
            guard let text = form[name] else { return nil }
            guard DepartureText.parse(text) != nil else {
                throw FieldError(
                    field: name,
                    message: l.w("web.a-date-yyyy-mm-dd-between", "\(text.prefix(20))"))
            }
            return text
        }
        let rank = form["rank"].flatMap(RankingProfile.init(rawValue:)) ?? .balanced
        var maxCost: Double?
        if let text = form["maxcost"] {
            guard let value = Double(text.replacingOccurrences(of: ",", with: ".")), (1...100_000).contains(value) else {
                throw FieldError(
                    field: "maxcost",
                    message: l.w("web.an-amount-in-euros-from-1", "\(text.prefix(20))"))
            }
            maxCost = value
        }
        let avoid = Set(avoidableModes.filter { form.flag("avoid-" + $0.rawValue) })
        let young = try count("young", Group.countRange)
        let leaders = try count("leaders", 0...100)
        return RoutesRequest(
            from: String(from.prefix(200)), to: String(to.prefix(200)), participants: young ?? (leaders == nil ? 1 : 0),
            leaders: leaders ?? 0, minors: form.flag("minors"), depart: try date("date"), returnDate: try date("return"),
            rank: rank, limit: settings.routeLimit, maxDays: try count("maxdays", 1...30),
            maxChanges: try count("maxchanges", 0...20), maxCostEur: maxCost, avoid: avoid, overland: form.flag("overland"),
            via: form["via"].map { String($0.prefix(200)) }, noNightTravel: form.flag("nonight"))
    }

    /// The search form, filled with what was asked (or a typical group: 12 young people, 2 leaders, minors).
    func formValues(_ web: Web, errors: [String: String]) -> [String: Any] {
        let form = web.query
        let asked = form["from"] != nil || form["to"] != nil
        let partners = datasets.network.partners.values.sorted { $0.name < $1.name }.map { partner -> [String: Any] in
            let town = datasets.network.place(partner.mainPlace)?.city ?? ""
            return [
                "id": partner.id.rawValue, "label": partner.name + (town.isEmpty ? "" : " — \(town)"),
                "selected": form["to"].map { SearchText.fold($0) == SearchText.fold(partner.id.rawValue) } ?? false,
            ]
        }
        let rank = form["rank"] ?? "balanced"
        let ranks: [[String: Any]] = [
            ["value": "balanced", "label": web.w("rank_balanced")], ["value": "co2", "label": web.w("rank_co2")],
            ["value": "time", "label": web.w("rank_time")], ["value": "cost", "label": web.w("rank_cost")],
        ].map { var r = $0; r["selected"] = ($0["value"] as? String) == rank; return r }
        return [
            "from": form["from"] ?? "", "date": form["date"] ?? "", "return": form["return"] ?? "",
            "young": form["young"] ?? (asked ? "" : "12"), "leaders": form["leaders"] ?? (asked ? "" : "2"),
            "minors": asked ? form.flag("minors") : true, "overland": form.flag("overland"),
            "nonight": form.flag("nonight"), "maxdays": form["maxdays"] ?? "", "maxchanges": form["maxchanges"] ?? "",
            "maxcost": form["maxcost"] ?? "", "via": form["via"] ?? "",
            "avoid": avoidableModes.map { mode -> [String: Any] in
                ["name": "avoid-" + mode.rawValue, "label": web.localizer.mode(mode), "checked": form.flag("avoid-" + mode.rawValue)]
            },
            "partners": partners, "ranks": ranks, "places": placeNames,
            "fieldErrors": errors.map { ["field": $0.key, "message": $0.value] },
            "editURL": "/?" + form.query(searchFields),
        ]
    }

    // MARK: Sign in

    func signInForm(_ web: Web, error: String?, status: HTTPResponse.Status = .ok) async throws -> Response {
        let next = Self.safeNext(web.query["next"] ?? web.form["next"])
        var values: [String: Any] = ["next": next, "firstStart": try await firstStartAllowed()]
        // A nil in a Mustache dictionary renders as the text "nil": absent keys only.
        if let error { values["error"] = error }
        return render("signin", web, title: web.w("signin_title"), status: status, values)
    }

    func signIn(_ web: Web) async throws -> Response {
        guard let text = web.form["key"], text.utf8.count <= 200,
            let key = try await store.apiKey(hash: APIKey.hash(text)), !key.isRevoked
        else {
            return try await signInForm(web, error: web.w("signin_failed"), status: .unauthorized)
        }
        var response = redirect(Self.safeNext(web.form["next"]))
        response.setCookie(
            Cookie(
                name: WebSessions.cookieName, value: sessions.cookieValue(keyHash: key.keyHash),
                maxAge: WebSessions.lifetimeSeconds, path: "/", secure: web.secure, httpOnly: true, sameSite: .strict))
        logger.info("web sign-in", metadata: ["key": .string(key.id)])
        return response
    }

    /// A store without any key, served on this machine only (loopback): the sign-in page offers to create the first
    /// organisation and its key, so a newcomer can save a plan without reading the CLI's documentation. Never on a
    /// server reachable from elsewhere (anyone could claim it), never once a key exists.
    func firstStartAllowed() async throws -> Bool {
        guard ["127.0.0.1", "localhost", "::1"].contains(settings.server.host) else { return false }
        return try await store.apiKeys().isEmpty
    }

    func firstStart(_ web: Web) async throws -> Response {
        guard try await firstStartAllowed() else { throw WebError.forbidden("first start") }
        let name = String((web.form["organisationName"] ?? "").prefix(200))
        let id = SearchText.fold(web.form["organisation"] ?? name).split { !$0.isLetter && !$0.isNumber }.joined(separator: "-")
        guard !name.isEmpty, !id.isEmpty else {
            return try await signInForm(web, error: web.w("first_start_missing"), status: .badRequest)
        }
        do {
            if try await store.organisations().contains(where: { $0.id == id }) == false {
                _ = try await store.addOrganisation(Organisation(id: String(id.prefix(100)), name: name))
            }
        } catch let error as PlanStoreError {
            return try await signInForm(web, error: web.localizer.message(for: error), status: .badRequest)
        }
        let (secret, key) = APIKey.generate(organisationId: String(id.prefix(100)), role: .admin, label: "first start (web page)")
        _ = try await store.addAPIKey(key)
        logger.info("first organisation and key created from the web page", metadata: ["key": .string(key.id)])
        var signedIn = web
        signedIn.key = key
        signedIn.organisationName = name
        let cookie = sessions.cookieValue(keyHash: key.keyHash)
        signedIn.cookie = cookie
        var response = render("first-start", signedIn, title: web.w("first_start_title"), ["secret": secret])
        response.setCookie(
            Cookie(
                name: WebSessions.cookieName, value: cookie, maxAge: WebSessions.lifetimeSeconds, path: "/",
                secure: web.secure, httpOnly: true, sameSite: .strict))
        return response
    }

    func signOut(_ web: Web) async throws -> Response {
        var response = redirect("/")
        response.setCookie(
            Cookie(
                name: WebSessions.cookieName, value: "", maxAge: 0, path: "/", secure: web.secure, httpOnly: true,
                sameSite: .strict))
        return response
    }

    /// Only a path of this site: never `//other.host` nor `https://…` (no open redirect).
    static func safeNext(_ next: String?) -> String {
        guard let next, next.hasPrefix("/"), !next.hasPrefix("//"), !next.contains("\\"), next.utf8.count < 2000 else {
            return "/plans"
        }
        return next
    }
}

/// A view handed back from the search threads (built there, read here only).
struct RoutesViewBox: Sendable {
    var view: RoutesView
    var inbound: Bool
}
