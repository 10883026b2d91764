import SwiftASN1

/// OIDs of key algorithms and curves (RFC 5480, RFC 8410, RFC 8017, GM/T 0006).
enum KeyOIDs {
    static let ecPublicKey: ASN1ObjectIdentifier = [1, 2, 840, 10045, 2, 1]
    static let rsaEncryption: ASN1ObjectIdentifier = [1, 2, 840, 113_549, 1, 1, 1]
    static let rsassaPSS: ASN1ObjectIdentifier = [1, 2, 840, 113_549, 1, 1, 10]
    static let ed25519: ASN1ObjectIdentifier = [1, 3, 101, 112]
    static let sm2Curve: ASN1ObjectIdentifier = [1, 2, 156, 10197, 1, 301]
    static let p256: ASN1ObjectIdentifier = [1, 2, 840, 10045, 3, 1, 7]
    static let p384: ASN1ObjectIdentifier = [1, 3, 132, 0, 34]
    static let p521: ASN1ObjectIdentifier = [1, 3, 132, 0, 35]
    static let brainpoolP256r1: ASN1ObjectIdentifier = [1, 3, 36, 3, 3, 2, 8, 1, 1, 7]
    static let brainpoolP384r1: ASN1ObjectIdentifier = [1, 3, 36, 3, 3, 2, 8, 1, 1, 11]
    static let brainpoolP512r1: ASN1ObjectIdentifier = [1, 3, 36, 3, 3, 2, 8, 1, 1, 13]
    static let dsa: ASN1ObjectIdentifier = [1, 2, 840, 10040, 4, 1]

    /// The key kind for an algorithm OID and its parameters (a curve OID for EC keys).
    static func keyAlgorithm(algorithm: ASN1ObjectIdentifier, curve: ASN1ObjectIdentifier?) -> KeyAlgorithm? {
        switch algorithm {
        case ecPublicKey:
            switch curve {
            case sm2Curve: return .sm2
            case p256: return .p256
            case p384: return .p384
            case p521: return .p521
            case brainpoolP256r1: return .brainpoolP256r1
            case brainpoolP384r1: return .brainpoolP384r1
            case brainpoolP512r1: return .brainpoolP512r1
            default: return nil
            }
        case sm2Curve: return .sm2
        case rsaEncryption, rsassaPSS: return .rsa
        case ed25519: return .ed25519
        case dsa: return .dsa
        default: return nil
        }
    }
}
