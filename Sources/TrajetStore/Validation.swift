import Foundation
import TrajetCore

/// The checks every store runs before writing (package access: the PostgreSQL store runs the same ones).
package enum Validation {
    package static func organisation(_ organisation: Organisation, prefix: String = "") throws(PlanStoreError) {
        let id = organisation.id
        let allowed = Set("abcdefghijklmnopqrstuvwxyz0123456789-")
        guard !id.isEmpty, id.count <= 64, id.allSatisfy({ allowed.contains($0) }), id.first != "-" else {
            throw .invalidValue(
                field: prefix + "id", value: id, expected: .w("expect.slug"))
        }
        guard !organisation.name.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw .invalidValue(field: prefix + "name", value: organisation.name, expected: .w("expect.non-empty-name"))
        }
        try text(organisation.name, field: prefix + "name")
    }

    /// Text a store can keep: PostgreSQL refuses the NUL character in text (SQLite would keep it, and the two stores
    /// must accept the same plans), and no reader of a name or a note expects one.
    package static func text(_ value: String, field: String) throws(PlanStoreError) {
        guard !value.utf8.contains(0) else {
            throw .invalidValue(
                field: field, value: value.replacingOccurrences(of: "\u{0}", with: "\\0"),
                expected: .w("expect.text-without-nul"))
        }
    }

    /// Checks a plan's own fields (the organisation's existence is checked against the database).
    package static func plan(_ plan: Plan, prefix: String = "") throws(PlanStoreError) {
        for (field, value) in [
            ("name", plan.name), ("notes", plan.notes), ("partnerId", plan.partnerId),
            ("originPlaceId", plan.originPlaceId), ("destinationPlaceId", plan.destinationPlaceId),
            ("factorSetId", plan.factorSetId), ("factorSetVersion", plan.factorSetVersion),
            ("createdAt", plan.createdAt), ("updatedAt", plan.updatedAt),
        ] {
            try text(value, field: prefix + field)
        }
        guard UUID(uuidString: plan.id) != nil, plan.id == plan.id.lowercased() else {
            throw .invalidValue(field: prefix + "id", value: plan.id, expected: .w("expect.lowercase-uuid"))
        }
        guard !plan.name.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw .invalidValue(field: prefix + "name", value: plan.name, expected: .w("expect.non-empty-name"))
        }
        for (field, value) in [
            ("partnerId", plan.partnerId), ("originPlaceId", plan.originPlaceId),
            ("destinationPlaceId", plan.destinationPlaceId),
        ] where value.isEmpty {
            throw .invalidValue(field: prefix + field, value: value, expected: .w("expect.non-empty-id"))
        }
        guard let depart = CalendarDay(iso: plan.departDate) else {
            throw .invalidValue(field: prefix + "departDate", value: plan.departDate, expected: .w("expect.date-yyyy-mm-dd"))
        }
        if let text = plan.returnDate {
            guard let back = CalendarDay(iso: text) else {
                throw .invalidValue(field: prefix + "returnDate", value: text, expected: .w("expect.date-yyyy-mm-dd"))
            }
            guard back >= depart else {
                throw .invalidValue(
                    field: prefix + "returnDate", value: text, expected: .w("expect.date-on-or-after-departure", "\(depart)"))
            }
        }
        guard plan.participants >= 0 else {
            throw .invalidValue(field: prefix + "participants", value: String(plan.participants), expected: .w("expect.number-0-or-more"))
        }
        guard plan.leaders >= 0 else {
            throw .invalidValue(field: prefix + "leaders", value: String(plan.leaders), expected: .w("expect.number-0-or-more"))
        }
        guard (1...Group.maximumPeople).contains(plan.people) else {
            throw .invalidValue(
                field: prefix + "participants", value: String(plan.people),
                expected: .w("expect.participants-plus-leaders-from-1-to", "\(Group.maximumPeople)"))
        }
        guard plan.version >= 1 else {
            throw .invalidValue(field: prefix + "version", value: String(plan.version), expected: .w("expect.number-1-or-more"))
        }
    }

    package static func legs(_ legs: [PlanLeg], of plan: Plan, prefix: String = "") throws(PlanStoreError) {
        var seen = Set<String>()
        for (index, leg) in legs.enumerated() {
            let field = "\(prefix)legs[\(index)]."
            for (name, value) in [
                ("legId", leg.legId), ("fromPlaceId", leg.fromPlaceId), ("toPlaceId", leg.toPlaceId),
                ("operatorName", leg.operatorName), ("distanceBasis", leg.distanceBasis), ("departure", leg.departure),
                ("arrival", leg.arrival), ("factorFile", leg.factorFile), ("footprintNotes", leg.footprintNotes),
            ] {
                try text(value, field: field + name)
            }
            guard leg.planId == plan.id else {
                throw .invalidValue(field: field + "planId", value: leg.planId, expected: .w("expect.the-plans-id", plan.id))
            }
            guard leg.position >= 1, seen.insert("\(leg.direction.rawValue)/\(leg.position)").inserted else {
                throw .invalidValue(
                    field: field + "position", value: String(leg.position), expected: .w("expect.unique-position-per-direction"))
            }
            guard TransportMode(rawValue: leg.mode) != nil else {
                throw .invalidValue(
                    field: field + "mode", value: leg.mode,
                    expected: .w("expect.one-of", TransportMode.allCases.map(\.rawValue).joined(separator: ", ")))
            }
            guard leg.distanceKm.isFinite, leg.distanceKm >= 0 else {
                throw .invalidValue(field: field + "distanceKm", value: String(leg.distanceKm), expected: .w("expect.distance-0-or-more"))
            }
            guard leg.durationMinutes >= 0 else {
                throw .invalidValue(
                    field: field + "durationMinutes", value: String(leg.durationMinutes), expected: .w("expect.minutes-0-or-more"))
            }
            if leg.direction == .return, plan.returnDate == nil {
                throw .invalidValue(field: field + "direction", value: "return", expected: .w("expect.outbound-no-return-date"))
            }
        }
    }

    package static func status(_ text: String, field: String = "status") throws(PlanStoreError) -> PlanStatus {
        guard let status = PlanStatus(rawValue: text.lowercased()) else {
            throw .invalidValue(
                field: field, value: text, expected: .w("expect.one-of", PlanStatus.allCases.map(\.rawValue).joined(separator: ", ")))
        }
        return status
    }
}

extension Validation {
    /// Checks an import document before anything is written: its format, every organisation and plan, and that no id
    /// repeats. Returns the organisation ids the file brings (the plans' other organisations must exist already).
    package static func importDocument(_ document: PlanExport) throws(PlanStoreError) -> Set<String> {
        guard document.format == PlanExport.currentFormat else {
            throw .invalidValue(field: "format", value: String(document.format), expected: .w("expect.one-of", String(PlanExport.currentFormat)))
        }
        var seenOrgs = Set<String>()
        for (index, organisation) in document.organisations.enumerated() {
            try Validation.organisation(organisation, prefix: "organisations[\(index)].")
            guard seenOrgs.insert(organisation.id).inserted else {
                throw .invalidValue(
                    field: "organisations[\(index)].id", value: organisation.id, expected: .w("expect.id-not-repeated-in-file"))
            }
        }
        var seenPlans = Set<String>()
        for (index, detail) in document.plans.enumerated() {
            let prefix = "plans[\(index)]."
            try Validation.plan(detail.plan, prefix: prefix)
            try Validation.legs(detail.legs, of: detail.plan, prefix: prefix)
            guard seenPlans.insert(detail.plan.id).inserted else {
                throw .invalidValue(field: prefix + "id", value: detail.plan.id, expected: .w("expect.plan-id-not-repeated-in-file"))
            }
        }
        return seenOrgs
    }

    /// The plan `recomputePlan` writes: new figures (`legs`) from another factor set, never a new shape — the legs
    /// must fill the same (direction, position) slots — version + 1, checked.
    package static func recomputed(
        _ current: PlanDetail, legs: [PlanLeg], factorSetId: String, factorSetVersion: String, at stamp: String
    ) throws(PlanStoreError) -> Plan {
        let slots = { (legs: [PlanLeg]) in legs.map { "\($0.direction.rawValue)#\($0.position)" }.sorted() }
        guard slots(legs) == slots(current.legs) else {
            throw .invalidValue(
                field: "legs", value: slots(legs).joined(separator: ","),
                expected: .w("expect.the-plans-legs", slots(current.legs).joined(separator: ",")))
        }
        var updated = current.plan
        updated.factorSetId = factorSetId
        updated.factorSetVersion = factorSetVersion
        updated.version = current.plan.version + 1
        updated.updatedAt = stamp
        try plan(updated)
        try self.legs(legs, of: updated)
        return updated
    }

    /// A new plan as every store saves it: version 1, both timestamps `stamp`, plan and legs checked.
    package static func newPlan(_ detail: PlanDetail, at stamp: String) throws(PlanStoreError) -> PlanDetail {
        var saved = detail
        saved.plan.version = 1
        saved.plan.createdAt = stamp
        saved.plan.updatedAt = stamp
        try plan(saved.plan)
        try legs(saved.legs, of: saved.plan)
        return saved
    }

    /// `current` with `changes` applied, version + 1, checked: what every store writes for `updatePlan`.
    package static func applying(_ changes: PlanChanges, to current: Plan, at stamp: String) throws(PlanStoreError) -> Plan {
        var updated = current
        if let status = changes.status {
            guard current.status.canBecome(status) else {
                throw .invalidStatusTransition(from: current.status, to: status)
            }
            updated.status = status
        }
        if let value = changes.participants { updated.participants = value }
        if let value = changes.leaders { updated.leaders = value }
        if let value = changes.minors { updated.minors = value }
        if let value = changes.notes { updated.notes = value }
        if let value = changes.name { updated.name = value }
        updated.version = current.version + 1
        updated.updatedAt = stamp
        try plan(updated)
        return updated
    }

    /// A network-level key (no organisation) must be an admin key.
    package static func apiKey(_ key: APIKey) throws(PlanStoreError) {
        try text(key.label, field: "label")
        guard key.organisationId != nil || key.role == .admin else {
            throw .invalidValue(
                field: "role", value: key.role.rawValue, expected: .w("expect.admin-for-network-key"))
        }
    }
}

extension PlanStatus {
    /// Parses a status typed by a user; the error names the field.
    public static func parse(_ text: String, field: String = "status") throws(PlanStoreError) -> PlanStatus {
        try Validation.status(text, field: field)
    }
}
