import Foundation
import GRDB
import Testing
import TrajetCore

@testable import TrajetStore

/// A fresh in-memory store with one organisation, per test (no shared state).
func makeStore() async throws -> SQLitePlanStore {
    let store = try SQLitePlanStore.inMemory()
    _ = try await store.addOrganisation(Organisation(id: "asmae", name: "Asmae"))
    return store
}

func samplePlan(id: String = UUID().uuidString.lowercased(), org: String = "asmae", participants: Int = 14) -> PlanDetail {
    let plan = Plan(
        id: id, organisationId: org, name: "Échange Twiza 2026", partnerId: "twiza", originPlaceId: "BE-LGG",
        destinationPlaceId: "MA-KHE", departDate: "2026-07-04", returnDate: "2026-07-25", participants: participants,
        leaders: 2, minors: true, factorSetId: "desnz-2025", factorSetVersion: "2025")
    let legs = [
        PlanLeg(
            planId: id, direction: .outbound, position: 1, legId: "L1", mode: "rail", fromPlaceId: "BE-LGG",
            toPlaceId: "FR-PNO", operatorName: "SNCB", distanceKm: 360.5, durationMinutes: 150,
            departure: "2026-07-04T07:00+02:00", arrival: "2026-07-04T09:30+02:00", ttwGrams: 12_345, wttGrams: 1_000,
            groupTtwGrams: 197_520, groupWttGrams: 16_000, fareMinCents: 4_000, fareMaxCents: 9_000,
            factorFile: "factors/desnz-2025.csv", factorLine: 12, durationEstimated: true),
        PlanLeg(
            planId: id, direction: .return, position: 1, legId: "L2", mode: "flight", fromPlaceId: "MA-RBA",
            toPlaceId: "BE-CRL", distanceKm: 2_100, durationMinutes: 180, ttwGrams: 250_000, nonCO2Grams: 200_000,
            factorFile: "factors/desnz-2025.csv", factorLine: 40, factorEstimated: true, footprintNotes: "estimated_factor"),
    ]
    return PlanDetail(plan: plan, legs: legs)
}

@Suite struct MigrationTests {
    @Test func emptyDatabaseMigratesToTheCurrentSchema() async throws {
        let queue = try DatabaseQueue()
        let store = try SQLitePlanStore(queue)
        #expect(try await store.isMigrated())
        let tables = try await queue.read { db in
            try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
        }
        #expect(tables.contains("organisation") && tables.contains("plan") && tables.contains("planLeg"))
        #expect(tables.contains("apiKey"))
        let applied = try await queue.read { db in try SQLitePlanStore.migrator.appliedIdentifiers(db) }
        #expect(Set(applied) == ["v1-organisations-plans", "v2-plan-indexes", "v3-plan-summaries", "v4-api-keys"])
    }

    /// A file created by the first release (only v1 applied) is migrated on open and keeps its data.
    @Test func aVersion1DatabaseMigratesAndKeepsItsData() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("trajet-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("v1.sqlite").path
        let detail = samplePlan()
        do {
            let queue = try DatabaseQueue(path: path, configuration: SQLitePlanStore.makeConfiguration())
            try SQLitePlanStore.migrator.migrate(queue, upTo: "v1-organisations-plans")
            try await queue.write { db in
                try Organisation(id: "asmae", name: "Asmae", createdAt: "2026-01-01T00:00:00Z").insert(db)
                var plan = detail.plan
                plan.createdAt = "2026-01-01T00:00:00Z"
                plan.updatedAt = plan.createdAt
                try plan.insert(db)
                for leg in detail.legs { try leg.insert(db) }
            }
            let applied = try await queue.read { db in try SQLitePlanStore.migrator.appliedIdentifiers(db) }
            #expect(applied == ["v1-organisations-plans"])
            try queue.close()
        }
        let store = try SQLitePlanStore.open(path: path)
        #expect(try await store.isMigrated())
        #expect(try await store.check().isEmpty)
        let reopened = try #require(try await store.plan(id: detail.plan.id))
        #expect(reopened.legs == detail.legs)
        // v3 summarised the plan written before it existed.
        var summaries: [PlanSummary] = []
        try await store.forEachPlanSummary(PlanFilter()) { _, summary in summaries.append(summary) }
        #expect(summaries == [PlanSummary(detail)])
        #expect(reopened.plan.name == detail.plan.name && reopened.plan.version == 1)
        let queue = try DatabaseQueue(path: path)
        let indexes = try await queue.read { db in
            try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'plan'")
        }
        try queue.close()
        #expect(indexes.contains("plan_on_organisationId_departDate") && indexes.contains("plan_on_status"))
    }

    @Test func reopeningAFileKeepsDataAndForeignKeysAreOn() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("trajet-\(UUID())")
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("sub/trajet.sqlite").path
        do {
            let store = try SQLitePlanStore.open(path: path)
            _ = try await store.addOrganisation(Organisation(id: "asmae", name: "Asmae"))
        }
        let reopened = try SQLitePlanStore.open(path: path)
        #expect(try await reopened.organisations().map(\.id) == ["asmae"])
        #expect(try await reopened.check().isEmpty)
    }
}

@Suite struct PlanCRUDTests {
    @Test func addShowListUpdateDelete() async throws {
        let store = try await makeStore()
        let saved = try await store.addPlan(samplePlan())
        #expect(saved.plan.version == 1)
        #expect(!saved.plan.createdAt.isEmpty)

        let fetched = try #require(try await store.plan(id: saved.plan.id))
        #expect(fetched == saved)
        #expect(fetched.legs(.outbound).count == 1 && fetched.legs(.return).count == 1)
        #expect(fetched.totalGramsPerPerson == 12_345 + 1_000 + 250_000 + 200_000)

        #expect(try await store.plans(PlanFilter(organisationId: "asmae", year: 2026)).count == 1)
        #expect(try await store.plans(PlanFilter(year: 2027)).isEmpty)
        #expect(try await store.plans(PlanFilter(status: .booked)).isEmpty)

        let updated = try await store.updatePlan(
            id: saved.plan.id, changes: PlanChanges(participants: 12, notes: "visas ok"), expectedVersion: 1)
        #expect(updated.version == 2 && updated.participants == 12 && updated.notes == "visas ok")
        // The numbers the plan was saved with do not change with the head count.
        #expect(try await store.plan(id: saved.plan.id)?.legs == saved.legs)

        try await store.deletePlan(id: saved.plan.id)
        #expect(try await store.plan(id: saved.plan.id) == nil)
        let orphanLegs = try await store.export(organisationId: nil).plans.flatMap(\.legs)
        #expect(orphanLegs.isEmpty)
        await #expect(throws: PlanStoreError.planNotFound(id: saved.plan.id)) {
            try await store.deletePlan(id: saved.plan.id)
        }
    }

    @Test func unknownOrganisationIsRejected() async throws {
        let store = try await makeStore()
        await #expect(throws: PlanStoreError.unknownOrganisation(id: "nope", field: "organisationId")) {
            _ = try await store.addPlan(samplePlan(org: "nope"))
        }
    }

    @Test func duplicateOrganisationIsRejected() async throws {
        let store = try await makeStore()
        await #expect(throws: PlanStoreError.organisationExists(id: "asmae")) {
            _ = try await store.addOrganisation(Organisation(id: "asmae", name: "Again"))
        }
    }

    enum BadValue: String, CaseIterable, Sendable {
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

    @Test(arguments: BadValue.allCases)
    func invalidPlansNameTheField(bad: BadValue) async throws {
        let store = try await makeStore()
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

    @Test func unknownStatusNamesTheField() {
        #expect(throws: PlanStoreError.invalidValue(
            field: "status", value: "done", expected: "draft, planned, booked, travelled, cancelled")) {
            _ = try PlanStatus.parse("done")
        }
    }
}

@Suite struct StatusTransitionTests {
    @Test(arguments: [
        (PlanStatus.draft, PlanStatus.planned, true), (.planned, .booked, true), (.booked, .travelled, true),
        (.draft, .cancelled, true), (.planned, .cancelled, true), (.booked, .cancelled, true),
        (.travelled, .cancelled, false), (.draft, .booked, false), (.booked, .planned, false),
        (.cancelled, .draft, false), (.travelled, .booked, false),
    ])
    func transitions(from: PlanStatus, to: PlanStatus, allowed: Bool) {
        #expect(from.canBecome(to) == allowed)
    }

    @Test func storeRefusesAnInvalidTransition() async throws {
        let store = try await makeStore()
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

@Suite struct ConcurrencyTests {
    @Test func twoUpdatesWithTheSameVersionExactlyOneWins() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("trajet-\(UUID())")
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = try SQLitePlanStore.open(path: directory.appendingPathComponent("t.sqlite").path)
        _ = try await store.addOrganisation(Organisation(id: "asmae", name: "Asmae"))
        let id = try await store.addPlan(samplePlan()).plan.id

        let results = await withTaskGroup(of: Result<Plan, PlanStoreError>.self) { group in
            for participants in [10, 11] {
                group.addTask {
                    do {
                        return .success(
                            try await store.updatePlan(
                                id: id, changes: PlanChanges(participants: participants), expectedVersion: 1))
                    } catch let error as PlanStoreError {
                        return .failure(error)
                    } catch {
                        return .failure(.invalidValue(field: "unexpected", value: "\(error)", expected: ""))
                    }
                }
            }
            return await group.reduce(into: []) { $0.append($1) }
        }
        let wins = results.compactMap { try? $0.get() }
        #expect(wins.count == 1)
        #expect(results.contains { $0 == .failure(.versionConflict(id: id, expected: 1, actual: 2)) })
        #expect(try await store.plan(id: id)?.plan.participants == wins.first?.participants)
    }
}

@Suite struct ExportImportTests {
    @Test func exportImportRoundTripIsEqualAndIdempotent() async throws {
        let source = try await makeStore()
        _ = try await source.addPlan(samplePlan())
        _ = try await source.addPlan(samplePlan(participants: 20))
        let exported = try await source.export(organisationId: nil)

        let data = try JSONEncoder().encode(exported)
        let decoded = try JSONDecoder().decode(PlanExport.self, from: data)
        let target = try SQLitePlanStore.inMemory()
        let first = try await target.importPlans(decoded)
        #expect(first == ImportSummary(organisationsAdded: 1, plansAdded: 2, plansReplaced: 0))
        #expect(try await target.export(organisationId: nil) == exported)

        let again = try await target.importPlans(decoded)
        #expect(again == ImportSummary(organisationsAdded: 0, plansAdded: 0, plansReplaced: 2))
        #expect(try await target.export(organisationId: nil) == exported)
    }

    @Test func importWithOneBadPlanWritesNothing() async throws {
        let target = try SQLitePlanStore.inMemory()
        var bad = samplePlan()
        bad.plan.organisationId = "unknown-org"
        let document = PlanExport(
            organisations: [Organisation(id: "asmae", name: "Asmae", createdAt: "2026-01-01T00:00:00Z")],
            plans: [samplePlan(), bad])
        await #expect(throws: PlanStoreError.unknownOrganisation(id: "unknown-org", field: "plans[1].organisationId")) {
            _ = try await target.importPlans(document)
        }
        #expect(try await target.organisations().isEmpty)
        #expect(try await target.plans(PlanFilter()).isEmpty)

        var invalid = samplePlan()
        invalid.plan.participants = 600
        let second = PlanExport(organisations: document.organisations, plans: [samplePlan(), invalid])
        await #expect(throws: PlanStoreError.self) { _ = try await target.importPlans(second) }
        #expect(try await target.plans(PlanFilter()).isEmpty)
    }
}

@Suite struct MaintenanceTests {
    @Test func backupProducesADatabaseThatPassesCheck() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("trajet-\(UUID())")
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = try SQLitePlanStore.open(path: directory.appendingPathComponent("live.sqlite").path)
        _ = try await store.addOrganisation(Organisation(id: "asmae", name: "Asmae"))
        _ = try await store.addPlan(samplePlan())
        let backupPath = directory.appendingPathComponent("backup.sqlite").path
        try await store.backup(to: backupPath)

        let copy = try SQLitePlanStore.open(path: backupPath)
        #expect(try await copy.check().isEmpty)
        #expect(try await copy.export(organisationId: nil) == store.export(organisationId: nil))
    }
}

@Suite struct ImportReferenceTests {
    @Test func unknownPartnersPlacesAndLegsAreNamedByTheirPath() throws {
        let detail = samplePlan()
        let document = PlanExport(organisations: [], plans: [detail])
        let places = Set([detail.plan.originPlaceId, detail.plan.destinationPlaceId] + detail.legs.flatMap { [$0.fromPlaceId, $0.toPlaceId] })
        let legs = Set(detail.legs.map(\.legId))
        #expect(document.unknownReferences(partners: [detail.plan.partnerId], places: places, legs: legs).isEmpty)
        let problems = document.unknownReferences(partners: [], places: places.subtracting([detail.plan.originPlaceId]), legs: [])
        #expect(problems.contains { $0.hasPrefix("plans[0].plan.partnerId") })
        #expect(problems.contains { $0.hasPrefix("plans[0].plan.originPlaceId") })
        #expect(problems.contains { $0.hasPrefix("plans[0].legs[0].legId") })
    }
}


@Suite struct PlanSummaryTests {
    @Test func storageTextRoundTripsExactly() throws {
        let summary = PlanSummary(samplePlan())
        #expect(summary.legs == samplePlan().legs.count && summary.grams == samplePlan().groupTotalGrams)
        let decoded = try #require(PlanSummary(storageText: summary.storageText))
        #expect(decoded == summary)
        #expect(PlanSummary(storageText: "garbage") == nil)
        let otherVersion = summary.storageText.replacingOccurrences(of: "1\u{1F}", with: "9\u{1F}")
        #expect(PlanSummary(storageText: otherVersion) == nil)
    }

    @Test func theStoredSummaryFollowsEveryWriteOfTheLegs() async throws {
        let store = try SQLitePlanStore.inMemory()
        _ = try await store.addOrganisation(Organisation(id: "asmae", name: "Asmae"))
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
        // The streamed details (read by column position) equal the ones read one by one (Codable).
        var streamed: [PlanDetail] = []
        try await store.forEachPlanDetail(PlanFilter()) { streamed.append($0) }
        #expect(streamed == [reimported])
    }
}
