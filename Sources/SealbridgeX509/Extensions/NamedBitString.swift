import SwiftASN1

/// Named-bit BIT STRINGs (keyUsage, ReasonFlags): bit 0 is the most significant bit of the first octet.
extension ASN1BitString {
    /// A BIT STRING of the set bits, trailing zero bits removed and counted as unused (X.690 §11.2.2); no bit set
    /// is an empty string.
    init(namedBits value: UInt16) {
        var octets: [UInt8] = [0, 0]
        for bit in 0..<16 where value & (1 << bit) != 0 {
            octets[bit / 8] |= 0x80 >> UInt8(bit % 8)
        }
        while let last = octets.last, last == 0 { octets.removeLast() }
        self.init(bytes: octets[...], paddingBits: octets.last.map { $0.trailingZeroBitCount } ?? 0)
    }

    /// The first 16 named bits as a mask, bit n at `1 << n`.
    var namedBits: UInt16 {
        var value: UInt16 = 0
        for (byteIndex, byte) in bytes.prefix(2).enumerated() {
            for bit in 0..<8 where byte & (0x80 >> UInt8(bit)) != 0 {
                value |= 1 << UInt16(byteIndex * 8 + bit)
            }
        }
        return value
    }
}
