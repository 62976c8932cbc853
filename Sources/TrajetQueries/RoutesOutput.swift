import TrajetCore

/// Text rendering of `trajet routes`.
package enum RoutesText {
    package static func placeName(_ place: Place) -> String {
        if let iata = place.iataCode { return "\(place.city) (\(iata))" }
        return SearchText.fold(place.name) == SearchText.fold(place.city) ? place.name : "\(place.city) (\(place.name))"
    }

    package static func duration(_ minutes: Int, _ l: Localizer) -> String {
        let days = minutes / 1440
        let hours = (minutes % 1440) / 60
        let mins = minutes % 60
        let d = l.t("j", "d")
        if days > 0 { return "\(days) \(d) \(hours) h" }
        return mins == 0 ? "\(hours) h" : "\(hours) h \(mins < 10 ? "0" : "")\(mins)"
    }

    /// "day limit 10 h with minors": why the group sleeps in a hotel before a leg.
    package static func hotelReason(_ reason: HotelNightReason, _ l: Localizer) -> String {
        switch reason {
        case .dailyLimit(let minutes, let minors):
            let limit = duration(minutes, l)
            return minors
                ? l.t("limite de \(limit) de trajet par jour avec des mineurs", "day limit \(limit) with minors")
                : l.t("limite de \(limit) de trajet par jour", "day limit \(limit)")
        case .nextDeparture: return l.t("pas de départ avant le lendemain", "no departure before the next day")
        }
    }

    /// Where a hotel night is spent, as a coordinator reads it: the town, then the terminal the group sleeps near
    /// ("Casablanca (Mohammed V International Airport)"); the id only when the place is not in the network given.
    package static func sleepingPlace(_ id: PlaceID, _ network: Network) -> String {
        guard let place = network.place(id) else { return id.rawValue }
        if place.kind == .city || place.city.isEmpty || place.name == place.city { return place.name }
        return "\(place.city) (\(place.name))"
    }

    /// "fastest", "cheapest"…: the references an option stands for.
    package static func roleName(_ role: ItineraryRole, _ l: Localizer) -> String {
        switch role {
        case .fastest: l.t("le plus rapide", "fastest")
        case .lowestCarbon: l.t("le plus bas carbone", "lowest carbon")
        case .cheapest: l.t("le moins cher", "cheapest")
        case .lowestCarbonSurface: l.t("le plus bas carbone sans avion", "lowest carbon without flying")
        case .fewestFlights: l.t("le moins de vols", "fewest flights")
        }
    }

    /// "06:10" on the query's day, "06:10 +1 j" later: when the group leaves the origin.
    package static func leaveAt(_ it: Itinerary, from day: CalendarDay, _ l: Localizer) -> String {
        let later = it.departure.localDay.daysSinceEpoch - day.daysSinceEpoch
        return "\(it.departure.localTime)" + (later > 0 ? " +\(later) " + l.t("j", "d") : "")
    }

    package static func signed(_ value: Double, _ text: String) -> String { (value > 0 ? "+" : value < 0 ? "" : "±") + text }

    package static func comparison(_ c: ItineraryComparison, _ l: Localizer) -> String {
        let n = l.numbers
        let co2 = signed(c.co2eKgPerPerson, n.format(c.co2eKgPerPerson, decimals: 0))
        let percent = signed(c.co2ePercent, n.format(c.co2ePercent, decimals: 0))
        let hours = Double(c.durationMinutes) / 60
        let time = signed(hours, n.format(hours, decimals: 1)) + " h"
        let euros = Double(c.costCentsPerPerson) / 100
        let cost = signed(euros, n.eur(euros))
        return l.t(
            "\(co2) kg CO2e/pers. (\(percent) %), \(time), \(cost)",
            "\(co2) kg CO2e per person (\(percent) %), \(time), \(cost)")
    }

    /// `train → high-speed train ×3 → ferry → taxi`: walks left out, repeats counted.
    package static func rankName(_ rank: RankingProfile, _ l: Localizer) -> String {
        switch rank {
        case .co2: "CO2e"
        case .time: l.t("durée", "time")
        case .cost: l.t("coût", "cost")
        case .balanced: l.t("équilibré (CO2e, durée, coût, correspondances)", "balanced (CO2e, time, cost, changes)")
        }
    }

    package static func chain(_ itinerary: Itinerary, _ l: Localizer) -> String {
        var parts: [(TransportMode, Int)] = []
        for mode in itinerary.modeChain where mode != .walk {
            if let last = parts.last, last.0 == mode {
                parts[parts.count - 1].1 += 1
            } else {
                parts.append((mode, 1))
            }
        }
        return parts.map { $0.1 > 1 ? "\(l.mode($0.0)) ×\($0.1)" : l.mode($0.0) }.joined(separator: " → ")
    }

    package static func render(_ answer: RoutesAnswer, localizer l: Localizer, details: Bool) -> String {
        var lines: [String] = []
        let g = answer.group
        lines.append(
            "\(placeName(answer.origin)) → \(placeName(answer.destination)) · " + l.t("départ ", "departing ")
                + "\(answer.departureDay) "
                + (answer.departureTimeGiven
                    ? l.t("pas avant \(answer.earliestDeparture)", "not before \(answer.earliestDeparture)")
                    : l.t("(toute la journée dès \(answer.earliestDeparture))", "(any time from \(answer.earliestDeparture))"))
                + " · " + l.t("groupe de ", "group of ") + "\(g.people) (\(g.participants) + \(g.leaders)"
                + (g.minors ? l.t(", avec mineurs", ", with minors") : "") + ")")
        lines.append(
            l.t("Facteurs : ", "Factors: ") + "\(answer.factorSet.id) (\(answer.factorSet.name)) · "
                + l.t("classement : ", "ranking: ") + rankName(answer.rank, l))
        // Issue 14: access to the first/last station, options left out for minors.
        if let access = answer.notes.originAccess { lines.append(l.access(access, origin: true)) }
        if let access = answer.notes.destinationAccess { lines.append(l.access(access, origin: false)) }
        if let leftOut = answer.notes.leftOut { lines.append("⚠ " + l.leftOut(leftOut)) }
        lines.append("")
        lines.append(section(answer.outbound, title: l.t("Aller", "Outbound"), answer: answer, l: l, details: details))
        if let inbound = answer.inbound {
            lines.append("")
            lines.append(
                section(
                    inbound, title: l.t("Retour", "Return"), answer: answer, l: l, details: details,
                    day: answer.returnDay ?? answer.departureDay))
            let out = answer.outbound.itineraries[0]
            let back = inbound.itineraries[0]
            let n = l.numbers
            lines.append("")
            lines.append(
                l.t("Aller-retour (options n° 1) : ", "Round trip (options #1): ")
                    + n.kg(out.co2eKgPerPerson + back.co2eKgPerPerson) + l.t(" CO2e par personne", " CO2e per person")
                    + " (" + n.kg(out.footprint.perPerson.totalWithoutNonCO2Kg + back.footprint.perPerson.totalWithoutNonCO2Kg)
                    + l.t(" sans effets hors CO2", " without non-CO2 effects") + "), "
                    + n.format((out.footprint.group.totalKg + back.footprint.group.totalKg) / 1000, decimals: 2)
                    + l.t(" t pour le groupe", " t for the group") + ", " + l.t("nuits en route : ", "nights en route: ")
                    + "\(out.nightsEnRoute + back.nightsEnRoute)")
        }
        lines.append("")
        lines.append(
            l.t(
                "CO2e : du puits au sillage, avec effets hors CO2 (entre parenthèses : sans). € : billets + hôtels (ESTIMATION), par personne, aller simple.",
                "CO2e: well-to-wake with non-CO2 effects (in brackets: without). €: fares + hotels (ESTIMATE), per person, one way."))
        lines.append(
            l.t(
                "Horaires et tarifs à vérifier auprès des opérateurs ; * = chiffres estimés, ? = service non confirmé.",
                "Check timetables and fares with the operators; * = estimated figures, ? = service not confirmed."))
        lines.append(
            l.t(
                "!! = passe où les Affaires étrangères (diplomatie.belgium.be) déconseillent les voyages ; ! = vigilance accrue, ou conseils non vérifiés.",
                "!! = goes where the Belgian foreign ministry (diplomatie.belgium.be) advises against travel; ! = increased vigilance, or advice not checked."))
        return lines.joined(separator: "\n")
    }

    /// `day`: the day the direction was asked for (the return's for the return), from which "leave" counts days.
    package static func section(
        _ result: RouteSearchResult, title: String, answer: RoutesAnswer, l: Localizer, details: Bool,
        day: CalendarDay? = nil
    ) -> String {
        let n = l.numbers
        var lines = [
            "\(title) — " + l.t("\(result.optionCount) option(s) non dominée(s), \(result.itineraries.count) affichée(s)",
                "\(result.optionCount) non-dominated option(s), \(result.itineraries.count) shown")
        ]
        var table = TextTable(
            header: [
                "#", l.t("CO2e/pers.", "CO2e/person"), l.t("groupe", "group"), l.t("départ", "leave"),
                l.t("porte à porte", "door to door"), l.t("nuits", "nights"), l.t("€/pers.", "€/person"),
                l.t("corresp.", "changes"), l.t("modes", "modes"),
            ], rightAligned: [1, 2, 3, 4, 5, 6, 7])
        for (i, it) in result.itineraries.enumerated() {
            var marks = it.hasEstimates ? "*" : ""
            if it.hasUnconfirmedServices { marks += "?" }
            marks += answer.notes.marker(it)
            let cost = it.costCentsPerPerson
            table.add([
                "\(i + 1)\(marks)",
                n.format(it.co2eKgPerPerson, decimals: 0) + " (" + n.format(it.footprint.perPerson.totalWithoutNonCO2Kg, decimals: 0) + ") kg",
                n.format(it.footprint.group.totalKg / 1000, decimals: 2) + " t",
                leaveAt(it, from: day ?? answer.departureDay, l), duration(it.durationMinutes, l),
                "\(it.nightsEnRoute)", n.format(cost.minEur, decimals: 0) + "–" + n.format(cost.maxEur, decimals: 0) + " €"
                    + (it.legsWithoutFare > 0 ? "+" : ""),
                "\(it.changes)", chain(it, l),
            ])
        }
        lines.append(table.render())
        for (i, it) in result.itineraries.enumerated() {
            var notes: [String] = []
            let roles = result.roles(of: it)
            notes.append(contentsOf: roles.map { roleName($0, l) })
            if it != result.fastest {
                notes.append(l.t("vs le plus rapide : ", "vs fastest: ") + comparison(it.compared(to: result.fastest), l))
            }
            if it != result.lowestCarbon, result.lowestCarbon != result.fastest {
                notes.append(l.t("vs le plus bas carbone : ", "vs lowest carbon: ") + comparison(it.compared(to: result.lowestCarbon), l))
            }
            if it.hotelNights > 0 {
                notes.append(
                    l.t("\(it.hotelNights) nuit(s) d'hôtel", "\(it.hotelNights) hotel night(s)") + " ("
                        + n.format(it.hotelCostCentsPerPerson.minEur, decimals: 0) + "–"
                        + n.format(it.hotelCostCentsPerPerson.maxEur, decimals: 0) + " €" + l.t("/pers., ESTIMATION)", "/person, ESTIMATE)"))
                for item in it.legs where item.hotelNightsBefore > 0 {
                    notes.append(
                        l.t("nuit à ", "night in ") + sleepingPlace(item.leg.from, answer.notes.network)
                            + (item.hotelReason.map { l.t(" : ", ": ") + hotelReason($0, l) } ?? ""))
                }
            }
            if it.waitMinutes > 0 {
                notes.append(l.t("attentes : ", "waits: ") + duration(it.waitMinutes, l))
            }
            if it.nightsOnBoard > 0 { notes.append(l.t("\(it.nightsOnBoard) nuit(s) à bord", "\(it.nightsOnBoard) night(s) on board")) }
            if it.legsWithoutFare > 0 {
                notes.append(l.t("\(it.legsWithoutFare) trajet(s) sans tarif connu", "\(it.legsWithoutFare) leg(s) without a known fare"))
            }
            lines.append("  \(i + 1). " + notes.joined(separator: " · "))
            lines += adviceLines(it, answer.notes, l)
            if details { lines.append(legDetails(it, l, notes: answer.notes)) }
        }
        return lines.joined(separator: "\n")
    }

    /// The travel advice, entry rules and old timetables of an option, one line each.
    package static func adviceLines(_ it: Itinerary, _ notes: RouteNotes, _ l: Localizer) -> [String] {
        var lines: [String] = []
        let rows = notes.advice(it)
        for row in rows where row.level >= .increasedVigilance {
            lines.append("     ⚠ " + l.t("Conseils aux voyageurs — ", "Travel advice — ") + l.advice(row))
        }
        let unchecked = rows.filter { $0.level == .notChecked }
        if !unchecked.isEmpty { lines.append("     ⚠ " + l.adviceNotChecked(unchecked)) }
        for rule in notes.entryRules(it) { lines.append("     ⚑ " + l.t("Entrée — ", "Entry — ") + l.entryRule(rule)) }
        var staleSeen = Set<String>()
        for item in it.legs where notes.isStale(item.leg) && staleSeen.insert(item.leg.id.rawValue).inserted {
            lines.append("     ⏱ [\(item.leg.id)] " + l.staleTimetable(item.leg))
        }
        return lines
    }

    /// What a coordinator must know about a leg's figures: estimates, unconfirmed service, old timetable, proxy
    /// factors (the CLI's `--details` and the web page's option details).
    package static func legFlags(_ item: ItineraryLeg, _ routeNotes: RouteNotes, _ l: Localizer) -> [String] {
        let leg = item.leg
        var flags: [String] = []
        if leg.distanceEstimated { flags.append(l.t("distance estimée", "distance estimated")) }
        if leg.durationEstimated { flags.append(l.t("durée estimée", "duration estimated")) }
        if leg.fareEstimated { flags.append(l.t("tarif estimé", "fare estimated")) }
        if leg.frequencyEstimated { flags.append(l.t("fréquence estimée", "frequency estimated")) }
        if leg.serviceUnconfirmed { flags.append(l.t("service NON CONFIRMÉ", "service UNCONFIRMED")) }
        if routeNotes.isStale(leg) { flags.append(l.staleTimetable(leg)) }
        if leg.departureTimes.isEmpty && leg.servicesPerWeek < 7 {
            flags.append(
                l.t(
                    "moins d'un départ par jour, horaire inconnu : choisir la date en fonction",
                    "less than daily, timetable unknown: choose the date to match"))
        }
        for note in item.footprint.notes where note == .proxyFactor || note == .estimatedFactor {
            flags.append(note == .proxyFactor ? "PROXY" : l.t("facteur ESTIMÉ", "factor ESTIMATE"))
        }
        return flags
    }

    package static func legDetails(_ it: Itinerary, _ l: Localizer, notes routeNotes: RouteNotes = .none) -> String {
        let n = l.numbers
        let firstDay = it.departure.localDay.daysSinceEpoch
        func stamp(_ t: TripTime) -> String {
            l.t("J", "D") + "\(t.localDay.daysSinceEpoch - firstDay + 1) \(t.localTime)"
        }
        var lines: [String] = []
        for item in it.legs {
            let leg = item.leg
            if item.hotelNightsBefore > 0 {
                lines.append(
                    "       🛏 " + l.t("\(item.hotelNightsBefore) nuit(s) à l'hôtel à ", "\(item.hotelNightsBefore) night(s) in a hotel in ")
                        + sleepingPlace(leg.from, routeNotes.network) + (item.hotelReason.map { " — " + hotelReason($0, l) } ?? ""))
            }
            if item.waitMinutesBefore > 0 {
                lines.append(
                    "       ⏳ " + l.t("attente \(duration(item.waitMinutesBefore, l)) à ", "wait \(duration(item.waitMinutesBefore, l)) at ")
                        + "\(leg.from)" + l.t(" (en plus de la correspondance minimale de ", " (beyond the minimum change of ")
                        + duration(item.connectionMinutesBefore, l) + ")")
            }
            let flags = legFlags(item, routeNotes, l)
            let stale = routeNotes.isStale(leg)
            let fare = leg.fare.map { n.format($0.minEur, decimals: 0) + "–" + n.format($0.maxEur, decimals: 0) + " €" } ?? l.t("tarif inconnu", "fare unknown")
            // An old timetable's times are an indication, not a booking time: marked "≈".
            let approx = stale ? "≈" : ""
            lines.append(
                "     \(approx)\(stamp(item.departure)) → \(approx)\(stamp(item.arrival))  \(l.mode(leg.mode)) [\(leg.id)] "
                    + (leg.operatorName.isEmpty ? "" : "\(leg.operatorName), ") + "\(leg.from) → \(leg.to), "
                    + n.km(leg.distanceKm) + ", " + n.kg(item.footprint.perPerson.totalKg) + l.t(" CO2e/pers., ", " CO2e/person, ")
                    + fare)
            if !flags.isEmpty { lines.append("         ⚠ " + flags.joined(separator: ", ")) }
            for row in routeNotes.advice(leg) where row.level >= .increasedVigilance {
                lines.append("         ⚠ " + l.advice(row) + " — " + l.t(row.summaryFR, row.summaryEN))
            }
            // Derived SNCB legs: the rule that made every figure.
            if leg.id.rawValue.hasPrefix("SNCB:") { lines.append("         " + leg.notes) }
            lines.append(
                "         " + l.t("source : ", "source: ") + leg.source
                    + (leg.checkedOn.map { l.t(" · vérifié le ", " · checked ") + $0.description } ?? ""))
        }
        return lines.joined(separator: "\n")
    }
}

/// CSV of `trajet routes --format csv`: one row per itinerary (and direction), for spreadsheets.
package enum RoutesCSV {
    package static func render(_ answer: RoutesAnswer) -> String {
        var rows = [
            [
                "direction", "rank", "modes", "legs", "co2e_kg_per_person", "co2e_kg_per_person_without_non_co2",
                "co2e_kg_group", "duration_minutes", "nights_en_route", "hotel_nights", "cost_eur_min", "cost_eur_max",
                "changes", "delta_co2e_kg_vs_fastest", "delta_minutes_vs_fastest", "has_estimates", "unconfirmed",
                // Issue 14: travel advice (most serious level and the rows' ids) and legs with an old timetable.
                "travel_advice_level", "travel_advice", "stale_timetable_legs",
                "leave_at", "wait_minutes", "hotel_night_reasons", "roles",
            ]
        ]
        func add(_ result: RouteSearchResult, _ direction: String) {
            for (i, it) in result.itineraries.enumerated() {
                let c = it.compared(to: result.fastest)
                rows.append([
                    direction, "\(i + 1)", it.modeChain.map(\.rawValue).joined(separator: ">"),
                    it.legs.map(\.leg.id.rawValue).joined(separator: ">"), "\(rounded(it.co2eKgPerPerson))",
                    "\(rounded(it.footprint.perPerson.totalWithoutNonCO2Kg))", "\(rounded(it.footprint.group.totalKg))",
                    "\(it.durationMinutes)", "\(it.nightsEnRoute)", "\(it.hotelNights)", "\(it.costCentsPerPerson.minEur)",
                    "\(it.costCentsPerPerson.maxEur)", "\(it.changes)", "\(rounded(c.co2eKgPerPerson))", "\(c.durationMinutes)",
                    it.hasEstimates ? "yes" : "no", it.hasUnconfirmedServices ? "yes" : "no",
                    answer.notes.advice(it).first?.level.rawValue ?? "",
                    answer.notes.advice(it).map(\.id).joined(separator: ">"),
                    it.legs.filter { answer.notes.isStale($0.leg) }.map(\.leg.id.rawValue).joined(separator: ">"),
                    it.departure.iso8601, "\(it.waitMinutes)",
                    it.legs.filter { $0.hotelNightsBefore > 0 }.map { "\($0.leg.from):\($0.hotelReason?.code ?? "")" }
                        .joined(separator: ";"),
                    result.roles(of: it).map(\.rawValue).joined(separator: ";"),
                ])
            }
        }
        add(answer.outbound, "outbound")
        if let inbound = answer.inbound { add(inbound, "return") }
        return rows.map { $0.map(csvField).joined(separator: ",") }.joined(separator: "\n") + "\n"
    }

    package static func csvField(_ text: String) -> String { CSVCell.escape(text) }
}
