import PostgresNIO
import TrajetCore
import TrajetStore

// Column lists and row decoding, by position: the selects below and the decoders must list columns in the same order.

enum Columns {
    static let organisation = "o.id, o.name, o.created_at"

    static let plan = """
        p.id, p.organisation_id, p.name, p.partner_id, p.origin_place_id, p.destination_place_id, p.depart_date, \
        p.return_date, p.participants, p.leaders, p.minors, p.status, p.notes, p.version, p.created_at, p.updated_at, \
        p.factor_set_id, p.factor_set_version
        """
    static let planCount = 18

    static let planInsertNames = """
        id, organisation_id, name, partner_id, origin_place_id, destination_place_id, depart_date, return_date, \
        participants, leaders, minors, status, notes, version, created_at, updated_at, factor_set_id, \
        factor_set_version, leg_summary
        """
    static let planInsertCount = 19

    static let legNames = [
        "plan_id", "direction", "position", "leg_id", "mode", "from_place_id", "to_place_id", "operator", "distance_km",
        "distance_basis", "duration_minutes", "departure", "arrival", "ttw_grams", "non_co2_grams", "wtt_grams",
        "hub_grams", "group_ttw_grams", "group_non_co2_grams", "group_wtt_grams", "group_hub_grams", "vehicles",
        "fare_min_cents", "fare_max_cents", "factor_file", "factor_line", "distance_estimated", "duration_estimated",
        "fare_estimated", "factor_estimated", "service_unconfirmed", "footprint_notes",
    ]
    static let leg = legNames.map { "l." + $0 }.joined(separator: ", ")
    static let legInsertNames = legNames.joined(separator: ", ")

    static let apiKey = "k.id, k.organisation_id, k.role, k.key_hash, k.label, k.created_at, k.revoked_at"
}

extension PostgresRandomAccessRow {
    func text(_ index: Int) throws -> String { try self[index].decode(String.self) }
    func optionalText(_ index: Int) throws -> String? { try self[index].decode(String?.self) }
    func integer(_ index: Int) throws -> Int { try self[index].decode(Int.self) }
    func optionalInteger(_ index: Int) throws -> Int? { try self[index].decode(Int?.self) }
    func flag(_ index: Int) throws -> Bool { try self[index].decode(Bool.self) }
    func real(_ index: Int) throws -> Double { try self[index].decode(Double.self) }

    func organisation() throws -> Organisation {
        Organisation(id: try text(0), name: try text(1), createdAt: try text(2))
    }

    /// The plan whose `Columns.plan` start at column `offset`.
    func plan(at offset: Int = 0) throws -> Plan {
        let statusText = try text(offset + 11)
        guard let status = PlanStatus(rawValue: statusText) else {
            throw PostgresStoreError.corruptRow(table: "plan", detail: "status '\(statusText)'")
        }
        return Plan(
            id: try text(offset), organisationId: try text(offset + 1), name: try text(offset + 2),
            partnerId: try text(offset + 3), originPlaceId: try text(offset + 4),
            destinationPlaceId: try text(offset + 5), departDate: try text(offset + 6),
            returnDate: try optionalText(offset + 7), participants: try integer(offset + 8),
            leaders: try integer(offset + 9), minors: try flag(offset + 10), status: status,
            notes: try text(offset + 12), version: try integer(offset + 13), createdAt: try text(offset + 14),
            updatedAt: try text(offset + 15), factorSetId: try text(offset + 16),
            factorSetVersion: try text(offset + 17))
    }

    /// The leg whose `Columns.leg` start at column `offset`.
    func leg(at offset: Int = 0) throws -> PlanLeg {
        let directionText = try text(offset + 1)
        guard let direction = LegDirection(rawValue: directionText) else {
            throw PostgresStoreError.corruptRow(table: "plan_leg", detail: "direction '\(directionText)'")
        }
        let o = offset
        return PlanLeg(
            planId: try text(o), direction: direction, position: try integer(o + 2), legId: try text(o + 3),
            mode: try text(o + 4), fromPlaceId: try text(o + 5), toPlaceId: try text(o + 6),
            operatorName: try text(o + 7), distanceKm: try real(o + 8), distanceBasis: try text(o + 9),
            durationMinutes: try integer(o + 10), departure: try text(o + 11), arrival: try text(o + 12),
            ttwGrams: try integer(o + 13), nonCO2Grams: try integer(o + 14), wttGrams: try integer(o + 15),
            hubGrams: try integer(o + 16), groupTtwGrams: try integer(o + 17), groupNonCO2Grams: try integer(o + 18),
            groupWttGrams: try integer(o + 19), groupHubGrams: try integer(o + 20), vehicles: try optionalInteger(o + 21),
            fareMinCents: try optionalInteger(o + 22), fareMaxCents: try optionalInteger(o + 23),
            factorFile: try text(o + 24), factorLine: try integer(o + 25), distanceEstimated: try flag(o + 26),
            durationEstimated: try flag(o + 27), fareEstimated: try flag(o + 28), factorEstimated: try flag(o + 29),
            serviceUnconfirmed: try flag(o + 30), footprintNotes: try text(o + 31))
    }

    func apiKey() throws -> APIKey {
        let roleText = try text(2)
        guard let role = APIKeyRole(rawValue: roleText) else {
            throw PostgresStoreError.corruptRow(table: "api_key", detail: "role '\(roleText)'")
        }
        return APIKey(
            id: try text(0), organisationId: try optionalText(1), role: role, keyHash: try text(3), label: try text(4),
            createdAt: try text(5), revokedAt: try optionalText(6))
    }
}

extension PostgresBindings {
    /// Appends a plan in `Columns.planInsertNames` order, with its leg summary.
    mutating func append(_ plan: Plan, summary: String) {
        append(plan.id)
        append(plan.organisationId)
        append(plan.name)
        append(plan.partnerId)
        append(plan.originPlaceId)
        append(plan.destinationPlaceId)
        append(plan.departDate)
        append(plan.returnDate)
        append(plan.participants)
        append(plan.leaders)
        append(plan.minors)
        append(plan.status.rawValue)
        append(plan.notes)
        append(plan.version)
        append(plan.createdAt)
        append(plan.updatedAt)
        append(plan.factorSetId)
        append(plan.factorSetVersion)
        append(summary)
    }

    /// Appends a leg in `Columns.legNames` order.
    mutating func append(_ leg: PlanLeg) {
        append(leg.planId)
        append(leg.direction.rawValue)
        append(leg.position)
        append(leg.legId)
        append(leg.mode)
        append(leg.fromPlaceId)
        append(leg.toPlaceId)
        append(leg.operatorName)
        append(leg.distanceKm)
        append(leg.distanceBasis)
        append(leg.durationMinutes)
        append(leg.departure)
        append(leg.arrival)
        for grams in [
            leg.ttwGrams, leg.nonCO2Grams, leg.wttGrams, leg.hubGrams, leg.groupTtwGrams, leg.groupNonCO2Grams,
            leg.groupWttGrams, leg.groupHubGrams,
        ] {
            append(grams)
        }
        append(leg.vehicles)
        append(leg.fareMinCents)
        append(leg.fareMaxCents)
        append(leg.factorFile)
        append(leg.factorLine)
        for flag in [
            leg.distanceEstimated, leg.durationEstimated, leg.fareEstimated, leg.factorEstimated, leg.serviceUnconfirmed,
        ] {
            append(flag)
        }
        append(leg.footprintNotes)
    }
}

/// `($1, $2, …), ($n+1, …)`: the VALUES of a multi-row insert of `rows` rows of `columns` parameters.
func valuesPlaceholders(rows: Int, columns: Int) -> String {
    var text = ""
    text.reserveCapacity(rows * columns * 5)
    for row in 0..<rows {
        if row > 0 { text += ", " }
        text += "("
        for column in 0..<columns {
            if column > 0 { text += ", " }
            text += "$\(row * columns + column + 1)"
        }
        text += ")"
    }
    return text
}
