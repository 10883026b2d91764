public import SwiftASN1

/// An SM2 ciphertext (GB/T 32918.4-2016 §6.1): C1 = k·G, C3 = SM3(x2 ‖ M ‖ y2), C2 = M ⊕ KDF(x2 ‖ y2).
///
/// Encodings: `C1 ‖ C3 ‖ C2` (GB/T 32918.4-2016, current), and the GM/T 0009-2012 §7.2 DER structure:
/// ```
/// SM2Cipher ::= SEQUENCE {
///     XCoordinate INTEGER, YCoordinate INTEGER,  -- C1
///     HASH        OCTET STRING (SIZE(32)),       -- C3
///     CipherText  OCTET STRING }                 -- C2
/// ```
public struct SM2Ciphertext: Hashable, Sendable, DERImplicitlyTaggable {
    /// C1 as a public key value (a validated curve point).
    public let c1: SM2PublicKey
    /// C3, the 32-byte SM3 check value.
    public let c3: [UInt8]
    /// C2, the masked message (as long as the plaintext).
    public let c2: [UInt8]

    /// The ASN.1 tag, `SEQUENCE`.
    public static var defaultIdentifier: ASN1Identifier { .sequence }

    /// Assembles a ciphertext from its parts.
    ///
    /// - Throws: `SMError.invalidCiphertext` when C3 is not 32 bytes.
    public init(c1: SM2PublicKey, c3: [UInt8], c2: [UInt8]) throws {
        guard c3.count == SM3.digestByteCount else {
            throw SMError.invalidCiphertext(reason: "C3 is a 32-byte SM3 value; got \(c3.count) bytes")
        }
        self.c1 = c1
        self.c3 = c3
        self.c2 = c2
    }

    /// Reads `C1 ‖ C3 ‖ C2` with C1 uncompressed (`04 ‖ x ‖ y`).
    ///
    /// - Throws: `SMError.invalidCiphertext` when it is shorter than 97 bytes or C1 is not a curve point.
    public init(c1c3c2 bytes: [UInt8]) throws {
        guard bytes.count >= 97 else {
            throw SMError.invalidCiphertext(
                reason: "an SM2 ciphertext C1‖C3‖C2 is at least 97 bytes (65 + 32); got \(bytes.count)"
            )
        }
        let point: SM2PublicKey
        do {
            point = try SM2PublicKey(x963Representation: Array(bytes[0..<65]))
        } catch {
            throw SMError.invalidCiphertext(reason: "C1 is not a point on sm2p256v1 (\(error))")
        }
        try self.init(c1: point, c3: Array(bytes[65..<97]), c2: Array(bytes[97...]))
    }

    /// Reads the GM/T 0009 DER form.
    ///
    /// - Throws: `SMError.invalidCiphertext` for malformed DER or an invalid C1.
    public init(derRepresentation bytes: [UInt8]) throws {
        do {
            self = try SM2Ciphertext(derEncoded: bytes[...])
        } catch let error as SMError {
            throw error
        } catch {
            throw SMError.invalidCiphertext(reason: "the SM2 ciphertext is not the GM/T 0009 DER structure: \(error)")
        }
    }

    /// Reads the GM/T 0009 structure from a parsed DER node.
    ///
    /// - Throws: `ASN1Error` for malformed DER; `SMError.invalidCiphertext` for an invalid C1 or C3.
    public init(derEncoded node: ASN1Node, withIdentifier identifier: ASN1Identifier) throws {
        self = try DER.sequence(node, identifier: identifier) { nodes in
            let x = try ArraySlice<UInt8>(derEncoded: &nodes)
            let y = try ArraySlice<UInt8>(derEncoded: &nodes)
            let hash = try ASN1OctetString(derEncoded: &nodes)
            let text = try ASN1OctetString(derEncoded: &nodes)
            let point: SM2PublicKey
            do {
                point = try SM2PublicKey(rawRepresentation: try Self.coordinate(x) + Self.coordinate(y))
            } catch {
                throw SMError.invalidCiphertext(reason: "C1 is not a point on sm2p256v1 (\(error))")
            }
            return try SM2Ciphertext(c1: point, c3: Array(hash.bytes), c2: Array(text.bytes))
        }
    }

    /// Writes the GM/T 0009 structure.
    public func serialize(into coder: inout DER.Serializer, withIdentifier identifier: ASN1Identifier) throws {
        let raw = c1.rawRepresentation
        try coder.appendConstructedNode(identifier: identifier) { coder in
            try coder.serialize(raw[0..<32])
            try coder.serialize(raw[32..<64])
            try coder.serialize(ASN1OctetString(contentBytes: ArraySlice(c3)))
            try coder.serialize(ASN1OctetString(contentBytes: ArraySlice(c2)))
        }
    }

    /// `C1 ‖ C3 ‖ C2`.
    public var c1c3c2: [UInt8] { c1.x963Representation + c3 + c2 }

    /// The GM/T 0009 DER form.
    public var derRepresentation: [UInt8] {
        var serializer = DER.Serializer()
        try? serializer.serialize(self)
        return serializer.serializedBytes
    }

    /// Left-pads a decoded INTEGER magnitude (swift-asn1 refuses negatives and strips the sign byte).
    private static func coordinate(_ magnitude: ArraySlice<UInt8>) throws -> [UInt8] {
        guard magnitude.count <= 32 else {
            throw SMError.invalidCiphertext(reason: "a C1 coordinate is longer than 32 bytes")
        }
        return [UInt8](repeating: 0, count: 32 - magnitude.count) + magnitude
    }
}

extension SM2 {
    /// The key derivation function of GB/T 32918.4 §5.4.3: SM3(Z ‖ ct) for ct = 1, 2, … (32-bit big-endian).
    static func deriveKey(from shared: [UInt8], byteCount: Int) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(byteCount + 32)
        var counter: UInt32 = 1
        while output.count < byteCount {
            var hasher = SM3()
            hasher.update(shared)
            hasher.update([
                UInt8(counter >> 24), UInt8(truncatingIfNeeded: counter >> 16),
                UInt8(truncatingIfNeeded: counter >> 8), UInt8(truncatingIfNeeded: counter),
            ])
            output.append(contentsOf: hasher.finalize())
            counter &+= 1
        }
        output.removeLast(output.count - byteCount)
        return output
    }

    /// A5–A7 of GB/T 32918.4 §6.1 from the shared point x2 ‖ y2: C2 = M ⊕ KDF(x2 ‖ y2, klen) and
    /// C3 = SM3(x2 ‖ M ‖ y2); `nil` when the derived key t is all zero (draw another k).
    static func mask(_ plaintext: [UInt8], with shared: [UInt8]) -> (c3: [UInt8], c2: [UInt8])? {
        var mask = deriveKey(from: shared, byteCount: plaintext.count)
        defer { mask.zeroize() }
        // ct-public: t = 0 means drawing another k (probability ~2^-8·klen); the bytes are OR-ed, no early exit.
        guard isNonZero(mask) else { return nil }
        var c2 = plaintext
        for index in c2.indices {
            c2[index] ^= mask[index]
        }
        return (check(shared, plaintext), c2)
    }

    /// B4–B6 of GB/T 32918.4 §7.1: M′ = C2 ⊕ t, accepted only when t is not all zero and SM3(x2 ‖ M′ ‖ y2) equals
    /// C3 (compared in constant time).
    static func unmask(c2: [UInt8], c3: [UInt8], with shared: [UInt8]) throws -> [UInt8] {
        var mask = deriveKey(from: shared, byteCount: c2.count)
        defer { mask.zeroize() }
        var plaintext = c2
        for index in plaintext.indices {
            plaintext[index] ^= mask[index]
        }
        // ct-public: whether the decryption is accepted is the caller's answer.
        guard constantTimeEquals(check(shared, plaintext), c3), isNonZero(mask) else {
            plaintext.zeroize()
            throw SMError.invalidCiphertext(reason: "SM2 decryption failed: the check value C3 does not match")
        }
        return plaintext
    }

    /// Whether any byte is non-zero, looking at every byte (no early exit on secret data).
    private static func isNonZero(_ bytes: [UInt8]) -> Bool {
        bytes.reduce(0, |) != 0
    }

    /// C3 = SM3(x2 ‖ M ‖ y2).
    private static func check(_ shared: [UInt8], _ plaintext: [UInt8]) -> [UInt8] {
        var hasher = SM3()
        hasher.update(shared[0..<32])
        hasher.update(plaintext)
        hasher.update(shared[32..<64])
        return hasher.finalize()
    }
}

extension SM2PublicKey {
    /// Encrypts `plaintext` to this key (GB/T 32918.4 §6.1), with a fresh random k.
    ///
    /// - Throws: `SMError.invalidParameter` for an empty plaintext or one over 1 GiB; `SMError.randomFailure`
    ///   when the system random number generator fails.
    public func encrypt(_ plaintext: [UInt8]) throws -> SM2Ciphertext {
        while true {
            let k = try Limbs4.random()
            guard !k.isZero, k.isLess(than: Scalar.order) else { continue }
            if let ciphertext = try encrypt(plaintext, nonce: k) {
                return ciphertext
            }
        }
    }

    /// A1–A8 with a given k; `nil` when t is all zero (A5: draw another k).
    func encrypt(_ plaintext: [UInt8], nonce k: Limbs4) throws -> SM2Ciphertext? {
        guard !plaintext.isEmpty, plaintext.count <= 1 << 30 else {
            throw SMError.invalidParameter(
                reason: "SM2 encrypts 1 byte to 1 GiB; got \(plaintext.count) bytes (use SM4 for bulk data)"
            )
        }
        guard let c1 = CurveArithmetic.multiplyGenerator(k).affine,
            let shared = CurveArithmetic.multiply(point, by: k).affine
        else { return nil }
        var sharedBytes = shared.x.canonical.bigEndianBytes + shared.y.canonical.bigEndianBytes
        defer { sharedBytes.zeroize() }
        guard let (c3, c2) = SM2.mask(plaintext, with: sharedBytes) else { return nil }
        return try SM2Ciphertext(c1: SM2PublicKey(validatedPoint: c1), c3: c3, c2: c2)
    }
}

extension SM2PrivateKey {
    /// Decrypts `ciphertext` (GB/T 32918.4 §7.1). Constant-time in d; C3 is compared in constant time.
    ///
    /// - Throws: `SMError.invalidCiphertext` when the check value C3 does not match (wrong key or tampering).
    public func decrypt(_ ciphertext: SM2Ciphertext) throws -> [UInt8] {
        // B1: C1 is on the curve (SM2PublicKey validated it); h = 1, so S = h·C1 is not infinity.
        guard !ciphertext.c2.isEmpty, let shared = CurveArithmetic.multiply(ciphertext.c1.point, by: secrets.d).affine
        else {
            throw SMError.invalidCiphertext(reason: "the SM2 ciphertext is empty or C1 is invalid")
        }
        var sharedBytes = shared.x.canonical.bigEndianBytes + shared.y.canonical.bigEndianBytes
        defer { sharedBytes.zeroize() }
        return try SM2.unmask(c2: ciphertext.c2, c3: ciphertext.c3, with: sharedBytes)
    }
}
