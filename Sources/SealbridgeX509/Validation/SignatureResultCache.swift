import SealbridgeCrypto
import SealbridgeSM
import Synchronization

/// Signature results shared by every verification over one long-lived ``TrustStore`` (a service validating
/// request after request): the same intermediate, CRL and time-stamping certificates come back with each
/// document, and each costs a public-key operation that was already done.
///
/// An entry is keyed by the SHA-256 of the issuer's key and of the whole signed object (a certificate or a CRL,
/// signature included) and by the SM2 compatibility in force, so a changed byte anywhere is a miss, never a
/// stale answer. The cache holds at most ``capacity`` entries and is emptied when full: a client that sends
/// fresh certificates can cost it hits, never correctness or unbounded memory.
final class SignatureResultCache: Sendable {
    /// What a check found.
    enum Outcome: Sendable {
        /// The signature verifies with the standard SM2 user ID (or is not SM2).
        case valid
        /// It verifies only with an empty SM2 user ID (accepted under ``SM2Compatibility/insecureEmptyUserID``).
        case validWithEmptyUserID
        /// It does not verify.
        case invalid
    }

    /// A signed object under a key and a compatibility setting.
    struct Key: Hashable, Sendable {
        let digest: [UInt8]
        let compatibility: UInt8

        init(issuerKey: [UInt8], signedObject: [UInt8], compatibility: SM2Compatibility) {
            var hasher = StreamingHasher(.sha256)
            var length = UInt64(issuerKey.count).bigEndian
            withUnsafeBytes(of: &length) { hasher.update(Array($0)) }
            hasher.update(issuerKey)
            hasher.update(signedObject)
            digest = hasher.finalize()
            self.compatibility = compatibility.rawValue
        }
    }

    /// The most entries held.
    let capacity: Int
    private let entries = Mutex<[Key: Outcome]>([:])

    /// An empty cache of at most `capacity` entries.
    init(capacity: Int = 4_096) {
        self.capacity = capacity
    }

    /// How many outcomes are held.
    var count: Int { entries.withLock { $0.count } }

    /// The outcome recorded for `key`, if any.
    func outcome(for key: Key) -> Outcome? {
        entries.withLock { $0[key] }
    }

    /// Records `outcome` for `key`, emptying the cache first when it is full.
    func record(_ outcome: Outcome, for key: Key) {
        entries.withLock { entries in
            if entries.count >= capacity, entries[key] == nil { entries.removeAll(keepingCapacity: true) }
            entries[key] = outcome
        }
    }
}
