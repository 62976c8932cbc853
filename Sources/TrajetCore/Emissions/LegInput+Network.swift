extension Network {
    /// The leg to cost for an `emissions` question between two places with one mode.
    ///
    /// Distance, in order: the one given; for flights the great-circle distance (the factor sets' rule); the
    /// network's own leg for that mode; great-circle × the network's median detour for the mode's family,
    /// flagged as an estimate.
    public func legInput(
        from: Place, to: Place, mode: TransportMode, distanceKm given: Double? = nil
    ) throws(TrajetError) -> LegInput {
        if mode == .flight {
            for place in [from, to] where place.kind != .airport {
                let nearest = nearestAirport(to: place.id)
                throw .notAnAirport(
                    place: place.id, nearestAirport: nearest?.place.id, nearestDistanceKm: nearest?.distanceKm)
            }
        }
        let direct = legs(from: from.id, to: to.id, mode: mode).sorted { $0.id < $1.id }.first
        if let given {
            guard given.isFinite, given > 0, given <= LegInput.maximumDistanceKm else {
                throw .invalidValue(
                    field: "distance-km", value: String(given),
                    expected: .w("expect.distance-km-above-0-at-most", "\(Int(LegInput.maximumDistanceKm))"))
            }
            return LegInput(
                mode: mode, from: from, to: to, distanceKm: given, distanceBasis: .given,
                vehicleSeats: direct?.vehicleSeats)
        }
        let greatCircle = GreatCircle.distanceKm(from: from.coordinate, to: to.coordinate)
        if mode == .flight {
            return LegInput(mode: mode, from: from, to: to, distanceKm: greatCircle, distanceBasis: .greatCircle)
        }
        if let direct, let input = LegInput(leg: direct, in: self) { return input }
        if mode == .walk {
            return LegInput(mode: mode, from: from, to: to, distanceKm: greatCircle, distanceBasis: .greatCircle)
        }
        guard let family = DetourFamily(mode: mode), let factor = detourFactors[family] else {
            throw .distanceUnknown(from: from.id, to: to.id, mode: mode)
        }
        return LegInput(
            mode: mode, from: from, to: to, distanceKm: greatCircle * factor,
            distanceBasis: .greatCircleDetour(factor: factor), distanceEstimated: true)
    }
}
