import Foundation
import TrajetCore

/// Checks one factor-set folder with the loader's own rules, for tools that write factor sets (`trajet factors
/// import`): a set that passes here is one `Datasets.load` accepts.
public enum FactorSetCheck {
    /// Loads `directory/factors/<id>/` exactly as `Datasets.load` does (same rules, same messages) and, given a
    /// network, checks that every one of its legs finds a row in the set, as `Datasets.load` does for every set.
    public static func load(id: String, datasetsDirectory directory: URL, network: Network?) throws(DatasetLoadError)
        -> FactorSet
    {
        var issues: [DatasetIssue] = []
        let set = FactorSetLoader.loadSet(folder: id, directory: directory, issues: &issues)
        if let set, let network, issues.isEmpty {
            issues += CoverageCheck.missingFactors(network: network, factorSets: [set.id: set])
        }
        guard issues.isEmpty, let set else { throw DatasetLoadError(directory: directory.path, issues: issues) }
        return set
    }
}
