import SwiftASN1

extension ASN1BitString {
    /// A BIT STRING with named bits (keyUsage, ReasonFlags): bit 0 is the most significant bit of the first octet,
    /// trailing zero bits are removed and counted as unused (X.690 §11.2.2); no bit set is an empty string.
    init(namedBits value: UInt16) {
        var octets: [UInt8] = [UInt8(truncatingIfNeeded: 0), 0]
        for bit in 0..<16 where value & (1 << bit) != 0 {
            octets[bit / 8] |= 0x80 >> UInt8(bit % 8)
        }
        while let last = octets.last, last == 0 { octets.removeLast() }
        let unused = octets.last.map { $0.trailingZeroBitCount } ?? 0
        self.init(bytes: octets[...], paddingBits: unused)
    }
}
