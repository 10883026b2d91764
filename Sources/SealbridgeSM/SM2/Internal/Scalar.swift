/// An integer modulo SM2's group order n, in Montgomery form (x·2^256 mod n).
///
/// - Important: Constant-time: no branch or index depends on the value (generic CIOS Montgomery multiplication
///   with n' = −n⁻¹ mod 2^64).
struct Scalar: Sendable {
    var limbs: Limbs4

    @inline(__always)
    init(montgomery limbs: Limbs4) {
        self.limbs = limbs
    }

    static let order = Limbs4(
        0x53BB_F409_39D5_4123,
        0x7203_DF6B_21C6_052B,
        0xFFFF_FFFF_FFFF_FFFF,
        0xFFFF_FFFE_FFFF_FFFF
    )
    /// n − 1, the largest valid signature component.
    static let orderMinusOne = Limbs4(
        0x53BB_F409_39D5_4122,
        0x7203_DF6B_21C6_052B,
        0xFFFF_FFFF_FFFF_FFFF,
        0xFFFF_FFFE_FFFF_FFFF
    )
    /// n − 2: the largest valid private key (GB/T 32918.1 §6.1: d ∈ [1, n − 2]) and Fermat's exponent.
    static let orderMinusTwo = Limbs4(
        0x53BB_F409_39D5_4121,
        0x7203_DF6B_21C6_052B,
        0xFFFF_FFFF_FFFF_FFFF,
        0xFFFF_FFFE_FFFF_FFFF
    )
    static let rSquared = Limbs4(
        0x9011_92AF_7C11_4F20,
        0x3464_504A_DE6F_A2FA,
        0x620F_C84C_3AFF_E0D4,
        0x1EB5_E412_A22B_3D3B
    )
    static let nPrime: UInt64 = 0x327F_9E88_7235_0975
    static let zero = Scalar(montgomery: .zero)
    /// 1 in Montgomery form.
    static let one = Scalar(
        montgomery: Limbs4(0xAC44_0BF6_C62A_BEDD, 0x8DFC_2094_DE39_FAD4, 0x0, 0x0000_0001_0000_0000)
    )

    /// Converts a canonical integer (< n) into Montgomery form.
    @inline(__always)
    init(canonical value: Limbs4) {
        self = Scalar(montgomery: value) * Scalar(montgomery: Scalar.rSquared)
    }

    /// Reduces any 256-bit integer mod n (one conditional subtraction suffices: 2^256 < 2n), into Montgomery form.
    @inline(__always)
    init(reducing value: Limbs4) {
        self.init(canonical: Scalar.reduceOnce(value, top: 0))
    }

    /// The canonical integer in [0, n).
    @inline(__always)
    var canonical: Limbs4 {
        (self * Scalar(montgomery: Limbs4(1, 0, 0, 0))).limbs
    }

    /// All-ones when zero. Constant-time.
    @inline(__always)
    var isZeroMask: UInt64 { limbs.isZeroMask }

    /// Reduces a value below 2n, with its fifth limb `top`, into [0, n).
    @inline(__always)
    static func reduceOnce(_ value: Limbs4, top: UInt64) -> Limbs4 {
        Limbs4.reduceOnce(value, top: top, modulus: order)
    }

    @inline(__always)
    static func + (a: Scalar, b: Scalar) -> Scalar {
        Scalar(montgomery: Limbs4.addModulo(a.limbs, b.limbs, modulus: order))
    }

    @inline(__always)
    static func - (a: Scalar, b: Scalar) -> Scalar {
        Scalar(montgomery: Limbs4.subtractModulo(a.limbs, b.limbs, modulus: order))
    }

    /// Montgomery product a·b·2^−256 mod n.
    @inline(__always)
    static func * (a: Scalar, b: Scalar) -> Scalar {
        Scalar(montgomery: Limbs4.montgomeryProduct(a.limbs, b.limbs, modulus: order, nPrime: nPrime))
    }

    /// a⁻¹ = a^(n−2) mod n (Fermat); 0 for 0. Constant-time in `self`: the exponent is public and fixed, read in
    /// 4-bit windows from a table of a^0…a^15 that is indexed only by exponent bits.
    var inverse: Scalar {
        var table = [Scalar](repeating: Scalar.one, count: 16)
        for index in 1..<16 {
            table[index] = table[index - 1] * self
        }
        var result = Scalar.one
        let exponent = Scalar.orderMinusTwo
        for window in stride(from: 63, through: 0, by: -1) {
            result = result * result
            result = result * result
            result = result * result
            result = result * result
            result = result * table[Int(exponent.window(at: window * 4, width: 4))]
        }
        return result
    }

    /// `mask` all-ones picks `a`, all-zero picks `b`. Constant-time.
    @inline(__always)
    static func select(_ mask: UInt64, _ a: Scalar, _ b: Scalar) -> Scalar {
        Scalar(montgomery: Limbs4.select(mask, a.limbs, b.limbs))
    }
}
