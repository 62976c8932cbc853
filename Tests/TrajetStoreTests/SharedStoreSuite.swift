import Foundation
import Testing
import TrajetCore

@testable import TrajetStore

// The store suite: every test runs on each backend of `Backend.tested` (SQLite, and PostgreSQL when a server is given).

@Suite struct PlanCRUDTests {
    @Test(arguments: Backend.tested)
    func addShowListUpdateDelete(backend: Backend) async throws {
        try await withAsmaeStore(backend) { store in
            let saved = try await store.addPlan(samplePlan())
            #expect(saved.plan.version == 1)
            #expect(!saved.plan.createdAt.isEmpty)

            let fetched = try #require(try await store.plan(id: saved.plan.id))
            #expect(fetched == saved)
            #expect(fetched.legs(.outbound).count == 1 && fetched.legs(.return).count == 1)
            #expect(fetched.totalGramsPerPerson == 12_345 + 1_000 + 250_000 + 200_000)
            #expect(try await store.plan(id: saved.plan.id.uppercased()) == saved)

            #expect(try await store.plans(PlanFilter(organisationId: "asmae", year: 2026)).count == 1)
            #expect(try await store.plans(PlanFilter(year: 2027)).isEmpty)
            #expect(try await store.plans(PlanFilter(status: .booked)).isEmpty)
            #expect(try await store.plans(PlanFilter(status: .draft, years: 2025...2026)).count == 1)

            let updated = try await store.updatePlan(
                id: saved.plan.id, changes: PlanChanges(participants: 12, notes: "visas ok"), expectedVersion: 1)
            #expect(updated.version == 2 && updated.participants == 12 && updated.notes == "visas ok")
            // The numbers the plan was saved with do not change with the head count.
            #expect(try await store.plan(id: saved.plan.id)?.legs == saved.legs)
            #expect(try await store.plan(id: saved.plan.id)?.plan == updated)

            try await store.deletePlan(id: saved.plan.id)
            #expect(try await store.plan(id: saved.plan.id) == nil)
            let orphanLegs = try await store.export(organisationId: nil).plans.flatMap(\.legs)
            #expect(orphanLegs.isEmpty)
            await #expect(throws: PlanStoreError.planNotFound(id: saved.plan.id)) {
                try await store.deletePlan(id: saved.plan.id)
            }
            #expect(try await store.check().isEmpty)
        }
    }

    /// Names, notes and ids keep every character (accents, apostrophes, emoji, quotes that would break SQL).
    @Test(arguments: Backend.tested)
    func textRoundTripsExactly(backend: Backend) async throws {
        try await withStore(backend) { store in
            _ = try await store.addOrganisation(Organisation(id: "jeunes-du-monde", name: "Jeunes d'Ici & d'Ailleurs"))
            var detail = samplePlan(org: "jeunes-du-monde")
            detail.plan.name = "Échange « Twiza » 2026 — Khémisset 🌍"
            detail.plan.notes = "'; DROP TABLE plan; --"
            detail.legs[0].operatorName = "Société nationale des chemins de fer belges"
            let saved = try await store.addPlan(detail)
            #expect(try await store.plan(id: saved.plan.id) == saved)
            #expect(try await store.organisations().map(\.name) == ["Jeunes d'Ici & d'Ailleurs"])
        }
    }

    @Test(arguments: Backend.tested)
    func unknownOrganisationIsRejected(backend: Backend) async throws {
        try await withAsmaeStore(backend) { store in
            await #expect(throws: PlanStoreError.unknownOrganisation(id: "nope", field: "organisationId")) {
                _ = try await store.addPlan(samplePlan(org: "nope"))
            }
        }
    }

    @Test(arguments: Backend.tested)
    func duplicateOrganisationAndPlanAreRejected(backend: Backend) async throws {
        try await withAsmaeStore(backend) { store in
            await #expect(throws: PlanStoreError.organisationExists(id: "asmae")) {
                _ = try await store.addOrganisation(Organisation(id: "asmae", name: "Again"))
            }
            let saved = try await store.addPlan(samplePlan())
            await #expect(throws: PlanStoreError.planExists(id: saved.plan.id)) {
                _ = try await store.addPlan(samplePlan(id: saved.plan.id))
            }
            #expect(try await store.organisations().map(\.name) == ["Asmae"])
        }
    }

    @Test(arguments: Backend.tested, PlanValidationCase.allCases)
    func invalidPlansNameTheField(backend: Backend, bad: PlanValidationCase) async throws {
        try await withAsmaeStore(backend) { store in
            var detail = samplePlan()
            bad.apply(to: &detail.plan)
            do {
                _ = try await store.addPlan(detail)
                Issue.record("expected an error for \(bad.field)")
            } catch let PlanStoreError.invalidValue(name, _, _) {
                #expect(name == bad.field)
            }
            #expect(try await store.plans(PlanFilter()).isEmpty)
        }
    }

    @Test func unknownStatusNamesTheField() {
        #expect(throws: PlanStoreError.invalidValue(
            field: "status", value: "done", expected: .w("expect.one-of", "draft, planned, booked, travelled, cancelled"))) {
            _ = try PlanStatus.parse("done")
        }
    }

    @Test(arguments: Backend.tested)
    func storeRefusesAnInvalidTransition(backend: Backend) async throws {
        try await withAsmaeStore(backend) { store in
            let id = try await store.addPlan(samplePlan()).plan.id
            for status in [PlanStatus.planned, .booked, .travelled] {
                _ = try await store.updatePlan(id: id, changes: PlanChanges(status: status), expectedVersion: nil)
            }
            await #expect(throws: PlanStoreError.invalidStatusTransition(from: .travelled, to: .cancelled)) {
                _ = try await store.updatePlan(id: id, changes: PlanChanges(status: .cancelled), expectedVersion: nil)
            }
            #expect(try await store.plan(id: id)?.plan.version == 4)
        }
    }

    @Test(arguments: Backend.tested)
    func staleVersionsAreRefusedAndChangeNothing(backend: Backend) async throws {
        try await withAsmaeStore(backend) { store in
            let saved = try await store.addPlan(samplePlan())
            let id = saved.plan.id
            _ = try await store.updatePlan(id: id, changes: PlanChanges(name: "Renamed"), expectedVersion: 1)
            await #expect(throws: PlanStoreError.versionConflict(id: id, expected: 1, actual: 2)) {
                _ = try await store.updatePlan(id: id, changes: PlanChanges(participants: 3), expectedVersion: 1)
            }
            await #expect(throws: PlanStoreError.versionConflict(id: id, expected: 1, actual: 2)) {
                try await store.deletePlan(id: id, expectedVersion: 1)
            }
            await #expect(throws: PlanStoreError.versionConflict(id: id, expected: 1, actual: 2)) {
                _ = try await store.recomputePlan(
                    id: id, legs: saved.legs, factorSetId: "x", factorSetVersion: "1", expectedVersion: 1)
            }
            let current = try #require(try await store.plan(id: id))
            #expect(current.plan.version == 2 && current.plan.participants == 14 && current.plan.factorSetId == "desnz-2025")
            try await store.deletePlan(id: id, expectedVersion: 2)
            #expect(try await store.plan(id: id) == nil)
        }
    }

    @Test(arguments: Backend.tested)
    func recomputeKeepsTheShapeOfTheLegs(backend: Backend) async throws {
        try await withAsmaeStore(backend) { store in
            let saved = try await store.addPlan(samplePlan())
            var fewer = saved.legs
            fewer.removeLast()
            await #expect(throws: PlanStoreError.self) {
                _ = try await store.recomputePlan(
                    id: saved.plan.id, legs: fewer, factorSetId: "x", factorSetVersion: "1", expectedVersion: nil)
            }
            var legs = saved.legs
            legs[1].ttwGrams = 1
            let recomputed = try await store.recomputePlan(
                id: saved.plan.id, legs: legs, factorSetId: "desnz-2024", factorSetVersion: "2024", expectedVersion: 1)
            #expect(recomputed.legs == legs && recomputed.plan.version == 2 && recomputed.plan.factorSetId == "desnz-2024")
            #expect(try await store.plan(id: saved.plan.id) == recomputed)
        }
    }

    @Test(arguments: Backend.tested)
    func plansWithoutLegsAndWithoutReturnDate(backend: Backend) async throws {
        try await withAsmaeStore(backend) { store in
            var detail = samplePlan()
            detail.plan.returnDate = nil
            detail.legs = []
            let saved = try await store.addPlan(detail)
            #expect(try await store.plan(id: saved.plan.id) == saved)
        }
    }
}

/// Values a plan may not have; each error names its field.
enum PlanValidationCase: String, CaseIterable, Sendable {
    case returnBeforeDeparture, impossibleDate, nobody, tooMany, negativeLeaders

    var field: String {
        switch self {
        case .returnBeforeDeparture: "returnDate"
        case .impossibleDate: "departDate"
        case .nobody, .tooMany: "participants"
        case .negativeLeaders: "leaders"
        }
    }

    func apply(to plan: inout Plan) {
        switch self {
        case .returnBeforeDeparture: plan.returnDate = "2026-07-01"
        case .impossibleDate: plan.departDate = "2026-02-30"
        case .nobody: (plan.participants, plan.leaders) = (0, 0)
        case .tooMany: (plan.participants, plan.leaders) = (499, 2)
        case .negativeLeaders: plan.leaders = -1
        }
    }
}

@Suite struct ExportImportTests {
    @Test(arguments: Backend.tested)
    func exportImportRoundTripIsEqualAndIdempotent(backend: Backend) async throws {
        try await withAsmaeStore(backend) { source in
            _ = try await source.addPlan(samplePlan())
            _ = try await source.addPlan(samplePlan(participants: 20))
            let exported = try await source.export(organisationId: nil)

            let data = try JSONEncoder().encode(exported)
            let decoded = try JSONDecoder().decode(PlanExport.self, from: data)
            // Across backends too: what one exports, the other imports equal.
            for targetBackend in Backend.tested {
                try await withStore(targetBackend) { target in
                    let first = try await target.importPlans(decoded)
                    #expect(first == ImportSummary(organisationsAdded: 1, plansAdded: 2, plansReplaced: 0))
                    #expect(try await target.export(organisationId: nil) == exported)

                    let again = try await target.importPlans(decoded)
                    #expect(again == ImportSummary(organisationsAdded: 0, plansAdded: 0, plansReplaced: 2))
                    #expect(try await target.export(organisationId: nil) == exported)
                    #expect(try await target.export(organisationId: "asmae") == exported)
                    #expect(try await target.export(organisationId: "nobody").plans.isEmpty)
                }
            }
        }
    }

    @Test(arguments: Backend.tested)
    func importWithOneBadPlanWritesNothing(backend: Backend) async throws {
        try await withStore(backend) { target in
            var bad = samplePlan()
            bad.plan.organisationId = "unknown-org"
            let document = PlanExport(
                organisations: [Organisation(id: "asmae", name: "Asmae", createdAt: "2026-01-01T00:00:00Z")],
                plans: [samplePlan(), bad])
            await #expect(throws: PlanStoreError.unknownOrganisation(id: "unknown-org", field: "plans[1].organisationId")) {
                _ = try await target.importPlans(document)
            }
            let organisationsAfterFailure = try await target.organisations()
            let plansAfterFailure = try await target.plans(PlanFilter())
            #expect(organisationsAfterFailure.isEmpty && plansAfterFailure.isEmpty)

            var invalid = samplePlan()
            invalid.plan.participants = 600
            let second = PlanExport(organisations: document.organisations, plans: [samplePlan(), invalid])
            await #expect(throws: PlanStoreError.self) { _ = try await target.importPlans(second) }
            let plansAfterSecondFailure = try await target.plans(PlanFilter())
            #expect(plansAfterSecondFailure.isEmpty)
        }
    }

    /// More plans and legs than one statement's parameters allow: the chunked writes and streamed reads agree.
    @Test(arguments: Backend.tested)
    func aLargeImportIsWrittenAndStreamedWhole(backend: Backend) async throws {
        let plans = (0..<3_200).map { index in samplePlan(participants: 1 + index % 40) }
        let document = PlanExport(
            organisations: [Organisation(id: "asmae", name: "Asmae", createdAt: "2026-01-01T00:00:00Z")], plans: plans)
        try await withStore(backend) { store in
            let summary = try await store.importPlans(document)
            #expect(summary == ImportSummary(organisationsAdded: 1, plansAdded: 3_200, plansReplaced: 0))
            var streamed = 0
            var legs = 0
            try await store.forEachPlanDetail(PlanFilter(year: 2026)) { detail in
                streamed += 1
                legs += detail.legs.count
            }
            #expect(streamed == 3_200 && legs == 6_400)
            var summarised = 0
            var grams = 0
            try await store.forEachPlanSummary(PlanFilter(organisationId: "asmae")) { _, summary in
                summarised += 1
                grams += summary.grams
            }
            #expect(summarised == 3_200 && grams == plans.reduce(0) { $0 + $1.groupTotalGrams })
        }
    }
}

@Suite struct PlanSummaryStoreTests {
    @Test(arguments: Backend.tested)
    func theStoredSummaryFollowsEveryWriteOfTheLegs(backend: Backend) async throws {
        try await withAsmaeStore(backend) { store in
            let saved = try await store.addPlan(samplePlan())
            func stored() async throws -> PlanSummary? {
                var found: PlanSummary?
                try await store.forEachPlanSummary(PlanFilter()) { _, summary in found = summary }
                return found
            }
            #expect(try await stored() == PlanSummary(saved))
            var legs = saved.legs
            legs[0].groupTtwGrams += 1_000
            let recomputed = try await store.recomputePlan(
                id: saved.plan.id, legs: legs, factorSetId: "desnz-2024", factorSetVersion: "2024", expectedVersion: 1)
            #expect(try await stored() == PlanSummary(recomputed))
            var export = try await store.export(organisationId: nil)
            export.plans[0].legs.removeLast()
            _ = try await store.importPlans(export)
            let reimported = try #require(try await store.plan(id: saved.plan.id))
            #expect(try await stored() == PlanSummary(reimported))
            // The streamed details equal the ones read one by one.
            var streamed: [PlanDetail] = []
            try await store.forEachPlanDetail(PlanFilter()) { streamed.append($0) }
            #expect(streamed == [reimported])
        }
    }
}

@Suite struct APIKeyStoreTests {
    @Test(arguments: Backend.tested)
    func keysAreStoredHashedFoundByHashAndRevoked(backend: Backend) async throws {
        try await withAsmaeStore(backend) { store in
            let (secret, key) = APIKey.generate(organisationId: "asmae", role: .planner, label: "site")
            #expect(secret.hasPrefix("trj_") && secret.count == 68)
            #expect(key.keyHash == APIKey.hash(secret) && key.keyHash.count == 64 && !key.keyHash.contains(secret))
            // The stored form is the plain SHA-256 of the key text (FIPS 180-2 test vector).
            #expect(APIKey.hash("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
            let saved = try await store.addAPIKey(key)
            #expect(!saved.createdAt.isEmpty && saved.revokedAt == nil)
            #expect(try await store.apiKey(hash: APIKey.hash(secret)) == saved)
            #expect(try await store.apiKey(hash: APIKey.hash(secret + "x")) == nil)
            let revoked = try await store.revokeAPIKey(id: key.id)
            #expect(revoked.isRevoked)
            #expect(try await store.revokeAPIKey(id: key.id) == revoked)  // idempotent: the first date stays
            #expect(try await store.apiKey(hash: APIKey.hash(secret))?.isRevoked == true)
            await #expect(throws: PlanStoreError.self) { _ = try await store.revokeAPIKey(id: "key_nope") }
        }
    }

    @Test(arguments: Backend.tested)
    func networkKeysAreAdminOnlyAndOrganisationsMustExist(backend: Backend) async throws {
        try await withStore(backend) { store in
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
    }

    @Test(arguments: Backend.tested)
    func importedKeysKeepTheirHashDatesAndRevocation(backend: Backend) async throws {
        try await withAsmaeStore(backend) { store in
            var active = APIKey.generate(organisationId: "asmae", role: .reader).key
            active.createdAt = "2026-01-01T00:00:00Z"
            var revoked = APIKey.generate(organisationId: nil, role: .admin).key
            revoked.createdAt = "2026-02-01T00:00:00Z"
            revoked.revokedAt = "2026-03-01T00:00:00Z"
            let added = try await store.importAPIKeys([active, revoked])
            let ids = Set(try await store.apiKeys().map(\.id))
            let storedRevoked = try await store.apiKey(hash: revoked.keyHash)
            #expect(added == 2 && ids == [active.id, revoked.id] && storedRevoked == revoked)
            // Again, with the active key revoked meanwhile in the source: nothing added, the revocation carried over.
            var nowRevoked = active
            nowRevoked.revokedAt = "2026-04-01T00:00:00Z"
            let addedAgain = try await store.importAPIKeys([nowRevoked, revoked])
            let storedActive = try await store.apiKey(hash: active.keyHash)
            #expect(addedAgain == 0 && storedActive?.revokedAt == "2026-04-01T00:00:00Z")
        }
    }

    @Test(arguments: Backend.tested)
    func planPagesFollowDepartureDateThenId(backend: Backend) async throws {
        try await withAsmaeStore(backend) { store in
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
            let everything = try await store.planPage(PlanFilter(organisationId: "asmae"), after: nil, limit: 10)
            #expect(everything.count == 4 && everything.last?.id == ids[3])
            #expect(try await store.planPage(PlanFilter(), after: nil, limit: 0).isEmpty)
        }
    }
}

@Suite struct StoreMaintenanceTests {
    @Test(arguments: Backend.tested)
    func aNewStoreIsMigratedAndSound(backend: Backend) async throws {
        try await withStore(backend) { store in
            #expect(try await store.pendingMigrations().isEmpty)
            #expect(try await store.migrate().isEmpty)
            #expect(try await store.check().isEmpty)
            try await store.ping()
        }
    }
}

/// What several `trajet serve` instances on one store must get right (issue: shared PostgreSQL store).
@Suite struct MultiInstanceTests {
    @Test(arguments: Backend.tested)
    func twoInstancesUpdatingOnePlanWithTheSameVersionOneWins(backend: Backend) async throws {
        try await withStores(backend, instances: 2) { stores in
            _ = try await stores[0].addOrganisation(Organisation(id: "asmae", name: "Asmae"))
            let id = try await stores[0].addPlan(samplePlan()).plan.id
            let results = await withTaskGroup(of: Result<Plan, PlanStoreError>.self) { group in
                for (index, store) in stores.enumerated() {
                    group.addTask {
                        do {
                            return .success(
                                try await store.updatePlan(
                                    id: id, changes: PlanChanges(participants: 10 + index), expectedVersion: 1))
                        } catch let error as PlanStoreError {
                            return .failure(error)
                        } catch {
                            return .failure(.invalidValue(field: "unexpected", value: "\(error)", expected: .w("expect.one-of", "")))
                        }
                    }
                }
                return await group.reduce(into: []) { $0.append($1) }
            }
            let wins = results.compactMap { try? $0.get() }
            #expect(wins.count == 1)
            #expect(results.contains { $0 == .failure(.versionConflict(id: id, expected: 1, actual: 2)) })
            for store in stores {
                #expect(try await store.plan(id: id)?.plan.participants == wins.first?.participants)
            }
        }
    }

    /// Many rounds of racing writers: the version only ever goes up by one per successful write.
    @Test(arguments: Backend.tested)
    func racingWritersNeverLoseAnUpdate(backend: Backend) async throws {
        try await withStores(backend, instances: 2) { stores in
            _ = try await stores[0].addOrganisation(Organisation(id: "asmae", name: "Asmae"))
            let id = try await stores[0].addPlan(samplePlan()).plan.id
            let successes = try await withThrowingTaskGroup(of: Int.self) { group in
                for store in stores {
                    group.addTask {
                        var won = 0
                        for _ in 0..<15 {
                            guard let current = try await store.plan(id: id) else { return won }
                            do {
                                _ = try await store.updatePlan(
                                    id: id, changes: PlanChanges(notes: current.plan.notes + "x"),
                                    expectedVersion: current.plan.version)
                                won += 1
                            } catch PlanStoreError.versionConflict {
                                continue
                            }
                        }
                        return won
                    }
                }
                return try await group.reduce(0, +)
            }
            let final = try #require(try await stores[1].plan(id: id))
            #expect(final.plan.version == 1 + successes)
            #expect(final.plan.notes.count == successes)
        }
    }

    @Test(arguments: Backend.tested)
    func overlappingImportsAtOnceLeaveNoDuplicates(backend: Backend) async throws {
        let organisation = Organisation(id: "asmae", name: "Asmae", createdAt: "2026-01-01T00:00:00Z")
        let shared = (0..<40).map { _ in samplePlan() }
        let onlyFirst = (0..<10).map { _ in samplePlan() }
        let onlySecond = (0..<10).map { _ in samplePlan() }
        let documents = [
            PlanExport(organisations: [organisation], plans: shared + onlyFirst),
            PlanExport(organisations: [organisation], plans: onlySecond + shared.reversed()),
        ]
        try await withStores(backend, instances: 2) { stores in
            let summaries = try await withThrowingTaskGroup(of: ImportSummary.self) { group in
                for (store, document) in zip(stores, documents) {
                    group.addTask { try await store.importPlans(document) }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(summaries.map(\.organisationsAdded).reduce(0, +) == 1)
            #expect(summaries.map(\.plansAdded).reduce(0, +) == 60)
            #expect(summaries.map(\.plansReplaced).reduce(0, +) == 40)
            let export = try await stores[0].export(organisationId: nil)
            #expect(export.organisations.count == 1)
            #expect(export.plans.count == 60 && Set(export.plans.map(\.plan.id)).count == 60)
            // Each plan has its own legs once, whichever import wrote it last.
            #expect(export.plans.allSatisfy { $0.legs.count == 2 })
            #expect(try await stores[1].check().isEmpty)
        }
    }

    @Test(arguments: Backend.tested)
    func aKeyRevokedOnOneInstanceIsRefusedByTheOtherAtOnce(backend: Backend) async throws {
        try await withStores(backend, instances: 2) { stores in
            _ = try await stores[0].addOrganisation(Organisation(id: "asmae", name: "Asmae"))
            let (secret, key) = APIKey.generate(organisationId: "asmae", role: .reader)
            _ = try await stores[0].addAPIKey(key)
            #expect(try await stores[1].apiKey(hash: APIKey.hash(secret))?.isRevoked == false)
            _ = try await stores[0].revokeAPIKey(id: key.id)
            #expect(try await stores[1].apiKey(hash: APIKey.hash(secret))?.isRevoked == true)
        }
    }

    @Test(arguments: Backend.tested)
    func theSameOrganisationCreatedTwiceAtOnceExistsOnce(backend: Backend) async throws {
        try await withStores(backend, instances: 2) { stores in
            let outcomes = await withTaskGroup(of: Bool.self) { group in
                for store in stores {
                    group.addTask { (try? await store.addOrganisation(Organisation(id: "asmae", name: "Asmae"))) != nil }
                }
                return await group.reduce(into: []) { $0.append($1) }
            }
            let stored = try await stores[1].organisations()
            #expect(outcomes.filter { $0 }.count == 1 && stored.count == 1)
        }
    }
}

@Suite struct CrossBackendTests {
    /// Names with accents and capitals, one departure day: every backend lists and pages them in the same (byte)
    /// order, whatever the PostgreSQL server's locale.
    @Test func listsAndPagesComeInTheSameOrderOnEveryBackend() async throws {
        let names = ["zèbre", "Zoé", "école", "Ecole", "abc", "Abc", "été", "_x", "Ω"]
        let plans = names.map { name in
            var detail = samplePlan()
            detail.plan.name = name
            return detail
        }
        let document = PlanExport(
            organisations: [Organisation(id: "asmae", name: "Asmae", createdAt: "2026-01-01T00:00:00Z")], plans: plans)
        var orders: [[String]] = []
        var pages: [[String]] = []
        for backend in Backend.tested {
            try await withStore(backend) { store in
                _ = try await store.importPlans(document)
                orders.append(try await store.plans(PlanFilter()).map(\.name))
                var paged: [String] = []
                var cursor: PlanCursor?
                while true {
                    let page = try await store.planPage(PlanFilter(), after: cursor, limit: 2)
                    guard let last = page.last else { break }
                    paged += page.map(\.id)
                    cursor = PlanCursor(departDate: last.departDate, id: last.id)
                }
                pages.append(paged)
            }
        }
        #expect(orders.first == names.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) })
        #expect(Set(orders).count == 1 && Set(pages).count == 1)
        #expect(pages.first?.count == names.count)
    }
}

@Suite struct StoredTextTests {
    /// A bug found by fuzzing the PostgreSQL store: a NUL character in a name was a 500 there (PostgreSQL refuses
    /// it in text) while SQLite kept it. Both now refuse it, naming the field, and keep nothing.
    @Test(arguments: Backend.tested)
    func theNULCharacterIsRefusedEverywhere(backend: Backend) async throws {
        try await withAsmaeStore(backend) { store in
            var named = samplePlan()
            named.plan.name = "a\u{0}b"
            await #expect(throws: PlanStoreError.invalidValue(field: "name", value: "a\\0b", expected: .w("expect.text-without-nul"))) {
                _ = try await store.addPlan(named)
            }
            var leg = samplePlan()
            leg.legs[0].operatorName = "\u{0}"
            await #expect(throws: PlanStoreError.self) { _ = try await store.addPlan(leg) }
            let saved = try await store.addPlan(samplePlan())
            await #expect(throws: PlanStoreError.self) {
                _ = try await store.updatePlan(id: saved.plan.id, changes: PlanChanges(notes: "x\u{0}y"), expectedVersion: nil)
            }
            await #expect(throws: PlanStoreError.self) {
                _ = try await store.addOrganisation(Organisation(id: "nul", name: "N\u{0}"))
            }
            await #expect(throws: PlanStoreError.self) {
                _ = try await store.importPlans(PlanExport(organisations: [], plans: [named]))
            }
            let plans = try await store.plans(PlanFilter())
            let current = try await store.plan(id: saved.plan.id)
            #expect(plans.count == 1 && current?.plan.version == 1)
        }
    }
}
