/// Which DESNZ flat-file rows make which Trajet factor row: the mapping behind `Datasets/factors/desnz-2025/`,
/// written once so that every imported year is built the same way (docs/datasets.md).
///
/// Every row except `walk` comes from DESNZ rows of the imported file; rows that stand in for a service DESNZ does
/// not publish (rail outside the UK, sleeper trains, metro, sept-places, minibus) are re-derived from the new
/// year's rows and keep their PROXY / ESTIMATE flags and notes. Seats per vehicle are Trajet's assumptions.
enum DESNZMapping {
    /// A row of the flat file, named by its label columns. `uom` is the unit the mapping expects.
    struct Ref: Sendable, Hashable {
        var level1: String
        var level2: String
        var level3: String
        var level4: String = ""
        var columnText: String = ""
        var uom: String

        var label: String {
            [level1, level2, level3, level4, columnText].filter { !$0.isEmpty }.joined(separator: " / ") + " (\(uom))"
        }
    }

    /// One Trajet row: where its three values come from and what the factor set says about it.
    struct Row: Sendable {
        var mode: String
        var variant: String = "default"
        var region: String = "any"
        var minKm: String = ""
        var maxKm: String = ""
        var unit: String = "passenger_km"
        /// TTW with non-CO2 effects; nil = the row is a constant zero (walking).
        var ttw: Ref?
        /// TTW without non-CO2 effects; nil = the same row as `ttw` (surface modes).
        var ttwWithout: Ref? = nil
        var wtt: Ref?
        var seats: String = ""
        var allocation: String = "per_person"
        var proxy: Bool = false
        var estimate: Bool = false
        var factorRef: String
        var notes: String = ""
    }

    static let passengerKm = "passenger.km"

    static func air(_ haul: String, _ cabin: String, rf: Bool) -> Ref {
        Ref(
            level1: "Business travel- air", level2: "Flights", level3: haul, level4: cabin,
            columnText: rf ? "With RF" : "Without RF", uom: passengerKm)
    }

    /// DESNZ publishes the same WTT value in its "With RF" and "Without RF" WTT rows; the "With RF" one is read.
    static func airWTT(_ haul: String, _ cabin: String) -> Ref {
        Ref(
            level1: "WTT- business travel- air", level2: "WTT- flights", level3: haul, level4: cabin,
            columnText: "With RF", uom: passengerKm)
    }

    static func flight(
        _ variant: String, _ region: String, min: String = "", max: String = "", haul: String, cabin: String,
        ref: String, notes: String = ""
    ) -> Row {
        Row(
            mode: "flight", variant: variant, region: region, minKm: min, maxKm: max,
            ttw: air(haul, cabin, rf: true), ttwWithout: air(haul, cabin, rf: false), wtt: airWTT(haul, cabin),
            factorRef: ref, notes: notes)
    }

    static func land(_ level2: String, _ level3: String, column: String = "", uom: String = passengerKm) -> Ref {
        Ref(level1: "Business travel- land", level2: level2, level3: level3, columnText: column, uom: uom)
    }

    static func landWTT(_ level2: String, _ level3: String, column: String = "", uom: String = passengerKm) -> Ref {
        Ref(level1: "WTT- pass vehs & travel- land", level2: level2, level3: level3, columnText: column, uom: uom)
    }

    static let nonUK = "International, to/from non-UK"
    static let domestic = "Domestic, to/from UK"
    static let shortHaul = "Short-haul, to/from UK"
    static let longHaul = "Long-haul, to/from UK"

    static let internationalRail = land("Rail", "International rail")
    static let internationalRailWTT = landWTT("WTT- rail", "International rail")
    static let nationalRail = land("Rail", "National rail")
    static let nationalRailWTT = landWTT("WTT- rail", "National rail")
    static let largeDieselCar = land("Cars (by size)", "Large car", column: "Diesel", uom: "km")
    static let averageDieselCarWTT = landWTT("WTT- cars (by size)", "Average car", column: "Diesel", uom: "km")

    static let rows: [Row] = [
        flight(
            "average", "not_touches:GB", haul: nonUK, cabin: "Average passenger",
            ref: "Business travel- air / International, to/from non-UK / Average passenger",
            notes: "Used when the cabin class is unknown"),
        flight(
            "economy", "not_touches:GB", haul: nonUK, cabin: "Economy class",
            ref: "Business travel- air / International, to/from non-UK / Economy"),
        flight(
            "premium_economy", "not_touches:GB", haul: nonUK, cabin: "Premium economy class",
            ref: "Business travel- air / International, to/from non-UK / Premium economy"),
        flight(
            "business", "not_touches:GB", haul: nonUK, cabin: "Business class",
            ref: "Business travel- air / International, to/from non-UK / Business"),
        flight(
            "first", "not_touches:GB", haul: nonUK, cabin: "First class",
            ref: "Business travel- air / International, to/from non-UK / First"),
        flight(
            "average", "within:GB", haul: domestic, cabin: "Average passenger",
            ref: "Business travel- air / Domestic, to/from UK / Average passenger",
            notes: "DESNZ publishes no class-specific domestic rows"),
        flight(
            "average", "touches:GB", max: "3700", haul: shortHaul, cabin: "Average passenger",
            ref: "Business travel- air / Short-haul, to/from UK / Average passenger",
            notes: "Short-haul up to 3 700 km (2019 paper §8.7-8.8)"),
        flight(
            "economy", "touches:GB", max: "3700", haul: shortHaul, cabin: "Economy class",
            ref: "Business travel- air / Short-haul, to/from UK / Economy"),
        flight(
            "business", "touches:GB", max: "3700", haul: shortHaul, cabin: "Business class",
            ref: "Business travel- air / Short-haul, to/from UK / Business",
            notes: "DESNZ publishes no short-haul premium economy or first rows"),
        flight(
            "average", "touches:GB", min: "3700", haul: longHaul, cabin: "Average passenger",
            ref: "Business travel- air / Long-haul, to/from UK / Average passenger", notes: "Long-haul above 3 700 km"),
        flight(
            "economy", "touches:GB", min: "3700", haul: longHaul, cabin: "Economy class",
            ref: "Business travel- air / Long-haul, to/from UK / Economy"),
        flight(
            "premium_economy", "touches:GB", min: "3700", haul: longHaul, cabin: "Premium economy class",
            ref: "Business travel- air / Long-haul, to/from UK / Premium economy"),
        flight(
            "business", "touches:GB", min: "3700", haul: longHaul, cabin: "Business class",
            ref: "Business travel- air / Long-haul, to/from UK / Business"),
        flight(
            "first", "touches:GB", min: "3700", haul: longHaul, cabin: "First class",
            ref: "Business travel- air / Long-haul, to/from UK / First"),
        Row(
            mode: "high_speed_rail", ttw: internationalRail, wtt: internationalRailWTT, proxy: true,
            factorRef: "Business travel- land / Rail / International rail",
            notes: "Eurostar-based DESNZ row; proxy for other high-speed trains (TGV, AVE) for which DESNZ publishes no row"),
        Row(
            mode: "high_speed_rail", region: "within:MA", ttw: internationalRail, wtt: internationalRailWTT, proxy: true,
            factorRef: "Business travel- land / Rail / International rail",
            notes: "Al Boraq: no published g/pkm (reference §5, UNCONFIRMED); DESNZ international rail used as a proxy"),
        Row(
            mode: "rail", ttw: nationalRail, wtt: nationalRailWTT, proxy: true,
            factorRef: "Business travel- land / Rail / National rail",
            notes: "UK national-rail average; a proxy outside the UK (a poor one for Belgium/France, reference 'Recommended default set')"),
        Row(
            mode: "rail", region: "within:MA", ttw: nationalRail, wtt: nationalRailWTT, proxy: true,
            factorRef: "Business travel- land / Rail / National rail",
            notes: "ONCF conventional rail: no published factor; UK national rail used as a proxy"),
        Row(
            mode: "rail", region: "within:EG", ttw: nationalRail, wtt: nationalRailWTT, proxy: true,
            factorRef: "Business travel- land / Rail / National rail",
            notes: "Egyptian National Railways: no published factor (UNCONFIRMED); UK national rail used as a proxy"),
        Row(
            mode: "night_train", ttw: nationalRail, wtt: nationalRailWTT, proxy: true,
            factorRef: "Business travel- land / Rail / National rail",
            notes: "No sleeper-train row in DESNZ; national rail used as a proxy"),
        Row(
            mode: "metro", ttw: land("Rail", "Light rail and tram"), wtt: landWTT("WTT- rail", "Light rail and tram"),
            proxy: true, factorRef: "Business travel- land / Rail / Light rail and tram",
            notes: "Urban rail (RER/metro) outside London approximated by the light-rail row"),
        Row(
            mode: "coach", ttw: land("Bus", "Coach"), wtt: landWTT("WTT- bus", "Coach"),
            factorRef: "Business travel- land / Bus / Coach"),
        Row(
            mode: "bus", ttw: land("Bus", "Average local bus"), wtt: landWTT("WTT- bus", "Average local bus"),
            factorRef: "Business travel- land / Bus / Average local bus"),
        Row(
            mode: "taxi", unit: "vehicle_km", ttw: land("Taxis", "Regular taxi", uom: "km"),
            wtt: landWTT("WTT- taxis", "Regular taxi", uom: "km"), seats: "4", allocation: "per_vehicle",
            factorRef: "Business travel- land / Taxis / Regular taxi (vehicle km)",
            notes: "Per vehicle: a chartered taxi counts whole vehicles (DESNZ guidance row A12); 4 passenger seats (ESTIMATE)"),
        Row(
            mode: "shared_taxi", unit: "vehicle_km", ttw: largeDieselCar, wtt: averageDieselCarWTT, seats: "7",
            allocation: "per_seat", proxy: true, estimate: true,
            factorRef: "Cars (by size) / Large car / Diesel (vehicle km); WTT: average diesel car",
            notes: "DERIVED (reference §5): sept-places/grand taxi = large diesel car shared by its passengers (seats set per leg, 7 by default); old vehicles make real values higher"),
        Row(
            mode: "minibus", unit: "vehicle_km", ttw: largeDieselCar, wtt: averageDieselCarWTT, seats: "8",
            allocation: "per_vehicle", proxy: true, estimate: true,
            factorRef: "Cars (by size) / Large car / Diesel (vehicle km); WTT: average diesel car",
            notes: "ESTIMATE: no minibus row in the reference; a chartered minibus is counted per vehicle with the large diesel car factor, which likely understates a real minibus"),
        Row(
            mode: "car", unit: "vehicle_km", ttw: land("Cars (by size)", "Average car", column: "Unknown", uom: "km"),
            wtt: landWTT("WTT- cars (by size)", "Average car", column: "Unknown", uom: "km"), seats: "4",
            allocation: "per_vehicle", factorRef: "Cars (by size) / Average car / Unknown fuel (vehicle km)",
            notes: "Divided among the car's occupants"),
        Row(
            mode: "ferry",
            ttw: Ref(level1: "Business travel- sea", level2: "Ferry", level3: "Foot passenger", uom: passengerKm),
            wtt: Ref(level1: "WTT- business travel- sea", level2: "WTT- ferry", level3: "Foot passenger", uom: passengerKm),
            factorRef: "Business travel- sea / Ferry / Foot passenger",
            notes: "RoPax factor from UK routes (BFF 2007); no route factor for the Strait of Gibraltar or Sète-Tanger (UNCONFIRMED)"),
        Row(mode: "walk", ttw: nil, wtt: nil, factorRef: "", notes: "Walking emits nothing to count here"),
    ]

    /// The CO2 parts of these two rows give the publisher's non-CO2 multiplier (DESNZ applies RF to CO2 only).
    static let rfCheck = (withRF: air(nonUK, "Economy class", rf: true), withoutRF: air(nonUK, "Economy class", rf: false))
}
