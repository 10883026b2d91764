/// Compares two byte buffers without branching on their contents.
///
/// - Important: Constant-time in the bytes of `lhs` and `rhs`; their lengths are public.
/// - Returns: `true` when both buffers have the same length and the same bytes.
@inline(never)
public func constantTimeEquals(_ lhs: UnsafeRawBufferPointer, _ rhs: UnsafeRawBufferPointer) -> Bool {
    guard lhs.count == rhs.count else { return false }
    var difference: UInt8 = 0
    for index in 0..<lhs.count {
        difference |= lhs[index] ^ rhs[index]
    }
    return difference == 0
}

/// Compares two byte arrays without branching on their contents.
///
/// - Important: Constant-time in the bytes of `lhs` and `rhs`; their lengths are public.
/// - Returns: `true` when both arrays have the same length and the same bytes.
@inline(never)
public func constantTimeEquals(_ lhs: [UInt8], _ rhs: [UInt8]) -> Bool {
    lhs.withUnsafeBytes { left in rhs.withUnsafeBytes { right in constantTimeEquals(left, right) } }
}

extension Array where Element == UInt8 {
    /// Overwrites every byte with zero (secret buffers, when done with them).
    @inline(never)
    public mutating func zeroize() {
        withUnsafeMutableBytes { buffer in
            guard let base = buffer.baseAddress else { return }
            // A volatile-style loop the optimiser cannot elide: the buffer escapes through an opaque call.
            memsetZero(base, buffer.count)
        }
    }
}

@inline(never)
@_optimize(none)
func memsetZero(_ pointer: UnsafeMutableRawPointer, _ count: Int) {
    for index in 0..<count {
        pointer.storeBytes(of: 0, toByteOffset: index, as: UInt8.self)
    }
}

/// Zeroes a secret buffer so that the stores survive optimisation.
@inline(__always)
func wipe(_ buffer: UnsafeMutableRawBufferPointer) {
    if let base = buffer.baseAddress { memsetZero(base, buffer.count) }
}
