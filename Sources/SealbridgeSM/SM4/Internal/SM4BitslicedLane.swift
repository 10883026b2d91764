/// A bit plane for `SM4Bitsliced`: bit `b` of element `e` holds the bit of block `64e + b`.
///
/// `UInt64` carries 64 blocks; `SIMD2<UInt64>` carries 128 in SSE registers, which pays off from 65 blocks on.
protocol SM4BitslicedLane {
    /// Blocks per plane: 64 per `UInt64` element.
    static var blockCount: Int { get }
    /// The plane with `value` in every element.
    init(broadcasting value: UInt64)
    static func & (lhs: Self, rhs: Self) -> Self
    static func ^ (lhs: Self, rhs: Self) -> Self
    static func | (lhs: Self, rhs: Self) -> Self
    static func &<< (lhs: Self, rhs: UInt64) -> Self
    static func &>> (lhs: Self, rhs: UInt64) -> Self
    /// S″ (`SM4SBoxCircuit`) on the eight planes at `input`, into `output`; `spill` is scratch.
    static func substitute(
        _ input: UnsafePointer<Self>,
        _ output: UnsafeMutablePointer<Self>,
        spill: UnsafeMutablePointer<Self>
    )
}

extension UInt64: SM4BitslicedLane {
    static var blockCount: Int { 64 }

    @inline(__always)
    init(broadcasting value: UInt64) {
        self = value
    }

    /// The circuit in registers: general-purpose registers spill better than the explicit segments.
    @inline(__always)
    static func substitute(
        _ input: UnsafePointer<UInt64>,
        _ output: UnsafeMutablePointer<UInt64>,
        spill: UnsafeMutablePointer<UInt64>
    ) {
        let y = SM4SBoxCircuit.apply(input[0], input[1], input[2], input[3], input[4], input[5], input[6], input[7])
        output[0] = y.y0
        output[1] = y.y1
        output[2] = y.y2
        output[3] = y.y3
        output[4] = y.y4
        output[5] = y.y5
        output[6] = y.y6
        output[7] = y.y7
    }
}

extension SIMD2: SM4BitslicedLane where Scalar == UInt64 {
    static var blockCount: Int { 128 }

    @inline(__always)
    init(broadcasting value: UInt64) {
        self.init(repeating: value)
    }

    /// The circuit in segments, so that it stays in SSE registers (see `SM4SBoxCircuit.apply(_:_:spill:)`).
    @inline(__always)
    static func substitute(
        _ input: UnsafePointer<SIMD2<UInt64>>,
        _ output: UnsafeMutablePointer<SIMD2<UInt64>>,
        spill: UnsafeMutablePointer<SIMD2<UInt64>>
    ) {
        SM4SBoxCircuit.apply(input, output, spill: spill)
    }
}
