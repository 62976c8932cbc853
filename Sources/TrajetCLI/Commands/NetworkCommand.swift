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
                l.w("cli.network-2") + "\(network.places.count) " + l.w("cli.places") + ", \(network.legs.count) "
                    + l.w("cli.legs-derived-sncb")
                    + "\(network.legs.filter { $0.id.rawValue.hasPrefix("SNCB:") }.count))")
            for problem in check.problems {
                switch problem {
                case .noSource(let id): print("✗ [\(id)] " + l.w("cli.no-source"))
                case .stale(let id, let checked):
                    print(
                        "✗ [\(id)] "
                            + (checked.map {
                                l.w("cli.checked-more-than-year-s-ago", "\($0)", "\(maxAge)")
                            } ?? l.w("cli.no-check-date-checked-on")))
                case .neverUsable(let id, let reason):
                    let why =
                        switch reason {
                        case .startUnreachable:
                            l.w("cli.nothing-from-belgium-or-a-partner")
                        case .endIsDeadEnd: l.w("cli.nothing-leaves-its-end")
                        case .expired: l.w("cli.service-ended-valid-until-is-past")
                        }
                    print("✗ [\(id)] " + l.w("cli.never-usable") + why)
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
                    "· " + l.w("cli.places-without-legs", "\(withoutLegs.count)")
                        + withoutLegs.map(\.rawValue).joined(separator: ", "))
            }
            if check.passes {
                print(l.w("cli.the-network-passes-the-check"))
            } else {
                printError(
                    l.w("cli.problem-s-fix-legs-csv", "\(check.problems.count)"), l)
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
                    l.w("cli.unknown-country-expected-an-iso-code", "\(country)"), l)
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
        if days < 60 { return l.w("cli.d", "\(days)") }
        if days < 730 { return l.w("cli.mo", "\(days / 30)") }
        return l.w("cli.y", "\(days / 365)")
    }

    func render(_ rows: [TravelAdvice], rules: [EntryRule], _ l: Localizer) -> String {
        var table = TextTable(
            header: [
                l.w("cli.country"), l.w("cli.area"), l.w("cli.level"), l.w("cli.advice-of"),
                l.w("cli.checked"), l.w("cli.age"), "",
            ], rightAligned: [5])
        let today = CalendarDay.today
        for row in rows {
            table.add([
                l.countryName(row.countryCode), row.area.isEmpty ? l.w("cli.whole-country") : row.area,
                l.adviceLevel(row.level), row.adviceDate.isEmpty ? l.w("cli.undated") : row.adviceDate,
                row.checkedOn.description, Self.adviceAge(row.adviceDate, today: today, l),
                row.unconfirmed ? l.w("cli.unconfirmed") : "",
            ])
        }
        var lines = [table.render()]
        for row in rows where row.level >= .increasedVigilance {
            lines.append("· \(l.countryName(row.countryCode))\(row.area.isEmpty ? "" : " – " + row.area): " + l.t(row.summaryFR, row.summaryEN))
            lines.append("  " + l.w("cli.source") + row.source + (row.sourceURL.isEmpty ? "" : " <\(row.sourceURL)>"))
        }
        if !rules.isEmpty {
            lines.append("")
            lines.append(l.w("cli.entry-rules-belgian-passport"))
            for rule in rules { lines.append("· " + l.entryRule(rule) + " — " + rule.source) }
        }
        lines.append("")
        lines.append(
            l.w("cli.always-read-diplomatie-belgium-be-again"))
        return lines.joined(separator: "\n")
    }
}
