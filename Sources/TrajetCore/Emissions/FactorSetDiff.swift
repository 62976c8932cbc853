/// Row-by-row comparison of two factor sets (`trajet factors diff A B`): rows are matched by mode, variant, region
/// and distance band; matched rows show both values and the change, the others are listed as only in one set.
public struct FactorSetDiff: Sendable {
    /// The values compared for one matched row.
    public struct Change: Sendable {
        public var old: Double?
        public var new: Double?

        /// Relative change in percent; nil when a side is missing or the old value is 0 and the new one is not.
        public var percent: Double? {
            guard let old, let new else { return nil }
            if old == 0 { return new == 0 ? 0 : nil }
            return (new - old) / old * 100
        }

        public var isUnchanged: Bool { old == new }
    }

    public struct Row: Sendable {
        public var old: EmissionFactor
        public var new: EmissionFactor
        public var ttw: Change { Change(old: old.ttwKgPerUnit, new: new.ttwKgPerUnit) }
        public var ttwWithoutNonCO2: Change {
            Change(old: old.ttwWithoutNonCO2KgPerUnit, new: new.ttwWithoutNonCO2KgPerUnit)
        }
        public var wtt: Change { Change(old: old.wttKgPerUnit, new: new.wttKgPerUnit) }
        /// The unit changed (per passenger-km ↔ per vehicle-km): the numbers are not comparable.
        public var unitChanged: Bool { old.unit != new.unit }
        public var isUnchanged: Bool { ttw.isUnchanged && ttwWithoutNonCO2.isUnchanged && wtt.isUnchanged && !unitChanged }
    }

    public var oldSet: FactorSetID
    public var newSet: FactorSetID
    /// Matched rows, in the order of the old set.
    public var matched: [Row]
    public var onlyInOld: [EmissionFactor]
    public var onlyInNew: [EmissionFactor]

    public init(old: FactorSet, new: FactorSet) {
        oldSet = old.id
        newSet = new.id
        var newByKey: [String: EmissionFactor] = [:]
        for factor in new.factors where newByKey[Self.key(factor)] == nil { newByKey[Self.key(factor)] = factor }
        var matchedKeys = Set<String>()
        matched = []
        onlyInOld = []
        for factor in old.factors {
            let key = Self.key(factor)
            if let other = newByKey[key], matchedKeys.insert(key).inserted {
                matched.append(Row(old: factor, new: other))
            } else {
                onlyInOld.append(factor)
            }
        }
        onlyInNew = new.factors.filter { !matchedKeys.contains(Self.key($0)) }
    }

    /// Mode, variant, region and distance band: what makes a row the same row in another year.
    public static func key(_ factor: EmissionFactor) -> String {
        "\(factor.mode.rawValue)|\(factor.variant)|\(factor.region)|\(factor.minDistanceKm.map { "\($0)" } ?? "")|"
            + (factor.maxDistanceKm.map { "\($0)" } ?? "")
    }
}
