import Foundation
import Testing

@testable import TrajetSQLite
import TrajetStore

/// The built `trajet` executable next to the test bundle (same build directory), or `TRAJET_EXECUTABLE`.
enum TrajetExecutable {
    static let url: URL? = {
        let fileManager = FileManager.default
        if let path = ProcessInfo.processInfo.environment["TRAJET_EXECUTABLE"], fileManager.isExecutableFile(atPath: path) {
            return URL(fileURLWithPath: path)
        }
        var starts: [URL] = []
        // Linux: the test runner is `<build>/debug/<package>PackageTests.xctest`; macOS: a bundle under `<build>/debug`.
        if let exe = try? fileManager.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            starts.append(URL(fileURLWithPath: exe))
        }
        starts.append(URL(fileURLWithPath: CommandLine.arguments[0]).standardizedFileURL)
        starts += Bundle.allBundles.map(\.bundleURL)
        for start in starts {
            var directory = start.deletingLastPathComponent()
            for _ in 0..<4 {
                let candidate = directory.appendingPathComponent("trajet")
                var isDirectory: ObjCBool = false
                if fileManager.fileExists(atPath: candidate.path, isDirectory: &isDirectory), !isDirectory.boolValue,
                    fileManager.isExecutableFile(atPath: candidate.path)
                {
                    return candidate
                }
                directory = directory.deletingLastPathComponent()
            }
        }
        return nil
    }()
}

@Suite struct CrashSafetyTests {
    /// Issue 4: a child process writing plans in a loop is killed with SIGKILL; the database reopens, the check
    /// passes and every plan whose write returned (its id was printed after the commit) is there.
    @Test(.enabled(if: TrajetExecutable.url != nil, "the built `trajet` executable was not found next to the tests"))
    func sigkillDuringWritesLosesNoAcknowledgedPlan() async throws {
        let executable = try #require(TrajetExecutable.url)
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("trajet-crash-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("crash.sqlite").path

        let process = Process()
        process.executableURL = executable
        process.arguments = ["db", "soak", "--database", path, "--count", "1000000"]
        var environment = ProcessInfo.processInfo.environment
        environment["TRAJET_LANGUAGE"] = "en"
        process.environment = environment
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let pid = process.processIdentifier

        // Watchdog: whatever happens below, the child dies within 8 s.
        let watchdog = DispatchWorkItem { kill(pid, SIGKILL) }
        DispatchQueue.global().asyncAfter(deadline: .now() + 8, execute: watchdog)

        // Read ids as they come; kill once 40 are acknowledged (mid-stream, with a little random delay so the
        // kill lands anywhere in a transaction), then drain what was already written before the kill.
        let reader = output.fileHandleForReading
        var buffer = Data()
        var killed = false
        let target = 40
        while true {
            let chunk = reader.availableData
            if chunk.isEmpty { break }  // EOF: the child is gone
            buffer.append(chunk)
            if !killed, buffer.count(where: { $0 == UInt8(ascii: "\n") }) >= target {
                usleep(UInt32.random(in: 0..<20_000))
                kill(pid, SIGKILL)
                killed = true
            }
        }
        process.waitUntilExit()
        watchdog.cancel()
        let stderrText = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(
            process.terminationReason == .uncaughtSignal && process.terminationStatus == SIGKILL,
            "the child should die of SIGKILL, not exit by itself (stderr: \(stderrText))")

        // Only complete lines count: a partial last line was not acknowledged.
        let text = String(decoding: buffer, as: UTF8.self)
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        lines.removeLast()  // after the last "\n": empty or a partial id
        #expect(lines.count >= target, "only \(lines.count) ids acknowledged (stderr: \(stderrText))")

        let store = try SQLitePlanStore.open(path: path)
        #expect(try await store.check().isEmpty)
        let stored = Set(try await store.plans(PlanFilter(organisationId: "soak")).map(\.id))
        let missing = lines.filter { !stored.contains($0) }
        #expect(missing.isEmpty, "acknowledged but missing after SIGKILL: \(missing)")
        #expect(stored.count >= lines.count)
        // Each stored plan is whole: both legs are there (one transaction per plan).
        for id in lines.prefix(5) {
            let detail = try #require(try await store.plan(id: id))
            #expect(detail.legs.count == 2)
        }
    }
}
