import Foundation
import TrajetCore
import TrajetQueries

/// What the comparison page shows, computed from the same `RoutesAnswer` and the same wording helpers as
/// `trajet routes` (RoutesText, the Localizer), so the page and the CLI give the same numbers and markers.
struct RoutesView: Sendable {
    struct Leg: Sendable {
        var departure: String
        var arrival: String
        var mode: String
        var modeClass: String
        var legID: String
        var operatorName: String?
        var from: String
        var to: String
        var distance: String
        var co2ePerPerson: String
        var fare: String
        var flags: [String]
        var advice: [String]
        var rule: String?
        var source: String
        var approximate: Bool
        var hotelNight: String?
        var wait: String?
    }

    struct Option: Sendable {
        var number: Int
        var anchor: String
        var marks: String
        var roles: String?
        var co2ePerPerson: String
        var co2eWithoutNonCO2: String
        var groupTonnes: String
        var leaveAt: String
        var doorToDoor: String
        var nights: Int
        var cost: String
        var changes: Int
        var chain: String
        var tradeOffs: [String]
        var notes: [String]
        var advice: [AdviceLine]
        var hasAdvice: Bool
        var legs: [Leg]
        var adviceClass: String
    }

    /// A travel-advice, entry-rule or old-timetable line, its CLI symbol turned into a class (icons are CSS).
    struct AdviceLine: Sendable {
        var kind: String
        var text: String

        init(_ line: String) {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            let kinds: [(String, String)] = [("⚠", "advice"), ("⚑", "entry"), ("⏱", "stale")]
            let found = kinds.first { trimmed.hasPrefix($0.0) }
            kind = found?.1 ?? "advice"
            text = found.map { String(trimmed.dropFirst($0.0.count)).trimmingCharacters(in: .whitespaces) } ?? trimmed
        }
    }

    struct Section: Sendable {
        var title: String
        var direction: String
        var isOutbound: Bool
        var summary: String
        var options: [Option]
        var chart: ChartView
        var map: MapView
    }

    var heading: String
    var subheading: String
    var factors: String
    var accessNotes: [String]
    var leftOut: String?
    var sections: [Section]
    var roundTrip: String?
    var legend: [String]
}

extension RoutesView {
    init(_ answer: RoutesAnswer, basemap: Basemap, l: Localizer) {
        let g = answer.group
        heading = "\(RoutesText.placeName(answer.origin)) → \(RoutesText.placeName(answer.destination))"
        subheading =
            l.w("text.departing") + "\(answer.departureDay) "
            + (answer.departureTimeGiven
                ? l.w("text.not-before", "\(answer.earliestDeparture)")
                : l.w("text.any-time-from", "\(answer.earliestDeparture)"))
            + " · " + l.w("text.group-of") + "\(g.people) (\(g.participants) + \(g.leaders)"
            + (g.minors ? l.w("text.with-minors") : "") + ")"
        factors =
            l.w("text.factors") + "\(answer.factorSet.id) (\(answer.factorSet.name)) · "
            + l.w("text.ranking") + RoutesText.rankName(answer.rank, l)
        var access: [String] = []
        if let a = answer.notes.originAccess { access.append(l.access(a, origin: true)) }
        if let a = answer.notes.destinationAccess { access.append(l.access(a, origin: false)) }
        accessNotes = access
        leftOut = answer.notes.leftOut.map { l.leftOut($0) }
        var sections = [
            Self.section(answer.outbound, title: l.w("cli.outbound"), direction: "outbound", answer, basemap, l)
        ]
        if let inbound = answer.inbound {
            sections.append(
                Self.section(
                    inbound, title: l.w("cli.return-2"), direction: "return", answer, basemap, l,
                    day: answer.returnDay ?? answer.departureDay))
            roundTrip = RoutesText.roundTripSentence(
                outbound: answer.outbound.itineraries[0], back: inbound.itineraries[0], l)
        }
        self.sections = sections
        legend = [
            l.w("text.co2e-well-to-wake-with-non"),
            l.w("text.check-timetables-and-fares-with-the"),
            l.w("text.goes-where-the-belgian-foreign-ministry"),
        ]
    }

    static func section(
        _ result: RouteSearchResult, title: String, direction: String, _ answer: RoutesAnswer, _ basemap: Basemap,
        _ l: Localizer, day: CalendarDay? = nil
    ) -> Section {
        let n = l.numbers
        var options: [Option] = []
        for (i, it) in result.itineraries.enumerated() {
            var marks = it.hasEstimates ? "*" : ""
            if it.hasUnconfirmedServices { marks += "?" }
            let adviceMark = answer.notes.marker(it)
            marks += adviceMark
            var tradeOffs: [String] = []
            if it != result.fastest {
                tradeOffs.append(l.w("text.vs-fastest") + RoutesText.comparison(it.compared(to: result.fastest), l))
            }
            if it != result.lowestCarbon, result.lowestCarbon != result.fastest {
                tradeOffs.append(
                    l.w("text.vs-lowest-carbon") + RoutesText.comparison(it.compared(to: result.lowestCarbon), l))
            }
            var notes: [String] = []
            if it.hotelNights > 0 {
                notes.append(
                    l.w("text.hotel-night-s", "\(it.hotelNights)") + " ("
                        + n.format(it.hotelCostCentsPerPerson.minEur, decimals: 0) + "–"
                        + n.format(it.hotelCostCentsPerPerson.maxEur, decimals: 0) + " €"
                        + l.w("text.person-estimate"))
                for item in it.legs where item.hotelNightsBefore > 0 {
                    notes.append(
                        l.w("text.night-in") + RoutesText.sleepingPlace(item.leg.from, answer.notes.network)
                            + (item.hotelReason.map { l.w("report.colon") + RoutesText.hotelReason($0, l) } ?? ""))
                }
            }
            if it.waitMinutes > 0 { notes.append(l.w("text.waits") + RoutesText.duration(it.waitMinutes, l)) }
            if it.nightsOnBoard > 0 {
                notes.append(l.w("text.night-s-on-board", "\(it.nightsOnBoard)"))
            }
            if it.legsWithoutFare > 0 {
                notes.append(l.w("text.leg-s-without-a-known-fare", "\(it.legsWithoutFare)"))
            }
            let advice = RoutesText.adviceLines(it, answer.notes, l).map(AdviceLine.init)
            let cost = it.costCentsPerPerson
            options.append(
                Option(
                    number: i + 1, anchor: "\(direction)-\(i + 1)", marks: marks,
                    roles: Self.nonEmpty(result.roles(of: it).map { RoutesText.roleName($0, l) }.joined(separator: ", ")),
                    co2ePerPerson: n.format(it.co2eKgPerPerson, decimals: 0) + " kg",
                    co2eWithoutNonCO2: n.format(it.footprint.perPerson.totalWithoutNonCO2Kg, decimals: 0) + " kg",
                    groupTonnes: n.format(it.footprint.group.totalKg / 1000, decimals: 2) + " t",
                    leaveAt: RoutesText.leaveAt(it, from: day ?? answer.departureDay, l),
                    doorToDoor: RoutesText.duration(it.durationMinutes, l), nights: it.nightsEnRoute,
                    cost: n.format(cost.minEur, decimals: 0) + "–" + n.format(cost.maxEur, decimals: 0) + " €"
                        + (it.legsWithoutFare > 0 ? "+" : ""),
                    changes: it.changes, chain: RoutesText.chain(it, l), tradeOffs: tradeOffs, notes: notes,
                    advice: advice, hasAdvice: !advice.isEmpty, legs: legs(it, answer.notes, l),
                    adviceClass: adviceMark == "!!" ? "advice-against" : adviceMark == "!" ? "advice-vigilance" : ""))
        }
        return Section(
            title: title, direction: direction, isOutbound: direction == "outbound",
            summary: l.w("text.non-dominated-option-s-shown", "\(result.optionCount)", "\(result.itineraries.count)"),
            options: options, chart: ChartView(result, l), map: MapView(result, network: answer.notes.network, basemap: basemap, l))
    }

    /// Mustache renders a section for any string, even an empty one: nil hides it.
    static func nonEmpty(_ text: String) -> String? { text.isEmpty ? nil : text }

    static func legs(_ it: Itinerary, _ notes: RouteNotes, _ l: Localizer) -> [Leg] {
        let n = l.numbers
        let firstDay = it.departure.localDay.daysSinceEpoch
        func stamp(_ t: TripTime) -> String { l.w("text.d-2") + "\(t.localDay.daysSinceEpoch - firstDay + 1) \(t.localTime)" }
        func name(_ id: PlaceID) -> String { RoutesText.sleepingPlace(id, notes.network) }
        return it.legs.map { item in
            let leg = item.leg
            let flags = RoutesText.legFlags(item, notes, l)
            let stale = notes.isStale(leg)
            let fare =
                leg.fare.map { n.format($0.minEur, decimals: 0) + "–" + n.format($0.maxEur, decimals: 0) + " €" }
                ?? l.w("text.fare-unknown")
            return Leg(
                departure: stamp(item.departure), arrival: stamp(item.arrival), mode: l.mode(leg.mode),
                modeClass: MapView.modeClass(leg.mode), legID: leg.id.rawValue, operatorName: Self.nonEmpty(leg.operatorName),
                from: name(leg.from), to: name(leg.to), distance: n.km(leg.distanceKm),
                co2ePerPerson: n.kg(item.footprint.perPerson.totalKg), fare: fare, flags: flags,
                advice: notes.advice(leg).filter { $0.level >= .increasedVigilance }.map {
                    l.advice($0) + " — " + l.t($0.summaryFR, $0.summaryEN)
                },
                rule: leg.id.rawValue.hasPrefix("SNCB:") ? Self.nonEmpty(leg.notes) : nil,
                source: leg.source + (leg.checkedOn.map { l.w("text.checked-2") + $0.description } ?? ""),
                approximate: stale,
                hotelNight: item.hotelNightsBefore > 0
                    ? l.w("text.night-s-in-a-hotel-in", "\(item.hotelNightsBefore)")
                        + name(leg.from) + (item.hotelReason.map { " — " + RoutesText.hotelReason($0, l) } ?? "") : nil,
                wait: item.waitMinutesBefore > 0
                    ? l.w("text.wait-at", "\(RoutesText.duration(item.waitMinutesBefore, l))") + name(leg.from) : nil)
        }
    }
}

/// CO2e per person against door-to-door time, one numbered point per option (inline SVG, drawn by the template).
struct ChartView: Sendable {
    struct Point: Sendable {
        var number: Int
        var x: String
        var y: String
        var labelX: String
        var label: String
        var anchor: String
        var textAnchor: String
    }
    struct Tick: Sendable {
        var position: String
        var label: String
        var anchor = "middle"
    }
    var points: [Point]
    var xTicks: [Tick]
    var yTicks: [Tick]
    var xTitle: String
    var yTitle: String
    var title: String

    static let width = 480.0
    static let height = 260.0
    static let left = 56.0
    static let right = 16.0
    static let top = 14.0
    static let bottom = 40.0

    init(_ result: RouteSearchResult, _ l: Localizer) {
        let hours = result.itineraries.map { Double($0.durationMinutes) / 60 }
        let kgs = result.itineraries.map(\.co2eKgPerPerson)
        let hourStep = Self.niceStep((hours.max() ?? 1) / 4)
        let kgStep = Self.niceStep((kgs.max() ?? 1) / 4)
        let maxHours = max(1, ((hours.max() ?? 1) / hourStep).rounded(.up)) * hourStep
        let maxKg = max(1, ((kgs.max() ?? 1) / kgStep).rounded(.up)) * kgStep
        let plotWidth = Self.width - Self.left - Self.right
        let plotHeight = Self.height - Self.top - Self.bottom
        func x(_ h: Double) -> Double { Self.left + h / maxHours * plotWidth }
        func y(_ kg: Double) -> Double { Self.top + plotHeight - kg / maxKg * plotHeight }
        let n = l.numbers
        var placed: [(x: Double, y: Double)] = []
        points = result.itineraries.enumerated().map { i, it in
            let px = x(hours[i])
            let py = y(kgs[i])
            // A point close to one already labelled gets its number on the other side (1 and 2 a few px apart).
            let crowded = placed.contains { abs($0.x - px) < 14 && abs($0.y - py) < 10 }
            placed.append((px, py))
            return Point(
                number: i + 1, x: Self.f(px), y: Self.f(py), labelX: Self.f(crowded ? px - 7 : px + 7), label: "\(i + 1)",
                anchor: "\(i + 1): " + n.format(kgs[i], decimals: 0) + " kg, " + RoutesText.duration(it.durationMinutes, l),
                textAnchor: crowded ? "end" : "start")
        }
        xTicks = stride(from: 0.0, through: maxHours + hourStep / 2, by: hourStep).map { h in
            Tick(position: Self.f(x(h)), label: n.format(h, decimals: h == h.rounded() ? 0 : 1) + " h")
        }
        if !xTicks.isEmpty { xTicks[xTicks.count - 1].anchor = "end" }
        yTicks = stride(from: 0.0, through: maxKg + kgStep / 2, by: kgStep).map { kg in
            Tick(position: Self.f(y(kg)), label: n.format(kg, decimals: kg == kg.rounded() ? 0 : 1))
        }
        xTitle = l.w("web.door-to-door-hours")
        yTitle = l.w("web.kg-co2e-per-person")
        title = l.w("web.co2e-per-person-against-door-to")
    }

    /// 1, 2 or 5 × a power of ten at or above `value`: a tick step with round labels (at most about 5 ticks).
    static func niceStep(_ value: Double) -> Double {
        guard value > 0 else { return 1 }
        let power = pow(10, floor(log10(value)))
        for step in [1.0, 2, 5, 10] where step * power >= value { return step * power }
        return 10 * power
    }

    static func f(_ value: Double) -> String { String(format: "%.1f", value) }
}
