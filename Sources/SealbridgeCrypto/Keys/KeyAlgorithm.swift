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
        }
    }
}
