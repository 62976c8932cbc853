import Crypto
import Foundation
import TrajetCore

/// What an API key may do. Each role includes the ones before it.
public enum APIKeyRole: String, Codable, Sendable, CaseIterable, Comparable {
    /// Read plans and reports.
    case reader
    /// Also create, change and delete plans.
    case planner
    /// Everything a planner does; without an organisation (a network-level key), every organisation's plans and
    /// reports.
    case admin

    public static func < (lhs: APIKeyRole, rhs: APIKeyRole) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

/// A stored API key: never the key itself, only its SHA-256 (a key has 256 random bits, so a plain hash is enough:
/// there is nothing to brute-force, unlike a password).
public struct APIKey: Codable, Sendable, Equatable, Identifiable {
    /// Short public id (`key_…`), shown by `keys list` and used by `keys revoke`.
    public var id: String
    /// Nil for a network-level key (admin only).
    public var organisationId: String?
    public var role: APIKeyRole
    /// Lower-case hexadecimal SHA-256 of the key text.
    public var keyHash: String
    public var label: String
    public var createdAt: String
    public var revokedAt: String?

    public init(
        id: String, organisationId: String?, role: APIKeyRole, keyHash: String, label: String = "",
        createdAt: String = "", revokedAt: String? = nil
    ) {
        self.id = id
        self.organisationId = organisationId
        self.role = role
        self.keyHash = keyHash
        self.label = label
        self.createdAt = createdAt
        self.revokedAt = revokedAt
    }

    public var isRevoked: Bool { revokedAt != nil }

    /// A new key: `trj_` + 64 hexadecimal digits from the system's CSPRNG, and its record (to store) with the hash.
    public static func generate(organisationId: String?, role: APIKeyRole, label: String = "") -> (secret: String, key: APIKey) {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        let hex = bytes.map { String(format: "%02x", $0) }.joined()
        let secret = "trj_" + hex
        let idBytes = (0..<6).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        let id = "key_" + idBytes.map { String(format: "%02x", $0) }.joined()
        return (secret, APIKey(id: id, organisationId: organisationId, role: role, keyHash: hash(secret), label: label))
    }

    /// The stored form of a key text.
    public static func hash(_ secret: String) -> String {
        SHA256.hash(data: Data(secret.utf8)).map { byte in
            let text = String(byte, radix: 16)
            return byte < 16 ? "0" + text : text
        }.joined()
    }
}

/// Where a page of `plans` starts: after this (departure date, id).
public struct PlanCursor: Sendable, Equatable {
    public var departDate: String
    public var id: String
    public init(departDate: String, id: String) {
        self.departDate = departDate
        self.id = id
    }
}

