import ArgumentParser
import Foundation
import TrajetAPI
import TrajetContract
import TrajetCore
import TrajetQueries
import TrajetDatasets
import TrajetStore

public enum PlansListFormat: String, CaseIterable, ExpressibleByArgument, Sendable {
    case table, json, csv
}

struct PlansCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plans",
        abstract: "Saved group plans / Plans de voyage enregistrés.",
        subcommands: [
            Add.self, List.self, Show.self, Update.self, Delete.self, Recompute.self, Export.self, Import.self,
        ])

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Search routes and save the chosen one as a plan / Chercher et enregistrer un itinéraire.",
            discussion: """
                Example: trajet plans add --org asmae --name "Échange Twiza 2026" --partner twiza --from liege \
                --depart 2026-07-04 --return 2026-07-25 --participants 14 --leaders 2 --minors --rank co2 --pick 1
                --incoming: the partner's group comes to Belgium (origin = the partner, destination = --from).
                --itinerary-json FILE: save an itinerary chosen earlier instead of searching: the JSON of \
                `trajet routes --format json` (itineraries[0] outbound, return.itineraries[0] return) or a single \
                itinerary object. Leg ids must be in the shipped network and chain from the plan's origin to its \
                destination; the footprint is recomputed, the file's times are kept.
                """)
        @OptionGroup var global: GlobalOptions
        @OptionGroup var storeOptions: StoreOptions
        @Option(help: "Organisation id (trajet orgs list).") var org: String
        @Option(help: "Plan name.") var name: String
        @Option(help: "Partner id (twiza, aje, lekaa, alafia-jeunes).") var partner: String
        @Option(help: "The Belgian place (Liège, Bruxelles…).") var from: String
        @Option(help: "The partner's place (default: the partner's main place).") var to: String?
        @Option(help: "Departure: YYYY-MM-DD or YYYY-MM-DDTHH:MM.") var depart: String
        @Option(name: .customLong("return"), help: "Return: YYYY-MM-DD[THH:MM].") var returnDate: String?
        @Option(parsing: .unconditional, help: "Young participants.") var participants: Int
        @Option(parsing: .unconditional, help: "Group leaders.") var leaders: Int = 0
        @Flag(help: "The group includes minors.") var minors = false
        @Flag(help: "The partner's group travels to Belgium.") var incoming = false
        @Option(help: "Ranking: co2, time, cost or balanced (default balanced).") var rank: RankingProfile?
        @Option(parsing: .unconditional, help: "Which ranked itinerary to save, 1 = first (both ways; default 1).")
        var pick: Int?
        @Option(name: .customLong("itinerary-json"),
                help: "Save this itinerary (JSON of `trajet routes --format json`) instead of searching.")
        var itineraryJSON: String?
        @Option(help: "Factor set id (default from config).") var factors: String?
        @Option(help: "Notes.") var notes = ""
        @Option(help: "Output: table or json.") var format: OutputFormat = .table
        @Option(
            help: "Status to save with: draft (default), planned, booked, or travelled for a trip entered after the fact (its real dates; not in the future).")
        var status: String?

        func validate() throws {
            let l = global.optionWords
            try OptionCheck.atLeast(1, pick, "--pick", l)
            if itineraryJSON != nil, rank != nil || pick != nil {
                throw ValidationError(l.w("cli.option-not-with", "--itinerary-json", "--rank", "--pick"))
            }
            try OptionCheck.date(depart, "--depart", l)
            try OptionCheck.date(returnDate, "--return", l)
        }

        func run() async throws {
            let context = try await CommandContext.load(global, factorSet: factors)
            let l = context.localizer
            let initialStatus = try Self.initialStatus(
                status, depart: depart, returnDate: returnDate, today: AnnualReportQuery.today(), l)
            let store = try await StoreContext.open(global, storeOptions)
            // Checked before the route search, so a typo costs nothing; addPlan checks again in its transaction.
            let known = try await store.run { try await store.store.organisations().map(\.id) }
            guard known.contains(org) else {
                printError(l.w("cli.org-unknown-organisation-known", "\(org)", "\(known.joined(separator: ", "))"), l)
                throw ExitCode(1)
            }
            let network = context.datasets.network
            let names: (PlaceID) -> String = { network.place($0).map(RoutesText.placeName) ?? $0.rawValue }
            var route = NewPlanRequest.Route.search(rank: rank ?? .balanced, pick: pick ?? 1)
            if let itineraryJSON {
                do {
                    route = .itinerary(try ItineraryFile.load(path: itineraryJSON, localizer: l), label: itineraryJSON)
                } catch {
                    printError(error.message, l)
                    throw ExitCode(1)
                }
            }
            let request = NewPlanRequest(
                organisationId: org, name: name, partner: partner, from: from, to: to, depart: depart,
                returnDate: returnDate, participants: participants, leaders: leaders, minors: minors,
                incoming: incoming, route: route, notes: notes, status: initialStatus)
            let detail: PlanDetail
            do {
                detail = try await request.detail(datasets: context.datasets, settings: context.settings, localizer: l) {
                    try $0.run(datasets: context.datasets, settings: context.settings)
                }
            } catch let error as TrajetError {
                printError(l.message(for: error, names: names), l)
                throw ExitCode(1)
            } catch let failure as NewPlanRequest.Failure {
                printError(Self.message(failure, l), l)
                throw ExitCode(1)
            }
            try await save(detail, store: store, localizer: l, names: names)
        }

        /// The CLI's words for what `NewPlanRequest` refused (its options' names).
        static func message(_ failure: NewPlanRequest.Failure, _ l: Localizer) -> String {
            switch failure {
            case .unknownPartner(let partner, let known):
                let known = known.joined(separator: ", ")
                return l.w("cli.partner-unknown-partner-known", "\(partner)", "\(known)")
            case .invalid(let error, _):
                return l.message(for: error)
            case .returnBeforeDeparture(let returnDate, let departure):
                return l.w("cli.return-is-before-the-departure", "\(returnDate)", "\(departure)")
            case .beyondOptions(_, let pick, let found):
                return l.w("cli.pick-only-itinerary-ies-found-not", "\(found)", "\(pick)")
            case .itinerary(let problem):
                return problem.message
            }
        }

        private func save(
            _ detail: PlanDetail, store: StoreContext, localizer l: Localizer, names: (PlaceID) -> String
        ) async throws {
            let saved = try await store.run { try await store.store.addPlan(detail) }
            switch format {
            case .json: print(try encodeJSON(Components.Schemas.PlanDetail(saved, notes: nil, l)))
            case .table:
                print(l.w("cli.plan-saved-version-1", "\(saved.plan.id)"))
                print(PlanText.render(saved, localizer: l, names: names))
            }
        }

        /// The status a new plan is saved with. A trip recorded after the fact may start as booked or travelled
        /// (no stepping through every status); a travelled trip cannot depart or return after today, and a plan is
        /// not created cancelled. Later changes follow the life cycle (`PlanStatus.canBecome`).
        static func initialStatus(
            _ text: String?, depart: String, returnDate: String?, today: String, _ l: Localizer
        ) throws -> PlanStatus {
            guard let text else { return .draft }
            let status: PlanStatus
            do {
                status = try PlanStatus.parse(text, field: "--status")
            } catch {
                printError(l.w("cli.status-is-not-a-status-expected", "\(text)"), l)
                throw ExitCode(1)
            }
            if status == .cancelled {
                printError(l.w("cli.status-cancelled-a-plan-cannot-be"), l)
                throw ExitCode(1)
            }
            if status == .travelled {
                for (option, value) in [("--depart", Optional(depart)), ("--return", returnDate)] {
                    guard let value, let day = DepartureText.parse(value)?.0.description, day > today else { continue }
                    printError(l.w("cli.status-travelled-is-after-today-a", "\(option)", "\(day)", "\(today)"), l)
                    throw ExitCode(1)
                }
            }
            return status
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List saved plans / Lister les plans.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var storeOptions: StoreOptions
        @Option(help: "Only this organisation.") var org: String?
        @Option(parsing: .unconditional, help: "Only plans departing in this year.") var year: Int?
        @Option(help: "Only this status: draft, planned, booked, travelled, cancelled.") var status: String?
        @Option(help: "Output: table, json or csv.") var format: PlansListFormat = .table

        func validate() throws {
            if let year {
                try OptionCheck.within(DepartureText.supportedYears, year, "--year", global.optionWords)
            }
        }

        func run() async throws {
            let context = try await StoreContext.open(global, storeOptions)
            let l = context.localizer
            let details = try await context.run {
                let filter = PlanFilter(organisationId: org, year: year, status: try status.map { try PlanStatus.parse($0) })
                var details: [PlanDetail] = []
                for plan in try await context.store.plans(filter) {
                    if let detail = try await context.store.plan(id: plan.id) { details.append(detail) }
                }
                return details
            }
            switch format {
            case .json: print(try encodeJSON(details.map { detail throws(ContractMismatch) in try Components.Schemas.PlanDetail(detail, notes: nil, l) }))
            case .csv:
                print("id,organisationId,name,partnerId,originPlaceId,destinationPlaceId,departDate,returnDate,participants,leaders,minors,status,version,co2eGramsPerPerson,co2eGramsGroup")
                for detail in details {
                    let p = detail.plan
                    print([p.id, p.organisationId, p.name, p.partnerId, p.originPlaceId, p.destinationPlaceId, p.departDate,
                           p.returnDate ?? "", String(p.participants), String(p.leaders), String(p.minors), p.status.rawValue,
                           String(p.version), String(detail.totalGramsPerPerson), String(detail.groupTotalGrams)]
                        .map(csvField).joined(separator: ","))
                }
            case .table:
                var table = TextTable(
                    header: ["id", "org", l.w("cli.name"), l.w("cli.depart"), l.w("cli.return"),
                             l.w("cli.people"), l.w("cli.status"), "v", l.w("cli.co2e-person")],
                    rightAligned: [5, 7, 8])
                for detail in details {
                    let p = detail.plan
                    table.add([p.id, p.organisationId, p.name, p.departDate, p.returnDate ?? "—", String(p.people),
                               p.status.rawValue, String(p.version), kgText(detail.totalGramsPerPerson, l)])
                }
                print(table.render())
            }
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show a plan with its legs / Afficher un plan.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var storeOptions: StoreOptions
        @Argument(help: "Plan id.") var id: String
        @Option(help: "Output: table or json.") var format: OutputFormat = .table

        func run() async throws {
            let context = try await StoreContext.open(global, storeOptions)
            let detail = try await context.run {
                guard let detail = try await context.store.plan(id: id) else { throw PlanStoreError.planNotFound(id: id) }
                return detail
            }
            // The plan's legs against today's advice and data age; a plan still shows when the datasets cannot load.
            let notes = (try? await CommandContext.load(global)).map { loaded in
                RouteNotes(
                    book: loaded.datasets.advice, network: loaded.datasets.network, today: .today,
                    maxTimetableAgeYears: loaded.settings.maxTimetableAgeYears)
            }
            switch format {
            case .json: print(try encodeJSON(Components.Schemas.PlanDetail(detail, notes: notes, context.localizer)))
            case .table: print(PlanText.render(detail, localizer: context.localizer, names: { $0.rawValue }, notes: notes))
            }
        }
    }

    struct Update: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Change a plan's status, group or notes / Modifier un plan.",
            discussion: "Example: trajet plans update ID --status booked --expect-version 2")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var storeOptions: StoreOptions
        @Argument(help: "Plan id.") var id: String
        @Option(help: "New status: draft, planned, booked, travelled, cancelled.") var status: String?
        @Option(parsing: .unconditional, help: "Young participants.") var participants: Int?
        @Option(parsing: .unconditional, help: "Group leaders.") var leaders: Int?
        @Option(help: "Plan name.") var name: String?
        @Option(help: "Notes (replace the current ones).") var notes: String?
        @Option(name: .customLong("expect-version"), parsing: .unconditional,
                help: "Fail if the plan's version is not this one (someone else changed it).")
        var expectVersion: Int?

        func run() async throws {
            let context = try await StoreContext.open(global, storeOptions)
            let l = context.localizer
            let updated = try await context.run {
                let changes = PlanChanges(
                    status: try status.map { try PlanStatus.parse($0) }, participants: participants, leaders: leaders,
                    notes: notes, name: name)
                return try await context.store.updatePlan(id: id, changes: changes, expectedVersion: expectVersion)
            }
            print(l.w("cli.plan-updated-status-version", "\(updated.id)", "\(updated.status.rawValue)", "\(updated.version)"))
        }
    }

    struct Delete: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Delete a plan and its legs / Supprimer un plan.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var storeOptions: StoreOptions
        @Argument(help: "Plan id.") var id: String

        func run() async throws {
            let context = try await StoreContext.open(global, storeOptions)
            try await context.run { try await context.store.deletePlan(id: id) }
            print(context.localizer.w("cli.plan-deleted", "\(id)"))
        }
    }

    struct Recompute: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Recompute saved footprints with the current or given factor set / Recalculer les empreintes.",
            discussion: """
                Each saved leg is recomputed from its network leg (Datasets/network/legs.csv) for the plan's group; \
                a leg no longer in the network keeps its saved numbers and is reported. The plan's version goes up by one.
                Example: trajet plans recompute --all --factors ademe-2024
                """)
        @OptionGroup var global: GlobalOptions
        @OptionGroup var storeOptions: StoreOptions
        @Argument(help: "Plan id (or --all).") var id: String?
        @Flag(help: "Every saved plan.") var all = false
        @Option(help: "Factor set id (default from config).") var factors: String?

        func validate() throws {
            if all == (id != nil) { throw ValidationError(global.optionWords.w("cli.option-plan-id-or-all")) }
        }

        func run() async throws {
            let context = try await CommandContext.load(global, factorSet: factors)
            let l = context.localizer
            let factorSet = try reportingDomainErrors(l) { () throws(TrajetError) in
                try context.datasets.factorSet(context.settings.factorSetID)
            }
            let recomputer = PlanRecomputer(
                network: context.datasets.network,
                calculator: EmissionCalculator(factorSet: factorSet, hubs: context.datasets.hubs),
                options: EmissionOptions(
                    cabinClass: context.settings.cabinClass, includeAirportHubs: context.settings.includeAirportHubs))
            let store = try await StoreContext.open(global, storeOptions)
            let ids: [String] = try await store.run {
                if let id {
                    guard try await store.store.plan(id: id) != nil else { throw PlanStoreError.planNotFound(id: id) }
                    return [id]
                }
                return try await store.store.plans(PlanFilter()).map(\.id)
            }
            for planId in ids {
                try await store.run {
                    guard let detail = try await store.store.plan(id: planId) else { throw PlanStoreError.planNotFound(id: planId) }
                    let result = try reportingDomainErrors(l) { () throws(TrajetError) in try recomputer.recompute(detail) }
                    let saved = try await store.store.recomputePlan(
                        id: detail.plan.id, legs: result.legs, factorSetId: factorSet.id.rawValue,
                        factorSetVersion: factorSet.version, expectedVersion: detail.plan.version)
                    print(l.w("cli.co2e-per-person-version", "\(saved.plan.id)", "\(kgText(detail.totalGramsPerPerson, l))", "\(kgText(saved.totalGramsPerPerson, l))", "\(detail.plan.factorSetId)", "\(factorSet.id.rawValue)", "\(saved.plan.version)"))
                    for kept in result.keptLegs {
                        print(l.w("cli.leg-no-longer-in-the-network", "\(kept)"))
                    }
                }
            }
        }
    }

    struct Export: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write plans and organisations as JSON to standard output / Exporter en JSON.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var storeOptions: StoreOptions
        @Option(help: "Only this organisation.") var org: String?

        func run() async throws {
            let context = try await StoreContext.open(global, storeOptions)
            let document = try await context.run { try await context.store.export(organisationId: org) }
            print(try encodeJSON(document))
        }
    }

    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import a `plans export` file: all or nothing, same ids replaced / Importer (tout ou rien).")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var storeOptions: StoreOptions
        @Argument(help: "JSON file from `trajet plans export`.") var file: String

        func run() async throws {
            let context = try await StoreContext.open(global, storeOptions)
            let l = context.localizer
            let document: PlanExport
            do {
                document = try JSONDecoder().decode(PlanExport.self, from: try Data(contentsOf: URL(fileURLWithPath: file)))
            } catch let error as DecodingError {
                printError(l.w("cli.file-is-not-a-valid-plans", "\(file)")
                    + Self.describe(error), l)
                throw ExitCode(1)
            } catch {
                printError(l.w("cli.file-cannot-read", "\(file)", "\(error.localizedDescription)"), l)
                throw ExitCode(1)
            }
            // Partners, places and legs must exist in the datasets, or reports and recompute could not use the plans.
            let datasets = try await CommandContext.load(global).datasets
            let problems = document.unknownReferences(
                partners: Set(datasets.network.partners.keys.map(\.rawValue)),
                places: Set(datasets.network.places.keys.map(\.rawValue)),
                legs: Set(datasets.network.legs.map(\.id.rawValue)))
            guard problems.isEmpty else {
                printError(
                    l.w("cli.nothing-imported", "\(file)")
                        + problems.prefix(20).joined(separator: "; ")
                        + (problems.count > 20 ? l.w("cli.and-more", "\(problems.count - 20)") : ""),
                    l)
                throw ExitCode(1)
            }
            let summary = try await context.run { try await context.store.importPlans(document) }
            print(l.w("cli.import-done-plan-s-added-replaced", "\(summary.plansAdded)", "\(summary.plansReplaced)", "\(summary.organisationsAdded)"))
        }

        /// The JSON path and the problem (`plans[1].plan.status: …`).
        static func describe(_ error: DecodingError) -> String { ItineraryFile.describe(error) }
    }
}

/// A plan as text: its fields, then the legs of each direction with their saved footprint.
enum PlanText {
    static func render(
        _ detail: PlanDetail, localizer l: Localizer, names: (PlaceID) -> String, notes: RouteNotes? = nil
    ) -> String {
        let p = detail.plan
        var lines = [
            "\(p.name)  [\(p.status.rawValue), v\(p.version)]",
            "id: \(p.id)",
            l.w("cli.organisation-partner", "\(p.organisationId)", "\(p.partnerId)"),
            l.w("cli.trip", "\(names(PlaceID(p.originPlaceId)))", "\(names(PlaceID(p.destinationPlaceId)))"),
            l.w("cli.dates", "\(p.departDate)", "\(p.returnDate ?? "aller simple")", "\(p.returnDate ?? "one way")"),
            l.w("cli.group-participants-leaders", "\(p.participants)", "\(p.leaders)", "\(p.minors ? ", mineurs" : "")", "\(p.minors ? ", minors" : "")"),
            l.w("cli.factors", "\(p.factorSetId)", "\(p.factorSetVersion)"),
            l.w("cli.co2e-per-person-for-the-group", "\(kgText(detail.totalGramsPerPerson, l))", "\(kgText(detail.groupTotalGrams, l))"),
        ]
        if !p.notes.isEmpty { lines.append("notes: \(p.notes)") }
        for direction in LegDirection.allCases {
            let legs = detail.legs(direction)
            guard !legs.isEmpty else { continue }
            lines.append("")
            lines.append(direction == .outbound ? l.w("cli.outbound") : l.w("cli.return-2"))
            var table = TextTable(
                header: ["#", l.w("cli.mode"), l.w("cli.from"), l.w("cli.to"), l.w("cli.departure"), "km",
                         l.w("cli.co2e-person"), l.w("cli.est")],
                rightAligned: [0, 5, 6])
            for leg in legs {
                let estimate = leg.distanceEstimated || leg.durationEstimated || leg.factorEstimated || leg.fareEstimated
                table.add([String(leg.position), TransportMode(rawValue: leg.mode).map(l.mode) ?? leg.mode,
                           names(PlaceID(leg.fromPlaceId)), names(PlaceID(leg.toPlaceId)), leg.departure,
                           l.numbers.format(leg.distanceKm, decimals: 0), kgText(leg.totalGrams, l), estimate ? "ESTIMATE" : ""])
            }
            lines.append(table.render())
            if let notes { lines += adviceLines(legs, notes, l) }
        }
        return lines.joined(separator: "\n")
    }

    /// Travel advice and old timetables of a saved plan's legs, as `trajet routes` shows them (issue 14).
    static func adviceLines(_ legs: [PlanLeg], _ notes: RouteNotes, _ l: Localizer) -> [String] {
        notes.adviceLines(planLegs: legs, l).map { "  " + $0 }
    }
}
