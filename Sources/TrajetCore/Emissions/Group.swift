/// The travelling group: young participants and their leaders.
public struct Group: Hashable, Sendable, Codable {
    /// The largest group Trajet accepts; far above any exchange, low enough to catch a typo.
    public static let maximumPeople = 500
    /// What each count (participants, leaders) may be on its own: the one definition the CLI, the API, the web
    /// form and the store check against (openapi.yaml states the same bounds; `SpecLimitTests` compares them).
    public static let countRange = 0...maximumPeople

    public let participants: Int
    public let leaders: Int
    /// Whether the group includes minors (stricter travel rules apply in route search).
    public let minors: Bool

    public var people: Int { participants + leaders }

    /// Validates the counts: none negative, at least one traveller, at most `maximumPeople`.
    public init(participants: Int, leaders: Int = 0, minors: Bool = false) throws(TrajetError) {
        guard participants >= 0 else {
            throw .invalidValue(field: "participants", value: String(participants), expected: .w("expect.number-0-or-more"))
        }
        guard leaders >= 0 else {
            throw .invalidValue(field: "leaders", value: String(leaders), expected: .w("expect.number-0-or-more"))
        }
        guard participants + leaders >= 1 else {
            throw .invalidValue(
                field: "participants", value: String(participants), expected: .w("expect.at-least-one-traveller"))
        }
        guard participants + leaders <= Group.maximumPeople else {
            throw .invalidValue(
                field: "participants", value: String(participants + leaders),
                expected: .w("expect.at-most-travellers", "\(Group.maximumPeople)"))
        }
        self.participants = participants
        self.leaders = leaders
        self.minors = minors
    }

    /// One traveller, for per-person figures.
    public static let single = Group(validParticipants: 1, leaders: 0, minors: false)

    /// For counts already known to be valid (no check, no throw).
    private init(validParticipants: Int, leaders: Int, minors: Bool) {
        self.participants = validParticipants
        self.leaders = leaders
        self.minors = minors
    }
}
