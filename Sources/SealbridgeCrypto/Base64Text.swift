/// Base64 (RFC 4648 §4) and base64url (§5) decoding, the one decoder the libraries share: PEM bodies in any line
/// layout, bare base64 files (as Chinese SDKs hand out signatures and certificates), JWS headers.
public enum Base64Text {
    /// Space, tab, line feed or carriage return.
    public static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }

    /// Whether `character` is a base64url digit.
    public static func isBase64URL(_ character: Character) -> Bool {
        guard let ascii = character.asciiValue else { return false }
        return value(ascii, urlSafe: true) != nil
    }

    /// The six-bit value of a base64 or base64url digit.
    public static func value(_ byte: UInt8, urlSafe: Bool) -> UInt8? {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"): return byte - UInt8(ascii: "A")
        case UInt8(ascii: "a")...UInt8(ascii: "z"): return byte - UInt8(ascii: "a") + 26
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0") + 52
        case UInt8(ascii: "+") where !urlSafe, UInt8(ascii: "-") where urlSafe: return 62
        case UInt8(ascii: "/") where !urlSafe, UInt8(ascii: "_") where urlSafe: return 63
        default: return nil
        }
    }

    /// Standard base64 with whitespace anywhere and `=` padding only at the end; `nil` on any other character, a
    /// length that is not whole quanta, or more than `maximumOutput` bytes.
    public static func decode(_ text: some Collection<UInt8>, maximumOutput: Int?) -> [UInt8]? {
        var output: [UInt8] = []
        var quantum: UInt32 = 0
        var digits = 0
        var padding = 0
        for byte in text {
            if isWhitespace(byte) { continue }
            if byte == UInt8(ascii: "=") {
                padding += 1
                guard padding <= 2 else { return nil }
                continue
            }
            guard padding == 0, let value = value(byte, urlSafe: false) else { return nil }
            quantum = quantum << 6 | UInt32(value)
            digits += 1
            if digits == 4 {
                output.append(UInt8(truncatingIfNeeded: quantum >> 16))
                output.append(UInt8(truncatingIfNeeded: quantum >> 8))
                output.append(UInt8(truncatingIfNeeded: quantum))
                quantum = 0
                digits = 0
                if let maximumOutput, output.count > maximumOutput { return nil }
            }
        }
        switch (digits, padding) {
        case (0, 0): break
        case (2, 2), (2, 0): output.append(UInt8(truncatingIfNeeded: quantum >> 4))
        case (3, 1), (3, 0):
            output.append(UInt8(truncatingIfNeeded: quantum >> 10))
            output.append(UInt8(truncatingIfNeeded: quantum >> 2))
        default: return nil
        }
        return output.isEmpty ? nil : output
    }

    /// Unpadded base64url (a JWS part).
    public static func decodeURL(_ text: Substring) -> [UInt8]? {
        var output: [UInt8] = []
        var quantum: UInt32 = 0
        var digits = 0
        for character in text.utf8 {
            guard let value = value(character, urlSafe: true) else { return nil }
            quantum = quantum << 6 | UInt32(value)
            digits += 1
            if digits == 4 {
                output += [UInt8(truncatingIfNeeded: quantum >> 16), UInt8(truncatingIfNeeded: quantum >> 8)]
                output.append(UInt8(truncatingIfNeeded: quantum))
                quantum = 0
                digits = 0
            }
        }
        switch digits {
        case 0: break
        case 2: output.append(UInt8(truncatingIfNeeded: quantum >> 4))
        case 3: output += [UInt8(truncatingIfNeeded: quantum >> 10), UInt8(truncatingIfNeeded: quantum >> 2)]
        default: return nil
        }
        return output
    }
}
