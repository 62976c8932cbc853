import Foundation
import Synchronization
import Logging
import PostgresNIO
import TrajetCore
import TrajetStore

/// The plan store on PostgreSQL, for several `trajet serve` processes sharing one store.
///
/// Every write is one transaction at READ COMMITTED; the version checks lock the plan's row (`SELECT … FOR UPDATE`)
/// before comparing versions, so of two instances updating the same plan with the same `If-Match`, one wins and the
/// other sees the new version and gets `versionConflict`. Imports upsert (`ON CONFLICT`) in plan-id order, so
/// overlapping imports running at once neither duplicate a plan nor deadlock. Nothing is cached in the process:
/// an API key revoked through one instance is refused by every instance on its next request.
public struct PostgresPlanStore: PlanStore {
    let client: PostgresClient
    let logger: Logger
    let now: @Sendable () -> String
    /// Where the store is, without password (messages, logs).
    public let location: String
    /// How long an operation may wait for a pooled connection. While the server is down the pool keeps retrying
    /// (and only gives up after a minute): a request then fails with `PlanStoreUnavailable` (503) after this wait
    /// instead of hanging. Queries themselves are not limited (a large import may take minutes).
    let leaseTimeout: Duration

    /// A store on `client`, whose `run()` must be running (see `withStore` or add the client to a ServiceGroup).
    public init(
        client: PostgresClient, location: String, logger: Logger = Logger(label: "trajet.postgres"),
        leaseTimeout: Duration = .seconds(5), now: @escaping @Sendable () -> String = { Date().ISO8601Format() }
    ) {
        self.client = client
        self.location = location
        self.logger = logger
        self.leaseTimeout = leaseTimeout
        self.now = now
    }

    /// Connects to `location`, runs the pending migrations when `migrate` is true, calls `body`, then closes the pool.
    /// Fails within `connectTimeout` with `PlanStoreUnavailable` when the server does not answer.
    public static func withStore<T>(
        _ location: PostgresLocation, migrate: Bool = true, maximumConnections: Int = 16,
        connectTimeout: Duration = .seconds(5), logger: Logger = PostgresPlanStore.quietLogger,
        now: @escaping @Sendable () -> String = { Date().ISO8601Format() },
        _ body: (PostgresPlanStore) async throws -> T
    ) async throws -> T {
        var configuration = location.clientConfiguration(maximumConnections: maximumConnections)
        configuration.options.connectTimeout = connectTimeout
        let client = PostgresClient(configuration: configuration, backgroundLogger: logger)
        let store = PostgresPlanStore(client: client, location: location.description, logger: logger, now: now)
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await client.run() }
            defer { group.cancelAll() }
            // One direct connection gives the server's reason at once; after it, every lease has its own deadline.
            try await location.probe(timeout: connectTimeout)
            if migrate { _ = try await store.migrate() }
            return try await body(store)
        }
    }

    /// The pool's background work, for a `ServiceGroup` (`trajet serve`).
    public var service: PostgresClient { client }

    // MARK: Connections, transactions and errors

    /// Runs `body` on a pooled connection, or fails with `PlanStoreUnavailable` if none is handed over within
    /// `leaseTimeout` or the connection breaks.
    func withPooledConnection<T: Sendable>(_ body: @escaping @Sendable (PostgresConnection) async throws -> T) async throws -> T {
        let leased = LeaseFlag()
        let client = self.client
        let leaseTimeout = self.leaseTimeout
        do {
            return try await withThrowingTaskGroup(of: T?.self) { group in
                group.addTask {
                    try await client.withConnection { connection in
                        leased.set()
                        return try await body(connection)
                    }
                }
                group.addTask {
                    try await Task.sleep(for: leaseTimeout)
                    return nil
                }
                while let result = try await group.next() {
                    if let value = result {
                        group.cancelAll()
                        return value
                    }
                    // The timer fired: give up only if no connection was handed over meanwhile.
                    if !leased.isSet {
                        group.cancelAll()
                        throw PlanStoreUnavailable(
                            location: location, detail: "no database connection within \(leaseTimeout)")
                    }
                }
                throw PlanStoreUnavailable(location: location, detail: "the operation ended without an answer")
            }
        } catch let error as PSQLError {
            throw storeError(error)
        }
    }

    /// Runs `body` in one transaction on one pooled connection: committed if it returns, rolled back if it throws.
    /// A deadlock or serialization failure (another instance's transaction got in the way) is retried twice.
    @discardableResult
    func transaction<T: Sendable>(
        readOnlySnapshot: Bool = false, _ body: @escaping @Sendable (PostgresConnection) async throws -> T
    ) async throws -> T {
        let logger = self.logger
        var attempt = 0
        while true {
            attempt += 1
            do {
                return try await withPooledConnection { connection in
                    let begin: PostgresQuery =
                        readOnlySnapshot ? "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY" : "BEGIN"
                    try await connection.query(begin, logger: logger)
                    do {
                        let value = try await body(connection)
                        try await connection.query("COMMIT", logger: logger)
                        return value
                    } catch {
                        // A broken connection cannot roll back; the pool drops it and the server aborts the transaction.
                        _ = try? await connection.query("ROLLBACK", logger: logger)
                        throw error
                    }
                }
            } catch let error as PostgresStoreError where attempt < 3 && error.isRetryable {
                logger.notice("retrying a transaction", metadata: ["sqlState": .string(error.sqlState ?? "")])
                continue
            }
        }
    }

    /// Reads outside a transaction (one statement is one snapshot).
    func read<T: Sendable>(_ body: @escaping @Sendable (PostgresConnection) async throws -> T) async throws -> T {
        try await withPooledConnection(body)
    }

    /// A server error (constraint, syntax…) keeps PostgreSQL's message; anything else means the connection or the pool
    /// failed: the store is unavailable.
    func storeError(_ error: PSQLError) -> any Error {
        if let info = error.serverInfo {
            return PostgresStoreError.server(
                sqlState: info[.sqlState] ?? "?", message: info[.message] ?? "?", detail: info[.detail],
                constraint: info[.constraintName])
        }
        return PlanStoreUnavailable(location: location, detail: Self.describe(error))
    }

    static func describe(_ error: any Error) -> String { PostgresLocation.reason(error) }

    func rows(_ query: PostgresQuery, _ connection: PostgresConnection) async throws -> [PostgresRandomAccessRow] {
        try await connection.query(query, logger: logger).collect().map { $0.makeRandomAccess() }
    }

    // MARK: Organisations

    public func addOrganisation(_ organisation: Organisation) async throws -> Organisation {
        try Validation.organisation(organisation)
        var record = organisation
        record.createdAt = now()
        do {
            try await transaction { [record] connection in
                try await connection.query(
                    "INSERT INTO organisation (id, name, created_at) VALUES (\(record.id), \(record.name), \(record.createdAt))",
                    logger: logger)
                return ()
            }
        } catch let error as PostgresStoreError where error.sqlState == "23505" {
            throw PlanStoreError.organisationExists(id: record.id)
        }
        return record
    }

    public func organisations() async throws -> [Organisation] {
        try await read { connection in
            try await rows("SELECT \(unescaped: Columns.organisation) FROM organisation o ORDER BY o.id", connection)
                .map { try $0.organisation() }
        }
    }

    // MARK: Plans

    public func addPlan(_ detail: PlanDetail) async throws -> PlanDetail {
        let saved = try Validation.newPlan(detail, at: now())
        do {
            try await transaction { [saved] connection in
                guard try await organisationExists(saved.plan.organisationId, connection) else {
                    throw PlanStoreError.unknownOrganisation(id: saved.plan.organisationId, field: "organisationId")
                }
                try await insertPlans([saved], connection)
            }
        } catch let error as PostgresStoreError where error.sqlState == "23505" {
            throw PlanStoreError.planExists(id: saved.plan.id)
        }
        return saved
    }

    func organisationExists(_ id: String, _ connection: PostgresConnection) async throws -> Bool {
        try await !rows("SELECT 1 FROM organisation WHERE id = \(id)", connection).isEmpty
    }

    /// Inserts plans (with their summaries) and their legs, in as few statements as the parameter limit allows.
    func insertPlans(_ details: [PlanDetail], _ connection: PostgresConnection) async throws {
        for chunk in details.chunks(of: 3_000) {
            var bindings = PostgresBindings(capacity: chunk.count * Columns.planInsertCount)
            for detail in chunk { bindings.append(detail.plan, summary: PlanSummary(detail).storageText) }
            let sql = "INSERT INTO plan (\(Columns.planInsertNames)) VALUES "
                + valuesPlaceholders(rows: chunk.count, columns: Columns.planInsertCount)
            try await connection.query(PostgresQuery(unsafeSQL: sql, binds: bindings), logger: logger)
        }
        try await insertLegs(details.flatMap(\.legs), connection)
    }

    func insertLegs(_ legs: [PlanLeg], _ connection: PostgresConnection) async throws {
        // PostgreSQL takes at most 65 535 parameters per statement: 2 000 legs of 32 columns.
        for chunk in legs.chunks(of: 2_000) {
            var bindings = PostgresBindings(capacity: chunk.count * Columns.legNames.count)
            for leg in chunk { bindings.append(leg) }
            let sql = "INSERT INTO plan_leg (\(Columns.legInsertNames)) VALUES "
                + valuesPlaceholders(rows: chunk.count, columns: Columns.legNames.count)
            try await connection.query(PostgresQuery(unsafeSQL: sql, binds: bindings), logger: logger)
        }
    }

    public func plans(_ filter: PlanFilter) async throws -> [Plan] {
        let (conditions, bindings) = Self.sqlConditions(filter)
        let sql = "SELECT \(Columns.plan) FROM plan p \(conditions) ORDER BY p.depart_date, p.name, p.id"
        return try await read { connection in
            try await rows(PostgresQuery(unsafeSQL: sql, binds: bindings), connection).map { try $0.plan() }
        }
    }

    /// The WHERE clause of `filter` on `plan p`, with its parameters.
    static func sqlConditions(_ filter: PlanFilter, firstParameter: Int = 1) -> (String, PostgresBindings) {
        var conditions: [String] = []
        var bindings = PostgresBindings()
        var next = firstParameter
        func parameter(_ value: String) -> String {
            bindings.append(value)
            defer { next += 1 }
            return "$\(next)"
        }
        if let org = filter.organisationId { conditions.append("p.organisation_id = \(parameter(org))") }
        if let bounds = filter.departDateBounds {
            conditions.append("p.depart_date >= \(parameter(bounds.lower)) AND p.depart_date < \(parameter(bounds.upper))")
        }
        if let status = filter.status { conditions.append("p.status = \(parameter(status.rawValue))") }
        return (conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND "), bindings)
    }

    public func forEachPlanDetail(_ filter: PlanFilter, _ body: (PlanDetail) throws -> Void) async throws {
        let (conditions, bindings) = Self.sqlConditions(filter)
        // One statement, so one snapshot; plans come with their legs in order and are handed over one at a time.
        let sql = """
            SELECT \(Columns.plan), \(Columns.leg) FROM plan p LEFT JOIN plan_leg l ON l.plan_id = p.id \(conditions)
            ORDER BY p.id, l.direction, l.position
            """
        // The scan cannot be given a lease deadline (it calls `body` as rows arrive): check the server answers first.
        try await ping()
        do {
            try await client.withConnection { connection in
                var current: PlanDetail?
                for try await row in try await connection.query(PostgresQuery(unsafeSQL: sql, binds: bindings), logger: logger) {
                    let columns = row.makeRandomAccess()
                    let planId = try columns.text(0)
                    if current?.plan.id != planId {
                        if let current { try body(current) }
                        current = PlanDetail(plan: try columns.plan(), legs: [])
                    }
                    if try columns.optionalText(Columns.planCount) != nil {
                        current?.legs.append(try columns.leg(at: Columns.planCount))
                    }
                }
                if let current { try body(current) }
            }
        } catch let error as PSQLError {
            throw storeError(error)
        }
    }

    public func forEachPlanSummary(_ filter: PlanFilter, _ body: (Plan, PlanSummary) throws -> Void) async throws {
        let (conditions, bindings) = Self.sqlConditions(filter)
        let sql = "SELECT \(Columns.plan), p.leg_summary FROM plan p \(conditions)"
        try await ping()
        do {
            try await client.withConnection { connection in
                // Snapshot: a plan without a stored summary is summarised from its legs after the scan, as of the
                // same moment.
                try await connection.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", logger: logger)
                do {
                    var decoder = PlanSummaryDecoder()
                    var unsummarised: [Plan] = []
                    for try await row in try await connection.query(
                        PostgresQuery(unsafeSQL: sql, binds: bindings), logger: logger)
                    {
                        let columns = row.makeRandomAccess()
                        let plan = try columns.plan()
                        if var text = try columns.optionalText(Columns.planCount),
                            let summary = text.withUTF8({ decoder.decode($0) })
                        {
                            try body(plan, summary)
                        } else {
                            unsummarised.append(plan)
                        }
                    }
                    for plan in unsummarised {
                        try body(plan, PlanSummary(PlanDetail(plan: plan, legs: try await legs(of: plan.id, connection))))
                    }
                    try await connection.query("COMMIT", logger: logger)
                } catch {
                    _ = try? await connection.query("ROLLBACK", logger: logger)
                    throw error
                }
            }
        } catch let error as PSQLError {
            throw storeError(error)
        }
    }

    public func plan(id: String) async throws -> PlanDetail? {
        let key = id.lowercased()
        return try await read { connection in try await fetchDetail(key, connection) }
    }

    func fetchDetail(_ id: String, lock: Bool = false, _ connection: PostgresConnection) async throws -> PlanDetail? {
        var plan: Plan?
        if lock {
            for try await row in try await connection.execute(PlanByIDForUpdate(parameter: id), logger: logger) { plan = row }
        } else {
            for try await row in try await connection.execute(PlanByID(parameter: id), logger: logger) { plan = row }
        }
        guard let plan else { return nil }
        return PlanDetail(plan: plan, legs: try await legs(of: id, connection))
    }

    func legs(of planId: String, _ connection: PostgresConnection) async throws -> [PlanLeg] {
        var legs: [PlanLeg] = []
        // Outbound first: "outbound" < "return".
        for try await leg in try await connection.execute(LegsOfPlan(parameter: planId), logger: logger) { legs.append(leg) }
        return legs
    }

    public func updatePlan(id: String, changes: PlanChanges, expectedVersion: Int?) async throws -> Plan {
        let stamp = now()
        let key = id.lowercased()
        return try await transaction { connection in
            guard let current = try await fetchDetail(key, lock: true, connection)?.plan else {
                throw PlanStoreError.planNotFound(id: id)
            }
            if let expectedVersion, expectedVersion != current.version {
                throw PlanStoreError.versionConflict(id: key, expected: expectedVersion, actual: current.version)
            }
            let updated = try Validation.applying(changes, to: current, at: stamp)
            try await connection.query(
                """
                UPDATE plan SET status = \(updated.status.rawValue), participants = \(updated.participants),
                leaders = \(updated.leaders), minors = \(updated.minors), notes = \(updated.notes), name = \(updated.name),
                version = \(updated.version), updated_at = \(updated.updatedAt) WHERE id = \(key)
                """, logger: logger)
            return updated
        }
    }

    public func deletePlan(id: String, expectedVersion: Int?) async throws {
        let key = id.lowercased()
        try await transaction { connection in
            guard let current = try await fetchDetail(key, lock: true, connection)?.plan else {
                throw PlanStoreError.planNotFound(id: id)
            }
            if let expectedVersion, expectedVersion != current.version {
                throw PlanStoreError.versionConflict(id: key, expected: expectedVersion, actual: current.version)
            }
            try await connection.query("DELETE FROM plan WHERE id = \(key)", logger: logger)
            return ()
        }
    }

    public func recomputePlan(
        id: String, legs: [PlanLeg], factorSetId: String, factorSetVersion: String, expectedVersion: Int?
    ) async throws -> PlanDetail {
        let stamp = now()
        let key = id.lowercased()
        return try await transaction { connection in
            guard let current = try await fetchDetail(key, lock: true, connection) else {
                throw PlanStoreError.planNotFound(id: id)
            }
            if let expectedVersion, expectedVersion != current.plan.version {
                throw PlanStoreError.versionConflict(id: key, expected: expectedVersion, actual: current.plan.version)
            }
            let updated = try Validation.recomputed(
                current, legs: legs, factorSetId: factorSetId, factorSetVersion: factorSetVersion, at: stamp)
            // Same slots, new figures: replacing the rows is the simplest exact update.
            try await connection.query("DELETE FROM plan_leg WHERE plan_id = \(key)", logger: logger)
            try await insertLegs(legs, connection)
            let detail = PlanDetail(plan: updated, legs: try await self.legs(of: key, connection))
            try await connection.query(
                """
                UPDATE plan SET factor_set_id = \(factorSetId), factor_set_version = \(factorSetVersion),
                version = \(updated.version), updated_at = \(stamp), leg_summary = \(PlanSummary(detail).storageText)
                WHERE id = \(key)
                """, logger: logger)
            return detail
        }
    }

    // MARK: Export and import

    public func export(organisationId: String?) async throws -> PlanExport {
        try await transaction(readOnlySnapshot: true) { connection in
            let organisations: [Organisation]
            var filter = PlanFilter()
            if let organisationId {
                organisations = try await rows(
                    "SELECT \(unescaped: Columns.organisation) FROM organisation o WHERE o.id = \(organisationId)", connection
                ).map { try $0.organisation() }
                filter.organisationId = organisationId
            } else {
                organisations = try await rows(
                    "SELECT \(unescaped: Columns.organisation) FROM organisation o ORDER BY o.id", connection
                ).map { try $0.organisation() }
            }
            let (conditions, bindings) = Self.sqlConditions(filter)
            let plans = try await rows(
                PostgresQuery(
                    unsafeSQL: "SELECT \(Columns.plan) FROM plan p \(conditions) ORDER BY p.depart_date, p.name, p.id",
                    binds: bindings), connection
            ).map { try $0.plan() }
            var legsByPlan: [String: [PlanLeg]] = [:]
            let legRows = try await rows(
                PostgresQuery(
                    unsafeSQL: """
                        SELECT \(Columns.leg) FROM plan_leg l JOIN plan p ON p.id = l.plan_id \(conditions)
                        ORDER BY l.plan_id, l.direction, l.position
                        """, binds: bindings), connection)
            for row in legRows {
                let leg = try row.leg()
                legsByPlan[leg.planId, default: []].append(leg)
            }
            return PlanExport(
                organisations: organisations,
                plans: plans.map { PlanDetail(plan: $0, legs: legsByPlan[$0.id] ?? []) })
        }
    }

    public func importPlans(_ document: PlanExport) async throws -> ImportSummary {
        let seenOrgs = try Validation.importDocument(document)
        let stamp = now()
        // Rows are written in id order, so two imports touching the same plans lock them in the same order.
        let organisations = document.organisations.sorted { $0.id < $1.id }.map { organisation in
            var organisation = organisation
            if organisation.createdAt.isEmpty { organisation.createdAt = stamp }
            return organisation
        }
        let details = document.plans.sorted { $0.plan.id < $1.plan.id }.map { detail in
            var detail = detail
            if detail.plan.createdAt.isEmpty { detail.plan.createdAt = stamp }
            if detail.plan.updatedAt.isEmpty { detail.plan.updatedAt = stamp }
            return detail
        }
        return try await transaction { connection in
            let referenced = Array(Set(details.map(\.plan.organisationId)).subtracting(seenOrgs))
            if !referenced.isEmpty {
                let known = Set(
                    try await rows("SELECT id FROM organisation WHERE id = ANY(\(referenced))", connection).map { try $0.text(0) })
                for (index, detail) in document.plans.enumerated()
                where !seenOrgs.contains(detail.plan.organisationId) && !known.contains(detail.plan.organisationId) {
                    throw PlanStoreError.unknownOrganisation(
                        id: detail.plan.organisationId, field: "plans[\(index)].organisationId")
                }
            }
            var summary = ImportSummary(organisationsAdded: 0, plansAdded: 0, plansReplaced: 0)
            for organisation in organisations {
                // xmax = 0 only on a row this statement inserted: tells "added" from "already there".
                let inserted = try await rows(
                    """
                    INSERT INTO organisation (id, name, created_at) VALUES (\(organisation.id), \(organisation.name),
                    \(organisation.createdAt)) ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name RETURNING (xmax = 0)
                    """, connection)
                if try inserted.first?.flag(0) == true { summary.organisationsAdded += 1 }
            }
            for chunk in details.chunks(of: 3_000) {
                var bindings = PostgresBindings(capacity: chunk.count * Columns.planInsertCount)
                for detail in chunk { bindings.append(detail.plan, summary: PlanSummary(detail).storageText) }
                let updates = Columns.planInsertNames.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
                    .filter { $0 != "id" }.map { "\($0) = EXCLUDED.\($0)" }.joined(separator: ", ")
                let sql = "INSERT INTO plan (\(Columns.planInsertNames)) VALUES "
                    + valuesPlaceholders(rows: chunk.count, columns: Columns.planInsertCount)
                    + " ON CONFLICT (id) DO UPDATE SET \(updates) RETURNING id, (xmax = 0)"
                var replaced: [String] = []
                for row in try await rows(PostgresQuery(unsafeSQL: sql, binds: bindings), connection) {
                    if try row.flag(1) {
                        summary.plansAdded += 1
                    } else {
                        summary.plansReplaced += 1
                        replaced.append(try row.text(0))
                    }
                }
                if !replaced.isEmpty {
                    try await connection.query("DELETE FROM plan_leg WHERE plan_id = ANY(\(replaced))", logger: logger)
                }
                try await insertLegs(chunk.flatMap(\.legs), connection)
            }
            return summary
        }
    }

    // MARK: API

    public func planPage(_ filter: PlanFilter, after cursor: PlanCursor?, limit: Int) async throws -> [Plan] {
        var (conditions, bindings) = Self.sqlConditions(filter)
        if let cursor {
            let first = bindings.count + 1
            bindings.append(cursor.departDate)
            bindings.append(cursor.id)
            let condition = "(p.depart_date, p.id) > ($\(first), $\(first + 1))"
            conditions += conditions.isEmpty ? "WHERE \(condition)" : " AND \(condition)"
        }
        bindings.append(max(0, limit))
        let query = PostgresQuery(
            unsafeSQL: "SELECT \(Columns.plan) FROM plan p \(conditions) ORDER BY p.depart_date, p.id LIMIT $\(bindings.count)",
            binds: bindings)
        return try await read { connection in try await rows(query, connection).map { try $0.plan() } }
    }

    public func addAPIKey(_ key: APIKey) async throws -> APIKey {
        try Validation.apiKey(key)
        var record = key
        record.createdAt = now()
        record.revokedAt = nil
        try await transaction { [record] connection in
            if let org = record.organisationId, try await !organisationExists(org, connection) {
                throw PlanStoreError.unknownOrganisation(id: org, field: "org")
            }
            try await insertAPIKey(record, connection)
        }
        return record
    }

    func insertAPIKey(_ key: APIKey, _ connection: PostgresConnection) async throws {
        try await connection.query(
            """
            INSERT INTO api_key (id, organisation_id, role, key_hash, label, created_at, revoked_at)
            VALUES (\(key.id), \(key.organisationId), \(key.role.rawValue), \(key.keyHash), \(key.label), \(key.createdAt),
            \(key.revokedAt))
            """, logger: logger)
    }

    public func apiKeys() async throws -> [APIKey] {
        try await read { connection in
            try await rows(
                "SELECT \(unescaped: Columns.apiKey) FROM api_key k ORDER BY k.organisation_id NULLS FIRST, k.created_at, k.id",
                connection
            ).map { try $0.apiKey() }
        }
    }

    public func apiKey(hash: String) async throws -> APIKey? {
        // Every request with a key asks this: a prepared statement, parsed once per connection.
        try await read { connection in
            var found: APIKey?
            for try await key in try await connection.execute(APIKeyByHash(parameter: hash), logger: logger) { found = key }
            return found
        }
    }

    public func revokeAPIKey(id: String) async throws -> APIKey {
        let stamp = now()
        return try await transaction { connection in
            let updated = try await rows(
                """
                UPDATE api_key k SET revoked_at = COALESCE(k.revoked_at, \(stamp)) WHERE k.id = \(id)
                RETURNING \(unescaped: Columns.apiKey)
                """, connection)
            guard let row = updated.first else {
                throw PlanStoreError.invalidValue(field: "id", value: id, expected: .w("expect.key-id-from-keys-list"))
            }
            return try row.apiKey()
        }
    }

    public func importAPIKeys(_ keys: [APIKey]) async throws -> Int {
        for key in keys { try Validation.apiKey(key) }
        return try await transaction { connection in
            var added = 0
            for key in keys.sorted(by: { $0.id < $1.id }) {
                let inserted = try await rows(
                    """
                    INSERT INTO api_key (id, organisation_id, role, key_hash, label, created_at, revoked_at)
                    VALUES (\(key.id), \(key.organisationId), \(key.role.rawValue), \(key.keyHash), \(key.label),
                    \(key.createdAt), \(key.revokedAt))
                    ON CONFLICT (id) DO UPDATE SET revoked_at = COALESCE(api_key.revoked_at, EXCLUDED.revoked_at)
                    RETURNING (xmax = 0)
                    """, connection)
                if try inserted.first?.flag(0) == true { added += 1 }
            }
            return added
        }
    }

    public func ping() async throws {
        try await read { connection in
            for try await _ in try await connection.execute(Ping(), logger: logger) {}
        }
    }
}

// MARK: Prepared statements (the per-request reads)

/// A statement with one text parameter: parsed once per connection, then only bound and run.
protocol OneTextParameterStatement: PostgresPreparedStatement {
    var parameter: String { get }
}

extension OneTextParameterStatement {
    func makeBindings() throws -> PostgresBindings {
        var bindings = PostgresBindings(capacity: 1)
        bindings.append(parameter)
        return bindings
    }
}

struct APIKeyByHash: OneTextParameterStatement {
    static let sql = "SELECT \(Columns.apiKey) FROM api_key k WHERE k.key_hash = $1"
    var parameter: String
    func decodeRow(_ row: PostgresRow) throws -> APIKey { try row.makeRandomAccess().apiKey() }
}

struct PlanByID: OneTextParameterStatement {
    static let sql = "SELECT \(Columns.plan) FROM plan p WHERE p.id = $1"
    var parameter: String
    func decodeRow(_ row: PostgresRow) throws -> Plan { try row.makeRandomAccess().plan() }
}

/// The plan's row, locked until the transaction ends: the version checks of concurrent writers queue here.
struct PlanByIDForUpdate: OneTextParameterStatement {
    static let sql = PlanByID.sql + " FOR UPDATE"
    var parameter: String
    func decodeRow(_ row: PostgresRow) throws -> Plan { try row.makeRandomAccess().plan() }
}

struct LegsOfPlan: OneTextParameterStatement {
    static let sql = "SELECT \(Columns.leg) FROM plan_leg l WHERE l.plan_id = $1 ORDER BY l.direction, l.position"
    var parameter: String
    func decodeRow(_ row: PostgresRow) throws -> PlanLeg { try row.makeRandomAccess().leg() }
}

struct Ping: PostgresPreparedStatement {
    static let sql = "SELECT 1"
    typealias Row = Int
    func makeBindings() throws -> PostgresBindings { PostgresBindings() }
    func decodeRow(_ row: PostgresRow) throws -> Int { try row.makeRandomAccess().integer(0) }
}

extension Array {
    /// Consecutive slices of at most `size` elements.
    func chunks(of size: Int) -> [ArraySlice<Element>] {
        stride(from: 0, to: count, by: size).map { self[$0..<Swift.min($0 + size, count)] }
    }
}

extension PostgresPlanStore {
    /// A store whose pool runs in a task of its own until the process ends: for one short CLI command, where
    /// structured scoping (`withStore`) would have to wrap every command's body. Servers use `withStore` to migrate,
    /// then `make` + a ServiceGroup.
    public static func open(
        _ location: PostgresLocation, migrate: Bool = true, connectTimeout: Duration = .seconds(5),
        logger: Logger = PostgresPlanStore.quietLogger
    ) async throws -> PostgresPlanStore {
        try await location.probe(timeout: connectTimeout)
        let store = make(location, maximumConnections: 4, connectTimeout: connectTimeout, logger: logger)
        let client = store.client
        Task { await client.run() }
        if migrate { _ = try await store.migrate() }
        return store
    }

    /// A store on a new pool that is not running yet: add `service` to a ServiceGroup (`trajet serve`).
    public static func make(
        _ location: PostgresLocation, maximumConnections: Int = 16, connectTimeout: Duration = .seconds(5),
        leaseTimeout: Duration = .seconds(5), logger: Logger = PostgresPlanStore.quietLogger
    ) -> PostgresPlanStore {
        var configuration = location.clientConfiguration(maximumConnections: maximumConnections)
        configuration.options.connectTimeout = connectTimeout
        let client = PostgresClient(configuration: configuration, backgroundLogger: logger)
        return PostgresPlanStore(
            client: client, location: location.description, logger: logger, leaseTimeout: leaseTimeout)
    }

    /// The pool logs each failed connection attempt (and a lease racing its start) below error level; a CLI user gets
    /// one clear error instead.
    public static var quietLogger: Logger {
        var logger = Logger(label: "trajet.postgres")
        logger.logLevel = .error
        return logger
    }
}

/// Whether the pool handed a connection over (set from the operation's task, read by the timer's).
final class LeaseFlag: Sendable {
    private let state = Mutex(false)
    func set() { state.withLock { $0 = true } }
    var isSet: Bool { state.withLock { $0 } }
}
