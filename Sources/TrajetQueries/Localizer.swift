import TrajetCore
import TrajetStore

/// User-facing words in French and English. Keys are grouped by where they appear.
public struct Localizer: Sendable {
    public let language: Language
    public var numbers: NumberStyle { NumberStyle(language) }

    public init(_ language: Language) { self.language = language }

    /// Data that carries both languages (a dataset's French and English columns): the one to show.
    package func t(_ fr: String, _ en: String) -> String { language == .fr ? fr : en }

    /// The catalogue's text for `key` with `values` in its places (Sources/TrajetCore/Words).
    package func w(_ key: String, _ values: String...) -> String { language.words(key, values) }

    package func mode(_ mode: TransportMode) -> String { mode.name(in: language) }

    package func cabin(_ cabin: CabinClass) -> String {
        switch cabin {
        case .average: w("text.average-passenger-class-unknown")
        case .economy: w("report.economy-class")
        case .premiumEconomy: w("report.premium-economy")
        case .business: w("report.business-class")
        case .first: w("report.first-class")
        }
    }

    package func kind(_ kind: PlaceKind) -> String {
        switch kind {
        case .airport: w("text.airport")
        case .station: w("text.station")
        case .port: w("text.port")
        case .city: w("text.town")
        case .busStation: w("text.bus-station")
        }
    }

    package func distanceBasis(_ basis: DistanceBasis) -> String {
        switch basis {
        case .route: w("text.route-distance-sourced")
        case .given: w("text.distance-given-distance-km-not-checked")
        case .greatCircle: w("text.great-circle")
        case .greatCircleDetour(let factor):
            w("text.great-circle-estimate", "\(numbers.format(factor, decimals: 2))")
        }
    }

    package func note(_ note: FootprintNote) -> String {
        switch note {
        case .cabinClassNotDistinguished:
            w("text.this-factor-set-does-not-distinguish")
        case .wttNotPublished:
            w("text.well-to-tank-fuel-upstream-is")
        case .wttIncludedInTTW:
            w("text.fuel-upstream-is-already-included-in")
        case .proxyFactor:
            w("text.proxy-factor-no-published-value-for")
        case .estimatedFactor:
            w("text.derived-factor-estimate")
        case .estimatedDistance:
            w("text.estimated-distance-estimate")
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
        case .overland: w("text.overland-overland")
        case .avoid: w("text.avoiding-those-modes-avoid")
        case .maxDays: w("text.within-the-allowed-days-max-days")
        case .maxChanges: w("text.with-so-few-changes-max-changes")
        case .maxCost: w("text.within-that-budget-per-person-max")
        case .noNightTravel: w("text.without-night-travel-no-night-travel")
        case .via: w("text.through-that-place-via")
        case .travelAdvice:
            w("text.avoiding-areas-where-travel-is-advised")
        case .minorsNightRule:
            w("text.without-night-travel-the-rule-for")
        }
    }

    /// The message for a domain error, naming the field and what was expected.
    package func message(for error: TrajetError, names: (PlaceID) -> String = { $0.rawValue }) -> String {
        switch error {
        case .noItinerary(let from, let to, let blocking):
            if blocking.isEmpty {
                return w("text.cannot-be-reached-from-in-this", "\(names(from))", "\(names(to))")
            }
            let ways = blocking.map(constraintSentence).joined(separator: w("text.or"))
            let flags = blocking.map(constraintFlag).joined(separator: w("text.or-2"))
            return w("text.cannot-be-reached-from-in-this-2", "\(names(to))", "\(names(from))", "\(ways)", "\(flags)")
        case .unknownPlace(let query, let suggestions):
            let base = w("text.unknown-place", "\(query)")
            guard !suggestions.isEmpty else {
                return base + " " + w("text.try-trajet-places-for-the-list")
            }
            let list = suggestions.joined(separator: w("text.or-2"))
            return base + " " + w("text.did-you-mean", "\(list)")
        case .ambiguousPlace(let query, let candidates):
            return w("text.matches-several-places-give-the-id", "\(query)", "\(candidates.map(\.rawValue).joined(separator: ", "))")
        case .unknownFactorSet(let id, let available):
            return w("text.unknown-factor-set-available", "\(id)", "\(available.joined(separator: ", "))")
        case .noFactor(let set, let mode, let variant, let distance):
            return w("text.factor-set-has-no-factor-for", "\(set)", "\(self.mode(mode))", "\(variant)", "\(numbers.km(distance))")
        case .notAnAirport(let place, let nearest, let distance):
            var text = w("text.is-not-an-airport-a-flight", "\(place)")
            if let nearest, let distance {
                text += " " + w("text.nearest-airport", "\(nearest)", "\(numbers.km(distance))")
            }
            return text
        case .distanceUnknown(let from, let to, let mode):
            return w("text.no-leg-between-and-in-the", "\(self.mode(mode))", "\(from)", "\(to)")
        case .invalidValue(let field, let value, let expected):
            return w("text.invalid-value-for-expected", "\(field)", "\(value)", expected.text(language))
        }
    }
}

extension Localizer {
    package func message(for error: PlanStoreError) -> String {
        switch error {
        case .invalidValue(let field, let value, let expected):
            w("text.invalid-value-for-expected", "\(field)", "\(value)", expected.text(language))
        case .unknownOrganisation(let id, let field):
            w("text.unknown-organisation-add-it-with-trajet", "\(field)", "\(id)")
        case .organisationExists(let id):
            w("text.id-organisation-already-exists", "\(id)")
        case .planNotFound(let id):
            w("text.id-no-plan", "\(id)")
        case .planExists(let id):
            w("text.id-plan-already-exists", "\(id)")
        case .invalidStatusTransition(let from, let to):
            w("text.status-plan-cannot-become", "\(from.rawValue)", "\(to.rawValue)")
        case .versionConflict(let id, let expected, let actual):
            w("text.version-plan-was-changed-meanwhile-expected", "\(id)", "\(expected)", "\(actual)")
        }
    }
}
