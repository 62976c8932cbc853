import Foundation
import GRDB
import TrajetCore
import TrajetStore

extension APIKeyRole: DatabaseValueConvertible {}

extension APIKey: FetchableRecord, PersistableRecord {
    public static let databaseTableName = "apiKey"
    public enum Columns {
        public static let id = Column("id")
        public static let organisationId = Column("organisationId")
        public static let keyHash = Column("keyHash")
        public static let revokedAt = Column("revokedAt")
    }
}

extension SQLitePlanStore {
    /// `v4-api-keys`: hashed API keys, one organisation each (nil = network-level).
    static func registerAPIKeyMigration(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v4-api-keys") { db in
            try db.create(table: "apiKey") { t in
                t.primaryKey("id", .text)
                t.column("organisationId", .text).references("organisation", onDelete: .cascade)
                t.column("role", .text).notNull().check { APIKeyRole.allCases.map(\.rawValue).contains($0) }
                t.column("keyHash", .text).notNull().unique()
                t.column("label", .text).notNull().defaults(to: "")
                t.column("createdAt", .text).notNull()
                t.column("revokedAt", .text)
                // A network-level key (no organisation) must be an admin key.
                t.check(sql: "organisationId IS NOT NULL OR role = 'admin'")
            }
        }
    }

    public func addAPIKey(_ key: APIKey) async throws -> APIKey {
        try Validation.apiKey(key)
        var record = key
        record.createdAt = now()
        record.revokedAt = nil
        return try await dbWriter.write { [record] db in
            if let org = record.organisationId, try !Organisation.exists(db, key: org) {
                throw PlanStoreError.unknownOrganisation(id: org, field: "org")
            }
            try record.insert(db)
            return record
        }
    }

    public func apiKeys() async throws -> [APIKey] {
        try await dbWriter.read { db in
            try APIKey.order(APIKey.Columns.organisationId, Column("createdAt"), APIKey.Columns.id).fetchAll(db)
        }
    }

    public func apiKey(hash: String) async throws -> APIKey? {
        // Every authenticated request asks this: a cached statement, not a query built and prepared each time.
        try await dbWriter.read { db in
            try APIKey.fetchOne(db.cachedStatement(sql: "SELECT * FROM apiKey WHERE keyHash = ?"), arguments: [hash])
        }
    }

    public func revokeAPIKey(id: String) async throws -> APIKey {
        let stamp = now()
        return try await dbWriter.write { db in
            guard var key = try APIKey.fetchOne(db, key: id) else {
                throw PlanStoreError.invalidValue(field: "id", value: id, expected: .w("expect.key-id-from-keys-list"))
            }
            if key.revokedAt == nil {
                key.revokedAt = stamp
                try key.update(db)
            }
            return key
        }
    }

    public func importAPIKeys(_ keys: [APIKey]) async throws -> Int {
        for key in keys { try Validation.apiKey(key) }
        return try await dbWriter.write { db in
            var added = 0
            for key in keys {
                if var existing = try APIKey.fetchOne(db, key: key.id) {
                    if existing.revokedAt == nil, let revoked = key.revokedAt {
                        existing.revokedAt = revoked
                        try existing.update(db)
                    }
                } else {
                    try key.insert(db)
                    added += 1
                }
            }
            return added
        }
    }

    public func planPage(_ filter: PlanFilter, after cursor: PlanCursor?, limit: Int) async throws -> [Plan] {
        try await dbWriter.read { db in
            var request = Self.request(filter)
            if let cursor {
                request = request.filter(
                    Plan.Columns.departDate > cursor.departDate
                        || (Plan.Columns.departDate == cursor.departDate && Plan.Columns.id > cursor.id))
            }
            return try request.order(Plan.Columns.departDate, Plan.Columns.id).limit(max(0, limit)).fetchAll(db)
        }
    }

    public func ping() async throws {
        _ = try await dbWriter.read { db in try Int.fetchOne(db, sql: "SELECT 1") }
    }
}
