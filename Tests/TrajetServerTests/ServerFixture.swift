import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing
import TrajetCore
import TrajetDatasets
import TrajetQueries
import TrajetSQLite
import TrajetStore

@testable import TrajetServer

enum Shipped {
    static let datasets: Datasets = {
        let directory = try! DatasetLocator(environment: [:], executablePath: nil).locate()
        return try! Datasets.load(from: directory)
    }()
}

/// The whole application on an in-memory store with two organisations and a key per role, requests through the
/// router (no socket).
struct ServerFixture {
    let store: SQLitePlanStore
    var settings: Settings
    /// Keys by name: `reader`, `planner`, `admin` (asmae), `otherPlanner` (other), `network` (network admin),
    /// `revoked` (an asmae planner key, revoked).
    let keys: [String: String]

    static func make(publicReads: Bool = true) async throws -> ServerFixture {
        let store = try SQLitePlanStore.inMemory()
        _ = try await store.addOrganisation(Organisation(id: "asmae", name: "Asmae"))
        _ = try await store.addOrganisation(Organisation(id: "other", name: "Other association"))
        var keys: [String: String] = [:]
        for (name, org, role) in [
            ("reader", "asmae", APIKeyRole.reader), ("planner", "asmae", .planner), ("admin", "asmae", .admin),
            ("otherPlanner", "other", .planner), ("network", nil, .admin), ("revoked", "asmae", .planner),
        ] as [(String, String?, APIKeyRole)] {
            let (secret, key) = APIKey.generate(organisationId: org, role: role, label: name)
            _ = try await store.addAPIKey(key)
            if name == "revoked" { _ = try await store.revokeAPIKey(id: key.id) }
            keys[name] = secret
        }
        var settings = try await Settings.load(configFile: nil, overrides: .init(language: .en), environment: [:])
        settings.server.publicReads = publicReads
        return ServerFixture(store: store, settings: settings, keys: keys)
    }

    func test(_ setup: TestingSetup = .router, _ body: @Sendable (any TestClientProtocol) async throws -> Void)
        async throws
    {
        var settings = settings
        // A live server listens on a free loopback port (the router setup has no socket and ignores it).
        (settings.server.host, settings.server.port) = ("127.0.0.1", 0)
        let app = try buildApplication(
            ServerEnvironment(settings: settings, datasets: Shipped.datasets, store: store))
        try await app.test(setup, body)
    }

    func auth(_ name: String, _ extra: HTTPFields = [:]) -> HTTPFields {
        var fields = extra
        fields[.authorization] = "Bearer \(keys[name]!)"
        return fields
    }

    /// A plan saved straight into the store (no route search), for list and access tests.
    func addPlan(org: String, depart: String, name: String = "Trip") async throws -> PlanDetail {
        let plan = Plan(
            organisationId: org, name: name, partnerId: "twiza", originPlaceId: "BE-LIEGE-G",
            destinationPlaceId: "MA-KHEMISSET", departDate: depart, participants: 10, leaders: 2, status: .planned,
            factorSetId: "desnz-2025", factorSetVersion: "1")
        return try await store.addPlan(PlanDetail(plan: plan, legs: []))
    }
}

let jsonHeaders: HTTPFields = [.contentType: "application/json"]

extension TestResponse {
    var text: String { String(buffer: body) }
    var json: [String: Any] { (try? JSONSerialization.jsonObject(with: Data(body.readableBytesView))) as? [String: Any] ?? [:] }
    var jsonArray: [Any] { (try? JSONSerialization.jsonObject(with: Data(body.readableBytesView))) as? [Any] ?? [] }
    var isProblem: Bool { headers[.contentType]?.hasPrefix("application/problem+json") == true }
}

func body(_ text: String) -> ByteBuffer { ByteBuffer(string: text) }
