import SealbridgeCrypto
public import SealbridgeX509
public import SwiftASN1

/// A GeneralizedTime with fractions of a second, as RFC 3161 `genTime` carries it: `YYYYMMDDhhmmss[.f+]Z`, DER
/// form (UTC, no trailing zeros in the fraction, no empty fraction; X.690 §11.7; RFC 3161 §2.4.2).
public struct PreciseTime: Hashable, Comparable, Sendable, CustomStringConvertible, DERImplicitlyTaggable {
    /// The universal tag it is written with unless tagged otherwise.
    public static var defaultIdentifier: ASN1Identifier { .generalizedTime }

    /// Whole seconds since the Unix epoch.
    public let secondsSinceEpoch: Int64
    /// The fraction of a second in nanoseconds (digits beyond the ninth are dropped when read).
    public let nanoseconds: Int

    /// Makes a time.
    public init(secondsSinceEpoch: Int64, nanoseconds: Int = 0) {
        self.secondsSinceEpoch = secondsSinceEpoch
        self.nanoseconds = max(0, min(nanoseconds, 999_999_999))
    }

    /// The time to the second.
    public var x509Time: X509Time { X509Time(secondsSinceEpoch: secondsSinceEpoch) }

    /// Reads a GeneralizedTime node strictly.
    ///
    /// - Throws: `CMSError.malformed` for anything but the DER form.
    public init(derEncoded node: ASN1Node, withIdentifier identifier: ASN1Identifier) throws {
        guard node.identifier == identifier, case .primitive(let bytes) = node.content else {
            throw CMSError.malformed("genTime is not a primitive GeneralizedTime")
        }
        let text = Array(bytes)
        func number(_ start: Int, _ count: Int) throws -> Int {
            guard start + count <= text.count else { throw CMSError.malformed("genTime is truncated") }
            var value = 0
            for byte in text[start..<(start + count)] {
                guard (0x30...0x39).contains(byte) else { throw CMSError.malformed("genTime has a non-digit") }
                value = value * 10 + Int(byte - 0x30)
            }
            return value
        }
        let year = try number(0, 4)
        let month = try number(4, 2)
        let day = try number(6, 2)
        let hour = try number(8, 2)
        let minute = try number(10, 2)
        let second = try number(12, 2)
        guard (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60, second < 60 else {
            throw CMSError.malformed("genTime has an out-of-range field")
        }
        var index = 14
        var nanoseconds = 0
        if index < text.count, text[index] == UInt8(ascii: ".") {
            index += 1
            let start = index
            var scale = 100_000_000
            while index < text.count, (0x30...0x39).contains(text[index]) {
                nanoseconds += Int(text[index] - 0x30) * scale
                scale /= 10
                index += 1
            }
            guard index > start, text[index - 1] != UInt8(ascii: "0") else {
                throw CMSError.malformed("genTime's fraction is empty or ends in 0 (not DER, X.690 §11.7.3)")
            }
        }
        guard index == text.count - 1, text[index] == UInt8(ascii: "Z") else {
            throw CMSError.malformed("genTime must end in Z (UTC)")
        }
        let time = X509Time(year: year, month: month, day: day, hour: hour, minute: minute, second: second)
        self.init(secondsSinceEpoch: time.secondsSinceEpoch, nanoseconds: nanoseconds)
    }

    /// This time with its fraction cut to `fractionDigits` digits (0 to 9).
    public func truncated(toFractionDigits fractionDigits: Int) -> PreciseTime {
        var unit = 1
        for _ in 0..<(9 - max(0, min(fractionDigits, 9))) { unit *= 10 }
        return PreciseTime(secondsSinceEpoch: secondsSinceEpoch, nanoseconds: nanoseconds / unit * unit)
    }

    /// The DER GeneralizedTime: `YYYYMMDDhhmmss`, the fraction without trailing zeros (none when whole), `Z`.
    public func serialize(into coder: inout DER.Serializer, withIdentifier identifier: ASN1Identifier) throws {
        var text = x509Time.description.filter { $0.isNumber }  // from 2030-12-31T08:30:00Z
        if nanoseconds > 0 {
            var fraction = String(nanoseconds)
            fraction = String(repeating: "0", count: 9 - fraction.count) + fraction
            while fraction.hasSuffix("0") { fraction.removeLast() }
            text += "." + fraction
        }
        text += "Z"
        coder.appendPrimitiveNode(identifier: identifier) { $0.append(contentsOf: text.utf8) }
    }

    /// Earlier first.
    public static func < (lhs: PreciseTime, rhs: PreciseTime) -> Bool {
        (lhs.secondsSinceEpoch, lhs.nanoseconds) < (rhs.secondsSinceEpoch, rhs.nanoseconds)
    }

    /// RFC 3339 with the fraction, e.g. `2026-11-29T12:00:00.125Z`.
    public var description: String {
        let whole = x509Time.description
        guard nanoseconds > 0 else { return whole }
        var fraction = String(nanoseconds)
        fraction = String(repeating: "0", count: 9 - fraction.count) + fraction
        while fraction.hasSuffix("0") { fraction.removeLast() }
        return String(whole.dropLast()) + "." + fraction + "Z"
    }
}
