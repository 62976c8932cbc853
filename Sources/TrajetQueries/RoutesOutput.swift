import TrajetCore

/// Text rendering of `trajet routes`.
package enum RoutesText {
    package static func placeName(_ place: Place) -> String {
        if let iata = place.iataCode { return "\(place.city) (\(iata))" }
        return SearchText.fold(place.name) == SearchText.fold(place.city) ? place.name : "\(place.city) (\(place.name))"
    }

    /// The first options each way added up (per person with and without non-CO2, the group in tonnes, nights en
    /// route): the line under a return trip, in the CLI's table and on the web page alike.
    package static func roundTripSentence(outbound out: Itinerary, back: Itinerary, _ l: Localizer) -> String {
        let n = l.numbers
        return l.w("text.round-trip-options-1")
            + n.kg(out.co2eKgPerPerson + back.co2eKgPerPerson) + l.w("text.co2e-per-person")
            + " (" + n.kg(out.footprint.perPerson.totalWithoutNonCO2Kg + back.footprint.perPerson.totalWithoutNonCO2Kg)
            + l.w("text.without-non-co2-effects") + "), "
            + n.format((out.footprint.group.totalKg + back.footprint.group.totalKg) / 1000, decimals: 2)
            + l.w("text.t-for-the-group") + ", " + l.w("text.nights-en-route")
            + "\(out.nightsEnRoute + back.nightsEnRoute)"
    }

    package static func duration(_ minutes: Int, _ l: Localizer) -> String {
        let days = minutes / 1440
        let hours = (minutes % 1440) / 60
        let mins = minutes % 60
        let d = l.w("text.d")
        if days > 0 { return "\(days) \(d) \(hours) h" }
        return mins == 0 ? "\(hours) h" : "\(hours) h \(mins < 10 ? "0" : "")\(mins)"
    }

    /// "day limit 10 h with minors": why the group sleeps in a hotel before a leg.
    package static func hotelReason(_ reason: HotelNightReason, _ l: Localizer) -> String {
        switch reason {
        case .dailyLimit(let minutes, let minors):
            let limit = duration(minutes, l)
            return minors
                ? l.w("text.day-limit-with-minors", "\(limit)")
                : l.w("text.day-limit", "\(limit)")
        case .nextDeparture: return l.w("text.no-departure-before-the-next-day")
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
        case .fastest: l.w("text.fastest")
        case .lowestCarbon: l.w("text.lowest-carbon")
        case .cheapest: l.w("text.cheapest")
        case .lowestCarbonSurface: l.w("text.lowest-carbon-without-flying")
        case .fewestFlights: l.w("text.fewest-flights")
        }
    }

    /// "06:10" on the query's day, "06:10 +1 j" later: when the group leaves the origin.
    package static func leaveAt(_ it: Itinerary, from day: CalendarDay, _ l: Localizer) -> String {
        let later = it.departure.localDay.daysSinceEpoch - day.daysSinceEpoch
        return "\(it.departure.localTime)" + (later > 0 ? " +\(later) " + l.w("text.d") : "")
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
        return l.w("text.kg-co2e-per-person", "\(co2)", "\(percent)", "\(time)", "\(cost)")
    }

    /// `train → high-speed train ×3 → ferry → taxi`: walks left out, repeats counted.
    package static func rankName(_ rank: RankingProfile, _ l: Localizer) -> String {
        switch rank {
        case .co2: "CO2e"
        case .time: l.w("text.time")
        case .cost: l.w("text.cost")
        case .balanced: l.w("text.balanced-co2e-time-cost-changes")
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
            "\(placeName(answer.origin)) → \(placeName(answer.destination)) · " + l.w("text.departing")
                + "\(answer.departureDay) "
                + (answer.departureTimeGiven
                    ? l.w("text.not-before", "\(answer.earliestDeparture)")
                    : l.w("text.any-time-from", "\(answer.earliestDeparture)"))
                + " · " + l.w("text.group-of") + "\(g.people) (\(g.participants) + \(g.leaders)"
                + (g.minors ? l.w("text.with-minors") : "") + ")")
        lines.append(
            l.w("text.factors") + "\(answer.factorSet.id) (\(answer.factorSet.name)) · "
                + l.w("text.ranking") + rankName(answer.rank, l))
        // Issue 14: access to the first/last station, options left out for minors.
        if let access = answer.notes.originAccess { lines.append(l.access(access, origin: true)) }
        if let access = answer.notes.destinationAccess { lines.append(l.access(access, origin: false)) }
        if let leftOut = answer.notes.leftOut { lines.append("⚠ " + l.leftOut(leftOut)) }
        lines.append("")
        lines.append(section(answer.outbound, title: l.w("cli.outbound"), answer: answer, l: l, details: details))
        if let inbound = answer.inbound {
            lines.append("")
            lines.append(
                section(
                    inbound, title: l.w("cli.return-2"), answer: answer, l: l, details: details,
                    day: answer.returnDay ?? answer.departureDay))
            lines.append("")
            lines.append(roundTripSentence(outbound: answer.outbound.itineraries[0], back: inbound.itineraries[0], l))
        }
        lines.append("")
        lines.append(
            l.w("text.co2e-well-to-wake-with-non"))
        lines.append(
            l.w("text.check-timetables-and-fares-with-the"))
        lines.append(
            l.w("text.goes-where-the-belgian-foreign-ministry"))
        return lines.joined(separator: "\n")
    }

    /// `day`: the day the direction was asked for (the return's for the return), from which "leave" counts days.
    package static func section(
        _ result: RouteSearchResult, title: String, answer: RoutesAnswer, l: Localizer, details: Bool,
        day: CalendarDay? = nil
    ) -> String {
        let n = l.numbers
        var lines = [
            "\(title) — " + l.w("text.non-dominated-option-s-shown", "\(result.optionCount)", "\(result.itineraries.count)")
        ]
        var table = TextTable(
            header: [
                "#", l.w("cli.co2e-person"), l.w("text.group-2"), l.w("text.leave"),
                l.w("text.door-to-door"), l.w("text.nights"), l.w("text.person"),
                l.w("text.changes"), l.w("text.modes"),
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
                notes.append(l.w("text.vs-fastest") + comparison(it.compared(to: result.fastest), l))
            }
            if it != result.lowestCarbon, result.lowestCarbon != result.fastest {
                notes.append(l.w("text.vs-lowest-carbon") + comparison(it.compared(to: result.lowestCarbon), l))
            }
            if it.hotelNights > 0 {
                notes.append(
                    l.w("text.hotel-night-s", "\(it.hotelNights)") + " ("
                        + n.format(it.hotelCostCentsPerPerson.minEur, decimals: 0) + "–"
                        + n.format(it.hotelCostCentsPerPerson.maxEur, decimals: 0) + " €" + l.w("text.person-estimate"))
                for item in it.legs where item.hotelNightsBefore > 0 {
                    notes.append(
                        l.w("text.night-in") + sleepingPlace(item.leg.from, answer.notes.network)
                            + (item.hotelReason.map { l.w("report.colon") + hotelReason($0, l) } ?? ""))
                }
            }
            if it.waitMinutes > 0 {
                notes.append(l.w("text.waits") + duration(it.waitMinutes, l))
            }
            if it.nightsOnBoard > 0 { notes.append(l.w("text.night-s-on-board", "\(it.nightsOnBoard)")) }
            if it.legsWithoutFare > 0 {
                notes.append(l.w("text.leg-s-without-a-known-fare", "\(it.legsWithoutFare)"))
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
            lines.append("     ⚠ " + l.w("text.travel-advice") + l.advice(row))
        }
        let unchecked = rows.filter { $0.level == .notChecked }
        if !unchecked.isEmpty { lines.append("     ⚠ " + l.adviceNotChecked(unchecked)) }
        for rule in notes.entryRules(it) { lines.append("     ⚑ " + l.w("text.entry") + l.entryRule(rule)) }
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
        if leg.distanceEstimated { flags.append(l.w("text.distance-estimated")) }
        if leg.durationEstimated { flags.append(l.w("text.duration-estimated")) }
        if leg.fareEstimated { flags.append(l.w("text.fare-estimated")) }
        if leg.frequencyEstimated { flags.append(l.w("text.frequency-estimated")) }
        if leg.serviceUnconfirmed { flags.append(l.w("text.service-unconfirmed")) }
        if routeNotes.isStale(leg) { flags.append(l.staleTimetable(leg)) }
        if leg.departureTimes.isEmpty && leg.servicesPerWeek < 7 {
            flags.append(
                l.w("text.less-than-daily-timetable-unknown-choose"))
        }
        for note in item.footprint.notes where note == .proxyFactor || note == .estimatedFactor {
            flags.append(note == .proxyFactor ? "PROXY" : l.w("text.factor-estimate"))
        }
        return flags
    }

    package static func legDetails(_ it: Itinerary, _ l: Localizer, notes routeNotes: RouteNotes = .none) -> String {
        let n = l.numbers
        let firstDay = it.departure.localDay.daysSinceEpoch
        func stamp(_ t: TripTime) -> String {
            l.w("text.d-2") + "\(t.localDay.daysSinceEpoch - firstDay + 1) \(t.localTime)"
        }
        var lines: [String] = []
        for item in it.legs {
            let leg = item.leg
            if item.hotelNightsBefore > 0 {
                lines.append(
                    "       🛏 " + l.w("text.night-s-in-a-hotel-in", "\(item.hotelNightsBefore)")
                        + sleepingPlace(leg.from, routeNotes.network) + (item.hotelReason.map { " — " + hotelReason($0, l) } ?? ""))
            }
            if item.waitMinutesBefore > 0 {
                lines.append(
                    "       ⏳ " + l.w("text.wait-at", "\(duration(item.waitMinutesBefore, l))")
                        + "\(leg.from)" + l.w("text.beyond-the-minimum-change-of")
                        + duration(item.connectionMinutesBefore, l) + ")")
            }
            let flags = legFlags(item, routeNotes, l)
            let stale = routeNotes.isStale(leg)
            let fare = leg.fare.map { n.format($0.minEur, decimals: 0) + "–" + n.format($0.maxEur, decimals: 0) + " €" } ?? l.w("text.fare-unknown")
            // An old timetable's times are an indication, not a booking time: marked "≈".
            let approx = stale ? "≈" : ""
            lines.append(
                "     \(approx)\(stamp(item.departure)) → \(approx)\(stamp(item.arrival))  \(l.mode(leg.mode)) [\(leg.id)] "
                    + (leg.operatorName.isEmpty ? "" : "\(leg.operatorName), ") + "\(leg.from) → \(leg.to), "
                    + n.km(leg.distanceKm) + ", " + n.kg(item.footprint.perPerson.totalKg) + l.w("text.co2e-person")
                    + fare)
            if !flags.isEmpty { lines.append("         ⚠ " + flags.joined(separator: ", ")) }
            for row in routeNotes.advice(leg) where row.level >= .increasedVigilance {
                lines.append("         ⚠ " + l.advice(row) + " — " + l.t(row.summaryFR, row.summaryEN))
            }
            // Derived SNCB legs: the rule that made every figure.
            if leg.id.rawValue.hasPrefix("SNCB:") { lines.append("         " + leg.notes) }
            lines.append(
                "         " + l.w("cli.source") + leg.source
                    + (leg.checkedOn.map { l.w("text.checked-2") + $0.description } ?? ""))
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
