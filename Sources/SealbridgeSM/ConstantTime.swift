#if canImport(Glibc)
import Glibc
#endif

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

/// Zeroes `count` bytes at `pointer` in a way the optimiser may not remove (glibc's `explicit_bzero`).
@inline(never)
func memsetZero(_ pointer: UnsafeMutableRawPointer, _ count: Int) {
    #if canImport(Glibc)
    explicit_bzero(pointer, count)
    #else
    // A volatile-style loop through an opaque function.
    let bytes = pointer.assumingMemoryBound(to: UInt8.self)
    var index = 0
    while index < count {
        bytes[index] = 0
        index &+= 1
    }
    #endif
}

/// Fills `buffer` from the operating system's CSPRNG (`getentropy(3)`, i.e. `getrandom(2)`, on Linux).
///
/// - Throws: `SMError.randomFailure` when the system generator fails.
func fillRandom(_ buffer: UnsafeMutableRawBufferPointer) throws {
    guard var base = buffer.baseAddress else { return }
    var remaining = buffer.count
    #if canImport(Glibc)
    while remaining > 0 {
        let count = min(remaining, 256)  // getentropy's limit per call
        guard getentropy(base, count) == 0 else {
            throw SMError.randomFailure(reason: "getentropy failed (errno \(errno)); the system CSPRNG is unavailable")
        }
        base += count
        remaining -= count
    }
    #else
    var generator = SystemRandomNumberGenerator()
    while remaining >= 8 {
        base.storeBytes(of: generator.next(), as: UInt64.self)
        base += 8
        remaining -= 8
    }
    for index in 0..<remaining {
        base.storeBytes(of: UInt8.random(in: 0...255, using: &generator), toByteOffset: index, as: UInt8.self)
    }
    #endif
}

/// Zeroes a secret buffer so that the stores survive optimisation.
@inline(__always)
func wipe(_ buffer: UnsafeMutableRawBufferPointer) {
    if let base = buffer.baseAddress { memsetZero(base, buffer.count) }
}
