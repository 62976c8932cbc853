import Foundation
import TrajetCore

/// The report model as JSON for tools: one object, keys in sorted order; the two trip arrays hold one trip per
/// line, written by hand so that 100 000 trips stream out without building the whole document in memory
/// (Foundation's encoder needs about 800 MB and 5 s for that). Everything else goes through JSONEncoder. The
/// output decodes back to the same `AnnualReport` (a test checks it).
public enum JSONRenderer {
    public static func render<Output: TextOutputStream>(_ report: AnnualReport, into out: inout Output) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        func encoded(_ value: some Encodable) throws -> String { String(decoding: try encoder.encode(value), as: UTF8.self) }
        // An optional section that was not computed is written as null (JSONEncoder would leave the key out):
        // a reader sees "not computed", not a missing field.
        func optional(_ value: (some Encodable)?) throws -> String {
            guard let value else { return "null" }
            return try encoded(value)
        }
        // The keys of AnnualReport, sorted as JSONEncoder's .sortedKeys would.
        let keys = [
            "byCategory", "byDirection", "byFundingBand", "byMode", "byOrganisation", "byPartner", "byPartnerCountry",
            "dataQuality", "factorAnnex", "findings", "format", "generatedAt", "method", "network", "plannedTrips",
            "scenarios", "scope", "summary", "travelSupportAnnex", "trend", "trips", "uncertainty", "year",
        ]
        out.write("{\n")
        for (index, key) in keys.enumerated() {
            out.write("\"\(key)\":")
            switch key {
            case "byCategory": out.write(try encoded(report.byCategory))
            case "byOrganisation": out.write(try encoded(report.byOrganisation))
            case "byPartner": out.write(try encoded(report.byPartner))
            case "byPartnerCountry": out.write(try encoded(report.byPartnerCountry))
            case "findings": out.write(try encoded(report.findings))
            case "network": out.write(try optional(report.network))
            case "uncertainty": out.write(try optional(report.uncertainty))
            case "byDirection": out.write(try encoded(report.byDirection))
            case "byFundingBand": out.write(try encoded(report.byFundingBand))
            case "byMode": out.write(try encoded(report.byMode))
            case "dataQuality": out.write(try encoded(report.dataQuality))
            case "factorAnnex": out.write(try encoded(report.factorAnnex))
            case "format": out.write(String(report.format))
            case "generatedAt": out.write(string(report.generatedAt))
            case "method": out.write(try encoded(report.method))
            case "plannedTrips": writeTrips(report.plannedTrips, into: &out)
            case "scenarios": out.write(try optional(report.scenarios))
            case "scope": out.write(try encoded(report.scope))
            case "summary": out.write(try encoded(report.summary))
            case "travelSupportAnnex": out.write(try encoded(report.travelSupportAnnex))
            case "trend": out.write(try encoded(report.trend))
            case "trips": writeTrips(report.trips, into: &out)
            default: out.write(String(report.year))
            }
            out.write(index == keys.count - 1 ? "\n" : ",\n")
        }
        out.write("}\n")
    }

    public static func render(_ report: AnnualReport) throws -> String {
        var text = ""
        try render(report, into: &text)
        return text
    }

    static func writeTrips<Output: TextOutputStream>(_ trips: [TripLine], into out: inout Output) {
        guard !trips.isEmpty else {
            out.write("[]")
            return
        }
        out.write("[\n")
        let last = trips.count - 1
        ParallelChunks.render(count: trips.count, { range in
            var text = ""
            for index in range {
                tripObject(trips, index, into: &text)
                text += index == last ? "\n" : ",\n"
            }
            return text
        }, write: { out.write($0) })
        out.write("]")
    }

    /// A TripLine with the same keys and values as its Codable form (sorted keys; nil fields left out).
    static func tripObject(_ trips: [TripLine], _ i: Int, into s: inout String) {
        var object = JSONObjectWriter()
        let f = trips[i].funding
        object.number("co2eKg", trips[i].co2eKg)
        object.number("co2eKgPerTraveller", trips[i].co2eKgPerTraveller)
        object.number("co2eKgPerTravellerDay", trips[i].co2eKgPerTravellerDay)
        object.number("co2eKgWithoutNonCO2", trips[i].co2eKgWithoutNonCO2)
        object.integer("daysOnSite", trips[i].daysOnSite)
        object.string("departDate", trips[i].departDate)
        object.place("destination", trips[i].destination)
        object.string("direction", trips[i].direction.rawValue)
        object.integer("estimatedLegs", trips[i].estimatedLegs)
        object.string("factorSetId", trips[i].factorSetId)
        object.string("factorSetVersion", trips[i].factorSetVersion)
        object.number("flightCo2eShare", trips[i].flightCo2eShare)
        var funding = JSONObjectWriter()
        funding.string("band", f.band)
        funding.integer("bandLine", f.bandLine)
        funding.boolean("bandUnconfirmed", f.bandUnconfirmed)
        funding.boolean("eligibilityUnconfirmed", f.eligibilityUnconfirmed)
        funding.integer("eurGroup", f.eurGroup)
        funding.integer("eurPerParticipant", f.eurPerParticipant)
        funding.strings("flags", f.flags)
        funding.integer("fundedTravelDaysMax", f.fundedTravelDaysMax)
        funding.integer("greenEurPerParticipant", f.greenEurPerParticipant)
        funding.boolean("greenTravel", f.greenTravel)
        funding.string("greenTravelReason", f.greenTravelReason.rawValue)
        funding.integer("standardEurPerParticipant", f.standardEurPerParticipant)
        funding.number("straightLineKm", f.straightLineKm)
        funding.integer("travelDays", f.travelDays)
        funding.boolean("youthExchangeEligible", f.youthExchangeEligible)
        object.raw("funding", funding.finished)
        object.boolean("hasReturn", trips[i].hasReturn)
        object.integer("leaders", trips[i].leaders)
        object.boolean("lowCarbon", trips[i].lowCarbon)
        object.string("lowCarbonReason", trips[i].lowCarbonReason.rawValue)
        object.string("mainMode", trips[i].mainMode?.rawValue)
        object.boolean("minors", trips[i].minors)
        object.string("name", trips[i].name)
        object.string("organisationId", trips[i].organisationId)
        object.place("origin", trips[i].origin)
        object.integer("participants", trips[i].participants)
        object.string("partnerId", trips[i].partnerId)
        object.string("partnerName", trips[i].partnerName)
        object.number("passengerKm", trips[i].passengerKm)
        object.string("planId", trips[i].planId)
        object.string("returnDate", trips[i].returnDate)
        object.number("scenarioAllFlightCo2eKg", trips[i].scenarioAllFlightCo2eKg)
        object.number("scenarioLowestCarbonCo2eKg", trips[i].scenarioLowestCarbonCo2eKg)
        object.string("status", trips[i].status.rawValue)
        object.integer("travellers", trips[i].travellers)
        s += object.finished
    }

    /// A JSON string literal (quotes, backslashes and control characters escaped; the rest as UTF-8).
    static func string(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C }) else { return "\"" + text + "\"" }
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case let c where c.value < 0x20:
                let hex = String(c.value, radix: 16)
                result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }

    /// Integral values without a fraction (as JSONEncoder writes them); others in Swift's shortest form.
    static func number(_ value: Double) -> String {
        guard value.isFinite else { return "null" }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int(value)) }
        // Report figures are rounded to three decimals where they are made: print n/1000 directly when that is
        // exactly what the value is (the decimal then reads back to the same Double), else Swift's shortest form.
        if abs(value) < 1e12 {
            let scaled = (value * 1000).rounded()
            if scaled / 1000 == value {
                let thousandths = Int(abs(scaled))
                var fraction = String(thousandths % 1000)
                fraction = String(repeating: "0", count: 3 - fraction.count) + fraction
                while fraction.hasSuffix("0") { fraction.removeLast() }
                return (value < 0 ? "-" : "") + String(thousandths / 1000) + "." + fraction
            }
        }
        return "\(value)"
    }
}

/// Appends `"key":value` pairs in the order given (callers give them sorted).
struct JSONObjectWriter {
    private var text: String = {
        var text = "{"
        text.reserveCapacity(512)
        return text
    }()
    private var first = true

    private mutating func key(_ name: String) {
        text += first ? "\"" : ",\""
        first = false
        text += name
        text += "\":"
    }

    mutating func raw(_ name: String, _ json: String) {
        key(name)
        text += json
    }

    mutating func string(_ name: String, _ value: String?) {
        guard let value else { return }
        raw(name, JSONRenderer.string(value))
    }

    mutating func number(_ name: String, _ value: Double?) {
        guard let value else { return }
        raw(name, JSONRenderer.number(value))
    }

    mutating func integer(_ name: String, _ value: Int?) {
        guard let value else { return }
        raw(name, String(value))
    }

    mutating func boolean(_ name: String, _ value: Bool?) {
        guard let value else { return }
        raw(name, value ? "true" : "false")
    }

    mutating func strings(_ name: String, _ values: [String]) {
        raw(name, "[" + values.map(JSONRenderer.string).joined(separator: ",") + "]")
    }

    mutating func place(_ name: String, _ place: ReportPlace) {
        var object = JSONObjectWriter()
        object.string("countryCode", place.countryCode)
        object.string("id", place.id)
        object.string("name", place.name)
        raw(name, object.finished)
    }

    var finished: String { text + "}" }
}
