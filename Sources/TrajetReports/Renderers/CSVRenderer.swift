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
            x.t("annee", "year"), x.t("id_plan", "plan_id"), x.t("organisation", "organisation"), x.t("voyage", "trip"),
            x.t("statut", "status"), x.t("sens", "direction"), x.t("partenaire", "partner"), x.t("date_depart", "depart_date"),
            x.t("trajet", "leg_direction"), x.t("ordre", "position"), x.t("id_troncon", "leg_id"), x.t("mode", "mode"),
            x.t("de", "from"), x.t("vers", "to"), x.t("depart", "departure"), x.t("arrivee", "arrival"),
            x.t("distance_km", "distance_km"), x.t("base_distance", "distance_basis"), x.t("voyageurs", "travellers"),
            x.t("passagers_km", "passenger_km"), x.t("kg_co2e", "co2e_kg"), x.t("kg_co2e_sans_hors_co2", "co2e_kg_without_non_co2"),
            x.t("jeu_facteurs", "factor_set"), x.t("fichier_facteur", "factor_file"), x.t("ligne_facteur", "factor_line"),
            x.t("distance_estimee", "distance_estimated"), x.t("tarif_estime", "fare_estimated"),
            x.t("facteur_estime", "factor_estimated"), x.t("service_non_confirme", "service_unconfirmed"),
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
