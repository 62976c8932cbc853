import TrajetAPI
import TrajetCore
import TrajetQueries

/// Trajet produced a value openapi.yaml does not list for a closed field (an enum): the contract and the code
/// disagree. Never the caller's fault: the server answers 500 and the tests fail, rather than send an undocumented
/// value.
package struct ContractMismatch: Error, CustomStringConvertible {
    package var field: String
    package var value: String

    package var description: String { "openapi.yaml has no value '\(value)' for \(field)" }

    static func value<Value: RawRepresentable<String>>(_ raw: String, _ field: String) throws(ContractMismatch) -> Value {
        guard let value = Value(rawValue: raw) else { throw ContractMismatch(field: field, value: raw) }
        return value
    }
}

// The references every answer shares.

extension Components.Schemas.PlaceRef {
    package init(_ place: Place) {
        self.init(
            id: place.id.rawValue, name: place.name, city: place.city, country: place.countryCode,
            kind: place.kind.rawValue)
    }
}

extension Components.Schemas.GroupRef {
    package init(_ group: Group) {
        self.init(participants: group.participants, leaders: group.leaders, people: group.people)
    }
}

extension Components.Schemas.FactorSetRef {
    package init(_ set: FactorSet) {
        self.init(
            id: set.id.rawValue, name: set.name, publisher: set.publisher, year: set.year, version: set.version,
            nonCO2Method: set.rules.nonCO2Method.rawValue)
    }
}
