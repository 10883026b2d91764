// Generated (tower-field derivation, Boyar–Peralta linear-layer search, exhaustive check against the S-box
// table); do not edit by hand. The generator scripts are sm4_field.py, gen_sbox.py, schedule.py, gen_swift.py.

/// SM4's S-box as a boolean circuit of 36 ANDs and 87 XORs: no table and no branch, so constant-time.
///
/// SM4's S-box is affine, GF(2⁸) inverse, affine: S(t) = A·(A·t ⊕ C)⁻¹ ⊕ C (GB/T 32907-2016, with
/// A the circulant matrix of row 0xA7 and C = 0xD3). The circuit computes S″(u) = A·(A·u)⁻¹, which has no
/// constants, so S(t) = S″(t ⊕ c′) ⊕ C with c′ = A⁻¹·C. The inverse runs in the tower field GF(((2²)²)²):
/// one GF(2⁴) product, a GF(2⁴) inverse and two GF(2⁴) products, each product a 9-AND Karatsuba split; the
/// linear layers around them were shortened with the Boyar–Peralta heuristic and the whole circuit checked
/// against the table on all 256 inputs.
///
/// Each operand is a bit plane: bit `i` of the S-box input for every lane at once. With planes `t >> i`
/// of a word, the lanes at bits 0, 8, 16, … are the word's bytes; with transposed planes every bit is a lane.
enum SM4SBoxCircuit {
    /// c′ = A⁻¹·C: XOR it into every byte of the input (callers fold it into the round keys).
    static let inputConstant: UInt8 = 0x75
    /// C: XOR it into every byte of the output (callers fold it into the round keys).
    static let outputConstant: UInt8 = 0xD3

    /// S″ on eight bit planes of `UInt64`; `x0` is the least significant input bit, `y0` the output's.
    @inline(__always)
    static func apply(
        _ x0: UInt64,
        _ x1: UInt64,
        _ x2: UInt64,
        _ x3: UInt64,
        _ x4: UInt64,
        _ x5: UInt64,
        _ x6: UInt64,
        _ x7: UInt64
    ) -> (
        y0: UInt64, y1: UInt64, y2: UInt64, y3: UInt64,
        y4: UInt64, y5: UInt64, y6: UInt64, y7: UInt64
    ) {
        let t1 = x0 ^ x6
        let t6 = x2 ^ x7
        let t4 = x4 ^ x5
        let p1 = t6 & x5
        let t13 = x1 ^ t4
        let p6 = x6 & t13
        let t2 = x1 ^ t1
        let t16 = x4 ^ t1
        let t3 = x2 ^ t2
        let t7 = x3 ^ t3
        let t14 = x7 ^ t7
        let d3 = p1 ^ t14
        let t8 = t4 ^ t7
        let t12 = x6 ^ t3
        let d4 = p6 ^ t12
        let t15 = x4 ^ t12
        let p8 = t15 & t2
        let d1 = p8 ^ t4
        let t20 = x5 ^ t3
        let t19 = t6 ^ t8
        let t17 = t2 ^ t13
        let t9 = x6 ^ t8
        let p2 = t19 & t3
        let d8 = p2 ^ d3
        let d9 = d4 ^ d8
        let p0 = t8 & t20
        let t21 = x4 ^ t9
        let t5 = x4 ^ t3
        let t22 = t13 ^ t21
        let d2 = p0 ^ t22
        let d7 = p2 ^ d2
        let t18 = x1 ^ t5
        let p3 = t9 & t18
        let t10 = t5 ^ t6
        let p7 = t5 & t17
        let d13 = p7 ^ d9
        let d6 = p7 ^ d1
        let d14 = d6 ^ d7
        let d15 = d13 ^ d14
        let t11 = t9 ^ t10
        let p4 = t10 & t16
        let d10 = p3 ^ p4
        let d12 = d8 ^ d10
        let p5 = t11 & x2
        let d5 = p4 ^ p5
        let d11 = d5 ^ d7
        let d18 = d12 ^ d13
        let d17 = d11 ^ d14
        let m0 = d12 & d13
        let d16 = d11 ^ d12
        let m1 = d11 & d14
        let el0 = m1 ^ m0
        let el = el0 ^ d17
        let mx = d16 & d15
        let eh0 = mx ^ m0
        let ox = d15 & el
        let eh = eh0 ^ d18
        let o1 = d14 & eh
        let ex = eh ^ el
        let o0 = d13 & ex
        let n0 = d18 & ex
        let n1 = d17 & eh
        let d19 = d17 ^ d18
        let nx = d19 & el
        let g0h = ox ^ o0
        let g0x = ox ^ o1
        let g0l = o1 ^ o0
        let q4 = g0l & t10
        let q3 = g0h & t9
        let q5 = g0x & t11
        let r3 = g0h & t18
        let r5 = g0x & x2
        let r4 = g0l & t16
        let g1l = n1 ^ n0
        let r1 = g1l & x5
        let ll = g1l ^ g0l
        let q1 = g1l & t6
        let q7 = ll & t5
        let r7 = ll & t17
        let g1h = nx ^ n0
        let g1x = nx ^ n1
        let r0 = g1h & t20
        let q2 = g1x & t19
        let q0 = g1h & t8
        let hh = g1h ^ g0h
        let q6 = hh & x6
        let r6 = hh & t13
        let al = g1x ^ g0x
        let r2 = g1x & t3
        let b5 = r1 ^ r6
        let r8 = al & t2
        let q8 = al & t15
        let b8 = q0 ^ q2
        let b15 = r7 ^ b5
        let b18 = r8 ^ b5
        let b10 = q7 ^ r1
        let b11 = r3 ^ b10
        let b1 = q7 ^ r2
        let b4 = r4 ^ b1
        let b6 = q4 ^ b4
        let b13 = q5 ^ b6
        let b7 = q3 ^ b6
        let b30 = b1 ^ b13
        let b12 = q1 ^ b7
        let b14 = q2 ^ b12
        let b22 = b7 ^ b15
        let b23 = q6 ^ b22
        let b24 = r4 ^ b23
        let b29 = q8 ^ b15
        let b31 = b29 ^ b30
        let b2 = q8 ^ r0
        let b32 = b14 ^ b31
        let b19 = r0 ^ b18
        let b3 = r5 ^ b2
        let b16 = b3 ^ b13
        let b9 = b3 ^ b8
        let b20 = b4 ^ b9
        let b17 = b9 ^ b11
        let b21 = b11 ^ b14
        let b25 = b14 ^ b17
        let b26 = q7 ^ b25
        let b27 = r5 ^ b26
        let b28 = b18 ^ b27
        return (b21, b24, b28, b32, b16, b20, b19, b17)
    }

    /// Slots of `spill` that `apply(_:_:spill:)` uses.
    static let spillCount = 40

    /// S″ on eight bit planes read from `input`, written to `output` (`[0]` least significant).
    ///
    /// The circuit (depth 30) runs in segments of depth 10; values that cross a
    /// segment go through `spill`. LLVM's SLP vectorizer looks a bounded depth up from each store, so without
    /// the stores it would split the vector lanes into scalar operations.
    @inline(__always)
    static func apply<Lane: SM4BitslicedLane>(
        _ input: UnsafePointer<Lane>,
        _ output: UnsafeMutablePointer<Lane>,
        spill: UnsafeMutablePointer<Lane>
    ) {
        let x0 = input[0]
        let x1 = input[1]
        let x2 = input[2]
        let x3 = input[3]
        let x4 = input[4]
        let x5 = input[5]
        let x6 = input[6]
        let x7 = input[7]
        let t1 = x0 ^ x6
        let t6 = x2 ^ x7
        spill[0] = t6
        let t4 = x4 ^ x5
        let p1 = t6 & x5
        let t13 = x1 ^ t4
        spill[1] = t13
        let p6 = x6 & t13
        let t2 = x1 ^ t1
        spill[3] = t2
        let t16 = x4 ^ t1
        spill[2] = t16
        let t3 = x2 ^ t2
        spill[5] = t3
        let t7 = x3 ^ t3
        let t14 = x7 ^ t7
        let d3 = p1 ^ t14
        let t8 = t4 ^ t7
        spill[12] = t8
        let t12 = x6 ^ t3
        let d4 = p6 ^ t12
        let t15 = x4 ^ t12
        spill[10] = t15
        let p8 = t15 & t2
        let d1 = p8 ^ t4
        let t20 = x5 ^ t3
        spill[6] = t20
        let t19 = t6 ^ t8
        spill[13] = t19
        let t17 = t2 ^ t13
        spill[4] = t17
        let t9 = x6 ^ t8
        spill[14] = t9
        let p2 = t19 & t3
        spill[15] = p2
        let d8 = p2 ^ d3
        let d9 = d4 ^ d8
        spill[21] = d9
        let p0 = t8 & t20
        let t21 = x4 ^ t9
        let t5 = x4 ^ t3
        spill[7] = t5
        let t22 = t13 ^ t21
        let d2 = p0 ^ t22
        spill[19] = d2
        let d7 = spill[15] ^ spill[19]
        let t18 = x1 ^ t5
        spill[11] = t18
        let p3 = t9 & t18
        let t10 = t5 ^ t6
        spill[9] = t10
        let p7 = t5 & t17
        spill[8] = p7
        let d13 = spill[8] ^ spill[21]
        let d6 = p7 ^ d1
        spill[17] = d6
        let d14 = spill[17] ^ d7
        let d15 = d13 ^ d14
        let t11 = t9 ^ t10
        spill[16] = t11
        let p4 = t10 & t16
        let d10 = p3 ^ p4
        let d12 = d8 ^ d10
        spill[18] = d12
        let p5 = t11 & x2
        let d5 = p4 ^ p5
        spill[20] = d5
        let d11 = spill[20] ^ d7
        let d18 = spill[18] ^ d13
        let d17 = d11 ^ d14
        let m0 = spill[18] & d13
        let d16 = d11 ^ spill[18]
        let m1 = d11 & d14
        let el0 = m1 ^ m0
        let el = el0 ^ d17
        let mx = d16 & d15
        let eh0 = mx ^ m0
        let ox = d15 & el
        let eh = eh0 ^ d18
        let o1 = d14 & eh
        let ex = eh ^ el
        let o0 = d13 & ex
        let n0 = d18 & ex
        let n1 = d17 & eh
        let d19 = d17 ^ d18
        let nx = d19 & el
        let g0h = ox ^ o0
        let g0x = ox ^ o1
        let g0l = o1 ^ o0
        let q4 = g0l & spill[9]
        spill[31] = q4
        let q3 = g0h & spill[14]
        spill[30] = q3
        let q5 = g0x & spill[16]
        spill[23] = q5
        let r3 = g0h & spill[11]
        spill[35] = r3
        let r5 = g0x & x2
        spill[25] = r5
        let r4 = g0l & spill[2]
        spill[36] = r4
        let g1l = n1 ^ n0
        let r1 = g1l & x5
        spill[34] = r1
        let ll = g1l ^ g0l
        spill[27] = ll
        let q1 = g1l & spill[0]
        spill[29] = q1
        let q7 = spill[27] & spill[7]
        let r7 = spill[27] & spill[4]
        let g1h = nx ^ n0
        let g1x = nx ^ n1
        let r0 = g1h & spill[6]
        spill[33] = r0
        let q2 = g1x & spill[13]
        spill[22] = q2
        let q0 = g1h & spill[12]
        spill[28] = q0
        let hh = g1h ^ g0h
        spill[26] = hh
        let q6 = spill[26] & x6
        let r6 = spill[26] & spill[1]
        let al = g1x ^ g0x
        let r2 = g1x & spill[5]
        spill[24] = r2
        let b5 = spill[34] ^ r6
        let r8 = al & spill[3]
        spill[37] = r8
        let q8 = al & spill[10]
        spill[32] = q8
        let b8 = spill[28] ^ spill[22]
        let b15 = r7 ^ b5
        let b18 = spill[37] ^ b5
        spill[38] = b18
        let b10 = q7 ^ spill[34]
        let b11 = spill[35] ^ b10
        let b1 = q7 ^ spill[24]
        let b4 = spill[36] ^ b1
        let b6 = spill[31] ^ b4
        let b13 = spill[23] ^ b6
        let b7 = spill[30] ^ b6
        let b30 = b1 ^ b13
        let b12 = spill[29] ^ b7
        let b14 = spill[22] ^ b12
        let b22 = b7 ^ b15
        let b23 = q6 ^ b22
        let b24 = spill[36] ^ b23
        let b29 = spill[32] ^ b15
        let b31 = b29 ^ b30
        let b2 = spill[32] ^ spill[33]
        let b32 = b14 ^ b31
        let b19 = spill[33] ^ b18
        let b3 = spill[25] ^ b2
        let b16 = b3 ^ b13
        let b9 = b3 ^ b8
        let b20 = b4 ^ b9
        let b17 = b9 ^ b11
        let b21 = b11 ^ b14
        let b25 = b14 ^ b17
        let b26 = q7 ^ b25
        let b27 = spill[25] ^ b26
        spill[39] = b27
        let b28 = spill[38] ^ spill[39]
        output[0] = b21
        output[1] = b24
        output[2] = b28
        output[3] = b32
        output[4] = b16
        output[5] = b20
        output[6] = b19
        output[7] = b17
    }
}
