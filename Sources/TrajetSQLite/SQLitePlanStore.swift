import TrajetCore
import TrajetStore
import Foundation
import GRDB
import GRDBSQLite

/// The embedded plan store: one SQLite file through GRDB (WAL, foreign keys, 5 s busy timeout), or an in-memory
/// database for tests. Migrations run when it opens; every write method is one transaction.
public struct SQLitePlanStore: PlanStore {
    // Internal, not private: the API-key and paging methods live in APIKeys.swift.
    let dbWriter: any DatabaseWriter
    let now: @Sendable () -> String
    public let location: String

    /// Migrates `dbWriter` to the current schema unless `migrate` is false (`trajet db migrate` lists the steps first).
    public init(
        _ dbWriter: any DatabaseWriter, location: String = ":memory:", migrate: Bool = true,
        now: @escaping @Sendable () -> String = { Date().ISO8601Format() }
    ) throws {
        self.dbWriter = dbWriter
        self.now = now
        self.location = location
        if migrate { try Self.migrator.migrate(dbWriter) }
    }

    /// The default database file, relative to the working directory.
    public static let defaultPath = "./data/trajet.sqlite"

    /// Opens (creating it and its folder if needed) the database file in WAL mode.
    public static func open(path: String, migrate: Bool = true) throws -> SQLitePlanStore {
        let directory = URL(fileURLWithPath: path).deletingLastPathComponent()
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return try SQLitePlanStore(
            DatabasePool(path: path, configuration: makeConfiguration()), location: path, migrate: migrate)
    }

    /// An empty in-memory database (tests).
    public static func inMemory() throws -> SQLitePlanStore {
        try SQLitePlanStore(DatabaseQueue(configuration: makeConfiguration()))
    }

    public static func makeConfiguration() -> Configuration {
        var config = Configuration()
        config.foreignKeysEnabled = true
        config.busyMode = .timeout(5)
        return config
    }

    /// Named, append-only migrations: never edit one that has shipped, add the next.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-organisations-plans") { db in
            try db.create(table: "organisation") { t in
                t.primaryKey("id", .text)
                t.column("name", .text).notNull()
                t.column("createdAt", .text).notNull()
            }
            try db.create(table: "plan") { t in
                t.primaryKey("id", .text)
                t.belongsTo("organisation", onDelete: .restrict).notNull()  // organisationId
                t.column("name", .text).notNull()
                t.column("partnerId", .text).notNull()
                t.column("originPlaceId", .text).notNull()
                t.column("destinationPlaceId", .text).notNull()
                t.column("departDate", .text).notNull().indexed()
                t.column("returnDate", .text)
                t.column("participants", .integer).notNull().check { $0 >= 0 }
                t.column("leaders", .integer).notNull().check { $0 >= 0 }
                t.column("minors", .boolean).notNull()
                t.column("status", .text).notNull()
                    .check { PlanStatus.allCases.map(\.rawValue).contains($0) }
                t.column("notes", .text).notNull().defaults(to: "")
                t.column("version", .integer).notNull().defaults(to: 1)
                t.column("createdAt", .text).notNull()
                t.column("updatedAt", .text).notNull()
                t.column("factorSetId", .text).notNull()
                t.column("factorSetVersion", .text).notNull()
                t.check(sql: "participants + leaders BETWEEN 1 AND 500")
                t.check(sql: "returnDate IS NULL OR returnDate >= departDate")
            }
            try db.create(table: "planLeg") { t in
                t.belongsTo("plan", onDelete: .cascade).notNull()  // planId
                t.column("direction", .text).notNull()
                    .check { LegDirection.allCases.map(\.rawValue).contains($0) }
                t.column("position", .integer).notNull()
                t.primaryKey(["planId", "direction", "position"])
                t.column("legId", .text).notNull()
                t.column("mode", .text).notNull()
                t.column("fromPlaceId", .text).notNull()
                t.column("toPlaceId", .text).notNull()
                t.column("operator", .text).notNull()
                t.column("distanceKm", .double).notNull()
                t.column("distanceBasis", .text).notNull()
                t.column("durationMinutes", .integer).notNull()
                t.column("departure", .text).notNull()
                t.column("arrival", .text).notNull()
                for name in [
                    "ttwGrams", "nonCO2Grams", "wttGrams", "hubGrams", "groupTtwGrams", "groupNonCO2Grams",
                    "groupWttGrams", "groupHubGrams",
                ] {
                    t.column(name, .integer).notNull()
                }
                t.column("vehicles", .integer)
                t.column("fareMinCents", .integer)
                t.column("fareMaxCents", .integer)
                t.column("factorFile", .text).notNull()
                t.column("factorLine", .integer).notNull()
                for name in ["distanceEstimated", "durationEstimated", "fareEstimated", "factorEstimated", "serviceUnconfirmed"] {
                    t.column(name, .boolean).notNull()
                }
                t.column("footprintNotes", .text).notNull()
            }
        }
        // The annual report reads plans by organisation and year, and by status.
        migrator.registerMigration("v2-plan-indexes") { db in
            try db.create(index: "plan_on_organisationId_departDate", on: "plan", columns: ["organisationId", "departDate"])
            try db.create(index: "plan_on_status", on: "plan", columns: ["status"])
        }
        // Each plan keeps a summary of its legs (PlanSummary): the annual report reads 100 000 plans without reading
        // their million legs. Written with the legs, in the same transaction; existing plans are summarised here.
        migrator.registerMigration("v3-plan-summaries") { db in
            try db.alter(table: "plan") { t in t.add(column: "legSummary", .text) }
            for id in try String.fetchAll(db, sql: "SELECT id FROM plan") {
                if let detail = try fetchDetail(db, id: id) { try writeSummary(db, detail) }
            }
        }
        registerAPIKeyMigration(&migrator)
        return migrator
    }

    /// Whether every known migration has run (tests, `db check`).
    public func isMigrated() async throws -> Bool {
        try await dbWriter.read { db in try Self.migrator.hasCompletedMigrations(db) }
    }

    public func pendingMigrations() async throws -> [String] {
        try await dbWriter.read { db in
            let applied = try Self.migrator.appliedIdentifiers(db)
            return Self.migrator.migrations.filter { !applied.contains($0) }
        }
    }

    public func migrate() async throws -> [String] {
        let pending = try await pendingMigrations()
        try Self.migrator.migrate(dbWriter)
        return pending
    }

    // MARK: Organisations

    public func addOrganisation(_ organisation: Organisation) async throws -> Organisation {
        try Validation.organisation(organisation)
        var record = organisation
        record.createdAt = now()
        return try await dbWriter.write { [record] db in
            if try Organisation.exists(db, key: record.id) { throw PlanStoreError.organisationExists(id: record.id) }
            try record.insert(db)
            return record
        }
    }

    public func organisations() async throws -> [Organisation] {
        try await dbWriter.read { db in try Organisation.order(Organisation.Columns.id).fetchAll(db) }
    }

    // MARK: Plans

    public func addPlan(_ detail: PlanDetail) async throws -> PlanDetail {
        let saved = try Validation.newPlan(detail, at: now())
        return try await dbWriter.write { [saved] db in
            guard try Organisation.exists(db, key: saved.plan.organisationId) else {
                throw PlanStoreError.unknownOrganisation(id: saved.plan.organisationId, field: "organisationId")
            }
            if try Plan.exists(db, key: saved.plan.id) { throw PlanStoreError.planExists(id: saved.plan.id) }
            try saved.plan.insert(db)
            for leg in saved.legs { try leg.insert(db) }
            try Self.writeSummary(db, saved)
            return saved
        }
    }

    public func plans(_ filter: PlanFilter) async throws -> [Plan] {
        try await dbWriter.read { db in
            try Self.request(filter).order(Plan.Columns.departDate, Plan.Columns.name, Plan.Columns.id).fetchAll(db)
        }
    }

    /// The plans matching `filter` (`plans` and `planPage` order and page it).
    static func request(_ filter: PlanFilter) -> QueryInterfaceRequest<Plan> {
        var request = Plan.all()
        if let org = filter.organisationId { request = request.filter(Plan.Columns.organisationId == org) }
        if let bounds = filter.departDateBounds {
            request = request.filter(Plan.Columns.departDate >= bounds.lower && Plan.Columns.departDate < bounds.upper)
        }
        if let status = filter.status { request = request.filter(Plan.Columns.status == status) }
        return request
    }

    public func forEachPlanDetail(_ filter: PlanFilter, _ body: (PlanDetail) throws -> Void) async throws {
        try await Self.offCooperativeThreads { try streamPlanDetails(filter, body) }
    }

    /// Runs `work` (GRDB's blocking reads: a report reads 100 000 plans for about a second) on a Dispatch thread
    /// while the calling task waits, so the Swift concurrency threads — two on a 2-core server, shared by every
    /// request — are never blocked by it (issue 16).
    ///
    /// `work` is not Sendable (it calls the caller's `body`, which fills a report builder), but it runs while the
    /// caller is suspended here and never after: one thread uses it at a time, which `nonisolated(unsafe)` states.
    static func offCooperativeThreads(_ work: () throws -> Void) async throws {
        /// Holds the work while a Dispatch thread runs it, and lets go of it before the caller resumes:
        /// `withoutActuallyEscaping` checks, when its body returns, that nothing kept the closure.
        final class Job: @unchecked Sendable {
            var work: (() throws -> Void)?
            var failure: (any Error)?
        }
        try await withoutActuallyEscaping(work) { escapable in
            let job = Job()
            job.work = escapable
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                DispatchQueue.global(qos: .userInitiated).async {
                    do {
                        try job.work?()
                    } catch {
                        job.failure = error
                    }
                    job.work = nil
                    if let failure = job.failure { continuation.resume(throwing: failure) } else { continuation.resume() }
                }
            }
            job.work = nil
        }
    }

    /// Synchronous so that GRDB's blocking `read` is used: `body` is not Sendable and need not be.
    func streamPlanDetails(_ filter: PlanFilter, _ body: (PlanDetail) throws -> Void) throws {
        let (whereClause, arguments) = Self.sqlConditions(filter)
        // One read transaction, so the plans and legs are one snapshot; two cursors merged on the plan id keep memory
        // flat however many plans there are.
        try dbWriter.read { db in
            let plans = try Plan.fetchCursor(
                db, sql: "SELECT plan.* FROM plan \(whereClause) ORDER BY plan.id", arguments: arguments)
            let legRows = try Row.fetchCursor(
                db,
                sql: """
                    SELECT \(PlanLeg.indexedSelection) FROM planLeg JOIN plan ON plan.id = planLeg.planId \(whereClause)
                    ORDER BY planLeg.planId, planLeg.direction, planLeg.position
                    """, arguments: arguments)
            let legs = legRows.map { PlanLeg(indexedRow: $0) }
            var pendingLeg = try legs.next()
            while let plan = try plans.next() {
                var planLegs: [PlanLeg] = []
                while let leg = pendingLeg, leg.planId <= plan.id {
                    if leg.planId == plan.id { planLegs.append(leg) }
                    pendingLeg = try legs.next()
                }
                try body(PlanDetail(plan: plan, legs: planLegs))
            }
        }
    }

    static func writeSummary(_ db: Database, _ detail: PlanDetail) throws {
        try db.execute(
            sql: "UPDATE plan SET legSummary = ? WHERE id = ?",
            arguments: [PlanSummary(detail).storageText, detail.plan.id])
    }

    public func forEachPlanSummary(_ filter: PlanFilter, _ body: (Plan, PlanSummary) throws -> Void) async throws {
        try await Self.offCooperativeThreads { try streamPlanSummaries(filter, body) }
    }

    /// Plans with their stored leg summaries, read by column index (the report's hot path: 100 000 rows); a summary
    /// missing or of an older format is recomputed from the legs.
    func streamPlanSummaries(_ filter: PlanFilter, _ body: (Plan, PlanSummary) throws -> Void) throws {
        let (whereClause, arguments) = Self.sqlConditions(filter)
        try dbWriter.read { db in
            // When the filter keeps most plans (a network report), one pass over the table beats a lookup per plan
            // through the date index (0.13 s instead of 0.31 s of SQLite time for 100 000 plans).
            let total = try Int.fetchOne(db, sql: "SELECT count(*) FROM plan") ?? 0
            let matching = try Int.fetchOne(db, sql: "SELECT count(*) FROM plan \(whereClause)", arguments: arguments) ?? 0
            let access = matching * 4 > total ? "NOT INDEXED" : ""
            let statement = try db.makeStatement(
                sql: """
                    SELECT id, organisationId, name, partnerId, originPlaceId, destinationPlaceId, departDate, returnDate,
                    participants, leaders, minors, status, version, factorSetId, factorSetVersion, legSummary
                    FROM plan \(access) \(whereClause)
                    """)
            statement.arguments = arguments
            let rows = try Row.fetchCursor(statement)
            // The hot loop of the annual report reads columns straight from SQLite: 100 000 rows, 16 columns.
            let handle = statement.sqliteStatement
            func bytes(_ column: Int32) -> UnsafeBufferPointer<UInt8>? {
                guard sqlite3_column_type(handle, column) != SQLITE_NULL, let text = sqlite3_column_text(handle, column) else {
                    return nil
                }
                return UnsafeBufferPointer(start: text, count: Int(sqlite3_column_bytes(handle, column)))
            }
            func text(_ column: Int32) -> String { bytes(column).map { String(decoding: $0, as: UTF8.self) } ?? "" }
            func integer(_ column: Int32) -> Int { Int(sqlite3_column_int64(handle, column)) }
            var decoder = PlanSummaryDecoder()
            var versions: [String] = []
            while try rows.next() != nil {
                // Factor-set versions repeat on every plan: share one String per distinct value.
                var version = ""
                if let raw = bytes(14) {
                    if let known = versions.first(where: { $0.hasUTF8(raw) }) {
                        version = known
                    } else {
                        version = String(decoding: raw, as: UTF8.self)
                        if versions.count < 16 { versions.append(version) }
                    }
                }
                let plan = Plan(
                    id: text(0), organisationId: text(1), name: text(2), partnerId: text(3), originPlaceId: text(4),
                    destinationPlaceId: text(5), departDate: text(6), returnDate: bytes(7).map { String(decoding: $0, as: UTF8.self) },
                    participants: integer(8), leaders: integer(9), minors: integer(10) != 0,
                    status: PlanStatus(rawValue: text(11)) ?? .draft, version: integer(12), factorSetId: text(13),
                    factorSetVersion: version)
                if let raw = bytes(15), let summary = decoder.decode(raw) {
                    try body(plan, summary)
                } else {
                    try body(plan, PlanSummary(PlanDetail(plan: plan, legs: try Self.legs(db, planId: plan.id))))
                }
            }
        }
    }

    static func sqlConditions(_ filter: PlanFilter) -> (String, StatementArguments) {
        var conditions: [String] = []
        var arguments = StatementArguments()
        if let org = filter.organisationId {
            conditions.append("plan.organisationId = ?")
            _ = arguments.append(contentsOf: [org])
        }
        if let bounds = filter.departDateBounds {
            conditions.append("plan.departDate >= ? AND plan.departDate < ?")
            _ = arguments.append(contentsOf: [bounds.lower, bounds.upper])
        }
        if let status = filter.status {
            conditions.append("plan.status = ?")
            _ = arguments.append(contentsOf: [status.rawValue])
        }
        return (conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND "), arguments)
    }

    public func plan(id: String) async throws -> PlanDetail? {
        try await dbWriter.read { db in try Self.fetchDetail(db, id: id.lowercased()) }
    }

    static func fetchDetail(_ db: Database, id: String) throws -> PlanDetail? {
        // Cached statements: prepared (and checked by GRDB's authorizer) once per connection, not on every read.
        let planStatement = try db.cachedStatement(sql: "SELECT \(Plan.indexedSelection) FROM plan WHERE id = ?")
        guard let row = try Row.fetchOne(planStatement, arguments: [id]) else { return nil }
        let plan = try Plan(indexedRow: row)
        // Outbound first: "outbound" < "return".
        let legStatement = try db.cachedStatement(
            sql: "SELECT \(PlanLeg.indexedSelection) FROM planLeg WHERE planId = ? ORDER BY direction, position")
        let legs = try Row.fetchCursor(legStatement, arguments: [id]).map { PlanLeg(indexedRow: $0) }
        return PlanDetail(plan: plan, legs: try Array(legs))
    }

    static func legs(_ db: Database, planId: String) throws -> [PlanLeg] {
        // Outbound first: "outbound" < "return".
        try PlanLeg.filter(PlanLeg.Columns.planId == planId)
            .order(PlanLeg.Columns.direction, PlanLeg.Columns.position).fetchAll(db)
    }

    public func updatePlan(id: String, changes: PlanChanges, expectedVersion: Int?) async throws -> Plan {
        let stamp = now()
        let key = id.lowercased()
        return try await dbWriter.write { db in
            guard let current = try Plan.fetchOne(db, key: key) else { throw PlanStoreError.planNotFound(id: id) }
            if let expectedVersion, expectedVersion != current.version {
                throw PlanStoreError.versionConflict(id: key, expected: expectedVersion, actual: current.version)
            }
            let updated = try Validation.applying(changes, to: current, at: stamp)
            // The version condition also guards against a writer in another process.
            let changed = try Plan.filter(key: key).filter(Plan.Columns.version == current.version).updateAll(
                db,
                Column("status").set(to: updated.status), Column("participants").set(to: updated.participants),
                Column("leaders").set(to: updated.leaders), Column("minors").set(to: updated.minors),
                Column("notes").set(to: updated.notes), Column("name").set(to: updated.name),
                Column("version").set(to: updated.version), Column("updatedAt").set(to: updated.updatedAt))
            guard changed == 1 else {
                let actual = try Plan.fetchOne(db, key: key)?.version ?? current.version
                throw PlanStoreError.versionConflict(id: key, expected: current.version, actual: actual)
            }
            return updated
        }
    }

    public func deletePlan(id: String, expectedVersion: Int?) async throws {
        let key = id.lowercased()
        try await dbWriter.write { db in
            guard let current = try Plan.fetchOne(db, key: key) else { throw PlanStoreError.planNotFound(id: id) }
            if let expectedVersion, expectedVersion != current.version {
                throw PlanStoreError.versionConflict(id: key, expected: expectedVersion, actual: current.version)
            }
            try Plan.deleteOne(db, key: key)
        }
    }

    public func recomputePlan(
        id: String, legs: [PlanLeg], factorSetId: String, factorSetVersion: String, expectedVersion: Int?
    ) async throws -> PlanDetail {
        let stamp = now()
        let key = id.lowercased()
        return try await dbWriter.write { db in
            guard let current = try Self.fetchDetail(db, id: key) else { throw PlanStoreError.planNotFound(id: id) }
            if let expectedVersion, expectedVersion != current.plan.version {
                throw PlanStoreError.versionConflict(id: key, expected: expectedVersion, actual: current.plan.version)
            }
            let updated = try Validation.recomputed(
                current, legs: legs, factorSetId: factorSetId, factorSetVersion: factorSetVersion, at: stamp)
            let changed = try Plan.filter(key: key).filter(Plan.Columns.version == current.plan.version).updateAll(
                db, Column("factorSetId").set(to: factorSetId), Column("factorSetVersion").set(to: factorSetVersion),
                Column("version").set(to: updated.version), Column("updatedAt").set(to: stamp))
            guard changed == 1 else {
                let actual = try Plan.fetchOne(db, key: key)?.version ?? current.plan.version
                throw PlanStoreError.versionConflict(id: key, expected: current.plan.version, actual: actual)
            }
            for leg in legs { try leg.update(db) }
            let detail = PlanDetail(plan: updated, legs: try Self.legs(db, planId: key))
            try Self.writeSummary(db, detail)
            return detail
        }
    }

    // MARK: Export and import

    public func export(organisationId: String?) async throws -> PlanExport {
        try await dbWriter.read { db in
            var orgRequest = Organisation.order(Organisation.Columns.id)
            var planRequest = Plan.order(Plan.Columns.departDate, Plan.Columns.name, Plan.Columns.id)
            if let organisationId {
                orgRequest = orgRequest.filter(Organisation.Columns.id == organisationId)
                planRequest = planRequest.filter(Plan.Columns.organisationId == organisationId)
            }
            let plans = try planRequest.fetchAll(db)
            return PlanExport(
                organisations: try orgRequest.fetchAll(db),
                plans: try plans.map { PlanDetail(plan: $0, legs: try Self.legs(db, planId: $0.id)) })
        }
    }

    public func importPlans(_ document: PlanExport) async throws -> ImportSummary {
        let seenOrgs = try Validation.importDocument(document)
        let stamp = now()
        return try await dbWriter.write { [seenOrgs] db in
            // Everything is checked against the database before the first row is written; any error rolls back.
            for (index, detail) in document.plans.enumerated()
            where !seenOrgs.contains(detail.plan.organisationId) {
                guard try Organisation.exists(db, key: detail.plan.organisationId) else {
                    throw PlanStoreError.unknownOrganisation(
                        id: detail.plan.organisationId, field: "plans[\(index)].organisationId")
                }
            }
            var summary = ImportSummary(organisationsAdded: 0, plansAdded: 0, plansReplaced: 0)
            for var organisation in document.organisations {
                if let existing = try Organisation.fetchOne(db, key: organisation.id) {
                    if existing.name != organisation.name { try organisation.update(db, columns: ["name"]) }
                } else {
                    if organisation.createdAt.isEmpty { organisation.createdAt = stamp }
                    try organisation.insert(db)
                    summary.organisationsAdded += 1
                }
            }
            for detail in document.plans {
                var plan = detail.plan
                if plan.createdAt.isEmpty { plan.createdAt = stamp }
                if plan.updatedAt.isEmpty { plan.updatedAt = stamp }
                if try Plan.exists(db, key: plan.id) {
                    try PlanLeg.filter(PlanLeg.Columns.planId == plan.id).deleteAll(db)
                    try plan.update(db)
                    summary.plansReplaced += 1
                } else {
                    try plan.insert(db)
                    summary.plansAdded += 1
                }
                for leg in detail.legs { try leg.insert(db) }
                try Self.writeSummary(db, PlanDetail(plan: plan, legs: detail.legs))
            }
            return summary
        }
    }

    // MARK: Maintenance

    /// Copies the database to a new file with SQLite's online backup API (readers and writers may go on).
    public func backup(to path: String) async throws {
        let destination = try DatabaseQueue(path: path, configuration: Self.makeConfiguration())
        try await dbWriter.read { db in
            try destination.writeWithoutTransaction { destinationDb in try db.backup(to: destinationDb) }
        }
        try destination.close()
    }

    /// `PRAGMA integrity_check` and `PRAGMA foreign_key_check`: an empty list means the database is sound.
    public func check() async throws -> [String] {
        try await dbWriter.read { db in
            var problems = try String.fetchAll(db, sql: "PRAGMA integrity_check").filter { $0 != "ok" }
            let rows = try Row.fetchAll(db, sql: "PRAGMA foreign_key_check")
            for row in rows {
                let table: String = row[0]
                let rowid: Int64? = row[1]
                let parent: String = row[2]
                problems.append("foreign key: \(table) row \(rowid.map(String.init) ?? "?") refers to a missing \(parent)")
            }
            if try !Self.migrator.hasCompletedMigrations(db) { problems.append("migrations: not all applied") }
            return problems
        }
    }
}
