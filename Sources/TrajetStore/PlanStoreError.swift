import TrajetCore

/// Errors of the plan store that come from the input (the CLI maps them to exit code 1); SQLite failures
/// propagate as GRDB's `DatabaseError` (exit code 2).
public enum PlanStoreError: Error, Equatable, Sendable {
    /// A value is out of range; `field` names the option or JSON key (`plans[2].participants`).
    case invalidValue(field: String, value: String, expected: String)
    case unknownOrganisation(id: String, field: String)
    case organisationExists(id: String)
    case planNotFound(id: String)
    case planExists(id: String)
    /// The status cannot change that way (see `PlanStatus.canBecome`).
    case invalidStatusTransition(from: PlanStatus, to: PlanStatus)
    /// Someone else updated the plan since it was read.
    case versionConflict(id: String, expected: Int, actual: Int)
}
