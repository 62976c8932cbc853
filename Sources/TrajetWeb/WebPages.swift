import Foundation
import HTTPTypes
import Hummingbird
import Logging
import Mustache
import TrajetCore
import TrajetDatasets
import TrajetQueries
import TrajetReports
import TrajetStore

/// Route searches on the server's bounded search threads (`SearchGate` in TrajetServer): the page asks the same
/// `RoutesRequest` the API and the CLI ask, through the same queue.
package protocol RouteSearching: Sendable {
    func answer<Output: Sendable>(
        _ request: RoutesRequest, settings: Settings, then finish: @escaping @Sendable (RoutesAnswer) throws -> Output
    ) async throws -> Output
}

/// Thrown by a `RouteSearching` when its queue is full: the page says "try again in a minute" (503).
package struct SearchesBusy: Error {
    package var retryAfterSeconds: Int
    package init(retryAfterSeconds: Int) { self.retryAfterSeconds = retryAfterSeconds }
}

/// The coordinators' web page, served by `trajet serve` at `/` beside the API (`/v1`). Server-rendered HTML from the
/// templates in `Templates/`, words from `Words/`, working without JavaScript; sessions from an organisation's API key.
package struct WebPages: Sendable {
    let settings: Settings
    let datasets: Datasets
    let store: any PlanStore
    let searcher: any RouteSearching
    let basemap: Basemap
    let templates: MustacheLibrary
    let words: WebWords
    let sessions: WebSessions
    let statics: [String: (type: String, body: [UInt8])]
    let placeNames: [String]
    let logger: Logger

    package init(
        settings: Settings, datasets: Datasets, store: any PlanStore, searcher: any RouteSearching,
        logger: Logger = Logger(label: "trajet.web")
    ) throws {
        self.settings = settings
        self.datasets = datasets
        self.store = store
        self.searcher = searcher
        self.logger = logger
        // Without the outlines the map still draws the legs; a broken file is reported, not hidden.
        do {
            basemap = try BasemapLoader.load(directory: datasets.directory)
        } catch {
            logger.warning("map without country outlines", metadata: ["error": .string(error.description)])
            basemap = .empty
        }
        templates = try WebResources.templates()
        words = try WebWords.load()
        sessions = WebSessions(secret: settings.server.sessionSecret)
        statics = try WebResources.statics()
        // Suggestions for "from": Belgian towns and stations, each name once (datalist, no JavaScript needed).
        var seen = Set<String>()
        placeNames = datasets.network.places.values.filter { $0.countryCode == "BE" }
            .map { $0.kind == .city ? $0.name : ($0.city.isEmpty ? $0.name : $0.city) }
            .filter { seen.insert(SearchText.fold($0)).inserted }
            .sorted { $0.localizedStandardCompare($1) == .orderedAscending }
    }

    /// The page's routes on `router` (all outside `/v1`).
    package func register<Context: RequestContext>(on router: Router<Context>) {
        router.get("/") { request, _ in await page(request) { try await home($0) } }
        router.get("/routes") { request, _ in await page(request) { try await routes($0) } }
        router.get("/signin") { request, _ in await page(request) { try await signInForm($0, error: nil) } }
        router.post("/signin") { request, _ in await page(request, post: true) { try await signIn($0) } }
        router.post("/signin/first-start") { request, _ in await page(request, post: true) { try await firstStart($0) } }
        router.post("/signout") { request, _ in await page(request, post: true) { try await signOut($0) } }
        router.get("/plans") { request, _ in await page(request) { try await plans($0) } }
        router.post("/plans") { request, _ in await page(request, post: true) { try await savePlan($0) } }
        router.get("/plans/:id") { request, context in
            let id = context.parameters.get("id") ?? ""
            return await page(request) { try await plan($0, id: id) }
        }
        router.post("/plans/:id") { request, context in
            let id = context.parameters.get("id") ?? ""
            return await page(request, post: true) { try await changePlan($0, id: id) }
        }
        router.get("/plans/:id/delete") { request, context in
            let id = context.parameters.get("id") ?? ""
            return await page(request) { try await confirmDelete($0, id: id) }
        }
        router.post("/plans/:id/delete") { request, context in
            let id = context.parameters.get("id") ?? ""
            return await page(request, post: true) { try await deletePlan($0, id: id) }
        }
        router.get("/reports") { request, _ in await page(request) { try await reports($0) } }
        router.get("/reports/:file") { request, context in
            let file = context.parameters.get("file") ?? ""
            return await page(request) { try await report($0, file: file) }
        }
        router.get("/static/:file") { request, context in
            staticFile(context.parameters.get("file") ?? "", request: request)
        }
    }

    /// The page's own paths (the rest of the site is the API's).
    package func owns(_ path: String) -> Bool {
        let first = path.split(separator: "/", maxSplits: 1).first ?? ""
        return path == "/" || ["routes", "signin", "signout", "plans", "reports", "static"].contains(first)
    }

    /// A friendly page for what the router did not find under the page's paths (404, 405).
    package func notFound(_ request: Request) async -> Response {
        await page(request) { web in throw WebError.notFound(web.w("error_page_not_found")) }
    }

    // MARK: Each request

    /// What every handler needs: the form (query or body), the language, the signed-in key.
    struct Web {
        var request: Request
        var form: WebForm
        var query: WebForm
        var language: Language
        var localizer: Localizer
        var words: [String: String]
        var key: APIKey?
        var cookie: String?
        var organisationName: String?
        var secure: Bool
        var setLanguageCookie: Bool

        func w(_ name: String) -> String { words[name] ?? name }
    }

    enum WebError: Error {
        case notFound(String)
        case badRequest(String)
        case forbidden(String)
        case signInNeeded
        case busy(Int)
    }

    /// Runs `body` for a request and turns what it throws into a friendly page: never a stack trace, never a JSON
    /// problem, and the same security headers on every answer.
    func page(_ request: Request, post: Bool = false, _ body: (Web) async throws -> Response) async -> Response {
        var web: Web
        var response: Response
        do {
            web = try await prepare(request, post: post)
        } catch {
            let fallback = Web(
                request: request, form: WebForm(), query: WebForm(), language: .en, localizer: Localizer(.en),
                words: words.table(.en), key: nil, cookie: nil, organisationName: nil, secure: false,
                setLanguageCookie: false)
            return secured(errorPage(error, web: fallback), web: fallback)
        }
        do {
            response = try await body(web)
        } catch {
            response = errorPage(error, web: web)
        }
        return secured(response, web: web)
    }

    private func prepare(_ request: Request, post: Bool) async throws -> Web {
        let query = WebForm(encoded: Substring(request.uri.query ?? ""))
        var form = query
        if post {
            // Cross-site posts are refused outright (SameSite=Strict keeps the cookie off them too).
            if let origin = request.headers[.origin], let host = request.head.authority,
                URL(string: origin).map({ ($0.host ?? "") + ($0.port.map { ":\($0)" } ?? "") }) != host
            {
                throw WebError.forbidden("origin")
            }
            var mutableRequest = request
            let body = try await mutableRequest.collectBody(upTo: 64 * 1024)
            form = WebForm(encoded: Substring(String(buffer: body)))
        }
        var language = Self.language(request.headers[.acceptLanguage])
        var setCookie = false
        if let asked = query["lang"].flatMap(Language.init(rawValue:)) {
            language = asked
            setCookie = true
        } else if let kept = request.cookies["trajet_lang"].flatMap({ Language(rawValue: $0.value) }) {
            language = kept
        }
        var key: APIKey?
        var cookie: String?
        var organisationName: String?
        if let value = request.cookies[WebSessions.cookieName]?.value, let hash = sessions.keyHash(cookie: value),
            let found = try await store.apiKey(hash: hash), !found.isRevoked
        {
            key = found
            cookie = value
            if let organisation = found.organisationId {
                organisationName = try await store.organisations().first { $0.id == organisation }?.name ?? organisation
            }
        }
        if post, let cookie, !sessions.checkCSRF(form["csrf"], cookie: cookie) {
            throw WebError.forbidden("csrf")
        }
        let secure =
            settings.server.secureCookies || request.headers[HTTPField.Name("X-Forwarded-Proto")!]?.lowercased() == "https"
        return Web(
            request: request, form: form, query: query, language: language, localizer: Localizer(language),
            words: words.table(language), key: key, cookie: cookie, organisationName: organisationName, secure: secure,
            setLanguageCookie: setCookie)
    }

    /// French if the browser prefers it to English, else English.
    static func language(_ header: String?) -> Language {
        guard let header else { return .fr }
        var best: (Language, Double)?
        for part in header.lowercased().split(separator: ",") {
            let pieces = part.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
            let tag = pieces.first ?? ""
            let q = pieces.dropFirst().first { $0.hasPrefix("q=") }.flatMap { Double($0.dropFirst(2)) } ?? 1
            let language: Language? = tag.hasPrefix("fr") ? .fr : tag.hasPrefix("en") ? .en : nil
            if let language, q > (best?.1 ?? 0) { best = (language, q) }
        }
        return best?.0 ?? .en
    }

    /// Security headers on every page: a strict Content-Security-Policy (scripts and styles from this server only,
    /// no inline script), no framing, no sniffing; pages of a signed-in user are not cached.
    func secured(_ response: Response, web: Web) -> Response {
        var response = response
        if response.headers[.contentSecurityPolicy] == nil {
            response.headers[.contentSecurityPolicy] = Self.contentSecurityPolicy(styleHash: nil)
        }
        response.headers[.xContentTypeOptions] = "nosniff"
        response.headers[HTTPField.Name("X-Frame-Options")!] = "DENY"
        response.headers[HTTPField.Name("Referrer-Policy")!] = "same-origin"
        if response.headers[.cacheControl] == nil { response.headers[.cacheControl] = "no-store" }
        if web.setLanguageCookie {
            response.setCookie(
                Cookie(
                    name: "trajet_lang", value: web.language.rawValue, maxAge: 365 * 86_400, path: "/", secure: web.secure,
                    httpOnly: true, sameSite: .lax))
        }
        return response
    }

    static func contentSecurityPolicy(styleHash: String?) -> String {
        "default-src 'none'; script-src 'self'; style-src 'self'" + (styleHash.map { " '\($0)'" } ?? "")
            + "; img-src 'self' data:; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
    }

    // MARK: Rendering

    /// The parts every page shares (header, language switch, sign-in state), then the page's own values.
    func render(_ template: String, _ web: Web, title: String, status: HTTPResponse.Status = .ok, _ values: [String: Any] = [:])
        -> Response
    {
        var object = values
        object["w"] = web.words
        object["lang"] = web.language.rawValue
        object["title"] = title
        object["signedIn"] = web.key != nil
        object["organisationName"] = web.organisationName ?? (web.key != nil ? web.w("network_admin") : nil)
        if let cookie = web.cookie { object["csrf"] = sessions.csrfToken(cookie: cookie) }
        let other: Language = web.language == .fr ? .en : .fr
        var switched = web.query
        switched = WebForm(switched.values.merging(["lang": other.rawValue]) { _, new in new })
        object["switchURL"] = web.request.uri.path + "?" + switched.query(switched.values.keys.sorted())
        object["switchLabel"] = other == .fr ? "Français" : "English"
        object["switchLang"] = other.rawValue
        let html = templates.render(MustacheValues.flatten(object) ?? [:], withTemplate: template) ?? ""
        return Response(
            status: status, headers: [.contentType: "text/html; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(string: html)))
    }

    func errorPage(_ error: any Error, web: Web) -> Response {
        let status: HTTPResponse.Status
        let message: String
        switch error {
        case WebError.notFound(let text): (status, message) = (.notFound, text)
        case WebError.badRequest(let text): (status, message) = (.badRequest, text)
        case WebError.forbidden: (status, message) = (.forbidden, web.w("error_forbidden"))
        case WebError.signInNeeded:
            return redirect("/signin?next=" + WebForm.encode(web.request.uri.path + (web.request.uri.query.map { "?" + $0 } ?? "")))
        case WebError.busy(let seconds):
            var response = render(
                "error", web, title: web.w("error_busy_title"), status: .serviceUnavailable,
                ["message": web.w("error_busy")])
            response.headers[.retryAfter] = String(seconds)
            return response
        case let error as HTTPError where error.status == .contentTooLarge:
            (status, message) = (.contentTooLarge, web.w("error_too_large"))
        default:
            logger.error("web page failed", metadata: ["error": .string(String(reflecting: error))])
            (status, message) = (.internalServerError, web.w("error_internal"))
        }
        return render(
            "error", web, title: status == .notFound ? web.w("error_not_found_title") : web.w("error_title"), status: status,
            ["message": message, "notFound": status == .notFound])
    }

    func redirect(_ location: String) -> Response {
        Response(status: .seeOther, headers: [.location: location, .contentType: "text/plain; charset=utf-8"])
    }

    func staticFile(_ name: String, request: Request) -> Response {
        guard let file = statics[name] else {
            return Response(status: .notFound, headers: [.contentType: "text/plain; charset=utf-8"])
        }
        return Response(
            status: .ok,
            headers: [
                .contentType: file.type, .cacheControl: "public, max-age=3600", .xContentTypeOptions: "nosniff",
                .contentSecurityPolicy: Self.contentSecurityPolicy(styleHash: nil),
            ],
            body: .init(byteBuffer: ByteBuffer(bytes: file.body)))
    }
}

