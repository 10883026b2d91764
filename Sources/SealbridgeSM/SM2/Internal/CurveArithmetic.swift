/// Scalar multiplication on the SM2 curve: constant-time for secret scalars, fast variable-time for verification.
enum CurveArithmetic {
    // MARK: Booth recoding

    /// Signed digit of a (width + 1)-bit window, as (negative mask bit, magnitude). Constant-time; the same
    /// recoding as OpenSSL's `_booth_recode_w7`, generalised to `width`.
    @inline(__always)
    static func boothRecode(_ window: UInt64, width: UInt64) -> (sign: UInt64, magnitude: UInt64) {
        let signMask = ~((window >> width) &- 1)
        var digit = ((1 << (width + 1)) &- window &- 1)
        digit = (digit & signMask) | (window & ~signMask)
        digit = (digit >> 1) &+ (digit & 1)
        return (signMask & 1, digit)
    }

    /// All-ones when `a == b` for small values (< 2^63). Constant-time.
    @inline(__always)
    static func equalMask(_ a: UInt64, _ b: UInt64) -> UInt64 {
        0 &- (((a ^ b) &- 1) >> 63)
    }

    // MARK: k·G, constant-time

    /// k·G for a secret k < n (canonical, not Montgomery). Constant-time: 43 signed 6-bit Booth windows, each
    /// looked up by a masked scan of all 32 entries of its precomputed table, and added with masks for the
    /// zero digit and for the accumulator still at infinity.
    static func multiplyGenerator(_ k: Limbs4) -> JacobianPoint {
        GeneratorTables.comb.withUnsafeBytes { table -> JacobianPoint in
            // swift-format-ignore: NeverForceUnwrap
            // The table is a non-empty static array.
            let raw = table.baseAddress!
            var accumulator = JacobianPoint.infinity
            var accumulatorIsInfinity: UInt64 = ~0
            for windowIndex in 0..<GeneratorTables.combWindowCount {
                let window = k.window(at: windowIndex * 6 - 1, width: 7)
                let (sign, magnitude) = boothRecode(window, width: 6)
                // Masked scan of all 32 entries, 64 bytes each, as 8-lane vectors.
                var lanes = SIMD8<UInt64>(repeating: 0)
                let base = raw + windowIndex * GeneratorTables.combEntriesPerWindow * 64
                for entry in 0..<GeneratorTables.combEntriesPerWindow {
                    let mask = SIMD8<UInt64>(repeating: equalMask(UInt64(entry + 1), magnitude))
                    lanes |= base.loadUnaligned(fromByteOffset: entry * 64, as: SIMD8<UInt64>.self) & mask
                }
                var selected = AffinePoint(
                    x: FieldElement(montgomery: Limbs4(lanes[0], lanes[1], lanes[2], lanes[3])),
                    y: FieldElement(montgomery: Limbs4(lanes[4], lanes[5], lanes[6], lanes[7]))
                )
                selected.y = FieldElement.select(0 &- sign, -selected.y, selected.y)
                let digitIsZero = equalMask(magnitude, 0)
                let sum = accumulator.adding(selected)
                let fresh = JacobianPoint(selected)
                var next = JacobianPoint.select(accumulatorIsInfinity, fresh, sum)
                next = JacobianPoint.select(digitIsZero, accumulator, next)
                accumulator = next
                accumulatorIsInfinity &= digitIsZero
            }
            return accumulator
        }
    }

    // MARK: k·P, constant-time

    /// k·P for a secret k < 2^256 (canonical) and a public point P. Constant-time: 52 signed 5-bit Booth windows
    /// over a table of 1·P…16·P read by masked scan; 5 doublings a window.
    static func multiply(_ point: AffinePoint, by k: Limbs4) -> JacobianPoint {
        var table = [JacobianPoint](repeating: .infinity, count: 16)
        table[0] = JacobianPoint(point)
        table[1] = table[0].doubled
        for index in 2..<16 {
            table[index] = table[index - 1].addingGeneric(table[0]).sum
        }
        return table.withUnsafeBufferPointer { entries -> JacobianPoint in
            var accumulator = JacobianPoint.infinity
            var accumulatorIsInfinity: UInt64 = ~0
            for windowIndex in stride(from: 51, through: 0, by: -1) {
                if windowIndex != 51 {
                    for _ in 0..<5 {
                        accumulator = accumulator.doubled
                    }
                }
                let window = k.window(at: windowIndex * 5 - 1, width: 6)
                let (sign, magnitude) = boothRecode(window, width: 5)
                var selected = JacobianPoint(x: .zero, y: .zero, z: .zero)
                for entry in 0..<16 {
                    let mask = equalMask(UInt64(entry + 1), magnitude)
                    selected = JacobianPoint.select(mask, entries[entry], selected)
                }
                selected.y = FieldElement.select(0 &- sign, -selected.y, selected.y)
                let digitIsZero = equalMask(magnitude, 0)
                let sum = accumulator.addingGeneric(selected).sum
                var next = JacobianPoint.select(accumulatorIsInfinity, selected, sum)
                next = JacobianPoint.select(digitIsZero, accumulator, next)
                accumulator = next
                accumulatorIsInfinity &= digitIsZero
            }
            return accumulator
        }
    }

    // MARK: s·G + t·P, variable-time

    /// The width-w non-adjacent form of a public scalar, least significant digit first (257 digits).
    static func nonAdjacentForm(_ scalar: Limbs4, width: Int) -> [Int8] {
        var digits = [Int8](repeating: 0, count: 257)
        var value = (scalar.l0, scalar.l1, scalar.l2, scalar.l3, UInt64(0))
        let modulus = UInt64(1) << UInt64(width)
        var position = 0
        while position < 257, (value.0 | value.1 | value.2 | value.3 | value.4) != 0 {
            if value.0 & 1 == 1 {
                var digit = Int64(value.0 & (modulus - 1))
                if digit >= Int64(modulus >> 1) {
                    digit -= Int64(modulus)
                }
                digits[position] = Int8(digit)
                // value -= digit (digit may be negative: then add).
                if digit > 0 {
                    var borrow: UInt64 = 0
                    value.0 = subBorrow(value.0, UInt64(digit), &borrow)
                    value.1 = subBorrow(value.1, 0, &borrow)
                    value.2 = subBorrow(value.2, 0, &borrow)
                    value.3 = subBorrow(value.3, 0, &borrow)
                    value.4 = subBorrow(value.4, 0, &borrow)
                } else {
                    var carry: UInt64 = 0
                    value.0 = addCarry(value.0, UInt64(-digit), &carry)
                    value.1 = addCarry(value.1, 0, &carry)
                    value.2 = addCarry(value.2, 0, &carry)
                    value.3 = addCarry(value.3, 0, &carry)
                    value.4 = addCarry(value.4, 0, &carry)
                }
            }
            value.0 = (value.0 >> 1) | (value.1 << 63)
            value.1 = (value.1 >> 1) | (value.2 << 63)
            value.2 = (value.2 >> 1) | (value.3 << 63)
            value.3 = (value.3 >> 1) | (value.4 << 63)
            value.4 >>= 1
            position += 1
        }
        return digits
    }

    /// s·G + t·P for public s, t and P (verification). Variable-time: interleaved width-7 NAF for G (a static
    /// table of odd multiples) and width-5 NAF for P, sharing the 256 doublings.
    static func multiplyGeneratorAndAdd(_ s: Limbs4, _ t: Limbs4, _ point: AffinePoint) -> JacobianPoint {
        let sDigits = nonAdjacentForm(s, width: 7)
        let tDigits = nonAdjacentForm(t, width: 5)
        var jacobianTable = [JacobianPoint](repeating: .infinity, count: 8)
        jacobianTable[0] = JacobianPoint(point)
        let twice = jacobianTable[0].doubled
        for index in 1..<8 {
            jacobianTable[index] = jacobianTable[index - 1].addingPublic(twice)
        }
        // P, 3P, …, 15P to affine with one inversion: each of the ~43 additions then costs 7M + 4S, not 12M + 4S.
        // (Odd multiples of a point of prime order n are never infinity.)
        let pointTable = GeneratorTables.batchAffine(jacobianTable)
        let generatorTable = GeneratorTables.oddMultiples
        var result = JacobianPoint.infinity
        var started = false
        for position in stride(from: 256, through: 0, by: -1) {
            if started {
                result = result.doubled
            }
            let sDigit = Int(sDigits[position])
            if sDigit != 0 {
                let entry = generatorTable[abs(sDigit) >> 1]
                result = result.addingPublic(sDigit > 0 ? entry : entry.negated)
                started = true
            }
            let tDigit = Int(tDigits[position])
            if tDigit != 0 {
                let entry = pointTable[abs(tDigit) >> 1]
                result = result.addingPublic(tDigit > 0 ? entry : entry.negated)
                started = true
            }
        }
        return result
    }
}

extension CurveArithmetic {
    /// k·P from P's signed-comb table, for a public k: 43 Booth windows, each a direct table read and a mixed
    /// addition. Variable-time: verification only.
    static func multiplyPublic(_ k: Limbs4, combTable: [UInt64]) -> JacobianPoint {
        combTable.withUnsafeBufferPointer { table -> JacobianPoint in
            var accumulator = JacobianPoint.infinity
            for windowIndex in 0..<GeneratorTables.combWindowCount {
                let window = k.window(at: windowIndex * 6 - 1, width: 7)
                let (sign, magnitude) = boothRecode(window, width: 6)
                guard magnitude != 0 else { continue }
                let offset = (windowIndex * GeneratorTables.combEntriesPerWindow + Int(magnitude) - 1) * 8
                var entry = AffinePoint(
                    x: FieldElement(
                        montgomery: Limbs4(table[offset], table[offset + 1], table[offset + 2], table[offset + 3])
                    ),
                    y: FieldElement(
                        montgomery: Limbs4(table[offset + 4], table[offset + 5], table[offset + 6], table[offset + 7])
                    )
                )
                if sign == 1 { entry.y = -entry.y }
                accumulator = accumulator.addingPublic(entry)
            }
            return accumulator
        }
    }

    /// s·G + t·P with P's comb table: 86 mixed additions and no doublings (about three times faster than
    /// ``multiplyGeneratorAndAdd(_:_:_:)``, for keys that verify many signatures, such as trust anchors).
    static func multiplyGeneratorAndAdd(_ s: Limbs4, _ t: Limbs4, combTable: [UInt64]) -> JacobianPoint {
        multiplyPublic(s, combTable: GeneratorTables.comb).addingPublic(multiplyPublic(t, combTable: combTable))
    }
}

/// Precomputed multiples of G, built once on first use.
enum GeneratorTables {
    static let combWindowCount = 43
    static let combEntriesPerWindow = 32

    /// For window i in 0..<43 and j in 1...32: j·2^(6i)·G as affine (x, y), 8 limbs each, flat.
    static let comb: [UInt64] = combTable(for: AffinePoint.generator)

    /// The signed-comb table of any point P (same layout as ``comb``): j·2^(6i)·P for 43 windows and j in 1...32.
    /// About 1,400 additions and one inversion to build; afterwards k·P costs 43 mixed additions and no doubling.
    static func combTable(for point: AffinePoint) -> [UInt64] {
        var points: [JacobianPoint] = []
        points.reserveCapacity(combWindowCount * combEntriesPerWindow)
        var base = JacobianPoint(point)
        for _ in 0..<combWindowCount {
            var multiple = base
            for entry in 0..<combEntriesPerWindow {
                points.append(multiple)
                if entry + 1 < combEntriesPerWindow {
                    multiple = multiple.addingPublic(base)
                }
            }
            for _ in 0..<6 {
                base = base.doubled
            }
        }
        var flat: [UInt64] = []
        flat.reserveCapacity(points.count * 8)
        for point in batchAffine(points) {
            flat.append(contentsOf: [point.x.limbs.l0, point.x.limbs.l1, point.x.limbs.l2, point.x.limbs.l3])
            flat.append(contentsOf: [point.y.limbs.l0, point.y.limbs.l1, point.y.limbs.l2, point.y.limbs.l3])
        }
        return flat
    }

    /// G, 3G, 5G, …, 63G as affine points (width-7 NAF digits).
    static let oddMultiples: [AffinePoint] = {
        let generator = JacobianPoint(AffinePoint.generator)
        let twice = generator.doubled
        var points = [generator]
        for index in 1..<32 {
            points.append(points[index - 1].addingPublic(twice))
        }
        return batchAffine(points)
    }()

    /// Converts non-infinite points to affine with one inversion (Montgomery's trick).
    static func batchAffine(_ points: [JacobianPoint]) -> [AffinePoint] {
        var prefix = [FieldElement](repeating: .one, count: points.count)
        var running = FieldElement.one
        for (index, point) in points.enumerated() {
            prefix[index] = running
            running = running * point.z
        }
        var inverse = running.inverse
        var result = [AffinePoint](repeating: AffinePoint(x: .zero, y: .zero), count: points.count)
        for index in stride(from: points.count - 1, through: 0, by: -1) {
            let zInverse = inverse * prefix[index]
            inverse = inverse * points[index].z
            let zInverse2 = zInverse.squared
            result[index] = AffinePoint(x: points[index].x * zInverse2, y: points[index].y * zInverse2 * zInverse)
        }
        return result
    }
}
