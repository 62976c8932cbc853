import Foundation

/// A SHA-256 digest written by hand (`--sha256`, the factor file's checksum), checked and normalised. The hashing itself
/// is swift-crypto's, in the targets that hash (TrajetStore's API keys, TrajetImport's downloads).
public enum HexDigest {
    /// `text` as a lower-case SHA-256 digest, if it is 64 hexadecimal digits.
    public static func normalized(_ text: String) -> String? {
        let lower = text.trimmingCharacters(in: .whitespaces).lowercased()
        guard lower.count == 64, lower.allSatisfy({ $0.isHexDigit }) else { return nil }
        return lower
    }
}
