import BigInt
import Crypto
public import SealbridgeSM
import SwiftASN1
import _CryptoExtras

/// A public key of any supported algorithm (SM2, ECDSA P-256/384/521, Ed25519, RSA), read from a
/// `SubjectPublicKeyInfo` in PEM or DER, with one way to verify a signature whatever the algorithm.
public struct PublicKey: Hashable, Sendable {
    enum Backing: Sendable {
        case sm2(SM2PublicKey)
        case p256(P256.Signing.PublicKey)
        case p384(P384.Signing.PublicKey)
        case p521(P521.Signing.PublicKey)
        case ed25519(Curve25519.Signing.PublicKey)
        case rsa(RSAPublicKey)
        case weierstrass(KeyAlgorithm, WeierstrassCurve, x: BigUInt, y: BigUInt)
        case dsa(DSAPublicKey)
    }

    let backing: Backing
    /// The DER `SubjectPublicKeyInfo`.
    public let derRepresentation: [UInt8]

    init(backing: Backing, derRepresentation: [UInt8]) {
        self.backing = backing
        self.derRepresentation = derRepresentation
    }

    /// The kind of key.
    public var algorithm: KeyAlgorithm {
        switch backing {
        case .sm2: return .sm2
        case .p256: return .p256
        case .p384: return .p384
        case .p521: return .p521
        case .ed25519: return .ed25519
        case .rsa: return .rsa
        case .weierstrass(let kind, _, _, _): return kind
        case .dsa: return .dsa
        }
    }

    /// The key size in bits (the curve size, or the RSA modulus length).
    public var bitCount: Int {
        switch backing {
        case .sm2, .p256, .ed25519: return 256
        case .p384: return 384
        case .p521: return 521
        case .rsa(let key): return key.modulusBitCount
        case .weierstrass(_, let curve, _, _): return curve.p.bitLength
        case .dsa(let key): return key.parameters.p.bitLength
        }
    }

    /// The SM2 key, when this is one.
    public var sm2: SM2PublicKey? {
        if case .sm2(let key) = backing { return key }
        return nil
    }

    /// Reads a DER `SubjectPublicKeyInfo` (RFC 5280 §4.1.2.7).
    ///
    /// - Throws: `CryptoError.invalidKey` for malformed DER, an unknown algorithm or curve, or an invalid key.
    public init(derRepresentation bytes: [UInt8]) throws {
        try self.init(derRepresentation: bytes, inheritingDSAParametersFrom: nil)
    }

    /// Reads a DER `SubjectPublicKeyInfo` whose DSA key may omit its parameters, taking them from the issuer's
    /// key as RFC 3279 §2.3.2 allows ("DSA parameter inheritance", PKITS 4.1.5).
    ///
    /// - Throws: `CryptoError.invalidKey` as ``init(derRepresentation:)``, or when parameters are missing and
    ///   `issuer` is not a DSA key.
    public init(derRepresentation bytes: [UInt8], inheritingDSAParametersFrom issuer: PublicKey?) throws {
        let (algorithm, keyBits): (AlgorithmIdentifier, ASN1BitString)
        do {
            (algorithm, keyBits) = try DER.sequence(try DER.parse(bytes), identifier: .sequence) { nodes in
                (try AlgorithmIdentifier(derEncoded: &nodes), try ASN1BitString(derEncoded: &nodes))
            }
        } catch {
            throw CryptoError.invalidKey(reason: "not a DER SubjectPublicKeyInfo (\(error))")
        }
        guard let kind = KeyOIDs.keyAlgorithm(algorithm: algorithm.algorithm, curve: algorithm.parameterOID) else {
            throw CryptoError.invalidKey(
                reason: "unsupported public key algorithm \(algorithm.algorithm)"
                    + (algorithm.parameterOID.map { " on curve \($0)" } ?? "")
                    + "; supported: SM2, P-256, P-384, P-521, brainpool r1, Ed25519, RSA, DSA"
            )
        }
        let key = Array(keyBits.bytes)
        do {
            switch kind {
            case .sm2: backing = .sm2(try SM2PublicKey(x963Representation: key))
            case .p256: backing = .p256(try P256.Signing.PublicKey(x963Representation: key))
            case .p384: backing = .p384(try P384.Signing.PublicKey(x963Representation: key))
            case .p521: backing = .p521(try P521.Signing.PublicKey(x963Representation: key))
            case .ed25519: backing = .ed25519(try Curve25519.Signing.PublicKey(rawRepresentation: key))
            case .rsa: backing = .rsa(try RSAPublicKey(pkcs1DERRepresentation: keyBits.bytes))
            case .brainpoolP256r1, .brainpoolP384r1, .brainpoolP512r1:
                let curve: WeierstrassCurve
                switch kind {
                case .brainpoolP256r1: curve = .brainpoolP256r1
                case .brainpoolP384r1: curve = .brainpoolP384r1
                default: curve = .brainpoolP512r1
                }
                // Uncompressed points only (RFC 5480 §2.2 allows compressed ones, but no CA issues them).
                guard key.count == 1 + 2 * curve.byteCount, key.first == 0x04 else {
                    throw CryptoError.invalidKey(reason: "a \(kind) key must be an uncompressed point")
                }
                let x = BigUInt(bigEndian: key[1...curve.byteCount])
                let y = BigUInt(bigEndian: key[(1 + curve.byteCount)...])
                guard curve.contains(x: x, y: y) else {
                    throw CryptoError.invalidKey(reason: "the \(kind) point is not on the curve")
                }
                backing = .weierstrass(kind, curve, x: x, y: y)
            case .dsa:
                let parameters: DSAPublicKey.Parameters
                if let encoded = algorithm.parameters, !algorithm.hasNoOrNullParameters {
                    parameters = try DSAPublicKey.Parameters(derEncoded: encoded)
                } else if case .dsa(let issuerKey)? = issuer?.backing {
                    parameters = issuerKey.parameters
                } else {
                    throw CryptoError.invalidKey(
                        reason: "the DSA key has no parameters; they must be inherited from a DSA issuer key"
                    )
                }
                backing = .dsa(try DSAPublicKey(publicKeyBytes: key, parameters: parameters))
            }
        } catch let error as CryptoError {
            throw error
        } catch {
            throw CryptoError.invalidKey(reason: "the \(kind) public key is invalid: \(error)")
        }
        self.derRepresentation = bytes
    }

    /// This key prepared for verifying many signatures: an SM2 key gets a precomputed table of its multiples
    /// (``SealbridgeSM/SM2PublicKey/precomputedForVerification()``, about three times faster per verification);
    /// other kinds are returned as they are.
    public func precomputedForVerification() -> PublicKey {
        guard case .sm2(let key) = backing else { return self }
        return PublicKey(backing: .sm2(key.precomputedForVerification()), derRepresentation: derRepresentation)
    }

    /// Reads a PEM `PUBLIC KEY` block.
    ///
    /// - Throws: `CryptoError.invalidKey` for bad PEM or a bad key.
    public init(pemRepresentation pem: String) throws {
        let document = try PEMReader.document(pem, allowed: ["PUBLIC KEY"])
        try self.init(derRepresentation: document.derBytes)
    }

    /// Reads PEM or DER, whichever `bytes` hold.
    ///
    /// - Throws: `CryptoError.invalidKey` when neither reading works.
    public init(pemOrDER bytes: [UInt8]) throws {
        if PEMReader.looksLikePEM(bytes) {
            try self.init(pemRepresentation: String(decoding: bytes, as: UTF8.self))
        } else {
            try self.init(derRepresentation: PEMReader.der(bytes))
        }
    }

    /// The PEM `PUBLIC KEY` block.
    public var pemRepresentation: String {
        PEMDocument(type: "PUBLIC KEY", derBytes: derRepresentation).pemString
    }

    /// Verifies `signature` over `message` with `algorithm` (by default the key's usual one).
    ///
    /// Signature encodings: DER `SEQUENCE { r, s }` for SM2 and ECDSA, the raw 64 bytes for Ed25519, the k-byte
    /// block for RSA. For SM2 the message is hashed as SM3(Z ‖ M) with `sm2UserID`.
    ///
    /// - Returns: `true` when valid; a mismatched algorithm or malformed signature is simply invalid.
    public func isValidSignature(
        _ signature: [UInt8],
        for message: [UInt8],
        algorithm: SignatureAlgorithm? = nil,
        sm2UserID: [UInt8] = SM2.defaultUserID
    ) -> Bool {
        let algorithm = algorithm ?? self.algorithm.defaultSignatureAlgorithm
        switch (backing, algorithm.scheme) {
        case (.sm2(let key), .sm2):
            guard let parsed = try? SM2Signature(derRepresentation: signature) else { return false }
            return key.isValidSignature(parsed, for: message, userID: sm2UserID)
        case (.ed25519(let key), .ed25519):
            return key.isValidSignature(signature, for: message)
        default:
            guard let hash = algorithm.hash else { return false }
            return isValidSignature(signature, digest: hash.digest(message), algorithm: algorithm)
        }
    }

    /// Verifies `signature` over a precomputed digest: the message hash for ECDSA and RSA, e = SM3(Z ‖ M) for
    /// SM2. Ed25519 signs messages, not digests, so it is never valid here.
    ///
    /// - Returns: `true` when valid.
    public func isValidSignature(_ signature: [UInt8], digest: [UInt8], algorithm: SignatureAlgorithm) -> Bool {
        guard let hash = algorithm.hash, digest.count == hash.byteCount else { return false }
        switch (backing, algorithm.scheme) {
        case (.sm2(let key), .sm2):
            guard let parsed = try? SM2Signature(derRepresentation: signature) else { return false }
            return key.isValidSignature(parsed, forDigest: digest)
        case (.p256(let key), .ecdsa):
            guard let parsed = try? P256.Signing.ECDSASignature(derRepresentation: signature) else { return false }
            return DigestBox(hash, digest).map { key.isValidSignature(parsed, for: $0) } ?? false
        case (.p384(let key), .ecdsa):
            guard let parsed = try? P384.Signing.ECDSASignature(derRepresentation: signature) else { return false }
            return DigestBox(hash, digest).map { key.isValidSignature(parsed, for: $0) } ?? false
        case (.p521(let key), .ecdsa):
            guard let parsed = try? P521.Signing.ECDSASignature(derRepresentation: signature) else { return false }
            return DigestBox(hash, digest).map { key.isValidSignature(parsed, for: $0) } ?? false
        case (.rsa(let key), .rsaPKCS1v15):
            return key.isValidPKCS1v15Signature(signature, digest: digest, hash: hash)
        case (.weierstrass(_, let curve, let x, let y), .ecdsa):
            guard let (r, s) = DSAPublicKey.signatureComponents(signature) else { return false }
            return curve.isValidSignature(r: r, s: s, digest: digest, key: (x, y))
        case (.dsa(let key), .dsa):
            return key.isValidSignature(signature, digest: digest)
        case (.rsa(let key), .rsaPSS(let mgfHash, let saltLength)):
            return key.isValidPSSSignature(
                signature,
                messageHash: digest,
                hash: hash,
                mgfHash: mgfHash,
                saltLength: saltLength
            )
        default:
            return false
        }
    }

    /// Equal when the `SubjectPublicKeyInfo` bytes are equal.
    public static func == (lhs: PublicKey, rhs: PublicKey) -> Bool { lhs.derRepresentation == rhs.derRepresentation }

    /// Hashes the `SubjectPublicKeyInfo` bytes.
    public func hash(into hasher: inout Hasher) { hasher.combine(derRepresentation) }
}

/// Wraps digest bytes in swift-crypto's `Digest` type for its ECDSA API.
struct DigestBox: Digest {
    static let byteCount = 64
    private let bytes: [UInt8]

    init?(_ hash: HashFunction, _ bytes: [UInt8]) {
        guard bytes.count == hash.byteCount, hash != .sm3 else { return nil }
        self.bytes = bytes
    }

    func withUnsafeBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        try bytes.withUnsafeBytes(body)
    }

    func makeIterator() -> Array<UInt8>.Iterator { bytes.makeIterator() }

    var description: String { "digest(\(bytes.count) bytes)" }
}
