import TrajetCore

extension ReportDocument {
    /// Lays the report out in `language`, section by section as reference/reporting.md §1 proposes.
    public init(_ report: AnnualReport, language: Language) {
        let x = ReportText(language)
        self.language = language
        self.title = x.t("Rapport environnemental des déplacements \(report.year)", "Travel environmental report \(report.year)")
        self.subtitle = x.scopeName(report.scope) + " · " + x.t("généré le ", "generated on ") + report.generatedAt
            + x.t(" par Trajet", " by Trajet")
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
        guard !sets.isEmpty else { return x.t("aucun voyage compté", "no trip counted") }
        return sets.map { set in
            let multiplier = set.nonCO2Multiplier.map { "×" + x.number($0, decimals: 1) } ?? "–"
            return set.id + x.t(" : ", ": ") + nonCO2Method(set.nonCO2Method, multiplier: multiplier, x)
        }.joined(separator: "; ")
    }

    static func nonCO2Method(_ method: String, multiplier: String, _ x: ReportText) -> String {
        switch method {
        case "published_rf_rows":
            x.t("\(multiplier) sur le CO2 des vols (valeurs « avec forçage radiatif » publiées)",
                "\(multiplier) on flight CO2 (published 'with radiative forcing' values)")
        case "contrails_term", "contrails_doubling":
            x.t("\(multiplier) sur la combustion des vols (terme « traînées » d'ADEME)", "\(multiplier) on flight combustion (ADEME's contrails term)")
        default: multiplier
        }
    }

    // MARK: - Summary

    static func summary(_ report: AnnualReport, _ x: ReportText) -> [Block] {
        let s = report.summary
        var blocks: [Block] = [.heading(level: 2, text: x.t("L'essentiel", "Key findings"), id: "summary")]
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
                    Span(" " + x.t("Voyages prévus, listés à part : ", "Planned trips, listed apart: ") + x.integer(s.plannedTrips) + "."))
            }
            blocks.append(.note(spans))
        }
        let previousYear = report.year - 1
        let change: String
        if let percent = s.changeVsPreviousYearPercent, let previous = s.previousYearCo2eKg {
            change = x.t("par rapport à \(previousYear) : ", "vs \(previousYear): ") + x.tonnes(previous) + ", "
                + x.count(s.previousYearTrips, "voyage", "voyages", "trip", "trips")
                + (abs(percent) > 200 ? x.t(" (base faible : comparer avec prudence)", " (small base: compare with care)") : "")
        } else {
            change = x.t("aucune donnée pour \(previousYear)", "no data for \(previousYear)")
        }
        var perTravellerDetail = x.t("par jour sur place : ", "per day on site: ")
            + (s.co2eKgPerTravellerDay.map { x.kg($0, decimals: 1) } ?? "–")
        if let percent = s.changePerTravellerVsPreviousYearPercent, let before = s.previousYearCo2eKgPerTraveller {
            perTravellerDetail += x.t(" ; \(previousYear) : ", "; \(previousYear): ") + x.kg(before) + " (" + x.signedPercent(percent) + ")"
        }
        if let network = report.network, let average = network.co2eKgPerTraveller {
            perTravellerDetail += x.t(" ; moyenne du réseau : ", "; network average: ") + x.kg(average)
        }
        var range = x.t("chiffre de référence", "headline figure")
        if let u = report.uncertainty, u.co2eKgHigh > u.co2eKgLow {
            range = x.t("fourchette selon le jeu de facteurs : ", "range across factor sets: ") + x.tonnes(u.co2eKgLow) + " – " + x.tonnes(u.co2eKgHigh)
        }
        blocks.append(
            .keyFigures([
                KeyFigure(
                    label: x.t("Total avec effets hors CO2", "Total with non-CO2 effects"), value: x.tonnes(s.co2eKg) + " CO2e",
                    detail: range),
                KeyFigure(
                    label: x.t("CO2 seul (sans effets hors CO2)", "CO2 only (without non-CO2 effects)"),
                    value: x.tonnes(s.co2eKgWithoutNonCO2) + " CO2e", detail: nonCO2Treatment(report, x)),
                KeyFigure(label: x.t("Évolution du total", "Change in the total"), value: s.changeVsPreviousYearPercent.map(x.signedPercent) ?? "–", detail: change),
                KeyFigure(
                    label: x.t("Par voyageur·se", "Per traveller"), value: s.co2eKgPerTraveller.map { x.kg($0) } ?? "–",
                    detail: perTravellerDetail),
                KeyFigure(
                    label: x.t("Voyages et voyageur·ses", "Trips and travellers"),
                    value: "\(x.integer(s.trips)) · \(x.integer(s.travellers))",
                    detail: x.t("\(x.integer(s.participants)) jeunes, \(x.integer(s.leaders)) accompagnant·es",
                        "\(x.integer(s.participants)) young people, \(x.integer(s.leaders)) leaders")),
                KeyFigure(
                    label: x.t("Voyages bas carbone", "Low-carbon trips"), value: x.percent(s.lowCarbonTripShare, decimals: 0),
                    detail: x.t("aucun vol, et plus de la moitié du CO2e en train, car, bus, ferry…", "no flight, and more than half of the CO2e by train, coach, bus, ferry…")),
            ]))
        var bullets: [[Span]] = []
        if let mode = report.findings.largestMode {
            bullets.append([
                Span(x.t("Ce qui pèse : ", "What weighs: "), strong: true),
                Span(
                    x.t("le mode « \(x.mode(mode.mode)) » fait ", "\(x.mode(mode.mode).capitalisedFirst) makes ")
                        + x.percent(mode.co2eShare, decimals: 0) + x.t(" du CO2e pour ", " of the CO2e for ")
                        + x.percent(mode.passengerKmShare, decimals: 0) + x.t(" des passagers-km.", " of the passenger-km.")),
            ])
        }
        if report.scenarios == nil {
            bullets.append([
                Span(x.t("Levier principal : ", "Biggest lever: "), strong: true),
                Span(x.t("non calculé (rapport produit avec --no-scenarios).", "not computed (report made with --no-scenarios).")),
            ])
        } else if let lever = report.findings.biggestLever {
            bullets.append([
                Span(x.t("Levier principal : ", "Biggest lever: "), strong: true),
                Span(
                    x.t("prendre l'option la plus bas carbone trouvée par le planificateur pour ", "taking the lowest-carbon option the planner found for ")
                        + (lever.trips == 1
                            ? x.t("le voyage avec ", "the trip with ") : x.t("les \(lever.trips) voyages avec ", "the \(lever.trips) trips with "))
                        + lever.partnerName + x.t(", pays : ", ", country: ") + x.country(lever.countryCode) + ","
                        + x.t(" aurait évité ", " would have saved ") + x.tonnes(lever.savedKg)
                        + " (" + x.percent(lever.shareOfTotal, decimals: 0) + x.t(" du total ; scénario, non déduit).", " of the total; a scenario, not deducted).")),
            ])
        } else {
            bullets.append([
                Span(x.t("Levier principal : ", "Biggest lever: "), strong: true),
                Span(x.t("le planificateur n'a trouvé aucune option plus bas carbone que les voyages faits.", "the planner found no option with less carbon than the trips made.")),
            ])
        }
        let biggest = s.biggestTrips.compactMap { id in report.trips.first { $0.planId == id } }
        if !biggest.isEmpty {
            bullets.append(
                [Span(biggest.count == 1 ? x.t("Le plus gros voyage : ", "The largest trip: ") : x.t("Les plus gros voyages : ", "The largest trips: "), strong: true)]
                    + [Span(biggest.map { "\($0.name) (\(x.tonnes($0.co2eKg)), \(x.percent(s.co2eKg > 0 ? $0.co2eKg / s.co2eKg : nil, decimals: 0)))" }.joined(separator: x.t(" ; ", "; ")))])
        }
        if s.plannedTrips > 0 {
            bullets.append([
                Span(x.t("Voyages prévus, hors total : ", "Planned trips, not in the total: "), strong: true),
                Span(x.integer(s.plannedTrips) + " (" + x.tonnes(s.plannedCo2eKg) + x.t(" s'ils se font tels que prévus)", " if they go ahead as planned)")),
            ])
        }
        let sets = report.method.factorSets.map(\.id).joined(separator: ", ")
        let setsUsed = sets.isEmpty ? "" : " (" + sets + ")"
        bullets.append([
            Span(x.t("Méthode en une phrase : ", "Method in one sentence: "), strong: true),
            Span(
                x.t(
                    "distance de chaque tronçon × facteur d'émission publié\(setsUsed), pour tout le groupe, aller et retour ; les effets hors CO2 de l'aviation sont inclus dans le total et montrés à part.",
                    "each leg's distance × a published emission factor\(setsUsed), for the whole group, both ways; aviation's non-CO2 effects are in the total and shown apart.")),
        ])
        blocks.append(.bullets(bullets))
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
        blocks.append(.note(nonCO2Box(report, x)))
        return blocks
    }

    /// What non-CO2 effects are, in plain words, and why the headline includes them (reference/emission-factors.md §7).
    static func nonCO2Box(_ report: AnnualReport, _ x: ReportText) -> [Span] {
        [
            Span(x.t("Effets hors CO2 de l'avion. ", "Aviation's non-CO2 effects. "), strong: true),
            Span(
                x.t(
                    "En altitude, un avion ne rejette pas que du CO2 : ses traînées de condensation et les nuages de cirrus qu'elles forment retiennent la chaleur, et ses oxydes d'azote (NOx) modifient l'ozone et le méthane. Ces effets durent peu mais réchauffent autant, voire plus, que le CO2 du vol. Les jeux de facteurs les comptent par un multiplicateur : ×1,7 sur le CO2 pour DESNZ (d'après Lee et al. 2021, mesure sur 100 ans), environ ×2 sur la combustion pour ADEME. La littérature donne de ×1 à ×3 et plus selon l'horizon et la mesure choisis. Le total de référence les inclut, comme le demande le Bilan Carbone® ; le chiffre « CO2 seul » les retire. Appliqué ici : ",
                    "At altitude a plane emits more than CO2: its contrails and the cirrus clouds they form trap heat, and its nitrogen oxides (NOx) change ozone and methane. These effects are short-lived but warm as much as, or more than, the flight's CO2. Factor sets count them with a multiplier: ×1.7 on CO2 for DESNZ (after Lee et al. 2021, 100-year metric), about ×2 on combustion for ADEME. The literature ranges from ×1 to ×3 and more depending on the time horizon and metric. The headline includes them, as the Bilan Carbone® requires; the 'CO2 only' figure leaves them out. Applied here: ")
                    + nonCO2Treatment(report, x) + "."),
        ]
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
                        + x.t(" : exclus (", ": left out (") + x.count(m.excludedPlans, "plan", "plans", "plan", "plans") + x.t(" cette année).", " this year).")),
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
        bullets.append([
            Span(x.t("Voyage bas carbone : ", "Low-carbon trip: "), strong: true),
            Span(
                x.t(
                    "aucun tronçon en avion, et plus de la moitié du CO2e du voyage vient de modes à faibles émissions (tout sauf l'avion, le taxi et la voiture individuelle). La règle porte sur les émissions, pas seulement sur les kilomètres : un voyage dont un vol fait l'essentiel du CO2e n'est jamais bas carbone, même si ses kilomètres en train sont plus nombreux.",
                    "no flight leg, and more than half of the trip's CO2e comes from low-emission modes (anything but a plane, a taxi or a private car). The rule is on emissions, not only kilometres: a trip whose CO2e is mostly a flight is never low-carbon, even with more rail kilometres.")),
        ])
        bullets.append([
            Span(x.t("Voyage vert Erasmus+ : ", "Erasmus+ green travel: "), strong: true),
            Span(
                x.t(
                    "le guide du programme le définit comme un voyage qui utilise des moyens de transport à faibles émissions « pour la partie principale du trajet » (bus, train, covoiturage…). Trajet le lit ainsi : aucun vol, et les modes à faibles émissions couvrent plus de la moitié des kilomètres. Un voyage avec un vol n'est pas compté comme vert : l'avion serait le moyen principal déclaré. L'agence nationale décide.",
                    "the Programme Guide defines it as travel using low-emission means of transport 'for the main part of the travel' (bus, train, car-pooling…). Trajet reads it as: no flight, and low-emission modes cover more than half of the kilometres. A trip with a flight is not counted as green: the plane would be the main means declared. The national agency decides.")),
        ])
        bullets.append([
            Span(x.t("Incertitude : ", "Uncertainty: "), strong: true),
            Span(
                x.t(
                    "la fourchette du total reprend les mêmes tronçons évalués avec chacun des autres jeux de facteurs chargés (ligne par ligne, même mode et même unité, pondérée par le nombre de tronçons) : c'est un ordre de grandeur de l'écart entre publications, pas un intervalle statistique. La part du CO2e qui repose sur des facteurs ESTIMATION ou PROXY est donnée dans « Qualité des données ».",
                    "the total's range prices the same legs with each other loaded factor set (row by row, same mode and unit, weighted by legs): an order of magnitude of the spread between publications, not a statistical interval. The share of the CO2e resting on ESTIMATE or PROXY factors is given under 'Data quality'.")),
        ])
        if let hub = m.hubFactorKgPerPassenger {
            bullets.append([
                Span(x.t("Aéroports : ", "Airports: "), strong: true),
                Span(x.kg(hub, decimals: 2) + x.t(" CO2e par passager et par aéroport", " CO2e per passenger per airport")
                    + (m.hubFactorSource.map { $0.isEmpty ? "" : " (" + $0 + ")" } ?? "")),
            ])
        }
        var blocks: [Block] = [.heading(level: 2, text: x.t("Périmètre et méthode", "Scope and method"), id: "method"), .bullets(bullets)]
        let sets = m.factorSets
        blocks.append(
            .table(
                Table(
                    caption: x.t("Jeux de facteurs utilisés et publications d'origine", "Factor sets used and the publications they come from"),
                    header: [
                        x.t("Jeu", "Set"), x.t("Publication (éditeur, date, adresse)", "Publication (publisher, date, address)"),
                        x.t("Effets hors CO2", "Non-CO2 effects"), x.t("Amont (WTT)", "Upstream (WTT)"), x.t("Voyages", "Trips"),
                    ], numeric: [4], rowCount: sets.count,
                    row: { index in
                        let set = sets[index]
                        return [
                            set.loaded
                                ? set.id + " — " + x.factorSetTitle(set.id, fallback: set.name)
                                : set.id + x.t(" (absent des données : chiffres tels qu'enregistrés)", " (not in the datasets: figures as stored)"),
                            x.factorSetPublication(set.id) ?? ([set.publisher, set.year.map(String.init) ?? ""].filter { !$0.isEmpty }.joined(separator: ", ")),
                            set.nonCO2Multiplier.map { nonCO2Method(set.nonCO2Method, multiplier: "×" + x.number($0, decimals: 1), x) } ?? "–",
                            set.wttPublished.map { $0 ? x.t("publié à part", "published apart") : x.t("inclus ou non publié", "included or not published") } ?? "–",
                            x.integer(set.trips),
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
            x.t("Bas carbone ? Pourquoi", "Low-carbon? Why"),
        ]
    }

    /// Why a trip is, or is not, low-carbon, in a few words.
    static func lowCarbonWhy(_ trip: TripLine, _ x: ReportText) -> String {
        switch trip.lowCarbonReason {
        case .noFlightMostlyLowEmission: x.t("oui : aucun vol", "yes: no flight")
        case .flightLeg:
            x.t("non : vols = ", "no: flights = ") + x.percent(trip.flightCo2eShare, decimals: 0) + x.t(" du CO2e", " of the CO2e")
        case .mostlyCarOrTaxi: x.t("non : surtout taxi ou voiture", "no: mostly taxi or car")
        case .noLegs: x.t("non : aucun tronçon", "no: no leg")
        }
    }

    static func greenWhy(_ funding: TripFunding, _ x: ReportText) -> String {
        switch funding.greenTravelReason {
        case .lowEmissionMainPart: x.t("oui : aucun vol, surtout train, car…", "yes: no flight, mostly train, coach…")
        case .flightLeg: x.t("non : un tronçon en avion", "no: a leg by plane")
        case .mainPartNotLowEmission: x.t("non : surtout taxi ou voiture", "no: mostly taxi or car")
        case .noLegs: x.t("non : aucun tronçon", "no: no leg")
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
                        x.t(
                            "\(x.integer(trips.count)) voyages : seuls les \(shown.count) plus gros (en CO2e) sont listés ici. La liste complète est dans ",
                            "\(x.integer(trips.count)) trips: only the \(shown.count) largest (by CO2e) are listed here. The full list is in ")
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
        [.heading(level: 2, text: x.t("Annexe A — voyages", "Annex A — trips"), id: "trips")]
            + tripTable(
                report.trips,
                caption: x.t("Voyages réservés ou effectués en \(report.year) (* : au moins un tronçon estimé)", "Trips booked or travelled in \(report.year) (*: at least one estimated leg)"),
                empty: x.t("Aucun voyage compté cette année.", "No trip counted this year."),
                fullList: x.t("l'export CSV, tronçon par tronçon (trajet report --format csv)", "the CSV export, leg by leg (trajet report --format csv)"), x)
            + [.heading(level: 3, text: x.t("Voyages prévus (hors totaux)", "Planned trips (not in the totals)"), id: "planned")]
            + tripTable(
                report.plannedTrips,
                caption: x.t("Ces voyages ne sont pas encore réservés : leurs chiffres ne sont additionnés nulle part.", "These trips are not booked yet: their figures are not added anywhere."),
                empty: x.t("Aucun voyage prévu.", "No planned trip."),
                fullList: x.t("l'export JSON, champ plannedTrips (trajet report --format json)", "the JSON export, field plannedTrips (trajet report --format json)"), x)
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
                    first, x.t("Voyages", "Trips"), x.t("Voyageur·ses", "Travellers"), x.t("Passagers-km", "Passenger-km"),
                    x.t("Part des pkm", "Share of pkm"), x.t("t CO2e", "t CO2e"), x.t("t CO2 seul", "t CO2 only"),
                    x.t("Part du CO2e", "Share of CO2e"), x.t("kg / voyageur·se", "kg / traveller"),
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
                }, emptyText: x.t("Rien à totaliser.", "Nothing to total.")))
    }

    static func aggregates(_ report: AnnualReport, _ x: ReportText) -> [Block] {
        var blocks: [Block] = [.heading(level: 2, text: x.t("Totaux", "Totals"), id: "totals")]
        if report.scope.kind == .network {
            blocks.append(
                totalsTable(
                    x.t("Par organisation", "By organisation"), x.t("Organisation", "Organisation"), report.byOrganisation,
                    label: { $0.name ?? $0.key }, x))
        } else if let network = report.network {
            let own = report.summary
            blocks.append(
                .paragraph([
                    Span(x.t("Comparaison avec le réseau : ", "Compared with the network: "), strong: true),
                    Span(
                        x.scopeName(report.scope) + x.t(" : ", ": ") + (own.co2eKgPerTraveller.map { x.kg($0) } ?? "–")
                            + x.t(" par voyageur·se ; ensemble du réseau (", " per traveller; whole network (")
                            + x.count(network.trips, "voyage", "voyages", "trip", "trips") + ", "
                            + x.count(network.travellers, "voyageur·se", "voyageur·ses", "traveller", "travellers") + ", "
                            + x.tonnes(network.co2eKg) + x.t(") : ", "): ") + (network.co2eKgPerTraveller.map { x.kg($0) } ?? "–")
                            + x.t(" par voyageur·se. L'indicateur principal reste le total absolu.", " per traveller. The absolute total remains the main indicator.")),
                ]))
        }
        blocks.append(
            totalsTable(x.t("Par partenaire", "By partner"), x.t("Partenaire", "Partner"), report.byPartner, label: { $0.name ?? $0.key }, x))
        if !report.byPartnerCountry.isEmpty {
            blocks.append(
                .chart(
                    Chart(
                        kind: .bars, title: x.t("Par pays partenaire (t CO2e ; les groupes accueillis comptent dans leur pays)", "By partner country (t CO2e; hosted groups count under their own country)"), seriesNames: [],
                        items: report.byPartnerCountry.map { ChartItem(label: x.country($0.key), values: [$0.co2eKg / 1000], valueLabels: [x.tonnes($0.co2eKg)]) },
                        unit: "t")))
        }
        blocks.append(
            totalsTable(
                x.t("Par pays partenaire (les groupes accueillis en Belgique comptent dans leur pays d'origine)", "By partner country (groups hosted in Belgium count under their home country)"),
                x.t("Pays", "Country"), report.byPartnerCountry, label: { x.country($0.key) }, x))
        blocks.append(totalsTable(x.t("Par mode (un voyage compte dans chaque mode qu'il utilise)", "By mode (a trip counts under every mode it uses)"), x.t("Mode", "Mode"), report.byMode, label: { x.modeKey($0.key) }, x))
        blocks.append(
            totalsTable(
                x.t("Par sens : les deux sont comptés, montrés séparément", "By direction: both are counted, shown apart"), x.t("Sens", "Direction"), report.byDirection,
                label: { TripDirection(rawValue: $0.key).map(x.direction) ?? $0.key }, x))
        blocks.append(totalsTable(x.t("Par catégorie de voyageur·ses (au prorata des personnes)", "By traveller category (in proportion to people)"), x.t("Catégorie", "Category"), report.byCategory, label: { x.category($0.key) }, x))
        return blocks
    }

    // MARK: - Scenarios

    static func scenarios(_ report: AnnualReport, _ x: ReportText) -> [Block] {
        let heading = Block.heading(level: 2, text: x.t("Scénarios (présentés à part, jamais soustraits)", "Scenarios (shown apart, never subtracted)"), id: "scenarios")
        guard let sc = report.scenarios else {
            return [
                heading,
                .paragraph([
                    Span(x.t("Scénarios non calculés : ", "Scenarios not computed: "), strong: true),
                    Span(
                        x.t(
                            "ce rapport a été produit avec --no-scenarios (aucune recherche d'itinéraire). Relancez sans cette option pour les obtenir.",
                            "this report was made with --no-scenarios (no route search). Run it again without that option to get them.")),
                ]),
            ]
        }
        let total = report.summary.co2eKg
        func line(_ name: String, _ scenario: ScenarioTotal) -> [Span] {
            let trips = scenario.tripsWithOption + scenario.tripsWithoutOption
            var found: String
            if scenario.tripsWithoutOption == 0 {
                found = trips == 1
                    ? x.t("Option trouvée pour le seul voyage.", "Option found for the only trip.")
                    : x.t("Option trouvée pour chacun des \(x.integer(trips)) voyages.", "Option found for each of the \(x.integer(trips)) trips.")
            } else if scenario.tripsWithOption == 0 {
                found = x.t("Aucune option trouvée : chaque voyage garde son propre chiffre.", "No option found: every trip keeps its own figure.")
            } else {
                found = x.t("Option trouvée pour ", "Option found for ") + x.integer(scenario.tripsWithOption) + x.t(" voyages sur ", " trips out of ")
                    + x.integer(trips) + x.t(" ; les ", "; the ") + x.integer(scenario.tripsWithoutOption)
                    + x.t(" autres gardent leur propre chiffre.", " others keep their own figure.")
            }
            return [
                Span(name + x.t(" : ", ": "), strong: true),
                Span(
                    x.tonnes(scenario.co2eKg) + x.t(" (inventaire : ", " (inventory: ") + x.tonnes(total)
                        + x.t(", écart du scénario : ", ", scenario difference: ") + (scenario.differenceKg >= 0 ? "+" : "−")
                        + x.tonnes(abs(scenario.differenceKg)) + "). " + found),
            ]
        }
        return [
            heading,
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
                        "Options calculées par le planificateur de Trajet sur le réseau fourni, pour le même groupe, les mêmes règles (mineur·es compris) et le même jeu de facteurs ; « avion » : l'itinéraire le plus rapide qui comprend un vol ; un voyage fait en avion compte tel quel dans ce scénario.",
                        "Options computed by Trajet's planner on the shipped network, for the same group, the same rules (minors included) and the same factor set; 'flown': the fastest itinerary that includes a flight; a trip made by plane counts as it is in that scenario.")),
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
                Span(x.t("Montant indicatif, pays éligibles seulement : ", "Indicative amount, eligible countries only: "), strong: true),
                Span(
                    x.eur(eligibleGroupEur)
                        + (unconfirmed
                            ? x.t(" (NON CONFIRMÉ ; la décision revient à l'agence nationale).", " (UNCONFIRMED; the national agency decides).")
                            : x.t(" (la décision revient à l'agence nationale).", " (the national agency decides).")))
            ]
        ]
        if notEligible > 0 {
            summary.append([
                Span(x.t("Non éligibles : ", "Not eligible: "), strong: true),
                Span(
                    x.count(notEligible, "voyage", "voyages", "trip", "trips")
                        + x.t(" avec un pays partenaire non éligible à l'action KA152 (échanges de jeunes) : aucun montant n'est indiqué ni additionné.",
                            " with a partner country not eligible for the KA152 action (youth exchanges): no amount is shown or added.")),
            ])
        }
        if unknownEligibility > 0 {
            summary.append([
                Span(x.t("Éligibilité inconnue : ", "Eligibility unknown: "), strong: true),
                Span(x.count(unknownEligibility, "voyage", "voyages", "trip", "trips") + x.t(" (pays absent du fichier des pays).", " (country not in the countries file).")),
            ])
        }
        var blocks: [Block] = [
            .heading(level: 2, text: x.t("Financement Erasmus+ : bandes de distance et voyage vert", "Erasmus+ funding: distance bands and green travel"), id: "funding"),
            .paragraph([
                Span(
                    x.t(
                        "Bande choisie par la distance en ligne droite, aller simple, du lieu de départ au lieu d'accueil ; le montant par participant·e couvre l'aller-retour. « Voyage vert » : voir la règle dans « Périmètre et méthode ». Jours de voyage financés : 6 en voyage vert, 2 sinon. Montants seulement pour les pays éligibles à l'action ; montants des appels après 2024 NON CONFIRMÉS ; la décision revient à l'agence nationale.",
                        "Band chosen by the straight-line one-way distance from the place of departure to the venue; the amount per participant covers the round trip. 'Green travel': see the rule under 'Scope and method'. Funded travel days: 6 for green travel, 2 otherwise. Amounts only for countries eligible for the action; amounts for calls after 2024 UNCONFIRMED; the national agency decides.")),
            ]),
            .bullets(summary),
        ]
        if shown.count < trips.count {
            blocks.append(
                .paragraph([
                    Span(x.t("Les \(shown.count) plus gros voyages (en CO2e) ; les autres sont dans l'export JSON.", "The \(shown.count) largest trips (by CO2e); the others are in the JSON export."))
                ]))
        }
        blocks.append(
            .table(
                Table(
                    caption: x.t("Par voyage († : montant NON CONFIRMÉ pour cet appel)", "Per trip (†: amount UNCONFIRMED for this call)"),
                    header: [
                        x.t("Voyage", "Trip"), x.t("Distance Erasmus+", "Erasmus+ distance"), x.t("Bande", "Band"), x.t("Voyage vert ? Pourquoi", "Green travel? Why"),
                        x.t("€ / participant·e", "€ / participant"), x.t("€ groupe", "€ group"), x.t("Jours de voyage (financés max.)", "Travel days (funded max.)"),
                        x.t("Pays éligible KA152", "KA152 eligible country"),
                    ], numeric: [1, 4, 5, 6], rowCount: shown.count,
                    row: { index in
                        let trip = trips[shown[index]]
                        let f = trip.funding
                        let notEligible = f.youthExchangeEligible == false
                        func amount(_ value: Int?) -> String {
                            if notEligible { return x.t("non éligible", "not eligible") }
                            return (value.map(x.eur) ?? "–") + (f.bandUnconfirmed && value != nil ? " †" : "")
                        }
                        return [
                            trip.name, x.km(f.straightLineKm), f.band ?? x.t("hors barème", "no band"), greenWhy(f, x),
                            amount(f.eurPerParticipant), amount(f.eurGroup),
                            "\(f.travelDays) (\(f.fundedTravelDaysMax))",
                            (f.youthExchangeEligible.map(x.yesNo) ?? "–")
                                + (f.eligibilityUnconfirmed ? x.t(" (NON CONFIRMÉ)", " (UNCONFIRMED)") : ""),
                        ]
                    }, emptyText: x.t("Aucun voyage compté.", "No trip counted."))))
        blocks.append(totalsTable(x.t("Par bande Erasmus+", "By Erasmus+ band"), x.t("Bande", "Band"), report.byFundingBand, label: { $0.key == "–" ? x.t("hors barème", "no band") : $0.key }, x))
        return blocks
    }

    // MARK: - Data quality

    static func quality(_ report: AnnualReport, _ x: ReportText) -> [Block] {
        let q = report.dataQuality
        func share(_ count: Int) -> String {
            guard q.legs > 0 else { return x.t("aucun tronçon compté", "no leg counted") }
            return x.t("\(x.integer(count)) sur \(x.integer(q.legs)) (", "\(x.integer(count)) of \(x.integer(q.legs)) (")
                + x.percent(Double(count) / Double(q.legs)) + ")"
        }
        var bullets: [[Span]] = [
            [Span(x.t("Tronçons à distance estimée : ", "Legs with an estimated distance: "), strong: true), Span(share(q.legsWithEstimatedDistance))],
            [Span(x.t("Tronçons à facteur estimé ou approché (PROXY) : ", "Legs with an estimated or proxy factor: "), strong: true),
             Span(share(q.legsWithEstimatedFactor) + (q.co2eShareFromEstimatedFactors.map { x.t(", soit ", ", i.e. ") + x.percent($0) + x.t(" du CO2e", " of the CO2e") } ?? ""))],
            [Span(x.t("Tronçons à tarif estimé : ", "Legs with an estimated fare: "), strong: true), Span(share(q.legsWithEstimatedFare) + x.t(" ; sans tarif : ", "; without a fare: ") + x.integer(q.legsWithoutFare))],
            [Span(x.t("Services non confirmés : ", "Unconfirmed services: "), strong: true), Span(share(q.legsWithUnconfirmedService))],
            [Span(x.t("Voyages effectués / réservés : ", "Trips travelled / booked: "), strong: true),
             Span(
                q.travelledTrips + q.bookedTrips == 0
                    ? x.t("aucun voyage compté", "no trip counted")
                    : "\(x.integer(q.travelledTrips)) / \(x.integer(q.bookedTrips))" + x.t(" (les voyages réservés sont comptés tels que planifiés)", " (booked trips are counted as planned)"))],
            [Span(x.t("Part calculée par ratios monétaires : ", "Share computed from monetary ratios: "), strong: true), Span(x.t("aucune", "none"))],
        ]
        if let u = report.uncertainty {
            let alternatives = u.alternatives.map { $0.factorSetId + x.t(" : ", ": ") + x.tonnes($0.co2eKg) }
            bullets.append([
                Span(x.t("Fourchette selon le jeu de facteurs : ", "Range across factor sets: "), strong: true),
                Span(
                    x.tonnes(u.co2eKgLow) + " – " + x.tonnes(u.co2eKgHigh)
                        + (alternatives.isEmpty
                            ? x.t(" (un seul jeu de facteurs chargé)", " (only one factor set loaded)")
                            : x.t(" (total de référence ", " (headline ") + x.tonnes(report.summary.co2eKg) + x.t(" ; mêmes tronçons avec ", "; same legs with ")
                                + alternatives.joined(separator: x.t(" ; ", "; ")) + x.t(" ; ordre de grandeur, voir la méthode)", "; an order of magnitude, see the method)"))),
            ])
        }
        return [.heading(level: 2, text: x.t("Qualité des données et incertitude", "Data quality and uncertainty"), id: "quality"), .bullets(bullets)]
    }

    // MARK: - Trend

    static func trend(_ report: AnnualReport, _ x: ReportText) -> [Block] {
        let years = report.trend
        let noData = x.t("pas de données", "no data")
        return [
            .heading(level: 2, text: x.t("Évolution", "Trend"), id: "trend"),
            .chart(
                Chart(
                    kind: .trend, title: x.t("t CO2e par année (avec effets hors CO2 ; trait : CO2 seul)", "t CO2e per year (with non-CO2 effects; tick: CO2 only)"),
                    seriesNames: [x.t("avec effets hors CO2", "with non-CO2 effects"), x.t("CO2 seul", "CO2 only")],
                    items: years.map { year in
                        guard let kg = year.co2eKg else { return ChartItem(label: String(year.year), values: [], valueLabels: [noData]) }
                        let without = year.co2eKgWithoutNonCO2 ?? kg
                        return ChartItem(label: String(year.year), values: [kg / 1000, without / 1000], valueLabels: [x.number(kg / 1000, decimals: 1), x.number(without / 1000, decimals: 1)])
                    },
                    unit: "t")),
            .table(
                Table(
                    caption: x.t("Voyages comptés par année de départ (le total absolu est l'indicateur principal ; « pas de données » : aucun voyage réservé ou effectué enregistré)", "Counted trips by departure year (the absolute total is the main indicator; 'no data': no booked or travelled trip recorded)"),
                    header: [x.t("Année", "Year"), x.t("Voyages", "Trips"), x.t("Voyageur·ses", "Travellers"), x.t("t CO2e", "t CO2e"), x.t("t CO2 seul", "t CO2 only"), x.t("kg / voyageur·se", "kg / traveller")],
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
            x.factorSetPublication(set.id).map { [Span(set.id + x.t(" : ", ": "), strong: true), Span($0)] }
        }
        var blocks: [Block] = [
            .heading(level: 2, text: x.t("Annexe B — facteurs d'émission utilisés", "Annex B — emission factors used"), id: "annex-factors"),
        ]
        if !publications.isEmpty {
            blocks.append(.paragraph([Span(x.t("Publications d'origine (le fichier et la ligne renvoient à la copie dans Datasets/, avec sa colonne source) :", "Original publications (file and line point to the copy in Datasets/, with its source column):"))]))
            blocks.append(.bullets(publications))
        }
        blocks.append(
            .table(
                Table(
                    caption: x.t("kg CO2e par unité ; « avec » inclut les effets hors CO2 (vols)", "kg CO2e per unit; 'with' includes non-CO2 effects (flights)"),
                    header: [
                        x.t("Jeu", "Set"), x.t("Ligne", "Line"), x.t("Mode", "Mode"), x.t("Variante, région, bande", "Variant, region, band"),
                        x.t("Unité", "Unit"), x.t("Avec", "With"), x.t("Sans", "Without"), x.t("Amont", "Upstream"), x.t("Drapeaux", "Flags"),
                        x.t("Tronçons", "Legs"),
                    ], numeric: [1, 5, 6, 7, 9], rowCount: factors.count,
                    row: { index in
                        let f = factors[index]
                        var flags: [String] = []
                        if f.proxy { flags.append("PROXY") }
                        if f.estimate { flags.append(x.t("ESTIMATION", "ESTIMATE")) }
                        if !f.found { flags.append(x.t("absent des données", "not in the datasets")) }
                        return [
                            f.factorSetId, String(f.line), x.modeKey(f.mode),
                            [x.variant(f.variant), x.region(f.region), f.band ?? ""].filter { !$0.isEmpty }.joined(separator: ", "),
                            x.unit(f.unit), value(f.ttwKgPerUnit), value(f.ttwWithoutNonCO2KgPerUnit), value(f.wttKgPerUnit),
                            flags.joined(separator: ", "), x.integer(f.legs),
                        ]
                    }, emptyText: x.t("Aucun facteur utilisé.", "No factor used."))))
        blocks += [
            .heading(level: 2, text: x.t("Annexe C — barème Erasmus+ utilisé", "Annex C — Erasmus+ table used"), id: "annex-bands"),
            .table(
                Table(
                    caption: x.t("Montant par participant·e, aller-retour (funding/erasmus-plus-travel-bands.csv)", "Amount per participant, round trip (funding/erasmus-plus-travel-bands.csv)"),
                    header: [x.t("Bande", "Band"), x.t("Appels", "Calls"), x.t("Standard", "Standard"), x.t("Vert", "Green"), x.t("Drapeaux", "Flags"), x.t("Source", "Source")],
                    numeric: [2, 3], rowCount: bands.count,
                    row: { index in
                        let b = bands[index]
                        return [
                            b.label, String(b.firstCallYear) + (b.lastCallYear.map { "–" + String($0) } ?? x.t(" et suivants", " onwards")), x.eur(b.standardEur),
                            b.greenEur.map(x.eur) ?? "–", b.flags.isEmpty ? "" : x.t("NON CONFIRMÉ pour les appels après 2024", "UNCONFIRMED for calls after 2024"),
                            // The addresses only: the dataset's wording is English, the addresses read in any language.
                            "erasmus-plus-travel-bands.csv:\(b.line) " + urls(in: b.source).joined(separator: " "),
                        ]
                    }, emptyText: x.t("Aucune bande pour cette année d'appel.", "No band for this call year."))),
        ]
        return blocks
    }
}
