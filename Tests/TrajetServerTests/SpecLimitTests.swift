import Testing
import TrajetCore
import Yams

@testable import TrajetServer

/// openapi.yaml states the group and distance bounds that Core checks (`Group.countRange`,
/// `LegInput.maximumDistanceKm`): a client validating against the spec and a request checked by Trajet must agree.
@Suite struct SpecLimitTests {
    /// Every bound the spec gives a field or query parameter named `name`: (minimum, maximum, exclusive minimum).
    static func bounds(of name: String) throws -> [(minimum: Double?, maximum: Double?, exclusiveMinimum: Double?)] {
        let document = try #require(try Yams.load(yaml: openAPIDocumentText))
        var found: [(Double?, Double?, Double?)] = []
        func number(_ value: Any?) -> Double? {
            switch value {
            case let int as Int: Double(int)
            case let double as Double: double
            default: nil
            }
        }
        func record(_ schema: Any?) {
            guard let schema = schema as? [String: Any], schema["maximum"] != nil || schema["minimum"] != nil
                || schema["exclusiveMinimum"] != nil
            else { return }
            found.append((number(schema["minimum"]), number(schema["maximum"]), number(schema["exclusiveMinimum"])))
        }
        func walk(_ node: Any) {
            if let dictionary = node as? [String: Any] {
                // A schema property (`participants: {type: integer, …}`) or a parameter (`name: participants`).
                if let properties = dictionary["properties"] as? [String: Any] { record(properties[name]) }
                if dictionary["name"] as? String == name { record(dictionary["schema"]) }
                dictionary.values.forEach(walk)
            } else if let array = node as? [Any] {
                array.forEach(walk)
            }
        }
        walk(document)
        return found
    }

    @Test(arguments: ["participants", "leaders"])
    func groupCountsAreCoresRange(field: String) throws {
        let bounds = try Self.bounds(of: field)
        // Emissions body, routes query, plan creation (body and search): the test must not pass on nothing found.
        #expect(bounds.count >= 3, "only \(bounds.count) bounded `\(field)` in openapi.yaml")
        for bound in bounds {
            #expect(bound.minimum == Double(Group.countRange.lowerBound), "\(field): \(bound)")
            #expect(bound.maximum == Double(Group.countRange.upperBound), "\(field): \(bound)")
        }
    }

    @Test func givenDistancesAreCoresRange() throws {
        let bounds = try Self.bounds(of: "distanceKm")
        #expect(bounds.count >= 2, "only \(bounds.count) bounded `distanceKm` in openapi.yaml")
        for bound in bounds {
            #expect(bound.exclusiveMinimum == 0 && bound.minimum == nil, "distanceKm: \(bound)")
            #expect(bound.maximum == LegInput.maximumDistanceKm, "distanceKm: \(bound)")
        }
    }
}
