import Foundation
import GRDB
import Testing
import TrajetCore

@testable import TrajetSQLite
import TrajetStore

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

    /// The decoder reads the text straight into the fields, reserving its arrays from a count of the records: a
    /// summary with many modes and factor rows, and one decoder reused across plans (as the report does), read back
    /// equal; any cut of the text is refused rather than half-read.
    @Test func aDecoderReusedOverManySummariesReadsEachExactlyAndRefusesACutText() throws {
        var detail = samplePlan()
        let modes = ["rail", "coach", "bus", "ferry", "walk", "flight"]
        for (position, mode) in modes.enumerated() {
            var leg = detail.legs[0]
            leg.position = position + 2
            leg.mode = mode
            leg.factorFile = position.isMultiple(of: 2) ? "factors/desnz-2025.csv" : "factors/ademe-2025.csv"
            leg.factorLine = 100 + position
            detail.legs.append(leg)
        }
        let many = PlanSummary(detail)
        #expect(many.modes.count == 6 && many.factors.count == 8)
        let few = PlanSummary(samplePlan())
        var decoder = PlanSummaryDecoder()
        for summary in [many, few, many, few] {
            var text = summary.storageText
            #expect(text.withUTF8 { decoder.decode($0) } == summary)
        }
        let text = many.storageText
        for length in stride(from: 0, to: text.utf8.count, by: 7) {
            var cut = String(decoding: text.utf8.prefix(length), as: UTF8.self)
            // A cut that ends exactly after a whole record can still be a valid (shorter) summary; it must then be
            // the summary that text describes, never a mixture.
            if let decoded = cut.withUTF8({ decoder.decode($0) }) {
                #expect(decoded.storageText == cut)
            }
        }
    }
}

@Suite struct HandEditedFileTests {
    /// Plans are read by column position from cached statements; a status the schema's CHECK would refuse (a file
    /// edited with the constraint switched off) is an error naming the field, not a guess.
    @Test func anUnknownStatusInTheFileIsNamedNotGuessed() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("trajet-\(UUID())")
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("edited.sqlite").path
        let store = try SQLitePlanStore.open(path: path)
        _ = try await store.addOrganisation(Organisation(id: "asmae", name: "Asmae"))
        let saved = try await store.addPlan(samplePlan())
        let read = try #require(try await store.plan(id: saved.plan.id.uppercased()))
        #expect(read == saved)

        try await store.dbWriter.write { db in
            try db.execute(sql: "PRAGMA ignore_check_constraints = ON")
            try db.execute(sql: "UPDATE plan SET status = 'lost' WHERE id = ?", arguments: [saved.plan.id])
            try db.execute(sql: "PRAGMA ignore_check_constraints = OFF")
        }
        await #expect(throws: PlanStoreError.invalidValue(field: "status", value: "lost", expected: .w("expect.one-of", "draft, planned, booked, travelled, cancelled"))) {
            _ = try await store.plan(id: saved.plan.id)
        }
    }
}
