/// GHASH, GCM's universal hash over GF(2¹²⁸) (NIST SP 800-38D §6.4); constant-time.
///
/// Products are carry-less multiplications built from ordinary 64-bit multiplies whose operands keep only every
/// fourth bit, so that carries fall into holes and are masked away (BearSSL's `ghash_ctmul64` method): no table is
/// indexed by anything derived from H or the data, and no branch depends on them. A 128-bit product is three such
/// 64-bit products (Karatsuba) for its low half and three on bit-reversed operands for its high half. Runs of four
/// blocks are multiplied by H⁴, H³, H², H and summed before one reduction.
struct GHash {
    /// A 64-bit operand split into its four interleaved bit classes, for `multiply`.
    struct Operand {
        let class0: UInt64
        let class1: UInt64
        let class2: UInt64
        let class3: UInt64

        @inline(__always)
        init(_ value: UInt64) {
            class0 = value & GHash.mask0
            class1 = value & GHash.mask1
            class2 = value & GHash.mask2
            class3 = value & GHash.mask3
        }
    }

    /// A power of H, split for Karatsuba: the halves, their sum, and the bit reversals of all three.
    struct Power {
        let high: Operand
        let low: Operand
        let sum: Operand
        let highReversed: Operand
        let lowReversed: Operand
        let sumReversed: Operand

        init(high: UInt64, low: UInt64) {
            self.high = Operand(high)
            self.low = Operand(low)
            sum = Operand(high ^ low)
            highReversed = Operand(GHash.reverse(high))
            lowReversed = Operand(GHash.reverse(low))
            sumReversed = Operand(GHash.reverse(high) ^ GHash.reverse(low))
        }
    }

    /// An unreduced 256-bit product, as the six partial products Karatsuba recombines.
    struct Product {
        var low = 0 as UInt64
        var high = 0 as UInt64
        var sum = 0 as UInt64
        var lowReversed = 0 as UInt64
        var highReversed = 0 as UInt64
        var sumReversed = 0 as UInt64

        /// Adds (XORs) `high ‖ low` · `power`.
        @inline(__always)
        mutating func add(high x1: UInt64, low x0: UInt64, times power: Power) {
            let x1r = GHash.reverse(x1)
            let x0r = GHash.reverse(x0)
            low ^= GHash.multiply(x0, power.low)
            high ^= GHash.multiply(x1, power.high)
            sum ^= GHash.multiply(x0 ^ x1, power.sum)
            lowReversed ^= GHash.multiply(x0r, power.lowReversed)
            highReversed ^= GHash.multiply(x1r, power.highReversed)
            sumReversed ^= GHash.multiply(x0r ^ x1r, power.sumReversed)
        }

        /// The product reduced modulo x¹²⁸ + x⁷ + x² + x + 1, in GCM's reflected bit order.
        @inline(__always)
        func reduced() -> (high: UInt64, low: UInt64) {
            let z0 = low
            let z1 = high
            let z2 = sum ^ low ^ high
            let z0h = GHash.reverse(lowReversed) &>> 1
            let z1h = GHash.reverse(highReversed) &>> 1
            let z2h = GHash.reverse(sumReversed ^ lowReversed ^ highReversed) &>> 1

            // The 256-bit product v3‖v2‖v1‖v0 of the bit-reflected operands, shifted into GCM's bit order.
            var v0 = z0
            var v1 = z0h ^ z2
            var v2 = z1 ^ z2h
            var v3 = z1h
            v3 = v3 &<< 1 | v2 &>> 63
            v2 = v2 &<< 1 | v1 &>> 63
            v1 = v1 &<< 1 | v0 &>> 63
            v0 = v0 &<< 1

            v2 ^= v0 ^ v0 &>> 1 ^ v0 &>> 2 ^ v0 &>> 7
            v1 ^= v0 &<< 63 ^ v0 &<< 62 ^ v0 &<< 57
            v3 ^= v1 ^ v1 &>> 1 ^ v1 &>> 2 ^ v1 &>> 7
            v2 ^= v1 &<< 63 ^ v1 &<< 62 ^ v1 &<< 57
            return (v3, v2)
        }
    }

    static let mask0: UInt64 = 0x1111_1111_1111_1111
    static let mask1: UInt64 = 0x2222_2222_2222_2222
    static let mask2: UInt64 = 0x4444_4444_4444_4444
    static let mask3: UInt64 = 0x8888_8888_8888_8888

    /// H.
    private let key: Power
    /// H⁴, H³, H², made when a run of four blocks first comes.
    private var powers: [Power] = []
    /// The running value Y, high and low halves (the first and last eight bytes, big-endian).
    private var y1: UInt64 = 0
    private var y0: UInt64 = 0

    /// Starts a hash under `high ‖ low` = H = E_K(0¹²⁸).
    init(high: UInt64, low: UInt64) {
        key = Power(high: high, low: low)
    }

    /// The hash so far, as the sixteen bytes' halves.
    var value: (high: UInt64, low: UInt64) { (y1, y0) }

    /// Absorbs `bytes`, zero-padding a final partial block (as GCM pads A and C).
    mutating func update(_ bytes: UnsafeRawBufferPointer) {
        guard let base = bytes.baseAddress else { return }
        @inline(__always)
        func half(_ offset: Int) -> UInt64 {
            UInt64(bigEndian: base.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
        }
        let whole = bytes.count & ~15
        var offset = 0
        if whole >= 64 {
            if powers.isEmpty {
                makePowers()
            }
            powers.withUnsafeBufferPointer { powers in
                while whole - offset >= 64 {
                    var product = Product()
                    product.add(high: y1 ^ half(offset), low: y0 ^ half(offset &+ 8), times: powers[0])
                    product.add(high: half(offset &+ 16), low: half(offset &+ 24), times: powers[1])
                    product.add(high: half(offset &+ 32), low: half(offset &+ 40), times: powers[2])
                    product.add(high: half(offset &+ 48), low: half(offset &+ 56), times: key)
                    (y1, y0) = product.reduced()
                    offset &+= 64
                }
            }
        }
        while offset < whole {
            update(high: half(offset), low: half(offset &+ 8))
            offset &+= 16
        }
        if whole < bytes.count {
            var high: UInt64 = 0
            var low: UInt64 = 0
            for index in whole..<bytes.count {
                let byte = UInt64(base.load(fromByteOffset: index, as: UInt8.self))
                let position = index &- whole
                if position < 8 {  // positions are public; the byte values are not branched on
                    high |= byte &<< UInt64(56 &- 8 &* position)
                } else {
                    low |= byte &<< UInt64(120 &- 8 &* position)
                }
            }
            update(high: high, low: low)
        }
    }

    /// Absorbs one block: Y = (Y ⊕ X) · H.
    @inline(__always)
    mutating func update(high: UInt64, low: UInt64) {
        var product = Product()
        product.add(high: y1 ^ high, low: y0 ^ low, times: key)
        (y1, y0) = product.reduced()
    }

    /// H², H³ and H⁴, stored highest first.
    private mutating func makePowers() {
        var square = Product()
        square.add(high: key.high.value, low: key.low.value, times: key)
        let h2 = square.reduced()
        var cube = Product()
        cube.add(high: h2.high, low: h2.low, times: key)
        let h3 = cube.reduced()
        var fourth = Product()
        fourth.add(high: h3.high, low: h3.low, times: key)
        let h4 = fourth.reduced()
        powers = [
            Power(high: h4.high, low: h4.low), Power(high: h3.high, low: h3.low), Power(high: h2.high, low: h2.low),
        ]
    }

    /// The low 64 bits of the carry-less product of `x` and `y`.
    @inline(__always)
    static func multiply(_ x: UInt64, _ y: Operand) -> UInt64 {
        let x0 = x & mask0
        let x1 = x & mask1
        let x2 = x & mask2
        let x3 = x & mask3
        let z0 = (x0 &* y.class0) ^ (x1 &* y.class3) ^ (x2 &* y.class2) ^ (x3 &* y.class1)
        let z1 = (x0 &* y.class1) ^ (x1 &* y.class0) ^ (x2 &* y.class3) ^ (x3 &* y.class2)
        let z2 = (x0 &* y.class2) ^ (x1 &* y.class1) ^ (x2 &* y.class0) ^ (x3 &* y.class3)
        let z3 = (x0 &* y.class3) ^ (x1 &* y.class2) ^ (x2 &* y.class1) ^ (x3 &* y.class0)
        return (z0 & mask0) | (z1 & mask1) | (z2 & mask2) | (z3 & mask3)
    }

    /// `x` with its 64 bits in reverse order.
    @inline(__always)
    static func reverse(_ x: UInt64) -> UInt64 {
        var x = x
        x = (x & 0x5555_5555_5555_5555) &<< 1 | (x &>> 1) & 0x5555_5555_5555_5555
        x = (x & 0x3333_3333_3333_3333) &<< 2 | (x &>> 2) & 0x3333_3333_3333_3333
        x = (x & 0x0F0F_0F0F_0F0F_0F0F) &<< 4 | (x &>> 4) & 0x0F0F_0F0F_0F0F_0F0F
        return x.byteSwapped
    }
}

extension GHash.Operand {
    /// The operand put back together.
    var value: UInt64 { class0 | class1 | class2 | class3 }
}
