import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing
import TrajetAPI
import TrajetAPI
import TrajetContract
import TrajetCore
import TrajetDatasets
import TrajetQueries
import TrajetStore

@testable import TrajetServer

@Suite struct OperationsTests {
    @Test func healthReadinessAndRequestID() async throws {
        let fixture = try await ServerFixture.make()
        try await fixture.test { client in
            try await client.execute(uri: "/healthz", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.json["status"] as? String == "ok")
                #expect((response.headers[.xRequestID] ?? "").count == 16)
            }
            try await client.execute(uri: "/readyz", method: .get, headers: [.xRequestID: "abc-123"]) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.xRequestID] == "abc-123")
            }
            // An id that is not plain text is replaced, not echoed into the logs.
            try await client.execute(uri: "/healthz", method: .get, headers: [.xRequestID: "a b\u{7f}"]) { response in
                #expect(response.headers[.xRequestID] != "a b\u{7f}")
            }
        }
    }

    @Test func servedDocumentIsTheSpecFile() async throws {
        let specURL = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../Sources/TrajetAPI/openapi.yaml").standardized
        let spec = try String(contentsOf: specURL, encoding: .utf8)
        let fixture = try await ServerFixture.make()
        try await fixture.test { client in
            try await client.execute(uri: "/openapi.yaml", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType]?.hasPrefix("application/yaml") == true)
                let same = response.text == spec
                #expect(same, "the served document is not openapi.yaml (EmbedFiles plugin)")
            }
        }
    }

    /// Every path and method of the spec is routed (answers anything but the router's own 404), and the spec states
    /// OpenAPI 3.1 with a problem response on every operation.
    @Test func specDescribesTheServedOperations() async throws {
        let spec = openAPIDocumentText
        #expect(spec.hasPrefix("openapi: 3.1"))
        var operations: [(String, HTTPRequest.Method)] = []
        var path = ""
        for line in spec.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("  /"), line.hasSuffix(":") { path = String(line.dropFirst(2).dropLast()) }
            if line.hasPrefix("components:") { break }
            for method in ["get", "post", "patch", "delete"] where line == "    \(method):" {
                operations.append((path, HTTPRequest.Method(rawValue: method.uppercased())!))
            }
        }
        #expect(operations.count == 16)
        let problemResponses = spec.components(separatedBy: "default: { $ref: '#/components/responses/Problem' }").count - 1
        #expect(problemResponses == operations.count)
        let fixture = try await ServerFixture.make()
        let admin = fixture.auth("admin")
        let served = operations
        try await fixture.test { client in
            for (path, method) in served {
                let uri = path.replacingOccurrences(of: "{id}", with: "x").replacingOccurrences(of: "{year}", with: "2026")
                try await client.execute(uri: uri, method: method, headers: admin) { response in
                    let routed = !(response.status == .notFound && response.json["type"] as? String
                        == "https://trajet.invalid/problems/not-found")
                    #expect(routed, "\(method) \(path) is not served")
                    #expect(response.status.code < 500, "\(method) \(path) answered \(response.status)")
                }
            }
        }
    }

    @Test func unknownRouteIsAProblem() async throws {
        let fixture = try await ServerFixture.make()
        try await fixture.test { client in
            try await client.execute(uri: "/v1/places", method: .put) { response in
                #expect(response.status == .methodNotAllowed)
                #expect(response.headers[.allow] == "GET, HEAD")
                #expect(response.isProblem)
            }
            try await client.execute(uri: "/v1/plans/x", method: .post) { response in
                #expect(response.status == .methodNotAllowed)
                #expect(response.headers[.allow] == "DELETE, GET, HEAD, PATCH")
            }
            try await client.execute(uri: "/v2/nothing", method: .get) { response in
                #expect(response.status == .notFound)
                #expect(response.isProblem)
                #expect(response.json["status"] as? Int == 404)
            }
        }
    }

    /// RFC 9110: HEAD on a GET answers with the GET's status and headers, without the body.
    @Test func headAnswersAsGetWithoutBody() async throws {
        let fixture = try await ServerFixture.make()
        try await fixture.test { client in
            let routes = "/v1/routes?from=liege&to=twiza&participants=14&leaders=2&minors=true&depart=2026-07-04"
            for uri in ["/healthz", "/openapi.yaml", "/v1/partners", routes] {
                // HEAD first, then GET: the HEAD must not depend on a GET having filled the route cache.
                let head = try await client.execute(uri: uri, method: .head) { response in
                    (response.status, response.headers[.contentType], response.headers[.contentLength], response.body.readableBytes)
                }
                let get = try await client.execute(uri: uri, method: .get) { response in
                    (response.status, response.headers[.contentType], response.body.readableBytes)
                }
                let sameStatus = head.0 == .ok && get.0 == .ok
                let sameType = head.1 != nil && head.1 == get.1
                let announcedLength = head.2 == String(get.2)
                let noBody = head.3 == 0
                #expect(sameStatus, "HEAD \(uri): \(head.0), GET: \(get.0)")
                #expect(sameType, "HEAD \(uri): Content-Type \(head.1 ?? "none"), GET: \(get.1 ?? "none")")
                #expect(announcedLength, "HEAD \(uri): Content-Length \(head.2 ?? "none"), GET body \(get.2) bytes")
                #expect(noBody, "HEAD \(uri) sent \(head.3) bytes of body")
            }
            // A cached route answer too (the GET above stored it).
            try await client.execute(uri: routes, method: .head) { response in
                let ok = response.status == .ok && response.body.readableBytes == 0
                let announced = Int(response.headers[.contentLength] ?? "") ?? 0 > 1000
                #expect(ok)
                #expect(announced)
            }
            // Errors keep their status and headers, not their body.
            try await client.execute(uri: "/v1/routes?to=twiza", method: .head) { response in
                let bodyless = response.body.readableBytes == 0
                #expect(response.status == .badRequest)
                #expect(response.isProblem)
                #expect(bodyless)
            }
            try await client.execute(uri: "/v1/plans", method: .head) { response in
                #expect(response.status == .unauthorized)
                #expect(response.headers[.wwwAuthenticate] != nil)
            }
            // HEAD exists only where GET does.
            try await client.execute(uri: "/v1/emissions", method: .head) { response in
                #expect(response.status == .methodNotAllowed)
                #expect(response.headers[.allow] == "POST")
            }
        }
    }

    @Test func metricsCountRequestsPerOperation() async throws {
        let fixture = try await ServerFixture.make()
        try await fixture.test { client in
            try await client.execute(uri: "/healthz", method: .get) { _ in }
            try await client.execute(uri: "/v1/partners", method: .get) { _ in }
            try await client.execute(uri: "/metrics", method: .get) { response in
                #expect(response.status == .ok)
                let text = response.text
                #expect(text.contains(#"trajet_http_requests_total{operation="GET /healthz",status="200"} 1"#))
                #expect(text.contains(#"trajet_http_request_duration_seconds_count{operation="GET /v1/partners"}"#))
            }
        }
    }
}

@Suite struct CatalogueAndCalculationTests {
    @Test func placesPartnersAndFactorSets() async throws {
        let fixture = try await ServerFixture.make()
        try await fixture.test { client in
            try await client.execute(uri: "/v1/places?query=Li%C3%A8ge", method: .get) { response in
                #expect(response.status == .ok)
                let ids = response.jsonArray.compactMap { ($0 as? [String: Any])?["id"] as? String }
                #expect(ids.contains("BE-LIEGE-G"))
            }
            try await client.execute(uri: "/v1/places?query=qqqzzzxxw", method: .get) { response in
                #expect(response.status == .notFound)
                #expect(response.isProblem)
                #expect(response.json["field"] as? String == "query")
                #expect(response.json["suggestions"] is [String])
            }
            try await client.execute(uri: "/v1/partners", method: .get) { response in
                let ids = response.jsonArray.compactMap { ($0 as? [String: Any])?["id"] as? String }
                #expect(ids == ["aje", "alafia-jeunes", "lekaa", "twiza"])
            }
            try await client.execute(uri: "/v1/factor-sets", method: .get) { response in
                let sets = response.jsonArray.compactMap { $0 as? [String: Any] }
                #expect(sets.contains { $0["id"] as? String == "desnz-2025" && $0["isDefault"] as? Bool == true })
            }
            try await client.execute(uri: "/v1/factor-sets/desnz-2025", method: .get) { response in
                #expect(response.status == .ok)
                #expect(((response.json["rows"] as? [Any])?.count ?? 0) > 10)
            }
            try await client.execute(uri: "/v1/factor-sets/nope", method: .get) { response in
                #expect(response.status == .notFound)
                #expect(response.json["field"] as? String == "id")
            }
        }
    }

    @Test func emissionsGiveTheCLINumbers() async throws {
        let fixture = try await ServerFixture.make()
        let direct = try EmissionsQuery(
            from: "BRU", to: "DSS", mode: .flight, cabinClass: .economy, participants: 14, leaders: 2,
            factorSetID: "desnz-2025", includeAirportHubs: false
        ).run(datasets: Shipped.datasets)
        let expected = Components.Schemas.LegEmissions(direct, localizer: Localizer(.en))
        try await fixture.test { client in
            let request = #"{"from":"BRU","to":"DSS","mode":"flight","participants":14,"leaders":2}"#
            try await client.execute(uri: "/v1/emissions", method: .post, headers: jsonHeaders, body: body(request)) {
                response in
                #expect(response.status == .ok)
                let leg = (response.json["legs"] as? [[String: Any]])?.first ?? [:]
                #expect(leg["co2eKgPerPerson"] as? Double == expected.co2eKgPerPerson)
                #expect(leg["co2eKgGroup"] as? Double == expected.co2eKgGroup)
                let total = response.json["total"] as? [String: Any] ?? [:]
                #expect(total["co2eKgGroup"] as? Double == expected.co2eKgGroup)
            }
            let two = #"{"legs":[{"from":"liege","to":"BE-BXL-MIDI","mode":"rail"},{"from":"BRU","to":"CMN","mode":"flight"}],"participants":10}"#
            try await client.execute(uri: "/v1/emissions", method: .post, headers: jsonHeaders, body: body(two)) {
                response in
                #expect(response.status == .ok)
                #expect((response.json["legs"] as? [Any])?.count == 2)
            }
        }
    }

    @Test func routesGiveTheJSONOfTrajetRoutes() async throws {
        let fixture = try await ServerFixture.make()
        let answer = try RoutesRequest(
            from: "liege", to: "twiza", participants: 14, leaders: 2, minors: true, depart: "2026-07-04",
            returnDate: nil, rank: .co2, limit: 3, maxDays: nil, maxChanges: nil, maxCostEur: nil, avoid: [],
            overland: false, via: nil, noNightTravel: false
        ).run(datasets: Shipped.datasets, settings: fixture.settings)
        let cliJSON = Data(try encodeJSON(try Components.Schemas.RoutesResult(answer, localizer: Localizer(.en))).utf8)
        try await fixture.test { client in
            let uri = "/v1/routes?from=liege&to=twiza&participants=14&leaders=2&minors=true&depart=2026-07-04&rank=co2&limit=3"
            try await client.execute(uri: uri, method: .get) { response in
                #expect(response.status == .ok)
                func normalised(_ data: Data) throws -> String {
                    let object = try JSONSerialization.jsonObject(with: data)
                    return String(decoding: try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]), as: UTF8.self)
                }
                let api = try normalised(Data(response.body.readableBytesView))
                let cli = try normalised(cliJSON)
                let same = api == cli
                #expect(same, "GET /v1/routes differs from trajet routes --format json")
                if !same {
                    try? api.write(toFile: "/tmp/trajet-routes-api.json", atomically: true, encoding: .utf8)
                    try? cli.write(toFile: "/tmp/trajet-routes-cli.json", atomically: true, encoding: .utf8)
                }
            }
            // The second time comes from the route cache: the same bytes.
            let first = try await client.execute(uri: uri, method: .get) { String(buffer: $0.body) }
            let second = try await client.execute(uri: uri, method: .get) { String(buffer: $0.body) }
            #expect(first == second)
            // Byte for byte what the server sent when it decoded the CLI's JSON into the generated type and let the
            // generated layer encode that (sorted keys, compact): encoding once changed the cost, not the answer.
            let typed = try JSONDecoder().decode(Components.Schemas.RoutesResult.self, from: cliJSON)
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            let generatedLayerBytes = String(decoding: try encoder.encode(typed), as: UTF8.self)
            let sameBytes = first == generatedLayerBytes
            #expect(sameBytes, "GET /v1/routes is not the bytes the generated layer wrote")
        }
    }

    @Test(arguments: [
        // (uri, status, field)
        ("/v1/routes?from=liege&to=twiza&participants=-1", 422, "participants"),
        ("/v1/routes?from=liege&to=twiza&participants=abc", 400, nil),
        ("/v1/routes?from=liege&to=twiza&participants=99999999999999999999999", 400, nil),
        ("/v1/routes?to=twiza", 400, "from"),
        ("/v1/routes?from=liege&to=twiza&depart=", 422, "depart"),
        ("/v1/routes?from=nowhere-at-all&to=twiza", 404, "from"),
        ("/v1/routes?from=liege&to=twiza&rank=fastest", 400, nil),
        ("/v1/routes?from=liege&to=twiza&depart=2026-13-45", 422, "depart"),
        ("/v1/routes?from=liege&to=twiza&avoid=teleport", 422, "avoid"),
        ("/v1/routes?from=liege&to=twiza&avoid=flight,,coach", 422, "avoid"),
        ("/v1/routes?from=liege&to=twiza&factors=", 422, "factors"),
        ("/v1/routes?from=liege&to=twiza&maxCost=1e308", 422, "maxCost"),
        ("/v1/routes?from=liege&to=twiza&limit=0", 422, "limit"),
        ("/v1/routes?from=liege&to=twiza&factors=nope", 404, "factors"),
        ("/v1/places?query=qqqzzzxxw", 404, "query"),
        ("/v1/routes?from=%FF%FE&to=twiza", 422, "from"),
    ] as [(String, Int, String?)])
    func badQueriesAreProblems(uri: String, status: Int, field: String?) async throws {
        let fixture = try await ServerFixture.make()
        try await fixture.test { client in
            try await client.execute(uri: uri, method: .get) { response in
                #expect(response.status.code == status, "\(uri): \(response.text)")
                #expect(response.isProblem)
                if let field { #expect(response.json["field"] as? String == field) }
                #expect(response.json["title"] is String && response.json["type"] is String)
            }
        }
    }

    @Test(arguments: [
        (#"{"from":"BRU","#, 400, nil),
        (#"{"from":"BRU","to":"DSS","mode":"flight","participants":"many"}"#, 400, "participants"),
        (#"{"from":"BRU","to":"DSS","mode":"flight","participants":-3}"#, 422, "participants"),
        (#"{"from":"BRU","to":"DSS","mode":"flight","participants":1e300}"#, 400, nil),
        (#"{"from":"BRU","to":"DSS","mode":"flight","leaders":100000}"#, 422, "leaders"),
        (#"{"from":"Bruxxels","to":"DSS","mode":"rail"}"#, 404, "from"),
        (#"{"from":"BRU","to":"DSS","mode":"rocket"}"#, 400, "mode"),
        (#"{"from":"BRU","to":"DSS"}"#, 422, "mode"),
        (#"{"from":"BRU","to":"DSS","mode":"flight","distanceKm":-5}"#, 422, "distanceKm"),
        (#"{"legs":[],"participants":1}"#, 422, "legs"),
        (#"{"legs":[{"from":"BRU","to":"DSS","mode":"flight"}],"from":"BRU"}"#, 422, "legs"),
        (#"[1,2,3]"#, 400, nil),
        ("", 400, nil),
    ] as [(String, Int, String?)])
    func badEmissionBodiesAreProblems(json: String, status: Int, field: String?) async throws {
        let fixture = try await ServerFixture.make()
        try await fixture.test { client in
            try await client.execute(uri: "/v1/emissions", method: .post, headers: jsonHeaders, body: body(json)) {
                response in
                #expect(response.status.code == status, "\(json): \(response.text)")
                #expect(response.isProblem)
                if let field { #expect(response.json["field"] as? String == field, "\(json): \(response.text)") }
            }
        }
    }

    @Test func invalidUTF8OversizedBodiesAndWrongMediaType() async throws {
        let fixture = try await ServerFixture.make()
        try await fixture.test { client in
            var invalid = ByteBuffer(string: #"{"from":""#)
            invalid.writeBytes([0xFF, 0xFE, 0xC3])
            invalid.writeString(#"","to":"DSS","mode":"flight"}"#)
            try await client.execute(uri: "/v1/emissions", method: .post, headers: jsonHeaders, body: invalid) {
                response in
                #expect(response.status == .badRequest)
                #expect(response.isProblem)
            }
            let huge = ByteBuffer(repeating: UInt8(ascii: " "), count: 2 << 20)
            try await client.execute(uri: "/v1/emissions", method: .post, headers: jsonHeaders, body: huge) { response in
                #expect(response.status == .contentTooLarge)
                #expect(response.isProblem)
            }
            try await client.execute(
                uri: "/v1/emissions", method: .post, headers: [.contentType: "text/plain"], body: body("hello")
            ) { response in
                #expect(response.status.code == 415 || response.status.code == 400)
                #expect(response.isProblem)
            }
        }
    }

    @Test func problemsFollowAcceptLanguage() async throws {
        let fixture = try await ServerFixture.make()
        try await fixture.test { client in
            try await client.execute(
                uri: "/v1/places?query=qqqzzzxxw", method: .get, headers: [.acceptLanguage: "fr-BE,fr;q=0.9,en;q=0.5"]
            ) { response in
                #expect(response.json["title"] as? String == "Lieu inconnu")
            }
        }
    }
}
