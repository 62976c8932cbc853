import Foundation
import TrajetCore
import TrajetQueries
import TrajetDatasets
import TrajetSQLite
import TrajetStore

/// A large plan store for the report benchmark: itineraries found by the planner on the shipped network (each
/// partner, from Brussels and Liège, lowest-carbon and fastest, both ways, groups going out and hosted), copied
/// onto seeded random groups, organisations, statuses and departure dates of one year.
package struct GeneratedPlans {
    package let datasets: Datasets
    package let factorSetID: String
    package let year: Int
    package let seed: UInt64

    package init(datasets: Datasets, factorSetID: String, year: Int, seed: UInt64) {
        self.datasets = datasets
        self.factorSetID = factorSetID
        self.year = year
        self.seed = seed
    }

    package struct Template {
        var partner: String
        var origin: String
        var destination: String
        var legs: [PlanLeg]
        var people: Int
        var returnOffsetDays: Int
    }

    package static let organisations = [
        "asmae", "sci-belgium", "quinoa", "ada", "csa", "jeunesse-solidaire", "le-monde-des-possibles", "cj-lux",
        "defi-belgique-afrique", "starting-block", "les-scouts", "oxfam-jeunes",
    ]

    package func templates() throws -> [Template] {
        let network = datasets.network
        let set = try datasets.factorSet(factorSetID)
        let group = try Group(participants: 14, leaders: 2)
        let planner = try RoutePlanner(
            network: network, calculator: EmissionCalculator(factorSet: set, hubs: datasets.hubs), group: group)
        let outDay = CalendarDay(iso: "\(year)-07-04")!
        let backDay = CalendarDay(iso: "\(year)-07-25")!
        var templates: [Template] = []
        for partner in network.partners.values.sorted(by: { $0.id.rawValue < $1.id.rawValue }) {
            for belgian in ["BE-BXL-MIDI", "BE-LIEGE-G"] {
                for incoming in [false, true] {
                    let origin = incoming ? partner.mainPlace.rawValue : belgian
                    let destination = incoming ? belgian : partner.mainPlace.rawValue
                    for rank in [RankingProfile.co2, .time] {
                        let outbound = try? planner.search(
                            RouteQuery(origin: PlaceID(rawValue: origin), destination: PlaceID(rawValue: destination),
                                       departureDay: outDay, rank: rank, limit: 1))
                        let inbound = try? planner.search(
                            RouteQuery(origin: PlaceID(rawValue: destination), destination: PlaceID(rawValue: origin),
                                       departureDay: backDay, rank: rank, limit: 1))
                        guard let go = outbound?.itineraries.first, let back = inbound?.itineraries.first else { continue }
                        let legs = PlanLeg.legs(of: go, planId: "", direction: .outbound)
                            + PlanLeg.legs(of: back, planId: "", direction: .return)
                        templates.append(
                            Template(
                                partner: partner.id.rawValue, origin: origin, destination: destination, legs: legs, people: 16,
                                returnOffsetDays: 21))
                    }
                }
            }
        }
        return templates
    }

    /// Writes `count` plans into `store` in batches (one transaction each).
    package func fill(_ store: SQLitePlanStore, count: Int, progress: (Int) -> Void) async throws {
        let templates = try templates()
        guard !templates.isEmpty else { return }
        var rng = SplitMix64(seed: seed)
        let first = CalendarDay(iso: "\(year)-01-01")!.daysSinceEpoch
        let last = CalendarDay(iso: "\(year)-12-31")!.daysSinceEpoch
        let templateDay = CalendarDay(iso: "\(year)-07-04")!.daysSinceEpoch
        let set = try datasets.factorSet(factorSetID)
        var organisations = Self.organisations.map { Organisation(id: $0, name: $0) }
        var written = 0
        while written < count {
            var batch: [PlanDetail] = []
            for _ in 0..<min(10_000, count - written) {
                let template = templates[rng.int(below: templates.count)]
                let participants = rng.int(in: 8...20)
                let leaders = rng.int(in: 1...3)
                let people = participants + leaders
                let day = rng.int(in: first...last)
                let shift = day - templateDay
                let roll = rng.unit()
                let status: PlanStatus = roll < 0.45 ? .travelled : roll < 0.75 ? .booked : roll < 0.88 ? .planned : roll < 0.95 ? .draft : .cancelled
                let id = UUID(uuid: uuidBytes(&rng)).uuidString.lowercased()
                let legs = template.legs.map { leg in
                    var copy = leg
                    copy.planId = id
                    copy.departure = Self.shifted(leg.departure, by: shift)
                    copy.arrival = Self.shifted(leg.arrival, by: shift)
                    let scale = Double(people) / Double(template.people)
                    copy.groupTtwGrams = Int(Double(leg.groupTtwGrams) * scale)
                    copy.groupNonCO2Grams = Int(Double(leg.groupNonCO2Grams) * scale)
                    copy.groupWttGrams = Int(Double(leg.groupWttGrams) * scale)
                    copy.groupHubGrams = Int(Double(leg.groupHubGrams) * scale)
                    return copy
                }
                let depart = CalendarDay(daysSinceEpoch: day).description
                let back = CalendarDay(daysSinceEpoch: day + template.returnOffsetDays).description
                batch.append(
                    PlanDetail(
                        plan: Plan(
                            id: id, organisationId: Self.organisations[rng.int(below: Self.organisations.count)],
                            name: "Generated \(written + batch.count + 1)", partnerId: template.partner,
                            originPlaceId: template.origin, destinationPlaceId: template.destination, departDate: depart,
                            returnDate: back, participants: participants, leaders: leaders, status: status,
                            factorSetId: set.id.rawValue, factorSetVersion: set.version),
                        legs: legs))
            }
            _ = try await store.importPlans(PlanExport(organisations: organisations, plans: batch))
            organisations = []
            written += batch.count
            progress(written)
        }
    }

    private func uuidBytes(_ rng: inout SplitMix64) -> uuid_t {
        let a = rng.next()
        let b = rng.next()
        var bytes = [UInt8](repeating: 0, count: 16)
        for i in 0..<8 {
            bytes[i] = UInt8(truncatingIfNeeded: a >> (8 * i))
            bytes[8 + i] = UInt8(truncatingIfNeeded: b >> (8 * i))
        }
        bytes[6] = (bytes[6] & 0x0F) | 0x40
        bytes[8] = (bytes[8] & 0x3F) | 0x80
        return (bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7], bytes[8], bytes[9],
                bytes[10], bytes[11], bytes[12], bytes[13], bytes[14], bytes[15])
    }

    /// `2026-07-04T09:42+02:00` moved by whole days (the offset is kept: good enough for a benchmark store).
    package static func shifted(_ timestamp: String, by days: Int) -> String {
        guard days != 0, let day = CalendarDay(iso: String(timestamp.prefix(10))) else { return timestamp }
        return day.adding(days: days).description + timestamp.dropFirst(10)
    }
}
