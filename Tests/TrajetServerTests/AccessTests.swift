import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing
import TrajetAPI
import TrajetCore
import TrajetQueries
import TrajetStore

@testable import TrajetServer

@Suite struct AccessTests {
    @Test func planReadsNeedAValidKey() async throws {
        let fixture = try await ServerFixture.make()
        let plan = try await fixture.addPlan(org: "asmae", depart: "2026-07-04")
        try await fixture.test { client in
            try await client.execute(uri: "/v1/plans", method: .get) { response in
                #expect(response.status == .unauthorized)
                #expect(response.isProblem)
                #expect(response.headers[.wwwAuthenticate]?.hasPrefix("Bearer") == true)
            }
            for header in ["Bearer trj_0000", "Basic dXNlcjpwYXNz", "Bearer", "Bearer \(fixture.keys["revoked"]!)"] {
                try await client.execute(uri: "/v1/plans", method: .get, headers: [.authorization: header]) { response in
                    #expect(response.status == .unauthorized, "\(header)")
                }
            }
            // Each role of the organisation reads its plans; the other organisation does not see them.
            for name in ["reader", "planner", "admin", "network"] {
                try await client.execute(uri: "/v1/plans/\(plan.plan.id)", method: .get, headers: fixture.auth(name)) {
                    response in
                    #expect(response.status == .ok, "\(name)")
                    #expect(response.headers[.eTag] == "\"1\"")
                }
            }
            try await client.execute(uri: "/v1/plans/\(plan.plan.id)", method: .get, headers: fixture.auth("otherPlanner")) {
                response in
                #expect(response.status == .notFound)
                #expect(response.isProblem)
            }
            try await client.execute(uri: "/v1/plans", method: .get, headers: fixture.auth("otherPlanner")) { response in
                #expect((response.json["plans"] as? [Any])?.isEmpty == true)
            }
            try await client.execute(uri: "/v1/plans?organisation=asmae", method: .get, headers: fixture.auth("otherPlanner")) {
                response in
                #expect(response.status == .forbidden)
            }
        }
    }

    /// Issue 16: an operation that needs a key checks it before its parameters or body, so a caller without one
    /// learns nothing of the operation's inputs.
    @Test func theKeyIsCheckedBeforeParametersAndBody() async throws {
        let fixture = try await ServerFixture.make()
        try await fixture.test { client in
            for (uri, method, payload) in [
                ("/v1/plans?year=abc&limit=0", HTTPRequest.Method.get, nil),
                ("/v1/reports/annual/notayear?format=pdf", .get, nil),
                ("/v1/plans", .post, "{}"),
                ("/v1/plans/x", .patch, #"{"status":"nonsense"}"#),
            ] as [(String, HTTPRequest.Method, String?)] {
                try await client.execute(
                    uri: uri, method: method, headers: payload == nil ? [:] : jsonHeaders,
                    body: payload.map { body($0) }
                ) { response in
                    #expect(response.status == .unauthorized, "\(method) \(uri): \(response.status)")
                    #expect(!response.text.contains("year") && !response.text.contains("name"), "\(response.text)")
                }
            }
            // With a key the same requests name the field at fault.
            try await client.execute(uri: "/v1/plans?year=abc", method: .get, headers: fixture.auth("reader")) { response in
                #expect(response.status == .badRequest)
                #expect(response.json["field"] as? String == "year")
            }
        }
    }

    @Test func revocationTakesEffectAtOnce() async throws {
        let fixture = try await ServerFixture.make()
        let (secret, key) = APIKey.generate(organisationId: "asmae", role: .reader)
        _ = try await fixture.store.addAPIKey(key)
        try await fixture.test { client in
            let headers: HTTPFields = [.authorization: "Bearer \(secret)"]
            try await client.execute(uri: "/v1/plans", method: .get, headers: headers) { #expect($0.status == .ok) }
            _ = try await fixture.store.revokeAPIKey(id: key.id)
            try await client.execute(uri: "/v1/plans", method: .get, headers: headers) { #expect($0.status == .unauthorized) }
        }
    }

    @Test func writesNeedThePlannerRole() async throws {
        let fixture = try await ServerFixture.make()
        let plan = try await fixture.addPlan(org: "asmae", depart: "2026-07-04")
        let patch = body(#"{"notes":"x"}"#)
        try await fixture.test { client in
            try await client.execute(
                uri: "/v1/plans/\(plan.plan.id)", method: .patch, headers: fixture.auth("reader", jsonHeaders), body: patch
            ) { response in
                #expect(response.status == .forbidden)
                #expect(response.isProblem)
            }
            try await client.execute(uri: "/v1/plans/\(plan.plan.id)", method: .delete, headers: fixture.auth("reader")) {
                #expect($0.status == .forbidden)
            }
            // Another organisation's planner: not found, as for an unknown id.
            try await client.execute(
                uri: "/v1/plans/\(plan.plan.id)", method: .patch, headers: fixture.auth("otherPlanner", jsonHeaders),
                body: patch
            ) { #expect($0.status == .notFound) }
            for name in ["planner", "admin", "network"] {
                try await client.execute(
                    uri: "/v1/plans/\(plan.plan.id)", method: .patch, headers: fixture.auth(name, jsonHeaders), body: patch
                ) { #expect($0.status == .ok, "\(name)") }
            }
        }
    }

    @Test func publicReadsCanBeTurnedOff() async throws {
        let fixture = try await ServerFixture.make(publicReads: false)
        try await fixture.test { client in
            try await client.execute(uri: "/v1/partners", method: .get) { #expect($0.status == .unauthorized) }
            try await client.execute(uri: "/v1/partners", method: .get, headers: fixture.auth("reader")) {
                #expect($0.status == .ok)
            }
            try await client.execute(uri: "/healthz", method: .get) { #expect($0.status == .ok) }
        }
    }
}

@Suite struct PlanTests {
    @Test func createSearchesAndSavesLikePlansAdd() async throws {
        let fixture = try await ServerFixture.make()
        let request = #"""
            {"name":"Échange Twiza 2026","partner":"twiza","from":"liege","depart":"2026-07-04","return":"2026-07-25",
             "participants":14,"leaders":2,"minors":true,"rank":"co2","pick":1}
            """#
        try await fixture.test { client in
            try await client.execute(
                uri: "/v1/plans", method: .post, headers: fixture.auth("planner", jsonHeaders), body: body(request)
            ) { response in
                #expect(response.status == .created)
                #expect(response.headers[.eTag] == "\"1\"")
                let plan = response.json["plan"] as? [String: Any] ?? [:]
                #expect(plan["organisationId"] as? String == "asmae")
                #expect(plan["returnDate"] as? String == "2026-07-25")
                #expect(response.headers[.location] == "/v1/plans/\(plan["id"] as? String ?? "")")
                #expect(((response.json["legs"] as? [Any])?.count ?? 0) > 2)
            }
            // A reader may not; a network key must say for whom; an organisation key may not write for another.
            try await client.execute(
                uri: "/v1/plans", method: .post, headers: fixture.auth("reader", jsonHeaders), body: body(request)
            ) { #expect($0.status == .forbidden) }
            try await client.execute(
                uri: "/v1/plans", method: .post, headers: fixture.auth("network", jsonHeaders), body: body(request)
            ) { response in
                #expect(response.status == .unprocessableContent)
                #expect(response.json["field"] as? String == "organisationId")
            }
            let forOther = request.replacingOccurrences(of: #"{"name""#, with: #"{"organisationId":"other","name""#)
            try await client.execute(
                uri: "/v1/plans", method: .post, headers: fixture.auth("planner", jsonHeaders), body: body(forOther)
            ) { #expect($0.status == .forbidden) }
            let unknownPartner = request.replacingOccurrences(of: #""twiza""#, with: #""nobody""#)
            try await client.execute(
                uri: "/v1/plans", method: .post, headers: fixture.auth("planner", jsonHeaders), body: body(unknownPartner)
            ) { response in
                #expect(response.status == .notFound)
                #expect(response.json["field"] as? String == "partner")
            }
            // Found by fuzzing: an empty date crashed the server (DepartureText.parse indexed an empty split).
            let emptyDate = request.replacingOccurrences(of: #""depart":"2026-07-04""#, with: #""depart":"""#)
            try await client.execute(
                uri: "/v1/plans", method: .post, headers: fixture.auth("planner", jsonHeaders), body: body(emptyDate)
            ) { response in
                #expect(response.status == .unprocessableContent)
                #expect(response.json["field"] as? String == "depart")
            }
            let badPick = request.replacingOccurrences(of: #""pick":1"#, with: #""pick":19"#)
            try await client.execute(
                uri: "/v1/plans", method: .post, headers: fixture.auth("planner", jsonHeaders), body: body(badPick)
            ) { response in
                #expect(response.status == .unprocessableContent)
                #expect(response.json["field"] as? String == "pick")
            }
        }
    }

    /// `itinerary`: the JSON of `GET /v1/routes`, saved as chosen (as `plans add --itinerary-json`).
    @Test func createFromAChosenItinerary() async throws {
        let fixture = try await ServerFixture.make()
        try await fixture.test { client in
            let routes = try await client.execute(
                uri: "/v1/routes?from=liege&to=twiza&participants=14&leaders=2&depart=2026-07-04&return=2026-07-25&rank=co2",
                method: .get
            ) { String(buffer: $0.body) }
            let request = #"{"name":"Choisi","partner":"twiza","from":"liege","depart":"2026-07-04","return":"2026-07-25","participants":14,"leaders":2,"itinerary":"#
                + routes + "}"
            try await client.execute(
                uri: "/v1/plans", method: .post, headers: fixture.auth("planner", jsonHeaders), body: body(request)
            ) { response in
                #expect(response.status == .created, "\(response.text)")
                let legs = response.json["legs"] as? [[String: Any]] ?? []
                #expect(legs.contains { $0["direction"] as? String == "return" })
            }
            let broken = routes.replacingOccurrences(of: #""id":""#, with: #""id":"nope-"#)
            let bad = #"{"name":"Choisi","partner":"twiza","from":"liege","depart":"2026-07-04","participants":14,"itinerary":"#
                + broken + "}"
            try await client.execute(
                uri: "/v1/plans", method: .post, headers: fixture.auth("planner", jsonHeaders), body: body(bad)
            ) { response in
                #expect(response.status == .unprocessableContent)
                #expect(response.json["field"] as? String == "itinerary")
                #expect((response.json["detail"] as? String)?.contains("is not in the shipped network") == true)
            }
        }
    }

    @Test func ifMatchGuardsUpdatesAndDeletes() async throws {
        let fixture = try await ServerFixture.make()
        let plan = try await fixture.addPlan(org: "asmae", depart: "2026-07-04")
        let uri = "/v1/plans/\(plan.plan.id)"
        try await fixture.test { client in
            try await client.execute(
                uri: uri, method: .patch, headers: fixture.auth("planner", [.contentType: "application/json", .ifMatch: "\"1\""]),
                body: body(#"{"status":"booked","participants":12}"#)
            ) { response in
                #expect(response.status == .ok, "\(response.text)")
                #expect(response.headers[.eTag] == "\"2\"")
                let saved = response.json["plan"] as? [String: Any] ?? [:]
                #expect(saved["status"] as? String == "booked" && saved["participants"] as? Int == 12)
            }
            try await client.execute(
                uri: uri, method: .patch, headers: fixture.auth("planner", [.contentType: "application/json", .ifMatch: "\"1\""]),
                body: body(#"{"notes":"late"}"#)
            ) { response in
                #expect(response.status == .preconditionFailed)
                #expect(response.json["field"] as? String == "If-Match")
            }
            try await client.execute(
                uri: uri, method: .patch, headers: fixture.auth("planner", [.contentType: "application/json"]),
                body: body(#"{"status":"draft"}"#)
            ) { response in
                #expect(response.status == .unprocessableContent)
                #expect(response.json["field"] as? String == "status")
            }
            try await client.execute(
                uri: uri, method: .patch, headers: fixture.auth("planner", [.contentType: "application/json"]),
                body: body(#"{"participants":-1}"#)
            ) { #expect($0.status == .unprocessableContent) }
            try await client.execute(
                uri: uri, method: .patch, headers: fixture.auth("planner", [.contentType: "application/json"]),
                body: body(#"{"colour":"blue"}"#)
            ) { #expect($0.status == .badRequest) }
            try await client.execute(uri: uri, method: .delete, headers: fixture.auth("planner", [.ifMatch: "\"1\""])) {
                #expect($0.status == .preconditionFailed)
            }
            try await client.execute(uri: uri, method: .delete, headers: fixture.auth("planner", [.ifMatch: "\"2\""])) {
                #expect($0.status == .noContent)
            }
            try await client.execute(uri: uri, method: .get, headers: fixture.auth("planner")) {
                #expect($0.status == .notFound)
            }
        }
    }

    @Test func listPagesFiltersAndScopes() async throws {
        let fixture = try await ServerFixture.make()
        for (index, day) in ["2026-03-01", "2026-05-01", "2026-05-01", "2026-09-01", "2025-07-01"].enumerated() {
            _ = try await fixture.addPlan(org: "asmae", depart: day, name: "Trip \(index)")
        }
        _ = try await fixture.addPlan(org: "other", depart: "2026-04-01")
        try await fixture.test { client in
            var seen: [String] = []
            var cursor: String?
            repeat {
                let uri = "/v1/plans?year=2026&limit=2" + (cursor.map { "&cursor=\($0)" } ?? "")
                try await client.execute(uri: uri, method: .get, headers: fixture.auth("reader")) { response in
                    #expect(response.status == .ok)
                    let plans = response.json["plans"] as? [[String: Any]] ?? []
                    #expect(plans.count <= 2)
                    seen += plans.compactMap { $0["departDate"] as? String }
                    cursor = response.json["nextCursor"] as? String
                }
            } while cursor != nil
            #expect(seen == ["2026-03-01", "2026-05-01", "2026-05-01", "2026-09-01"])
            try await client.execute(uri: "/v1/plans?status=draft", method: .get, headers: fixture.auth("reader")) {
                #expect(($0.json["plans"] as? [Any])?.isEmpty == true)
            }
            try await client.execute(uri: "/v1/plans?limit=1000", method: .get, headers: fixture.auth("reader")) {
                #expect($0.status == .unprocessableContent)
            }
            try await client.execute(uri: "/v1/plans?cursor=%%%", method: .get, headers: fixture.auth("reader")) {
                #expect($0.status.code == 400 || $0.status.code == 422)
            }
            try await client.execute(uri: "/v1/plans?limit=100", method: .get, headers: fixture.auth("network")) {
                #expect(($0.json["plans"] as? [Any])?.count == 6)
            }
        }
    }
}

@Suite struct ReportTests {
    @Test func annualReportByFormatAndAccept() async throws {
        let fixture = try await ServerFixture.make()
        _ = try await fixture.addPlan(org: "asmae", depart: "2026-07-04")
        try await fixture.test { client in
            let base = "/v1/reports/annual/2026?scenarios=false"
            try await client.execute(uri: base, method: .get, headers: fixture.auth("reader")) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType]?.hasPrefix("application/json") == true)
                #expect(response.json["year"] as? Int == 2026)
            }
            try await client.execute(uri: base + "&format=csv", method: .get, headers: fixture.auth("reader")) {
                #expect($0.headers[.contentType]?.hasPrefix("text/csv") == true)
            }
            try await client.execute(
                uri: base, method: .get, headers: fixture.auth("reader", [.accept: "text/markdown"])
            ) { response in
                #expect(response.headers[.contentType]?.hasPrefix("text/markdown") == true)
                #expect(response.text.hasPrefix("# "))
            }
            try await client.execute(uri: base + "&format=html&lang=fr", method: .get, headers: fixture.auth("reader")) {
                response in
                #expect(response.text.contains("<html"))
            }
            // An organisation key reads only its own report; the network key any, or the whole network's.
            try await client.execute(uri: base + "&org=other", method: .get, headers: fixture.auth("reader")) {
                #expect($0.status == .forbidden)
            }
            try await client.execute(uri: base + "&org=other", method: .get, headers: fixture.auth("network")) {
                #expect($0.status == .ok)
            }
            try await client.execute(uri: base + "&org=nobody", method: .get, headers: fixture.auth("network")) {
                #expect($0.status == .notFound)
            }
            try await client.execute(uri: base, method: .get, headers: fixture.auth("network")) {
                #expect($0.status == .ok)
            }
            try await client.execute(uri: base, method: .get) { #expect($0.status == .unauthorized) }
            try await client.execute(uri: "/v1/reports/annual/1999", method: .get, headers: fixture.auth("reader")) {
                #expect($0.status == .unprocessableContent)
            }
        }
    }

    /// The JSON report is the renderer's text as written (no decoding into the generated type and encoding again),
    /// and the same JSON value the round trip gave.
    @Test func jsonReportIsTheRenderersText() async throws {
        let fixture = try await ServerFixture.make()
        _ = try await fixture.addPlan(org: "asmae", depart: "2026-07-04")
        _ = try await fixture.addPlan(org: "asmae", depart: "2026-09-12", name: "Autumn")
        try await fixture.test { client in
            let uri = "/v1/reports/annual/2026?scenarios=false&format=json"
            let (status, served) = try await client.execute(uri: uri, method: .get, headers: fixture.auth("reader")) {
                ($0.status, String(buffer: $0.body))
            }
            #expect(status == .ok)
            let object = try JSONSerialization.jsonObject(with: Data(served.utf8)) as? [String: Any] ?? [:]
            // The date the server stamped, so the expected text does not depend on when the test runs.
            let generatedAt = try #require(object["generatedAt"] as? String)
            let query = AnnualReportQuery(
                year: 2026, scope: .organisation(id: "asmae", name: "Asmae"), scenarios: false, generatedAt: generatedAt)
            let built = try await query.build(store: fixture.store, datasets: Shipped.datasets, settings: fixture.settings)
            var rendered = ""
            try await query.render(built, as: .json, language: .en, store: fixture.store, into: &rendered)
            let sameText = served == rendered
            #expect(sameText, "GET …?format=json is not the JSON renderer's text")

            let typed = try JSONDecoder().decode(Components.Schemas.AnnualReport.self, from: Data(rendered.utf8))
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            func normalised(_ data: Data) throws -> String {
                let object = try JSONSerialization.jsonObject(with: data)
                return String(decoding: try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]), as: UTF8.self)
            }
            let sameValue = try normalised(Data(served.utf8)) == normalised(encoder.encode(typed))
            #expect(sameValue, "the passed-through report differs from the generated type's round trip")
        }
    }
}
