import Crypto
import Foundation
public import SealbridgeSM
import SwiftASN1
import _CryptoExtras

/// A private key of any supported algorithm (SM2, ECDSA P-256/384/521, Ed25519, RSA): generation, PKCS #8 /
/// SEC 1 / PKCS #1 reading in PEM or DER, and signing.
public struct PrivateKey: Sendable {
    enum Backing: Sendable {
        case sm2(SM2PrivateKey)
        case p256(P256.Signing.PrivateKey)
        case p384(P384.Signing.PrivateKey)
        case p521(P521.Signing.PrivateKey)
        case ed25519(Curve25519.Signing.PrivateKey)
        case rsa(_RSA.Signing.PrivateKey)
    }

    let backing: Backing

    init(backing: Backing) {
        self.backing = backing
    }

    /// Generates a fresh key from the system CSPRNG.
    ///
    /// - Parameters:
    ///   - algorithm: The kind of key.
    ///   - rsaBitCount: The RSA modulus size (2048, 3072 or 4096); ignored for other kinds.
    /// - Returns: The new key.
    /// - Throws: `CryptoError.unsupportedAlgorithm` for an RSA size swift-crypto refuses.
    public static func generate(_ algorithm: KeyAlgorithm, rsaBitCount: Int = 2048) throws -> PrivateKey {
        switch algorithm {
        case .sm2: return PrivateKey(backing: .sm2(SM2PrivateKey()))
        case .p256: return PrivateKey(backing: .p256(P256.Signing.PrivateKey()))
        case .p384: return PrivateKey(backing: .p384(P384.Signing.PrivateKey()))
        case .p521: return PrivateKey(backing: .p521(P521.Signing.PrivateKey()))
        case .ed25519: return PrivateKey(backing: .ed25519(Curve25519.Signing.PrivateKey()))
        case .rsa:
            guard [2048, 3072, 4096].contains(rsaBitCount) else {
                throw CryptoError.unsupportedAlgorithm(reason: "RSA keys are generated at 2048, 3072 or 4096 bits")
            }
            do {
                return PrivateKey(
                    backing: .rsa(try _RSA.Signing.PrivateKey(keySize: .init(bitCount: rsaBitCount)))
                )
            } catch {
                throw CryptoError.unsupportedAlgorithm(reason: "RSA key generation failed: \(error)")
            }
        case .brainpoolP256r1, .brainpoolP384r1, .brainpoolP512r1, .dsa:
            throw CryptoError.unsupportedAlgorithm(
                reason: "\(algorithm) is supported for verification only; sign with SM2, P-256/384/521, Ed25519 or RSA"
            )
        }
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
        }
    }

    /// The SM2 key, when this is one.
    public var sm2: SM2PrivateKey? {
        if case .sm2(let key) = backing { return key }
        return nil
    }

    /// The matching public key.
    public var publicKey: PublicKey {
        switch backing {
        case .sm2(let key):
            return PublicKey(backing: .sm2(key.publicKey), derRepresentation: key.publicKey.derRepresentation)
        case .p256(let key):
            return PublicKey(backing: .p256(key.publicKey), derRepresentation: Array(key.publicKey.derRepresentation))
        case .p384(let key):
            return PublicKey(backing: .p384(key.publicKey), derRepresentation: Array(key.publicKey.derRepresentation))
        case .p521(let key):
            return PublicKey(backing: .p521(key.publicKey), derRepresentation: Array(key.publicKey.derRepresentation))
        case .ed25519(let key):
            var serializer = DER.Serializer()
            try? serializer.appendConstructedNode(identifier: .sequence) { coder in
                try coder.serialize(AlgorithmIdentifier(algorithm: KeyOIDs.ed25519, parameters: nil))
                try coder.serialize(ASN1BitString(bytes: ArraySlice(key.publicKey.rawRepresentation)))
            }
            return PublicKey(backing: .ed25519(key.publicKey), derRepresentation: serializer.serializedBytes)
        case .rsa(let key):
            let der = Array(key.publicKey.derRepresentation)
            // swift-crypto's SPKI always parses back; fall back to an empty key only if it somehow did not.
            let rsa = (try? PublicKey(derRepresentation: der)).flatMap { key -> RSAPublicKey? in
                if case .rsa(let inner) = key.backing { return inner }
                return nil
            }
            if let rsa {
                return PublicKey(backing: .rsa(rsa), derRepresentation: der)
            }
            return PublicKey(backing: .ed25519(Curve25519.Signing.PrivateKey().publicKey), derRepresentation: [])
        }
    }

    /// Reads a DER PKCS #8 `PrivateKeyInfo`, a SEC 1 `ECPrivateKey` (SM2, P-256/384/521) or a PKCS #1
    /// `RSAPrivateKey`.
    ///
    /// - Throws: `CryptoError.invalidKey` for anything else or an invalid key.
    public init(derRepresentation bytes: [UInt8]) throws {
        guard bytes.count <= PEMReader.maximumKeyFileByteCount else {
            throw CryptoError.invalidKey(reason: "the key is over 1 MiB; it is not a key")
        }
        let root: ASN1Node
        do {
            root = try DER.parse(bytes)
        } catch {
            throw CryptoError.invalidKey(
                reason: "the private key is not DER (\(error)); PEM keys start with -----BEGIN"
            )
        }
        guard case .constructed(let children) = root.content else {
            throw CryptoError.invalidKey(reason: "a private key is a DER SEQUENCE")
        }
        let fields = Array(children.prefix(3))
        do {
            if fields.count >= 3, fields[1].identifier == .sequence {
                self = try PrivateKey.parsePKCS8(
                    bytes,
                    algorithm: try AlgorithmIdentifier(derEncoded: fields[1]),
                    fields[2]
                )
            } else if fields.count >= 2, fields[1].identifier == .octetString {
                self = try PrivateKey.parseSEC1(bytes, root)
            } else {
                self = PrivateKey(backing: .rsa(try _RSA.Signing.PrivateKey(derRepresentation: bytes)))
            }
        } catch let error as CryptoError {
            throw error
        } catch {
            throw CryptoError.invalidKey(reason: "the private key could not be read: \(error)")
        }
    }

    /// Reads a PEM `PRIVATE KEY`, `EC PRIVATE KEY` or `RSA PRIVATE KEY` block.
    ///
    /// - Throws: `CryptoError.invalidKey` for bad PEM, an encrypted key or an invalid key.
    public init(pemRepresentation pem: String) throws {
        let document = try PEMReader.document(pem, allowed: ["PRIVATE KEY", "EC PRIVATE KEY", "RSA PRIVATE KEY"])
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

    private static func parsePKCS8(
        _ bytes: [UInt8],
        algorithm: AlgorithmIdentifier,
        _ privateKeyField: ASN1Node
    ) throws -> PrivateKey {
        guard let kind = KeyOIDs.keyAlgorithm(algorithm: algorithm.algorithm, curve: algorithm.parameterOID) else {
            throw CryptoError.invalidKey(
                reason: "unsupported private key algorithm \(algorithm.algorithm)"
                    + (algorithm.parameterOID.map { " on curve \($0)" } ?? "")
            )
        }
        switch kind {
        case .sm2: return PrivateKey(backing: .sm2(try SM2PrivateKey(derRepresentation: bytes)))
        case .p256: return PrivateKey(backing: .p256(try P256.Signing.PrivateKey(derRepresentation: bytes)))
        case .p384: return PrivateKey(backing: .p384(try P384.Signing.PrivateKey(derRepresentation: bytes)))
        case .p521: return PrivateKey(backing: .p521(try P521.Signing.PrivateKey(derRepresentation: bytes)))
        case .rsa: return PrivateKey(backing: .rsa(try _RSA.Signing.PrivateKey(derRepresentation: bytes)))
        case .ed25519:
            // CurvePrivateKey ::= OCTET STRING, inside the PKCS #8 privateKey OCTET STRING (RFC 8410 §7).
            let outer = try ASN1OctetString(derEncoded: privateKeyField)
            let inner = try ASN1OctetString(derEncoded: try DER.parse(outer.bytes))
            return PrivateKey(backing: .ed25519(try Curve25519.Signing.PrivateKey(rawRepresentation: inner.bytes)))
        case .brainpoolP256r1, .brainpoolP384r1, .brainpoolP512r1, .dsa:
            throw CryptoError.unsupportedAlgorithm(reason: "\(kind) private keys are not supported (verification only)")
        }
    }

    private static func parseSEC1(_ bytes: [UInt8], _ root: ASN1Node) throws -> PrivateKey {
        // Find the [0] curve OID to dispatch; SM2 keys go to SealbridgeSM, NIST curves to swift-crypto.
        guard case .constructed(let children) = root.content else {
            throw CryptoError.invalidKey(reason: "an ECPrivateKey is a SEQUENCE")
        }
        var curve: ASN1ObjectIdentifier?
        for child in children where child.identifier == ASN1Identifier(tagWithNumber: 0, tagClass: .contextSpecific) {
            if case .constructed(let inner) = child.content, let oidNode = inner.first(where: { _ in true }) {
                curve = try ASN1ObjectIdentifier(derEncoded: oidNode)
            }
        }
        switch curve {
        case KeyOIDs.sm2Curve: return PrivateKey(backing: .sm2(try SM2PrivateKey(derRepresentation: bytes)))
        case KeyOIDs.p256: return PrivateKey(backing: .p256(try P256.Signing.PrivateKey(derRepresentation: bytes)))
        case KeyOIDs.p384: return PrivateKey(backing: .p384(try P384.Signing.PrivateKey(derRepresentation: bytes)))
        case KeyOIDs.p521: return PrivateKey(backing: .p521(try P521.Signing.PrivateKey(derRepresentation: bytes)))
        default:
            throw CryptoError.invalidKey(
                reason: "the EC private key names no supported curve (\(curve.map { "\($0)" } ?? "none")); "
                    + "use PKCS #8 or name the curve"
            )
        }
    }

    /// The DER PKCS #8 `PrivateKeyInfo`.
    public var derRepresentation: [UInt8] {
        switch backing {
        case .sm2(let key): return key.derRepresentation
        case .p256(let key): return Array(key.derRepresentation)
        case .p384(let key): return Array(key.derRepresentation)
        case .p521(let key): return Array(key.derRepresentation)
        case .rsa(let key): return Array(key.pkcs8DERRepresentation)
        case .ed25519(let key):
            var inner = DER.Serializer()
            try? inner.serialize(ASN1OctetString(contentBytes: ArraySlice(key.rawRepresentation)))
            var serializer = DER.Serializer()
            try? serializer.appendConstructedNode(identifier: .sequence) { coder in
                try coder.serialize(0)
                try coder.serialize(AlgorithmIdentifier(algorithm: KeyOIDs.ed25519, parameters: nil))
                try coder.serialize(ASN1OctetString(contentBytes: ArraySlice(inner.serializedBytes)))
            }
            return serializer.serializedBytes
        }
    }

    /// The PEM `PRIVATE KEY` (PKCS #8) block.
    public var pemRepresentation: String {
        PEMDocument(type: "PRIVATE KEY", derBytes: derRepresentation).pemString
    }

    /// Signs `message` with `algorithm` (by default the key's usual one): DER `SEQUENCE { r, s }` for SM2 and
    /// ECDSA, 64 raw bytes for Ed25519, the k-byte block for RSA. SM2 hashes SM3(Z ‖ M) with `sm2UserID`.
    ///
    /// - Throws: `CryptoError.unsupportedAlgorithm` when the algorithm does not fit the key;
    ///   `CryptoError.signingFailed` when the backend fails.
    public func signature(
        for message: [UInt8],
        algorithm: SignatureAlgorithm? = nil,
        sm2UserID: [UInt8] = SM2.defaultUserID
    ) throws -> [UInt8] {
        let algorithm = algorithm ?? self.algorithm.defaultSignatureAlgorithm
        do {
            switch (backing, algorithm.scheme) {
            case (.sm2(let key), .sm2):
                return try key.signature(for: message, userID: sm2UserID).derRepresentation
            case (.ed25519(let key), .ed25519):
                return Array(try key.signature(for: message))
            default:
                guard let hash = algorithm.hash else { break }
                return try signature(digest: hash.computeDigest(message), algorithm: algorithm)
            }
        } catch let error as CryptoError {
            throw error
        } catch {
            throw CryptoError.signingFailed(reason: "\(algorithm) signing failed: \(error)")
        }
        throw CryptoError.unsupportedAlgorithm(reason: "a \(self.algorithm) key cannot sign with \(algorithm)")
    }

    /// Signs a precomputed digest (the message hash; e = SM3(Z ‖ M) for SM2). Not for Ed25519.
    ///
    /// - Throws: `CryptoError.unsupportedAlgorithm` when the algorithm does not fit the key or the digest's hash
    ///   is not the algorithm's; `CryptoError.signingFailed` when the backend fails.
    public func signature(digest: ComputedDigest, algorithm: SignatureAlgorithm) throws -> [UInt8] {
        guard let hash = algorithm.hash, digest.function == hash else {
            throw CryptoError.unsupportedAlgorithm(
                reason:
                    "\(algorithm) needs a \(algorithm.hash?.rawValue ?? "message") digest; got \(digest.function.rawValue)"
            )
        }
        do {
            switch (backing, algorithm.scheme, digest.backing) {
            case (.sm2(let key), .sm2, _):
                return try key.signature(forDigest: digest.bytes).derRepresentation
            case (.p256(let key), .ecdsa, _):
                if let box = DigestBox(hash, digest.bytes) {
                    return Array(try key.signature(for: box).derRepresentation)
                }
            case (.p384(let key), .ecdsa, _):
                if let box = DigestBox(hash, digest.bytes) {
                    return Array(try key.signature(for: box).derRepresentation)
                }
            case (.p521(let key), .ecdsa, _):
                if let box = DigestBox(hash, digest.bytes) {
                    return Array(try key.signature(for: box).derRepresentation)
                }
            case (.rsa(let key), .rsaPKCS1v15, _):
                return try PrivateKey.rsaSignature(key, digest, padding: .insecurePKCS1v1_5)
            case (.rsa(let key), .rsaPSS(let mgfHash, let saltLength), _)
            where mgfHash == hash && (saltLength == nil || saltLength == hash.byteCount):
                // swift-crypto's PSS uses MGF1 with the same hash and a salt as long as the hash.
                return try PrivateKey.rsaSignature(key, digest, padding: .PSS)
            default:
                break
            }
        } catch let error as CryptoError {
            throw error
        } catch {
            throw CryptoError.signingFailed(reason: "\(algorithm) signing failed: \(error)")
        }
        throw CryptoError.unsupportedAlgorithm(reason: "a \(self.algorithm) key cannot sign with \(algorithm)")
    }

    private static func rsaSignature(
        _ key: _RSA.Signing.PrivateKey,
        _ digest: ComputedDigest,
        padding: _RSA.Signing.Padding
    ) throws -> [UInt8] {
        switch digest.backing {
        case .sha1(let typed): return Array(try key.signature(for: typed, padding: padding).rawRepresentation)
        case .sha256(let typed): return Array(try key.signature(for: typed, padding: padding).rawRepresentation)
        case .sha384(let typed): return Array(try key.signature(for: typed, padding: padding).rawRepresentation)
        case .sha512(let typed): return Array(try key.signature(for: typed, padding: padding).rawRepresentation)
        case .raw:
            throw CryptoError.unsupportedAlgorithm(
                reason: "RSA signing here supports SHA-1/256/384/512, not \(digest.function.rawValue)"
            )
        }
    }
}
