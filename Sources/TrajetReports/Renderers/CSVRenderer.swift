import TrajetCore

/// One row per leg of every counted trip, for spreadsheets. French uses `;` between fields and a decimal comma
/// (what a French-language spreadsheet opens directly); English uses `,` and a decimal point. A UTF-8 byte-order
/// mark keeps accents intact in spreadsheet programs.
public struct CSVRenderer {
    public let report: AnnualReport
    public let language: Language
    /// Plan id → index in `report.trips` (indices, not copies of the trip lines).
    private let tripIndex: [String: Int]
    private let separator: String

    public init(report: AnnualReport, language: Language) {
        self.report = report
        self.language = language
        var index: [String: Int] = [:]
        index.reserveCapacity(report.trips.count)
        for position in report.trips.indices { index[report.trips[position].planId] = position }
        self.tripIndex = index
        self.separator = language == .fr ? ";" : ","
    }

    public func header() -> String {
        let x = ReportText(language)
        let names = [
            x.w("report.year-2"), x.w("report.plan-id"), x.w("cli.organisation"), x.w("report.trip-2"),
            x.w("cli.status"), x.w("report.direction-2"), x.w("cli.partner"), x.w("report.depart-date"),
            x.w("report.leg-direction"), x.w("report.position"), x.w("report.leg-id"), x.w("cli.mode"),
            x.w("cli.from"), x.w("report.to"), x.w("report.departure-2"), x.w("report.arrival"),
            x.w("report.distance-km"), x.w("report.distance-basis"), x.w("report.travellers-2"),
            x.w("report.passenger-km-3"), x.w("report.co2e-kg"), x.w("report.co2e-kg-without-non-co2"),
            x.w("report.factor-set"), x.w("report.factor-file"), x.w("report.factor-line"),
            x.w("report.distance-estimated"), x.w("report.fare-estimated"),
            x.w("report.factor-estimated"), x.w("report.service-unconfirmed"),
        ]
        return "\u{FEFF}" + names.joined(separator: separator) + "\n"
    }

    /// The rows of one plan's legs; empty when the plan is not one of the report's counted trips.
    public func rows(_ detail: PlanDetail, legs: [ReportLeg]) -> String {
        guard let position = tripIndex[detail.plan.id] else { return "" }
        let trip = report.trips[position]
        // Values in the report's language (a French spreadsheet reads "effectué", "avion"); ids stay as stored.
        let x = ReportText(language)
        var text = ""
        for leg in legs {
            let fields: [String] = [
                String(report.year), trip.planId, trip.organisationId, trip.name, x.status(trip.status),
                x.directionShort(trip.direction), trip.partnerId, trip.departDate, x.legDirection(leg.direction), String(leg.position),
                leg.legId, x.mode(leg.mode), leg.from, leg.to, leg.departure, leg.arrival, decimal(leg.distanceKm, 1),
                x.distanceBasis(leg.distanceBasis), String(trip.travellers), decimal(leg.passengerKm, 1), decimal(leg.co2eKg, 3),
                decimal(leg.co2eKgWithoutNonCO2, 3), trip.factorSetId, leg.factorFile, String(leg.factorLine),
                flag(leg.distanceEstimated), flag(leg.fareEstimated), flag(leg.factorEstimated), flag(leg.serviceUnconfirmed),
            ]
            text += fields.map(field).joined(separator: separator) + "\n"
        }
        return text
    }

    /// 1 / 0: a number every spreadsheet sums, in any language.
    func flag(_ value: Bool) -> String { value ? "1" : "0" }

    /// Plain digits (no grouping) so spreadsheets read them as numbers.
    func decimal(_ value: Double, _ places: Int) -> String {
        var scale = 1.0
        for _ in 0..<places { scale *= 10 }
        let scaled = (abs(value) * scale).rounded()
        let integer = Int(scaled / scale)
        var fraction = String(Int(scaled) - integer * Int(scale))
        while fraction.count < places { fraction = "0" + fraction }
        let sign = value < 0 && scaled > 0 ? "-" : ""
        return places == 0 ? sign + String(integer) : sign + String(integer) + (language == .fr ? "," : ".") + fraction
    }

    /// Neutralised for spreadsheets (a leading `=`, `+`, `-`, `@`…) and quoted as RFC 4180 says (`CSVCell`).
    func field(_ text: String) -> String { CSVCell.escape(text, separator: language == .fr ? ";" : ",") }
}
