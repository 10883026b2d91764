// Fixed-size 256-bit arithmetic on four 64-bit limbs, little-endian (l0 is the least significant).
//
// Everything here is branch-free: carries and borrows travel as 0/1 words made from the overflow flag by a bit
// cast (a `Bool ? 1 : 0` made LLVM emit branches, which were both slower and not constant-time), and selections
// use all-ones/all-zero masks.

extension Bool {
    /// 1 for `true`, 0 for `false`, without a branch.
    @inline(__always)
    var word: UInt64 { UInt64(unsafeBitCast(self, to: UInt8.self)) }
}

/// A 256-bit unsigned integer as four 64-bit limbs, least significant first.
struct Limbs4: Hashable, Sendable {
    var l0: UInt64
    var l1: UInt64
    var l2: UInt64
    var l3: UInt64

    @inline(__always)
    init(_ l0: UInt64, _ l1: UInt64, _ l2: UInt64, _ l3: UInt64) {
        self.l0 = l0
        self.l1 = l1
        self.l2 = l2
        self.l3 = l3
    }

    static let zero = Limbs4(0, 0, 0, 0)

    /// 256 bits from the system CSPRNG, in one `getrandom` call.
    static func random() throws -> Limbs4 {
        var value = Limbs4.zero
        try withUnsafeMutableBytes(of: &value) { try fillRandom($0) }
        return value
    }

    /// Reads 32 big-endian bytes.
    @inline(__always)
    init(bigEndianBytes pointer: UnsafeRawPointer) {
        l3 = UInt64(bigEndian: pointer.loadUnaligned(fromByteOffset: 0, as: UInt64.self))
        l2 = UInt64(bigEndian: pointer.loadUnaligned(fromByteOffset: 8, as: UInt64.self))
        l1 = UInt64(bigEndian: pointer.loadUnaligned(fromByteOffset: 16, as: UInt64.self))
        l0 = UInt64(bigEndian: pointer.loadUnaligned(fromByteOffset: 24, as: UInt64.self))
    }

    /// Reads exactly 32 big-endian bytes; `nil` for any other length.
    init?(bigEndian bytes: some ContiguousBytesView) {
        guard
            let value = bytes.withBytes({ buffer -> Limbs4? in
                guard buffer.count == 32, let base = buffer.baseAddress else { return nil }
                return Limbs4(bigEndianBytes: base)
            })
        else { return nil }
        self = value
    }

    /// Writes 32 big-endian bytes.
    @inline(__always)
    func write(bigEndianTo pointer: UnsafeMutableRawPointer) {
        pointer.storeBytes(of: l3.bigEndian, toByteOffset: 0, as: UInt64.self)
        pointer.storeBytes(of: l2.bigEndian, toByteOffset: 8, as: UInt64.self)
        pointer.storeBytes(of: l1.bigEndian, toByteOffset: 16, as: UInt64.self)
        pointer.storeBytes(of: l0.bigEndian, toByteOffset: 24, as: UInt64.self)
    }

    /// The 32 big-endian bytes.
    var bigEndianBytes: [UInt8] {
        [UInt8](unsafeUninitializedCapacity: 32) { buffer, count in
            // swift-format-ignore: NeverForceUnwrap
            // A 32-byte buffer has a base address.
            write(bigEndianTo: UnsafeMutableRawPointer(buffer.baseAddress!))
            count = 32
        }
    }

    /// All-ones when the value is zero, else zero. Constant-time.
    @inline(__always)
    var isZeroMask: UInt64 {
        let any = l0 | l1 | l2 | l3
        // (any | -any) has its top bit set iff any != 0.
        return ((any | (0 &- any)) >> 63) &- 1
    }

    /// Whether the value is zero (variable-time; public values only).
    @inline(__always)
    var isZero: Bool { (l0 | l1 | l2 | l3) == 0 }

    /// `a + b`, and the carry out (0 or 1).
    @inline(__always)
    static func add(_ a: Limbs4, _ b: Limbs4) -> (Limbs4, UInt64) {
        var carry: UInt64 = 0
        let r0 = addCarry(a.l0, b.l0, &carry)
        let r1 = addCarry(a.l1, b.l1, &carry)
        let r2 = addCarry(a.l2, b.l2, &carry)
        let r3 = addCarry(a.l3, b.l3, &carry)
        return (Limbs4(r0, r1, r2, r3), carry)
    }

    /// `a - b`, and the borrow out (0 or 1).
    @inline(__always)
    static func subtract(_ a: Limbs4, _ b: Limbs4) -> (Limbs4, UInt64) {
        var borrow: UInt64 = 0
        let r0 = subBorrow(a.l0, b.l0, &borrow)
        let r1 = subBorrow(a.l1, b.l1, &borrow)
        let r2 = subBorrow(a.l2, b.l2, &borrow)
        let r3 = subBorrow(a.l3, b.l3, &borrow)
        return (Limbs4(r0, r1, r2, r3), borrow)
    }

    /// `mask` all-ones picks `a`, all-zero picks `b`. Constant-time.
    @inline(__always)
    static func select(_ mask: UInt64, _ a: Limbs4, _ b: Limbs4) -> Limbs4 {
        Limbs4(
            (a.l0 & mask) | (b.l0 & ~mask),
            (a.l1 & mask) | (b.l1 & ~mask),
            (a.l2 & mask) | (b.l2 & ~mask),
            (a.l3 & mask) | (b.l3 & ~mask)
        )
    }

    /// Reduces `value` (with a fifth limb `top`, 0 or 1), known to be below 2·modulus, into [0, modulus).
    /// Constant-time: one subtraction, kept or not by a mask.
    @inline(__always)
    static func reduceOnce(_ value: Limbs4, top: UInt64, modulus: Limbs4) -> Limbs4 {
        let (difference, borrow) = Limbs4.subtract(value, modulus)
        var finalBorrow = borrow
        _ = subBorrow(top, 0, &finalBorrow)
        // finalBorrow == 1: value < modulus, keep it.
        return Limbs4.select(0 &- finalBorrow, value, difference)
    }

    /// (a + b) mod m for a, b < m. Constant-time.
    @inline(__always)
    static func addModulo(_ a: Limbs4, _ b: Limbs4, modulus: Limbs4) -> Limbs4 {
        let (sum, carry) = Limbs4.add(a, b)
        return reduceOnce(sum, top: carry, modulus: modulus)
    }

    /// (a − b) mod m for a, b < m. Constant-time: m is added back under a mask when the subtraction borrowed.
    @inline(__always)
    static func subtractModulo(_ a: Limbs4, _ b: Limbs4, modulus: Limbs4) -> Limbs4 {
        let (difference, borrow) = Limbs4.subtract(a, b)
        let correction = Limbs4.select(0 &- borrow, modulus, .zero)
        return Limbs4.add(difference, correction).0
    }

    /// x·y·2^−256 mod m by CIOS Montgomery multiplication (n′ = −m⁻¹ mod 2^64), for an odd m < 2^256, y < m and
    /// any 256-bit x: the sum stays below 2m, and one masked subtraction reduces it. Constant-time: no branch
    /// depends on the values. SM2's order n (``Scalar``) and run-time moduli (``MontgomeryField``) share it;
    /// the field of sm2p256v1 has its own faster reduction.
    @inline(__always)
    static func montgomeryProduct(_ x: Limbs4, _ y: Limbs4, modulus n: Limbs4, nPrime: UInt64) -> Limbs4 {
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
            let m = r0 &* nPrime
            carry = 0
            _ = multiplyAccumulate(m, n.l0, r0, &carry)
            r0 = multiplyAccumulate(m, n.l1, r1, &carry)
            r1 = multiplyAccumulate(m, n.l2, r2, &carry)
            r2 = multiplyAccumulate(m, n.l3, r3, &carry)
            var carry2: UInt64 = 0
            r3 = addCarry(r4, carry, &carry2)
            r4 = top &+ carry2
        }
        round(x.l0)
        round(x.l1)
        round(x.l2)
        round(x.l3)
        return reduceOnce(Limbs4(r0, r1, r2, r3), top: r4, modulus: n)
    }

    /// Whether `self < other` (variable-time; public values only).
    @inline(__always)
    func isLess(than other: Limbs4) -> Bool {
        Limbs4.subtract(self, other).1 == 1
    }

    /// Bit `index` (0 = least significant), for public scalars.
    @inline(__always)
    func bit(_ index: Int) -> UInt64 {
        let limb: UInt64
        switch index >> 6 {
        case 0: limb = l0
        case 1: limb = l1
        case 2: limb = l2
        case 3: limb = l3
        default: return 0
        }
        return (limb >> UInt64(index & 63)) & 1
    }

    /// `width` bits starting at bit `offset` (may be negative: missing low bits read as 0). The offset is
    /// public; the value may be secret — only shifts and masks by public amounts are used.
    @inline(__always)
    func window(at offset: Int, width: Int) -> UInt64 {
        let mask: UInt64 = (1 << UInt64(width)) &- 1
        if offset < 0 {
            return (l0 << UInt64(-offset)) & mask
        }
        let limbIndex = offset >> 6
        let shift = UInt64(offset & 63)
        let low = limb(limbIndex)
        let high = limb(limbIndex + 1)
        let combined = shift == 0 ? low : (low >> shift) | (high << (64 &- shift))
        return combined & mask
    }

    @inline(__always)
    private func limb(_ index: Int) -> UInt64 {
        switch index {
        case 0: return l0
        case 1: return l1
        case 2: return l2
        case 3: return l3
        default: return 0
        }
    }
}

/// `a + b + carry`; updates `carry` to the carry out.
@inline(__always)
func addCarry(_ a: UInt64, _ b: UInt64, _ carry: inout UInt64) -> UInt64 {
    let (s1, o1) = a.addingReportingOverflow(b)
    let (s2, o2) = s1.addingReportingOverflow(carry)
    carry = o1.word | o2.word
    return s2
}

/// `a - b - borrow`; updates `borrow` to the borrow out.
@inline(__always)
func subBorrow(_ a: UInt64, _ b: UInt64, _ borrow: inout UInt64) -> UInt64 {
    let (d1, o1) = a.subtractingReportingOverflow(b)
    let (d2, o2) = d1.subtractingReportingOverflow(borrow)
    borrow = o1.word | o2.word
    return d2
}

/// `a·b + t + carry`: returns the low word and sets `carry` to the high word (never overflows).
@inline(__always)
func multiplyAccumulate(_ a: UInt64, _ b: UInt64, _ t: UInt64, _ carry: inout UInt64) -> UInt64 {
    let (high, low) = a.multipliedFullWidth(by: b)
    let (s1, o1) = low.addingReportingOverflow(t)
    let (s2, o2) = s1.addingReportingOverflow(carry)
    carry = high &+ o1.word &+ o2.word
    return s2
}

/// Byte containers that can lend their contiguous bytes (arrays and slices).
protocol ContiguousBytesView {
    func withBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R
}

extension Array: ContiguousBytesView where Element == UInt8 {
    @inline(__always)
    func withBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R { try withUnsafeBytes(body) }
}

extension ArraySlice: ContiguousBytesView where Element == UInt8 {
    @inline(__always)
    func withBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R { try withUnsafeBytes(body) }
}
