import TrajetCore

/// Errors of the plan store that come from the input (the CLI maps them to exit code 1); SQLite failures
/// propagate as GRDB's `DatabaseError` (exit code 2).
public enum PlanStoreError: Error, Equatable, Sendable {
    /// A value is out of range; `field` names the option or JSON key (`plans[2].participants`).
    case invalidValue(field: String, value: String, expected: Expectation)
    case unknownOrganisation(id: String, field: String)
    case organisationExists(id: String)
    case planNotFound(id: String)
    case planExists(id: String)
    /// The status cannot change that way (see `PlanStatus.canBecome`).
    case invalidStatusTransition(from: PlanStatus, to: PlanStatus)
    /// Someone else updated the plan since it was read.
    case versionConflict(id: String, expected: Int, actual: Int)
}

/// The store cannot be reached right now (a database server down, restarting, or every connection busy for too
/// long): not the input's fault, and worth retrying. The server answers 503 with `Retry-After`; the CLI exits with 2.
public struct PlanStoreUnavailable: Error, Equatable, CustomStringConvertible {
    /// Where the store is, without password.
    public var location: String
    public var detail: String

    public init(location: String, detail: String) {
        self.location = location
        self.detail = detail
    }

    public var description: String {
        "the database at \(location) is not available (\(detail)); is the server running and the URL right?"
    }
}
