package import SealbridgeCrypto

/// The JOSE `alg` values Sealbridge verifies (RFC 7518 §3.1, RFC 8037 for EdDSA) and the one it uses for SM2.
///
/// No JOSE name is registered for SM2. Sealbridge reads and writes `SM2-SM3` (SM2 with SM3 and the default user ID,
/// the signature as r ‖ s in 64 bytes like ES256) — a collision-resistant private name as RFC 7518 §3.1 allows.
package enum JWSAlgorithms {
    /// The name Sealbridge uses for SM2 with SM3.
    package static let sm2 = "SM2-SM3"

    /// The signature algorithm and whether the value is `r ‖ s` (to be turned into DER for the key layer).
    package static func algorithm(_ name: String) -> (algorithm: SignatureAlgorithm, rawPair: Bool)? {
        switch name {
        case "ES256": (.ecdsaWithSHA256, true)
        case "ES384": (.ecdsaWithSHA384, true)
        case "ES512": (.ecdsaWithSHA512, true)
        case "RS256": (.sha256WithRSAEncryption, false)
        case "RS384": (.sha384WithRSAEncryption, false)
        case "RS512": (.sha512WithRSAEncryption, false)
        // RFC 7518 §3.5: MGF1 with the same hash, salt as long as the hash.
        case "PS256": (.rsaPSS(hash: .sha256, saltLength: 32), false)
        case "PS384": (.rsaPSS(hash: .sha384, saltLength: 48), false)
        case "PS512": (.rsaPSS(hash: .sha512, saltLength: 64), false)
        case "EdDSA": (.ed25519, false)
        case sm2: (.sm2WithSM3, true)
        default: nil
        }
    }

    /// The JAdES digest names (TS 119 182-1 §5.1.1, e.g. for `x5t#o` and `sigD`): `S256`, `S384`, `S512`, and the
    /// SHA-3 ones.
    package static func digest(_ name: String) -> HashFunction? {
        switch name {
        case "S256": .sha256
        case "S384": .sha384
        case "S512": .sha512
        case "S3-256": .sha3_256
        case "S3-384": .sha3_384
        case "S3-512": .sha3_512
        default: nil
        }
    }
}

/// base64url without padding (RFC 7515 §2), decoded strictly: nil for any other character.
package func decodeBase64URL(_ text: Substring) -> [UInt8]? {
    Base64Text.decodeURL(text)
}
