import GRDB
import TrajetCore

// The plan model lives in TrajetCore (reports and the server use it without SQL); its GRDB records are here.

extension PlanStatus: DatabaseValueConvertible {}
extension LegDirection: DatabaseValueConvertible {}

extension Organisation: FetchableRecord, PersistableRecord {
    public static let databaseTableName = "organisation"
    public enum Columns {
        public static let id = Column("id")
        public static let name = Column("name")
        public static let createdAt = Column("createdAt")
    }
}

extension Plan: FetchableRecord, PersistableRecord {
    public static let databaseTableName = "plan"
    public enum Columns {
        public static let id = Column("id")
        public static let organisationId = Column("organisationId")
        public static let name = Column("name")
        public static let departDate = Column("departDate")
        public static let status = Column("status")
        public static let version = Column("version")
    }
}

extension PlanLeg: FetchableRecord, PersistableRecord {
    public static let databaseTableName = "planLeg"
    public enum Columns {
        public static let planId = Column("planId")
        public static let direction = Column("direction")
        public static let position = Column("position")
    }
}
