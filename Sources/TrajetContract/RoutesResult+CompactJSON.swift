import TrajetAPI
import TrajetQueries

/// `RoutesResult` as `JSONEncoder` with `.sortedKeys` encodes it (the generated layer's setting), about nine times
/// faster: 0.2 ms instead of 1.9 ms for a 63 KB return-trip answer, where the whole search takes about 0.1 ms
/// (docs/performance.md). The writer walks the generated type itself, so a field added to openapi.yaml changes the
/// type it reads; `AnswerContractTests` compares its bytes with `JSONEncoder`'s on every golden answer, and debug
/// servers on every answer they send.
extension Components.Schemas.RoutesResult {
    package func compactJSON() throws(CompactJSONError) -> [UInt8] {
        var w = CompactJSONWriter(capacity: 32_768)
        w.openObject()
        w.field("departureDate", departureDate)
        if let destinationAccess {
            w.key("destinationAccess")
            Self.write(destinationAccess, &w)
        }
        w.key("factorSet")
        Self.write(factorSet, &w)
        w.key("from")
        Self.write(from, &w)
        w.key("group")
        w.openObject()
        w.field("leaders", group.leaders)
        w.field("participants", group.participants)
        w.field("people", group.people)
        w.closeObject()
        w.key("itineraries")
        Self.write(itineraries, &w)
        if let leftOut = leftOutForTravelAdvice {
            w.key("leftOutForTravelAdvice")
            w.openObject()
            w.key("adviceIds")
            Self.write(leftOut.adviceIds, &w)
            w.field("count", leftOut.count)
            w.field("summary", leftOut.summary)
            w.closeObject()
        }
        w.field("minors", minors)
        w.field("optionCount", optionCount)
        if let originAccess {
            w.key("originAccess")
            Self.write(originAccess, &w)
        }
        w.field("rank", rank)
        if let back = _return {
            w.key("return")
            w.openObject()
            w.key("from")
            Self.write(back.from, &w)
            w.key("itineraries")
            Self.write(back.itineraries, &w)
            w.field("optionCount", back.optionCount)
            w.key("to")
            Self.write(back.to, &w)
            w.closeObject()
        }
        if let roundTrip {
            w.key("roundTrip")
            w.openObject()
            w.field("co2eKgGroup", roundTrip.co2eKgGroup)
            w.field("co2eKgPerPerson", roundTrip.co2eKgPerPerson)
            w.field("co2eKgPerPersonWithoutNonCO2", roundTrip.co2eKgPerPersonWithoutNonCO2)
            w.key("costEurPerPerson")
            Self.write(roundTrip.costEurPerPerson, &w)
            w.field("nightsEnRoute", roundTrip.nightsEnRoute)
            w.closeObject()
        }
        w.key("to")
        Self.write(to, &w)
        w.closeObject()
        return try w.finish()
    }

    private static func write(_ strings: [String], _ w: inout CompactJSONWriter) {
        w.openArray()
        for text in strings {
            w.element()
            w.string(text)
        }
        w.closeArray()
    }

    private static func write(_ place: Components.Schemas.PlaceRef, _ w: inout CompactJSONWriter) {
        w.openObject()
        w.field("city", place.city)
        w.field("country", place.country)
        w.field("id", place.id)
        w.field("kind", place.kind)
        w.field("name", place.name)
        w.closeObject()
    }

    private static func write(_ set: Components.Schemas.FactorSetRef, _ w: inout CompactJSONWriter) {
        w.openObject()
        w.field("id", set.id)
        w.field("name", set.name)
        w.field("nonCO2Method", set.nonCO2Method)
        w.field("publisher", set.publisher)
        w.field("version", set.version)
        w.field("year", set.year)
        w.closeObject()
    }

    private static func write(_ money: Components.Schemas.Money, _ w: inout CompactJSONWriter) {
        w.openObject()
        w.field("max", money.max)
        w.field("min", money.min)
        w.closeObject()
    }

    private static func write(_ c: Components.Schemas.Comparison, _ w: inout CompactJSONWriter) {
        w.openObject()
        w.field("co2eKgPerPerson", c.co2eKgPerPerson)
        w.field("co2ePercent", c.co2ePercent)
        w.field("costEurPerPerson", c.costEurPerPerson)
        w.field("durationMinutes", c.durationMinutes)
        w.closeObject()
    }

    private static func write(_ access: Components.Schemas.Access, _ w: inout CompactJSONWriter) {
        w.openObject()
        w.field("distanceKm", access.distanceKm)
        w.field("station", access.station)
        w.field("typed", access.typed)
        w.closeObject()
    }

    private static func write(_ rows: [Components.Schemas.TravelAdvice], _ w: inout CompactJSONWriter) {
        w.openArray()
        for row in rows {
            w.element()
            w.openObject()
            w.field("adviceDate", row.adviceDate)
            w.field("area", row.area)
            w.field("checkedOn", row.checkedOn)
            w.field("country", row.country)
            w.field("id", row.id)
            w.field("level", row.level.rawValue)
            w.field("source", row.source)
            w.field("sourceUrl", row.sourceUrl)
            w.field("summary", row.summary)
            w.field("unconfirmed", row.unconfirmed)
            w.closeObject()
        }
        w.closeArray()
    }

    private static func write(_ rows: [Components.Schemas.EntryRule], _ w: inout CompactJSONWriter) {
        w.openArray()
        for row in rows {
            w.element()
            w.openObject()
            w.field("checkedOn", row.checkedOn)
            w.field("country", row.country)
            w.field("minorsAuthorisation", row.minorsAuthorisation)
            w.field("source", row.source)
            w.field("sourceUrl", row.sourceUrl)
            w.field("unconfirmed", row.unconfirmed)
            w.field("visa", row.visa)
            w.field("yellowFeverCertificate", row.yellowFeverCertificate)
            w.closeObject()
        }
        w.closeArray()
    }

    private static func write(_ itineraries: [Components.Schemas.Itinerary], _ w: inout CompactJSONWriter) {
        w.openArray()
        for it in itineraries {
            w.element()
            w.openObject()
            w.field("arrival", it.arrival)
            w.key("comparedToFastest")
            write(it.comparedToFastest, &w)
            w.key("comparedToLowestCarbon")
            write(it.comparedToLowestCarbon, &w)
            w.field("departure", it.departure)
            if let entryRules = it.entryRules {
                w.key("entryRules")
                write(entryRules, &w)
            }
            w.field("hasEstimates", it.hasEstimates)
            w.field("hasUnconfirmedServices", it.hasUnconfirmedServices)
            w.field("isFastest", it.isFastest)
            w.field("isLowestCarbon", it.isLowestCarbon)
            if let leaveAt = it.leaveAt { w.field("leaveAt", leaveAt) }
            w.key("legs")
            w.openArray()
            for leg in it.legs {
                w.element()
                write(leg, &w)
            }
            w.closeArray()
            w.key("modes")
            write(it.modes, &w)
            w.field("rank", it.rank)
            if let roles = it.roles {
                w.key("roles")
                write(roles.map(\.rawValue), &w)
            }
            w.field("summary", it.summary)
            let t = it.totals
            w.key("totals")
            w.openObject()
            w.field("changes", t.changes)
            w.field("co2eKgGroup", t.co2eKgGroup)
            w.field("co2eKgGroupWithoutNonCO2", t.co2eKgGroupWithoutNonCO2)
            w.field("co2eKgPerPerson", t.co2eKgPerPerson)
            w.field("co2eKgPerPersonWithoutNonCO2", t.co2eKgPerPersonWithoutNonCO2)
            w.key("costEurPerPerson")
            write(t.costEurPerPerson, &w)
            w.field("durationMinutes", t.durationMinutes)
            w.key("hotelCostEurPerPerson")
            write(t.hotelCostEurPerPerson, &w)
            w.field("hotelNights", t.hotelNights)
            w.field("legsWithoutFare", t.legsWithoutFare)
            w.field("nightsEnRoute", t.nightsEnRoute)
            w.field("nightsOnBoard", t.nightsOnBoard)
            w.field("travelDays", t.travelDays)
            if let wait = t.waitMinutes { w.field("waitMinutes", wait) }
            w.closeObject()
            if let advice = it.travelAdvice {
                w.key("travelAdvice")
                write(advice, &w)
            }
            w.closeObject()
        }
        w.closeArray()
    }

    private static func write(_ leg: Components.Schemas.RouteLeg, _ w: inout CompactJSONWriter) {
        w.openObject()
        w.field("arrival", leg.arrival)
        w.field("co2eKgGroup", leg.co2eKgGroup)
        w.field("co2eKgPerPerson", leg.co2eKgPerPerson)
        w.field("co2eKgPerPersonWithoutNonCO2", leg.co2eKgPerPersonWithoutNonCO2)
        if let connection = leg.connectionMinutesBefore { w.field("connectionMinutesBefore", connection) }
        if let age = leg.dataAge {
            w.key("dataAge")
            w.openObject()
            if let checkedOn = age.checkedOn { w.field("checkedOn", checkedOn) }
            w.field("stale", age.stale)
            if let year = age.timetableYear { w.field("timetableYear", year) }
            w.closeObject()
        }
        w.field("departure", leg.departure)
        w.field("distanceBasis", leg.distanceBasis)
        w.field("distanceKm", leg.distanceKm)
        w.field("durationMinutes", leg.durationMinutes)
        w.key("estimates")
        w.openObject()
        w.field("distance", leg.estimates.distance)
        w.field("duration", leg.estimates.duration)
        w.field("fare", leg.estimates.fare)
        w.field("frequency", leg.estimates.frequency)
        w.closeObject()
        w.key("factor")
        w.openObject()
        w.field("estimate", leg.factor.estimate)
        w.field("factorSet", leg.factor.factorSet)
        w.field("file", leg.factor.file)
        w.field("line", leg.factor.line)
        w.field("proxy", leg.factor.proxy)
        w.field("reference", leg.factor.reference)
        w.closeObject()
        if let fare = leg.fareEurPerPerson {
            w.key("fareEurPerPerson")
            write(fare, &w)
        }
        w.field("from", leg.from)
        if let reason = leg.hotelNightReason { w.field("hotelNightReason", reason.rawValue) }
        if let text = leg.hotelNightReasonText { w.field("hotelNightReasonText", text) }
        w.field("hotelNightsBefore", leg.hotelNightsBefore)
        w.field("id", leg.id)
        w.field("mode", leg.mode)
        w.field("nightsOnBoard", leg.nightsOnBoard)
        w.key("notes")
        write(leg.notes, &w)
        w.field("operator", leg._operator)
        w.field("overnight", leg.overnight)
        w.field("serviceUnconfirmed", leg.serviceUnconfirmed)
        w.field("servicesPerWeek", leg.servicesPerWeek)
        w.field("source", leg.source)
        w.field("timetableKnown", leg.timetableKnown)
        w.field("to", leg.to)
        if let advice = leg.travelAdvice {
            w.key("travelAdvice")
            write(advice, &w)
        }
        if let vehicles = leg.vehicles { w.field("vehicles", vehicles) }
        if let wait = leg.waitMinutesBefore { w.field("waitMinutesBefore", wait) }
        w.closeObject()
    }
}
