/// An element of GF(p) for SM2's prime p = 2^256 − 2^224 − 2^96 + 2^64 − 1, in Montgomery form (x·2^256 mod p).
///
/// - Important: Constant-time: no branch or index depends on the value. Reduction uses p's shape: p ≡ −1
///   (mod 2^64), so the Montgomery factor m is the low limb itself, and m·p is added with shifts instead of
///   multiplications (p + 1 = 2^64·q with q = 2^192 − 2^160 − 2^32 + 1).
struct FieldElement: Sendable {
    var limbs: Limbs4

    @inline(__always)
    init(montgomery limbs: Limbs4) {
        self.limbs = limbs
    }

    static let modulus = Limbs4(0xFFFF_FFFF_FFFF_FFFF, 0xFFFF_FFFF_0000_0000, 0xFFFF_FFFF_FFFF_FFFF, 0xFFFF_FFFE_FFFF_FFFF)
    /// 2^512 mod p, to enter Montgomery form.
    static let rSquared = Limbs4(0x0000_0002_0000_0003, 0x0000_0002_FFFF_FFFF, 0x0000_0001_0000_0001, 0x0000_0004_0000_0002)
    static let zero = FieldElement(montgomery: .zero)
    /// 1 in Montgomery form (2^256 mod p).
    static let one = FieldElement(montgomery: Limbs4(0x1, 0x0000_0000_FFFF_FFFF, 0x0, 0x0000_0001_0000_0000))
    /// The curve coefficient b in Montgomery form.
    static let b = FieldElement(
        montgomery: Limbs4(0x90D2_3063_2BC0_DD42, 0x71CF_379A_E9B5_37AB, 0x5279_8150_5EA5_1C3C, 0x240F_E188_BA20_E2C8)
    )

    /// Converts a canonical integer (< p, checked by the caller) into Montgomery form.
    @inline(__always)
    init(canonical value: Limbs4) {
        self = FieldElement(montgomery: value) * FieldElement(montgomery: FieldElement.rSquared)
    }

    /// The canonical integer in [0, p).
    @inline(__always)
    var canonical: Limbs4 {
        (self * FieldElement(montgomery: Limbs4(1, 0, 0, 0))).limbs
    }

    /// All-ones when zero. Constant-time (the representation is fully reduced, so 0 has one form).
    @inline(__always)
    var isZeroMask: UInt64 { limbs.isZeroMask }

    /// Reduces a value below 2p, given with its fifth limb `top` (0 or 1), into [0, p).
    @inline(__always)
    static func reduceOnce(_ value: Limbs4, top: UInt64) -> Limbs4 {
        let (difference, borrow) = Limbs4.subtract(value, modulus)
        var finalBorrow = borrow
        _ = subBorrow(top, 0, &finalBorrow)
        // finalBorrow == 1: value < p, keep it.
        return Limbs4.select(0 &- finalBorrow, value, difference)
    }

    @inline(__always)
    static func + (a: FieldElement, b: FieldElement) -> FieldElement {
        let (sum, carry) = Limbs4.add(a.limbs, b.limbs)
        return FieldElement(montgomery: reduceOnce(sum, top: carry))
    }

    @inline(__always)
    static func - (a: FieldElement, b: FieldElement) -> FieldElement {
        let (difference, borrow) = Limbs4.subtract(a.limbs, b.limbs)
        let correction = Limbs4.select(0 &- borrow, modulus, .zero)
        return FieldElement(montgomery: Limbs4.add(difference, correction).0)
    }

    @inline(__always)
    static prefix func - (a: FieldElement) -> FieldElement {
        zero - a
    }

    /// 2a.
    @inline(__always)
    var doubled: FieldElement { self + self }

    /// Montgomery product a·b·2^−256 mod p (CIOS, shift-only reduction).
    @inline(__always)
    static func * (a: FieldElement, b: FieldElement) -> FieldElement {
        let x = a.limbs
        let y = b.limbs
        var r0: UInt64 = 0
        var r1: UInt64 = 0
        var r2: UInt64 = 0
        var r3: UInt64 = 0
        var r4: UInt64 = 0
        @inline(__always)
        func round(_ ai: UInt64) {
            var carry: UInt64 = 0
            r0 = multiplyAccumulate(ai, y.l0, r0, &carry)
            r1 = multiplyAccumulate(ai, y.l1, r1, &carry)
            r2 = multiplyAccumulate(ai, y.l2, r2, &carry)
            r3 = multiplyAccumulate(ai, y.l3, r3, &carry)
            var top: UInt64 = 0
            r4 = addCarry(r4, carry, &top)
            // m = r0 (since −p⁻¹ ≡ 1 mod 2^64). r0 + m·p ≡ 0; add V = m·q at limb 1, where
            // q = 2^192 − 2^160 − 2^32 + 1, computed as m·2^192 − (m·2^160 + m·(2^32 − 1)).
            let m = r0
            let mLow = m << 32
            let mHigh = m >> 32
            var borrow: UInt64 = 0
            let wLow = subBorrow(mLow, m, &borrow)  // m·(2^32 − 1), low word
            let wHigh = mHigh &- borrow  // its high word
            borrow = 0
            let v0 = subBorrow(0, wLow, &borrow)
            let v1 = subBorrow(0, wHigh, &borrow)
            let v2 = subBorrow(0, mLow, &borrow)
            let v3 = m &- mHigh &- borrow
            var carry2: UInt64 = 0
            r0 = addCarry(r1, v0, &carry2)
            r1 = addCarry(r2, v1, &carry2)
            r2 = addCarry(r3, v2, &carry2)
            r3 = addCarry(r4, v3, &carry2)
            r4 = top &+ carry2
        }
        round(x.l0)
        round(x.l1)
        round(x.l2)
        round(x.l3)
        return FieldElement(montgomery: reduceOnce(Limbs4(r0, r1, r2, r3), top: r4))
    }

    /// a².
    @inline(__always)
    var squared: FieldElement { self * self }

    /// a^(2^count), by repeated squaring.
    @inline(__always)
    func squared(times count: Int) -> FieldElement {
        var result = self
        for _ in 0..<count {
            result = result.squared
        }
        return result
    }

    /// a⁻¹ = a^(p−2) (Fermat), 0 for 0. Constant-time: a fixed addition chain of 256 squarings and 15 products.
    var inverse: FieldElement {
        // p − 2 = [31 ones][0][128 ones][32 zeros][62 ones][0][1], most significant first.
        let x1 = self
        let x2 = x1.squared * x1
        let x3 = x2.squared * x1
        let x6 = x3.squared(times: 3) * x3
        let x12 = x6.squared(times: 6) * x6
        let x24 = x12.squared(times: 12) * x12
        let x30 = x24.squared(times: 6) * x6
        let x31 = x30.squared * x1
        let x32 = x31.squared * x1
        var t = x31.squared  // the 0 after 31 ones
        for _ in 0..<4 {
            t = t.squared(times: 32) * x32  // 128 ones
        }
        t = t.squared(times: 32)  // 32 zeros
        t = t.squared(times: 32) * x32
        t = t.squared(times: 30) * x30  // 62 ones
        t = t.squared  // 0
        t = t.squared * x1  // 1
        return t
    }

    /// A square root when one exists (p ≡ 3 mod 4: a^((p+1)/4)); check by squaring. Public data only.
    var squareRootCandidate: FieldElement {
        // (p + 1) / 4; the exponent is public and so is the input, so plain square-and-multiply is fine.
        let exponent = Limbs4(0x4000_0000_0000_0000, 0xFFFF_FFFF_C000_0000, 0xFFFF_FFFF_FFFF_FFFF, 0x3FFF_FFFF_BFFF_FFFF)
        var result = FieldElement.one
        for index in stride(from: 255, through: 0, by: -1) {
            result = result.squared
            if exponent.bit(index) == 1 {
                result = result * self
            }
        }
        return result
    }

    /// `mask` all-ones picks `a`, all-zero picks `b`. Constant-time.
    @inline(__always)
    static func select(_ mask: UInt64, _ a: FieldElement, _ b: FieldElement) -> FieldElement {
        FieldElement(montgomery: Limbs4.select(mask, a.limbs, b.limbs))
    }

    /// Equality of the fully reduced representations (variable-time; public values only).
    @inline(__always)
    func isEqual(to other: FieldElement) -> Bool { limbs == other.limbs }
}
