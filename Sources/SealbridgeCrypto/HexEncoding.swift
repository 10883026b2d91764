/// Lowercase hexadecimal text of bytes, the one encoder the libraries and the CLI share (serials, key
/// identifiers, name-index keys, `x509 show`).
public enum HexEncoding {
    /// `bytes` as lowercase hex, two digits a byte.
    @inlinable
    public static func encode<Bytes: Sequence>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.underestimatedCount * 2)
        for byte in bytes {
            let high = byte >> 4
            let low = byte & 0x0F
            out.append(high < 10 ? 0x30 + high : 0x57 + high)
            out.append(low < 10 ? 0x30 + low : 0x57 + low)
        }
        return String(decoding: out, as: UTF8.self)
    }
}
