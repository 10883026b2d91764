/// The kind of a key: which curve or which scheme.
public enum KeyAlgorithm: String, Hashable, Sendable, CaseIterable, CustomStringConvertible {
    /// SM2 on sm2p256v1.
    case sm2
    /// ECDSA on NIST P-256.
    case p256
    /// ECDSA on NIST P-384.
    case p384
    /// ECDSA on NIST P-521.
    case p521
    /// Ed25519.
    case ed25519
    /// RSA (any supported size).
    case rsa
    /// ECDSA on brainpoolP256r1 (RFC 5639); verification only.
    case brainpoolP256r1
    /// ECDSA on brainpoolP384r1 (RFC 5639); verification only.
    case brainpoolP384r1
    /// ECDSA on brainpoolP512r1 (RFC 5639); verification only.
    case brainpoolP512r1
    /// DSA (FIPS 186-4); legacy, verification only.
    case dsa

    /// Whether keys of this kind can be generated and used to sign (brainpool and DSA verify only).
    public var canSign: Bool {
        switch self {
        case .sm2, .p256, .p384, .p521, .ed25519, .rsa: return true
        case .brainpoolP256r1, .brainpoolP384r1, .brainpoolP512r1, .dsa: return false
        }
    }

    /// The name used on the command line.
    public var description: String { rawValue }

    /// The signature algorithm used by default with a key of this kind (the hash matched to the curve).
    public var defaultSignatureAlgorithm: SignatureAlgorithm {
        switch self {
        case .sm2: return .sm2WithSM3
        case .p256: return .ecdsaWithSHA256
        case .p384: return .ecdsaWithSHA384
        case .p521: return .ecdsaWithSHA512
        case .ed25519: return .ed25519
        case .rsa: return .sha256WithRSAEncryption
        case .brainpoolP256r1: return .ecdsaWithSHA256
        case .brainpoolP384r1: return .ecdsaWithSHA384
        case .brainpoolP512r1: return .ecdsaWithSHA512
        case .dsa: return .dsaWithSHA256
        }
    }
}
