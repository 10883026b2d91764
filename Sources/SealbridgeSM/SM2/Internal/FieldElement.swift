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

    static let modulus = Limbs4(
        0xFFFF_FFFF_FFFF_FFFF,
        0xFFFF_FFFF_0000_0000,
        0xFFFF_FFFF_FFFF_FFFF,
        0xFFFF_FFFE_FFFF_FFFF
    )
    /// 2^512 mod p, to enter Montgomery form.
    static let rSquared = Limbs4(
        0x0000_0002_0000_0003,
        0x0000_0002_FFFF_FFFF,
        0x0000_0001_0000_0001,
        0x0000_0004_0000_0002
    )
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

    /// One Montgomery reduction step on a 4-limb window: m = r0, then (r + m·p) / 2^64, which stays below
    /// 2^256 when the window is (see `squared`). p + 1 = 2^64·q with q = 2^192 − 2^160 − 2^32 + 1, and r0 − m = 0.
    @inline(__always)
    private static func reduceStep(_ r0: UInt64, _ r1: inout UInt64, _ r2: inout UInt64, _ r3: inout UInt64) -> UInt64 {
        let m = r0
        let mLow = m << 32
        let mHigh = m >> 32
        var borrow: UInt64 = 0
        let wLow = subBorrow(mLow, m, &borrow)
        let wHigh = mHigh &- borrow
        borrow = 0
        let v0 = subBorrow(0, wLow, &borrow)
        let v1 = subBorrow(0, wHigh, &borrow)
        let v2 = subBorrow(0, mLow, &borrow)
        let v3 = m &- mHigh &- borrow
        var carry: UInt64 = 0
        r1 = addCarry(r1, v0, &carry)
        r2 = addCarry(r2, v1, &carry)
        r3 = addCarry(r3, v2, &carry)
        return v3 &+ carry
    }

    /// a² (Montgomery): 10 multiplications for the 512-bit square, then the shift-only reduction of its low half
    /// added to its high half. REDC(T) = H + (L + M·p)/2^256 with T = H·2^256 + L; each reduction window stays
    /// below 2^256 because (x + m·p)/2^64 < 2^192 + p, and the sum is below 2p + 1.
    @inline(__always)
    var squared: FieldElement {
        let a0 = limbs.l0
        let a1 = limbs.l1
        let a2 = limbs.l2
        let a3 = limbs.l3
        // Cross products a_i·a_j (i < j) at positions 1…6.
        var carry: UInt64 = 0
        var c1 = multiplyAccumulate(a0, a1, 0, &carry)
        var c2 = multiplyAccumulate(a0, a2, 0, &carry)
        var c3 = multiplyAccumulate(a0, a3, 0, &carry)
        var c4 = carry
        carry = 0
        c3 = multiplyAccumulate(a1, a2, c3, &carry)
        c4 = multiplyAccumulate(a1, a3, c4, &carry)
        var c5 = carry
        carry = 0
        c5 = multiplyAccumulate(a2, a3, c5, &carry)
        var c6 = carry
        // Double them.
        let c7 = c6 >> 63
        c6 = (c6 << 1) | (c5 >> 63)
        c5 = (c5 << 1) | (c4 >> 63)
        c4 = (c4 << 1) | (c3 >> 63)
        c3 = (c3 << 1) | (c2 >> 63)
        c2 = (c2 << 1) | (c1 >> 63)
        c1 = c1 << 1
        // Add the squares a_i² at positions 0, 2, 4, 6.
        let (h0, t0) = a0.multipliedFullWidth(by: a0)
        let (h1, l1) = a1.multipliedFullWidth(by: a1)
        let (h2, l2) = a2.multipliedFullWidth(by: a2)
        let (h3, l3) = a3.multipliedFullWidth(by: a3)
        carry = 0
        var t1 = addCarry(c1, h0, &carry)
        var t2 = addCarry(c2, l1, &carry)
        var t3 = addCarry(c3, h1, &carry)
        let t4 = addCarry(c4, l2, &carry)
        let t5 = addCarry(c5, h2, &carry)
        let t6 = addCarry(c6, l3, &carry)
        let t7 = c7 &+ h3 &+ carry
        // Reduce the low half.
        var t4r = FieldElement.reduceStep(t0, &t1, &t2, &t3)
        var t5r = FieldElement.reduceStep(t1, &t2, &t3, &t4r)
        var t6r = FieldElement.reduceStep(t2, &t3, &t4r, &t5r)
        let t7r = FieldElement.reduceStep(t3, &t4r, &t5r, &t6r)
        // Add the high half.
        carry = 0
        let r0 = addCarry(t4r, t4, &carry)
        let r1 = addCarry(t5r, t5, &carry)
        let r2 = addCarry(t6r, t6, &carry)
        let r3 = addCarry(t7r, t7, &carry)
        return FieldElement(montgomery: FieldElement.reduceOnce(Limbs4(r0, r1, r2, r3), top: carry))
    }

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
        let exponent = Limbs4(
            0x4000_0000_0000_0000,
            0xFFFF_FFFF_C000_0000,
            0xFFFF_FFFF_FFFF_FFFF,
            0x3FFF_FFFF_BFFF_FFFF
        )
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
