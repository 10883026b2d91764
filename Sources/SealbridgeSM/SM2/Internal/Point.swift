/// A point of the SM2 curve y² = x³ − 3x + b in affine coordinates (Montgomery-form field elements).
struct AffinePoint: Sendable {
    var x: FieldElement
    var y: FieldElement

    /// The generator G (GB/T 32918.5).
    static let generator = AffinePoint(
        x: FieldElement(
            montgomery: Limbs4(
                0x6132_8990_F418_029E,
                0x3E79_81ED_DCA6_C050,
                0xD6A1_ED99_AC24_C3C3,
                0x9116_7A5E_E1C1_3B05
            )
        ),
        y: FieldElement(
            montgomery: Limbs4(
                0xC135_4E59_3C2D_0DDD,
                0xC1F5_E578_8D32_95FA,
                0x8D4C_FB06_6E2A_48F8,
                0x63CD_65D4_81D7_35BD
            )
        )
    )

    /// Whether (x, y) satisfies the curve equation (public data).
    var isOnCurve: Bool {
        let right = x.squared * x - x.doubled - x + FieldElement.b
        return y.squared.isEqual(to: right)
    }

    /// −P.
    @inline(__always)
    var negated: AffinePoint { AffinePoint(x: x, y: -y) }
}

/// A point in Jacobian coordinates (X : Y : Z), x = X/Z², y = Y/Z³; Z = 0 is the point at infinity.
struct JacobianPoint: Sendable {
    var x: FieldElement
    var y: FieldElement
    var z: FieldElement

    static let infinity = JacobianPoint(x: .one, y: .one, z: .zero)

    @inline(__always)
    init(x: FieldElement, y: FieldElement, z: FieldElement) {
        self.x = x
        self.y = y
        self.z = z
    }

    @inline(__always)
    init(_ affine: AffinePoint) {
        self.init(x: affine.x, y: affine.y, z: .one)
    }

    /// Whether this is the point at infinity (public data only).
    var isInfinity: Bool { z.limbs.isZero }

    /// 2P for a = −3 ("dbl-2001-b", 3M + 5S). Constant-time; maps infinity to infinity.
    @inline(__always)
    var doubled: JacobianPoint {
        let delta = z.squared
        let gamma = y.squared
        let beta = x * gamma
        let t = (x - delta) * (x + delta)
        let alpha = t.doubled + t
        let beta4 = beta.doubled.doubled
        let x3 = alpha.squared - beta4.doubled
        let z3 = (y + z).squared - gamma - delta
        let gamma2 = gamma.squared.doubled
        let y3 = alpha * (beta4 - x3) - gamma2.doubled.doubled
        return JacobianPoint(x: x3, y: y3, z: z3)
    }

    /// P + Q for affine Q ("madd-2007-bl", 7M + 4S). Constant-time; the result is wrong when P is infinity or
    /// P = ±Q — callers mask those cases (see `SM2Curve`).
    @inline(__always)
    func adding(_ q: AffinePoint) -> JacobianPoint {
        let z1z1 = z.squared
        let u2 = q.x * z1z1
        let s2 = q.y * z * z1z1
        let h = u2 - x
        let hh = h.squared
        let i = hh.doubled.doubled
        let j = h * i
        let r = (s2 - y).doubled
        let v = x * i
        let x3 = r.squared - j - v.doubled
        let y3 = r * (v - x3) - (y * j).doubled
        let z3 = (z + h).squared - z1z1 - hh
        return JacobianPoint(x: x3, y: y3, z: z3)
    }

    /// P + Q ("add-2007-bl", 11M + 5S) without the special cases: wrong for infinity or P = ±Q.
    @inline(__always)
    func addingGeneric(_ q: JacobianPoint) -> (sum: JacobianPoint, h: FieldElement, r: FieldElement) {
        let z1z1 = z.squared
        let z2z2 = q.z.squared
        let u1 = x * z2z2
        let u2 = q.x * z1z1
        let s1 = y * q.z * z2z2
        let s2 = q.y * z * z1z1
        let h = u2 - u1
        let i = h.doubled.squared
        let j = h * i
        let r = (s2 - s1).doubled
        let v = u1 * i
        let x3 = r.squared - j - v.doubled
        let y3 = r * (v - x3) - (s1 * j).doubled
        let z3 = ((z + q.z).squared - z1z1 - z2z2) * h
        return (JacobianPoint(x: x3, y: y3, z: z3), h, r)
    }

    /// P + Q with every special case handled by branching. Variable-time: public points only (verification).
    func addingPublic(_ q: JacobianPoint) -> JacobianPoint {
        if isInfinity { return q }
        if q.isInfinity { return self }
        let (sum, h, r) = addingGeneric(q)
        if h.limbs.isZero {
            return r.limbs.isZero ? doubled : .infinity
        }
        return sum
    }

    /// P + Q for affine Q, every special case handled by branching. Variable-time: public points only.
    func addingPublic(_ q: AffinePoint) -> JacobianPoint {
        if isInfinity { return JacobianPoint(q) }
        // madd-2007-bl as in `adding(_:)`, its first values computed once for the special-case tests too.
        let z1z1 = z.squared
        let u2 = q.x * z1z1
        let s2 = q.y * z * z1z1
        let h = u2 - x
        let difference = s2 - y
        if h.limbs.isZero {
            return difference.limbs.isZero ? doubled : .infinity
        }
        let hh = h.squared
        let i = hh.doubled.doubled
        let j = h * i
        let r = difference.doubled
        let v = x * i
        let x3 = r.squared - j - v.doubled
        let y3 = r * (v - x3) - (y * j).doubled
        let z3 = (z + h).squared - z1z1 - hh
        return JacobianPoint(x: x3, y: y3, z: z3)
    }

    /// −P.
    @inline(__always)
    var negated: JacobianPoint { JacobianPoint(x: x, y: -y, z: z) }

    /// The affine point (one inversion); nil for infinity. Constant-time except for the infinity check on `z`,
    /// which callers reach only for public results or with negligible probability.
    var affine: AffinePoint? {
        if isInfinity { return nil }  // ct-public: see above
        let zInverse = z.inverse
        let zInverse2 = zInverse.squared
        return AffinePoint(x: x * zInverse2, y: y * zInverse2 * zInverse)
    }

    /// `mask` all-ones picks `a`, all-zero picks `b`. Constant-time.
    @inline(__always)
    static func select(_ mask: UInt64, _ a: JacobianPoint, _ b: JacobianPoint) -> JacobianPoint {
        JacobianPoint(
            x: .select(mask, a.x, b.x),
            y: .select(mask, a.y, b.y),
            z: .select(mask, a.z, b.z)
        )
    }
}
