/// Finds a member name that an object of a JSON text has twice. RFC 7515 §5.2 step 4 makes a JOSE header with a
/// duplicate name invalid, and Foundation's parser silently keeps the last one, so the header is scanned first.
/// Bounded: one pass, nesting at most `maximumDepth`; malformed JSON is reported as such.
package enum JSONDuplicateKeys {
    package enum Finding: Equatable {
        case none
        case duplicate(String)
        case malformed
    }

    package static let maximumDepth = 64

    package static func check(_ bytes: [UInt8]) -> Finding {
        var scanner = Scanner(bytes: bytes)
        scanner.skipSpace()
        guard let finding = scanner.value(depth: 0) else { return .malformed }
        scanner.skipSpace()
        guard scanner.index == bytes.count else { return .malformed }
        return finding
    }

    struct Scanner {
        let bytes: [UInt8]
        var index = 0

        mutating func skipSpace() {
            while index < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[index]) { index += 1 }
        }

        /// A value; nil when malformed.
        mutating func value(depth: Int) -> Finding? {
            guard depth <= JSONDuplicateKeys.maximumDepth, index < bytes.count else { return nil }
            switch bytes[index] {
            case UInt8(ascii: "{"): return object(depth: depth)
            case UInt8(ascii: "["): return array(depth: depth)
            case UInt8(ascii: "\""): return string() == nil ? nil : Finding.none
            default:
                let start = index
                while index < bytes.count, !",]} \t\r\n".utf8.contains(bytes[index]) { index += 1 }
                return index > start ? Finding.none : nil
            }
        }

        mutating func object(depth: Int) -> Finding? {
            var names = Set<String>()
            return members(closing: UInt8(ascii: "}"), depth: depth) { scanner in
                guard let name = scanner.string() else { return nil }
                scanner.skipSpace()
                guard scanner.index < scanner.bytes.count, scanner.bytes[scanner.index] == UInt8(ascii: ":") else {
                    return nil
                }
                scanner.index += 1
                return names.insert(name).inserted ? Finding.none : .duplicate(name)
            }
        }

        mutating func array(depth: Int) -> Finding? {
            members(closing: UInt8(ascii: "]"), depth: depth) { _ in Finding.none }
        }

        /// The members of an object or array up to `closing`: each begins with `prefix` (an object's name and colon)
        /// and a value; the first finding in document order wins; nil when malformed.
        mutating func members(
            closing: UInt8,
            depth: Int,
            prefix: (inout Scanner) -> Finding?
        ) -> Finding? {
            index += 1
            var found = Finding.none
            skipSpace()
            if index < bytes.count, bytes[index] == closing {
                index += 1
                return found
            }
            while true {
                skipSpace()
                guard let own = prefix(&self) else { return nil }
                if found == .none { found = own }
                skipSpace()
                guard let inner = value(depth: depth + 1) else { return nil }
                if found == .none { found = inner }
                skipSpace()
                guard index < bytes.count else { return nil }
                if bytes[index] == UInt8(ascii: ",") {
                    index += 1
                    continue
                }
                guard bytes[index] == closing else { return nil }
                index += 1
                return found
            }
        }

        /// A string's raw text between its quotes (escapes kept as written: equal names are equal texts, which is
        /// what a signer that duplicates a name writes).
        mutating func string() -> String? {
            guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { return nil }
            index += 1
            let start = index
            while index < bytes.count, bytes[index] != UInt8(ascii: "\"") {
                if bytes[index] == UInt8(ascii: "\\") { index += 1 }
                index += 1
            }
            guard index < bytes.count else { return nil }
            let text = String(decoding: bytes[start..<index], as: UTF8.self)
            index += 1
            return text
        }
    }
}
