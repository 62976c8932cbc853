import TrajetCore

package struct FactorSetOutput: Encodable {
    package struct Rules: Encodable {
        package var flightDistanceBasis: String
        package var flightDistanceMultiplier: Double
        package var nonCO2Method: String
        package var nonCO2Multiplier: Double
        package var wttPublished: Bool
        package var wttIncludedInTTW: Bool
        package var includesVehicleConstruction: Bool
        package var defaultCabinClass: String
    }
    package struct Row: Encodable {
        package var line: Int
        package var mode: String
        package var variant: String
        package var region: String
        package var minDistanceKm: Double?
        package var maxDistanceKm: Double?
        package var unit: String
        package var ttwKg: Double
        package var ttwWithoutNonCO2Kg: Double
        package var wttKg: Double?
        package var seats: Int?
        package var allocation: String
        package var proxy: Bool
        package var estimate: Bool
        package var reference: String
        package var notes: String
        package var source: String
    }
    package var id: String
    package var name: String
    package var publisher: String
    package var year: Int
    package var version: String
    package var licence: String
    package var isDefault: Bool
    package var rules: Rules
    package var notes: String
    package var file: String
    package var rowCount: Int
    package var rows: [Row]?

    package init(_ set: FactorSet, isDefault: Bool, withRows: Bool) {
        id = set.id.rawValue
        name = set.name
        publisher = set.publisher
        year = set.year
        version = set.version
        licence = set.licence
        self.isDefault = isDefault
        let r = set.rules
        rules = Rules(
            flightDistanceBasis: r.flightDistanceBasis, flightDistanceMultiplier: r.flightDistanceMultiplier,
            nonCO2Method: r.nonCO2Method.rawValue, nonCO2Multiplier: r.nonCO2Multiplier, wttPublished: r.wttPublished,
            wttIncludedInTTW: r.wttIncludedInTTW, includesVehicleConstruction: r.includesVehicleConstruction,
            defaultCabinClass: r.defaultCabinClass.rawValue)
        notes = set.notes
        file = set.factorsFile
        rowCount = set.factors.count
        rows = withRows
            ? set.factors.map {
                Row(
                    line: $0.line, mode: $0.mode.rawValue, variant: $0.variant.description, region: $0.region.description,
                    minDistanceKm: $0.minDistanceKm, maxDistanceKm: $0.maxDistanceKm, unit: $0.unit.rawValue,
                    ttwKg: $0.ttwKgPerUnit, ttwWithoutNonCO2Kg: $0.ttwWithoutNonCO2KgPerUnit, wttKg: $0.wttKgPerUnit,
                    seats: $0.seats, allocation: $0.allocation.rawValue, proxy: $0.isProxy, estimate: $0.isEstimate,
                    reference: $0.reference, notes: $0.notes, source: $0.source)
            } : nil
    }
}

package struct PlaceOutput: Encodable {
    package var id: String
    package var name: String
    package var kind: String
    package var city: String
    package var country: String
    package var latitude: Double
    package var longitude: Double
    package var iata: String?
    package var timezone: String
    package var aliases: [String]
    package var coordinatesEstimate: Bool
    package var partners: [String]
    package var notes: String
    package var source: String

    package init(_ place: Place, partners: [String]) {
        id = place.id.rawValue
        name = place.name
        kind = place.kind.rawValue
        city = place.city
        country = place.countryCode
        latitude = place.coordinate.latitudeDegrees
        longitude = place.coordinate.longitudeDegrees
        iata = place.iataCode
        timezone = place.timeZoneID
        aliases = place.aliases
        coordinatesEstimate = place.coordinatesEstimated
        self.partners = partners
        notes = place.notes
        source = place.source
    }
}
