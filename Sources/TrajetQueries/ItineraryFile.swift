import Foundation
import TrajetCore
import TrajetStore

/// An itinerary chosen elsewhere, for `trajet plans add --itinerary-json FILE` and `POST /v1/plans` (`itinerary`):
/// either the JSON of
/// `trajet routes --format json` (`itineraries[0]` is the outbound, `return.itineraries[0]` the return) or a single
/// itinerary object (`{"legs": [...]}`). Only leg ids, places and times are read from the file; every number is
/// recomputed from the shipped network and factor set by `ItineraryFile.planLegs`.
package struct ItineraryFile: Equatable {
    package struct LegRef: Decodable, Equatable {
        package var id: String
        package var from: String
        package var to: String
        package var departure: String
        package var arrival: String
    }
    package struct ItineraryRef: Decodable, Equatable {
        package var legs: [LegRef]
    }
    package struct DirectionRef: Decodable {
        package var itineraries: [ItineraryRef]
    }
    /// Either shape: `itineraries` (+ optional `return`) or `legs`.
    private struct Document: Decodable {
        package var itineraries: [ItineraryRef]?
        var `return`: DirectionRef?
        package var legs: [LegRef]?
    }

    /// Files larger than this are refused before reading.
    package static let maximumBytes = 10 * 1024 * 1024

    package var outbound: [LegRef]
    package var inbound: [LegRef]?

    /// A problem with the file, already in the user's language; names the file and what was expected.
    package struct Problem: Error, Equatable {
        package var message: String
    }

    package static func load(path: String, localizer l: Localizer) throws(Problem) -> ItineraryFile {
        let url = URL(fileURLWithPath: path)
        let size: Int
        do {
            let attributes = try FileManager.default.attributesOfItem(atPath: url.path)
            size = (attributes[.size] as? NSNumber)?.intValue ?? 0
        } catch {
            throw Problem(message: l.w("text.itinerary-json-cannot-read", "\(path)", "\(error.localizedDescription)"))
        }
        guard size <= maximumBytes else {
            throw Problem(message: l.w("text.itinerary-json-is-bytes-at-most", "\(path)", "\(size)", "\(maximumBytes)"))
        }
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw Problem(message: l.w("text.itinerary-json-cannot-read", "\(path)", "\(error.localizedDescription)"))
        }
        return try parse(data, path: path, localizer: l)
    }

    /// `label` names the input in messages: the CLI's `--itinerary-json`, the API's `itinerary`.
    package static func parse(
        _ data: Data, path: String, localizer l: Localizer, label: String = "--itinerary-json"
    ) throws(Problem) -> ItineraryFile {
        let expected = l.w("text.expected-the-json-of-trajet-routes")
        let document: Document
        do {
            document = try JSONDecoder().decode(Document.self, from: data)
        } catch let error as DecodingError {
            var detail = ItineraryFile.describe(error)
            if detail.hasPrefix(": ") { detail.removeFirst(2) }
            throw Problem(message: l.w("text.is-not-valid", "\(label)", "\(path)")
                + detail + "); " + expected + ".")
        } catch {
            throw Problem(message: "\(label): \(path): \(error.localizedDescription); " + expected + ".")
        }
        if let itineraries = document.itineraries {
            guard let first = itineraries.first else {
                throw Problem(message: l.w("text.itineraries-is-empty-expected-at-least", "\(label)", "\(path)"))
            }
            var inbound: [LegRef]?
            if let back = document.return {
                guard let firstBack = back.itineraries.first else {
                    throw Problem(message: l.w("text.return-itineraries-is-empty-expected-at", "\(label)", "\(path)"))
                }
                inbound = firstBack.legs
            }
            return ItineraryFile(outbound: first.legs, inbound: inbound)
        }
        if let legs = document.legs { return ItineraryFile(outbound: legs, inbound: nil) }
        throw Problem(message: "\(label): \(path): " + expected + ".")
    }

    /// The plan legs of one direction, validated against the network: every leg id exists with the same from/to,
    /// the legs chain, and they go from `origin` to `destination`. Numbers come from the network leg and the
    /// calculator; departure and arrival times are the file's.
    package static func planLegs(
        _ legs: [LegRef], field: String, origin: PlaceID, destination: PlaceID, planId: String,
        direction: LegDirection, network: Network, calculator: EmissionCalculator, group: Group,
        options: EmissionOptions, localizer l: Localizer
    ) throws(Problem) -> [PlanLeg] {
        guard !legs.isEmpty else {
            throw Problem(message: l.w("text.no-legs-expected-at-least-one", "\(field)"))
        }
        var result: [PlanLeg] = []
        for (index, ref) in legs.enumerated() {
            let at = "\(field)[\(index)]"
            guard let networkLeg = network.leg(id: ref.id) else {
                throw Problem(message: l.w("text.id-leg-is-not-in-the", "\(at)", "\(ref.id)"))
            }
            guard networkLeg.from.rawValue == ref.from, networkLeg.to.rawValue == ref.to else {
                throw Problem(message: l.w("text.leg-goes-from-to-in-the", "\(at)", "\(ref.id)", "\(networkLeg.from)", "\(networkLeg.to)", "\(ref.from)", "\(ref.to)"))
            }
            if index == 0, ref.from != origin.rawValue {
                throw Problem(message: l.w("text.from-the-itinerary-starts-at-expected", "\(at)", "\(ref.from)", "\(origin)"))
            }
            if index > 0, legs[index - 1].to != ref.from {
                throw Problem(message: l.w("text.from-does-not-follow-the-previous", "\(at)", "\(ref.from)", "\(legs[index - 1].to)"))
            }
            if index == legs.count - 1, ref.to != destination.rawValue {
                throw Problem(message: l.w("text.to-the-itinerary-ends-at-expected", "\(at)", "\(ref.to)", "\(destination)"))
            }
            for (name, value) in [("departure", ref.departure), ("arrival", ref.arrival)] where value.isEmpty {
                throw Problem(message: l.w("text.empty-expected-an-iso-8601-time", "\(at)", "\(name)"))
            }
            guard let input = LegInput(leg: networkLeg, in: network) else {
                throw Problem(message: l.w("text.id-the-places-of-leg-are", "\(at)", "\(ref.id)"))
            }
            let footprint: LegFootprint
            do {
                footprint = try calculator.footprint(of: input, group: group, options: options)
            } catch {
                throw Problem(message: "\(at): " + l.message(for: error))
            }
            let base = PlanLeg(
                planId: planId, direction: direction, position: index + 1, legId: networkLeg.id.rawValue,
                mode: networkLeg.mode.rawValue, fromPlaceId: networkLeg.from.rawValue, toPlaceId: networkLeg.to.rawValue,
                operatorName: networkLeg.operatorName, distanceKm: 0, durationMinutes: networkLeg.durationMinutes,
                departure: ref.departure, arrival: ref.arrival, fareMinCents: networkLeg.fare?.minCents,
                fareMaxCents: networkLeg.fare?.maxCents, durationEstimated: networkLeg.durationEstimated,
                fareEstimated: networkLeg.fareEstimated, serviceUnconfirmed: networkLeg.serviceUnconfirmed)
            result.append(base.applying(footprint, networkLeg: networkLeg))
        }
        return result
    }

    /// A decoding error as `path.to[2].key: what was wrong`.
    package static func describe(_ error: DecodingError) -> String {
        func path(_ keys: [any CodingKey]) -> String {
            keys.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
                .replacing(/^\./, with: "").replacing(".[", with: "[")
        }
        switch error {
        case .keyNotFound(let key, let context): return "\(path(context.codingPath + [key])): missing"
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context):
            return "\(path(context.codingPath)): \(context.debugDescription)"
        @unknown default: return String(describing: error)
        }
    }
}
