import Foundation
public import SwiftASN1

/// A point in time as X.509 carries it (`Time ::= CHOICE { utcTime UTCTime, generalTime GeneralizedTime }`), as
/// seconds since 1970-01-01T00:00:00Z. RFC 5280 §4.1.2.5: UTCTime years 50–99 are 19xx, 00–49 are 20xx; both forms
/// are UTC ("Z") in DER, which swift-asn1 enforces.
public struct X509Time: Hashable, Comparable, Sendable, CustomStringConvertible, DERSerializable {
    /// Seconds since the Unix epoch (negative before 1970).
    public let secondsSinceEpoch: Int64
    /// Whether it was written as UTCTime (RFC 5280 requires UTCTime through 2049).
    public let isUTCTime: Bool

    /// Makes a time from seconds since the epoch.
    public init(secondsSinceEpoch: Int64, isUTCTime: Bool = false) {
        self.secondsSinceEpoch = secondsSinceEpoch
        self.isUTCTime = isUTCTime
    }

    /// The current time, to the second.
    public static var now: X509Time { X509Time(secondsSinceEpoch: Int64(Date().timeIntervalSince1970.rounded(.down))) }

    /// Makes a time from a UTC calendar date and time of day (proleptic Gregorian calendar).
    public init(year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int) {
        self.init(secondsSinceEpoch: X509Time.seconds(year, month, day, hour, minute, second))
    }

    /// Reads a UTCTime or GeneralizedTime node.
    ///
    /// - Throws: `ASN1Error` for malformed time; `X509Error.malformedDER` for another type.
    public init(derEncoded node: ASN1Node) throws {
        switch node.identifier {
        case .utcTime:
            let time = try UTCTime(derEncoded: node)
            self.init(
                secondsSinceEpoch: X509Time.seconds(
                    time.year,
                    time.month,
                    time.day,
                    time.hours,
                    time.minutes,
                    time.seconds
                ),
                isUTCTime: true
            )
        case .generalizedTime:
            self.init(try GeneralizedTime(derEncoded: node))
        default:
            throw X509Error.malformedDER(reason: "a Time must be UTCTime or GeneralizedTime; got \(node.identifier)")
        }
    }

    /// A GeneralizedTime to the second (fractions dropped).
    init(_ time: GeneralizedTime) {
        self.init(
            secondsSinceEpoch: X509Time.seconds(time.year, time.month, time.day, time.hours, time.minutes, time.seconds)
        )
    }

    /// Reads an RFC 3339 date-time, e.g. `2030-12-31T08:30:00Z` or `2030-12-31T16:30:00.25+08:00` (fractions of
    /// a second are dropped).
    ///
    /// - Returns: nil when `text` is not RFC 3339.
    public init?(rfc3339 text: String) {
        let bytes = Array(text.utf8)
        func number(_ start: Int, _ count: Int) -> Int? {
            guard start + count <= bytes.count else { return nil }
            var value = 0
            for byte in bytes[start..<(start + count)] {
                guard (0x30...0x39).contains(byte) else { return nil }
                value = value * 10 + Int(byte - 0x30)
            }
            return value
        }
        func byte(_ index: Int) -> UInt8? { index < bytes.count ? bytes[index] : nil }
        guard let year = number(0, 4), byte(4) == 0x2D, let month = number(5, 2), byte(7) == 0x2D,
            let day = number(8, 2), let separator = byte(10),
            separator == 0x54 || separator == 0x74 || separator == 0x20,
            let hour = number(11, 2), byte(13) == 0x3A, let minute = number(14, 2), byte(16) == 0x3A,
            let second = number(17, 2),
            (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60, second <= 60
        else { return nil }
        var index = 19
        if byte(index) == 0x2E {
            index += 1
            let start = index
            while let digit = byte(index), (0x30...0x39).contains(digit) { index += 1 }
            guard index > start else { return nil }
        }
        var offset = 0
        switch byte(index) {
        case 0x5A, 0x7A:
            index += 1
        case 0x2B, 0x2D:
            guard let hours = number(index + 1, 2), byte(index + 3) == 0x3A, let minutes = number(index + 4, 2),
                hours < 24, minutes < 60
            else { return nil }
            offset = (hours * 3_600 + minutes * 60) * (byte(index) == 0x2B ? 1 : -1)
            index += 6
        default:
            return nil
        }
        guard index == bytes.count else { return nil }
        self.init(
            secondsSinceEpoch: X509Time.seconds(year, month, day, hour, minute, min(second, 59)) - Int64(offset)
        )
    }

    /// Days from civil date (Howard Hinnant's algorithm), then seconds.
    static func seconds(_ year: Int, _ month: Int, _ day: Int, _ hour: Int, _ minute: Int, _ second: Int) -> Int64 {
        let y = Int64(month <= 2 ? year - 1 : year)
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let m = Int64(month)
        let dayOfYear = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + Int64(day) - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        let days = era * 146_097 + dayOfEra - 719_468
        return days * 86_400 + Int64(hour) * 3_600 + Int64(minute) * 60 + Int64(second)
    }

    /// Earlier first.
    public static func < (lhs: X509Time, rhs: X509Time) -> Bool { lhs.secondsSinceEpoch < rhs.secondsSinceEpoch }

    /// Equal when they name the same second, whichever form they were written in.
    public static func == (lhs: X509Time, rhs: X509Time) -> Bool { lhs.secondsSinceEpoch == rhs.secondsSinceEpoch }

    /// Hashes the second.
    public func hash(into hasher: inout Hasher) { hasher.combine(secondsSinceEpoch) }

    /// RFC 3339, e.g. `2030-12-31T08:30:00Z`.
    public var description: String {
        let days = secondsSinceEpoch >= 0 ? secondsSinceEpoch / 86_400 : (secondsSinceEpoch - 86_399) / 86_400
        let secondsOfDay = secondsSinceEpoch - days * 86_400
        // Civil from days (Hinnant).
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        func two(_ value: Int64) -> String { value < 10 ? "0\(value)" : "\(value)" }
        // RFC 3339 §5.6: date-fullyear is four digits.
        let yearText =
            (0...9_999).contains(year)
            ? String(repeating: "0", count: 4 - String(year).count) + String(year) : String(year)
        return
            "\(yearText)-\(two(month))-\(two(day))T\(two(secondsOfDay / 3_600)):\(two(secondsOfDay % 3_600 / 60)):\(two(secondsOfDay % 60))Z"
    }
}

extension X509Time {
    /// Writes the Time as RFC 5280 §4.1.2.5 and RFC 5652 §11.3 require: UTCTime for the years 1950 to 2049,
    /// GeneralizedTime otherwise, to the second, in UTC (whichever form the time was read in).
    public func serialize(into coder: inout DER.Serializer) throws {
        let digits = Array(description.filter(\.isNumber).utf8)  // YYYYMMDDhhmmss
        let year = Int(String(decoding: digits.prefix(4), as: UTF8.self)) ?? 0
        let utc = (1950...2049).contains(year)
        coder.appendPrimitiveNode(identifier: utc ? .utcTime : .generalizedTime) { content in
            content.append(contentsOf: utc ? digits.dropFirst(2) : digits[...])
            content.append(UInt8(ascii: "Z"))
        }
    }
}
