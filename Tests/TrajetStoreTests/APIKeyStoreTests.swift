import Foundation
import Testing
import TrajetCore
import TrajetStore

@Suite struct APIKeyStoreTests {
    @Test func keysAreStoredHashedFoundByHashAndRevoked() async throws {
        let store = try SQLitePlanStore.inMemory()
        _ = try await store.addOrganisation(Organisation(id: "asmae", name: "Asmae"))
        let (secret, key) = APIKey.generate(organisationId: "asmae", role: .planner, label: "site")
        #expect(secret.hasPrefix("trj_") && secret.count == 68)
        #expect(key.keyHash == SHA256Digest.hex(of: Data(secret.utf8)) && !key.keyHash.contains(secret))
        let saved = try await store.addAPIKey(key)
        #expect(!saved.createdAt.isEmpty && saved.revokedAt == nil)
        #expect(try await store.apiKey(hash: APIKey.hash(secret))?.id == key.id)
        #expect(try await store.apiKey(hash: APIKey.hash(secret + "x")) == nil)
        let revoked = try await store.revokeAPIKey(id: key.id)
        #expect(revoked.isRevoked)
        #expect(try await store.apiKey(hash: APIKey.hash(secret))?.isRevoked == true)
        await #expect(throws: PlanStoreError.self) { _ = try await store.revokeAPIKey(id: "key_nope") }
    }

    @Test func networkKeysAreAdminOnlyAndOrganisationsMustExist() async throws {
        let store = try SQLitePlanStore.inMemory()
        await #expect(throws: PlanStoreError.self) {
            _ = try await store.addAPIKey(APIKey.generate(organisationId: nil, role: .reader).key)
        }
        await #expect(throws: PlanStoreError.unknownOrganisation(id: "ghost", field: "org")) {
            _ = try await store.addAPIKey(APIKey.generate(organisationId: "ghost", role: .reader).key)
        }
        _ = try await store.addAPIKey(APIKey.generate(organisationId: nil, role: .admin).key)
        #expect(try await store.apiKeys().count == 1)
        // Two keys never collide (256 random bits each).
        #expect(APIKey.generate(organisationId: nil, role: .admin).secret != APIKey.generate(organisationId: nil, role: .admin).secret)
    }

    @Test func planPagesFollowDepartureDateThenId() async throws {
        let store = try SQLitePlanStore.inMemory()
        _ = try await store.addOrganisation(Organisation(id: "asmae", name: "Asmae"))
        let ids = (0..<4).map { _ in UUID().uuidString.lowercased() }
        for (index, day) in ["2026-05-01", "2026-01-01", "2026-05-01", "2027-01-01"].enumerated() {
            let plan = Plan(
                id: ids[index], organisationId: "asmae", name: "Trip", partnerId: "twiza", originPlaceId: "A",
                destinationPlaceId: "B", departDate: day, participants: 1, leaders: 0)
            _ = try await store.addPlan(PlanDetail(plan: plan, legs: []))
        }
        let first = try await store.planPage(PlanFilter(year: 2026), after: nil, limit: 2)
        let may = [ids[0], ids[2]].sorted()
        #expect(first.map(\.id) == [ids[1], may[0]])
        let second = try await store.planPage(
            PlanFilter(year: 2026), after: PlanCursor(departDate: "2026-05-01", id: may[0]), limit: 2)
        #expect(second.map(\.id) == [may[1]])
    }
}
