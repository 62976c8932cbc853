/// Failures of the PostgreSQL store that are neither about the input (`PlanStoreError`) nor about reaching the
/// server (`PlanStoreUnavailable`): the CLI exits with 2 and the server answers 500, naming the server's message but
/// never a bound value or a password.
public enum PostgresStoreError: Error, Equatable, CustomStringConvertible {
    case server(sqlState: String, message: String, detail: String?, constraint: String?)
    /// A row the schema should have made impossible (a hand edit?).
    case corruptRow(table: String, detail: String)

    /// A deadlock or serialization failure: the transaction may simply be run again.
    public var isRetryable: Bool { sqlState == "40P01" || sqlState == "40001" }

    public var sqlState: String? {
        if case .server(let state, _, _, _) = self { return state }
        return nil
    }

    public var description: String {
        switch self {
        case .server(let state, let message, let detail, let constraint):
            "PostgreSQL \(state): \(message)" + (detail.map { " (\($0))" } ?? "")
                + (constraint.map { " [constraint \($0)]" } ?? "")
        case .corruptRow(let table, let detail): "unexpected value in \(table): \(detail)"
        }
    }
}
