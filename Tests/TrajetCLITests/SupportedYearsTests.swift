import ArgumentParser
import Testing

@testable import TrajetCLI

/// Issue 18: departures in 0000 or 9999 were saved but could never be listed by year or reported. The CLI refuses
/// them as the API does (a usage error, exit status 64, naming the option).
@Suite struct SupportedYearsTests {
    @Test(arguments: ["0000-01-01", "9999-12-31", "1999-12-31T08:00", "2101-01-01"])
    func departuresOutsideTheSupportedYearsAreRefused(date: String) {
        for arguments in [
            ["routes", "liege", "twiza", "--depart", date],
            [
                "plans", "add", "--org", "asmae", "--name", "Trip", "--partner", "twiza", "--from", "liege",
                "--participants", "10", "--depart", date,
            ],
        ] {
            #expect(throws: (any Error).self, "\(arguments)") { _ = try TrajetCommand.parseAsRoot(arguments) }
            do {
                _ = try TrajetCommand.parseAsRoot(arguments)
            } catch {
                #expect(TrajetCommand.exitCode(for: error) == .validationFailure)
                #expect(TrajetCommand.message(for: error).contains("2000 to 2100"), "\(TrajetCommand.message(for: error))")
            }
        }
        #expect(throws: (any Error).self) { _ = try TrajetCommand.parseAsRoot(["plans", "list", "--year", "1900"]) }
        #expect(throws: Never.self) { _ = try TrajetCommand.parseAsRoot(["routes", "liege", "twiza", "--depart", "2100-12-31"]) }
    }
}
