import SealbridgeCrypto
public import SealbridgeSM
public import SwiftASN1

/// What a relying party asks of a certification path: the RFC 5280 §6.1.1 inputs, revocation, a profile, and the
/// limits that bound the work hostile input can cause. Start from ``init(time:)`` and tighten what you need.
public struct ValidationOptions: Sendable {
    /// How revocation is checked from the supplied CRLs (RFC 5280 §6.3).
    public enum RevocationMode: Hashable, Sendable {
        /// No revocation checking.
        case none
        /// A certificate is checked when a CRL from its issuer's name is supplied; no CRL means not checked.
        case whereAvailable
        /// Every certificate's status must be established from a valid, current CRL (PKITS' setting).
        case requireForEveryCertificate
    }

    /// Which rules beyond RFC 5280 apply.
    public enum Profile: String, Hashable, Sendable, CaseIterable {
        /// RFC 5280 path validation only.
        case rfc5280
        /// RFC 5280 plus the CA/Browser Forum Baseline Requirements for TLS server certificates: peer-name matching
        /// (RFC 6125, subjectAltName only), serverAuth, and the key and algorithm rules of the BRs §6.1.5–§7.1.3.
        case webpki
        /// RFC 5280 plus the CA/Browser Forum S/MIME Baseline Requirements for e-mail (signing) certificates:
        /// rfc822Name matching, key rules, keyUsage present in the end entity, keyCertSign and cRLSign in CAs.
        case smime
    }

    /// A name the end-entity certificate must be valid for.
    public enum PeerName: Hashable, Sendable, CustomStringConvertible {
        /// A DNS host name, matched against dNSName entries (RFC 6125 §6.4, wildcards in the left-most label).
        case dns(String)
        /// An IPv4 or IPv6 address (4 or 16 bytes), matched against iPAddress entries.
        case ipAddress([UInt8])
        /// An e-mail address, matched against rfc822Name entries.
        case email(String)

        /// `DNS:…`, `IP:…` or `email:…`.
        public var description: String {
            switch self {
            case .dns(let name): return "DNS:\(name)"
            case .ipAddress(let bytes): return GeneralName.ipAddress(bytes).description
            case .email(let address): return "email:\(address)"
            }
        }
    }

    /// When legacy algorithms (SHA-1 signatures, DSA) are accepted.
    public enum LegacyAlgorithms: Hashable, Sendable {
        /// Never.
        case never
        /// For signatures checked at a validation time before the cut-off (an old signature on an old document).
        case before(X509Time)
        /// Always (only for reading archives whose age is established otherwise).
        case always
    }

    /// The validation time; every validity period and CRL is judged at it.
    public var time: X509Time
    /// user-initial-policy-set (§6.1.1 (c)); `[anyPolicy]` by default.
    public var initialPolicySet: Set<ASN1ObjectIdentifier> = [CertificatePolicies.anyPolicy]
    /// initial-explicit-policy (§6.1.1 (g)).
    public var requireExplicitPolicy = false
    /// initial-policy-mapping-inhibit (§6.1.1 (e)).
    public var inhibitPolicyMapping = false
    /// initial-any-policy-inhibit (§6.1.1 (f)).
    public var inhibitAnyPolicy = false
    /// Revocation checking; `.whereAvailable` by default.
    public var revocation: RevocationMode = .whereAvailable
    /// When revocation data must be current (RFC 5280 §6.3.3 (a)); nil: ``time``. Validating a signature at a
    /// proven earlier time (EN 319 102-1 §5.5.4) judges the certificates at that time and the CRLs at the current
    /// time, when they were obtained.
    public var revocationTime: X509Time?
    /// Revocations dated after ``time`` are reported in the path's revocation facts but do not fail it (EN 319
    /// 102-1 §5.5.4 4a: revoked after the signature was proven to exist).
    public var toleratesRevocationAfterTime = false
    /// Whether delta CRLs are used (§6.3.3 use-deltas).
    public var useDeltaCRLs = true
    /// The profile; `.rfc5280` by default.
    public var profile: Profile = .rfc5280
    /// The names the end-entity certificate must be valid for; one matching is enough unless
    /// ``requiresEveryPeerName`` is set.
    public var peerNames: [PeerName] = []
    /// Whether every name in ``peerNames`` must match (an S/MIME certificate for several addresses).
    public var requiresEveryPeerName = false
    /// Extended key usages the end-entity certificate must allow (anyExtendedKeyUsage or no extension allows all
    /// under `.rfc5280`; `.webpki` requires the extension).
    public var requiredExtendedKeyUsages: [ASN1ObjectIdentifier] = []
    /// Key usages the end-entity certificate must assert, when it has a keyUsage extension.
    public var requiredKeyUsage: KeyUsage = []
    /// The signature algorithms accepted (by OID); `nil` accepts every registered algorithm.
    public var allowedSignatureAlgorithms: Set<ASN1ObjectIdentifier>?
    /// The smallest RSA modulus accepted, in bits (2048 under `.webpki` regardless).
    public var minimumRSABits = 1024
    /// The smallest elliptic-curve key accepted, in curve bits (every supported curve has at least 256).
    public var minimumEllipticCurveBits = 256
    /// When SHA-1 and DSA signatures are accepted. By default only at validation times before 2017-01-01, when
    /// such certificate signatures were still being made (CA/Browser Forum BR §7.1.3: no SHA-1 after 2016); an old
    /// chain checked "as of" its time still validates, a new one does not.
    public var legacyAlgorithms: LegacyAlgorithms = .before(X509Time(secondsSinceEpoch: 1_483_228_800))
    /// The most certificates a path may have between the end entity and the trust anchor.
    public var maximumIntermediates = 16
    /// The most signature verifications a single validation may spend, cache misses only (hostile pools).
    public var maximumSignatureChecks = 2_048
    /// The most candidate paths a single validation may try.
    public var maximumCandidatePaths = 256
    /// Non-standard SM2 certificate signatures to accept: ``SM2Compatibility/insecureEmptyUserID`` tries an
    /// empty user ID (OpenSSL 3.0's default when no `distid` is set) when the default ID `1234567812345678`
    /// fails, and the result names every certificate this was needed for. Certificate signatures are always
    /// checked with Z (``SM2Compatibility/nonStandardWithoutZ`` applies to signed documents only).
    public var sm2Compatibility: SM2Compatibility = .strict
    /// Whether an end-entity certificate that is itself one of the trust anchors (the same DER) is trusted
    /// directly, as OpenSSL's `-partial_chain` and DSS do for a signing certificate a relying party or a trusted
    /// list trusts: the path is the anchor alone, checked only for its validity period at ``time``. Off by
    /// default: RFC 5280 §6.1 takes the anchor as a name and a key, not as the end entity.
    public var trustsAnchorAsEndEntity = false

    /// Options for validating at `time` with RFC 5280 defaults.
    public init(time: X509Time) {
        self.time = time
    }
}
