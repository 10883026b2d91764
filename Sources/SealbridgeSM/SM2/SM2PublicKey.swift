/// An SM2 public key: a point of `sm2p256v1` other than the point at infinity (GB/T 32918.1 §6.2 validation).
///
/// Verification here is variable-time: it touches only public data.
public struct SM2PublicKey: Hashable, Sendable {
    let point: AffinePoint
    /// 04 ‖ x ‖ y, kept for hashing, equality and encoding.
    private let uncompressed: [UInt8]
    /// Z for the default user ID, computed once: most signatures use it, and it costs four SM3 blocks.
    private let defaultZ: [UInt8]
    /// The signed-comb table of this point, when ``precomputedForVerification()`` made it.
    private var combTable: CombTable?

    /// The table behind ``precomputedForVerification()``, shared by copies of the key.
    final class CombTable: Sendable {
        let entries: [UInt64]
        init(_ entries: [UInt64]) { self.entries = entries }
    }

    /// This key with a precomputed table of its multiples (88 KiB, about a millisecond to build), so that each
    /// verification needs no point doublings: about three times faster. Worth it for keys that verify many
    /// signatures — trust anchors, long-lived CA keys.
    public func precomputedForVerification() -> SM2PublicKey {
        var copy = self
        copy.combTable = CombTable(GeneratorTables.combTable(for: point))
        return copy
    }

    /// Whether ``precomputedForVerification()`` made this key.
    public var isPrecomputedForVerification: Bool { combTable != nil }

    init(validatedPoint point: AffinePoint) {
        self.point = point
        var bytes = [UInt8](repeating: 0x04, count: 65)
        bytes.withUnsafeMutableBytes { buffer in
            // swift-format-ignore: NeverForceUnwrap
            // A 65-byte buffer has a base address.
            let base = buffer.baseAddress!
            point.x.canonical.write(bigEndianTo: base + 1)
            point.y.canonical.write(bigEndianTo: base + 33)
        }
        self.uncompressed = bytes
        self.defaultZ = SM2PublicKey.computeZ(userID: SM2.defaultUserID, point: bytes[1...])
    }

    private static func computeZ(userID: [UInt8], point: ArraySlice<UInt8>) -> [UInt8] {
        var hasher = SM3()
        let bitLength = UInt16(userID.count * 8)
        hasher.update([UInt8(bitLength >> 8), UInt8(bitLength & 0xFF)])
        hasher.update(userID)
        hasher.update(SM2.zParameters)
        hasher.update(point)
        return hasher.finalize()
    }

    /// Reads an uncompressed (`04 ‖ x ‖ y`, 65 bytes) or compressed (`02`/`03 ‖ x`, 33 bytes) point.
    ///
    /// - Throws: `SMError.invalidKey` when the length or prefix is wrong, a coordinate is not below p, or the
    ///   point is not on the curve.
    public init(x963Representation bytes: [UInt8]) throws {
        guard let first = bytes.first else {
            throw SMError.invalidKey(
                reason: "the SM2 public key is empty; expected 65 bytes 04‖x‖y or 33 bytes 02/03‖x"
            )
        }
        switch (first, bytes.count) {
        case (0x04, 65):
            try self.init(rawRepresentation: Array(bytes[1...]))
        case (0x02, 33), (0x03, 33):
            guard let x = Limbs4(bigEndian: bytes[1...]), x.isLess(than: FieldElement.modulus) else {
                throw SMError.invalidKey(reason: "the SM2 public key's x coordinate is not below p")
            }
            let xField = FieldElement(canonical: x)
            let right = xField.squared * xField - xField.doubled - xField + FieldElement.b
            var y = right.squareRootCandidate
            guard y.squared.isEqual(to: right) else {
                throw SMError.invalidKey(reason: "the compressed SM2 public key has no point on the curve")
            }
            if y.canonical.l0 & 1 != UInt64(first & 1) {
                y = -y
            }
            self.init(validatedPoint: AffinePoint(x: xField, y: y))
        default:
            throw SMError.invalidKey(
                reason: "an SM2 public key is 65 bytes 04‖x‖y or 33 bytes 02/03‖x; got \(bytes.count) bytes "
                    + "starting with 0x\(String(first, radix: 16))"
            )
        }
    }

    /// Reads `x ‖ y` (64 bytes, big-endian), as GM/T 0009 and some HSMs store a key.
    ///
    /// - Throws: `SMError.invalidKey` when the length is wrong, a coordinate is not below p, or the point is not
    ///   on the curve.
    public init(rawRepresentation bytes: [UInt8]) throws {
        guard bytes.count == 64, let x = Limbs4(bigEndian: bytes[0..<32]), let y = Limbs4(bigEndian: bytes[32..<64])
        else {
            throw SMError.invalidKey(reason: "an SM2 raw public key is 64 bytes x‖y; got \(bytes.count)")
        }
        guard x.isLess(than: FieldElement.modulus), y.isLess(than: FieldElement.modulus) else {
            throw SMError.invalidKey(reason: "an SM2 public key coordinate is not below the field prime p")
        }
        let point = AffinePoint(x: FieldElement(canonical: x), y: FieldElement(canonical: y))
        guard point.isOnCurve else {
            throw SMError.invalidKey(reason: "the SM2 public key is not a point on the curve sm2p256v1")
        }
        self.init(validatedPoint: point)
    }

    /// `04 ‖ x ‖ y`, 65 bytes.
    public var x963Representation: [UInt8] { uncompressed }

    /// `x ‖ y`, 64 bytes.
    public var rawRepresentation: [UInt8] { Array(uncompressed[1...]) }

    /// `02`/`03 ‖ x`, 33 bytes.
    public var compressedRepresentation: [UInt8] {
        var bytes = Array(uncompressed[0..<33])
        bytes[0] = 0x02 | (uncompressed[64] & 1)
        return bytes
    }

    /// Z = SM3(ENTL ‖ ID ‖ a ‖ b ‖ xG ‖ yG ‖ xA ‖ yA), the hash of the signer's identity (GB/T 32918.2 §5.5).
    ///
    /// - Parameter userID: At most 8,191 bytes (ENTL counts bits in 16 bits); longer IDs are refused.
    /// - Returns: The 32-byte Z value.
    /// - Throws: `SMError.invalidParameter` for an ID longer than 8,191 bytes.
    public func zValue(userID: [UInt8] = SM2.defaultUserID) throws -> [UInt8] {
        guard userID.count <= SM2.maximumUserIDByteCount else {
            throw SMError.invalidParameter(
                reason: "an SM2 user ID is at most 8191 bytes (its bit length must fit ENTL); got \(userID.count)"
            )
        }
        if userID == SM2.defaultUserID { return defaultZ }
        return SM2PublicKey.computeZ(userID: userID, point: uncompressed[1...])
    }

    /// e = SM3(Z ‖ M), the value an SM2 signature on `message` signs (GB/T 32918.2 §6.1 A1–A2).
    ///
    /// - Throws: `SMError.invalidParameter` for an ID longer than 8,191 bytes.
    public func digest(for message: [UInt8], userID: [UInt8] = SM2.defaultUserID) throws -> [UInt8] {
        var hasher = SM3()
        hasher.update(try zValue(userID: userID))
        hasher.update(message)
        return hasher.finalize()
    }

    /// Checks `signature` over `message`, hashing `userID` into Z first (GB/T 32918.2 §7).
    ///
    /// - Returns: `true` when the signature is valid; an over-long ID is simply invalid.
    public func isValidSignature(
        _ signature: SM2Signature,
        for message: [UInt8],
        userID: [UInt8] = SM2.defaultUserID
    ) -> Bool {
        guard let e = try? digest(for: message, userID: userID) else { return false }
        return isValidSignature(signature, forDigest: e)
    }

    /// Checks `signature` over a precomputed 32-byte e = SM3(Z ‖ M) (GB/T 32918.2 §7.1 B3 onwards).
    ///
    /// - Returns: `true` when the signature is valid; a digest of the wrong length is simply invalid.
    public func isValidSignature(_ signature: SM2Signature, forDigest digest: [UInt8]) -> Bool {
        guard let e = Limbs4(bigEndian: digest) else { return false }
        return isValidSignature(r: signature.rLimbs, s: signature.sLimbs, digest: e)
    }

    /// B4–B7: t = (r + s) mod n ≠ 0, (x1, y1) = s·G + t·P, R = (e + x1) mod n, accept iff R = r.
    /// The comparison is made on the projective X without an inversion: x1 ≡ r − e (mod n).
    func isValidSignature(r: Limbs4, s: Limbs4, digest e: Limbs4) -> Bool {
        // SM2Signature guarantees 1 ≤ r, s ≤ n − 1 (B1, B2).
        let rScalar = Scalar(canonical: r)
        let sScalar = Scalar(canonical: s)
        let t = (rScalar + sScalar).canonical
        guard !t.isZero else { return false }
        let sum =
            combTable.map { CurveArithmetic.multiplyGeneratorAndAdd(s, t, combTable: $0.entries) }
            ?? CurveArithmetic.multiplyGeneratorAndAdd(s, t, point)
        guard !sum.isInfinity else { return false }
        // v = (r − e) mod n; accept iff x1 ∈ {v, v + n} (x1 < p, and v + n < p is possible).
        let v = (rScalar - Scalar(reducing: e)).canonical
        let zSquared = sum.z.squared
        if (FieldElement(canonical: v) * zSquared).isEqual(to: sum.x) {
            return true
        }
        let (vPlusN, carry) = Limbs4.add(v, Scalar.order)
        if carry == 0, vPlusN.isLess(than: FieldElement.modulus) {
            return (FieldElement(canonical: vPlusN) * zSquared).isEqual(to: sum.x)
        }
        return false
    }

    /// Hashes the uncompressed encoding.
    public func hash(into hasher: inout Hasher) { hasher.combine(uncompressed) }

    /// Equal when the points are equal.
    public static func == (lhs: SM2PublicKey, rhs: SM2PublicKey) -> Bool { lhs.uncompressed == rhs.uncompressed }
}
