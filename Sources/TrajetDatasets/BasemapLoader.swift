import Foundation
import TrajetCore

/// Reads `basemap/countries-110m-europe-africa.csv`: Natural Earth 1:110m country outlines, projected into
/// `MapFrame.europeAfrica` by scripts/make-basemap.py. Only the web page draws them, so it is read by the server at
/// start, not by every CLI call.
public enum BasemapLoader {
    public static let file = "basemap/countries-110m-europe-africa.csv"
    static let columns = ["iso_n3", "name", "path", "source"]

    /// The outlines, or an error naming the file and line. The path data is checked to be numbers and the SVG
    /// commands M, L and Z only: it is written into the page as it is.
    public static func load(directory: URL) throws(DatasetLoadError) -> Basemap {
        var issues: [DatasetIssue] = []
        guard let table = NetworkLoader.table(file, columns: columns, directory: directory, issues: &issues) else {
            throw DatasetLoadError(directory: directory.path, issues: issues)
        }
        var countries: [Basemap.Country] = []
        var source = ""
        let allowed = Set("MLZ0123456789.- ".utf8)
        for row in table.rows {
            do throws(DatasetIssue) {
                let path = try row.required("path", expected: "SVG path data (M, L, Z and numbers)")
                guard path.utf8.allSatisfy(allowed.contains) else {
                    throw row.issue("path", "only the SVG commands M, L, Z and numbers are expected")
                }
                source = try row.required("source", expected: "where the outline comes from")
                countries.append(
                    Basemap.Country(
                        isoNumeric: row.text("iso_n3"), name: try row.required("name", expected: "a country name"),
                        pathData: path))
            } catch {
                issues.append(error)
            }
        }
        guard issues.isEmpty else { throw DatasetLoadError(directory: directory.path, issues: issues) }
        return Basemap(frame: .europeAfrica, countries: countries, source: source)
    }
}
