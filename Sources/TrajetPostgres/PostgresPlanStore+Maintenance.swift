import PostgresNIO
import TrajetStore

extension PostgresPlanStore {
    public func pendingMigrations() async throws -> [String] {
        try await read { connection in
            let known = PostgresMigrations.steps.map(\.id)
            let applied = Set(try await appliedMigrations(connection))
            return known.filter { !applied.contains($0) }
        }
    }

    /// Applies every pending step in one transaction holding an advisory lock: instances starting together wait for
    /// the first one, then find nothing to do. PostgreSQL's DDL is transactional, so a failed step leaves nothing.
    public func migrate() async throws -> [String] {
        // Every command and server start calls this: a plain read when nothing is pending, no lock, no DDL.
        guard try await !pendingMigrations().isEmpty else { return [] }
        return try await transaction { connection in
            try await connection.query("SELECT pg_advisory_xact_lock(\(PostgresMigrations.advisoryLockKey))", logger: logger)
            try await connection.query(PostgresQuery(unsafeSQL: PostgresMigrations.table), logger: logger)
            let applied = Set(try await appliedMigrations(connection))
            var done: [String] = []
            for step in PostgresMigrations.steps where !applied.contains(step.id) {
                for statement in step.statements {
                    try await connection.query(PostgresQuery(unsafeSQL: statement), logger: logger)
                }
                try await connection.query("INSERT INTO trajet_migration (id) VALUES (\(step.id))", logger: logger)
                done.append(step.id)
            }
            return done
        }
    }

    func appliedMigrations(_ connection: PostgresConnection) async throws -> [String] {
        let exists = try await rows("SELECT to_regclass('trajet_migration') IS NOT NULL", connection).first?.flag(0) ?? false
        guard exists else { return [] }
        return try await rows("SELECT id FROM trajet_migration ORDER BY applied_at, id", connection).map { try $0.text(0) }
    }

    /// What PostgreSQL does not already guarantee: every step applied and none unknown (a newer program migrated
    /// this database), constraints validated, each leg's plan present, each plan's summary present.
    public func check() async throws -> [String] {
        try await read { connection in
            var problems: [String] = []
            let known = PostgresMigrations.steps.map(\.id)
            let applied = try await appliedMigrations(connection)
            let pending = known.filter { !applied.contains($0) }
            if !pending.isEmpty { problems.append("migrations: not applied: \(pending.joined(separator: ", ")) (trajet db migrate)") }
            let unknown = applied.filter { !known.contains($0) }
            if !unknown.isEmpty {
                problems.append("migrations: applied by a newer trajet: \(unknown.joined(separator: ", "))")
            }
            guard pending.isEmpty else { return problems }
            for row in try await rows(
                """
                SELECT c.conrelid::regclass::text, c.conname FROM pg_constraint c
                WHERE NOT c.convalidated AND c.connamespace = current_schema()::regnamespace
                """, connection)
            {
                problems.append("constraint \(try row.text(1)) on \(try row.text(0)) is not validated")
            }
            let orphans = try await rows(
                "SELECT count(*) FROM plan_leg l WHERE NOT EXISTS (SELECT 1 FROM plan p WHERE p.id = l.plan_id)", connection)
            if let count = try orphans.first?.integer(0), count > 0 {
                problems.append("foreign key: \(count) plan_leg rows refer to a missing plan")
            }
            let unsummarised = try await rows("SELECT count(*) FROM plan WHERE leg_summary IS NULL", connection)
            if let count = try unsummarised.first?.integer(0), count > 0 {
                problems.append("\(count) plans have no leg summary (reports recompute it from the legs)")
            }
            return problems
        }
    }
}
