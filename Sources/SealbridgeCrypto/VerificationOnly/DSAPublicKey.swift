import BigInt
import SwiftASN1

/// A DSA public key (FIPS 186-4 §4), for verifying legacy certificate chains only (PKITS has DSA cases). DSA is
/// not offered for new signatures. Variable-time arithmetic on public data.
struct DSAPublicKey: Sendable {
    /// The domain parameters `Dss-Parms ::= SEQUENCE { p INTEGER, q INTEGER, g INTEGER }` (RFC 3279 §2.3.2).
    struct Parameters: Sendable, Hashable {
        let p: BigUInt
        let q: BigUInt
        let g: BigUInt

        /// Reads `Dss-Parms`.
        init(derEncoded bytes: [UInt8]) throws {
            (p, q, g) = try DER.sequence(try DER.parse(bytes), identifier: .sequence) { nodes in
                (
                    try DSAPublicKey.unsigned(&nodes),
                    try DSAPublicKey.unsigned(&nodes),
                    try DSAPublicKey.unsigned(&nodes)
                )
            }
            guard p.bitLength >= 512, p.bitLength <= 4096, q.bitLength >= 160, q.bitLength <= 256, q < p, g > 1,
                g < p
            else {
                throw CryptoError.invalidKey(reason: "DSA parameters out of range (p 512–4096 bits, q 160–256 bits)")
            }
        }
    }

    let parameters: Parameters
    let y: BigUInt

    /// Reads the subjectPublicKey (`DSAPublicKey ::= INTEGER`) with its parameters.
    init(publicKeyBytes: [UInt8], parameters: Parameters) throws {
        do {
            let node = try DER.parse(publicKeyBytes)
            y = try DSAPublicKey.unsignedValue(node)
        } catch let error as CryptoError {
            throw error
        } catch {
            throw CryptoError.invalidKey(reason: "a DSA public key must be a DER INTEGER (\(error))")
        }
        guard y > 1, y < parameters.p else {
            throw CryptoError.invalidKey(reason: "the DSA public key is out of range")
        }
        self.parameters = parameters
    }

    static func unsigned(_ nodes: inout ASN1NodeCollection.Iterator) throws -> BigUInt {
        guard let node = nodes.next() else { throw CryptoError.invalidKey(reason: "a DSA integer is missing") }
        return try unsignedValue(node)
    }

    static func unsignedValue(_ node: ASN1Node) throws -> BigUInt {
        // SwiftASN1 reads ArraySlice<UInt8> as an unsigned INTEGER: negatives throw, the sign byte is dropped.
        BigUInt(bigEndian: try ArraySlice<UInt8>(derEncoded: node))
    }

    /// `Dss-Sig-Value ::= SEQUENCE { r INTEGER, s INTEGER }`, the form DSA and ECDSA signatures share
    /// (RFC 3279 §2.2.2–3); nil when malformed.
    static func signatureComponents(_ signature: [UInt8]) -> (r: BigUInt, s: BigUInt)? {
        try? DER.sequence(
            try DER.parse(signature),
            identifier: .sequence,
            { nodes in (try DSAPublicKey.unsigned(&nodes), try DSAPublicKey.unsigned(&nodes)) }
        )
    }

    /// The leftmost `bits` bits of a digest as an integer (FIPS 186-4 §4.6 and §6.4: z and e).
    static func leftmostBits(of digest: [UInt8], count bits: Int) -> BigUInt {
        let value = BigUInt(bigEndian: digest)
        let excess = digest.count * 8 - bits
        return excess > 0 ? value >> excess : value
    }

    /// FIPS 186-4 §4.7 verification of a DER `Dss-Sig-Value` over a digest.
    func isValidSignature(_ signature: [UInt8], digest: [UInt8]) -> Bool {
        guard let (r, s) = DSAPublicKey.signatureComponents(signature) else { return false }
        let (p, q, g) = (parameters.p, parameters.q, parameters.g)
        guard !r.isZero, r < q, !s.isZero, s < q, let w = s.inverse(q) else { return false }
        let z = DSAPublicKey.leftmostBits(of: digest, count: q.bitLength)
        let u1 = z * w % q
        let u2 = r * w % q
        let v = (g.power(u1, modulus: p) * y.power(u2, modulus: p)) % p % q
        return v == r
    }
}
