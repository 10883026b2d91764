/// Out-of-line copies of the constant-time primitives, so that `scripts/check-constant-time-asm.sh` can read
/// their machine code and refuse any conditional branch (a compiler change could bring one back: turning an
/// overflow flag into a limb with `? 1 : 0` once made LLVM branch). Also used by the timing-leak tool.
@_spi(ConstantTimeProbes)
public enum ConstantTimeProbes {
    /// Field multiplication (Montgomery, p = SM2's prime) on raw limbs.
    @inline(never)
    public static func fieldMultiply(
        _ a: (UInt64, UInt64, UInt64, UInt64),
        _ b: (UInt64, UInt64, UInt64, UInt64)
    )
        -> (UInt64, UInt64, UInt64, UInt64)
    {
        let r =
            FieldElement(montgomery: Limbs4(a.0, a.1, a.2, a.3)) * FieldElement(montgomery: Limbs4(b.0, b.1, b.2, b.3))
        return (r.limbs.l0, r.limbs.l1, r.limbs.l2, r.limbs.l3)
    }

    /// Field squaring.
    @inline(never)
    public static func fieldSquare(_ a: (UInt64, UInt64, UInt64, UInt64)) -> (UInt64, UInt64, UInt64, UInt64) {
        let r = FieldElement(montgomery: Limbs4(a.0, a.1, a.2, a.3)).squared
        return (r.limbs.l0, r.limbs.l1, r.limbs.l2, r.limbs.l3)
    }

    /// Field addition and subtraction, combined.
    @inline(never)
    public static func fieldAddSubtract(
        _ a: (UInt64, UInt64, UInt64, UInt64),
        _ b: (UInt64, UInt64, UInt64, UInt64)
    )
        -> (UInt64, UInt64, UInt64, UInt64)
    {
        let x = FieldElement(montgomery: Limbs4(a.0, a.1, a.2, a.3))
        let y = FieldElement(montgomery: Limbs4(b.0, b.1, b.2, b.3))
        let r = (x + y) - (y - x)
        return (r.limbs.l0, r.limbs.l1, r.limbs.l2, r.limbs.l3)
    }

    /// Scalar (mod n) multiplication and subtraction, as in s = (1 + d)⁻¹·(k − r·d).
    @inline(never)
    public static func scalarSign(
        _ inverse: (UInt64, UInt64, UInt64, UInt64),
        _ k: (UInt64, UInt64, UInt64, UInt64),
        _ d: (UInt64, UInt64, UInt64, UInt64)
    ) -> (UInt64, UInt64, UInt64, UInt64) {
        let i = Scalar(montgomery: Limbs4(inverse.0, inverse.1, inverse.2, inverse.3))
        let kk = Scalar(montgomery: Limbs4(k.0, k.1, k.2, k.3))
        let dd = Scalar(montgomery: Limbs4(d.0, d.1, d.2, d.3))
        let r = i * (kk - kk * dd)
        return (r.limbs.l0, r.limbs.l1, r.limbs.l2, r.limbs.l3)
    }

    /// Point doubling and mixed addition with the Booth recoding and masked selections used by k·G.
    @inline(never)
    public static func pointStep(
        _ x: (UInt64, UInt64, UInt64, UInt64),
        _ y: (UInt64, UInt64, UInt64, UInt64),
        _ z: (UInt64, UInt64, UInt64, UInt64),
        _ window: UInt64
    ) -> (UInt64, UInt64, UInt64, UInt64) {
        let point = JacobianPoint(
            x: FieldElement(montgomery: Limbs4(x.0, x.1, x.2, x.3)),
            y: FieldElement(montgomery: Limbs4(y.0, y.1, y.2, y.3)),
            z: FieldElement(montgomery: Limbs4(z.0, z.1, z.2, z.3))
        )
        let affine = AffinePoint(x: point.y, y: point.x)
        let (sign, magnitude) = CurveArithmetic.boothRecode(window, width: 6)
        let negated = AffinePoint(x: affine.x, y: FieldElement.select(0 &- sign, -affine.y, affine.y))
        let sum = point.doubled.adding(negated)
        let chosen = JacobianPoint.select(CurveArithmetic.equalMask(magnitude, 0), point, sum)
        return (chosen.x.limbs.l0, chosen.y.limbs.l1, chosen.z.limbs.l2, chosen.x.limbs.l3)
    }

    /// One safegcd batch: 59 divsteps and the matrix applied to (d, e) and (f, g).
    @inline(never)
    public static func safeGCDBatch(
        _ zeta: Int64,
        _ f: (Int64, Int64, Int64, Int64, Int64),
        _ g: (Int64, Int64, Int64, Int64, Int64)
    ) -> Int64 {
        var ff = SafeGCD.Signed62(v0: f.0, v1: f.1, v2: f.2, v3: f.3, v4: f.4)
        var gg = SafeGCD.Signed62(v0: g.0, v1: g.1, v2: g.2, v3: g.3, v4: g.4)
        var d = gg
        var e = ff
        let (next, transition) = SafeGCD.divsteps59(zeta, UInt64(bitPattern: ff.v0), UInt64(bitPattern: gg.v0))
        SafeGCD.updateDE(&d, &e, transition)
        SafeGCD.updateFG(&ff, &gg, transition)
        return next ^ ff.v1 ^ gg.v2 ^ d.v3 ^ e.v4
    }

    /// k·G for a caller-chosen nonce and digest (timing-leak measurements only).
    public static func sign(_ key: SM2PrivateKey, digest: [UInt8], nonce: [UInt8]) -> SM2Signature? {
        guard let e = Limbs4(bigEndian: digest), let k = Limbs4(bigEndian: nonce) else { return nil }
        return key.sign(digest: e, nonce: k)
    }

    /// Hands the key's secret storage (d, d and (1 + d)⁻¹ mod n) to `mark`, for the SecretFlow tool, which marks
    /// it undefined for valgrind's memcheck so that every branch or address computed from it is reported.
    public static func markSecrets(of key: SM2PrivateKey, _ mark: (UnsafeMutableRawBufferPointer) -> Void) {
        key.secrets.withStorage(mark)
    }

    /// ``SM2Curve``'s signing step A3–A7 with a caller-chosen private key and nonce (SecretFlow only).
    public static func sign(
        on curve: SM2Curve,
        digest: [UInt8],
        privateKey: UnsafeRawBufferPointer,
        nonce: UnsafeRawBufferPointer
    ) -> SM2Signature? {
        guard privateKey.count == 32, nonce.count == 32, let e = Limbs4(bigEndian: digest),
            let dBase = privateKey.baseAddress, let kBase = nonce.baseAddress
        else { return nil }
        return try? curve.sign(
            digest: e,
            privateKey: Limbs4(bigEndianBytes: dBase),
            nonce: Limbs4(bigEndianBytes: kBase)
        )
    }
}
