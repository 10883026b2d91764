import Testing

@testable import SealbridgeCrypto

/// RSA's modular exponentiation against a schoolbook reference (product, then binary long division) for moduli of
/// 1024 to 4096 bits, including an all-ones modulus and bases next to n, where the column carries are largest.
@Suite struct MontgomeryPowerTests {
    /// SplitMix64: the same pseudo-random moduli and bases on every run.
    struct Numbers {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        mutating func bytes(_ count: Int) -> [UInt8] { (0..<count).map { _ in UInt8(truncatingIfNeeded: next()) } }
    }

    /// Little-endian limbs of big-endian bytes.
    static func limbs(_ bytes: [UInt8]) -> [UInt64] {
        MontgomeryContext.limbs(bigEndian: bytes, count: (bytes.count + 7) / 8)
    }

    /// a·b mod n, schoolbook.
    static func multiplyModulo(_ a: [UInt64], _ b: [UInt64], _ n: [UInt64]) -> [UInt64] {
        var product = [UInt64](repeating: 0, count: a.count + b.count)
        for i in a.indices {
            var carry: UInt64 = 0
            for j in b.indices {
                let (high, low) = a[i].multipliedFullWidth(by: b[j])
                let (s1, o1) = product[i + j].addingReportingOverflow(low)
                let (s2, o2) = s1.addingReportingOverflow(carry)
                product[i + j] = s2
                carry = high + (o1 ? 1 : 0) + (o2 ? 1 : 0)
            }
            product[i + b.count] = carry
        }
        var remainder = [UInt64](repeating: 0, count: n.count + 1)
        for bit in stride(from: 64 * product.count - 1, through: 0, by: -1) {
            var shifted = (product[bit / 64] >> UInt64(bit % 64)) & 1
            for index in remainder.indices {
                let next = remainder[index] >> 63
                remainder[index] = (remainder[index] << 1) | shifted
                shifted = next
            }
            if !isLess(remainder, n + [0]) {
                var borrow: UInt64 = 0
                for index in remainder.indices {
                    let (d1, o1) = remainder[index].subtractingReportingOverflow(index < n.count ? n[index] : 0)
                    let (d2, o2) = d1.subtractingReportingOverflow(borrow)
                    remainder[index] = d2
                    borrow = (o1 || o2) ? 1 : 0
                }
            }
        }
        return Array(remainder.prefix(n.count))
    }

    static func isLess(_ a: [UInt64], _ b: [UInt64]) -> Bool {
        for index in a.indices.reversed() where a[index] != b[index] { return a[index] < b[index] }
        return false
    }

    static func reference(_ base: [UInt8], _ exponent: [UInt8], _ modulus: [UInt8]) -> [UInt8] {
        let n = limbs(modulus)
        var result = [UInt64](repeating: 0, count: n.count)
        result[0] = 1
        let x = limbs(base)
        for byte in exponent {
            for bit in stride(from: 7, through: 0, by: -1) {
                result = multiplyModulo(result, result, n)
                if (byte >> UInt8(bit)) & 1 == 1 { result = multiplyModulo(result, x, n) }
            }
        }
        return (0..<modulus.count).reversed().map { UInt8(truncatingIfNeeded: result[$0 / 8] >> UInt64(8 * ($0 % 8))) }
    }

    static let exponents: [[UInt8]] = [
        [0], [1], [2], [3], [0x11], [0x01, 0x00, 0x01], [0xC5, 0x3A, 0x00, 0x7F, 0x10],
    ]

    /// Every exponent at 1024 bits; at 2048 to 4096 bits (the same code with more limbs) e = 3 and e = 17 only, on
    /// the all-ones modulus and a random one, so that the bit-by-bit reference stays cheap: it runs on the shared
    /// test threads, and minutes of it (under AddressSanitizer) starve the service tests' timeouts. The
    /// OpenSSL-made 3072- and 4096-bit keys in the interop tests cover e = 65537 at those sizes.
    @Test(arguments: [128, 256, 384, 512])
    func powersMatchTheSchoolbookReference(_ modulusBytes: Int) {
        var numbers = Numbers(state: UInt64(modulusBytes))
        var random = numbers.bytes(modulusBytes)
        random[0] |= 0x80
        random[modulusBytes - 1] |= 1
        let allOnes = [UInt8](repeating: 0xFF, count: modulusBytes)
        let exponents = modulusBytes == 128 ? Self.exponents : [[3], [0x11]]
        for modulus in [random, allOnes] {
            let context = MontgomeryContext(modulusBytes: modulus)
            var nearN = modulus
            nearN[modulusBytes - 1] -= 1  // n − 1
            var smaller = numbers.bytes(modulusBytes)
            smaller[0] &= 0x7F
            for base in [nearN, smaller] {
                for exponent in exponents {
                    let ours = context.power(base, exponent: exponent, byteCount: modulusBytes)
                    #expect(
                        ours == Self.reference(base, exponent, modulus),
                        "\(8 * modulusBytes)-bit modulus, exponent \(exponent)"
                    )
                }
            }
        }
    }
}
