/// A problem in a dataset file, located precisely enough to fix it by hand.
public struct DatasetIssue: Error, Hashable, Sendable, CustomStringConvertible {
    /// Path of the file, relative to the datasets directory (e.g. `network/legs.csv`).
    public var file: String
    /// 1-based line in the file (the header is line 1); nil for problems with the file as a whole.
    public var line: Int?
    /// Column name, when one field is at fault.
    public var column: String?
    /// What is wrong and what was expected.
    public var message: String

    public init(file: String, line: Int? = nil, column: String? = nil, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.message = message
    }

    public var description: String {
        var location = file
        if let line { location += ":\(line)" }
        if let column { location += " [\(column)]" }
        return "\(location): \(message)"
    }
}

/// Every problem found while loading; nothing is returned when there is one.
public struct DatasetLoadError: Error, Sendable, CustomStringConvertible {
    /// Directory that was being loaded.
    public var directory: String
    public var issues: [DatasetIssue]

    public var description: String {
        (["\(issues.count) problem(s) in the datasets at \(directory):"] + issues.map { "  " + $0.description })
            .joined(separator: "\n")
    }
}

/// The datasets directory could not be found.
public struct DatasetsNotFound: Error, Sendable, CustomStringConvertible {
    /// Every directory tried, in order, with why it was tried.
    public var searched: [(path: String, reason: String)]

    public var description: String {
        "Datasets directory not found. Looked in:\n"
            + searched.map { "  \($0.path)  (\($0.reason))" }.joined(separator: "\n")
            + "\nGive --datasets DIR or set TRAJET_DATASETS."
    }
}
