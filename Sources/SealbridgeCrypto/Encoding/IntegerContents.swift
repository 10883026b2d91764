extension Array where Element == UInt8 {
    /// The content octets of a non-negative 64-bit INTEGER (X.690 §8.3.2: minimal, a zero octet first when the top
    /// bit is set), for fields kept as content octets (TSTInfo's serial number, a request's nonce). Writing a
    /// magnitude into a DER.Serializer needs none of this: swift-asn1 writes `ArraySlice<UInt8>` as unsigned.
    ///
    /// A static function, not an initialiser, so that `Array.init` passed to `map` never means this.
    package static func integerContents(of value: UInt64) -> [UInt8] {
        var bytes = Array((0..<8).map { UInt8(truncatingIfNeeded: value >> (56 - 8 * $0)) }.drop(while: { $0 == 0 }))
        if let first = bytes.first, first & 0x80 != 0 { bytes.insert(0, at: 0) }
        return bytes.isEmpty ? [0] : bytes
    }
}
