import Foundation

/// A small, valid datasets directory written in code; tests break one line of it at a time.
struct MiniDatasets {
    var places = """
        id,name,kind,city,country,latitude,longitude,iata,timezone,aliases,coordinates_estimate,notes,source
        BRU,Brussels Airport,airport,Brussels,BE,50.901402,4.484440,BRU,Europe/Brussels,Zaventem,no,,OpenFlights
        DSS,Blaise Diagne International Airport,airport,Diass,SN,14.670000,-17.073333,DSS,Africa/Dakar,,no,,OpenFlights
        BE-BXL-MIDI,Bruxelles-Midi,station,Brussels,BE,50.835374,4.335695,,Europe/Brussels,Bruxelles;Brussel,no,,trainline
        BE-LIEGE-G,Liège-Guillemins,station,Liège,BE,50.624297,5.566667,,Europe/Brussels,Liege;Luik,no,,trainline
        """
    var partners = """
        id,name,country,main_place,places,aliases,notes,source
        aje,Action Jeunesse et Environnement,SN,DSS,DSS,AJE,,asmae.org
        """
    var legs = """
        id,from,to,mode,operator,distance_km,distance_basis,detour_factor,distance_estimate,duration_minutes,duration_estimate,departure_times,days_of_week,services_per_week,frequency_estimate,fare_min_eur,fare_max_eur,fare_estimate,overnight,vehicle_seats,service_unconfirmed,valid_from,valid_until,notes,source
        BE1,BE-LIEGE-G,BE-BXL-MIDI,rail,SNCB,,great_circle_detour,1.15,yes,60,yes,,,224,yes,10,20,yes,no,,no,,,,trainline
        F1,BRU,DSS,flight,Brussels Airlines,,great_circle,,no,305,no,14:15,Mon;Wed;Fri,5,no,300,650,yes,no,,no,,,,air-journal.fr
        """
    var setMetadata = """
        key,value,source
        id,test-set,Trajet
        name,Test set,test
        publisher,Test,test
        year,2025,test
        version,1,test
        licence,OGL,test
        flight_distance_basis,great_circle,test
        flight_distance_multiplier,1.0,test
        non_co2_method,published_rf_rows,test
        non_co2_multiplier,1.7,test
        wtt_published,yes,test
        wtt_included_in_ttw,no,test
        includes_vehicle_construction,no,test
        default_cabin_class,economy,test
        """
    var factors = """
        mode,variant,region,min_distance_km,max_distance_km,unit,ttw_kg,ttw_without_non_co2_kg,wtt_kg,seats,allocation,proxy,estimate,factor_ref,notes,source
        flight,economy,not_touches:GB,,,passenger_km,0.10916,0.06449,0.01656,,per_person,no,no,ref,,DESNZ 2025
        rail,default,any,,,passenger_km,0.03546,0.03546,0.00897,,per_person,yes,no,ref,,DESNZ 2025
        """
    var hubs = """
        kind,co2e_kg_per_passenger,estimate,notes,source
        airport,1.71,no,,Google TIM
        """
    var travelBands = """
        first_call_year,last_call_year,min_km,max_km,standard_eur,green_eur,source,flags
        2024,,10,99,28,56,test,UNCONFIRMED
        2024,,100,499,211,285,test,
        2024,,4000,7999,1188,1188,test,
        2024,,8000,,1735,1735,test,
        """
    var exchangeCountries = """
        country_code,eligible,region,source,flags
        BE,yes,Programme country,test,
        SN,no,Other,test,UNCONFIRMED
        """

    /// Writes the files into a new temporary directory and returns it.
    func write() throws -> URL {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("trajet-datasets-\(UUID().uuidString)")
        let files = [
            "network/places.csv": places, "network/partners.csv": partners, "network/legs.csv": legs,
            "factors/test-set/set.csv": setMetadata, "factors/test-set/factors.csv": factors, "factors/hubs.csv": hubs,
            "funding/erasmus-plus-travel-bands.csv": travelBands,
            "funding/erasmus-plus-youth-exchange-countries.csv": exchangeCountries,
        ]
        for (path, text) in files {
            let url = root.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data((text + "\n").utf8).write(to: url)
        }
        return root
    }

    /// Replaces the first occurrence of `old` in `keyPath`'s text; fails loudly when absent.
    func replacing(_ keyPath: WritableKeyPath<MiniDatasets, String>, _ old: String, with new: String) -> MiniDatasets {
        var copy = self
        precondition(copy[keyPath: keyPath].contains(old), "fixture does not contain \(old)")
        copy[keyPath: keyPath] = copy[keyPath: keyPath].replacingOccurrences(of: old, with: new)
        return copy
    }
}
