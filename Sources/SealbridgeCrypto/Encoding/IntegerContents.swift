extension Array where Element == UInt8 {
    /// The content octets of the non-negative INTEGER whose big-endian magnitude is given: leading zeros removed,
    /// one zero octet prepended when the top bit is set, one zero octet for zero (X.690 §8.3.2).
    ///
    /// A static function, not an initialiser, so that `Array.init` passed to `map` never means this.
    package static func integerContents(ofMagnitude magnitude: some Collection<UInt8>) -> [UInt8] {
        var bytes = Array(magnitude.drop(while: { $0 == 0 }))
        if let first = bytes.first, first & 0x80 != 0 { bytes.insert(0, at: 0) }
        return bytes.isEmpty ? [0] : bytes
    }

    /// The content octets of a non-negative 64-bit INTEGER.
    package static func integerContents(of value: UInt64) -> [UInt8] {
        integerContents(ofMagnitude: (0..<8).map { UInt8(truncatingIfNeeded: value >> (56 - 8 * $0)) })
    }
}
