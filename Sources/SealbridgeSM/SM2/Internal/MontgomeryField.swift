/// Arithmetic modulo an odd modulus m < 2^256 given at run time, in Montgomery form (x·2^256 mod m), for the
/// explicit curves of ``SM2Curve``. The recommended curve keeps its own faster, specialised field and scalar types.
///
/// - Important: Constant-time in the operands: CIOS multiplication (no data-dependent branch), reductions kept or
///   dropped by masks, exponentiation by a public exponent with a fixed sequence of operations.
struct MontgomeryField: Sendable, Hashable {
    let modulus: Limbs4
    /// −m⁻¹ mod 2^64.
    let nPrime: UInt64
    /// 2^512 mod m, which takes a canonical value into Montgomery form.
    let rSquared: Limbs4
    /// 1 in Montgomery form (2^256 mod m).
    let one: Limbs4

    /// Prepares arithmetic modulo `modulus`, which must be odd and above 1 (the caller checks).
    init(modulus: Limbs4) {
        self.modulus = modulus
        // Newton's iteration doubles the correct low bits of m⁻¹ mod 2^64 each step: 1 → 2 → … → 64 bits.
        var inverse: UInt64 = 1
        for _ in 0..<6 { inverse = inverse &* (2 &- modulus.l0 &* inverse) }
        nPrime = 0 &- inverse
        // 2^256 mod m and 2^512 mod m by doubling 1 modulo m (public data; run once per curve).
        var value = Limbs4(1, 0, 0, 0)
        if !value.isLess(than: modulus) { value = .zero }
        for _ in 0..<256 { value = Limbs4.addModulo(value, value, modulus: modulus) }
        one = value
        for _ in 0..<256 { value = Limbs4.addModulo(value, value, modulus: modulus) }
        rSquared = value
    }

    /// a·b·2^−256 mod m, for b < m and any 256-bit a.
    @inline(__always)
    func multiply(_ x: Limbs4, _ y: Limbs4) -> Limbs4 {
        Limbs4.montgomeryProduct(x, y, modulus: modulus, nPrime: nPrime)
    }

    @inline(__always)
    func add(_ a: Limbs4, _ b: Limbs4) -> Limbs4 { Limbs4.addModulo(a, b, modulus: modulus) }

    @inline(__always)
    func subtract(_ a: Limbs4, _ b: Limbs4) -> Limbs4 { Limbs4.subtractModulo(a, b, modulus: modulus) }

    /// Any 256-bit integer, reduced mod m, in Montgomery form.
    @inline(__always)
    func montgomery(_ value: Limbs4) -> Limbs4 { multiply(value, rSquared) }

    /// The canonical integer in [0, m) of a Montgomery-form value.
    @inline(__always)
    func canonical(_ value: Limbs4) -> Limbs4 { multiply(value, Limbs4(1, 0, 0, 0)) }

    /// a^exponent for a public exponent, in a fixed sequence of 256 squarings and 256 multiplications whose
    /// results are kept or dropped by a mask.
    func power(_ base: Limbs4, _ exponent: Limbs4) -> Limbs4 {
        var result = one
        for index in stride(from: 255, through: 0, by: -1) {
            result = multiply(result, result)
            let product = multiply(result, base)
            result = Limbs4.select(0 &- exponent.bit(index), product, result)
        }
        return result
    }

    /// a⁻¹ = a^(m−2) for a prime modulus (Fermat); 0 for 0.
    func inverse(_ value: Limbs4) -> Limbs4 {
        power(value, Limbs4.subtract(modulus, Limbs4(2, 0, 0, 0)).0)
    }

    /// Whether a^(m−1) = 1 for a few small bases a: a sanity check that the modulus is prime, not a proof.
    var passesFermatTest: Bool {
        let exponent = Limbs4.subtract(modulus, Limbs4(1, 0, 0, 0)).0
        return [2, 3, 5, 7, 11, 13].allSatisfy { (base: UInt64) in
            power(montgomery(Limbs4(base, 0, 0, 0)), exponent) == one
        }
    }
}
