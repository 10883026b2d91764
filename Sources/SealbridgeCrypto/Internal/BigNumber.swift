/// A non-negative integer of fixed limb count, least-significant limb first, for RSA verification.
/// Variable-time: public data only.
struct BigNumber {
    var limbs: [UInt64]

    init(limbs: [UInt64]) {
        self.limbs = limbs
    }

    /// Reads big-endian bytes into `limbCount` limbs (or as many as the bytes need).
    init(bigEndian bytes: [UInt8], limbCount: Int? = nil) {
        let needed = (bytes.count + 7) / 8
        var limbs = [UInt64](repeating: 0, count: Swift.max(needed, limbCount ?? 0, 1))
        for (index, byte) in bytes.reversed().enumerated() {
            limbs[index / 8] |= UInt64(byte) << UInt64(8 * (index % 8))
        }
        self.limbs = limbs
    }

    func bigEndianBytes(count: Int) -> [UInt8] {
        var output = [UInt8](repeating: 0, count: count)
        for index in 0..<count {
            let limb = index / 8
            guard limb < limbs.count else { break }
            output[count - 1 - index] = UInt8(truncatingIfNeeded: limbs[limb] >> UInt64(8 * (index % 8)))
        }
        return output
    }

    func isLess(than other: BigNumber) -> Bool {
        for index in stride(from: Swift.max(limbs.count, other.limbs.count) - 1, through: 0, by: -1) {
            let a = index < limbs.count ? limbs[index] : 0
            let b = index < other.limbs.count ? other.limbs[index] : 0
            if a != b { return a < b }
        }
        return false
    }
}

/// Montgomery arithmetic modulo an odd n (CIOS), for RSA's public operation.
struct MontgomeryContext {
    let modulus: [UInt64]
    let nPrime: UInt64
    let rSquared: [UInt64]

    init(modulus n: BigNumber) {
        modulus = n.limbs
        // −n⁻¹ mod 2^64 by Newton's iteration (n is odd).
        var inverse: UInt64 = 1
        for _ in 0..<6 {
            inverse = inverse &* (2 &- n.limbs[0] &* inverse)
        }
        nPrime = 0 &- inverse
        // R² mod n by doubling 1 (2·64·k) times with a conditional subtraction each time.
        var value = [UInt64](repeating: 0, count: n.limbs.count)
        value[0] = 1
        for _ in 0..<(2 * 64 * n.limbs.count) {
            value = MontgomeryContext.doubleModulo(value, n.limbs)
        }
        rSquared = value
    }

    private static func doubleModulo(_ value: [UInt64], _ n: [UInt64]) -> [UInt64] {
        var doubled = value
        var carry: UInt64 = 0
        for index in 0..<doubled.count {
            let next = doubled[index] >> 63
            doubled[index] = (doubled[index] << 1) | carry
            carry = next
        }
        if carry == 1 || !BigNumber(limbs: doubled).isLess(than: BigNumber(limbs: n)) {
            doubled = subtract(doubled, n)
        }
        return doubled
    }

    private static func subtract(_ a: [UInt64], _ b: [UInt64]) -> [UInt64] {
        var result = a
        var borrow: UInt64 = 0
        for index in 0..<a.count {
            let (d1, o1) = a[index].subtractingReportingOverflow(b[index])
            let (d2, o2) = d1.subtractingReportingOverflow(borrow)
            result[index] = d2
            borrow = (o1 ? 1 : 0) | (o2 ? 1 : 0)
        }
        return result
    }

    /// a·b·R⁻¹ mod n.
    func multiply(_ a: [UInt64], _ b: [UInt64]) -> [UInt64] {
        let count = modulus.count
        var t = [UInt64](repeating: 0, count: count + 2)
        for i in 0..<count {
            var carry: UInt64 = 0
            for j in 0..<count {
                let (high, low) = a[i].multipliedFullWidth(by: b[j])
                let (s1, o1) = low.addingReportingOverflow(t[j])
                let (s2, o2) = s1.addingReportingOverflow(carry)
                t[j] = s2
                carry = high &+ (o1 ? 1 : 0) &+ (o2 ? 1 : 0)
            }
            let (s, o) = t[count].addingReportingOverflow(carry)
            t[count] = s
            t[count + 1] = o ? 1 : 0
            let m = t[0] &* nPrime
            carry = 0
            for j in 0..<count {
                let (high, low) = m.multipliedFullWidth(by: modulus[j])
                let (s1, o1) = low.addingReportingOverflow(t[j])
                let (s2, o2) = s1.addingReportingOverflow(carry)
                t[j] = s2
                carry = high &+ (o1 ? 1 : 0) &+ (o2 ? 1 : 0)
            }
            let (s3, o3) = t[count].addingReportingOverflow(carry)
            t[count] = s3
            t[count + 1] &+= o3 ? 1 : 0
            for j in 0...count {
                t[j] = t[j + 1]
            }
            t[count + 1] = 0
        }
        var result = Array(t[0..<count])
        if t[count] != 0 || !BigNumber(limbs: result).isLess(than: BigNumber(limbs: modulus)) {
            result = MontgomeryContext.subtract(result, modulus)
        }
        return result
    }

    /// base^exponent mod n (left-to-right square-and-multiply; public inputs).
    func power(_ base: BigNumber, exponent: [UInt8]) -> BigNumber {
        let baseMontgomery = multiply(base.limbs, rSquared)
        var one = [UInt64](repeating: 0, count: modulus.count)
        one[0] = 1
        var accumulator = multiply(one, rSquared)
        for byte in exponent {
            for bit in stride(from: 7, through: 0, by: -1) {
                accumulator = multiply(accumulator, accumulator)
                if (byte >> UInt8(bit)) & 1 == 1 {
                    accumulator = multiply(accumulator, baseMontgomery)
                }
            }
        }
        return BigNumber(limbs: multiply(accumulator, one))
    }
}
