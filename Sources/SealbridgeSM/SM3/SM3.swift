/// The SM3 cryptographic hash function (GB/T 32905-2016, ISO/IEC 10118-3:2018): 256-bit digests.
///
/// Hash in one call with ``hash(_:)-([UInt8])``, or incrementally with ``update(_:)-([UInt8])`` and
/// ``finalize()``. A value type: copying a partially updated hasher forks it.
///
/// ```swift
/// var hasher = SM3()
/// hasher.update(Array("abc".utf8))
/// let digest = hasher.finalize()  // 66c7f0f4…8f4ba8e0
/// ```
public struct SM3: Sendable {
    /// The length of a digest in bytes.
    public static let digestByteCount = 32
    /// The length of a block in bytes.
    public static let blockByteCount = 64

    /// The chaining value V (eight 32-bit words A…H).
    struct State: Sendable {
        var a: UInt32 = 0x7380_166F
        var b: UInt32 = 0x4914_B2B9
        var c: UInt32 = 0x1724_42D7
        var d: UInt32 = 0xDA8A_0600
        var e: UInt32 = 0xA96F_30BC
        var f: UInt32 = 0x1631_38AA
        var g: UInt32 = 0xE38D_EE4D
        var h: UInt32 = 0xB0FB_0E4E
    }

    private var state = State()
    /// Bytes waiting for a full block; only the first `pendingCount` are meaningful.
    private var pending: (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0, 0, 0, 0, 0)
    private var pendingCount = 0
    /// Total bytes hashed so far. SM3 defines messages up to 2^64 − 1 bits; we count bytes in 64 bits and
    /// multiply by 8 with wrapping at the end, as every implementation does.
    private var totalByteCount: UInt64 = 0

    /// Makes a hasher with the standard initial value IV.
    public init() {}

    /// Adds the bytes of `buffer` to the message.
    public mutating func update(_ buffer: UnsafeRawBufferPointer) {
        guard var base = buffer.baseAddress, buffer.count > 0 else { return }
        var remaining = buffer.count
        totalByteCount &+= UInt64(truncatingIfNeeded: remaining)
        if pendingCount > 0 {
            let take = Swift.min(SM3.blockByteCount - pendingCount, remaining)
            let filled = pendingCount
            withUnsafeMutableBytes(of: &pending) { pendingBytes in
                // swift-format-ignore: NeverForceUnwrap
                // A tuple of 64 bytes always has a base address.
                pendingBytes.baseAddress!.advanced(by: filled).copyMemory(from: base, byteCount: take)
            }
            pendingCount += take
            base += take
            remaining -= take
            guard pendingCount == SM3.blockByteCount else { return }
            withUnsafeBytes(of: pending) { pendingBytes in
                // swift-format-ignore: NeverForceUnwrap
                // A tuple of 64 bytes always has a base address.
                SM3.compress(&state, pendingBytes.baseAddress!, blockCount: 1)
            }
            pendingCount = 0
        }
        let blocks = remaining / SM3.blockByteCount
        if blocks > 0 {
            SM3.compress(&state, base, blockCount: blocks)
            base += blocks * SM3.blockByteCount
            remaining -= blocks * SM3.blockByteCount
        }
        if remaining > 0 {
            withUnsafeMutableBytes(of: &pending) { pendingBytes in
                // swift-format-ignore: NeverForceUnwrap
                // A tuple of 64 bytes always has a base address.
                pendingBytes.baseAddress!.copyMemory(from: base, byteCount: remaining)
            }
            pendingCount = remaining
        }
    }

    /// Adds `bytes` to the message.
    public mutating func update(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { update($0) }
    }

    /// Adds `bytes` to the message.
    public mutating func update(_ bytes: ArraySlice<UInt8>) {
        bytes.withUnsafeBytes { update($0) }
    }

    /// Pads the message (GB/T 32905-2016 §5.2) and writes the 32-byte digest to `output`.
    ///
    /// - Parameter output: At least 32 writable bytes.
    func finalize(into output: UnsafeMutableRawPointer) {
        var copy = self
        let bitLength = totalByteCount &* 8
        var padding: (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0)
        // 0x80, zeros, then the 64-bit big-endian bit length, so that the total is a multiple of 64.
        let padLength = (pendingCount < 56 ? 56 - pendingCount : 120 - pendingCount)
        withUnsafeMutableBytes(of: &padding) { pad in
            pad[0] = 0x80
            pad.storeBytes(of: bitLength.bigEndian, toByteOffset: padLength, as: UInt64.self)
            copy.update(UnsafeRawBufferPointer(rebasing: pad[0..<(padLength + 8)]))
        }
        let state = copy.state
        output.storeBytes(of: state.a.bigEndian, toByteOffset: 0, as: UInt32.self)
        output.storeBytes(of: state.b.bigEndian, toByteOffset: 4, as: UInt32.self)
        output.storeBytes(of: state.c.bigEndian, toByteOffset: 8, as: UInt32.self)
        output.storeBytes(of: state.d.bigEndian, toByteOffset: 12, as: UInt32.self)
        output.storeBytes(of: state.e.bigEndian, toByteOffset: 16, as: UInt32.self)
        output.storeBytes(of: state.f.bigEndian, toByteOffset: 20, as: UInt32.self)
        output.storeBytes(of: state.g.bigEndian, toByteOffset: 24, as: UInt32.self)
        output.storeBytes(of: state.h.bigEndian, toByteOffset: 28, as: UInt32.self)
    }

    /// Finishes the message and returns its 32-byte digest. The hasher itself is left as it was.
    public func finalize() -> [UInt8] {
        [UInt8](unsafeUninitializedCapacity: SM3.digestByteCount) { buffer, count in
            // swift-format-ignore: NeverForceUnwrap
            // A buffer of 32 bytes always has a base address.
            finalize(into: UnsafeMutableRawPointer(buffer.baseAddress!))
            count = SM3.digestByteCount
        }
    }

    /// The SM3 digest of `bytes`.
    public static func hash(_ bytes: [UInt8]) -> [UInt8] {
        var hasher = SM3()
        hasher.update(bytes)
        return hasher.finalize()
    }

    /// The SM3 digest of the bytes in `buffer`.
    public static func hash(_ buffer: UnsafeRawBufferPointer) -> [UInt8] {
        var hasher = SM3()
        hasher.update(buffer)
        return hasher.finalize()
    }
}
