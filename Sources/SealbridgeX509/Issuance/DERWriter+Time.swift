import SealbridgeCrypto

extension DERWriter {
    /// A Time: UTCTime for 1950–2049, GeneralizedTime otherwise (RFC 5652 §11.3, RFC 5280 §4.1.2.5).
    package static func time(_ time: X509Time) -> [UInt8] {
        let digits = time.description.filter(\.isNumber)  // YYYYMMDDhhmmss
        let year = Int(digits.prefix(4)) ?? 0
        if (1950...2049).contains(year) {
            let text = Array(digits.dropFirst(2).utf8) + [UInt8(ascii: "Z")]
            return header(0x17, length: text.count) + text
        }
        let text = Array(digits.utf8) + [UInt8(ascii: "Z")]
        return header(0x18, length: text.count) + text
    }
}
