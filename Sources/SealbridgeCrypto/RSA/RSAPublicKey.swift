import SwiftASN1

/// An RSA public key (n, e) for signature verification, PKCS #1 v1.5 and PSS with any parameters (RFC 8017).
///
/// Verification touches public data only, so the modular exponentiation here is plain variable-time Montgomery
/// arithmetic. Signing RSA uses swift-crypto (BoringSSL).
///
/// ```
/// RSAPublicKey ::= SEQUENCE { modulus INTEGER, publicExponent INTEGER }   -- RFC 8017 §A.1.1
/// ```
public struct RSAPublicKey: Hashable, Sendable {
    /// The modulus n, big-endian, without leading zeros.
    public let modulus: [UInt8]
    /// The public exponent e, big-endian, without leading zeros.
    public let publicExponent: [UInt8]
    /// The modulus length in bits.
    public let modulusBitCount: Int
    /// Montgomery constants for n, computed once per key.
    private let montgomery: MontgomeryContext

    /// The smallest modulus accepted at all (legacy chains); policies raise this.
    public static let minimumModulusBitCount = 1024
    /// The largest modulus accepted, to bound the work hostile input can cause.
    public static let maximumModulusBitCount = 16384

    /// Makes a key from n and e.
    ///
    /// - Throws: `CryptoError.invalidKey` for an even or out-of-range modulus, or an exponent that is even, 1, or
    ///   longer than 64 bits.
    public init(modulus: [UInt8], publicExponent: [UInt8]) throws {
        let n = Array(modulus.drop(while: { $0 == 0 }))
        let e = Array(publicExponent.drop(while: { $0 == 0 }))
        let bits = n.isEmpty ? 0 : (n.count - 1) * 8 + (8 - n[0].leadingZeroBitCount)
        guard bits >= RSAPublicKey.minimumModulusBitCount, bits <= RSAPublicKey.maximumModulusBitCount else {
            throw CryptoError.invalidKey(
                reason: "RSA moduli of \(RSAPublicKey.minimumModulusBitCount)–\(RSAPublicKey.maximumModulusBitCount) "
                    + "bits are supported; got \(bits) bits"
            )
        }
        guard let last = n.last, last & 1 == 1 else {
            throw CryptoError.invalidKey(reason: "an RSA modulus must be odd")
        }
        guard !e.isEmpty, e.count <= 8, let eLast = e.last, eLast & 1 == 1, e != [1] else {
            throw CryptoError.invalidKey(
                reason: "the RSA public exponent must be odd, greater than 1 and at most 64 bits"
            )
        }
        self.modulus = n
        self.publicExponent = e
        self.modulusBitCount = bits
        self.montgomery = MontgomeryContext(modulusBytes: n)
    }

    /// Equal when n and e are equal.
    public static func == (lhs: RSAPublicKey, rhs: RSAPublicKey) -> Bool {
        lhs.modulus == rhs.modulus && lhs.publicExponent == rhs.publicExponent
    }

    /// Hashes n and e.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(modulus)
        hasher.combine(publicExponent)
    }

    /// Reads a DER PKCS #1 `RSAPublicKey`.
    ///
    /// - Throws: `CryptoError.invalidKey` when the DER is malformed or the values are out of range.
    public init(pkcs1DERRepresentation bytes: ArraySlice<UInt8>) throws {
        let (n, e): (ArraySlice<UInt8>, ArraySlice<UInt8>)
        do {
            (n, e) = try DER.sequence(try DER.parse(bytes), identifier: .sequence) { nodes in
                (try ArraySlice<UInt8>(derEncoded: &nodes), try ArraySlice<UInt8>(derEncoded: &nodes))
            }
        } catch {
            throw CryptoError.invalidKey(reason: "the RSA public key is not DER SEQUENCE { n, e }: \(error)")
        }
        try self.init(modulus: Array(n), publicExponent: Array(e))
    }

    /// The DER PKCS #1 `RSAPublicKey`.
    public var pkcs1DERRepresentation: [UInt8] {
        var serializer = DER.Serializer()
        try? serializer.appendConstructedNode(identifier: .sequence) { coder in
            try coder.serialize(ArraySlice(modulus))
            try coder.serialize(ArraySlice(publicExponent))
        }
        return serializer.serializedBytes
    }

    /// The modulus length in bytes, k in RFC 8017.
    public var modulusByteCount: Int { (modulusBitCount + 7) / 8 }

    /// RSAVP1 (RFC 8017 §5.2.2): s^e mod n as k bytes, or nil when s ≥ n or the length is not k.
    func publicOperation(_ signature: [UInt8]) -> [UInt8]? {
        // RFC 8017 §5.2.2 step 1: the representative must be below n (compare as equal-length big-endian).
        guard signature.count == modulusByteCount, signature.lexicographicallyPrecedes(modulus) else { return nil }
        return montgomery.power(signature, exponent: publicExponent, byteCount: modulusByteCount)
    }

    /// Checks an RSASSA-PKCS1-v1_5 signature (RFC 8017 §8.2.2) over a precomputed digest, by encoding the
    /// expected block and comparing it whole (so no parsing leniency can be abused) — once with the DigestInfo's
    /// NULL parameters and once without, the two forms RFC 8017 §9.2 note 1 allows.
    ///
    /// - Returns: `true` when the signature is valid.
    public func isValidPKCS1v15Signature(_ signature: [UInt8], digest: [UInt8], hash: HashFunction) -> Bool {
        guard digest.count == hash.byteCount, let encoded = publicOperation(signature) else { return false }
        let k = modulusByteCount
        for prefixes in [DigestInfoPrefix.withNull, DigestInfoPrefix.withoutParameters] {
            guard let prefix = prefixes[hash] else { continue }
            let digestInfo = prefix + digest
            guard k >= digestInfo.count + 11 else { continue }
            let expected =
                [0x00, 0x01] + [UInt8](repeating: 0xFF, count: k - digestInfo.count - 3) + [0x00] + digestInfo
            if encoded == expected { return true }
        }
        return false
    }

    /// Checks an RSASSA-PSS signature (RFC 8017 §8.1.2, EMSA-PSS-VERIFY §9.1.2) over a precomputed message hash.
    ///
    /// - Parameters:
    ///   - signature: The k-byte signature block.
    ///   - mHash: The message hash.
    ///   - hash: The hash of the message (and of M′).
    ///   - mgfHash: The hash MGF1 uses (usually the same).
    ///   - saltLength: The salt length the signer used; `nil` recovers it from the encoding (OpenSSL's
    ///     `-1`/auto), which is how a certificate validator must check PSS when the parameters allow any salt.
    /// - Returns: `true` when the signature is valid.
    public func isValidPSSSignature(
        _ signature: [UInt8],
        messageHash mHash: [UInt8],
        hash: HashFunction,
        mgfHash: HashFunction,
        saltLength: Int?
    ) -> Bool {
        guard mHash.count == hash.byteCount, let full = publicOperation(signature) else { return false }
        let emBits = modulusBitCount - 1
        let emLength = (emBits + 7) / 8
        // The integer has k bytes; EM is its low emLen bytes, and any byte above must be zero.
        guard full.count >= emLength, full.prefix(full.count - emLength).allSatisfy({ $0 == 0 }) else { return false }
        let em = Array(full.suffix(emLength))
        let hLength = hash.byteCount
        guard emLength >= hLength + (saltLength ?? 0) + 2, em.last == 0xBC else { return false }
        let maskedDB = Array(em[0..<(emLength - hLength - 1)])
        let h = Array(em[(emLength - hLength - 1)..<(emLength - 1)])
        let unusedBits = 8 * emLength - emBits
        let topMask: UInt8 = unusedBits == 0 ? 0 : ~(0xFF >> UInt8(unusedBits))
        guard let first = maskedDB.first, first & topMask == 0 else { return false }
        let mask = MGF1.mask(seed: h, length: maskedDB.count, hash: mgfHash)
        var db = zip(maskedDB, mask).map { $0 ^ $1 }
        db[0] &= ~topMask
        // DB = PS (zeros) ‖ 0x01 ‖ salt.
        guard let separator = db.firstIndex(where: { $0 != 0 }), db[separator] == 0x01 else { return false }
        let salt = Array(db[(separator + 1)...])
        if let saltLength, salt.count != saltLength { return false }
        let mPrime = [UInt8](repeating: 0, count: 8) + mHash + salt
        return hash.digest(mPrime) == h
    }
}

/// MGF1 (RFC 8017 §B.2.1).
enum MGF1 {
    static func mask(seed: [UInt8], length: Int, hash: HashFunction) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(length + hash.byteCount)
        var counter: UInt32 = 0
        while output.count < length {
            let counterBytes = [
                UInt8(counter >> 24), UInt8(truncatingIfNeeded: counter >> 16),
                UInt8(truncatingIfNeeded: counter >> 8), UInt8(truncatingIfNeeded: counter),
            ]
            output.append(contentsOf: hash.digest(seed + counterBytes))
            counter &+= 1
        }
        return Array(output.prefix(length))
    }
}

/// The DER prefix of `DigestInfo ::= SEQUENCE { digestAlgorithm AlgorithmIdentifier, digest OCTET STRING }`
/// (RFC 8017 §9.2) up to the digest bytes, for any hash: the algorithm's parameters are NULL, or absent in the
/// second form RFC 8017 §9.2 note 1 asks verifiers to accept (RFC 4055 and some signers omit them).
enum DigestInfoPrefix {
    /// The prefix with NULL parameters, the form signers write (and the one this library signs with).
    static let withNull = Dictionary(uniqueKeysWithValues: HashFunction.allCases.map { ($0, encoded($0, true)) })
    /// The prefix with the parameters absent.
    static let withoutParameters = Dictionary(
        uniqueKeysWithValues: HashFunction.allCases.map { ($0, encoded($0, false)) }
    )

    static func prefix(for hash: HashFunction) -> [UInt8] { withNull[hash] ?? [] }

    private static func encoded(_ hash: HashFunction, _ nullParameters: Bool) -> [UInt8] {
        var serializer = DER.Serializer()
        try? serializer.serialize(hash.oid)
        var algorithm = serializer.serializedBytes
        if nullParameters { algorithm += [0x05, 0x00] }
        // Every length here is below 128, so each is one byte (the longest OID is 11 bytes, the digest 64).
        let algorithmSequence = [0x30, UInt8(algorithm.count)] + algorithm
        let innerLength = algorithmSequence.count + 2 + hash.byteCount
        return [0x30, UInt8(innerLength)] + algorithmSequence + [0x04, UInt8(hash.byteCount)]
    }
}
