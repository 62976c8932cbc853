import ArgumentParser
import Foundation
import Testing
import TrajetCore
import TrajetStore

@testable import TrajetCLI

@Suite struct KeysCommandTests {
    @Test func createListRevoke() async throws {
        let db = TempDatabase()
        defer { db.cleanUp() }
        try await runTrajet(["orgs", "add", "asmae", "--name", "Asmae", "--database", db.path, "--lang", "en"])
        try await runTrajet(["keys", "create", "--org", "asmae", "--role", "planner", "--label", "site", "--database", db.path])
        try await runTrajet(["keys", "create", "--network", "--role", "admin", "--database", db.path])
        try await runTrajet(["keys", "list", "--format", "json", "--database", db.path])
        let keys = try await db.store().apiKeys()
        #expect(keys.count == 2)
        let planner = try #require(keys.first { $0.organisationId == "asmae" })
        #expect(planner.role == .planner && planner.label == "site" && planner.keyHash.count == 64)
        try await runTrajet(["keys", "revoke", planner.id, "--database", db.path])
        #expect(try await db.store().apiKeys().first { $0.id == planner.id }?.isRevoked == true)
    }

    @Test func refusedKeys() async throws {
        let db = TempDatabase()
        defer { db.cleanUp() }
        // Neither --org nor --network, both, or a network key that is not admin: usage errors.
        for arguments in [
            ["keys", "create", "--role", "reader"], ["keys", "create", "--org", "a", "--network", "--role", "admin"],
            ["keys", "create", "--network", "--role", "reader"],
        ] {
            #expect(throws: (any Error).self) { _ = try TrajetCommand.parseAsRoot(arguments + ["--database", db.path]) }
        }
        // An organisation that does not exist, an unknown key id: exit code 1.
        await #expect(throws: ExitCode(1)) {
            try await runTrajet(["keys", "create", "--org", "ghost", "--role", "reader", "--database", db.path])
        }
        await #expect(throws: ExitCode(1)) { try await runTrajet(["keys", "revoke", "key_nope", "--database", db.path]) }
    }
}
