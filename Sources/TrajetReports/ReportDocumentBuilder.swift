import TrajetCore

extension ReportDocument {
    /// Lays the report out in `language`, section by section as reference/reporting.md §1 proposes.
    public init(_ report: AnnualReport, language: Language) {
        let x = ReportText(language)
        self.language = language
        self.title = x.w("report.travel-environmental-report", "\(report.year)")
        self.subtitle = x.scopeName(report.scope) + " · " + x.w("report.generated-on") + report.generatedAt
            + x.w("report.by-trajet")
        // Findings first (what a board reads), then the totals, then how they were made; per-trip tables and the
        // factor rows go to the annexes.
        var blocks: [Block] = []
        blocks += Self.summary(report, x)
        blocks += Self.aggregates(report, x)
        blocks += Self.trend(report, x)
        blocks += Self.scenarios(report, x)
        blocks += Self.funding(report, x)
        blocks += Self.quality(report, x)
        blocks += Self.scope(report, x)
        blocks += Self.tripTables(report, x)
        blocks += Self.annexes(report, x)
        self.blocks = blocks
    }

    /// Above this many trips a per-trip table shows the `summarisedRows` largest and points to the CSV: a
    /// network year of 2 000 trips must print to a document a board reads.
    public static let fullTripListMaximum = 40
    public static let summarisedRows = 25

    /// The indices of the rows a per-trip table shows: all of them on a small year, else the largest by CO2e.
    static func shownTrips(_ trips: [TripLine]) -> [Int] {
        guard trips.count > fullTripListMaximum else { return Array(trips.indices) }
        var top: [Int] = []
        for index in trips.indices {
            let beats = { (a: Int, b: Int) in
                trips[a].co2eKg > trips[b].co2eKg || (trips[a].co2eKg == trips[b].co2eKg && trips[a].planId < trips[b].planId)
            }
            guard top.count < summarisedRows || beats(index, top[top.count - 1]) else { continue }
            top.append(index)
            top.sort(by: beats)
            if top.count > summarisedRows { top.removeLast() }
        }
        return top
    }

    static func nonCO2Treatment(_ report: AnnualReport, _ x: ReportText) -> String {
        let sets = report.method.factorSets.filter(\.loaded)
        guard !sets.isEmpty else { return x.w("report.no-trip-counted") }
        return sets.map { set in
            let multiplier = set.nonCO2Multiplier.map { "×" + x.number($0, decimals: 1) } ?? "–"
            return set.id + x.w("report.colon") + nonCO2Method(set.nonCO2Method, multiplier: multiplier, x)
        }.joined(separator: "; ")
    }

    static func nonCO2Method(_ method: String, multiplier: String, _ x: ReportText) -> String {
        switch method {
        case "published_rf_rows":
            x.w("report.on-flight-co2-published-with-radiative", "\(multiplier)")
        case "contrails_term", "contrails_doubling":
            x.w("report.on-flight-combustion-ademe-s-contrails", "\(multiplier)")
        default: multiplier
        }
    }

    // MARK: - Summary

    static func summary(_ report: AnnualReport, _ x: ReportText) -> [Block] {
        let s = report.summary
        var blocks: [Block] = [.heading(level: 2, text: x.w("report.key-findings"), id: "summary")]
        if s.trips == 0 {
            var spans = [
                Span(
                    x.w("report.no-booked-or-travelled-trip-departs", "\(report.year)"),
                    strong: true)
            ]
            if s.plannedTrips > 0 {
                spans.append(
                    Span(" " + x.w("report.planned-trips-listed-apart") + x.integer(s.plannedTrips) + "."))
            }
            blocks.append(.note(spans))
        }
        let previousYear = report.year - 1
        let change: String
        if let percent = s.changeVsPreviousYearPercent, let previous = s.previousYearCo2eKg {
            change = x.w("report.vs", "\(previousYear)") + x.tonnes(previous) + ", "
                + x.count(s.previousYearTrips, "voyage", "voyages", "trip", "trips")
                + (abs(percent) > 200 ? x.w("report.small-base-compare-with-care") : "")
        } else {
            change = x.w("report.no-data-for", "\(previousYear)")
        }
        var perTravellerDetail = x.w("report.per-day-on-site")
            + (s.co2eKgPerTravellerDay.map { x.kg($0, decimals: 1) } ?? "–")
        if let percent = s.changePerTravellerVsPreviousYearPercent, let before = s.previousYearCo2eKgPerTraveller {
            perTravellerDetail += x.w("report.text-2", "\(previousYear)") + x.kg(before) + " (" + x.signedPercent(percent) + ")"
        }
        if let network = report.network, let average = network.co2eKgPerTraveller {
            perTravellerDetail += x.w("report.network-average") + x.kg(average)
        }
        var range = x.w("report.headline-figure")
        if let u = report.uncertainty, u.co2eKgHigh > u.co2eKgLow {
            range = x.w("report.range-across-factor-sets") + x.tonnes(u.co2eKgLow) + " – " + x.tonnes(u.co2eKgHigh)
        }
        blocks.append(
            .keyFigures([
                KeyFigure(
                    label: x.w("report.total-with-non-co2-effects"), value: x.tonnes(s.co2eKg) + " CO2e",
                    detail: range),
                KeyFigure(
                    label: x.w("report.co2-only-without-non-co2-effects"),
                    value: x.tonnes(s.co2eKgWithoutNonCO2) + " CO2e", detail: nonCO2Treatment(report, x)),
                KeyFigure(label: x.w("report.change-in-the-total"), value: s.changeVsPreviousYearPercent.map(x.signedPercent) ?? "–", detail: change),
                KeyFigure(
                    label: x.w("report.per-traveller"), value: s.co2eKgPerTraveller.map { x.kg($0) } ?? "–",
                    detail: perTravellerDetail),
                KeyFigure(
                    label: x.w("report.trips-and-travellers"),
                    value: "\(x.integer(s.trips)) · \(x.integer(s.travellers))",
                    detail: x.w("report.young-people-leaders", "\(x.integer(s.participants))", "\(x.integer(s.leaders))")),
                KeyFigure(
                    label: x.w("report.low-carbon-trips"), value: x.percent(s.lowCarbonTripShare, decimals: 0),
                    detail: x.w("report.no-flight-and-more-than-half")),
            ]))
        var bullets: [[Span]] = []
        if let mode = report.findings.largestMode {
            bullets.append([
                Span(x.w("report.what-weighs"), strong: true),
                Span(
                    x.w("report.makes", "\(x.mode(mode.mode))", "\(x.mode(mode.mode).capitalisedFirst)")
                        + x.percent(mode.co2eShare, decimals: 0) + x.w("report.of-the-co2e-for")
                        + x.percent(mode.passengerKmShare, decimals: 0) + x.w("report.of-the-passenger-km")),
            ])
        }
        if report.scenarios == nil {
            bullets.append([
                Span(x.w("report.biggest-lever"), strong: true),
                Span(x.w("report.not-computed-report-made-with-no")),
            ])
        } else if let lever = report.findings.biggestLever {
            bullets.append([
                Span(x.w("report.biggest-lever"), strong: true),
                Span(
                    x.w("report.taking-the-lowest-carbon-option-the")
                        + (lever.trips == 1
                            ? x.w("report.the-trip-with") : x.w("report.the-trips-with", "\(lever.trips)"))
                        + lever.partnerName + ", " + x.country(lever.countryCode) + ","
                        + x.w("report.would-have-saved") + x.tonnes(lever.savedKg)
                        + " (" + x.percent(lever.shareOfTotal, decimals: 0) + x.w("report.of-the-total-a-scenario-not")),
            ])
        } else {
            bullets.append([
                Span(x.w("report.biggest-lever"), strong: true),
                Span(x.w("report.the-planner-found-no-option-with")),
            ])
        }
        let biggest = s.biggestTrips.compactMap { id in report.trips.first { $0.planId == id } }
        if !biggest.isEmpty {
            bullets.append(
                [Span(biggest.count == 1 ? x.w("report.the-largest-trip") : x.w("report.the-largest-trips"), strong: true)]
                    + [Span(biggest.map { "\($0.name) (\(x.tonnes($0.co2eKg)), \(x.percent(s.co2eKg > 0 ? $0.co2eKg / s.co2eKg : nil, decimals: 0)))" }.joined(separator: x.w("report.text-3")))])
        }
        if s.plannedTrips > 0 {
            bullets.append([
                Span(x.w("report.planned-trips-not-in-the-total"), strong: true),
                Span(x.integer(s.plannedTrips) + " (" + x.tonnes(s.plannedCo2eKg) + x.w("report.if-they-go-ahead-as-planned")),
            ])
        }
        let sets = report.method.factorSets.map(\.id).joined(separator: ", ")
        let setsUsed = sets.isEmpty ? "" : " (" + sets + ")"
        bullets.append([
            Span(x.w("report.method-in-one-sentence"), strong: true),
            Span(
                x.w("report.each-leg-s-distance-a-published", "\(setsUsed)")),
        ])
        blocks.append(.bullets(bullets))
        if !report.byMode.isEmpty {
            blocks.append(
                .chart(
                    Chart(
                        kind: .pairedShares, title: x.w("report.by-mode-share-of-passenger-km"),
                        seriesNames: [x.w("report.share-of-passenger-km"), x.w("report.share-of-co2e")],
                        items: report.byMode.map {
                            ChartItem(label: x.modeKey($0.key), values: [$0.passengerKmShare, $0.co2eShare], valueLabels: [x.percent($0.passengerKmShare, decimals: 0), x.percent($0.co2eShare, decimals: 0)])
                        }, unit: "%")))
        }
        blocks.append(.note(nonCO2Box(report, x)))
        return blocks
    }

    /// What non-CO2 effects are, in plain words, and why the headline includes them (reference/emission-factors.md §7).
    static func nonCO2Box(_ report: AnnualReport, _ x: ReportText) -> [Span] {
        [
            Span(x.w("report.aviation-s-non-co2-effects"), strong: true),
            Span(
                x.w("report.at-altitude-a-plane-emits-more")
                    + nonCO2Treatment(report, x) + "."),
        ]
    }

    // MARK: - Scope and method

    static func scope(_ report: AnnualReport, _ x: ReportText) -> [Block] {
        let m = report.method
        var bullets: [[Span]] = [
            [
                Span(x.w("report.scope"), strong: true),
                Span(
                    x.scopeName(report.scope)
                        + x.w("report.group-trips-stored-in-trajet-whose", "\(report.year)")),
            ],
            [
                Span(x.w("report.trips-counted"), strong: true),
                Span(
                    m.countedStatuses.map(x.status).joined(separator: ", ")
                        + x.w("report.planned-trips-are-listed-apart-and")
                        + m.excludedStatuses.map(x.status).joined(separator: ", ")
                        + x.w("report.left-out") + x.count(m.excludedPlans, "plan", "plans", "plan", "plans") + x.w("report.this-year")),
            ],
            [
                Span(x.w("report.legs-covered"), strong: true),
                Span(
                    x.w("report.every-stored-leg-from-the-place")),
            ],
            [
                Span(x.w("report.categories"), strong: true),
                Span(
                    x.w("report.young-participants-and-group-leaders-belgian")),
            ],
            [
                Span(x.w("report.classification"), strong: true),
                Span(
                    x.w("report.ghg-protocol-scope-3-category-6")),
            ],
            [
                Span(x.w("report.distances"), strong: true),
                Span(
                    x.w("report.flights-great-circle-between-airports-uplift")),
            ],
            [
                Span(x.w("report.aviation-s-non-co2-effects-2"), strong: true),
                Span(nonCO2Treatment(report, x) + x.w("report.the-headline-total-includes-them-the")),
            ],
            [
                Span(x.w("report.estimates"), strong: true),
                Span(
                    x.w("report.every-distance-fare-or-factor-flagged")),
            ],
        ]
        bullets.append([
            Span(x.w("report.low-carbon-trip"), strong: true),
            Span(
                x.w("report.no-flight-leg-and-more-than")),
        ])
        bullets.append([
            Span(x.w("report.erasmus-green-travel"), strong: true),
            Span(
                x.w("report.the-programme-guide-defines-it-as")),
        ])
        bullets.append([
            Span(x.w("report.uncertainty"), strong: true),
            Span(
                x.w("report.the-total-s-range-prices-the")),
        ])
        if let hub = m.hubFactorKgPerPassenger {
            bullets.append([
                Span(x.w("report.airports"), strong: true),
                Span(x.kg(hub, decimals: 2) + x.w("report.co2e-per-passenger-per-airport")
                    + (m.hubFactorSource.map { $0.isEmpty ? "" : " (" + $0 + ")" } ?? "")),
            ])
        }
        var blocks: [Block] = [.heading(level: 2, text: x.w("report.scope-and-method"), id: "method"), .bullets(bullets)]
        let sets = m.factorSets
        blocks.append(
            .table(
                Table(
                    caption: x.w("report.factor-sets-used-and-the-publications"),
                    header: [
                        x.w("report.set"), x.w("report.publication-publisher-date-address"),
                        x.w("report.non-co2-effects"), x.w("report.upstream-wtt"), x.w("report.trips"),
                    ], numeric: [4], rowCount: sets.count,
                    row: { index in
                        let set = sets[index]
                        return [
                            set.loaded
                                ? set.id + " — " + x.factorSetTitle(set.id, fallback: set.name)
                                : set.id + x.w("report.not-in-the-datasets-figures-as"),
                            x.factorSetPublication(set.id) ?? ([set.publisher, set.year.map(String.init) ?? ""].filter { !$0.isEmpty }.joined(separator: ", ")),
                            set.nonCO2Multiplier.map { nonCO2Method(set.nonCO2Method, multiplier: "×" + x.number($0, decimals: 1), x) } ?? "–",
                            set.wttPublished.map { $0 ? x.w("report.published-apart") : x.w("report.included-or-not-published") } ?? "–",
                            x.integer(set.trips),
                        ]
                    }, emptyText: x.w("report.no-trip-counted-2"))))
        return blocks
    }

    // MARK: - Trips

    static func tripHeader(_ x: ReportText) -> [String] {
        [
            x.w("report.departure"), x.w("report.trip"), x.w("report.partner"), x.w("report.direction"),
            x.w("report.status"), x.w("report.youth-leaders"), x.w("report.days-on-site"),
            x.w("report.main-mode"), x.w("report.passenger-km"), x.w("report.t-co2e"),
            x.w("report.t-co2-only"), x.w("report.kg-traveller"), x.w("report.kg-traveller-day"),
            x.w("report.low-carbon-why"),
        ]
    }

    /// Why a trip is, or is not, low-carbon, in a few words.
    static func lowCarbonWhy(_ trip: TripLine, _ x: ReportText) -> String {
        switch trip.lowCarbonReason {
        case .noFlightMostlyLowEmission: x.w("report.yes-no-flight")
        case .flightLeg:
            x.w("report.no-flights") + x.percent(trip.flightCo2eShare, decimals: 0) + x.w("report.of-the-co2e")
        case .mostlyCarOrTaxi: x.w("report.no-mostly-taxi-or-car")
        case .noLegs: x.w("report.no-no-leg")
        }
    }

    static func greenWhy(_ funding: TripFunding, _ x: ReportText) -> String {
        switch funding.greenTravelReason {
        case .lowEmissionMainPart: x.w("report.yes-no-flight-mostly-train-coach")
        case .flightLeg: x.w("report.no-a-leg-by-plane")
        case .mainPartNotLowEmission: x.w("report.no-mostly-taxi-or-car")
        case .noLegs: x.w("report.no-no-leg")
        }
    }

    static func tripRow(_ trip: TripLine, _ x: ReportText) -> [String] {
        [
            trip.departDate, trip.name + (trip.estimatedLegs > 0 ? " *" : ""), trip.partnerName,
            x.directionShort(trip.direction), x.status(trip.status), "\(trip.participants) + \(trip.leaders)",
            trip.daysOnSite.map(x.integer) ?? "–", x.mode(trip.mainMode), x.number(trip.passengerKm),
            x.number(trip.co2eKg / 1000, decimals: 2), x.number(trip.co2eKgWithoutNonCO2 / 1000, decimals: 2),
            x.number(trip.co2eKgPerTraveller), trip.co2eKgPerTravellerDay.map { x.number($0, decimals: 1) } ?? "–",
            lowCarbonWhy(trip, x),
        ]
    }

    /// A per-trip table: every trip on a small year, the largest ones (and a pointer to the CSV) on a big one.
    /// `fullList`: where the reader finds every trip when the table is summarised.
    static func tripTable(_ trips: [TripLine], caption: String, empty: String, fullList: String, _ x: ReportText) -> [Block] {
        let shown = shownTrips(trips)
        var blocks: [Block] = []
        if shown.count < trips.count {
            blocks.append(
                .paragraph([
                    Span(
                        x.w("report.trips-only-the-largest-by-co2e", "\(x.integer(trips.count))", "\(shown.count)")
                            + fullList + ".")
                ]))
        }
        blocks.append(
            .table(
                Table(
                    caption: caption, header: tripHeader(x), numeric: [5, 6, 8, 9, 10, 11, 12], rowCount: shown.count,
                    row: { tripRow(trips[shown[$0]], x) }, emptyText: empty, noWrap: [0])))
        return blocks
    }

    static func tripTables(_ report: AnnualReport, _ x: ReportText) -> [Block] {
        [.heading(level: 2, text: x.w("report.annex-a-trips"), id: "trips")]
            + tripTable(
                report.trips,
                caption: x.w("report.trips-booked-or-travelled-in-at", "\(report.year)"),
                empty: x.w("report.no-trip-counted-this-year"),
                fullList: x.w("report.the-csv-export-leg-by-leg"), x)
            + [.heading(level: 3, text: x.w("report.planned-trips-not-in-the-totals"), id: "planned")]
            + tripTable(
                report.plannedTrips,
                caption: x.w("report.these-trips-are-not-booked-yet"),
                empty: x.w("report.no-planned-trip"),
                fullList: x.w("report.the-json-export-field-plannedtrips-trajet"), x)
    }

    // MARK: - Aggregates

    static func totalsTable(
        _ caption: String, _ first: String, _ rows: [ReportTotal], label: @escaping @Sendable (ReportTotal) -> String,
        _ x: ReportText
    ) -> Block {
        .table(
            Table(
                caption: caption,
                header: [
                    first, x.w("report.trips"), x.w("report.travellers"), x.w("report.passenger-km"),
                    x.w("report.share-of-pkm"), x.w("report.t-co2e"), x.w("report.t-co2-only"),
                    x.w("report.share-of-co2e-2"), x.w("report.kg-traveller"),
                ], numeric: [1, 2, 3, 4, 5, 6, 7, 8], rowCount: rows.count,
                row: { index in
                    let row = rows[index]
                    return [
                        label(row), x.integer(row.trips), x.integer(row.travellers), x.number(row.passengerKm),
                        x.percent(row.passengerKmShare), x.tonnesCell(row.co2eKg),
                        x.tonnesCell(row.co2eKgWithoutNonCO2), x.percent(row.co2eShare),
                        // One decimal under 10 kg: a small figure does not print as 0.
                        row.travellers > 0
                            ? x.number(row.co2eKg / Double(row.travellers), decimals: row.co2eKg / Double(row.travellers) < 10 ? 1 : 0) : "–",
                    ]
                }, emptyText: x.w("report.nothing-to-total")))
    }

    static func aggregates(_ report: AnnualReport, _ x: ReportText) -> [Block] {
        var blocks: [Block] = [.heading(level: 2, text: x.w("report.totals"), id: "totals")]
        if report.scope.kind == .network {
            blocks.append(
                totalsTable(
                    x.w("report.by-organisation"), x.w("report.organisation"), report.byOrganisation,
                    label: { $0.name ?? $0.key }, x))
        } else if let network = report.network {
            let own = report.summary
            blocks.append(
                .paragraph([
                    Span(x.w("report.compared-with-the-network"), strong: true),
                    Span(
                        x.scopeName(report.scope) + x.w("report.colon") + (own.co2eKgPerTraveller.map { x.kg($0) } ?? "–")
                            + x.w("report.per-traveller-whole-network")
                            + x.count(network.trips, "voyage", "voyages", "trip", "trips") + ", "
                            + x.count(network.travellers, "voyageur·se", "voyageur·ses", "traveller", "travellers") + ", "
                            + x.tonnes(network.co2eKg) + x.w("report.text-4") + (network.co2eKgPerTraveller.map { x.kg($0) } ?? "–")
                            + x.w("report.per-traveller-the-absolute-total-remains")),
                ]))
        }
        blocks.append(
            totalsTable(x.w("report.by-partner"), x.w("report.partner"), report.byPartner, label: { $0.name ?? $0.key }, x))
        if !report.byPartnerCountry.isEmpty {
            blocks.append(
                .chart(
                    Chart(
                        kind: .bars, title: x.w("report.by-partner-country-t-co2e-hosted"), seriesNames: [],
                        items: report.byPartnerCountry.map { ChartItem(label: x.country($0.key), values: [$0.co2eKg / 1000], valueLabels: [x.tonnes($0.co2eKg)]) },
                        unit: "t")))
        }
        blocks.append(
            totalsTable(
                x.w("report.by-partner-country-groups-hosted-in"),
                x.w("report.country-2"), report.byPartnerCountry, label: { x.country($0.key) }, x))
        blocks.append(totalsTable(x.w("report.by-mode-a-trip-counts-under"), x.w("report.mode"), report.byMode, label: { x.modeKey($0.key) }, x))
        blocks.append(
            totalsTable(
                x.w("report.by-direction-both-are-counted-shown"), x.w("report.direction"), report.byDirection,
                label: { TripDirection(rawValue: $0.key).map(x.direction) ?? $0.key }, x))
        blocks.append(totalsTable(x.w("report.by-traveller-category-in-proportion-to"), x.w("report.category"), report.byCategory, label: { x.category($0.key) }, x))
        return blocks
    }

    // MARK: - Scenarios

    static func scenarios(_ report: AnnualReport, _ x: ReportText) -> [Block] {
        let heading = Block.heading(level: 2, text: x.w("report.scenarios-shown-apart-never-subtracted"), id: "scenarios")
        guard let sc = report.scenarios else {
            return [
                heading,
                .paragraph([
                    Span(x.w("report.scenarios-not-computed"), strong: true),
                    Span(
                        x.w("report.this-report-was-made-with-no")),
                ]),
            ]
        }
        let total = report.summary.co2eKg
        func line(_ name: String, _ scenario: ScenarioTotal) -> [Span] {
            let trips = scenario.tripsWithOption + scenario.tripsWithoutOption
            var found: String
            if scenario.tripsWithoutOption == 0 {
                found = trips == 1
                    ? x.w("report.option-found-for-the-only-trip")
                    : x.w("report.option-found-for-each-of-the", "\(x.integer(trips))")
            } else if scenario.tripsWithOption == 0 {
                found = x.w("report.no-option-found-every-trip-keeps")
            } else {
                found = x.w("report.option-found-for") + x.integer(scenario.tripsWithOption) + x.w("report.trips-out-of")
                    + x.integer(trips) + x.w("report.the") + x.integer(scenario.tripsWithoutOption)
                    + x.w("report.others-keep-their-own-figure")
            }
            return [
                Span(name + x.w("report.colon"), strong: true),
                Span(
                    x.tonnes(scenario.co2eKg) + x.w("report.inventory") + x.tonnes(total)
                        + x.w("report.scenario-difference") + (scenario.differenceKg >= 0 ? "+" : "−")
                        + x.tonnes(abs(scenario.differenceKg)) + "). " + found),
            ]
        }
        return [
            heading,
            .note([
                Span(
                    x.w("report.these-figures-are-scenarios-they-are"),
                    strong: false),
                Span(x.tonnes(total) + " CO2e", strong: true), Span("."),
            ]),
            .bullets([
                line(x.w("report.if-every-trip-had-flown"), sc.allFlight),
                line(x.w("report.if-every-trip-had-taken-its"), sc.lowestCarbon),
            ]),
            .paragraph([
                Span(
                    x.w("report.options-computed-by-trajet-s-planner")),
            ]),
        ]
    }

    // MARK: - Funding

    static func funding(_ report: AnnualReport, _ x: ReportText) -> [Block] {
        let trips = report.trips
        let shown = shownTrips(trips)
        var eligibleGroupEur = 0
        var notEligible = 0
        var unknownEligibility = 0
        var unconfirmed = false
        for trip in trips {
            eligibleGroupEur += trip.funding.eurGroup ?? 0
            if trip.funding.eurGroup != nil, trip.funding.bandUnconfirmed { unconfirmed = true }
            switch trip.funding.youthExchangeEligible {
            case false?: notEligible += 1
            case nil: unknownEligibility += 1
            default: break
            }
        }
        var summary: [[Span]] = [
            [
                Span(x.w("report.indicative-amount-eligible-countries-only"), strong: true),
                Span(
                    x.eur(eligibleGroupEur)
                        + (unconfirmed
                            ? x.w("report.unconfirmed-the-national-agency-decides")
                            : x.w("report.the-national-agency-decides")))
            ]
        ]
        if notEligible > 0 {
            summary.append([
                Span(x.w("report.not-eligible"), strong: true),
                Span(
                    x.count(notEligible, "voyage", "voyages", "trip", "trips")
                        + x.w("report.with-a-partner-country-not-eligible")),
            ])
        }
        if unknownEligibility > 0 {
            summary.append([
                Span(x.w("report.eligibility-unknown"), strong: true),
                Span(x.count(unknownEligibility, "voyage", "voyages", "trip", "trips") + x.w("report.country-not-in-the-countries-file")),
            ])
        }
        var blocks: [Block] = [
            .heading(level: 2, text: x.w("report.erasmus-funding-distance-bands-and-green"), id: "funding"),
            .paragraph([
                Span(
                    x.w("report.band-chosen-by-the-straight-line")),
            ]),
            .bullets(summary),
        ]
        if shown.count < trips.count {
            blocks.append(
                .paragraph([
                    Span(x.w("report.the-largest-trips-by-co2e-the", "\(shown.count)"))
                ]))
        }
        blocks.append(
            .table(
                Table(
                    caption: x.w("report.per-trip-amount-unconfirmed-for-this"),
                    header: [
                        x.w("report.trip"), x.w("report.erasmus-distance"), x.w("report.band"), x.w("report.green-travel-why"),
                        x.w("report.participant"), x.w("report.group"), x.w("report.travel-days-funded-max"),
                        x.w("report.ka152-eligible-country"),
                    ], numeric: [1, 4, 5, 6], rowCount: shown.count,
                    row: { index in
                        let trip = trips[shown[index]]
                        let f = trip.funding
                        let notEligible = f.youthExchangeEligible == false
                        func amount(_ value: Int?) -> String {
                            if notEligible { return x.w("report.not-eligible-2") }
                            return (value.map(x.eur) ?? "–") + (f.bandUnconfirmed && value != nil ? " †" : "")
                        }
                        return [
                            trip.name, x.km(f.straightLineKm), f.band ?? x.w("report.no-band"), greenWhy(f, x),
                            amount(f.eurPerParticipant), amount(f.eurGroup),
                            "\(f.travelDays) (\(f.fundedTravelDaysMax))",
                            (f.youthExchangeEligible.map(x.yesNo) ?? "–")
                                + (f.eligibilityUnconfirmed ? x.w("report.unconfirmed") : ""),
                        ]
                    }, emptyText: x.w("report.no-trip-counted-2"))))
        blocks.append(totalsTable(x.w("report.by-erasmus-band"), x.w("report.band"), report.byFundingBand, label: { $0.key == "–" ? x.w("report.no-band") : $0.key }, x))
        return blocks
    }

    // MARK: - Data quality

    static func quality(_ report: AnnualReport, _ x: ReportText) -> [Block] {
        let q = report.dataQuality
        func share(_ count: Int) -> String {
            guard q.legs > 0 else { return x.w("report.no-leg-counted") }
            return x.w("report.of", "\(x.integer(count))", "\(x.integer(q.legs))")
                + x.percent(Double(count) / Double(q.legs)) + ")"
        }
        var bullets: [[Span]] = [
            [Span(x.w("report.legs-with-an-estimated-distance"), strong: true), Span(share(q.legsWithEstimatedDistance))],
            [Span(x.w("report.legs-with-an-estimated-or-proxy"), strong: true),
             Span(share(q.legsWithEstimatedFactor) + (q.co2eShareFromEstimatedFactors.map { x.w("report.i-e") + x.percent($0) + x.w("report.of-the-co2e") } ?? ""))],
            [Span(x.w("report.legs-with-an-estimated-fare"), strong: true), Span(share(q.legsWithEstimatedFare) + x.w("report.without-a-fare") + x.integer(q.legsWithoutFare))],
            [Span(x.w("report.unconfirmed-services"), strong: true), Span(share(q.legsWithUnconfirmedService))],
            [Span(x.w("report.trips-travelled-booked"), strong: true),
             Span(
                q.travelledTrips + q.bookedTrips == 0
                    ? x.w("report.no-trip-counted")
                    : "\(x.integer(q.travelledTrips)) / \(x.integer(q.bookedTrips))" + x.w("report.booked-trips-are-counted-as-planned"))],
            [Span(x.w("report.share-computed-from-monetary-ratios"), strong: true), Span(x.w("report.none"))],
        ]
        if let u = report.uncertainty {
            let alternatives = u.alternatives.map { $0.factorSetId + x.w("report.colon") + x.tonnes($0.co2eKg) }
            bullets.append([
                Span(x.w("report.range-across-factor-sets-2"), strong: true),
                Span(
                    x.tonnes(u.co2eKgLow) + " – " + x.tonnes(u.co2eKgHigh)
                        + (alternatives.isEmpty
                            ? x.w("report.only-one-factor-set-loaded")
                            : x.w("report.headline") + x.tonnes(report.summary.co2eKg) + x.w("report.same-legs-with")
                                + alternatives.joined(separator: x.w("report.text-3")) + x.w("report.an-order-of-magnitude-see-the"))),
            ])
        }
        return [.heading(level: 2, text: x.w("report.data-quality-and-uncertainty"), id: "quality"), .bullets(bullets)]
    }

    // MARK: - Trend

    static func trend(_ report: AnnualReport, _ x: ReportText) -> [Block] {
        let years = report.trend
        let noData = x.w("report.no-data")
        return [
            .heading(level: 2, text: x.w("report.trend"), id: "trend"),
            .chart(
                Chart(
                    kind: .trend, title: x.w("report.t-co2e-per-year-with-non"),
                    seriesNames: [x.w("report.with-non-co2-effects"), x.w("report.co2-only")],
                    items: years.map { year in
                        guard let kg = year.co2eKg else { return ChartItem(label: String(year.year), values: [], valueLabels: [noData]) }
                        let without = year.co2eKgWithoutNonCO2 ?? kg
                        return ChartItem(label: String(year.year), values: [kg / 1000, without / 1000], valueLabels: [x.number(kg / 1000, decimals: 1), x.number(without / 1000, decimals: 1)])
                    },
                    unit: "t")),
            .table(
                Table(
                    caption: x.w("report.counted-trips-by-departure-year-the"),
                    header: [x.w("report.year"), x.w("report.trips"), x.w("report.travellers"), x.w("report.t-co2e"), x.w("report.t-co2-only"), x.w("report.kg-traveller")],
                    numeric: [1, 2, 3, 4, 5], rowCount: years.count,
                    row: { index in
                        let y = years[index]
                        guard let kg = y.co2eKg else { return [String(y.year), noData, "", "", "", ""] }
                        return [
                            String(y.year), x.integer(y.trips), x.integer(y.travellers), x.tonnesCell(kg), x.tonnesCell(y.co2eKgWithoutNonCO2 ?? kg),
                            y.co2eKgPerTraveller.map { x.number($0) } ?? "–",
                        ]
                    }, emptyText: "")),
        ]
    }

    // MARK: - Annexes

    /// The web addresses a source text cites.
    static func urls(in text: String) -> [String] {
        text.split(whereSeparator: { $0 == " " || $0 == ";" || $0 == "(" || $0 == ")" || $0 == "," })
            .filter { $0.hasPrefix("https://") || $0.hasPrefix("http://") }.map(String.init)
    }

    static func annexes(_ report: AnnualReport, _ x: ReportText) -> [Block] {
        let factors = report.factorAnnex
        let bands = report.travelSupportAnnex
        @Sendable func value(_ v: Double?) -> String { v.map { x.number($0, decimals: 5) } ?? "–" }
        let publications = report.method.factorSets.compactMap { set in
            x.factorSetPublication(set.id).map { [Span(set.id + x.w("report.colon"), strong: true), Span($0)] }
        }
        var blocks: [Block] = [
            .heading(level: 2, text: x.w("report.annex-b-emission-factors-used"), id: "annex-factors"),
        ]
        if !publications.isEmpty {
            blocks.append(.paragraph([Span(x.w("report.original-publications-file-and-line-point"))]))
            blocks.append(.bullets(publications))
        }
        blocks.append(
            .table(
                Table(
                    caption: x.w("report.kg-co2e-per-unit-with-includes"),
                    header: [
                        x.w("report.set"), x.w("report.line"), x.w("report.mode"), x.w("report.variant-region-band"),
                        x.w("report.unit"), x.w("report.with"), x.w("report.without"), x.w("report.upstream"), x.w("report.flags"),
                        x.w("report.legs"),
                    ], numeric: [1, 5, 6, 7, 9], rowCount: factors.count,
                    row: { index in
                        let f = factors[index]
                        var flags: [String] = []
                        if f.proxy { flags.append("PROXY") }
                        if f.estimate { flags.append(x.w("cli.estimate")) }
                        if !f.found { flags.append(x.w("report.not-in-the-datasets")) }
                        return [
                            f.factorSetId, String(f.line), x.modeKey(f.mode),
                            [x.variant(f.variant), x.region(f.region), f.band ?? ""].filter { !$0.isEmpty }.joined(separator: ", "),
                            x.unit(f.unit), value(f.ttwKgPerUnit), value(f.ttwWithoutNonCO2KgPerUnit), value(f.wttKgPerUnit),
                            flags.joined(separator: ", "), x.integer(f.legs),
                        ]
                    }, emptyText: x.w("report.no-factor-used"))))
        blocks += [
            .heading(level: 2, text: x.w("report.annex-c-erasmus-table-used"), id: "annex-bands"),
            .table(
                Table(
                    caption: x.w("report.amount-per-participant-round-trip-funding"),
                    header: [x.w("report.band"), x.w("report.calls"), x.w("report.standard"), x.w("report.green"), x.w("report.flags"), x.w("report.source")],
                    numeric: [2, 3], rowCount: bands.count,
                    row: { index in
                        let b = bands[index]
                        return [
                            b.label, String(b.firstCallYear) + (b.lastCallYear.map { "–" + String($0) } ?? x.w("report.onwards")), x.eur(b.standardEur),
                            b.greenEur.map(x.eur) ?? "–", b.flags.isEmpty ? "" : x.w("report.unconfirmed-for-calls-after-2024"),
                            // The addresses only: the dataset's wording is English, the addresses read in any language.
                            "erasmus-plus-travel-bands.csv:\(b.line) " + urls(in: b.source).joined(separator: " "),
                        ]
                    }, emptyText: x.w("report.no-band-for-this-call-year"))),
        ]
        return blocks
    }
}
