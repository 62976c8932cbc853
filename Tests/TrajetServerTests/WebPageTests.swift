import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing
import TrajetCore
import TrajetQueries
import TrajetSQLite
import TrajetStore

@testable import TrajetServer

/// The coordinators' page through the whole application (router, EdgeMiddleware, store): the browser tests
/// (Tests/browser) drive it in Chromium; these check what a browser cannot see (headers, status codes, isolation).
@Suite struct WebPageTests {
    static let search = "/routes?from=Li%C3%A8ge&to=twiza&date=2026-07-04&young=12&leaders=2&minors=on&rank=balanced"
    static let searchForm = "from=Li%C3%A8ge&to=twiza&date=2026-07-04&young=12&leaders=2&minors=on&rank=balanced"

    /// Signs in with `key` and returns the session cookie (`name=value`).
    static func signIn(_ client: any TestClientProtocol, key: String) async throws -> String {
        let response = try await client.execute(
            uri: "/signin", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
            body: body("key=\(key)&next=%2Fplans"))
        #expect(response.status == .seeOther)
        #expect(response.headers[.location] == "/plans")
        let setCookie = try #require(response.headers[.setCookie])
        #expect(setCookie.contains("HttpOnly"))
        #expect(setCookie.contains("SameSite=Strict"))
        #expect(!setCookie.contains(key), "the key itself is never in the cookie")
        return String(setCookie.prefix { $0 != ";" })
    }

    static func csrf(in html: String) -> String? {
        guard let range = html.range(of: "name=\"csrf\" value=\"") else { return nil }
        return String(html[range.upperBound...].prefix { $0 != "\"" })
    }

    @Test func pagesAnswerInTheBrowsersLanguageWithStrictHeaders() async throws {
        let fixture = try await ServerFixture.make()
        try await fixture.test { client in
            try await client.execute(uri: "/", method: .get, headers: [.acceptLanguage: "fr-BE,fr;q=0.9"]) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "text/html; charset=utf-8")
                #expect(response.text.contains("<html lang=\"fr\">"))
                #expect(response.text.contains("Comparer les trajets"))
                let csp = response.headers[.contentSecurityPolicy] ?? ""
                #expect(csp.contains("script-src 'self'") && csp.contains("frame-ancestors 'none'") && !csp.contains("unsafe"))
                #expect(response.headers[.xContentTypeOptions] == "nosniff")
                // No inline script: every <script> has a src.
                #expect(!response.text.contains("<script>"))
            }
            try await client.execute(uri: "/?lang=en", method: .get, headers: [.acceptLanguage: "fr"]) { response in
                #expect(response.text.contains("<html lang=\"en\">"))
                #expect(response.headers[.setCookie]?.hasPrefix("trajet_lang=en") == true)
            }
            try await client.execute(uri: "/", method: .get, headers: [.acceptLanguage: "fr", .cookie: "trajet_lang=en"]) {
                #expect($0.text.contains("Compare routes"))
            }
            try await client.execute(uri: "/static/trajet.css", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "text/css; charset=utf-8")
            }
        }
    }

    @Test func theComparisonShowsTheCLIsNumbersChartAndMap() async throws {
        let fixture = try await ServerFixture.make()
        let answer = try RoutesRequest(
            from: "Liège", to: "twiza", participants: 12, leaders: 2, minors: true, depart: "2026-07-04", rank: .balanced,
            limit: fixture.settings.routeLimit, avoid: [], overland: false, noNightTravel: false
        ).run(datasets: Shipped.datasets, settings: fixture.settings)
        let l = Localizer(.en)
        try await fixture.test { client in
            try await client.execute(uri: Self.search, method: .get, headers: [.acceptLanguage: "en"]) { response in
                #expect(response.status == .ok)
                let html = response.text
                for (i, it) in answer.outbound.itineraries.enumerated() {
                    #expect(html.contains("id=\"outbound-\(i + 1)\""))
                    #expect(html.contains(l.numbers.format(it.co2eKgPerPerson, decimals: 0) + " kg"))
                    #expect(html.contains(RoutesText.duration(it.durationMinutes, l)))
                    #expect(html.contains(RoutesText.leaveAt(it, from: answer.departureDay, l)))
                }
                // Trade-off sentence, chart, map with outlines and legs, sources and markers.
                #expect(html.contains("vs fastest: "))
                #expect(html.contains("class=\"chart-svg\""))
                #expect(html.contains("class=\"map-svg\""))
                #expect(html.contains("<path d=\"M"))
                #expect(html.contains("class=\"m-flight\""))
                #expect(html.contains("Natural Earth"))
                #expect(html.contains("Source: "))
                #expect(html.contains("Travel advice"))
                // Not signed in: an invitation to sign in, no save form.
                #expect(html.contains("/signin?next="))
                #expect(!html.contains("action=\"/plans\""))
                #expect(html.utf8.count < 150_000)
            }
        }
    }

    @Test func anUnknownPlaceSuggestsNamesAndKeepsTheForm() async throws {
        let fixture = try await ServerFixture.make()
        try await fixture.test { client in
            try await client.execute(uri: "/routes?from=Lieg&to=twiza&young=12", method: .get, headers: [.acceptLanguage: "fr"])
            { response in
                #expect(response.status == .badRequest)
                #expect(response.text.contains("role=\"alert\""))
                #expect(response.text.contains("Vouliez-vous dire"))
                #expect(response.text.contains("value=\"Lieg\""))
            }
            try await client.execute(uri: "/routes?from=Li%C3%A8ge&to=twiza&young=douze", method: .get) { response in
                #expect(response.status == .badRequest)
                #expect(response.text.contains("douze"))
            }
        }
    }

    @Test func signInSaveListChangeAndDeleteAPlan() async throws {
        let fixture = try await ServerFixture.make()
        try await fixture.test { client in
            // A wrong key says so, with 401, and sets no cookie.
            try await client.execute(
                uri: "/signin", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                body: body("key=trj_wrong")
            ) { response in
                #expect(response.status == .unauthorized)
                #expect(response.headers[.setCookie] == nil)
                #expect(response.text.contains("role=\"alert\""))
            }
            let cookie = try await Self.signIn(client, key: fixture.keys["planner"]!)
            let results = try await client.execute(uri: Self.search, method: .get, headers: [.cookie: cookie])
            let token = try #require(Self.csrf(in: results.text))
            #expect(results.text.contains("action=\"/plans\""))
            let form: HTTPFields = [.contentType: "application/x-www-form-urlencoded", .cookie: cookie]
            // Without the CSRF token, or from another site: refused, nothing saved.
            try await client.execute(uri: "/plans", method: .post, headers: form, body: body(Self.searchForm + "&pick=1&name=x")) {
                #expect($0.status == .forbidden)
            }
            var foreign = form
            foreign[.origin] = "https://evil.example"
            try await client.execute(
                uri: "/plans", method: .post, headers: foreign, body: body("csrf=\(token)&" + Self.searchForm + "&pick=1&name=x")
            ) { #expect($0.status == .forbidden) }
            #expect(try await fixture.store.plans(PlanFilter()).isEmpty)

            let name = "%3Cscript%3Ealert(1)%3C%2Fscript%3E+summer"
            let saved = try await client.execute(
                uri: "/plans", method: .post, headers: form,
                body: body("csrf=\(token)&" + Self.searchForm + "&pick=1&name=\(name)"))
            #expect(saved.status == .seeOther)
            let location = try #require(saved.headers[.location])
            #expect(location.hasPrefix("/plans/"))
            let plans = try await fixture.store.plans(PlanFilter(organisationId: "asmae"))
            #expect(plans.count == 1)
            #expect(plans.first?.name == "<script>alert(1)</script> summer")
            let id = try #require(plans.first?.id)
            #expect(plans.first?.participants == 12 && plans.first?.leaders == 2 && plans.first?.minors == true)

            try await client.execute(uri: "/plans/\(id)", method: .get, headers: [.cookie: cookie]) { response in
                #expect(response.status == .ok)
                #expect(response.text.contains("&lt;script&gt;alert(1)&lt;/script&gt; summer"))
                #expect(!response.text.contains("<script>alert(1)"))
                #expect(response.headers[.cacheControl] == "no-store")
            }
            try await client.execute(uri: "/plans", method: .get, headers: [.cookie: cookie]) { response in
                #expect(response.text.contains("/plans/\(id)"))
            }
            // Status change (draft → planned), with the version read on the page.
            try await client.execute(
                uri: "/plans/\(id)", method: .post, headers: form, body: body("csrf=\(token)&action=status&status=planned&version=1")
            ) { #expect($0.status == .seeOther) }
            #expect(try await fixture.store.plan(id: id)?.plan.status == .planned)
            // A stale version is a conflict shown on the page, not a silent overwrite.
            try await client.execute(
                uri: "/plans/\(id)", method: .post, headers: form, body: body("csrf=\(token)&action=notes&notes=hello&version=1")
            ) { #expect($0.status == .conflict) }
            #expect(try await fixture.store.plan(id: id)?.plan.notes == "")

            // Another organisation's key sees the not-found page for this plan, and cannot delete it.
            let other = try await Self.signIn(client, key: fixture.keys["otherPlanner"]!)
            try await client.execute(uri: "/plans/\(id)", method: .get, headers: [.cookie: other]) { response in
                #expect(response.status == .notFound)
                #expect(response.headers[.contentType] == "text/html; charset=utf-8")
                #expect(!response.text.contains("summer"))
            }
            let otherPage = try await client.execute(uri: "/plans", method: .get, headers: [.cookie: other])
            #expect(!otherPage.text.contains(id))
            let otherToken = try #require(Self.csrf(in: otherPage.text))
            try await client.execute(
                uri: "/plans/\(id)/delete", method: .post,
                headers: [.contentType: "application/x-www-form-urlencoded", .cookie: other], body: body("csrf=\(otherToken)")
            ) { #expect($0.status == .notFound) }
            #expect(try await fixture.store.plan(id: id) != nil)

            // Delete with confirmation.
            try await client.execute(uri: "/plans/\(id)/delete", method: .get, headers: [.cookie: cookie]) { response in
                #expect(response.status == .ok)
                #expect(response.text.contains("action=\"/plans/\(id)/delete\""))
            }
            try await client.execute(uri: "/plans/\(id)/delete", method: .post, headers: form, body: body("csrf=\(token)&version=2")) {
                #expect($0.status == .seeOther)
            }
            #expect(try await fixture.store.plan(id: id) == nil)

            // Sign out: the cookie is cleared; pages that need a key send to the sign-in page.
            try await client.execute(uri: "/signout", method: .post, headers: form, body: body("csrf=\(token)")) { response in
                #expect(response.status == .seeOther)
                #expect(response.headers[.setCookie]?.contains("Max-Age=0") == true)
            }
            try await client.execute(uri: "/plans", method: .get) { response in
                #expect(response.status == .seeOther)
                #expect(response.headers[.location]?.hasPrefix("/signin?next=") == true)
            }
        }
    }

    @Test func aReadOnlyKeyCannotSaveAndARevokedKeyEndsTheSession() async throws {
        let fixture = try await ServerFixture.make()
        try await fixture.test { client in
            let reader = try await Self.signIn(client, key: fixture.keys["reader"]!)
            let page = try await client.execute(uri: Self.search, method: .get, headers: [.cookie: reader])
            #expect(!page.text.contains("action=\"/plans\""))
            let token = try #require(Self.csrf(in: page.text))
            try await client.execute(
                uri: "/plans", method: .post, headers: [.contentType: "application/x-www-form-urlencoded", .cookie: reader],
                body: body("csrf=\(token)&" + Self.searchForm + "&pick=1&name=x")
            ) { #expect($0.status == .forbidden) }

            let (secret, key) = APIKey.generate(organisationId: "asmae", role: .planner)
            _ = try await fixture.store.addAPIKey(key)
            let cookie = try await Self.signIn(client, key: secret)
            try await client.execute(uri: "/plans", method: .get, headers: [.cookie: cookie]) { #expect($0.status == .ok) }
            _ = try await fixture.store.revokeAPIKey(id: key.id)
            try await client.execute(uri: "/plans", method: .get, headers: [.cookie: cookie]) { #expect($0.status == .seeOther) }
        }
    }

    @Test func reportsForTheOrganisationAsHTMLAndDownloads() async throws {
        let fixture = try await ServerFixture.make()
        _ = try await fixture.addPlan(org: "asmae", depart: "2026-07-04", name: "Twiza 2026")
        try await fixture.test { client in
            let cookie = try await Self.signIn(client, key: fixture.keys["planner"]!)
            try await client.execute(uri: "/reports?year=2026", method: .get, headers: [.cookie: cookie]) { response in
                #expect(response.status == .ok)
                #expect(response.text.contains("/reports/2026.csv"))
            }
            try await client.execute(uri: "/reports/2026.html", method: .get, headers: [.cookie: cookie, .acceptLanguage: "fr"]) {
                response in
                #expect(response.status == .ok)
                #expect(response.text.contains("<h1"))
                // The report's own <style> is allowed by its hash, nothing else inline.
                #expect(response.headers[.contentSecurityPolicy]?.contains("'sha256-") == true)
            }
            try await client.execute(uri: "/reports/2026.csv", method: .get, headers: [.cookie: cookie]) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentDisposition]?.contains("attachment") == true)
            }
            try await client.execute(uri: "/reports/2026.pdf", method: .get, headers: [.cookie: cookie]) {
                #expect($0.status == .notFound)
            }
        }
    }

    @Test func notFoundIsAFriendlyPageForBrowsersAndAProblemForAPIClients() async throws {
        let fixture = try await ServerFixture.make()
        try await fixture.test { client in
            try await client.execute(uri: "/nothing-here", method: .get, headers: [.accept: "text/html"]) { response in
                #expect(response.status == .notFound)
                #expect(response.headers[.contentType] == "text/html; charset=utf-8")
                #expect(response.text.contains("<h1>"))
            }
            try await client.execute(uri: "/plans/extra/segments/here", method: .get) { response in
                #expect(response.status == .notFound)
                #expect(response.headers[.contentType] == "text/html; charset=utf-8")
            }
            try await client.execute(uri: "/nothing-here", method: .get) { response in
                #expect(response.status == .notFound)
                #expect(response.isProblem)
            }
            try await client.execute(uri: "/v1/nothing", method: .get, headers: [.accept: "text/html"]) { #expect($0.isProblem) }
        }
    }

    @Test func firstStartCreatesTheFirstOrganisationOnlyOnALocalEmptyServer() async throws {
        let store = try SQLitePlanStore.inMemory()
        var settings = try await Settings.load(configFile: nil, overrides: .init(language: .en), environment: [:])
        settings.server.host = "127.0.0.1"
        let app = try buildApplication(ServerEnvironment(settings: settings, datasets: Shipped.datasets, store: store))
        try await app.test(.router) { client in
            try await client.execute(uri: "/signin", method: .get) { #expect($0.text.contains("/signin/first-start")) }
            let created = try await client.execute(
                uri: "/signin/first-start", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                body: body("organisationName=Les+%C3%89changes+de+Namur"))
            #expect(created.status == .ok)
            #expect(created.headers[.setCookie]?.contains("SameSite=Strict") == true)
            #expect(created.text.contains("trj_"))
            #expect(try await store.organisations().map(\.id) == ["les-echanges-de-namur"])
            #expect(try await store.apiKeys().count == 1)
            // Once a key exists the offer is gone, and a second attempt is refused.
            try await client.execute(uri: "/signin", method: .get) { #expect(!$0.text.contains("/signin/first-start")) }
            try await client.execute(
                uri: "/signin/first-start", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                body: body("organisationName=Intruder")
            ) { #expect($0.status == .forbidden) }
            #expect(try await store.apiKeys().count == 1)
        }
        // A server reachable from elsewhere never offers it, even with no key.
        let exposedStore = try SQLitePlanStore.inMemory()
        settings.server.host = "0.0.0.0"
        let exposed = try buildApplication(ServerEnvironment(settings: settings, datasets: Shipped.datasets, store: exposedStore))
        try await exposed.test(.router) { client in
            try await client.execute(uri: "/signin", method: .get) { #expect(!$0.text.contains("/signin/first-start")) }
            try await client.execute(
                uri: "/signin/first-start", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                body: body("organisationName=Intruder")
            ) { #expect($0.status == .forbidden) }
        }
        #expect(try await exposedStore.apiKeys().isEmpty)
    }

    /// Issue 14 on the page: a saved plan shows today's travel advice and entry rules for its legs, as
    /// `trajet plans show` does.
    @Test func aSavedPlanShowsTheAdviceOfItsLegs() async throws {
        let fixture = try await ServerFixture.make()
        let plan = Plan(
            organisationId: "asmae", name: "Through Mauritania", partnerId: "aje", originPlaceId: "MA-DAKHLA",
            destinationPlaceId: "MR-NOUAKCHOTT", departDate: "2026-07-04", participants: 10, leaders: 2,
            factorSetId: "desnz-2025", factorSetVersion: "1")
        let leg = PlanLeg(
            planId: plan.id, direction: .outbound, position: 1, legId: "W2", mode: "coach", fromPlaceId: "MA-DAKHLA",
            toPlaceId: "MR-NOUAKCHOTT", distanceKm: 799, durationMinutes: 990)
        _ = try await fixture.store.addPlan(PlanDetail(plan: plan, legs: [leg]))
        try await fixture.test { client in
            let cookie = try await Self.signIn(client, key: fixture.keys["planner"]!)
            try await client.execute(uri: "/plans/\(plan.id)", method: .get, headers: [.cookie: cookie, .acceptLanguage: "en"]) {
                response in
                #expect(response.status == .ok)
                #expect(response.text.contains("<ul class=\"advice\">"))
                #expect(response.text.contains("Travel advice — "))
                #expect(response.text.contains("Entry — "))
            }
            // The API's JSON of the plan carries the same advice (and `trajet plans show --format json` prints it).
            try await client.execute(uri: "/v1/plans/\(plan.id)", method: .get, headers: fixture.auth("reader")) {
                response in
                #expect(response.status == .ok)
                let advice = response.json["travelAdvice"] as? [[String: Any]] ?? []
                #expect(advice.contains { $0["country"] as? String == "MR" })
                let rules = response.json["entryRules"] as? [[String: Any]] ?? []
                #expect(rules.contains { $0["country"] as? String == "MR" })
            }
        }
    }
}
