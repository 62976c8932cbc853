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

extension PlanLeg {
    /// The columns `init(indexedRow:)` reads, in order: the streamed exports read a million legs, and decoding by
    /// position is several times faster than the Codable path.
    static let indexedSelection = [
        "planId", "direction", "position", "legId", "mode", "fromPlaceId", "toPlaceId", "operator", "distanceKm",
        "distanceBasis", "durationMinutes", "departure", "arrival", "ttwGrams", "nonCO2Grams", "wttGrams", "hubGrams",
        "groupTtwGrams", "groupNonCO2Grams", "groupWttGrams", "groupHubGrams", "vehicles", "fareMinCents", "fareMaxCents",
        "factorFile", "factorLine", "distanceEstimated", "durationEstimated", "fareEstimated", "factorEstimated",
        "serviceUnconfirmed", "footprintNotes",
    ].map { "planLeg.\($0)" }.joined(separator: ", ")

    init(indexedRow row: Row) {
        let direction: String = row[1]
        self.init(
            planId: row[0], direction: LegDirection(rawValue: direction) ?? .outbound, position: row[2], legId: row[3],
            mode: row[4], fromPlaceId: row[5], toPlaceId: row[6], operatorName: row[7], distanceKm: row[8],
            distanceBasis: row[9], durationMinutes: row[10], departure: row[11], arrival: row[12], ttwGrams: row[13],
            nonCO2Grams: row[14], wttGrams: row[15], hubGrams: row[16], groupTtwGrams: row[17], groupNonCO2Grams: row[18],
            groupWttGrams: row[19], groupHubGrams: row[20], vehicles: row[21], fareMinCents: row[22],
            fareMaxCents: row[23], factorFile: row[24], factorLine: row[25], distanceEstimated: row[26],
            durationEstimated: row[27], fareEstimated: row[28], factorEstimated: row[29], serviceUnconfirmed: row[30],
            footprintNotes: row[31])
    }
}
