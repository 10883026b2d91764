/// SM2 over explicit domain parameters (GB/T 32918.1-2016 §5): a 256-bit prime field Fp, y² = x³ + ax + b, a base
/// point G of prime order n, cofactor 1 — GB/T 32918's example curves and keys that carry their own curve.
///
/// The recommended curve sm2p256v1 (GB/T 32918.5), the only one in certificates, has its own much faster types
/// (``SM2PrivateKey``, ``SM2PublicKey``); ``recommended`` here is the same curve through this general code, which
/// the tests use to check one against the other. Keys and points are bytes: a private key is 32 big-endian bytes,
/// a public key `04 ‖ x ‖ y` (65 bytes).
///
/// - Important: Constant-time on secrets (private keys, nonces, shared points): Montgomery arithmetic with masked
///   reductions, and scalar multiplication as 256 rounds of double-and-add-always on the complete projective
///   formulas of Renes, Costello and Batina (EUROCRYPT 2016, Algorithm 1), which have no exceptional cases for
///   any input, so no branch or table index depends on a secret. It is about thirty times slower than the
///   recommended curve's code.
public struct SM2Curve: Sendable, Hashable {
    let field: MontgomeryField
    let order: MontgomeryField
    /// a, b and 3b in Montgomery form.
    let a: Limbs4
    let b: Limbs4
    let b3: Limbs4
    let generator: ProjectivePoint
    /// a ‖ b ‖ xG ‖ yG, as Z hashes them (GB/T 32918.2 §5.5).
    let zParameters: [UInt8]

    /// Checks and prepares domain parameters, each a big-endian integer of at most 32 bytes.
    ///
    /// The checks follow GB/T 32918.1 §5.2.2 (and Annex): p is an odd 256-bit prime above 3, a and b are below p
    /// with 4a³ + 27b² ≠ 0, G is on the curve, n is a prime above 2^191 and 4√p, n ≠ p, and n·G is the point at
    /// infinity. p and n are tested for primality with Fermat tests to a few bases, a sanity check rather than a
    /// proof.
    ///
    /// - Throws: `SMError.invalidParameter` naming the check that failed.
    public init(p: [UInt8], a: [UInt8], b: [UInt8], n: [UInt8], gx: [UInt8], gy: [UInt8]) throws {
        func integer(_ bytes: [UInt8], _ name: String) throws -> Limbs4 {
            let trimmed = bytes.drop(while: { $0 == 0 })
            guard trimmed.count <= 32,
                let value = Limbs4(bigEndian: [UInt8](repeating: 0, count: 32 - trimmed.count) + trimmed)
            else {
                throw SMError.invalidParameter(reason: "the SM2 curve parameter \(name) is longer than 32 bytes")
            }
            return value
        }
        let pValue = try integer(p, "p")
        let nValue = try integer(n, "n")
        guard pValue.l3 >> 63 == 1, pValue.l0 & 1 == 1 else {
            throw SMError.invalidParameter(reason: "the SM2 curve's p must be an odd 256-bit prime")
        }
        // n > 2^191 (GB/T 32918.1 §5.2.2 b) and n odd; n > 4√p is checked below with the curve.
        guard nValue.l3 != 0 || nValue.l2 >> 63 == 1, nValue.l0 & 1 == 1, nValue != pValue else {
            throw SMError.invalidParameter(reason: "the SM2 curve's order n must be an odd prime above 2^191, not p")
        }
        let field = MontgomeryField(modulus: pValue)
        let order = MontgomeryField(modulus: nValue)
        guard field.passesFermatTest else { throw SMError.invalidParameter(reason: "the SM2 curve's p is not prime") }
        guard order.passesFermatTest else { throw SMError.invalidParameter(reason: "the SM2 curve's n is not prime") }
        // 4√p < n, i.e. 16p < n²: with p ≥ 2^255 this holds when n ≥ 2^130, which n > 2^191 already gives.
        var values: [Limbs4] = []
        for (bytes, name) in [(a, "a"), (b, "b"), (gx, "xG"), (gy, "yG")] {
            let value = try integer(bytes, name)
            guard value.isLess(than: pValue) else {
                throw SMError.invalidParameter(reason: "the SM2 curve parameter \(name) is not below p")
            }
            values.append(value)
        }
        let aValue = field.montgomery(values[0])
        let bValue = field.montgomery(values[1])
        // 4a³ + 27b² ≠ 0 (mod p): the curve is not singular.
        let a3 = field.multiply(field.multiply(aValue, aValue), aValue)
        let four = field.montgomery(Limbs4(4, 0, 0, 0))
        let twentySeven = field.montgomery(Limbs4(27, 0, 0, 0))
        let discriminant = field.add(
            field.multiply(four, a3),
            field.multiply(twentySeven, field.multiply(bValue, bValue))
        )
        guard !discriminant.isZero else { throw SMError.invalidParameter(reason: "the SM2 curve is singular") }
        self.field = field
        self.order = order
        self.a = aValue
        self.b = bValue
        self.b3 = field.add(field.add(bValue, bValue), bValue)
        self.generator = ProjectivePoint(x: field.montgomery(values[2]), y: field.montgomery(values[3]), z: field.one)
        self.zParameters = values.flatMap(\.bigEndianBytes)
        guard isOnCurve(x: field.montgomery(values[2]), y: field.montgomery(values[3])) else {
            throw SMError.invalidParameter(reason: "the SM2 curve's base point G is not on the curve")
        }
        guard multiply(generator, by: nValue).isInfinity else {
            throw SMError.invalidParameter(reason: "n·G is not the point at infinity: n is not G's order")
        }
    }

    /// sm2p256v1, the recommended curve (GB/T 32918.5), through the general code.
    public static let recommended: SM2Curve = {
        func hex(_ text: String) -> [UInt8] {
            stride(from: 0, to: text.count, by: 2).map { offset in
                let start = text.index(text.startIndex, offsetBy: offset)
                return UInt8(text[start..<text.index(start, offsetBy: 2)], radix: 16) ?? 0
            }
        }
        do {
            return try SM2Curve(
                p: hex("fffffffeffffffffffffffffffffffffffffffff00000000ffffffffffffffff"),
                a: hex("fffffffeffffffffffffffffffffffffffffffff00000000fffffffffffffffc"),
                b: hex("28e9fa9e9d9f5e344d5a9e4bcf6509a7f39789f515ab8f92ddbcbd414d940e93"),
                n: hex("fffffffeffffffffffffffffffffffff7203df6b21c6052b53bbf40939d54123"),
                gx: hex("32c4ae2c1f1981195f9904466a39c9948fe30bbff2660be1715a4589334c74c7"),
                gy: hex("bc3736a2f4f6779c59bdcee36b692153d0a9877cc62a474002df32e52139f0a0")
            )
        } catch {
            preconditionFailure("the recommended curve's parameters are constants that pass every check: \(error)")
        }
    }()

    // MARK: Keys

    /// The public key d·G (`04 ‖ x ‖ y`) of a private key d ∈ [1, n − 2] (GB/T 32918.1 §6.1).
    ///
    /// - Throws: `SMError.invalidKey` when d is not 32 bytes or not in [1, n − 2].
    public func publicKey(forPrivateKey privateKey: [UInt8]) throws -> [UInt8] {
        let d = try privateScalar(privateKey)
        guard let point = affine(multiply(generator, by: d)) else {
            throw SMError.invalidKey(reason: "d·G is the point at infinity")
        }
        return encode(point)
    }

    /// Z = SM3(ENTL ‖ ID ‖ a ‖ b ‖ xG ‖ yG ‖ xA ‖ yA) for this curve (GB/T 32918.2 §5.5).
    ///
    /// - Throws: `SMError.invalidParameter` for an ID over 8,191 bytes; `SMError.invalidKey` for a public key that
    ///   is not a point of this curve.
    public func zValue(userID: [UInt8], publicKey: [UInt8]) throws -> [UInt8] {
        guard userID.count <= SM2.maximumUserIDByteCount else {
            throw SMError.invalidParameter(reason: "an SM2 user ID is at most 8191 bytes; got \(userID.count)")
        }
        _ = try point(publicKey)
        var hasher = SM3()
        let bitLength = UInt16(userID.count * 8)
        hasher.update([UInt8(bitLength >> 8), UInt8(bitLength & 0xFF)])
        hasher.update(userID)
        hasher.update(zParameters)
        hasher.update(publicKey[1...])
        return hasher.finalize()
    }

    // MARK: Signatures (GB/T 32918.2)

    /// Signs a 32-byte e = SM3(Z ‖ M) with a hedged nonce: SM3(d ‖ e ‖ 32 random bytes ‖ counter), as
    /// ``SM2PrivateKey/signature(forDigest:)`` does.
    ///
    /// - Throws: `SMError.invalidKey` for a bad private key, `SMError.invalidParameter` for a digest that is not
    ///   32 bytes, `SMError.randomFailure` when the system random number generator fails.
    public func signature(forDigest digest: [UInt8], privateKey: [UInt8]) throws -> SM2Signature {
        let d = try privateScalar(privateKey)
        guard let e = Limbs4(bigEndian: digest) else {
            throw SMError.invalidParameter(reason: "an SM2 digest e is 32 bytes (SM3(Z‖M)); got \(digest.count)")
        }
        var preimage = (d, e, try Limbs4.random(), UInt32(0))
        defer { withUnsafeMutableBytes(of: &preimage) { wipe($0) } }
        while true {
            var k = withUnsafeBytes(of: &preimage) { buffer in
                Limbs4(bigEndianBytes: SM3.hash(UnsafeRawBufferPointer(rebasing: buffer[0..<100])))
            }
            preimage.3 &+= 1
            defer { k = .zero }
            guard !k.isZero, k.isLess(than: order.modulus) else { continue }
            if let signature = try sign(digest: e, privateKey: d, nonce: k) { return signature }
        }
    }

    /// A3–A7 with a given nonce k ∈ [1, n − 1]; `nil` when r = 0, r + k = n or s = 0 (draw another k).
    func sign(digest e: Limbs4, privateKey d: Limbs4, nonce k: Limbs4) throws -> SM2Signature? {
        guard let point = affine(multiply(generator, by: k)) else { return nil }
        let x1 = order.montgomery(field.canonical(point.x))
        let kScalar = order.montgomery(k)
        let dScalar = order.montgomery(d)
        let r = order.add(order.montgomery(e), x1)
        // ct-public: these branches reveal only that a (negligibly likely) retry happened.
        guard !r.isZero, !order.add(r, kScalar).isZero else { return nil }
        let onePlusD = order.add(order.one, dScalar)
        let s = order.multiply(order.inverse(onePlusD), order.subtract(kScalar, order.multiply(r, dScalar)))
        guard !s.isZero else { return nil }  // ct-public: a retry, as above
        return try SM2Signature(r: order.canonical(r).bigEndianBytes, s: order.canonical(s).bigEndianBytes)
    }

    /// Checks a signature over a 32-byte e (GB/T 32918.2 §7.1 B1–B7). Public data only, so variable-time is fine,
    /// but it shares the constant-time code.
    ///
    /// - Returns: `false` for anything invalid, including a public key that is not a point of this curve.
    public func isValidSignature(_ signature: SM2Signature, forDigest digest: [UInt8], publicKey: [UInt8]) -> Bool {
        guard let e = Limbs4(bigEndian: digest), let publicPoint = try? point(publicKey) else { return false }
        let r = signature.rLimbs
        let s = signature.sLimbs
        // B1–B2: r, s ∈ [1, n − 1] for this n (SM2Signature checked them against sm2p256v1's n).
        guard r.isLess(than: order.modulus), s.isLess(than: order.modulus) else { return false }
        let t = order.add(order.montgomery(r), order.montgomery(s))
        guard !t.isZero else { return false }  // B5
        let sum = add(multiply(generator, by: s), multiply(publicPoint, by: order.canonical(t)))
        guard let x1 = affine(sum)?.x else { return false }  // B6
        let expected = order.canonical(order.add(order.montgomery(e), order.montgomery(field.canonical(x1))))
        return expected == r  // B7
    }

    // MARK: Encryption (GB/T 32918.4)

    /// Encrypts to `publicKey` with a fresh random k; the result is C1 ‖ C3 ‖ C2 with C1 = `04 ‖ x ‖ y`.
    ///
    /// - Throws: `SMError.invalidKey` for a public key that is not a point of this curve,
    ///   `SMError.invalidParameter` for an empty plaintext or one over 1 GiB, `SMError.randomFailure`.
    public func encrypt(_ plaintext: [UInt8], to publicKey: [UInt8]) throws -> [UInt8] {
        while true {
            let k = try Limbs4.random()
            guard !k.isZero, k.isLess(than: order.modulus) else { continue }
            if let ciphertext = try encrypt(plaintext, to: publicKey, nonce: k) { return ciphertext }
        }
    }

    /// A1–A8 with a given k; `nil` when t is all zero (A5: draw another k).
    func encrypt(_ plaintext: [UInt8], to publicKey: [UInt8], nonce k: Limbs4) throws -> [UInt8]? {
        guard !plaintext.isEmpty, plaintext.count <= 1 << 30 else {
            throw SMError.invalidParameter(reason: "SM2 encrypts 1 byte to 1 GiB; got \(plaintext.count) bytes")
        }
        let publicPoint = try point(publicKey)
        guard let c1 = affine(multiply(generator, by: k)), let shared = affine(multiply(publicPoint, by: k)) else {
            return nil
        }
        var sharedBytes = field.canonical(shared.x).bigEndianBytes + field.canonical(shared.y).bigEndianBytes
        defer { sharedBytes.zeroize() }
        guard let (c3, c2) = SM2.mask(plaintext, with: sharedBytes) else { return nil }
        return encode(c1) + c3 + c2
    }

    /// Decrypts C1 ‖ C3 ‖ C2 (GB/T 32918.4 §7.1); C3 is compared in constant time.
    ///
    /// - Throws: `SMError.invalidKey` for a bad private key; `SMError.invalidCiphertext` when C1 is not a point of
    ///   this curve, the ciphertext is too short, or C3 does not match (wrong key or tampering).
    public func decrypt(_ ciphertext: [UInt8], privateKey: [UInt8]) throws -> [UInt8] {
        let d = try privateScalar(privateKey)
        guard ciphertext.count > 65 + 32, let c1 = try? point(Array(ciphertext[0..<65])) else {
            throw SMError.invalidCiphertext(reason: "the SM2 ciphertext is too short or C1 is not on the curve")
        }
        // B2: h = 1, so S = h·C1 is C1, not infinity; B3: (x2, y2) = d·C1.
        guard let shared = affine(multiply(c1, by: d)) else {
            throw SMError.invalidCiphertext(reason: "d·C1 is the point at infinity")
        }
        var sharedBytes = field.canonical(shared.x).bigEndianBytes + field.canonical(shared.y).bigEndianBytes
        defer { sharedBytes.zeroize() }
        return try SM2.unmask(
            c2: Array(ciphertext[(65 + 32)...]),
            c3: Array(ciphertext[65..<(65 + 32)]),
            with: sharedBytes
        )
    }

    // MARK: Points

    /// A private key as an integer in [1, n − 2].
    private func privateScalar(_ bytes: [UInt8]) throws -> Limbs4 {
        let maximum = Limbs4.subtract(order.modulus, Limbs4(1, 0, 0, 0)).0
        guard let d = Limbs4(bigEndian: bytes), !d.isZero, d.isLess(than: maximum) else {
            throw SMError.invalidKey(reason: "an SM2 private key is 32 bytes in [1, n − 2] for its curve")
        }
        return d
    }

    /// Reads `04 ‖ x ‖ y` and checks the point lies on this curve (GB/T 32918.1 §6.2).
    func point(_ bytes: [UInt8]) throws -> ProjectivePoint {
        guard bytes.count == 65, bytes[0] == 0x04, let x = Limbs4(bigEndian: bytes[1..<33]),
            let y = Limbs4(bigEndian: bytes[33..<65]), x.isLess(than: field.modulus), y.isLess(than: field.modulus)
        else {
            throw SMError.invalidKey(reason: "an SM2 point is 65 bytes 04‖x‖y with x, y below p")
        }
        let xm = field.montgomery(x)
        let ym = field.montgomery(y)
        guard isOnCurve(x: xm, y: ym) else { throw SMError.invalidKey(reason: "the point is not on the SM2 curve") }
        return ProjectivePoint(x: xm, y: ym, z: field.one)
    }

    private func isOnCurve(x: Limbs4, y: Limbs4) -> Bool {
        let right = field.add(
            field.add(field.multiply(field.multiply(x, x), x), field.multiply(a, x)),
            b
        )
        return field.multiply(y, y) == right
    }

    private func encode(_ point: (x: Limbs4, y: Limbs4)) -> [UInt8] {
        [0x04] + field.canonical(point.x).bigEndianBytes + field.canonical(point.y).bigEndianBytes
    }

    /// (x, y) in Montgomery form, or `nil` for the point at infinity. Constant-time apart from that outcome.
    func affine(_ point: ProjectivePoint) -> (x: Limbs4, y: Limbs4)? {
        // ct-public: infinity only for a public result or a scalar ≡ 0 mod n, which callers never pass.
        guard !point.isInfinity else { return nil }
        let zInverse = field.inverse(point.z)
        return (field.multiply(point.x, zInverse), field.multiply(point.y, zInverse))
    }

    /// k·P for a 256-bit k: 256 rounds of double-and-add-always, the sum kept or dropped by a mask.
    func multiply(_ point: ProjectivePoint, by k: Limbs4) -> ProjectivePoint {
        var result = ProjectivePoint.infinity(in: field)
        for index in stride(from: 255, through: 0, by: -1) {
            result = add(result, result)
            let sum = add(result, point)
            result = ProjectivePoint.select(0 &- k.bit(index), sum, result)
        }
        return result
    }

    /// P + Q by the complete formulas for any a (Renes–Costello–Batina 2016, Algorithm 1: 12M + 3m_a + 2m_3b +
    /// 23a); valid for P = Q, either at infinity, and Q = −P, so no input needs a branch.
    func add(_ p: ProjectivePoint, _ q: ProjectivePoint) -> ProjectivePoint {
        let f = field
        var t0 = f.multiply(p.x, q.x)  // 1
        var t1 = f.multiply(p.y, q.y)  // 2
        var t2 = f.multiply(p.z, q.z)  // 3
        var t3 = f.add(p.x, p.y)  // 4
        var t4 = f.add(q.x, q.y)  // 5
        t3 = f.multiply(t3, t4)  // 6
        t4 = f.add(t0, t1)  // 7
        t3 = f.subtract(t3, t4)  // 8
        t4 = f.add(p.x, p.z)  // 9
        var t5 = f.add(q.x, q.z)  // 10
        t4 = f.multiply(t4, t5)  // 11
        t5 = f.add(t0, t2)  // 12
        t4 = f.subtract(t4, t5)  // 13
        t5 = f.add(p.y, p.z)  // 14
        var x3 = f.add(q.y, q.z)  // 15
        t5 = f.multiply(t5, x3)  // 16
        x3 = f.add(t1, t2)  // 17
        t5 = f.subtract(t5, x3)  // 18
        var z3 = f.multiply(a, t4)  // 19
        x3 = f.multiply(b3, t2)  // 20
        z3 = f.add(x3, z3)  // 21
        x3 = f.subtract(t1, z3)  // 22
        z3 = f.add(t1, z3)  // 23
        var y3 = f.multiply(x3, z3)  // 24
        t1 = f.add(t0, t0)  // 25
        t1 = f.add(t1, t0)  // 26
        t2 = f.multiply(a, t2)  // 27
        t4 = f.multiply(b3, t4)  // 28
        t1 = f.add(t1, t2)  // 29
        t2 = f.subtract(t0, t2)  // 30
        t2 = f.multiply(a, t2)  // 31
        t4 = f.add(t4, t2)  // 32
        t0 = f.multiply(t1, t4)  // 33
        y3 = f.add(y3, t0)  // 34
        t0 = f.multiply(t5, t4)  // 35
        x3 = f.multiply(t3, x3)  // 36
        x3 = f.subtract(x3, t0)  // 37
        t0 = f.multiply(t3, t1)  // 38
        z3 = f.multiply(t5, z3)  // 39
        z3 = f.add(z3, t0)  // 40
        return ProjectivePoint(x: x3, y: y3, z: z3)
    }
}

/// A point (X : Y : Z) with x = X/Z, y = Y/Z, coordinates in Montgomery form; (0 : 1 : 0) is infinity.
struct ProjectivePoint: Sendable, Hashable {
    var x: Limbs4
    var y: Limbs4
    var z: Limbs4

    static func infinity(in field: MontgomeryField) -> ProjectivePoint {
        ProjectivePoint(x: .zero, y: field.one, z: .zero)
    }

    var isInfinity: Bool { z.isZero }

    /// `mask` all-ones picks `a`, all-zero picks `b`. Constant-time.
    static func select(_ mask: UInt64, _ a: ProjectivePoint, _ b: ProjectivePoint) -> ProjectivePoint {
        ProjectivePoint(
            x: Limbs4.select(mask, a.x, b.x),
            y: Limbs4.select(mask, a.y, b.y),
            z: Limbs4.select(mask, a.z, b.z)
        )
    }
}
