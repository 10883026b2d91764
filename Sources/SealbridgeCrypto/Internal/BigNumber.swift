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

    /// result = a·b·R⁻¹ mod n by finely integrated product scanning (Koç, Acar and Kaliski, "Analyzing and
    /// comparing Montgomery multiplication algorithms", 1996, FIPS): column by column, the products a_j·b_(i−j) and
    /// m_j·n_(i−j) go into one three-limb accumulator, so no partial result is stored and reloaded and every
    /// product costs one multiply and an add/add-with-carry chain. `m` is scratch of k limbs; `result` may alias
    /// `a` or `b` (written last).
    func multiply(
        _ a: UnsafePointer<UInt64>,
        _ b: UnsafePointer<UInt64>,
        into result: UnsafeMutablePointer<UInt64>,
        scratch m: UnsafeMutablePointer<UInt64>
    ) {
        modulus.withUnsafeBufferPointer { nBuffer in
            // swift-format-ignore: NeverForceUnwrap
            // A key's modulus has at least 16 limbs.
            let n = nBuffer.baseAddress!
            let count = nBuffer.count
            var column = ColumnSum()
            for i in 0..<(2 * count) {
                let (first, end) = i < count ? (0, i) : (i &- count &+ 1, count)
                var j = first
                while j < end {
                    column.add(a[j], b[i &- j])
                    column.add(m[j], n[i &- j])
                    j &+= 1
                }
                if i < count {
                    column.add(a[i], b[0])
                }
                reduce(&column, at: i, m, n, count)
            }
            finish(column, m, n, count, into: result)
        }
    }

    /// result = a²·R⁻¹ mod n, by the same column scanning with each cross product a_j·a_k (j < k) computed once and
    /// doubled per column: k(k+1)/2 + k² products against 2k² for ``multiply(_:_:into:scratch:)``. `m` is scratch
    /// of k limbs; `result` may alias `a`.
    func square(
        _ a: UnsafePointer<UInt64>,
        into result: UnsafeMutablePointer<UInt64>,
        scratch m: UnsafeMutablePointer<UInt64>
    ) {
        modulus.withUnsafeBufferPointer { nBuffer in
            // swift-format-ignore: NeverForceUnwrap
            // A key's modulus has at least 16 limbs.
            let n = nBuffer.baseAddress!
            let count = nBuffer.count
            var column = ColumnSum()
            for i in 0..<(2 * count) {
                let (first, end) = i < count ? (0, i) : (i &- count &+ 1, count)
                var cross = ColumnSum()
                var j = first
                var k = i &- j
                while j < k {
                    cross.add(a[j], a[k])
                    j &+= 1
                    k &-= 1
                }
                cross.double()
                if j == k {
                    cross.add(a[j], a[j])
                }
                column.add(cross)
                var q = first
                while q < end {
                    column.add(m[q], n[i &- q])
                    q &+= 1
                }
                reduce(&column, at: i, m, n, count)
            }
            finish(column, m, n, count, into: result)
        }
    }

    /// The end of column i: below k, the Montgomery digit m_i that clears the column's low limb (added as m_i·n_0);
    /// from k on, the column's low limb is limb i − k of the result. Then the column sum moves one limb down.
    @inline(__always)
    private func reduce(
        _ column: inout ColumnSum,
        at i: Int,
        _ m: UnsafeMutablePointer<UInt64>,
        _ n: UnsafePointer<UInt64>,
        _ count: Int
    ) {
        if i < count {
            let digit = column.low &* nPrime
            m[i] = digit
            column.add(digit, n[0])
        } else {
            m[i &- count] = column.low
        }
        column.shift()
    }

    /// The result in `m` with the carry left in the column, less than 2n; one subtraction brings it below n.
    @inline(__always)
    private func finish(
        _ column: ColumnSum,
        _ m: UnsafeMutablePointer<UInt64>,
        _ n: UnsafePointer<UInt64>,
        _ count: Int,
        into result: UnsafeMutablePointer<UInt64>
    ) {
        if column.low != 0 || !MontgomeryContext.isLess(m, n, count: count) {
            MontgomeryContext.subtract(m, n, count: count)
        }
        result.update(from: m, count: count)
    }

    /// base^exponent mod n, as `count`-limb big-endian bytes of `byteCount`; base must be below n.
    ///
    /// Left-to-right square-and-multiply on the Montgomery form of the base, except that a final multiply (the low
    /// bit of every odd exponent, e = 65537 included) takes the plain base, which takes the result out of Montgomery
    /// form in the same step (A·R · x · R⁻¹ = A·x): e = 65537 costs one conversion, 16 squarings and one multiply.
    func power(_ baseBytes: [UInt8], exponent: [UInt8], byteCount: Int) -> [UInt8] {
        let count = modulus.count
        let buffer = UnsafeMutablePointer<UInt64>.allocate(capacity: 4 * count)
        defer { buffer.deallocate() }
        let plain = buffer
        let base = buffer + count
        let accumulator = buffer + 2 * count
        let scratch = buffer + 3 * count
        // The exponent's bits, most significant first, read in place (no array on the verification path).
        let bitCount = 8 * exponent.count
        func isSet(_ index: Int) -> Bool { (exponent[index / 8] >> UInt8(7 - index % 8)) & 1 == 1 }
        guard let top = (0..<bitCount).first(where: isSet) else {
            accumulator.initialize(repeating: 0, count: count)  // x⁰ = 1, and 1 < n
            accumulator[0] = 1
            return MontgomeryContext.bigEndian(accumulator, count: count, byteCount: byteCount)
        }
        plain.initialize(from: MontgomeryContext.limbs(bigEndian: baseBytes, count: count), count: count)
        rSquared.withUnsafeBufferPointer { r2 in
            // swift-format-ignore: NeverForceUnwrap
            // rSquared has `count` ≥ 1 limbs.
            multiply(plain, r2.baseAddress!, into: base, scratch: scratch)  // to Montgomery form
        }
        accumulator.initialize(from: base, count: count)
        var leftMontgomeryForm = false
        for index in (top + 1)..<bitCount {
            square(accumulator, into: accumulator, scratch: scratch)
            if isSet(index) {
                let last = index == bitCount - 1
                multiply(accumulator, last ? plain : base, into: accumulator, scratch: scratch)
                leftMontgomeryForm = last
            }
        }
        if !leftMontgomeryForm {
            plain.update(repeating: 0, count: count)
            plain[0] = 1
            multiply(accumulator, plain, into: accumulator, scratch: scratch)  // out of Montgomery form
        }
        return MontgomeryContext.bigEndian(accumulator, count: count, byteCount: byteCount)
    }

    /// The low `byteCount` bytes of a `count`-limb value, big-endian.
    private static func bigEndian(_ limbs: UnsafePointer<UInt64>, count: Int, byteCount: Int) -> [UInt8] {
        var output = [UInt8](repeating: 0, count: byteCount)
        for index in 0..<byteCount where index / 8 < count {
            output[byteCount - 1 - index] = UInt8(truncatingIfNeeded: limbs[index / 8] >> UInt64(8 * (index % 8)))
        }
        return output
    }
}

/// A column sum of 64×64-bit products in three limbs (low, middle, high): a column of a k-limb product has at most
/// 2k + 2 products below 2¹²⁸ each, far from overflowing 2¹⁹².
private struct ColumnSum {
    var low: UInt64 = 0
    var middle: UInt64 = 0
    var high: UInt64 = 0

    /// += a·b. The high half of a product is at most 2⁶⁴ − 2, so adding the low half's carry to it cannot overflow.
    @inline(__always)
    mutating func add(_ a: UInt64, _ b: UInt64) {
        let (productHigh, productLow) = a.multipliedFullWidth(by: b)
        let (sumLow, carryLow) = low.addingReportingOverflow(productLow)
        let (sumMiddle, carryMiddle) = middle.addingReportingOverflow(productHigh &+ carryLow.word)
        low = sumLow
        middle = sumMiddle
        high &+= carryMiddle.word
    }

    @inline(__always)
    mutating func add(_ other: ColumnSum) {
        let (sumLow, carryLow) = low.addingReportingOverflow(other.low)
        let (sumMiddle, carryMiddle) = middle.addingReportingOverflow(other.middle)
        let (sumMiddleCarried, carryMiddleCarried) = sumMiddle.addingReportingOverflow(carryLow.word)
        low = sumLow
        middle = sumMiddleCarried
        high = high &+ other.high &+ carryMiddle.word &+ carryMiddleCarried.word
    }

    /// × 2 (a column of cross products is far below 2¹⁹¹).
    @inline(__always)
    mutating func double() {
        high = (high << 1) | (middle >> 63)
        middle = (middle << 1) | (low >> 63)
        low <<= 1
    }

    /// ÷ 2⁶⁴, once the low limb has been taken.
    @inline(__always)
    mutating func shift() {
        low = middle
        middle = high
        high = 0
    }
}

extension Bool {
    /// 1 or 0 without a branch (a `? 1 : 0` here made LLVM branch inside the multiply loops).
    @inline(__always)
    fileprivate var word: UInt64 { UInt64(unsafeBitCast(self, to: UInt8.self)) }
}
