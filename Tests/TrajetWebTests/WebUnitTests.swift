import Foundation
import Testing
import TrajetCore
import TrajetDatasets

@testable import TrajetWeb

@Suite struct WebSessionTests {
    @Test func aCookieNamesItsKeyUntilItExpires() {
        let sessions = WebSessions(secret: String(repeating: "s", count: 40))
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        let cookie = sessions.cookieValue(keyHash: "abc123", now: now)
        #expect(sessions.keyHash(cookie: cookie, now: now) == "abc123")
        #expect(sessions.keyHash(cookie: cookie, now: now.addingTimeInterval(Double(WebSessions.lifetimeSeconds) - 1)) == "abc123")
        #expect(sessions.keyHash(cookie: cookie, now: now.addingTimeInterval(Double(WebSessions.lifetimeSeconds) + 1)) == nil)
        // The key itself is not in the cookie, only its hash.
        #expect(!cookie.contains("trj_"))
    }

    @Test func aTamperedOrForeignCookieIsRefused() {
        let sessions = WebSessions(secret: String(repeating: "s", count: 40))
        let cookie = sessions.cookieValue(keyHash: "abc123")
        let parts = cookie.split(separator: ".")
        let otherPayload = WebSessions.base64url(Data("v1|other|9999999999".utf8))
        #expect(sessions.keyHash(cookie: otherPayload + "." + parts[1]) == nil)
        #expect(sessions.keyHash(cookie: String(parts[0])) == nil)
        #expect(sessions.keyHash(cookie: "") == nil)
        #expect(sessions.keyHash(cookie: "a.b.c") == nil)
        // Another server's secret: refused; the same secret on two servers: accepted by both.
        #expect(WebSessions(secret: String(repeating: "t", count: 40)).keyHash(cookie: cookie) == nil)
        #expect(WebSessions(secret: String(repeating: "s", count: 40)).keyHash(cookie: cookie) == "abc123")
        // Without a configured secret each process has its own.
        #expect(WebSessions(secret: nil).keyHash(cookie: WebSessions(secret: nil).cookieValue(keyHash: "x")) == nil)
    }

    @Test func csrfTokensAreBoundToTheSession() {
        let sessions = WebSessions(secret: String(repeating: "s", count: 40))
        let one = sessions.cookieValue(keyHash: "a")
        let two = sessions.cookieValue(keyHash: "b")
        let token = sessions.csrfToken(cookie: one)
        #expect(sessions.checkCSRF(token, cookie: one))
        #expect(!sessions.checkCSRF(token, cookie: two))
        #expect(!sessions.checkCSRF(nil, cookie: one))
        #expect(!sessions.checkCSRF(String(token.dropLast()) + "0", cookie: one) || token.hasSuffix("0"))
    }
}

@Suite struct WebFormTests {
    @Test func decodesFormsAsBrowsersSendThem() {
        let form = WebForm(encoded: "from=Li%C3%A8ge&to=twiza&name=Summer+camp+%3Cb%3E&minors=on&empty=&from=second")
        #expect(form["from"] == "Liège")
        #expect(form["name"] == "Summer camp <b>")
        #expect(form.flag("minors"))
        #expect(!form.flag("overland"))
        #expect(form["empty"] == nil)
        #expect(form.query(["from", "to"]) == "from=Li%C3%A8ge&to=twiza")
    }

    @Test func redirectsStayOnTheSite() {
        #expect(WebPages.safeNext("/plans/1") == "/plans/1")
        for bad in ["//evil.example/x", "https://evil.example", "/\\evil.example", "plans", nil] as [String?] {
            #expect(WebPages.safeNext(bad) == "/plans", "\(bad ?? "nil")")
        }
    }

    @Test func languageFollowsTheBrowsersPreference() {
        #expect(WebPages.language("fr-BE,fr;q=0.9,en;q=0.8") == .fr)
        #expect(WebPages.language("en-GB,en;q=0.9,fr;q=0.8") == .en)
        #expect(WebPages.language("nl-BE,nl;q=0.9,en;q=0.5,fr;q=0.7") == .fr)
        #expect(WebPages.language("de") == .en)
        #expect(WebPages.language(nil) == .fr)
    }
}

@Suite struct WebResourcesTests {
    @Test func everyWordExistsInBothLanguages() throws {
        let words = try WebWords.load()
        #expect(!words.french.isEmpty)
        #expect(Set(words.french.keys) == Set(words.english.keys), "keys only in one language: \(Set(words.french.keys).symmetricDifference(words.english.keys).sorted())")
        for (key, text) in words.french where text.isEmpty { Issue.record("empty French text for \(key)") }
        for (key, text) in words.english where text.isEmpty { Issue.record("empty English text for \(key)") }
    }

    @Test func everyWordATemplateUsesIsInTheCatalogue() throws {
        let words = try WebWords.load()
        let folder = try WebResources.directory("Templates")
        var used = Set<String>()
        for file in try FileManager.default.contentsOfDirectory(atPath: folder.path) where file.hasSuffix(".mustache") {
            let text = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
            var rest = text[...]
            while let range = rest.range(of: "{{w.") {
                let after = rest[range.upperBound...]
                let key = after.prefix { $0 != "}" }
                used.insert(String(key))
                rest = after
            }
        }
        #expect(used.count > 50)
        let missing = used.subtracting(words.french.keys).sorted()
        #expect(missing.isEmpty, "words missing from the catalogue: \(missing)")
    }

    @Test func aMalformedWordsLineNamesItsLine() {
        #expect(throws: WebWords.BadLine.self) { try WebWords.parse("# comment\nok = fine\nno equals sign here\n") }
        #expect((try? WebWords.parse("a = b\n\n# c\nd = e = f"))?["d"] == "e = f")
    }

    @Test func templatesParse() throws {
        let library = try WebResources.templates()
        for name in ["layout", "home", "routes", "signin", "plans", "plan", "plan-delete", "reports", "error", "search-form", "first-start"] {
            #expect(library.getTemplate(named: name) != nil, "\(name)")
        }
    }
}

@Suite struct BasemapTests {
    static let directory = try! DatasetLocator(environment: [:], executablePath: nil).locate()

    @Test func theShippedOutlinesLoadAndPlacesLandInTheirCountries() throws {
        let basemap = try BasemapLoader.load(directory: Self.directory)
        #expect(basemap.countries.count > 40)
        #expect(basemap.source.contains("Natural Earth"))
        // Each town's projected point lies inside the bounding box of its country's outline.
        let towns: [(String, Coordinate)] = [
            ("Belgium", Coordinate(latitudeDegrees: 50.85, longitudeDegrees: 4.35)),
            ("Morocco", Coordinate(latitudeDegrees: 33.82, longitudeDegrees: -6.07)),
            ("Senegal", Coordinate(latitudeDegrees: 14.79, longitudeDegrees: -16.93)),
            ("Egypt", Coordinate(latitudeDegrees: 30.04, longitudeDegrees: 31.24)),
            ("Togo", Coordinate(latitudeDegrees: 6.13, longitudeDegrees: 1.22)),
        ]
        for (name, coordinate) in towns {
            let country = try #require(basemap.countries.first { $0.name == name }, "\(name)")
            let numbers = country.pathData.split(whereSeparator: { "MLZ ".contains($0) }).compactMap { Double($0) }
            let xs = stride(from: 0, to: numbers.count, by: 2).map { numbers[$0] }
            let ys = stride(from: 1, to: numbers.count, by: 2).map { numbers[$0] }
            let p = basemap.frame.point(coordinate)
            #expect((xs.min()!...xs.max()!).contains(p.x), "\(name) x \(p.x)")
            #expect((ys.min()!...ys.max()!).contains(p.y), "\(name) y \(p.y)")
        }
    }

    @Test func pathDataThatIsNotNumbersIsRefusedWithItsLine() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("basemap-\(UUID().uuidString)")
        try FileManager.default.createDirectory(
            at: directory.appendingPathComponent("basemap"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try "iso_n3,name,path,source\n056,Belgium,M 1 2 L 3 4 Z,test\n250,France,\"M 1 2\"\"/><script>\",test\n"
            .write(to: directory.appendingPathComponent(BasemapLoader.file), atomically: true, encoding: .utf8)
        #expect {
            try BasemapLoader.load(directory: directory)
        } throws: { error in
            String(describing: error).contains("countries-110m-europe-africa.csv:3") && String(describing: error).contains("path")
        }
    }
}
