import TrajetAPI
import TrajetCore
import TrajetQueries

/// A route search's answer as openapi.yaml's `RoutesResult`: `GET /v1/routes` returns it and
/// `trajet routes --format json` prints it, so both doors answer the same document.
extension Components.Schemas.RoutesResult {
    package init(_ answer: RoutesAnswer, localizer l: Localizer) throws(ContractMismatch) {
        let notes = answer.notes
        var back: ReturnPayload?
        var roundTrip: RoundTripPayload?
        if let inbound = answer.inbound {
            back = ReturnPayload(
                from: .init(answer.destination), to: .init(answer.origin), optionCount: inbound.optionCount,
                itineraries: try Components.Schemas.Itinerary.list(inbound, l, notes))
            let out = answer.outbound.itineraries[0]
            let home = inbound.itineraries[0]
            roundTrip = RoundTripPayload(
                co2eKgPerPerson: rounded(out.co2eKgPerPerson + home.co2eKgPerPerson),
                co2eKgPerPersonWithoutNonCO2: rounded(
                    out.footprint.perPerson.totalWithoutNonCO2Kg + home.footprint.perPerson.totalWithoutNonCO2Kg),
                co2eKgGroup: rounded(out.footprint.group.totalKg + home.footprint.group.totalKg),
                nightsEnRoute: out.nightsEnRoute + home.nightsEnRoute,
                costEurPerPerson: .init(out.costCentsPerPerson + home.costCentsPerPerson))
        }
        self.init(
            from: .init(answer.origin), to: .init(answer.destination), departureDate: answer.departureDay.description,
            group: .init(answer.group), minors: answer.group.minors, factorSet: .init(answer.factorSet),
            rank: answer.rank.rawValue, optionCount: answer.outbound.optionCount,
            itineraries: try Components.Schemas.Itinerary.list(answer.outbound, l, notes), _return: back,
            roundTrip: roundTrip, originAccess: notes.originAccess.map(Components.Schemas.Access.init),
            destinationAccess: notes.destinationAccess.map(Components.Schemas.Access.init),
            leftOutForTravelAdvice: notes.leftOut.map {
                LeftOutForTravelAdvicePayload(count: $0.count, adviceIds: $0.advice.map(\.id), summary: l.leftOut($0))
            })
    }
}

extension Components.Schemas.Itinerary {
    /// The options of one direction, best first (`rank` 1…).
    static func list(_ result: RouteSearchResult, _ l: Localizer, _ notes: RouteNotes) throws(ContractMismatch)
        -> [Self]
    {
        var list: [Self] = []
        list.reserveCapacity(result.itineraries.count)
        for (index, it) in result.itineraries.enumerated() {
            var legs: [Components.Schemas.RouteLeg] = []
            legs.reserveCapacity(it.legs.count)
            for item in it.legs { legs.append(try .init(item, l, notes)) }
            var roles: RolesPayload = []
            for role in result.roles(of: it) { roles.append(try ContractMismatch.value(role.rawValue, "Itinerary.roles")) }
            list.append(
                Self(
                    rank: index + 1, modes: it.modeChain.map(\.rawValue), summary: RoutesText.chain(it, l),
                    departure: it.departure.iso8601, arrival: it.arrival.iso8601, legs: legs,
                    totals: TotalsPayload(
                        co2eKgPerPerson: rounded(it.co2eKgPerPerson),
                        co2eKgPerPersonWithoutNonCO2: rounded(it.footprint.perPerson.totalWithoutNonCO2Kg),
                        co2eKgGroup: rounded(it.footprint.group.totalKg),
                        co2eKgGroupWithoutNonCO2: rounded(it.footprint.group.totalWithoutNonCO2Kg),
                        durationMinutes: it.durationMinutes, travelDays: it.travelDays, nightsEnRoute: it.nightsEnRoute,
                        hotelNights: it.hotelNights, nightsOnBoard: it.nightsOnBoard,
                        costEurPerPerson: .init(it.costCentsPerPerson),
                        hotelCostEurPerPerson: .init(it.hotelCostCentsPerPerson),
                        legsWithoutFare: it.legsWithoutFare, changes: it.changes, waitMinutes: it.waitMinutes),
                    isFastest: it == result.fastest, isLowestCarbon: it == result.lowestCarbon,
                    comparedToFastest: .init(it.compared(to: result.fastest)),
                    comparedToLowestCarbon: .init(it.compared(to: result.lowestCarbon)),
                    hasEstimates: it.hasEstimates, hasUnconfirmedServices: it.hasUnconfirmedServices,
                    travelAdvice: try notes.advice(it).map { row throws(ContractMismatch) in try .init(row, l) },
                    entryRules: notes.entryRules(it).map { .init($0, l) }, leaveAt: it.departure.iso8601, roles: roles))
        }
        return list
    }
}

extension Components.Schemas.RouteLeg {
    init(_ item: ItineraryLeg, _ l: Localizer, _ notes: RouteNotes) throws(ContractMismatch) {
        let leg = item.leg
        let f = item.footprint
        let reason: HotelNightReasonPayload?
        if item.hotelNightsBefore > 0, let code = item.hotelReason?.code {
            reason = try ContractMismatch.value(code, "RouteLeg.hotelNightReason")
        } else {
            reason = nil
        }
        self.init(
            id: leg.id.rawValue, from: leg.from.rawValue, to: leg.to.rawValue, mode: leg.mode.rawValue,
            _operator: leg.operatorName, departure: item.departure.iso8601, arrival: item.arrival.iso8601,
            durationMinutes: item.arrival.utcMinutes - item.departure.utcMinutes, distanceKm: rounded(f.distanceKm, 1),
            distanceBasis: f.distanceBasis.identifier, co2eKgPerPerson: rounded(f.perPerson.totalKg),
            co2eKgPerPersonWithoutNonCO2: rounded(f.perPerson.totalWithoutNonCO2Kg), co2eKgGroup: rounded(f.group.totalKg),
            vehicles: f.vehicles, hotelNightsBefore: item.hotelNightsBefore, nightsOnBoard: item.nightsOnBoard,
            overnight: leg.overnight, fareEurPerPerson: leg.fare.map(Components.Schemas.Money.init),
            estimates: .init(
                distance: leg.distanceEstimated, duration: leg.durationEstimated, fare: leg.fareEstimated,
                frequency: leg.frequencyEstimated),
            serviceUnconfirmed: leg.serviceUnconfirmed, timetableKnown: !leg.departureTimes.isEmpty,
            servicesPerWeek: leg.servicesPerWeek,
            factor: .init(
                factorSet: f.factorUse.factorSetID.rawValue, file: f.factorUse.file, line: f.factorUse.line,
                reference: f.factorUse.factor.reference, proxy: f.factorUse.factor.isProxy,
                estimate: f.factorUse.factor.isEstimate),
            notes: f.notes.map(\.rawValue), source: leg.source,
            connectionMinutesBefore: item.connectionMinutesBefore, waitMinutesBefore: item.waitMinutesBefore,
            hotelNightReason: reason,
            hotelNightReasonText: reason == nil ? nil : item.hotelReason.map { RoutesText.hotelReason($0, l) },
            dataAge: .init(
                checkedOn: leg.checkedOn?.description, timetableYear: leg.timetableYear, stale: notes.isStale(leg)),
            travelAdvice: notes.advice(leg).map(\.id))
    }
}

extension Components.Schemas.TravelAdvice {
    init(_ row: TrajetCore.TravelAdvice, _ l: Localizer) throws(ContractMismatch) {
        self.init(
            id: row.id, country: row.countryCode, area: row.area,
            level: try ContractMismatch.value(row.level.rawValue, "TravelAdvice.level"),
            summary: l.t(row.summaryFR, row.summaryEN), adviceDate: row.adviceDate, checkedOn: row.checkedOn.description,
            sourceUrl: row.sourceURL, source: row.source, unconfirmed: row.unconfirmed)
    }
}

extension Components.Schemas.EntryRule {
    /// Each rule in the caller's language; empty when not checked.
    init(_ rule: TrajetCore.EntryRule, _ l: Localizer) {
        self.init(
            country: rule.countryCode, visa: l.t(rule.visa.fr, rule.visa.en),
            minorsAuthorisation: l.t(rule.minorsAuthorisation.fr, rule.minorsAuthorisation.en),
            yellowFeverCertificate: l.t(rule.yellowFeverCertificate.fr, rule.yellowFeverCertificate.en),
            checkedOn: rule.checkedOn.description, sourceUrl: rule.sourceURL, source: rule.source,
            unconfirmed: rule.unconfirmed)
    }
}

extension Components.Schemas.Access {
    init(_ access: PlaceResolver.Access) {
        self.init(typed: access.typed, station: access.station.id.rawValue, distanceKm: rounded(access.distanceKm, 1))
    }
}

extension Components.Schemas.Money {
    init(_ fare: FareRange) { self.init(min: fare.minEur, max: fare.maxEur) }
}

extension Components.Schemas.Comparison {
    init(_ c: ItineraryComparison) {
        self.init(
            co2eKgPerPerson: rounded(c.co2eKgPerPerson), co2ePercent: rounded(c.co2ePercent, 1),
            durationMinutes: c.durationMinutes, costEurPerPerson: Double(c.costCentsPerPerson) / 100)
    }
}
