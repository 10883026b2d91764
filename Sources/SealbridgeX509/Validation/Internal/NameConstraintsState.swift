import SwiftASN1

/// RFC 5280 §6.1.3 (b)–(c) and §6.1.4 (g): the permitted and excluded subtrees gathered along a path.
///
/// Rather than intersecting subtrees (which, for DNS names and directory names, can need new subtrees that no
/// certificate carries), each CA's constraints are kept as they were and a name must satisfy every one of them —
/// the same result, as Go and BoringSSL do it.
struct NameConstraintsState {
    private var constraints: [NameConstraints] = []
    /// Work spent comparing names to subtrees, bounded so that hostile certificates with thousands of names and
    /// thousands of subtrees end with a failure rather than a hang.
    private(set) var comparisons = 0
    static let maximumComparisons = 1 << 18

    /// pkcs-9 emailAddress, which §4.2.1.10 says is checked as an rfc822Name.
    static let emailAddress: ASN1ObjectIdentifier = [1, 2, 840, 113_549, 1, 9, 1]

    mutating func add(_ nameConstraints: NameConstraints) {
        constraints.append(nameConstraints)
    }

    var isEmpty: Bool { constraints.isEmpty }

    /// The names of a certificate that constraints apply to: the subject (when not empty), its emailAddress
    /// attributes, and every subjectAltName.
    static func names(subject: DistinguishedName, alternativeNames: [GeneralName]?) -> [GeneralName] {
        var names: [GeneralName] = []
        if !subject.isEmpty {
            names.append(.directoryName(subject))
            for attribute in subject.relativeNames.joined() where attribute.type == emailAddress {
                if let text = attribute.text { names.append(.rfc822Name(text)) }
            }
        }
        names.append(contentsOf: alternativeNames ?? [])
        return names
    }

    /// Checks `names` against every constraint gathered so far.
    ///
    /// - Returns: `nil` when all names are allowed, else the reason.
    mutating func check(_ names: [GeneralName]) -> String? {
        for constraint in constraints {
            for name in names {
                if let permitted = constraint.permittedSubtrees {
                    let sameForm = permitted.filter { Self.sameForm($0, name) }
                    if !sameForm.isEmpty {
                        var matched = false
                        for subtree in sameForm {
                            switch match(name, subtree) {
                            case .matches: matched = true
                            case .noMatch: break
                            case .unsupported(let reason): return reason
                            }
                            if matched { break }
                        }
                        if !matched { return "\(name) is not within the permitted subtrees" }
                    }
                }
                for subtree in constraint.excludedSubtrees where Self.sameForm(subtree, name) {
                    switch match(name, subtree, excluded: true) {
                    case .matches: return "\(name) is within the excluded subtree \(subtree)"
                    case .noMatch: break
                    case .unsupported(let reason): return reason
                    }
                }
            }
        }
        return nil
    }

    enum Match {
        case matches
        case noMatch
        case unsupported(String)
    }

    static func sameForm(_ left: GeneralName, _ right: GeneralName) -> Bool {
        switch (left, right) {
        case (.otherName, .otherName), (.rfc822Name, .rfc822Name), (.dnsName, .dnsName),
            (.x400Address, .x400Address), (.directoryName, .directoryName), (.ediPartyName, .ediPartyName),
            (.uniformResourceIdentifier, .uniformResourceIdentifier), (.ipAddress, .ipAddress),
            (.registeredID, .registeredID):
            return true
        default:
            return false
        }
    }

    /// Whether `name` lies in `subtree`. A wildcard dNSName `*.base` stands for every name one label below
    /// `base`: it is within a permitted subtree only when all of them are, and hits an excluded subtree when any
    /// of them could (CVE-2025-61727).
    private mutating func match(_ name: GeneralName, _ subtree: GeneralName, excluded: Bool = false) -> Match {
        comparisons += 1
        if comparisons > Self.maximumComparisons {
            return .unsupported("name-constraint checking exceeded \(Self.maximumComparisons) comparisons")
        }
        switch (name, subtree) {
        case (.directoryName(let name), .directoryName(let base)):
            return NameMatching.isDirectoryName(name, within: base) ? .matches : .noMatch
        case (.dnsName(let name), .dnsName(let base)):
            if name.hasPrefix("*.") {
                let parent = String(name.dropFirst(2))
                if excluded {
                    // Any name one label under `parent` could fall in `base` if `base` is at or below a child.
                    let covered =
                        NameMatching.isDNSName(parent, within: base)
                        || (NameMatching.isDNSName(base, within: parent)
                            && NameMatching.lowercased(base) != NameMatching.lowercased(parent))
                    return covered ? .matches : .noMatch
                }
                let within =
                    NameMatching.isDNSName(parent, within: base)
                    || NameMatching.lowercased("." + parent) == NameMatching.lowercased(base)
                return within ? .matches : .noMatch
            }
            return NameMatching.isDNSName(name, within: base) ? .matches : .noMatch
        case (.rfc822Name(let name), .rfc822Name(let base)):
            guard name.filter({ $0 == "@" }).count == 1 else {
                return .unsupported("the rfc822Name \(name) is not a mailbox, so name constraints cannot be checked")
            }
            return NameMatching.isMailbox(name, within: base) ? .matches : .noMatch
        case (.uniformResourceIdentifier(let name), .uniformResourceIdentifier(let base)):
            guard let host = NameMatching.uriHost(name) else {
                return .unsupported("the URI \(name) has no host that a URI name constraint could check")
            }
            return NameMatching.isURIHost(host, within: base) ? .matches : .noMatch
        case (.ipAddress(let address), .ipAddress(let range)):
            return NameMatching.isAddress(address, within: range) ? .matches : .noMatch
        default:
            return .unsupported("name constraints on \(subtree) cannot be checked; the form is not supported")
        }
    }
}

/// The comparisons of RFC 5280 §4.2.1.10 for each name form, shared by name constraints and peer-name matching.
enum NameMatching {
    /// Whether `name` lies in the subtree `base`: `base`'s RDNs are a prefix of `name`'s (§7.1 comparison).
    static func isDirectoryName(_ name: DistinguishedName, within base: DistinguishedName) -> Bool {
        guard base.relativeNames.count <= name.relativeNames.count else { return false }
        for (left, right) in zip(base.relativeNames, name.relativeNames) {
            guard left.count == right.count else { return false }
            var unmatched = right
            for attribute in left {
                guard let index = unmatched.firstIndex(where: { DistinguishedName.attributesMatch(attribute, $0) })
                else { return false }
                unmatched.remove(at: index)
            }
        }
        return true
    }

    /// ASCII lowercase; DNS names and hosts compare case-insensitively.
    static func lowercased(_ text: String) -> String {
        String(decoding: text.utf8.map { (0x41...0x5A).contains($0) ? $0 | 0x20 : $0 }, as: UTF8.self)
    }

    /// dNSName subtrees: "example.com" covers the name itself and any name with labels added on the left;
    /// ".example.com" only names below it; an empty base covers every name.
    static func isDNSName(_ name: String, within base: String) -> Bool {
        let name = lowercased(name.hasSuffix(".") ? String(name.dropLast()) : name)
        let base = lowercased(base)
        if base.isEmpty { return true }
        if base.hasPrefix(".") { return name.hasSuffix(base) && name.count > base.count }
        if name == base { return true }
        return name.hasSuffix("." + base)
    }

    /// rfc822Name subtrees: a full mailbox matches exactly (local part case-sensitive), a host matches every
    /// mailbox at that host, ".example.com" every mailbox on a host below it.
    static func isMailbox(_ name: String, within base: String) -> Bool {
        guard let at = name.lastIndex(of: "@") else { return false }
        let local = name[..<at]
        let host = lowercased(String(name[name.index(after: at)...]))
        if let baseAt = base.lastIndex(of: "@") {
            return local == base[..<baseAt] && host == lowercased(String(base[base.index(after: baseAt)...]))
        }
        let base = lowercased(base)
        if base.hasPrefix(".") { return host.hasSuffix(base) && host.count > base.count }
        return host == base
    }

    /// The host of a URI (`scheme://[userinfo@]host[:port]/…`), or nil when it has none.
    static func uriHost(_ uri: String) -> String? {
        let bytes = Array(uri.utf8)
        guard let colon = bytes.firstIndex(of: UInt8(ascii: ":")), bytes.count > colon + 2,
            bytes[colon + 1] == UInt8(ascii: "/"), bytes[colon + 2] == UInt8(ascii: "/")
        else { return nil }
        var authority = bytes[(colon + 3)...]
        if let end = authority.firstIndex(where: {
            $0 == UInt8(ascii: "/") || $0 == UInt8(ascii: "?") || $0 == UInt8(ascii: "#")
        }) {
            authority = authority[..<end]
        }
        if let at = authority.lastIndex(of: UInt8(ascii: "@")) { authority = authority[(at + 1)...] }
        if authority.first == UInt8(ascii: "[") {
            guard let close = authority.firstIndex(of: UInt8(ascii: "]")) else { return nil }
            return String(decoding: authority[(authority.startIndex + 1)..<close], as: UTF8.self)
        }
        if let portColon = authority.lastIndex(of: UInt8(ascii: ":")) { authority = authority[..<portColon] }
        return authority.isEmpty ? nil : String(decoding: authority, as: UTF8.self)
    }

    /// URI subtrees: a host matches exactly; ".example.com" matches hosts below it.
    static func isURIHost(_ host: String, within base: String) -> Bool {
        let host = lowercased(host)
        let base = lowercased(base)
        if base.hasPrefix(".") { return host.hasSuffix(base) && host.count > base.count }
        return host == base
    }

    /// iPAddress subtrees: address ‖ mask, the same family; `address & mask == base & mask`.
    static func isAddress(_ address: [UInt8], within range: [UInt8]) -> Bool {
        guard range.count == address.count * 2, address.count == 4 || address.count == 16 else { return false }
        let base = range[0..<address.count]
        let mask = range[address.count...]
        return zip(zip(address, base), mask).allSatisfy { pair, maskByte in
            pair.0 & maskByte == pair.1 & maskByte
        }
    }

    /// Whether an address-and-mask subtree has a contiguous mask (RFC 4632 prefix form).
    static func hasContiguousMask(_ range: [UInt8]) -> Bool {
        guard range.count == 8 || range.count == 32 else { return false }
        let mask = range[(range.count / 2)...]
        var seenZero = false
        for byte in mask {
            for bit in (0..<8).reversed() {
                let set = byte & (1 << bit) != 0
                if set && seenZero { return false }
                if !set { seenZero = true }
            }
        }
        return true
    }
}
