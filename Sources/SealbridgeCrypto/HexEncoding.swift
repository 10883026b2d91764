/// Lowercase hexadecimal text of bytes, the one encoder and decoder the libraries and the CLI share (serials, key
/// identifiers, name-index keys, `x509 show`, digests given on the command line).
public enum HexEncoding {
    /// The bytes of hexadecimal `text` (either case); `nil` for an odd number of digits or any other character.
    public static func decode(_ text: some StringProtocol) -> [UInt8]? {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count / 2)
        var high: UInt8?
        for character in text.utf8 {
            let value: UInt8
            switch character {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): value = character - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): value = character - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): value = character - UInt8(ascii: "A") + 10
            default: return nil
            }
            if let first = high {
                bytes.append(first << 4 | value)
                high = nil
            } else {
                high = value
            }
        }
        return high == nil ? bytes : nil
    }

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
