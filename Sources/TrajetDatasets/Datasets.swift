import Foundation
import TrajetCore

/// Everything loaded from a `Datasets/` directory, validated as a whole.
public struct Datasets: Sendable {
    public let directory: URL
    public let network: Network
    public let factorSets: [FactorSetID: FactorSet]
    public let hubs: HubFactors?
    /// Erasmus+ travel bands and youth-exchange countries (`funding/`), for the annual report.
    public let travelSupport: TravelSupportRules
    /// Belgian travel advice and entry rules (`advice/`), shown on every option that goes there.
    public let advice: AdviceBook
    /// Indices into `network.legs` of the legs groups with minors do not take (`AdviceLevel.leavesOutMinors`).
    public let legIndicesLeavingOutMinors: Set<Int>

    public init(
        directory: URL, network: Network, factorSets: [FactorSetID: FactorSet], hubs: HubFactors?,
        travelSupport: TravelSupportRules = .none, advice: AdviceBook = .empty
    ) {
        self.directory = directory
        self.network = network
        self.factorSets = factorSets
        self.hubs = hubs
        self.travelSupport = travelSupport
        self.advice = advice
        self.legIndicesLeavingOutMinors = advice.legIndicesLeavingOutMinors(in: network)
    }

    public var factorSetIDs: [FactorSetID] { factorSets.keys.sorted() }

    public func factorSet(_ id: String) throws(TrajetError) -> FactorSet {
        guard let set = factorSets[FactorSetID(rawValue: id)] else {
            throw .unknownFactorSet(id: id, available: factorSetIDs.map(\.rawValue))
        }
        return set
    }

    /// Reads and validates every file; throws every problem found, and returns nothing half-loaded.
    public static func load(from directory: URL) throws(DatasetLoadError) -> Datasets {
        var issues: [DatasetIssue] = []
        let network = NetworkLoader.load(directory: directory, issues: &issues)
        let factorSets = FactorSetLoader.loadAll(directory: directory, issues: &issues)
        let hubs = FactorSetLoader.loadHubs(directory: directory, issues: &issues)
        let travelSupport = TravelSupportLoader.load(directory: directory, issues: &issues)
        let advice = AdviceLoader.load(directory: directory, network: network, issues: &issues)
        if let network, issues.isEmpty {
            issues += CoverageCheck.missingFactors(network: network, factorSets: factorSets)
        }
        guard issues.isEmpty, let network, let travelSupport, let advice else {
            throw DatasetLoadError(directory: directory.path, issues: issues)
        }
        return Datasets(
            directory: directory, network: network, factorSets: factorSets, hubs: hubs, travelSupport: travelSupport,
            advice: advice)
    }
}

/// Every leg of the network must find a factor row in every set, or a route could not be costed.
enum CoverageCheck {
    static func missingFactors(network: Network, factorSets: [FactorSetID: FactorSet]) -> [DatasetIssue] {
        var issues: [DatasetIssue] = []
        var reported = Set<String>()
        for set in factorSets.values.sorted(by: { $0.id < $1.id }) {
            for leg in network.legs {
                guard let from = network.place(leg.from), let to = network.place(leg.to) else { continue }
                let found = set.factor(
                    mode: leg.mode, cabinClass: leg.mode == .flight ? set.rules.defaultCabinClass : nil,
                    fromCountry: from.countryCode, toCountry: to.countryCode,
                    distanceKm: leg.mode == .flight ? leg.distanceKm * set.rules.flightDistanceMultiplier : leg.distanceKm)
                guard found == nil else { continue }
                // Built only for a missing factor: an interpolated key per leg and factor set was a tenth of the
                // start of every command.
                let key = "\(set.id)|\(leg.mode)|\(from.countryCode)|\(to.countryCode)"
                if reported.insert(key).inserted {
                    issues.append(
                        DatasetIssue(
                            file: set.factorsFile,
                            message: "no factor row for mode '\(leg.mode.rawValue)' between \(from.countryCode) and "
                                + "\(to.countryCode) at \(Int(leg.distanceKm)) km (needed by leg \(leg.id) in network/legs.csv)"))
                }
            }
        }
        return issues
    }
}

/// Reads a file of the datasets directory; a missing or unreadable file becomes an issue.
func readDatasetFile(_ relativePath: String, in directory: URL, issues: inout [DatasetIssue]) -> String? {
    let url = directory.appendingPathComponent(relativePath)
    guard FileManager.default.fileExists(atPath: url.path) else {
        issues.append(DatasetIssue(file: relativePath, message: "file is missing (expected at \(url.path))"))
        return nil
    }
    guard let data = FileManager.default.contents(atPath: url.path) else {
        issues.append(DatasetIssue(file: relativePath, message: "file cannot be read"))
        return nil
    }
    guard let text = String(data: data, encoding: .utf8) else {
        issues.append(DatasetIssue(file: relativePath, message: "file is not valid UTF-8"))
        return nil
    }
    return text
}

/// Runs `body` for each row, collecting the issue a row throws and going on with the next.
func eachRow(_ table: CSVTable, issues: inout [DatasetIssue], _ body: (CSVRow) throws(DatasetIssue) -> Void) {
    for row in table.rows {
        do { try body(row) } catch { issues.append(error) }
    }
}

