public import SwiftASN1

/// A signature algorithm as certificates, CMS and trusted lists name it: a scheme and a hash, keyed by OID.
///
/// Ask the registry with ``init(oid:)``; verify with ``PublicKey/isValidSignature(_:for:algorithm:sm2UserID:)``.
public struct SignatureAlgorithm: Hashable, Sendable, CustomStringConvertible {
    /// The family of signature scheme.
    public enum Scheme: Hashable, Sendable {
        /// SM2 with the Z value (GB/T 32918.2).
        case sm2
        /// ECDSA (FIPS 186-5, X9.62) with DER `Ecdsa-Sig-Value`.
        case ecdsa
        /// RSASSA-PKCS1-v1_5 (RFC 8017 §8.2).
        case rsaPKCS1v15
        /// RSASSA-PSS (RFC 8017 §8.1); `nil` salt length means "recover it" (any salt).
        case rsaPSS(mgfHash: HashFunction, saltLength: Int?)
        /// Ed25519 (RFC 8032), pure: the message itself is signed.
        case ed25519
        /// DSA (FIPS 186-4) with DER `Dss-Sig-Value`; legacy, verification only.
        case dsa
    }

    /// The algorithm's OID (e.g. `1.2.156.10197.1.501` for SM2 with SM3).
    public let oid: ASN1ObjectIdentifier
    /// A readable name (e.g. `SM2-with-SM3`).
    public let name: String
    /// The scheme.
    public let scheme: Scheme
    /// The message hash; `nil` for Ed25519, which hashes internally.
    public let hash: HashFunction?

    /// The name.
    public var description: String { name }

    /// SM2 signature with SM3, `1.2.156.10197.1.501`.
    public static let sm2WithSM3 = SignatureAlgorithm(
        oid: [1, 2, 156, 10197, 1, 501],
        name: "SM2-with-SM3",
        scheme: .sm2,
        hash: .sm3
    )
    /// ecdsa-with-SHA1, `1.2.840.10045.4.1`.
    public static let ecdsaWithSHA1 = SignatureAlgorithm(
        oid: [1, 2, 840, 10045, 4, 1],
        name: "ecdsa-with-SHA1",
        scheme: .ecdsa,
        hash: .insecureSHA1
    )
    /// ecdsa-with-SHA256, `1.2.840.10045.4.3.2`.
    public static let ecdsaWithSHA256 = SignatureAlgorithm(
        oid: [1, 2, 840, 10045, 4, 3, 2],
        name: "ecdsa-with-SHA256",
        scheme: .ecdsa,
        hash: .sha256
    )
    /// ecdsa-with-SHA384, `1.2.840.10045.4.3.3`.
    public static let ecdsaWithSHA384 = SignatureAlgorithm(
        oid: [1, 2, 840, 10045, 4, 3, 3],
        name: "ecdsa-with-SHA384",
        scheme: .ecdsa,
        hash: .sha384
    )
    /// ecdsa-with-SHA512, `1.2.840.10045.4.3.4`.
    public static let ecdsaWithSHA512 = SignatureAlgorithm(
        oid: [1, 2, 840, 10045, 4, 3, 4],
        name: "ecdsa-with-SHA512",
        scheme: .ecdsa,
        hash: .sha512
    )
    /// sha1WithRSAEncryption, `1.2.840.113549.1.1.5`.
    public static let sha1WithRSAEncryption = SignatureAlgorithm(
        oid: [1, 2, 840, 113_549, 1, 1, 5],
        name: "sha1WithRSAEncryption",
        scheme: .rsaPKCS1v15,
        hash: .insecureSHA1
    )
    /// sha256WithRSAEncryption, `1.2.840.113549.1.1.11`.
    public static let sha256WithRSAEncryption = SignatureAlgorithm(
        oid: [1, 2, 840, 113_549, 1, 1, 11],
        name: "sha256WithRSAEncryption",
        scheme: .rsaPKCS1v15,
        hash: .sha256
    )
    /// sha384WithRSAEncryption, `1.2.840.113549.1.1.12`.
    public static let sha384WithRSAEncryption = SignatureAlgorithm(
        oid: [1, 2, 840, 113_549, 1, 1, 12],
        name: "sha384WithRSAEncryption",
        scheme: .rsaPKCS1v15,
        hash: .sha384
    )
    /// sha512WithRSAEncryption, `1.2.840.113549.1.1.13`.
    public static let sha512WithRSAEncryption = SignatureAlgorithm(
        oid: [1, 2, 840, 113_549, 1, 1, 13],
        name: "sha512WithRSAEncryption",
        scheme: .rsaPKCS1v15,
        hash: .sha512
    )
    /// sm3WithRSAEncryption, `1.2.156.10197.1.504` (GM/T 0006).
    public static let sm3WithRSAEncryption = SignatureAlgorithm(
        oid: [1, 2, 156, 10197, 1, 504],
        name: "sm3WithRSAEncryption",
        scheme: .rsaPKCS1v15,
        hash: .sm3
    )
    /// ecdsa-with-SHA3-256, `2.16.840.1.101.3.4.3.10` (NIST CSOR, RFC 8692 §3).
    public static let ecdsaWithSHA3_256 = SignatureAlgorithm(
        oid: [2, 16, 840, 1, 101, 3, 4, 3, 10],
        name: "ecdsa-with-SHA3-256",
        scheme: .ecdsa,
        hash: .sha3_256
    )
    /// ecdsa-with-SHA3-384, `2.16.840.1.101.3.4.3.11`.
    public static let ecdsaWithSHA3_384 = SignatureAlgorithm(
        oid: [2, 16, 840, 1, 101, 3, 4, 3, 11],
        name: "ecdsa-with-SHA3-384",
        scheme: .ecdsa,
        hash: .sha3_384
    )
    /// ecdsa-with-SHA3-512, `2.16.840.1.101.3.4.3.12`.
    public static let ecdsaWithSHA3_512 = SignatureAlgorithm(
        oid: [2, 16, 840, 1, 101, 3, 4, 3, 12],
        name: "ecdsa-with-SHA3-512",
        scheme: .ecdsa,
        hash: .sha3_512
    )
    /// id-rsassa-pkcs1-v1_5-with-sha3-256, `2.16.840.1.101.3.4.3.14` (NIST CSOR).
    public static let sha3_256WithRSAEncryption = SignatureAlgorithm(
        oid: [2, 16, 840, 1, 101, 3, 4, 3, 14],
        name: "sha3-256WithRSAEncryption",
        scheme: .rsaPKCS1v15,
        hash: .sha3_256
    )
    /// id-rsassa-pkcs1-v1_5-with-sha3-384, `2.16.840.1.101.3.4.3.15`.
    public static let sha3_384WithRSAEncryption = SignatureAlgorithm(
        oid: [2, 16, 840, 1, 101, 3, 4, 3, 15],
        name: "sha3-384WithRSAEncryption",
        scheme: .rsaPKCS1v15,
        hash: .sha3_384
    )
    /// id-rsassa-pkcs1-v1_5-with-sha3-512, `2.16.840.1.101.3.4.3.16`.
    public static let sha3_512WithRSAEncryption = SignatureAlgorithm(
        oid: [2, 16, 840, 1, 101, 3, 4, 3, 16],
        name: "sha3-512WithRSAEncryption",
        scheme: .rsaPKCS1v15,
        hash: .sha3_512
    )
    /// Ed25519, `1.3.101.112` (RFC 8410).
    public static let ed25519 = SignatureAlgorithm(
        oid: [1, 3, 101, 112],
        name: "Ed25519",
        scheme: .ed25519,
        hash: nil
    )

    /// dsa-with-sha1, `1.2.840.10040.4.3` (RFC 3279 §2.2.2); legacy, verification only.
    public static let dsaWithSHA1 = SignatureAlgorithm(
        oid: [1, 2, 840, 10040, 4, 3],
        name: "dsa-with-SHA1",
        scheme: .dsa,
        hash: .insecureSHA1
    )
    /// id-dsa-with-sha256, `2.16.840.1.101.3.4.3.2` (RFC 5758 §3.1); legacy, verification only.
    public static let dsaWithSHA256 = SignatureAlgorithm(
        oid: [2, 16, 840, 1, 101, 3, 4, 3, 2],
        name: "dsa-with-SHA256",
        scheme: .dsa,
        hash: .sha256
    )

    /// RSASSA-PSS, `1.2.840.113549.1.1.10`, with explicit parameters (RFC 4055 §3.1).
    public static func rsaPSS(hash: HashFunction, mgfHash: HashFunction? = nil, saltLength: Int?) -> SignatureAlgorithm
    {
        SignatureAlgorithm(
            oid: [1, 2, 840, 113_549, 1, 1, 10],
            name: "RSASSA-PSS(\(hash.rawValue), salt \(saltLength.map(String.init) ?? "any"))",
            scheme: .rsaPSS(mgfHash: mgfHash ?? hash, saltLength: saltLength),
            hash: hash
        )
    }

    /// Every algorithm with a fixed OID-to-parameters mapping (PSS carries its parameters and is built by
    /// ``rsaPSS(hash:mgfHash:saltLength:)``).
    public static let registered: [SignatureAlgorithm] = [
        .sm2WithSM3, .ecdsaWithSHA1, .ecdsaWithSHA256, .ecdsaWithSHA384, .ecdsaWithSHA512,
        .sha1WithRSAEncryption, .sha256WithRSAEncryption, .sha384WithRSAEncryption, .sha512WithRSAEncryption,
        .sm3WithRSAEncryption, .ed25519, .dsaWithSHA1, .dsaWithSHA256, .ecdsaWithSHA3_256, .ecdsaWithSHA3_384,
        .ecdsaWithSHA3_512, .sha3_256WithRSAEncryption, .sha3_384WithRSAEncryption, .sha3_512WithRSAEncryption,
    ]

    private static let byOID: [ASN1ObjectIdentifier: SignatureAlgorithm] = Dictionary(
        registered.map { ($0.oid, $0) },
        uniquingKeysWith: { first, _ in first }
    )

    /// Looks an algorithm up by its OID; `nil` when unknown (or PSS, whose parameters are needed).
    public init?(oid: ASN1ObjectIdentifier) {
        guard let algorithm = SignatureAlgorithm.byOID[oid] else { return nil }
        self = algorithm
    }

    private init(oid: ASN1ObjectIdentifier, name: String, scheme: Scheme, hash: HashFunction?) {
        self.oid = oid
        self.name = name
        self.scheme = scheme
        self.hash = hash
    }
}
