public import SealbridgeCrypto
import SwiftASN1

extension Certificate {
    /// The signature algorithm as SealbridgeCrypto understands it, with its parameters checked (RFC 5280 §4.1.1.2:
    /// the outer and inner identifiers must be equal; RFC 5758 §3.2: ECDSA has no parameters; RFC 4055: PKCS #1
    /// v1.5 has NULL, PSS has its RSASSA-PSS-params).
    ///
    /// - Throws: `X509Error.invalidValue` for a mismatch, unknown algorithm or bad parameters.
    public func signatureAlgorithmChecked() throws -> SignatureAlgorithm {
        guard signatureAlgorithm == tbsSignatureAlgorithm else {
            throw X509Error.invalidValue(
                reason: "signatureAlgorithm differs from tbsCertificate.signature (RFC 5280 §4.1.1.2)"
            )
        }
        return try SignatureAlgorithm(identifier: signatureAlgorithm)
    }

    /// Checks this certificate's signature with the issuer's public key, over `tbsCertificateBytes` as received.
    /// SM2 signatures use the default user ID `1234567812345678` (GM/T 0015).
    ///
    /// - Returns: `true` when valid; an unknown or mismatched algorithm is simply not valid.
    public func isSignatureValid(issuerKey: PublicKey) -> Bool {
        SignedObject.isSignatureValid(
            signature,
            unusedBits: signatureUnusedBits,
            outer: signatureAlgorithm,
            inner: tbsSignatureAlgorithm,
            over: tbsCertificateBytes,
            key: issuerKey
        )
    }
}

/// The signature check certificates and CRLs share: a whole-octet signature, the outer and inner algorithm
/// identifiers equal (RFC 5280 §4.1.1.2, §5.1.1.2), the algorithm and its parameters known, the signature valid
/// over the received TBS bytes.
enum SignedObject {
    static func isSignatureValid(
        _ signature: ArraySlice<UInt8>,
        unusedBits: Int,
        outer: AlgorithmIdentifier,
        inner: AlgorithmIdentifier,
        over tbsBytes: ArraySlice<UInt8>,
        key: PublicKey
    ) -> Bool {
        guard unusedBits == 0, outer == inner, let algorithm = try? SignatureAlgorithm(identifier: outer) else {
            return false
        }
        return key.isValidSignature(Array(signature), for: Array(tbsBytes), algorithm: algorithm)
    }
}

extension SignatureAlgorithm {
    /// The algorithm an X.509 `AlgorithmIdentifier` names, parameters included.
    ///
    /// - Throws: `X509Error.invalidValue` for an unknown algorithm or parameters the standard forbids.
    public init(identifier: AlgorithmIdentifier) throws {
        if identifier.algorithm == RSASSAPSSParameters.algorithm {
            guard let parameters = identifier.parameters else {
                throw X509Error.invalidValue(reason: "RSASSA-PSS needs its parameters in the AlgorithmIdentifier")
            }
            let pss: RSASSAPSSParameters
            do {
                pss = try RSASSAPSSParameters(derEncoded: try DER.parse(parameters))
            } catch let error as CryptoError {
                throw X509Error.invalidValue(reason: error.reason)
            } catch {
                throw X509Error.malformedDER(
                    reason: "RSASSA-PSS-params are not valid DER: \(ASN1ErrorWording.detail(of: error))"
                )
            }
            self = .rsaPSS(hash: pss.hash, mgfHash: pss.mgfHash, saltLength: pss.saltLength)
            return
        }
        guard let known = SignatureAlgorithm(oid: identifier.algorithm) else {
            throw X509Error.invalidValue(reason: "unsupported signature algorithm \(identifier.algorithm.displayText)")
        }
        switch known.scheme {
        case .ecdsa, .ed25519, .dsa:
            guard identifier.parameters == nil else {
                throw X509Error.invalidValue(
                    reason: "\(known) must have absent parameters (RFC 5758 §3.2, RFC 8410, RFC 3279 §2.2.2)"
                )
            }
        case .rsaPKCS1v15, .sm2:
            guard identifier.hasNoOrNullParameters else {
                throw X509Error.invalidValue(reason: "\(known) must have NULL or absent parameters")
            }
        case .rsaPSS:
            break
        }
        self = known
    }
}
