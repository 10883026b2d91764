extension DistinguishedName {
    /// Whether two names match under RFC 5280 §7.1: the same number of RDNs, each with the same set of attributes,
    /// values compared after the LDAP StringPrep of RFC 4518 as RFC 5280 requires for DirectoryString — here,
    /// case folding (ASCII and Unicode simple lowercase) and insignificant-space handling (leading and trailing
    /// spaces removed, inner runs collapsed to one) — whatever string type each side used (PrintableString and
    /// UTF8String compare equal, as PKITS 4.3.10 checks). Values that are not strings compare by their DER.
    ///
    /// - Returns: `true` when the names match.
    public func matches(_ other: DistinguishedName) -> Bool {
        if derBytes == other.derBytes { return true }
        guard relativeNames.count == other.relativeNames.count else { return false }
        for (left, right) in zip(relativeNames, other.relativeNames) {
            guard left.count == right.count else { return false }
            // RDNs are sets: every attribute on the left must match a distinct one on the right.
            var unmatched = right
            for attribute in left {
                guard let index = unmatched.firstIndex(where: { DistinguishedName.attributesMatch(attribute, $0) })
                else {
                    return false
                }
                unmatched.remove(at: index)
            }
        }
        return true
    }

    static func attributesMatch(_ left: Attribute, _ right: Attribute) -> Bool {
        guard left.type == right.type else { return false }
        if let leftText = left.text, let rightText = right.text {
            return prepared(leftText) == prepared(rightText)
        }
        return left.valueBytes == right.valueBytes
    }

    /// RFC 4518 (simplified): lowercase, and insignificant spaces removed or collapsed.
    static func prepared(_ text: String) -> String {
        // ASCII fast path: byte-wise lowercase and space folding (Unicode case mapping is slow and rarely needed).
        if text.utf8.allSatisfy({ $0 < 0x80 }) {
            var bytes: [UInt8] = []
            bytes.reserveCapacity(text.utf8.count)
            var pendingSpace = false
            for byte in text.utf8 {
                if byte == 0x20 || (0x09...0x0D).contains(byte) {
                    pendingSpace = !bytes.isEmpty
                    continue
                }
                if pendingSpace {
                    bytes.append(0x20)
                    pendingSpace = false
                }
                bytes.append((0x41...0x5A).contains(byte) ? byte | 0x20 : byte)
            }
            return String(decoding: bytes, as: UTF8.self)
        }
        var output = ""
        var pendingSpace = false
        for character in text.lowercased() {
            if character.isWhitespace {
                pendingSpace = !output.isEmpty
                continue
            }
            if pendingSpace {
                output.append(" ")
                pendingSpace = false
            }
            output.append(character)
        }
        return output
    }
}
