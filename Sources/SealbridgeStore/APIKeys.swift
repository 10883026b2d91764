import Crypto
public import Foundation
import SealbridgeCrypto

/// What an API key may do.
public enum APIScope: String, Sendable, Hashable, CaseIterable, Comparable {
    /// Validate signatures (when validation is keyed).
    case validate
    /// Sign documents with the server's keys.
    case sign
    /// Request time-stamps (when time-stamping is keyed).
    case timestamp
    /// Read the audit log and the issued time-stamps; implies every other scope.
    case admin

    /// Orders scopes by name, for stable listings.
    public static func < (lhs: APIScope, rhs: APIScope) -> Bool {
        lhs.rawValue < rhs.rawValue
    }
}

/// A stored API key: never the key itself, only its SHA-256 hash.
///
/// Keys are 256 random bits, so a fast hash is as strong as a slow one here: there is no dictionary to search
/// (a password hash such as bcrypt protects low-entropy secrets, which these are not).
public struct APIKeyRecord: Sendable, Hashable {
    /// A public identifier, shown in the audit log (`key_…`).
    public var id: String
    /// A name for people.
    public var name: String
    /// SHA-256 of the key, lowercase hex.
    public var keyHash: String
    /// What the key may do.
    public var scopes: Set<APIScope>
    /// When it was made.
    public var createdAt: Date
    /// When it was revoked, if it was.
    public var revokedAt: Date?

    /// Makes a record.
    public init(
        id: String,
        name: String,
        keyHash: String,
        scopes: Set<APIScope>,
        createdAt: Date,
        revokedAt: Date? = nil
    ) {
        self.id = id
        self.name = name
        self.keyHash = keyHash
        self.scopes = scopes
        self.createdAt = createdAt
        self.revokedAt = revokedAt
    }

    /// Whether the key grants `scope` (admin grants every scope) and is not revoked.
    public func grants(_ scope: APIScope) -> Bool {
        revokedAt == nil && (scopes.contains(scope) || scopes.contains(.admin))
    }

    /// The scopes as stored: comma-separated, sorted.
    var scopeList: String {
        scopes.sorted().map(\.rawValue).joined(separator: ",")
    }

    /// Parses a stored scope list.
    static func scopes(from list: String) -> Set<APIScope> {
        Set(list.split(separator: ",").compactMap { APIScope(rawValue: String($0)) })
    }
}

/// Makes and recognises API keys.
public enum APIKey {
    /// The prefix of every key, so that leaked keys are easy to find in code and logs.
    public static let prefix = "sb_"

    /// A new key and the record to store. Show `secret` to its owner once; it is not kept.
    public static func generate(
        name: String,
        scopes: Set<APIScope>,
        now: Date = Date()
    ) -> (
        secret: String, record: APIKeyRecord
    ) {
        let secret = prefix + base64URL(randomBytes(32))
        let id = "key_" + HexEncoding.encode(randomBytes(6))
        let record = APIKeyRecord(id: id, name: name, keyHash: hash(secret), scopes: scopes, createdAt: now)
        return (secret, record)
    }

    /// The stored hash of `secret`.
    public static func hash(_ secret: String) -> String {
        HexEncoding.encode(SHA256.hash(data: Array(secret.utf8)))
    }

    /// Whether `text` has the shape of a key (prefix and 43 base64url characters); cheap to check before a lookup.
    public static func looksLikeKey(_ text: String) -> Bool {
        guard text.hasPrefix(prefix), text.utf8.count == prefix.utf8.count + 43 else { return false }
        return text.utf8.dropFirst(prefix.utf8.count).allSatisfy { byte in
            (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
                || byte == 0x2D || byte == 0x5F
        }
    }

    static func randomBytes(_ count: Int) -> [UInt8] {
        var generator = SystemRandomNumberGenerator()
        return (0..<count).map { _ in UInt8.random(in: 0...255, using: &generator) }
    }

    static func base64URL(_ bytes: [UInt8]) -> String {
        Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }
}
