import ArgumentParser
import Foundation
import TrajetCore
import TrajetQueries
import TrajetStore

extension APIKeyRole: ExpressibleByArgument {}

/// `trajet keys`: API keys for the HTTP API. A key is printed once, at creation; only its SHA-256 is stored.
struct KeysCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keys",
        abstract: "API keys of the HTTP API / Clés de l'API HTTP.",
        subcommands: [Create.self, List.self, Revoke.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create a key and print it once / Créer une clé (affichée une seule fois).",
            discussion: """
                reader: read the organisation's plans and report; planner: also create, change and delete plans; \
                admin: as planner. --network (admin only): every organisation's plans and reports.
                Example: trajet keys create --org asmae --role planner --label "site web"
                """)
        @OptionGroup var global: GlobalOptions
        @OptionGroup var storeOptions: StoreOptions
        @Option(help: "Organisation id (trajet orgs list).") var org: String?
        @Flag(help: "A network-level key (no organisation; --role admin).") var network = false
        @Option(help: "reader, planner or admin.") var role: APIKeyRole
        @Option(help: "A note to recognise the key by (where it is used).") var label = ""
        @Option(help: "Output: table or json.") var format: OutputFormat = .table

        func validate() throws {
            let l = global.optionWords
            if (org == nil) == !network { throw ValidationError(l.w("cli.option-org-or-network")) }
            if network && role != .admin { throw ValidationError(l.w("cli.option-network-key-is-admin")) }
        }

        func run() async throws {
            let context = try await StoreContext.open(global, storeOptions)
            let l = context.localizer
            let (secret, key) = APIKey.generate(organisationId: org?.lowercased(), role: role, label: label)
            let saved = try await context.run { try await context.store.addAPIKey(key) }
            switch format {
            case .json:
                print(try encodeJSON(KeyOutput(saved, secret: secret)))
            case .table:
                print(secret)
                FileHandle.standardError.write(
                    Data(
                        (l.w("cli.key-copy-it-now-it-is", "\(saved.id)", "\(saved.organisationId ?? "réseau")", "\(saved.role.rawValue)", "\(saved.organisationId ?? "network")")
                            + "\n").utf8))
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List keys (never the keys themselves) / Lister les clés.")
        @OptionGroup var options: ListOptions

        func run() async throws {
            try await options.printRows(
                read: { try await $0.apiKeys() }, json: { try encodeJSON($0.map { KeyOutput($0, secret: nil) }) },
                table: { keys, l in
                    var table = TextTable(
                        header: ["id", l.w("cli.organisation"), l.w("cli.role"), l.w("cli.created"),
                            l.w("cli.revoked"), l.w("cli.label")])
                    for key in keys {
                        table.add([
                            key.id, key.organisationId ?? l.w("cli.network"), key.role.rawValue, key.createdAt,
                            key.revokedAt ?? "", key.label,
                        ])
                    }
                    return table
                })
        }
    }

    struct Revoke: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Revoke a key at once / Révoquer une clé immédiatement.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var storeOptions: StoreOptions
        @Argument(help: "Key id (key_…, from trajet keys list).") var id: String

        func run() async throws {
            let context = try await StoreContext.open(global, storeOptions)
            let l = context.localizer
            let key = try await context.run { try await context.store.revokeAPIKey(id: id) }
            let when = key.revokedAt ?? ""
            print(l.w("cli.key-revoked", "\(key.id)", "\(when)"))
        }
    }
}

/// JSON of `keys create/list --format json`; `key` only at creation.
struct KeyOutput: Encodable {
    var id: String
    var organisationId: String?
    var role: String
    var label: String
    var createdAt: String
    var revokedAt: String?
    var key: String?

    init(_ key: APIKey, secret: String?) {
        id = key.id
        organisationId = key.organisationId
        role = key.role.rawValue
        label = key.label
        createdAt = key.createdAt
        revokedAt = key.revokedAt
        self.key = secret
    }
}
