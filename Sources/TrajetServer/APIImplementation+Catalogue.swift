import Foundation
import HTTPTypes
import Hummingbird
import Logging
import OpenAPIRuntime
import TrajetAPI
import TrajetContract
import TrajetCore
import TrajetDatasets
import TrajetQueries
import TrajetReports
import TrajetStore

/// The catalogue (places, partners, factor sets) and the calculations (emissions, routes): open to anyone unless
/// `server.publicReads` is false.
extension APIImplementation {
    func listPlaces(_ input: Operations.ListPlaces.Input) async throws -> Operations.ListPlaces.Output {
        try await requirePublicRead()
        let network = datasets.network
        let query = input.query.query
        if let query, query.unicodeScalars.count > 200 {
            throw Problem.invalid(l, field: "query", value: String(query.prefix(40)) + "…", expected: .w("expect.at-most-characters", "200"))
        }
        let places = network.search(query ?? "", limit: query == nil ? Int.max : 30)
        guard !places.isEmpty else {
            var problem = Problem(
                TrajetError.unknownPlace(query: query ?? "", suggestions: network.suggestions(for: query ?? "")),
                localizer: l)
            problem.field = "query"
            throw problem
        }
        return .ok(.init(body: .json(Components.Schemas.Place.list(places, network: network))))
    }

    func listPartners(_ input: Operations.ListPartners.Input) async throws -> Operations.ListPartners.Output {
        try await requirePublicRead()
        let partners = datasets.network.partners.values.sorted { $0.id < $1.id }.map(Components.Schemas.Partner.init)
        return .ok(.init(body: .json(partners)))
    }

    func listFactorSets(_ input: Operations.ListFactorSets.Input) async throws -> Operations.ListFactorSets.Output {
        try await requirePublicRead()
        let sets = datasets.factorSetIDs.compactMap { datasets.factorSets[$0] }.map {
            Components.Schemas.FactorSet($0, isDefault: $0.id.rawValue == settings.factorSetID, withRows: false)
        }
        return .ok(.init(body: .json(sets)))
    }

    func getFactorSet(_ input: Operations.GetFactorSet.Input) async throws -> Operations.GetFactorSet.Output {
        try await requirePublicRead()
        let set: FactorSet
        do {
            set = try datasets.factorSet(input.path.id)
        } catch {
            var problem = Problem(error, localizer: l)
            problem.field = "id"
            throw problem
        }
        let output = Components.Schemas.FactorSet(set, isDefault: set.id.rawValue == settings.factorSetID, withRows: true)
        return .ok(.init(body: .json(output)))
    }

    // MARK: Calculations

    func computeEmissions(_ input: Operations.ComputeEmissions.Input) async throws
        -> Operations.ComputeEmissions.Output
    {
        try await requirePublicRead()
        guard case .json(let body) = input.body else { throw Problem.badRequest(l, field: nil, detail: "JSON body") }
        let participants = try count(body.participants, "participants")
        let leaders = try count(body.leaders, "leaders")
        var legs: [(field: String, from: String, to: String, mode: String, distanceKm: Double?)] = []
        if let list = body.legs {
            guard body.from == nil, body.to == nil, body.mode == nil, body.distanceKm == nil else {
                throw Problem.invalid(l, field: "legs", value: "legs + from/to/mode", expected: .w("expect.legs-or-from-to-mode"))
            }
            guard (1...50).contains(list.count) else {
                throw Problem.invalid(l, field: "legs", value: "\(list.count) legs", expected: .w("expect.legs-from-to", "1", "50"))
            }
            legs = list.enumerated().map {
                ("legs[\($0.offset)].", $0.element.from, $0.element.to, $0.element.mode.rawValue, $0.element.distanceKm)
            }
        } else {
            guard let from = body.from else { throw missing("from") }
            guard let to = body.to else { throw missing("to") }
            guard let mode = body.mode else { throw missing("mode") }
            legs = [("", from, to, mode.rawValue, body.distanceKm)]
        }
        let cabin = body.cabinClass.flatMap { CabinClass(rawValue: $0.rawValue) } ?? settings.cabinClass
        if let factors = body.factors { try checkText(factors, "factors", max: 100) }
        let factorSetID = body.factors ?? settings.factorSetID
        var results: [LegEmissions] = []
        var totals = (person: 0.0, personCO2: 0.0, group: 0.0, groupCO2: 0.0)
        for leg in legs {
            guard let mode = TransportMode(rawValue: leg.mode) else {
                throw Problem.invalid(
                    l, field: leg.field + "mode", value: leg.mode,
                    expected: .w("expect.one-of", TransportMode.allCases.map(\.rawValue).joined(separator: ", ")))
            }
            if let distance = leg.distanceKm, !(distance > 0 && distance <= LegInput.maximumDistanceKm) {
                throw Problem.invalid(
                    l, field: leg.field + "distanceKm", value: "\(distance)",
                    expected: .w("expect.distance-km-above-0-at-most", "\(Int(LegInput.maximumDistanceKm))"))
            }
            try checkText(leg.from, leg.field + "from")
            try checkText(leg.to, leg.field + "to")
            let query = EmissionsQuery(
                from: leg.from, to: leg.to, mode: mode, cabinClass: cabin, participants: participants, leaders: leaders,
                factorSetID: factorSetID, distanceKm: leg.distanceKm,
                includeAirportHubs: body.airportHubs ?? settings.includeAirportHubs)
            let result: EmissionsQuery.Result
            do {
                result = try query.run(datasets: datasets)
            } catch {
                var problem = Problem(error, localizer: l)
                if case .unknownPlace(let text, _) = error { problem.field = leg.field + (text == leg.from ? "from" : "to") }
                if case .notAnAirport = error { problem.field = leg.field + "mode" }
                if case .invalidValue(let field, _, _) = error { problem.field = field }
                if case .unknownFactorSet = error { problem.field = "factors" }
                throw problem
            }
            let f = result.footprint
            totals.person += f.perPerson.totalKg
            totals.personCO2 += f.perPerson.totalWithoutNonCO2Kg
            totals.group += f.group.totalKg
            totals.groupCO2 += f.group.totalWithoutNonCO2Kg
            results.append(LegEmissions(result, localizer: l))
        }
        return .ok(
            .init(
                body: .json(
                    .init(
                        legs: results,
                        total: .init(
                            co2eKgPerPerson: rounded(totals.person), co2eKgPerPersonWithoutNonCO2: rounded(totals.personCO2),
                            co2eKgGroup: rounded(totals.group), co2eKgGroupWithoutNonCO2: rounded(totals.groupCO2))))))
    }
    typealias LegEmissions = Components.Schemas.LegEmissions

    func searchRoutes(_ input: Operations.SearchRoutes.Input) async throws -> Operations.SearchRoutes.Output {
        try await requirePublicRead()
        let q = input.query
        try checkText(q.from, "from")
        try checkText(q.to, "to")
        if let via = q.via { try checkText(via, "via") }
        if let factors = q.factors { try checkText(factors, "factors", max: 100) }
        if let avoid = q.avoid { try checkText(avoid, "avoid", max: 300, min: 0) }
        let request = RoutesRequest(
            from: q.from, to: q.to, participants: try count(q.participants, "participants"),
            leaders: try count(q.leaders, "leaders"), minors: q.minors ?? false, depart: try date(q.depart, "depart"),
            returnDate: try date(q._return, "return"), rank: RankingProfile(rawValue: q.rank?.rawValue ?? "") ?? .balanced,
            limit: try bounded(q.limit, "limit", 1...20) ?? settings.routeLimit,
            maxDays: try bounded(q.maxDays, "maxDays", 1...60), maxChanges: try bounded(q.maxChanges, "maxChanges", 0...50),
            maxCostEur: try maxCost(q.maxCost), avoid: try modes(q.avoid, "avoid"), overland: q.overland ?? false,
            via: q.via, noNightTravel: q.noNightTravel ?? false)
        var settings = self.settings
        if let factors = q.factors { settings.factorSetID = factors }
        if let cabin = q._class.flatMap({ CabinClass(rawValue: $0.rawValue) }) { settings.cabinClass = cabin }
        // The answer's JSON is written on the search threads too: it costs as much as a short search.
        let localizer = l
        let (result, bytes) = try await routes(request, settings: settings) { answer in
            let result = try Components.Schemas.RoutesResult(answer, localizer: localizer)
            return (result, try result.compactJSON())
        }
        try EncodedAnswer.checkAccept(RequestInfo.current.accept, for: "application/json")
        throw try EncodedAnswer.json(bytes, of: result)
    }
}
