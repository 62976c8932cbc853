import TrajetCore

extension ReportDocument {
    /// Lays the report out in `language`, section by section as reference/reporting.md §1 proposes.
    public init(_ report: AnnualReport, language: Language) {
        let x = ReportText(language)
        self.language = language
        self.title = x.t("Rapport environnemental des déplacements \(report.year)", "Travel environmental report \(report.year)")
        self.subtitle = x.scopeName(report.scope) + " · " + x.t("généré le ", "generated on ") + report.generatedAt
            + x.t(" par Trajet", " by Trajet")
        var blocks: [Block] = []
        blocks += Self.summary(report, x)
        blocks += Self.scope(report, x)
        blocks += Self.tripTables(report, x)
        blocks += Self.aggregates(report, x)
        blocks += Self.scenarios(report, x)
        blocks += Self.funding(report, x)
        blocks += Self.quality(report, x)
        blocks += Self.trend(report, x)
        blocks += Self.annexes(report, x)
        self.blocks = blocks
    }

    static func nonCO2Treatment(_ report: AnnualReport, _ x: ReportText) -> String {
        let sets = report.method.factorSets.filter(\.loaded)
        guard !sets.isEmpty else { return x.t("aucun voyage compté", "no trip counted") }
        return sets.map { set in
            let multiplier = set.nonCO2Multiplier.map { "×" + x.number($0, decimals: 1) } ?? "–"
            let how: String =
                switch set.nonCO2Method {
                case "published_rf_rows":
                    x.t(
                        "\(multiplier) sur le CO2 des vols (lignes « avec forçage radiatif » publiées)",
                        "\(multiplier) on flight CO2 (published 'with radiative forcing' rows)")
                case "contrails_doubling":
                    x.t("\(multiplier) sur la combustion (traînées, ADEME)", "\(multiplier) on combustion (contrails, ADEME)")
                default: multiplier + " (" + set.nonCO2Method + ")"
                }
            return "\(set.id): " + how
        }.joined(separator: "; ")
    }

    // MARK: - Summary

    static func summary(_ report: AnnualReport, _ x: ReportText) -> [Block] {
        let s = report.summary
        var blocks: [Block] = [.heading(level: 2, text: x.t("Résumé", "Summary"), id: "summary")]
        if s.trips == 0 {
            var spans = [
                Span(
                    x.t(
                        "Aucun voyage réservé ou effectué ne part en \(report.year) dans ce périmètre : le total est nul.",
                        "No booked or travelled trip departs in \(report.year) in this scope: the total is zero."),
                    strong: true)
            ]
            if s.plannedTrips > 0 {
                spans.append(
                    Span(x.t(" \(s.plannedTrips) voyage(s) prévu(s) sont listés à part.", " \(s.plannedTrips) planned trip(s) are listed apart.")))
            }
            blocks.append(.note(spans))
        }
        let change: String
        if let percent = s.changeVsPreviousYearPercent, let previous = s.previousYearCo2eKg {
            change = x.signedPercent(percent) + x.t(" par rapport à \(report.year - 1) (", " vs \(report.year - 1) (")
                + x.tonnes(previous) + ")"
        } else {
            change = x.t("pas de voyage compté en \(report.year - 1)", "no trip counted in \(report.year - 1)")
        }
        blocks.append(
            .keyFigures([
                KeyFigure(
                    label: x.t("Total avec effets hors CO2", "Total with non-CO2 effects"), value: x.tonnes(s.co2eKg) + " CO2e",
                    detail: x.t("chiffre de référence", "headline figure")),
                KeyFigure(
                    label: x.t("CO2 seul (sans effets hors CO2)", "CO2 only (without non-CO2 effects)"),
                    value: x.tonnes(s.co2eKgWithoutNonCO2) + " CO2e", detail: nonCO2Treatment(report, x)),
                KeyFigure(
                    label: x.t("Voyages et voyageur·ses", "Trips and travellers"),
                    value: "\(x.integer(s.trips)) · \(x.integer(s.travellers))",
                    detail: x.t("\(x.integer(s.participants)) jeunes, \(x.integer(s.leaders)) accompagnant·es",
                        "\(x.integer(s.participants)) young people, \(x.integer(s.leaders)) leaders")),
                KeyFigure(
                    label: x.t("Par voyageur·se", "Per traveller"), value: s.co2eKgPerTraveller.map { x.kg($0) } ?? "–",
                    detail: x.t("par jour sur place : ", "per day on site: ")
                        + (s.co2eKgPerTravellerDay.map { x.kg($0, decimals: 1) } ?? "–")),
                KeyFigure(
                    label: x.t("Voyages bas carbone", "Low-carbon trips"), value: x.percent(s.lowCarbonTripShare, decimals: 0),
                    detail: x.t("mode principal : train, car, bus, ferry…", "main mode: train, coach, bus, ferry…")),
                KeyFigure(label: x.t("Évolution", "Change"), value: s.changeVsPreviousYearPercent.map(x.signedPercent) ?? "–", detail: change),
            ]))
        var bullets: [[Span]] = []
        let biggest = s.biggestTrips.compactMap { id in report.trips.first { $0.planId == id } }
        if !biggest.isEmpty {
            bullets.append(
                [Span(x.t("Les trois plus gros voyages : ", "The three largest trips: "), strong: true)]
                    + [Span(biggest.map { "\($0.name) (\(x.tonnes($0.co2eKg)), \(x.percent(s.co2eKg > 0 ? $0.co2eKg / s.co2eKg : nil, decimals: 0)))" }.joined(separator: "; "))])
        }
        if s.plannedTrips > 0 {
            bullets.append([
                Span(x.t("Voyages prévus, hors total : ", "Planned trips, not in the total: "), strong: true),
                Span("\(s.plannedTrips) (" + x.tonnes(s.plannedCo2eKg) + x.t(" s'ils se font tels que prévus)", " if they go ahead as planned)")),
            ])
        }
        bullets.append([
            Span(x.t("Méthode en une phrase : ", "Method in one sentence: "), strong: true),
            Span(
                x.t(
                    "distance de chaque tronçon × facteur d'émission publié (\(report.method.factorSets.map(\.id).joined(separator: ", "))), pour tout le groupe, aller et retour ; les effets hors CO2 de l'aviation sont inclus dans le total et montrés à part.",
                    "each leg's distance × a published emission factor (\(report.method.factorSets.map(\.id).joined(separator: ", "))), for the whole group, both ways; aviation's non-CO2 effects are in the total and shown apart.")),
        ])
        blocks.append(.bullets(bullets))
        return blocks
    }

    // MARK: - Scope and method

    static func scope(_ report: AnnualReport, _ x: ReportText) -> [Block] {
        let m = report.method
        var bullets: [[Span]] = [
            [
                Span(x.t("Périmètre : ", "Scope: "), strong: true),
                Span(
                    x.scopeName(report.scope)
                        + x.t(
                            ". Voyages de groupe enregistrés dans Trajet dont la date de départ tombe en \(report.year).",
                            ". Group trips stored in Trajet whose departure date falls in \(report.year).")),
            ],
            [
                Span(x.t("Voyages comptés : ", "Trips counted: "), strong: true),
                Span(
                    m.countedStatuses.map(x.status).joined(separator: ", ")
                        + x.t(". Les voyages « prévu » sont listés à part et jamais additionnés ; ", ". 'Planned' trips are listed apart and never added; ")
                        + m.excludedStatuses.map(x.status).joined(separator: ", ")
                        + x.t(" : exclus (\(m.excludedPlans) plan(s) cette année).", ": left out (\(m.excludedPlans) plan(s) this year).")),
            ],
            [
                Span(x.t("Tronçons couverts : ", "Legs covered: "), strong: true),
                Span(
                    x.t(
                        "tous les tronçons enregistrés du lieu de départ au lieu d'accueil et retour (trains d'accès, vols, cars, ferries, transferts routiers). Non couverts : déplacements locaux pendant le séjour, visites préparatoires non enregistrées comme plans.",
                        "every stored leg from the place of departure to the venue and back (access trains, flights, coaches, ferries, road transfers). Not covered: local travel during the stay, preparatory visits not stored as plans.")),
            ],
            [
                Span(x.t("Catégories : ", "Categories: "), strong: true),
                Span(
                    x.t(
                        "jeunes participant·es et accompagnant·es ; groupes belges au départ et groupes partenaires accueillis en Belgique (réciprocité), comptés tous les deux et montrés séparément.",
                        "young participants and group leaders; Belgian groups going out and partner groups hosted in Belgium (reciprocity), both counted and shown apart.")),
            ],
            [
                Span(x.t("Classification : ", "Classification: "), strong: true),
                Span(
                    x.t(
                        "GHG Protocol scope 3 catégorie 6 (déplacements) ; Bilan Carbone® poste « Déplacements » (bénéficiaires / bénévoles) ; ISO 14064-1 catégorie 3 (transport).",
                        "GHG Protocol scope 3 category 6 (business travel); Bilan Carbone® 'Déplacements' (beneficiaries / volunteers); ISO 14064-1 category 3 (transportation).")),
            ],
            [
                Span(x.t("Distances : ", "Distances: "), strong: true),
                Span(
                    x.t(
                        "vols : orthodromie entre aéroports (majoration selon le jeu de facteurs) ; train, car, ferry : distance de parcours publiée, sinon orthodromie × facteur de détour (ESTIMATION). La distance Erasmus+ (ligne droite, aller simple, ville à ville) sert uniquement au barème de subvention.",
                        "flights: great circle between airports (uplift as the factor set says); rail, coach, ferry: published route distance, else great circle × a detour factor (ESTIMATE). The Erasmus+ distance (straight line, one way, town to town) is used only for the grant band.")),
            ],
            [
                Span(x.t("Effets hors CO2 de l'aviation : ", "Aviation's non-CO2 effects: "), strong: true),
                Span(nonCO2Treatment(report, x) + x.t(". Le total de référence les inclut ; le chiffre « CO2 seul » les retire.", ". The headline total includes them; the 'CO2 only' figure leaves them out.")),
            ],
            [
                Span(x.t("Estimations : ", "Estimates: "), strong: true),
                Span(
                    x.t(
                        "toute distance, tarif ou facteur marqué ESTIMATION ou PROXY dans les données est compté dans la section « Qualité des données » ; les barèmes non confirmés sont marqués NON CONFIRMÉ.",
                        "every distance, fare or factor flagged ESTIMATE or PROXY in the datasets is counted in 'Data quality'; unconfirmed rates are marked UNCONFIRMED.")),
            ],
        ]
        if let hub = m.hubFactorKgPerPassenger {
            bullets.append([
                Span(x.t("Aéroports : ", "Airports: "), strong: true),
                Span(x.kg(hub, decimals: 2) + x.t(" CO2e par passager et par aéroport (", " CO2e per passenger per airport (") + (m.hubFactorSource ?? "") + ")"),
            ])
        }
        var blocks: [Block] = [.heading(level: 2, text: x.t("Périmètre et méthode", "Scope and method"), id: "method"), .bullets(bullets)]
        let sets = m.factorSets
        blocks.append(
            .table(
                Table(
                    caption: x.t("Jeux de facteurs utilisés", "Factor sets used"),
                    header: [
                        x.t("Jeu", "Set"), x.t("Version", "Version"), x.t("Éditeur", "Publisher"), x.t("Effets hors CO2", "Non-CO2 effects"),
                        x.t("Amont (WTT)", "Upstream (WTT)"), x.t("Voyages", "Trips"),
                    ], numeric: [5], rowCount: sets.count,
                    row: { index in
                        let set = sets[index]
                        return [
                            set.loaded ? "\(set.id) — \(set.name)" : set.id + x.t(" (absent des données : chiffres tels qu'enregistrés)", " (not in the datasets: figures as stored)"),
                            set.version, set.publisher, set.nonCO2Multiplier.map { "×" + x.number($0, decimals: 1) + " (\(set.nonCO2Method))" } ?? "–",
                            set.wttPublished.map(x.yesNo) ?? "–", x.integer(set.trips),
                        ]
                    }, emptyText: x.t("Aucun voyage compté.", "No trip counted."))))
        return blocks
    }

    // MARK: - Trips

    static func tripHeader(_ x: ReportText) -> [String] {
        [
            x.t("Départ", "Departure"), x.t("Voyage", "Trip"), x.t("Partenaire", "Partner"), x.t("Sens", "Direction"),
            x.t("Statut", "Status"), x.t("Jeunes + acc.", "Youth + leaders"), x.t("Jours sur place", "Days on site"),
            x.t("Mode principal", "Main mode"), x.t("Passagers-km", "Passenger-km"), x.t("t CO2e", "t CO2e"),
            x.t("t CO2 seul", "t CO2 only"), x.t("kg / voyageur·se", "kg / traveller"), x.t("kg / voyageur·se-jour", "kg / traveller-day"),
        ]
    }

    static func tripRow(_ trip: TripLine, _ x: ReportText) -> [String] {
        [
            trip.departDate, trip.name + (trip.estimatedLegs > 0 ? " *" : ""), trip.partnerName,
            x.directionShort(trip.direction), x.status(trip.status), "\(trip.participants) + \(trip.leaders)",
            trip.daysOnSite.map(x.integer) ?? "–", x.mode(trip.mainMode), x.number(trip.passengerKm),
            x.number(trip.co2eKg / 1000, decimals: 2), x.number(trip.co2eKgWithoutNonCO2 / 1000, decimals: 2),
            x.number(trip.co2eKgPerTraveller), trip.co2eKgPerTravellerDay.map { x.number($0, decimals: 1) } ?? "–",
        ]
    }

    static func tripTables(_ report: AnnualReport, _ x: ReportText) -> [Block] {
        let trips = report.trips
        let planned = report.plannedTrips
        return [
            .heading(level: 2, text: x.t("Voyages", "Trips"), id: "trips"),
            .table(
                Table(
                    caption: x.t("Voyages réservés ou effectués en \(report.year) (* : au moins un tronçon estimé)", "Trips booked or travelled in \(report.year) (*: at least one estimated leg)"),
                    header: tripHeader(x), numeric: [5, 6, 8, 9, 10, 11, 12], rowCount: trips.count,
                    row: { tripRow(trips[$0], x) }, emptyText: x.t("Aucun voyage compté cette année.", "No trip counted this year."),
                    noWrap: [0])),
            .heading(level: 3, text: x.t("Voyages prévus (hors totaux)", "Planned trips (not in the totals)"), id: "planned"),
            .table(
                Table(
                    caption: x.t("Ces voyages ne sont pas encore réservés : leurs chiffres ne sont additionnés nulle part.", "These trips are not booked yet: their figures are not added anywhere."),
                    header: tripHeader(x), numeric: [5, 6, 8, 9, 10, 11, 12], rowCount: planned.count,
                    row: { tripRow(planned[$0], x) }, emptyText: x.t("Aucun voyage prévu.", "No planned trip."), noWrap: [0])),
        ]
    }

    // MARK: - Aggregates

    static func totalsTable(
        _ caption: String, _ first: String, _ rows: [ReportTotal], label: @escaping @Sendable (String) -> String,
        _ x: ReportText
    ) -> Block {
        .table(
            Table(
                caption: caption,
                header: [
                    first, x.t("Voyages", "Trips"), x.t("Voyageur·ses", "Travellers"), x.t("Passagers-km", "Passenger-km"),
                    x.t("Part des pkm", "Share of pkm"), x.t("t CO2e", "t CO2e"), x.t("t CO2 seul", "t CO2 only"),
                    x.t("Part du CO2e", "Share of CO2e"),
                ], numeric: [1, 2, 3, 4, 5, 6, 7], rowCount: rows.count,
                row: { index in
                    let row = rows[index]
                    return [
                        label(row.key), x.integer(row.trips), x.integer(row.travellers), x.number(row.passengerKm),
                        x.percent(row.passengerKmShare), x.number(row.co2eKg / 1000, decimals: 2),
                        x.number(row.co2eKgWithoutNonCO2 / 1000, decimals: 2), x.percent(row.co2eShare),
                    ]
                }, emptyText: x.t("Rien à totaliser.", "Nothing to total.")))
    }

    static func aggregates(_ report: AnnualReport, _ x: ReportText) -> [Block] {
        var blocks: [Block] = [.heading(level: 2, text: x.t("Totaux", "Totals"), id: "totals")]
        if !report.byMode.isEmpty {
            blocks.append(
                .chart(
                    Chart(
                        kind: .pairedShares, title: x.t("Par mode : part des passagers-km et part du CO2e", "By mode: share of passenger-km and share of CO2e"),
                        seriesNames: [x.t("part des passagers-km", "share of passenger-km"), x.t("part du CO2e", "share of CO2e")],
                        items: report.byMode.map {
                            ChartItem(label: x.modeKey($0.key), values: [$0.passengerKmShare, $0.co2eShare], valueLabels: [x.percent($0.passengerKmShare, decimals: 0), x.percent($0.co2eShare, decimals: 0)])
                        }, unit: "%")))
        }
        blocks.append(totalsTable(x.t("Par mode (un voyage compte dans chaque mode qu'il utilise)", "By mode (a trip counts under every mode it uses)"), x.t("Mode", "Mode"), report.byMode, label: x.modeKey, x))
        if !report.byDestination.isEmpty {
            blocks.append(
                .chart(
                    Chart(
                        kind: .bars, title: x.t("Par pays de destination (t CO2e)", "By destination country (t CO2e)"), seriesNames: [],
                        items: report.byDestination.map { ChartItem(label: x.country($0.key), values: [$0.co2eKg / 1000], valueLabels: [x.tonnes($0.co2eKg)]) },
                        unit: "t")))
        }
        blocks.append(totalsTable(x.t("Par pays de destination", "By destination country"), x.t("Destination", "Destination"), report.byDestination, label: x.country, x))
        blocks.append(totalsTable(x.t("Par catégorie de voyageur·ses (au prorata des personnes)", "By traveller category (in proportion to people)"), x.t("Catégorie", "Category"), report.byCategory, label: x.category, x))
        blocks.append(
            totalsTable(
                x.t("Par sens : les deux sont comptés, montrés séparément", "By direction: both are counted, shown apart"), x.t("Sens", "Direction"), report.byDirection,
                label: { TripDirection(rawValue: $0).map(x.direction) ?? $0 }, x))
        return blocks
    }

    // MARK: - Scenarios

    static func scenarios(_ report: AnnualReport, _ x: ReportText) -> [Block] {
        let sc = report.scenarios
        let total = report.summary.co2eKg
        func line(_ name: String, _ scenario: ScenarioTotal) -> [Span] {
            [
                Span(name + x.t(" : ", ": "), strong: true),
                Span(
                    x.tonnes(scenario.co2eKg) + x.t(" (inventaire : ", " (inventory: ") + x.tonnes(total)
                        + x.t(", écart du scénario : ", ", scenario difference: ") + (scenario.differenceKg >= 0 ? "+" : "−")
                        + x.tonnes(abs(scenario.differenceKg)) + x.t("). Option trouvée pour ", "). Option found for ")
                        + "\(scenario.tripsWithOption)/\(scenario.tripsWithOption + scenario.tripsWithoutOption)"
                        + x.t(" voyage(s) ; les autres gardent leur propre chiffre.", " trip(s); the others keep their own figure.")),
            ]
        }
        return [
            .heading(level: 2, text: x.t("Scénarios (présentés à part, jamais soustraits)", "Scenarios (shown apart, never subtracted)"), id: "scenarios"),
            .note([
                Span(
                    x.t(
                        "Ces chiffres sont des scénarios : ils ne sont ni déduits du total ni présentés comme des émissions évitées au sens d'une compensation. Le total de l'année reste ",
                        "These figures are scenarios: they are not deducted from the total nor presented as avoided emissions in an offsetting sense. The year's total stays "),
                    strong: false),
                Span(x.tonnes(total) + " CO2e", strong: true), Span("."),
            ]),
            .bullets([
                line(x.t("Si chaque voyage avait pris l'avion", "If every trip had flown"), sc.allFlight),
                line(x.t("Si chaque voyage avait pris son option la plus bas carbone", "If every trip had taken its lowest-carbon option"), sc.lowestCarbon),
            ]),
            .paragraph([
                Span(
                    x.t(
                        "Options calculées par le planificateur de Trajet sur le réseau fourni, pour le même groupe, les mêmes règles (mineur·es compris) et le même jeu de facteurs ; « avion » : l'itinéraire le plus rapide qui utilise un vol ; un voyage qui a volé est son propre cas « avion ».",
                        "Options computed by Trajet's planner on the shipped network, for the same group, the same rules (minors included) and the same factor set; 'flown': the fastest itinerary that uses a flight; a trip that flew is its own 'flown' case.")),
            ]),
        ]
    }

    // MARK: - Funding

    static func funding(_ report: AnnualReport, _ x: ReportText) -> [Block] {
        let trips = report.trips
        return [
            .heading(level: 2, text: x.t("Financement Erasmus+ : bandes de distance et voyage vert", "Erasmus+ funding: distance bands and green travel"), id: "funding"),
            .paragraph([
                Span(
                    x.t(
                        "Bande choisie par la distance en ligne droite, aller simple, du lieu de départ au lieu d'accueil ; le montant par participant·e couvre l'aller-retour. « Voyage vert » : le mode principal (le plus de kilomètres) est bas carbone. Jours de voyage financés : 6 en voyage vert, 2 sinon. Montants des appels après 2024 NON CONFIRMÉS ; la décision revient à l'agence nationale.",
                        "Band chosen by the straight-line one-way distance from the place of departure to the venue; the amount per participant covers the round trip. 'Green travel': the main mode (most kilometres) is low-carbon. Funded travel days: 6 for green travel, 2 otherwise. Amounts for calls after 2024 UNCONFIRMED; the national agency decides.")),
            ]),
            .table(
                Table(
                    caption: x.t("Par voyage († : montant NON CONFIRMÉ pour cet appel)", "Per trip (†: amount UNCONFIRMED for this call)"),
                    header: [
                        x.t("Voyage", "Trip"), x.t("Distance Erasmus+", "Erasmus+ distance"), x.t("Bande", "Band"), x.t("Voyage vert", "Green travel"),
                        x.t("€ / participant·e", "€ / participant"), x.t("€ groupe", "€ group"), x.t("Jours de voyage (financés max.)", "Travel days (funded max.)"),
                        x.t("Pays éligible KA152", "KA152 eligible country"),
                    ], numeric: [1, 4, 5, 6], rowCount: trips.count,
                    row: { index in
                        let trip = trips[index]
                        let f = trip.funding
                        return [
                            trip.name, x.km(f.straightLineKm), f.band ?? x.t("hors barème", "no band"), x.yesNo(f.greenTravel),
                            (f.eurPerParticipant.map(x.eur) ?? "–") + (f.bandUnconfirmed ? " †" : ""),
                            (f.eurGroup.map(x.eur) ?? "–") + (f.bandUnconfirmed ? " †" : ""),
                            "\(f.travelDays) (\(f.fundedTravelDaysMax))",
                            (f.youthExchangeEligible.map(x.yesNo) ?? "–")
                                + (f.eligibilityUnconfirmed ? x.t(" (NON CONFIRMÉ)", " (UNCONFIRMED)") : ""),
                        ]
                    }, emptyText: x.t("Aucun voyage compté.", "No trip counted."))),
            totalsTable(x.t("Par bande Erasmus+", "By Erasmus+ band"), x.t("Bande", "Band"), report.byFundingBand, label: { $0 }, x),
        ]
    }

    // MARK: - Data quality

    static func quality(_ report: AnnualReport, _ x: ReportText) -> [Block] {
        let q = report.dataQuality
        func share(_ count: Int) -> String { "\(x.integer(count)) / \(x.integer(q.legs)) (" + x.percent(q.legs > 0 ? Double(count) / Double(q.legs) : nil) + ")" }
        return [
            .heading(level: 2, text: x.t("Qualité des données", "Data quality"), id: "quality"),
            .bullets([
                [Span(x.t("Tronçons à distance estimée : ", "Legs with an estimated distance: "), strong: true), Span(share(q.legsWithEstimatedDistance))],
                [Span(x.t("Tronçons à facteur estimé ou approché (PROXY) : ", "Legs with an estimated or proxy factor: "), strong: true),
                 Span(share(q.legsWithEstimatedFactor) + x.t(", soit ", ", i.e. ") + x.percent(q.co2eShareFromEstimatedFactors) + x.t(" du CO2e", " of the CO2e"))],
                [Span(x.t("Tronçons à tarif estimé : ", "Legs with an estimated fare: "), strong: true), Span(share(q.legsWithEstimatedFare) + x.t(" ; sans tarif : ", "; without a fare: ") + x.integer(q.legsWithoutFare))],
                [Span(x.t("Services non confirmés : ", "Unconfirmed services: "), strong: true), Span(share(q.legsWithUnconfirmedService))],
                [Span(x.t("Voyages effectués / réservés : ", "Trips travelled / booked: "), strong: true),
                 Span("\(x.integer(q.travelledTrips)) / \(x.integer(q.bookedTrips))" + x.t(" (les voyages réservés sont comptés tels que planifiés)", " (booked trips are counted as planned)"))],
                [Span(x.t("Part calculée par ratios monétaires : ", "Share computed from monetary ratios: "), strong: true), Span(x.percent(0))],
            ]),
        ]
    }

    // MARK: - Trend

    static func trend(_ report: AnnualReport, _ x: ReportText) -> [Block] {
        let years = report.trend
        return [
            .heading(level: 2, text: x.t("Évolution", "Trend"), id: "trend"),
            .chart(
                Chart(
                    kind: .trend, title: x.t("t CO2e par année (avec effets hors CO2 ; trait : CO2 seul)", "t CO2e per year (with non-CO2 effects; tick: CO2 only)"),
                    seriesNames: [x.t("avec effets hors CO2", "with non-CO2 effects"), x.t("CO2 seul", "CO2 only")],
                    items: years.map { ChartItem(label: String($0.year), values: [$0.co2eKg / 1000, $0.co2eKgWithoutNonCO2 / 1000], valueLabels: [x.number($0.co2eKg / 1000, decimals: 1), x.number($0.co2eKgWithoutNonCO2 / 1000, decimals: 1)]) },
                    unit: "t")),
            .table(
                Table(
                    caption: x.t("Voyages comptés par année de départ (le total absolu est l'indicateur principal)", "Counted trips by departure year (the absolute total is the main indicator)"),
                    header: [x.t("Année", "Year"), x.t("Voyages", "Trips"), x.t("Voyageur·ses", "Travellers"), x.t("t CO2e", "t CO2e"), x.t("t CO2 seul", "t CO2 only")],
                    numeric: [1, 2, 3, 4], rowCount: years.count,
                    row: { index in
                        let y = years[index]
                        return [String(y.year), x.integer(y.trips), x.integer(y.travellers), x.number(y.co2eKg / 1000, decimals: 2), x.number(y.co2eKgWithoutNonCO2 / 1000, decimals: 2)]
                    }, emptyText: "")),
        ]
    }

    // MARK: - Annexes

    static func annexes(_ report: AnnualReport, _ x: ReportText) -> [Block] {
        let factors = report.factorAnnex
        let bands = report.travelSupportAnnex
        @Sendable func value(_ v: Double?) -> String { v.map { x.number($0, decimals: 5) } ?? "–" }
        return [
            .heading(level: 2, text: x.t("Annexe A — facteurs d'émission utilisés", "Annex A — emission factors used"), id: "annex-factors"),
            .table(
                Table(
                    caption: x.t("kg CO2e par unité ; « avec » inclut les effets hors CO2 (vols)", "kg CO2e per unit; 'with' includes non-CO2 effects (flights)"),
                    header: [
                        x.t("Jeu (version)", "Set (version)"), x.t("Fichier:ligne", "File:line"), x.t("Mode", "Mode"), x.t("Variante / région / bande", "Variant / region / band"),
                        x.t("Unité", "Unit"), x.t("Avec", "With"), x.t("Sans", "Without"), x.t("Amont", "Upstream"), x.t("Drapeaux", "Flags"),
                        x.t("Tronçons", "Legs"), x.t("Source", "Source"),
                    ], numeric: [5, 6, 7, 9], rowCount: factors.count,
                    row: { index in
                        let f = factors[index]
                        var flags: [String] = []
                        if f.proxy { flags.append("PROXY") }
                        if f.estimate { flags.append(x.t("ESTIMATION", "ESTIMATE")) }
                        if !f.found { flags.append(x.t("absent des données", "not in the datasets")) }
                        return [
                            "\(f.factorSetId) (\(f.factorSetVersion))", "\(f.file):\(f.line)", x.modeKey(f.mode),
                            [f.variant, f.region, f.band ?? ""].filter { !$0.isEmpty }.joined(separator: " / "), f.unit,
                            value(f.ttwKgPerUnit), value(f.ttwWithoutNonCO2KgPerUnit), value(f.wttKgPerUnit),
                            flags.joined(separator: ", "), x.integer(f.legs), f.source,
                        ]
                    }, emptyText: x.t("Aucun facteur utilisé.", "No factor used."))),
            .heading(level: 2, text: x.t("Annexe B — barème Erasmus+ utilisé", "Annex B — Erasmus+ table used"), id: "annex-bands"),
            .table(
                Table(
                    caption: x.t("Montant par participant·e, aller-retour (funding/erasmus-plus-travel-bands.csv)", "Amount per participant, round trip (funding/erasmus-plus-travel-bands.csv)"),
                    header: [x.t("Bande", "Band"), x.t("Appels", "Calls"), x.t("Standard", "Standard"), x.t("Vert", "Green"), x.t("Drapeaux", "Flags"), x.t("Source", "Source")],
                    numeric: [2, 3], rowCount: bands.count,
                    row: { index in
                        let b = bands[index]
                        return [
                            b.label, "\(b.firstCallYear)–" + (b.lastCallYear.map(String.init) ?? ""), x.eur(b.standardEur),
                            b.greenEur.map(x.eur) ?? "–", b.flags.isEmpty ? "" : x.t("NON CONFIRMÉ pour les appels après 2024", "UNCONFIRMED for calls after 2024"), b.source,
                        ]
                    }, emptyText: x.t("Aucune bande pour cette année d'appel.", "No band for this call year."))),
        ]
    }
}
