import Foundation
import TrajetCore
import TrajetQueries

/// Every option's legs over the Natural Earth outlines, as inline SVG drawn by the `map` template: modes by colour
/// and line style (classes in trajet.css), one group per option so the page can highlight one.
struct MapView: Sendable {
    struct Country: Sendable {
        var name: String
        var path: String
    }
    struct Line: Sendable {
        var x1: String
        var y1: String
        var x2: String
        var y2: String
        var modeClass: String
        var title: String
    }
    struct OptionLines: Sendable {
        var number: Int
        var lines: [Line]
    }
    struct Stop: Sendable {
        var x: String
        var y: String
        var labelX: String
        var labelY: String
        /// The town, drawn beside the two ends; `name` (town and station) is the tooltip.
        var label: String
        var name: String
        var end: Bool
        /// Labels right of the point, or left of it in the right half of the map (not cut at the edge).
        var textAnchor: String
    }
    struct Mode: Sendable {
        var name: String
        var modeClass: String
    }

    var viewBox: String
    var countries: [Country]
    var options: [OptionLines]
    var stops: [Stop]
    var modes: [Mode]
    var source: String
    var title: String
    var hasBasemap: Bool

    init(_ result: RouteSearchResult, network: Network, basemap: Basemap, _ l: Localizer) {
        let frame = basemap.frame
        var minX = Double.infinity, minY = Double.infinity, maxX = -Double.infinity, maxY = -Double.infinity
        var options: [OptionLines] = []
        var stopIDs: [PlaceID] = []
        var usedModes: [TransportMode] = []
        for (i, it) in result.itineraries.enumerated() {
            var lines: [Line] = []
            for item in it.legs {
                guard let from = network.place(item.leg.from), let to = network.place(item.leg.to) else { continue }
                let a = frame.point(from.coordinate)
                let b = frame.point(to.coordinate)
                minX = min(minX, a.x, b.x)
                maxX = max(maxX, a.x, b.x)
                minY = min(minY, a.y, b.y)
                maxY = max(maxY, a.y, b.y)
                if !usedModes.contains(item.leg.mode) { usedModes.append(item.leg.mode) }
                for id in [item.leg.from, item.leg.to] where !stopIDs.contains(id) { stopIDs.append(id) }
                lines.append(
                    Line(
                        x1: Self.f(a.x), y1: Self.f(a.y), x2: Self.f(b.x), y2: Self.f(b.y), modeClass: Self.modeClass(item.leg.mode),
                        title: "\(i + 1): \(l.mode(item.leg.mode)) \(RoutesText.sleepingPlace(from.id, network)) → "
                            + RoutesText.sleepingPlace(to.id, network)))
            }
            // Short bus, ferry and road legs (the Strait of Gibraltar) on top of the rail and flight lines.
            lines.sort { Self.drawOrder($0.modeClass) < Self.drawOrder($1.modeClass) }
            options.append(OptionLines(number: i + 1, lines: lines))
        }
        if !minX.isFinite { (minX, minY, maxX, maxY) = (0, 0, frame.widthUnits, frame.heightUnits) }
        // A margin around the legs, at least a few hundred kilometres, inside the outlines' frame.
        let margin = max(25, 0.12 * max(maxX - minX, maxY - minY))
        let x0 = max(0, minX - margin)
        let y0 = max(0, minY - margin)
        let x1 = min(frame.widthUnits, maxX + margin)
        let y1 = min(frame.heightUnits, maxY + margin)
        viewBox = "\(Self.f(x0)) \(Self.f(y0)) \(Self.f(x1 - x0)) \(Self.f(y1 - y0))"
        // Only the outlines the view shows: the page stays light (a round trip has two maps).
        countries = basemap.countries.filter { $0.overlaps(x0: x0, y0: y0, x1: x1, y1: y1) }
            .map { Country(name: $0.name, path: $0.pathData) }
        self.options = options
        let ends: Set<PlaceID> = Set(result.itineraries.first.map { [$0.legs.first!.leg.from, $0.legs.last!.leg.to] } ?? [])
        let labelSize = max(x1 - x0, y1 - y0) / 60
        stops = stopIDs.compactMap { id in
            guard let place = network.place(id) else { return nil }
            let p = frame.point(place.coordinate)
            let end = ends.contains(id)
            let leftward = p.x > (x0 + x1) / 2
            return Stop(
                x: Self.f(p.x), y: Self.f(p.y), labelX: Self.f(leftward ? p.x - labelSize : p.x + labelSize),
                labelY: Self.f(p.y - labelSize / 2),
                label: place.kind == .city || place.city.isEmpty ? place.name : place.city,
                name: RoutesText.sleepingPlace(id, network), end: end, textAnchor: leftward ? "end" : "start")
        }
        modes = usedModes.map { Mode(name: l.mode($0), modeClass: Self.modeClass($0)) }
        source = basemap.source
        hasBasemap = !basemap.countries.isEmpty
        title = l.w("web.map-of-the-options-one-line")
    }

    static func drawOrder(_ modeClass: String) -> Int {
        ["m-flight", "m-hsr", "m-rail", "m-night", "m-metro", "m-bus", "m-road", "m-taxi", "m-ferry", "m-walk"]
            .firstIndex(of: modeClass) ?? 0
    }

    /// The CSS class of a mode's line: colours and dashes in trajet.css, also shown in the legend.
    static func modeClass(_ mode: TransportMode) -> String {
        switch mode {
        case .flight: "m-flight"
        case .highSpeedRail: "m-hsr"
        case .rail: "m-rail"
        case .nightTrain: "m-night"
        case .metro: "m-metro"
        case .coach, .bus: "m-bus"
        case .ferry: "m-ferry"
        case .minibus, .car: "m-road"
        case .sharedTaxi, .taxi: "m-taxi"
        case .walk: "m-walk"
        }
    }

    static func f(_ value: Double) -> String { String(format: "%.1f", value) }
}
