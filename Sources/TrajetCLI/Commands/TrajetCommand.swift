import TrajetCore
import TrajetQueries
import ArgumentParser

/// The `trajet` command line.
public struct TrajetCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "trajet",
        abstract: "Carbon-aware travel planner for youth-exchange groups / Planificateur de voyages bas carbone.",
        discussion: """
            Exit codes: 0 success; 1 bad input (unknown place, invalid value); 2 datasets, configuration or database problem; \
            64 invalid command-line usage.
            """,
        subcommands: [
            RoutesCommand.self, EmissionsCommand.self, PlacesCommand.self, FactorsCommand.self, PlansCommand.self,
            OrgsCommand.self, ReportCommand.self, ServeCommand.self, KeysCommand.self, DbCommand.self,
            NetworkCommand.self, AdviceCommand.self,
        ]
    )

    public init() {}
}
