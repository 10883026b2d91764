import BigInt

/// Arithmetic in F_p for an odd prime p on fixed-width limbs in Montgomery form, reusing RSA's CIOS multiply.
/// It exists because big-integer `%` made brainpool verification 30× slower; like the rest of this folder it is
/// variable-time and only ever sees public values.
struct MontgomeryField: Sendable {
    let context: MontgomeryContext
    let limbCount: Int
    /// 1 in Montgomery form (R mod p).
    let one: [UInt64]

    init(prime: BigUInt) {
        context = MontgomeryContext(modulusBytes: prime.bigEndianBytes)
        limbCount = context.modulus.count
        var unit = [UInt64](repeating: 0, count: limbCount)
        unit[0] = 1
        one = Self.multiply(unit, context.rSquared, context: context)
    }

    /// a·b·R⁻¹ mod p.
    func multiply(_ a: [UInt64], _ b: [UInt64]) -> [UInt64] {
        Self.multiply(a, b, context: context)
    }

    private static func multiply(_ a: [UInt64], _ b: [UInt64], context: MontgomeryContext) -> [UInt64] {
        let limbCount = context.modulus.count
        var result = [UInt64](repeating: 0, count: limbCount)
        var scratch = [UInt64](repeating: 0, count: limbCount + 2)
        a.withUnsafeBufferPointer { a in
            b.withUnsafeBufferPointer { b in
                result.withUnsafeMutableBufferPointer { r in
                    scratch.withUnsafeMutableBufferPointer { t in
                        guard let a = a.baseAddress, let b = b.baseAddress, let r = r.baseAddress,
                            let t = t.baseAddress
                        else { return }
                        context.multiply(a, b, into: r, scratch: t)
                    }
                }
            }
        }
        return result
    }

    func square(_ a: [UInt64]) -> [UInt64] { multiply(a, a) }

    /// a + b mod p.
    func add(_ a: [UInt64], _ b: [UInt64]) -> [UInt64] {
        var result = [UInt64](repeating: 0, count: limbCount)
        var carry: UInt64 = 0
        for index in 0..<limbCount {
            let (s1, o1) = a[index].addingReportingOverflow(b[index])
            let (s2, o2) = s1.addingReportingOverflow(carry)
            result[index] = s2
            carry = (o1 ? 1 : 0) + (o2 ? 1 : 0)
        }
        if carry != 0 || !isLess(result, context.modulus) {
            subtractInPlace(&result, context.modulus)
        }
        return result
    }

    /// a − b mod p.
    func subtract(_ a: [UInt64], _ b: [UInt64]) -> [UInt64] {
        var result = a
        if subtractInPlace(&result, b) {
            var carry: UInt64 = 0
            for index in 0..<limbCount {
                let (s1, o1) = result[index].addingReportingOverflow(context.modulus[index])
                let (s2, o2) = s1.addingReportingOverflow(carry)
                result[index] = s2
                carry = (o1 ? 1 : 0) + (o2 ? 1 : 0)
            }
        }
        return result
    }

    func isZero(_ a: [UInt64]) -> Bool { a.allSatisfy { $0 == 0 } }

    /// Subtracts in place; returns whether it borrowed.
    @discardableResult
    private func subtractInPlace(_ a: inout [UInt64], _ b: [UInt64]) -> Bool {
        var borrow: UInt64 = 0
        for index in 0..<limbCount {
            let (d1, o1) = a[index].subtractingReportingOverflow(b[index])
            let (d2, o2) = d1.subtractingReportingOverflow(borrow)
            a[index] = d2
            borrow = (o1 || o2) ? 1 : 0
        }
        return borrow != 0
    }

    private func isLess(_ a: [UInt64], _ b: [UInt64]) -> Bool {
        for index in stride(from: limbCount - 1, through: 0, by: -1) where a[index] != b[index] {
            return a[index] < b[index]
        }
        return false
    }

    func toMontgomery(_ limbs: [UInt64]) -> [UInt64] { multiply(limbs, context.rSquared) }

    /// An element (below p) into Montgomery form.
    func element(_ value: BigUInt) -> [UInt64] {
        var limbs = [UInt64](repeating: 0, count: limbCount)
        for (index, word) in value.words.enumerated() where index < limbCount {
            limbs[index] = UInt64(word)
        }
        return toMontgomery(limbs)
    }

    /// Out of Montgomery form, as a big integer.
    func value(_ element: [UInt64]) -> BigUInt {
        var unit = [UInt64](repeating: 0, count: limbCount)
        unit[0] = 1
        let plain = multiply(element, unit)
        return BigUInt(words: plain.map { BigUInt.Word($0) })
    }
}

extension BigUInt {
    /// Big-endian bytes without leading zeros (at least one byte).
    var bigEndianBytes: [UInt8] {
        var bytes: [UInt8] = []
        for word in words.reversed() {
            for shift in stride(from: 56, through: 0, by: -8) {
                bytes.append(UInt8(truncatingIfNeeded: UInt64(word) >> UInt64(shift)))
            }
        }
        let trimmed = Array(bytes.drop { $0 == 0 })
        return trimmed.isEmpty ? [0] : trimmed
    }
}
