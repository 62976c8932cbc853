import TrajetAPI
import TrajetCore

/// The catalogue's answers as openapi.yaml's schemas: `GET /v1/places`, `/v1/factor-sets[/{id}]`, and
/// `trajet places|factors --format json`.
extension Components.Schemas.Place {
    package init(_ place: TrajetCore.Place, partners: [String]) {
        self.init(
            id: place.id.rawValue, name: place.name, kind: place.kind.rawValue, city: place.city,
            country: place.countryCode, latitude: place.coordinate.latitudeDegrees,
            longitude: place.coordinate.longitudeDegrees, iata: place.iataCode, timezone: place.timeZoneID,
            aliases: place.aliases, coordinatesEstimate: place.coordinatesEstimated, partners: partners,
            notes: place.notes, source: place.source)
    }

    /// Each place with the partners it belongs to (ids, sorted).
    package static func list(_ places: [TrajetCore.Place], network: Network) -> [Self] {
        let partnersByPlace = network.partnerIDsByPlace()
        return places.map { Self($0, partners: partnersByPlace[$0.id] ?? []) }
    }
}

extension Components.Schemas.Partner {
    package init(_ partner: TrajetCore.Partner) {
        self.init(
            id: partner.id.rawValue, name: partner.name, country: partner.countryCode,
            mainPlace: partner.mainPlace.rawValue, places: partner.places.map(\.rawValue), aliases: partner.aliases)
    }
}

extension Components.Schemas.FactorSet {
    /// A factor set, its rows only when `withRows` (the list leaves them out).
    package init(_ set: TrajetCore.FactorSet, isDefault: Bool, withRows: Bool) {
        let r = set.rules
        self.init(
            id: set.id.rawValue, name: set.name, publisher: set.publisher, year: set.year, version: set.version,
            licence: set.licence, isDefault: isDefault,
            rules: .init(
                flightDistanceBasis: r.flightDistanceBasis, flightDistanceMultiplier: r.flightDistanceMultiplier,
                nonCO2Method: r.nonCO2Method.rawValue, nonCO2Multiplier: r.nonCO2Multiplier,
                wttPublished: r.wttPublished, wttIncludedInTTW: r.wttIncludedInTTW,
                includesVehicleConstruction: r.includesVehicleConstruction,
                defaultCabinClass: r.defaultCabinClass.rawValue),
            notes: set.notes, file: set.factorsFile, rowCount: set.factors.count,
            rows: withRows
                ? set.factors.map {
                    .init(
                        line: $0.line, mode: $0.mode.rawValue, variant: $0.variant.description,
                        region: $0.region.description, minDistanceKm: $0.minDistanceKm,
                        maxDistanceKm: $0.maxDistanceKm, unit: $0.unit.rawValue, ttwKg: $0.ttwKgPerUnit,
                        ttwWithoutNonCO2Kg: $0.ttwWithoutNonCO2KgPerUnit, wttKg: $0.wttKgPerUnit, seats: $0.seats,
                        allocation: $0.allocation.rawValue, proxy: $0.isProxy, estimate: $0.isEstimate,
                        reference: $0.reference, notes: $0.notes, source: $0.source)
                } : nil)
    }
}
