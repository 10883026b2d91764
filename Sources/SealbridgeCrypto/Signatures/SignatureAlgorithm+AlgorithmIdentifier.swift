import SwiftASN1

extension SignatureAlgorithm {
    /// The AlgorithmIdentifier a signature by this algorithm is labelled with in certificates, CRLs and CMS: no
    /// parameters for SM2, ECDSA, EdDSA and DSA (RFC 5758 §3.2, RFC 8410 §3); NULL for RSA PKCS #1 v1.5 (RFC 4055
    /// §5); explicit RSASSA-PSS-params for PSS (RFC 4055 §3.1).
    ///
    /// - Throws: `CryptoError.unsupportedAlgorithm` for PSS without a hash.
    package func algorithmIdentifier() throws -> AlgorithmIdentifier {
        switch scheme {
        case .sm2, .ecdsa, .ed25519, .dsa:
            return AlgorithmIdentifier(algorithm: oid, parameters: nil)
        case .rsaPKCS1v15:
            return AlgorithmIdentifier(algorithm: oid, parameters: [0x05, 0x00])
        case .rsaPSS(let mgfHash, let saltLength):
            guard let hash else { throw CryptoError.unsupportedAlgorithm(reason: "RSASSA-PSS needs a hash") }
            let parameters = RSASSAPSSParameters(
                hash: hash,
                mgfHash: mgfHash,
                saltLength: saltLength ?? hash.byteCount
            )
            return AlgorithmIdentifier(algorithm: oid, parameters: try parameters.serializedDER())
        }
    }
}
