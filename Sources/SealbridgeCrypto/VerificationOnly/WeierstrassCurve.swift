import BigInt

/// A short Weierstrass curve y² = x³ + ax + b over F_p with a prime-order base point, for ECDSA *verification* on
/// curves swift-crypto lacks: brainpoolP256r1, P384r1 and P512r1 (RFC 5639), which German qualified CAs and
/// trusted lists use. Variable-time arithmetic on big integers: it only ever sees public data (keys, signatures,
/// digests), so no secret can leak through timing.
struct WeierstrassCurve: Sendable {
    let name: String
    let p: BigUInt
    let a: BigUInt
    let b: BigUInt
    let generator: (x: BigUInt, y: BigUInt)
    /// The order of the base point (prime).
    let n: BigUInt
    /// The field size in bytes.
    let byteCount: Int

    init(name: String, p: String, a: String, b: String, x: String, y: String, n: String) {
        self.name = name
        // swift-format-ignore: NeverForceUnwrap
        // The RFC 5639 constants below are valid hexadecimal.
        func value(_ hex: String) -> BigUInt { BigUInt(hex, radix: 16)! }
        self.p = value(p)
        self.a = value(a)
        self.b = value(b)
        self.generator = (value(x), value(y))
        self.n = value(n)
        self.byteCount = (self.p.bitLength + 7) / 8
        let field = MontgomeryField(prime: self.p)
        self.fieldStorage = field
        self.aMontgomery = field.element(self.a)
    }

    /// RFC 5639 §3.4.
    static let brainpoolP256r1 = WeierstrassCurve(
        name: "brainpoolP256r1",
        p: "A9FB57DBA1EEA9BC3E660A909D838D726E3BF623D52620282013481D1F6E5377",
        a: "7D5A0975FC2C3057EEF67530417AFFE7FB8055C126DC5C6CE94A4B44F330B5D9",
        b: "26DC5C6CE94A4B44F330B5D9BBD77CBF958416295CF7E1CE6BCCDC18FF8C07B6",
        x: "8BD2AEB9CB7E57CB2C4B482FFC81B7AFB9DE27E1E3BD23C23A4453BD9ACE3262",
        y: "547EF835C3DAC4FD97F8461A14611DC9C27745132DED8E545C1D54C72F046997",
        n: "A9FB57DBA1EEA9BC3E660A909D838D718C397AA3B561A6F7901E0E82974856A7"
    )

    /// RFC 5639 §3.6.
    static let brainpoolP384r1 = WeierstrassCurve(
        name: "brainpoolP384r1",
        p: "8CB91E82A3386D280F5D6F7E50E641DF152F7109ED5456B412B1DA197FB71123ACD3A729901D1A71874700133107EC53",
        a: "7BC382C63D8C150C3C72080ACE05AFA0C2BEA28E4FB22787139165EFBA91F90F8AA5814A503AD4EB04A8C7DD22CE2826",
        b: "04A8C7DD22CE28268B39B55416F0447C2FB77DE107DCD2A62E880EA53EEB62D57CB4390295DBC9943AB78696FA504C11",
        x: "1D1C64F068CF45FFA2A63A81B7C13F6B8847A3E77EF14FE3DB7FCAFE0CBD10E8E826E03436D646AAEF87B2E247D4AF1E",
        y: "8ABE1D7520F9C2A45CB1EB8E95CFD55262B70B29FEEC5864E19C054FF99129280E4646217791811142820341263C5315",
        n: "8CB91E82A3386D280F5D6F7E50E641DF152F7109ED5456B31F166E6CAC0425A7CF3AB6AF6B7FC3103B883202E9046565"
    )

    /// RFC 5639 §3.7.
    static let brainpoolP512r1 = WeierstrassCurve(
        name: "brainpoolP512r1",
        p:
            "AADD9DB8DBE9C48B3FD4E6AE33C9FC07CB308DB3B3C9D20ED6639CCA703308717D4D9B009BC66842AECDA12AE6A380E62881FF2F2D82C68528AA6056583A48F3",
        a:
            "7830A3318B603B89E2327145AC234CC594CBDD8D3DF91610A83441CAEA9863BC2DED5D5AA8253AA10A2EF1C98B9AC8B57F1117A72BF2C7B9E7C1AC4D77FC94CA",
        b:
            "3DF91610A83441CAEA9863BC2DED5D5AA8253AA10A2EF1C98B9AC8B57F1117A72BF2C7B9E7C1AC4D77FC94CADC083E67984050B75EBAE5DD2809BD638016F723",
        x:
            "81AEE4BDD82ED9645A21322E9C4C6A9385ED9F70B5D916C1B43B62EEF4D0098EFF3B1F78E2D0D48D50D1687B93B97D5F7C6D5047406A5E688B352209BCB9F822",
        y:
            "7DDE385D566332ECC0EABFA9CF7822FDF209F70024A57B1AA000C55B881F8111B2DCDE494A5F485E5BCA4BD88A2763AED1CA2B2FA8F0540678CD1E0F3AD80892",
        n:
            "AADD9DB8DBE9C48B3FD4E6AE33C9FC07CB308DB3B3C9D20ED6639CCA70330870553E5C414CA92619418661197FAC10471DB1D381085DDADDB58796829CA90069"
    )

    /// Whether (x, y) is on the curve, with coordinates below p.
    func contains(x: BigUInt, y: BigUInt) -> Bool {
        guard x < p, y < p else { return false }
        return (y * y) % p == (x * x * x + a * x + b) % p
    }

    /// A point in Jacobian coordinates (X/Z², Y/Z³) in Montgomery form; Z = 0 is the point at infinity.
    struct Point {
        var x: [UInt64]
        var y: [UInt64]
        var z: [UInt64]
    }

    /// F_p in Montgomery form.
    var field: MontgomeryField { fieldStorage }
    private let fieldStorage: MontgomeryField
    private let aMontgomery: [UInt64]

    func infinity() -> Point { Point(x: field.one, y: field.one, z: [UInt64](repeating: 0, count: field.limbCount)) }

    func isInfinity(_ point: Point) -> Bool { field.isZero(point.z) }

    func point(x: BigUInt, y: BigUInt) -> Point { Point(x: field.element(x), y: field.element(y), z: field.one) }

    /// dbl-2007-bl (any a).
    func double(_ point: Point) -> Point {
        let f = field
        if isInfinity(point) || f.isZero(point.y) { return infinity() }
        let xx = f.square(point.x)
        let yy = f.square(point.y)
        let yyyy = f.square(yy)
        let zz = f.square(point.z)
        let xPlusYY = f.add(point.x, yy)
        let halfS = f.subtract(f.subtract(f.square(xPlusYY), xx), yyyy)
        let s = f.add(halfS, halfS)
        let m = f.add(f.add(f.add(xx, xx), xx), f.multiply(aMontgomery, f.square(zz)))
        let x3 = f.subtract(f.square(m), f.add(s, s))
        let twoYYYY = f.add(yyyy, yyyy)
        let fourYYYY = f.add(twoYYYY, twoYYYY)
        let eightYYYY = f.add(fourYYYY, fourYYYY)
        let y3 = f.subtract(f.multiply(m, f.subtract(s, x3)), eightYYYY)
        let z3 = f.subtract(f.subtract(f.square(f.add(point.y, point.z)), yy), zz)
        return Point(x: x3, y: y3, z: z3)
    }

    /// add-2007-bl.
    func add(_ left: Point, _ right: Point) -> Point {
        let f = field
        if isInfinity(left) { return right }
        if isInfinity(right) { return left }
        let z1z1 = f.square(left.z)
        let z2z2 = f.square(right.z)
        let u1 = f.multiply(left.x, z2z2)
        let u2 = f.multiply(right.x, z1z1)
        let s1 = f.multiply(f.multiply(left.y, right.z), z2z2)
        let s2 = f.multiply(f.multiply(right.y, left.z), z1z1)
        if u1 == u2 {
            return s1 == s2 ? double(left) : infinity()
        }
        let h = f.subtract(u2, u1)
        let twoH = f.add(h, h)
        let i = f.square(twoH)
        let j = f.multiply(h, i)
        let difference = f.subtract(s2, s1)
        let r = f.add(difference, difference)
        let v = f.multiply(u1, i)
        let x3 = f.subtract(f.subtract(f.square(r), j), f.add(v, v))
        let s1j = f.multiply(s1, j)
        let y3 = f.subtract(f.multiply(r, f.subtract(v, x3)), f.add(s1j, s1j))
        let z3 = f.multiply(f.subtract(f.subtract(f.square(f.add(left.z, right.z)), z1z1), z2z2), h)
        return Point(x: x3, y: y3, z: z3)
    }

    /// u1·G + u2·Q by Shamir's trick (public scalars).
    func linearCombination(_ u1: BigUInt, _ u2: BigUInt, q: (x: BigUInt, y: BigUInt)) -> Point {
        let g = point(x: generator.x, y: generator.y)
        let qPoint = point(x: q.x, y: q.y)
        let both = add(g, qPoint)
        var result = infinity()
        for bit in stride(from: max(u1.bitLength, u2.bitLength) - 1, through: 0, by: -1) {
            result = double(result)
            switch (u1[bitAt: bit], u2[bitAt: bit]) {
            case (true, true): result = add(result, both)
            case (true, false): result = add(result, g)
            case (false, true): result = add(result, qPoint)
            case (false, false): break
            }
        }
        return result
    }

    /// The affine x-coordinate of a finite point.
    func affineX(_ point: Point) -> BigUInt? {
        guard !isInfinity(point), let zInverse = field.value(point.z).inverse(p) else { return nil }
        return field.value(point.x) * (zInverse * zInverse % p) % p
    }

    /// ECDSA verification (SEC 1 §4.1.4, FIPS 186-5 §6.4.2) of (r, s) over a digest, with key (x, y).
    func isValidSignature(r: BigUInt, s: BigUInt, digest: [UInt8], key: (x: BigUInt, y: BigUInt)) -> Bool {
        guard !r.isZero, r < n, !s.isZero, s < n else { return false }
        let e = DSAPublicKey.leftmostBits(of: digest, count: n.bitLength)
        guard let w = s.inverse(n) else { return false }
        let u1 = e * w % n
        let u2 = r * w % n
        guard let x = affineX(linearCombination(u1, u2, q: key)) else { return false }
        return x % n == r
    }
}

extension BigUInt {
    /// Reads big-endian bytes.
    init(bigEndian bytes: some Collection<UInt8>) {
        self = Array(bytes).withUnsafeBytes { BigUInt($0) }
    }

    /// The number of significant bits.
    var bitLength: Int { bitWidth }

    /// Bit `index` (0 = least significant).
    subscript(bitAt index: Int) -> Bool {
        let word = index / Word.bitWidth
        guard word < words.count else { return false }
        return (words[word] >> Word(index % Word.bitWidth)) & 1 == 1
    }
}
