/// Failures of the PostgreSQL store that are not about the input (those are `PlanStoreError`): the CLI exits with 2
/// and the server answers 503/500, naming the server's message but never a bound value or a password.
public enum PostgresStoreError: Error, Equatable, CustomStringConvertible {
    case unreachable(location: String, detail: String)
    case connection(detail: String)
    case server(sqlState: String, message: String, detail: String?, constraint: String?)
    /// A row the schema should have made impossible (a hand edit?).
    case corruptRow(table: String, detail: String)

    public var sqlState: String? {
        if case .server(let state, _, _, _) = self { return state }
        return nil
    }

    public var description: String {
        switch self {
        case .unreachable(let location, let detail):
            "PostgreSQL at \(location) is not reachable (\(detail)); is the server running and the URL right?"
        case .connection(let detail): "PostgreSQL connection: \(detail)"
        case .server(let state, let message, let detail, let constraint):
            "PostgreSQL \(state): \(message)" + (detail.map { " (\($0))" } ?? "")
                + (constraint.map { " [constraint \($0)]" } ?? "")
        case .corruptRow(let table, let detail): "unexpected value in \(table): \(detail)"
        }
    }
}
