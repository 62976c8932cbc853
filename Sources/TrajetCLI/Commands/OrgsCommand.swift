import TrajetCore
import TrajetQueries
import ArgumentParser
import Foundation
import TrajetStore

struct OrgsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "orgs",
        abstract: "Organisations that save plans / Associations qui enregistrent des plans.",
        subcommands: [Add.self, List.self])

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add an organisation / Ajouter une association.",
            discussion: "Example: trajet orgs add asmae --name \"Asmae\"")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var storeOptions: StoreOptions
        @Argument(help: "Slug: lowercase letters, digits, hyphens (asmae).") var id: String
        @Option(help: "Display name.") var name: String

        func run() async throws {
            let context = try await StoreContext.open(global, storeOptions)
            let l = context.localizer
            let saved = try await context.run { try await context.store.addOrganisation(Organisation(id: id, name: name)) }
            print(l.w("cli.organisation-added", "\(saved.id)", "\(saved.name)"))
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List organisations / Lister les associations.")
        @OptionGroup var options: ListOptions

        func run() async throws {
            try await options.printRows(
                read: { try await $0.organisations() }, json: { try encodeJSON($0) },
                table: { organisations, l in
                    var table = TextTable(header: ["id", l.w("cli.name"), l.w("cli.created")])
                    for organisation in organisations {
                        table.add([organisation.id, organisation.name, organisation.createdAt])
                    }
                    return table
                })
        }
    }
}
