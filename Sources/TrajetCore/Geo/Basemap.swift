import Foundation

/// The rectangle of the world the web page's map shows, and how a coordinate lands in it: an equirectangular
/// projection with the longitudes shortened by cos(35°), so Belgium and Togo keep believable shapes side by side.
/// `Datasets/basemap/` holds country outlines already projected with the same numbers (scripts/make-basemap.py).
public struct MapFrame: Sendable, Equatable {
    public var longitudeMin: Double
    public var longitudeMax: Double
    public var latitudeMin: Double
    public var latitudeMax: Double
    /// Map units per degree of latitude.
    public var unitsPerDegree: Double
    public var referenceLatitude: Double

    /// Europe and West/North Africa: Belgium to the four partners (Khémisset, Thiès, Cairo, Lomé) with a margin.
    public static let europeAfrica = MapFrame(
        longitudeMin: -20, longitudeMax: 40, latitudeMin: 0, latitudeMax: 60, unitsPerDegree: 10, referenceLatitude: 35)

    public var widthUnits: Double {
        (longitudeMax - longitudeMin) * unitsPerDegree * cos(referenceLatitude * .pi / 180)
    }
    public var heightUnits: Double { (latitudeMax - latitudeMin) * unitsPerDegree }

    /// Where `coordinate` is drawn, in map units from the top-left corner (outside the frame: off the map).
    public func point(_ coordinate: Coordinate) -> (x: Double, y: Double) {
        (
            (coordinate.longitudeDegrees - longitudeMin) * unitsPerDegree * cos(referenceLatitude * .pi / 180),
            (latitudeMax - coordinate.latitudeDegrees) * unitsPerDegree
        )
    }
}

/// Country outlines to draw under the legs, already projected into `frame` (SVG path data).
public struct Basemap: Sendable {
    public struct Country: Sendable, Equatable {
        public var isoNumeric: String
        public var name: String
        public var pathData: String
        /// The outline's bounding box in map units: a map of a few countries draws only those it shows.
        public var minX: Double
        public var minY: Double
        public var maxX: Double
        public var maxY: Double

        public init(isoNumeric: String, name: String, pathData: String) {
            self.isoNumeric = isoNumeric
            self.name = name
            self.pathData = pathData
            let numbers = pathData.split(whereSeparator: { $0 == " " || $0 == "M" || $0 == "L" || $0 == "Z" })
                .compactMap { Double($0) }
            var (minX, minY, maxX, maxY) = (Double.infinity, Double.infinity, -Double.infinity, -Double.infinity)
            var index = 0
            while index + 1 < numbers.count {
                minX = min(minX, numbers[index])
                maxX = max(maxX, numbers[index])
                minY = min(minY, numbers[index + 1])
                maxY = max(maxY, numbers[index + 1])
                index += 2
            }
            (self.minX, self.minY, self.maxX, self.maxY) = (minX, minY, maxX, maxY)
        }

        /// Whether any of the outline's bounding box lies in the rectangle.
        public func overlaps(x0: Double, y0: Double, x1: Double, y1: Double) -> Bool {
            minX <= x1 && maxX >= x0 && minY <= y1 && maxY >= y0
        }
    }

    public var frame: MapFrame
    public var countries: [Country]
    /// Where the outlines come from, shown under the map.
    public var source: String

    public init(frame: MapFrame, countries: [Country], source: String) {
        self.frame = frame
        self.countries = countries
        self.source = source
    }

    public static let empty = Basemap(frame: .europeAfrica, countries: [], source: "")
}
