import TrajetCore
import TrajetStore

/// User-facing words in French and English. Keys are grouped by where they appear.
public struct Localizer: Sendable {
    public let language: Language
    public var numbers: NumberStyle { NumberStyle(language) }

    public init(_ language: Language) { self.language = language }

    package func t(_ fr: String, _ en: String) -> String { language == .fr ? fr : en }

    package func mode(_ mode: TransportMode) -> String { mode.name(in: language) }

    package func cabin(_ cabin: CabinClass) -> String {
        switch cabin {
        case .average: t("classe moyenne (inconnue)", "average passenger (class unknown)")
        case .economy: t("classe économique", "economy class")
        case .premiumEconomy: t("économique premium", "premium economy")
        case .business: t("classe affaires", "business class")
        case .first: t("première classe", "first class")
        }
    }

    package func kind(_ kind: PlaceKind) -> String {
        switch kind {
        case .airport: t("aéroport", "airport")
        case .station: t("gare", "station")
        case .port: t("port", "port")
        case .city: t("ville", "town")
        case .busStation: t("gare routière", "bus station")
        }
    }

    package func distanceBasis(_ basis: DistanceBasis) -> String {
        switch basis {
        case .route: t("distance de parcours (source)", "route distance (sourced)")
        case .given: t("distance donnée (--distance-km, non vérifiée)", "distance given (--distance-km, not checked)")
        case .greatCircle: t("orthodromique (grand cercle)", "great-circle")
        case .greatCircleDetour(let factor):
            t(
                "grand cercle × \(numbers.format(factor, decimals: 2)) (ESTIMATION)",
                "great-circle × \(numbers.format(factor, decimals: 2)) (ESTIMATE)")
        }
    }

    package func note(_ note: FootprintNote) -> String {
        switch note {
        case .cabinClassNotDistinguished:
            t(
                "ce jeu de facteurs ne distingue pas les classes de cabine : valeur toutes classes",
                "this factor set does not distinguish cabin classes: all-class value used")
        case .wttNotPublished:
            t(
                "l'amont du carburant (WTT) n'est pas publié dans ce jeu : il manque au total",
                "well-to-tank (fuel upstream) is not published in this set: it is missing from the total")
        case .wttIncludedInTTW:
            t(
                "l'amont du carburant est déjà compris dans la valeur directe de ce jeu",
                "fuel upstream is already included in this set's direct value")
        case .proxyFactor:
            t(
                "facteur de substitution (PROXY) : aucune valeur publiée pour ce service",
                "PROXY factor: no published value for this service")
        case .estimatedFactor:
            t("facteur dérivé (ESTIMATION)", "derived factor (ESTIMATE)")
        case .estimatedDistance:
            t("distance estimée (ESTIMATION)", "estimated distance (ESTIMATE)")
        }
    }

    package func constraintFlag(_ constraint: RouteConstraint) -> String {
        switch constraint {
        case .minorsNightRule, .travelAdvice: "--minors"
        default: "--" + constraint.rawValue
        }
    }

    package func constraintSentence(_ constraint: RouteConstraint) -> String {
        switch constraint {
        case .overland: t("sans avion (--overland)", "overland (--overland)")
        case .avoid: t("en évitant ces modes (--avoid)", "avoiding those modes (--avoid)")
        case .maxDays: t("dans le nombre de jours permis (--max-days)", "within the allowed days (--max-days)")
        case .maxChanges: t("avec si peu de correspondances (--max-changes)", "with so few changes (--max-changes)")
        case .maxCost: t("dans ce budget par personne (--max-cost)", "within that budget per person (--max-cost)")
        case .noNightTravel: t("sans voyager de nuit (--no-night-travel)", "without night travel (--no-night-travel)")
        case .via: t("en passant par ce lieu (--via)", "through that place (--via)")
        case .travelAdvice:
            t(
                "en évitant les zones où les voyages sont déconseillés, règle des groupes avec mineurs (--minors)",
                "avoiding areas where travel is advised against, the rule for groups with minors (--minors)")
        case .minorsNightRule:
            t(
                "sans trajet de nuit, règle des groupes avec mineurs (--minors)",
                "without night travel, the rule for groups with minors (--minors)")
        }
    }

    /// The message for a domain error, naming the field and what was expected.
    package func message(for error: TrajetError, names: (PlaceID) -> String = { $0.rawValue }) -> String {
        switch error {
        case .noItinerary(let from, let to, let blocking):
            if blocking.isEmpty {
                return t(
                    "Aucun itinéraire de \(names(from)) à \(names(to)) dans ce réseau, même sans contraintes.",
                    "\(names(to)) cannot be reached from \(names(from)) in this network, even without constraints.")
            }
            let ways = blocking.map(constraintSentence).joined(separator: t(" ni ", " or "))
            let flags = blocking.map(constraintFlag).joined(separator: t(" ou ", " or "))
            return t(
                "\(names(to)) ne peut pas être atteint depuis \(names(from)) \(ways) dans ce réseau ; retirez \(flags).",
                "\(names(to)) cannot be reached from \(names(from)) \(ways) in this network; drop \(flags).")
        case .unknownPlace(let query, let suggestions):
            let base = t("Lieu inconnu : « \(query) ».", "Unknown place: '\(query)'.")
            guard !suggestions.isEmpty else {
                return base + " " + t("Essayez `trajet places` pour la liste.", "Try `trajet places` for the list.")
            }
            let list = suggestions.joined(separator: t(" ou ", " or "))
            return base + " " + t("Vouliez-vous dire \(list) ?", "Did you mean \(list)?")
        case .ambiguousPlace(let query, let candidates):
            return t(
                "« \(query) » désigne plusieurs lieux : \(candidates.map(\.rawValue).joined(separator: ", ")). Précisez l'identifiant.",
                "'\(query)' matches several places: \(candidates.map(\.rawValue).joined(separator: ", ")). Give the id.")
        case .unknownFactorSet(let id, let available):
            return t(
                "Jeu de facteurs inconnu : « \(id) ». Disponibles : \(available.joined(separator: ", ")).",
                "Unknown factor set: '\(id)'. Available: \(available.joined(separator: ", ")).")
        case .noFactor(let set, let mode, let variant, let distance):
            return t(
                "Le jeu \(set) n'a pas de facteur pour \(self.mode(mode)) (\(variant)) à \(numbers.km(distance)).",
                "Factor set \(set) has no factor for \(self.mode(mode)) (\(variant)) at \(numbers.km(distance)).")
        case .notAnAirport(let place, let nearest, let distance):
            var text = t(
                "\(place) n'est pas un aéroport ; un vol relie deux aéroports.",
                "\(place) is not an airport; a flight joins two airports.")
            if let nearest, let distance {
                text += " " + t(
                    "Aéroport le plus proche : \(nearest) (\(numbers.km(distance))).",
                    "Nearest airport: \(nearest) (\(numbers.km(distance))).")
            }
            return text
        case .distanceUnknown(let from, let to, let mode):
            return t(
                "Aucun trajet \(self.mode(mode)) entre \(from) et \(to) dans le réseau : donnez --distance-km.",
                "No \(self.mode(mode)) leg between \(from) and \(to) in the network: give --distance-km.")
        case .invalidValue(let field, let value, let expected):
            return t(
                "Valeur invalide pour \(field) : « \(value) » ; attendu : \(expected).",
                "Invalid value for \(field): '\(value)'; expected \(expected).")
        }
    }
}

extension Localizer {
    package func message(for error: PlanStoreError) -> String {
        switch error {
        case .invalidValue(let field, let value, let expected):
            t(
                "Valeur invalide pour \(field) : « \(value) » ; attendu : \(expected).",
                "Invalid value for \(field): '\(value)'; expected \(expected).")
        case .unknownOrganisation(let id, let field):
            t(
                "\(field) : organisation inconnue « \(id) » ; créez-la avec `trajet orgs add \(id) --name …`.",
                "\(field): unknown organisation '\(id)'; add it with `trajet orgs add \(id) --name …`.")
        case .organisationExists(let id):
            t("id : l'organisation « \(id) » existe déjà.", "id: organisation '\(id)' already exists.")
        case .planNotFound(let id):
            t("id : aucun plan « \(id) ».", "id: no plan '\(id)'.")
        case .planExists(let id):
            t("id : le plan « \(id) » existe déjà.", "id: plan '\(id)' already exists.")
        case .invalidStatusTransition(let from, let to):
            t(
                "status : un plan « \(from.rawValue) » ne peut pas passer à « \(to.rawValue) » "
                    + "(draft → planned → booked → travelled, ou cancelled sauf après travelled).",
                "status: a '\(from.rawValue)' plan cannot become '\(to.rawValue)' "
                    + "(draft → planned → booked → travelled, or cancelled except once travelled).")
        case .versionConflict(let id, let expected, let actual):
            t(
                "version : le plan \(id) a changé entretemps (attendu \(expected), actuel \(actual)) ; relisez-le avec `trajet plans show \(id)`.",
                "version: plan \(id) was changed meanwhile (expected \(expected), now \(actual)); re-read it with `trajet plans show \(id)`.")
        }
    }
}
