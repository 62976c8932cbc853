import ArgumentParser
import Foundation
import TrajetCore
import TrajetQueries
import TrajetDatasets

struct NetworkCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "network",
        abstract: "Check the network's data / Vérifier les données du réseau.",
        subcommands: [Check.self], defaultSubcommand: Check.self)

    struct Check: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Stale legs, legs without a source, legs never usable, places without legs; exit 1 on a problem.",
            discussion: """
                A leg is stale when nobody checked it within data.maxTimetableAgeYears (config, default 2) years. \
                Old timetables and places without legs are listed but do not fail the check.
                """)
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            let context = try await CommandContext.load(global)
            let l = context.localizer
            let network = context.datasets.network
            let maxAge = context.settings.maxTimetableAgeYears
            let check = NetworkCheck(network: network, today: .today, maxAgeYears: maxAge)
            print(
                l.t("Réseau : ", "Network: ") + "\(network.places.count) " + l.t("lieux", "places") + ", \(network.legs.count) "
                    + l.t("trajets (dont dérivés SNCB : ", "legs (derived SNCB: ")
                    + "\(network.legs.filter { $0.id.rawValue.hasPrefix("SNCB:") }.count))")
            for problem in check.problems {
                switch problem {
                case .noSource(let id): print("✗ [\(id)] " + l.t("sans source", "no source"))
                case .stale(let id, let checked):
                    print(
                        "✗ [\(id)] "
                            + (checked.map {
                                l.t("vérifié le \($0), il y a plus de \(maxAge) an(s)", "checked \($0), more than \(maxAge) year(s) ago")
                            } ?? l.t("aucune date de vérification (checked_on)", "no check date (checked_on)")))
                case .neverUsable(let id, let reason):
                    let why =
                        switch reason {
                        case .startUnreachable:
                            l.t("rien n'arrive à son départ depuis la Belgique ou un partenaire", "nothing from Belgium or a partner reaches its start")
                        case .endIsDeadEnd: l.t("rien ne repart de son arrivée", "nothing leaves its end")
                        case .expired: l.t("service terminé (valid_until passé)", "service ended (valid_until is past)")
                        }
                    print("✗ [\(id)] " + l.t("jamais utilisable : ", "never usable: ") + why)
                }
            }
            var withoutLegs: [PlaceID] = []
            for observation in check.observations {
                switch observation {
                case .oldTimetable(let id, let year):
                    let leg = network.legs.first { $0.id == id }
                    print("· [\(id)] " + (leg.map(l.staleTimetable) ?? (year.map(String.init) ?? "")))
                case .placeWithoutLegs(let id): withoutLegs.append(id)
                }
            }
            if !withoutLegs.isEmpty {
                print(
                    "· " + l.t("Lieux sans trajet (\(withoutLegs.count)) : ", "Places without legs (\(withoutLegs.count)): ")
                        + withoutLegs.map(\.rawValue).joined(separator: ", "))
            }
            if check.passes {
                print(l.t("✓ Le réseau passe la vérification.", "✓ The network passes the check."))
            } else {
                printError(
                    l.t("\(check.problems.count) problème(s) : corrigez legs.csv.", "\(check.problems.count) problem(s): fix legs.csv."), l)
                throw ExitCode(1)
            }
        }
    }
}

struct AdviceCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "advice",
        abstract: "Belgian travel advice and entry rules / Conseils aux voyageurs et conditions d'entrée.",
        discussion: "COUNTRY: an ISO code (MR) or a name (Mauritanie, Mauritania). Without it, every country.")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "Country code or name.") var country: String?

    func run() async throws {
        let context = try await CommandContext.load(global)
        let l = context.localizer
        let book = context.datasets.advice
        var rows = book.advice
        if let country {
            let folded = SearchText.fold(country)
            let codes = Set(book.advice.map(\.countryCode)).union(book.entryRules.keys).filter { code in
                SearchText.fold(code) == folded || SearchText.fold(l.countryName(code)) == folded
                    || SearchText.fold(Localizer(.fr).countryName(code)) == folded
                    || SearchText.fold(Localizer(.en).countryName(code)) == folded
            }
            guard !codes.isEmpty else {
                printError(
                    l.t("Pays inconnu '\(country)' ; attendu un code ISO (MR) ou un nom du tableau (trajet advice).",
                        "Unknown country '\(country)'; expected an ISO code (MR) or a name from the table (trajet advice)."), l)
                throw ExitCode(1)
            }
            rows = rows.filter { codes.contains($0.countryCode) }
            print(render(rows, rules: codes.sorted().compactMap { book.entryRules[$0] }, l))
        } else {
            print(render(rows, rules: book.entryRules.keys.sorted().compactMap { book.entryRules[$0] }, l))
        }
    }

    /// How old the ministry's advice is (not when we last looked at it: an advice of 2022 checked today is still
    /// four years old). "?" when the source gives no date: the coordinator must read the ministry's page.
    static func adviceAge(_ adviceDate: String, today: CalendarDay, _ l: Localizer) -> String {
        guard let date = CalendarDay(iso: String(adviceDate.prefix(10))) else { return "?" }
        let days = max(0, today.daysSinceEpoch - date.daysSinceEpoch)
        if days < 60 { return l.t("\(days) j", "\(days) d") }
        if days < 730 { return l.t("\(days / 30) mois", "\(days / 30) mo") }
        return l.t("\(days / 365) ans", "\(days / 365) y")
    }

    func render(_ rows: [TravelAdvice], rules: [EntryRule], _ l: Localizer) -> String {
        var table = TextTable(
            header: [
                l.t("pays", "country"), l.t("zone", "area"), l.t("niveau", "level"), l.t("avis du", "advice of"),
                l.t("vérifié", "checked"), l.t("âge", "age"), "",
            ], rightAligned: [5])
        let today = CalendarDay.today
        for row in rows {
            table.add([
                l.countryName(row.countryCode), row.area.isEmpty ? l.t("tout le pays", "whole country") : row.area,
                l.adviceLevel(row.level), row.adviceDate.isEmpty ? l.t("non daté", "undated") : row.adviceDate,
                row.checkedOn.description, Self.adviceAge(row.adviceDate, today: today, l),
                row.unconfirmed ? l.t("NON CONFIRMÉ", "UNCONFIRMED") : "",
            ])
        }
        var lines = [table.render()]
        for row in rows where row.level >= .increasedVigilance {
            lines.append("· \(l.countryName(row.countryCode))\(row.area.isEmpty ? "" : " – " + row.area): " + l.t(row.summaryFR, row.summaryEN))
            lines.append("  " + l.t("source : ", "source: ") + row.source + (row.sourceURL.isEmpty ? "" : " <\(row.sourceURL)>"))
        }
        if !rules.isEmpty {
            lines.append("")
            lines.append(l.t("Conditions d'entrée (passeport belge) :", "Entry rules (Belgian passport):"))
            for rule in rules { lines.append("· " + l.entryRule(rule) + " — " + rule.source) }
        }
        lines.append("")
        lines.append(
            l.t(
                "Toujours relire diplomatie.belgium.be avant de réserver : ces conseils changent sans préavis. Groupes avec mineurs : aucune option par une zone où les voyages (non essentiels) sont déconseillés.",
                "Always read diplomatie.belgium.be again before booking: advice changes without notice. Groups with minors: no option through an area where (non-essential) travel is advised against."))
        return lines.joined(separator: "\n")
    }
}
