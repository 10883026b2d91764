/// Montgomery arithmetic modulo an odd n (CIOS) for RSA's public operation. Variable-time: public data only.
///
/// Built once per key (R² mod n costs 2·64·k modular doublings) and then shared by every verification.
final class MontgomeryContext: Sendable {
    /// n, least-significant limb first.
    let modulus: [UInt64]
    /// −n⁻¹ mod 2^64.
    let nPrime: UInt64
    /// R² mod n with R = 2^(64·k).
    let rSquared: [UInt64]

    /// - Parameter modulusBytes: n big-endian, odd, without leading zeros (checked by `RSAPublicKey`).
    init(modulusBytes: [UInt8]) {
        let n = MontgomeryContext.limbs(bigEndian: modulusBytes, count: (modulusBytes.count + 7) / 8)
        modulus = n
        var inverse: UInt64 = 1
        for _ in 0..<6 {
            inverse = inverse &* (2 &- n[0] &* inverse)  // Newton: doubles the correct low bits each time
        }
        nPrime = 0 &- inverse
        var value = [UInt64](repeating: 0, count: n.count)
        value[0] = 1
        value.withUnsafeMutableBufferPointer { v in
            n.withUnsafeBufferPointer { m in
                for _ in 0..<(2 * 64 * n.count) {
                    MontgomeryContext.doubleModulo(v, m)
                }
            }
        }
        rSquared = value
    }

    /// Reads big-endian bytes into `count` limbs.
    static func limbs(bigEndian bytes: [UInt8], count: Int) -> [UInt64] {
        var limbs = [UInt64](repeating: 0, count: max(count, 1))
        for (index, byte) in bytes.reversed().enumerated() where index / 8 < limbs.count {
            limbs[index / 8] |= UInt64(byte) << UInt64(8 * (index % 8))
        }
        return limbs
    }

    /// Whether a < b, both `count` limbs.
    static func isLess(_ a: UnsafePointer<UInt64>, _ b: UnsafePointer<UInt64>, count: Int) -> Bool {
        var index = count - 1
        while index >= 0 {
            if a[index] != b[index] { return a[index] < b[index] }
            index -= 1
        }
        return false
    }

    /// a -= b over `count` limbs; returns the borrow.
    @discardableResult
    static func subtract(_ a: UnsafeMutablePointer<UInt64>, _ b: UnsafePointer<UInt64>, count: Int) -> UInt64 {
        var borrow: UInt64 = 0
        for index in 0..<count {
            let (d1, o1) = a[index].subtractingReportingOverflow(b[index])
            let (d2, o2) = d1.subtractingReportingOverflow(borrow)
            a[index] = d2
            borrow = o1.word | o2.word
        }
        return borrow
    }

    private static func doubleModulo(_ v: UnsafeMutableBufferPointer<UInt64>, _ n: UnsafeBufferPointer<UInt64>) {
        guard let vBase = v.baseAddress, let nBase = n.baseAddress else { return }
        var carry: UInt64 = 0
        for index in 0..<v.count {
            let next = v[index] >> 63
            v[index] = (v[index] << 1) | carry
            carry = next
        }
        if carry == 1 || !isLess(vBase, nBase, count: v.count) {
            subtract(vBase, nBase, count: v.count)
        }
    }

    /// result = a·b·R⁻¹ mod n. `t` is scratch of k + 2 limbs; `result` may alias `a` or `b`.
    func multiply(
        _ a: UnsafePointer<UInt64>,
        _ b: UnsafePointer<UInt64>,
        into result: UnsafeMutablePointer<UInt64>,
        scratch t: UnsafeMutablePointer<UInt64>
    ) {
        modulus.withUnsafeBufferPointer { nBuffer in
            // swift-format-ignore: NeverForceUnwrap
            // A key's modulus has at least 16 limbs.
            let n = nBuffer.baseAddress!
            let count = nBuffer.count
            t.initialize(repeating: 0, count: count + 2)
            for i in 0..<count {
                let ai = a[i]
                var carry: UInt64 = 0
                for j in 0..<count {
                    (t[j], carry) = multiplyAdd(ai, b[j], t[j], carry)
                }
                let (s, o) = t[count].addingReportingOverflow(carry)
                t[count] = s
                t[count + 1] = o.word
                let m = t[0] &* nPrime
                let (high0, low0) = m.multipliedFullWidth(by: n[0])
                let (_, o0) = low0.addingReportingOverflow(t[0])
                carry = high0 &+ o0.word
                for j in 1..<count {
                    (t[j - 1], carry) = multiplyAdd(m, n[j], t[j], carry)
                }
                let (s3, o3) = t[count].addingReportingOverflow(carry)
                t[count - 1] = s3
                t[count] = t[count + 1] &+ o3.word
                t[count + 1] = 0
            }
            if t[count] != 0 || !MontgomeryContext.isLess(t, n, count: count) {
                MontgomeryContext.subtract(t, n, count: count)
            }
            result.update(from: t, count: count)
        }
    }

    /// result = a²·R⁻¹ mod n, with the cross products computed once (k(k−1)/2 of them, doubled, plus the k
    /// squares) and then one Montgomery reduction of the 2k-limb square: about 0.6 of ``multiply(_:_:into:scratch:)``
    /// for the squarings that make up all but one step of a verification. `t` is scratch of 2k limbs; `result` may
    /// alias `a`.
    func square(
        _ a: UnsafePointer<UInt64>,
        into result: UnsafeMutablePointer<UInt64>,
        scratch t: UnsafeMutablePointer<UInt64>
    ) {
        modulus.withUnsafeBufferPointer { nBuffer in
            // swift-format-ignore: NeverForceUnwrap
            // A key's modulus has at least 16 limbs.
            let n = nBuffer.baseAddress!
            let count = nBuffer.count
            t.initialize(repeating: 0, count: 2 * count)
            // The cross products a_i·a_j, i < j; row i ends at limb i + count, which no earlier row reached.
            for i in 0..<(count - 1) {
                let ai = a[i]
                var carry: UInt64 = 0
                for j in (i + 1)..<count {
                    (t[i + j], carry) = multiplyAdd(ai, a[j], t[i + j], carry)
                }
                t[i + count] = carry
            }
            // Doubled (the top bit of the 2k-limb sum of cross products is always clear: it is below a²/2).
            var shifted: UInt64 = 0
            for index in 0..<(2 * count) {
                let next = t[index] >> 63
                t[index] = (t[index] << 1) | shifted
                shifted = next
            }
            // Plus the squares a_i² at limbs 2i and 2i + 1.
            var carry: UInt64 = 0
            for i in 0..<count {
                let (high, low) = a[i].multipliedFullWidth(by: a[i])
                let (s1, o1) = t[2 * i].addingReportingOverflow(low)
                let (s2, o2) = s1.addingReportingOverflow(carry)
                t[2 * i] = s2
                let (s3, o3) = t[2 * i + 1].addingReportingOverflow(high)
                let (s4, o4) = s3.addingReportingOverflow(o1.word &+ o2.word)
                t[2 * i + 1] = s4
                carry = o3.word &+ o4.word
            }
            // Montgomery reduction (REDC) word by word; `top` is the carry out of limb i + count, added one
            // limb higher at the next step, and finally the bit above the result.
            var top: UInt64 = 0
            for i in 0..<count {
                let m = t[i] &* nPrime
                var carry: UInt64 = 0
                for j in 0..<count {
                    (t[i + j], carry) = multiplyAdd(m, n[j], t[i + j], carry)
                }
                let (s1, o1) = t[i + count].addingReportingOverflow(carry)
                let (s2, o2) = s1.addingReportingOverflow(top)
                t[i + count] = s2
                top = o1.word &+ o2.word
            }
            let reduced = t + count
            if top != 0 || !MontgomeryContext.isLess(reduced, n, count: count) {
                MontgomeryContext.subtract(reduced, n, count: count)
            }
            result.update(from: reduced, count: count)
        }
    }

    /// base^exponent mod n, as `count`-limb big-endian bytes of `byteCount`; base must be below n.
    func power(_ baseBytes: [UInt8], exponent: [UInt8], byteCount: Int) -> [UInt8] {
        let count = modulus.count
        let buffer = UnsafeMutablePointer<UInt64>.allocate(capacity: 5 * count + 2)
        defer { buffer.deallocate() }
        let base = buffer
        let accumulator = buffer + count
        let one = buffer + 2 * count
        let scratch = buffer + 3 * count  // 2k limbs for square, k + 2 for multiply
        let baseLimbs = MontgomeryContext.limbs(bigEndian: baseBytes, count: count)
        base.initialize(from: baseLimbs, count: count)
        one.initialize(repeating: 0, count: count)
        one[0] = 1
        rSquared.withUnsafeBufferPointer { r2 in
            // swift-format-ignore: NeverForceUnwrap
            // rSquared has `count` ≥ 1 limbs.
            let rSquaredBase = r2.baseAddress!
            multiply(base, rSquaredBase, into: base, scratch: scratch)  // to Montgomery form
            multiply(one, rSquaredBase, into: accumulator, scratch: scratch)  // R mod n
        }
        var started = false
        for byte in exponent {
            for bit in stride(from: 7, through: 0, by: -1) {
                if started {
                    square(accumulator, into: accumulator, scratch: scratch)
                }
                if (byte >> UInt8(bit)) & 1 == 1 {
                    multiply(accumulator, base, into: accumulator, scratch: scratch)
                    started = true
                }
            }
        }
        multiply(accumulator, one, into: accumulator, scratch: scratch)  // out of Montgomery form
        var output = [UInt8](repeating: 0, count: byteCount)
        for index in 0..<byteCount where index / 8 < count {
            output[byteCount - 1 - index] = UInt8(truncatingIfNeeded: accumulator[index / 8] >> UInt64(8 * (index % 8)))
        }
        return output
    }
}

/// a·b + t + c as (low, high) limbs; it cannot overflow 128 bits ((2⁶⁴−1)² + 2(2⁶⁴−1) = 2¹²⁸−1), and the 128-bit
/// form lets LLVM emit one multiply and an add-with-carry chain.
@inline(__always)
private func multiplyAdd(_ a: UInt64, _ b: UInt64, _ t: UInt64, _ c: UInt64) -> (UInt64, UInt64) {
    let sum = UInt128(a) &* UInt128(b) &+ UInt128(t) &+ UInt128(c)
    return (UInt64(truncatingIfNeeded: sum), UInt64(truncatingIfNeeded: sum &>> 64))
}

extension Bool {
    /// 1 or 0 without a branch (a `? 1 : 0` here made LLVM branch inside the multiply loops).
    @inline(__always)
    fileprivate var word: UInt64 { UInt64(unsafeBitCast(self, to: UInt8.self)) }
}
