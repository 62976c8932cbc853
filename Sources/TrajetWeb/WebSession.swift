import Crypto
import Foundation
import TrajetStore

/// Signed session cookies for the web page: the cookie holds the key's hash and an expiry, signed with HMAC-SHA256.
///
/// Not the key itself, so a stolen cookie cannot be replayed against `/v1` with `Authorization: Bearer`; and not a
/// server-side session table, so several servers on one PostgreSQL store accept each other's sessions when they share
/// `server.sessionSecret`. The key is looked up (and checked not revoked) on every request: revoking it signs out.
package struct WebSessions: Sendable {
    package static let cookieName = "trajet_session"
    package static let lifetimeSeconds = 8 * 3600
    private let key: SymmetricKey

    package init(secret: String?) {
        if let secret {
            key = SymmetricKey(data: SHA256.hash(data: Data(secret.utf8)))
        } else {
            key = SymmetricKey(size: .bits256)
        }
    }

    /// The cookie value for a session of the key with `keyHash`, valid until `now + lifetimeSeconds`.
    package func cookieValue(keyHash: String, now: Date = Date()) -> String {
        let expires = Int(now.timeIntervalSince1970) + Self.lifetimeSeconds
        let payload = "v1|\(keyHash)|\(expires)"
        return Self.base64url(Data(payload.utf8)) + "." + Self.base64url(Data(mac(payload)))
    }

    /// The key hash of a valid, unexpired cookie; nil for anything else (tampered, expired, malformed).
    package func keyHash(cookie: String, now: Date = Date()) -> String? {
        let parts = cookie.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 2, cookie.utf8.count <= 400, let payloadData = Self.data(base64url: parts[0]),
            let macData = Self.data(base64url: parts[1]), let payload = String(data: payloadData, encoding: .utf8),
            HMAC<SHA256>.isValidAuthenticationCode(macData, authenticating: Data(payload.utf8), using: key)
        else { return nil }
        let fields = payload.split(separator: "|")
        guard fields.count == 3, fields[0] == "v1", let expires = Int(fields[2]),
            expires > Int(now.timeIntervalSince1970)
        else { return nil }
        return String(fields[1])
    }

    /// The token every form of a signed-in page carries: bound to the session cookie, so a page of another site
    /// cannot forge it (SameSite=Strict already keeps the cookie off cross-site posts; this is the second lock).
    package func csrfToken(cookie: String) -> String {
        mac("csrf|" + cookie).prefix(16).map { String(format: "%02x", $0) }.joined()
    }

    package func checkCSRF(_ token: String?, cookie: String) -> Bool {
        guard let token else { return false }
        // Constant-time comparison: the token is a MAC.
        let expected = Array(csrfToken(cookie: cookie).utf8)
        let given = Array(token.utf8)
        guard expected.count == given.count else { return false }
        return zip(expected, given).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }

    private func mac(_ text: String) -> [UInt8] {
        Array(HMAC<SHA256>.authenticationCode(for: Data(text.utf8), using: key))
    }

    static func base64url(_ data: Data) -> String {
        data.base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    static func data(base64url text: Substring) -> Data? {
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while base64.count % 4 != 0 { base64 += "=" }
        return Data(base64Encoded: base64)
    }
}
