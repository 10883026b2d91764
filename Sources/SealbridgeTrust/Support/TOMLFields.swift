import Foundation
import SealbridgeX509
import SwiftASN1
import TOMLKit

/// Reads typed fields from a TOML table, with errors naming the file and the field.
struct TOMLFields {
    let table: TOMLTable
    let file: String
    let path: String

    /// The largest manifest or agreement file read.
    static let maximumByteCount = 1 << 20

    /// Parses `url`'s TOML.
    static func load(_ url: URL) throws -> TOMLFields {
        let file = url.path
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw TrustError(file: file, reason: "cannot read the file: \(error.localizedDescription)")
        }
        guard data.count <= maximumByteCount else {
            throw TrustError(file: file, reason: "the file is \(data.count) bytes; manifests are at most 1 MiB")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw TrustError(file: file, reason: "the file is not UTF-8 text")
        }
        do {
            return TOMLFields(table: try TOMLTable(string: text), file: file, path: "")
        } catch let error as TOMLParseError {
            throw TrustError(
                file: file,
                reason:
                    "not valid TOML at line \(error.source.begin.line), column \(error.source.begin.column): \(error.description)"
            )
        }
    }

    func name(_ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    func error(_ key: String, _ reason: String) -> TrustError {
        TrustError(file: file, field: name(key), reason: reason)
    }

    func string(_ key: String) throws -> String {
        guard let value = try optionalString(key) else { throw error(key, "is required (a string)") }
        return value
    }

    func optionalString(_ key: String) throws -> String? {
        guard let value = table[key] else { return nil }
        guard let text = value.string else { throw error(key, "must be a string") }
        guard !text.isEmpty else { throw error(key, "must not be empty") }
        return text
    }

    func strings(_ key: String, required: Bool = false) throws -> [String] {
        guard let value = table[key] else {
            if required { throw error(key, "is required (an array of strings)") }
            return []
        }
        guard let array = value.array else { throw error(key, "must be an array of strings") }
        return try array.enumerated().map { index, item in
            guard let text = item.string, !text.isEmpty else {
                throw TrustError(file: file, field: "\(name(key))[\(index)]", reason: "must be a non-empty string")
            }
            return text
        }
    }

    func oids(_ key: String) throws -> [ASN1ObjectIdentifier] {
        try strings(key).enumerated().map { index, text in
            do {
                return try ASN1ObjectIdentifier(dotRepresentation: text)
            } catch {
                throw TrustError(file: file, field: "\(name(key))[\(index)]", reason: "'\(text)' is not a dotted OID")
            }
        }
    }

    /// Dotted OIDs, each of which may end in `.*` for every OID under that arc (``OIDPattern``).
    func oidPatterns(_ key: String) throws -> [OIDPattern] {
        try strings(key).enumerated().map { index, text in
            guard let pattern = OIDPattern(text) else {
                throw TrustError(
                    file: file,
                    field: "\(name(key))[\(index)]",
                    reason: "'\(text)' is not a dotted OID, or one ending in .* for an arc"
                )
            }
            return pattern
        }
    }

    func optionalInt(_ key: String, in range: ClosedRange<Int>) throws -> Int? {
        guard let value = table[key] else { return nil }
        guard let number = value.int, range.contains(number) else {
            throw error(key, "must be an integer in \(range.lowerBound)…\(range.upperBound)")
        }
        return number
    }

    /// Whether the table has `key`.
    func has(_ key: String) -> Bool { table[key] != nil }

    func optionalBool(_ key: String) throws -> Bool? {
        guard let value = table[key] else { return nil }
        guard let flag = value.bool else { throw error(key, "must be true or false") }
        return flag
    }

    /// An offset date-time (`2026-01-01T00:00:00Z`) or a date (`2026-01-01`, meaning its start in UTC).
    func optionalTime(_ key: String) throws -> X509Time? {
        guard let value = table[key] else { return nil }
        if let dateTime = value.dateTime {
            guard let offset = dateTime.offset else {
                throw error(key, "needs a time zone (e.g. 2026-01-01T00:00:00Z); local times are ambiguous")
            }
            let time = X509Time(
                year: dateTime.date.year,
                month: dateTime.date.month,
                day: dateTime.date.day,
                hour: dateTime.time.hour,
                minute: dateTime.time.minute,
                second: dateTime.time.second
            )
            return X509Time(secondsSinceEpoch: time.secondsSinceEpoch - Int64(offset.offset) * 60)
        }
        if let date = value.date {
            return X509Time(year: date.year, month: date.month, day: date.day, hour: 0, minute: 0, second: 0)
        }
        throw error(key, "must be a date (2026-01-01) or a date-time with a zone (2026-01-01T00:00:00Z)")
    }

    func table(_ key: String) throws -> TOMLFields? {
        guard let value = table[key] else { return nil }
        guard let inner = value.table else { throw error(key, "must be a table") }
        return TOMLFields(table: inner, file: file, path: name(key))
    }

    func tables(_ key: String) throws -> [TOMLFields] {
        guard let value = table[key] else { return [] }
        guard let array = value.array else { throw error(key, "must be an array of tables ([[\(key)]])") }
        return try array.enumerated().map { index, item in
            guard let inner = item.table else {
                throw TrustError(file: file, field: "\(name(key))[\(index)]", reason: "must be a table")
            }
            return TOMLFields(table: inner, file: file, path: "\(name(key))[\(index)]")
        }
    }

    /// Rejects keys the schema does not know (a misspelt `polices` must not silently mean "no constraint").
    func onlyKeys(_ allowed: Set<String>) throws {
        for key in table.keys where !allowed.contains(key) {
            throw error(key, "is not a known field (known: \(allowed.sorted().joined(separator: ", ")))")
        }
    }
}
