import SealbridgeX509
public import SwiftASN1

/// An object identifier an agreement condition names: one OID, or every OID under an arc (`2.16.344.8.2.2008.810.2.*`
/// — the Guangdong–Hong Kong mutual-recognition scheme numbers its certificate policies
/// `2.16.344.8.2.2008.810.2.<year>.<version>.<release>`, so an agreement names the arc, not each release).
public enum OIDPattern: Sendable, Hashable, CustomStringConvertible {
    /// Exactly this OID.
    case exact(ASN1ObjectIdentifier)
    /// Any OID strictly under this arc.
    case arc(ASN1ObjectIdentifier)

    /// Reads `1.2.3` or `1.2.3.*`; `nil` for anything else (a `*` elsewhere, a bad OID).
    public init?(_ text: String) {
        if text.hasSuffix(".*") {
            guard let arc = try? ASN1ObjectIdentifier(dotRepresentation: String(text.dropLast(2))) else { return nil }
            self = .arc(arc)
        } else {
            guard let oid = try? ASN1ObjectIdentifier(dotRepresentation: text) else { return nil }
            self = .exact(oid)
        }
    }

    /// Whether `oid` is this OID, or under this arc.
    public func matches(_ oid: ASN1ObjectIdentifier) -> Bool {
        switch self {
        case .exact(let exact):
            return oid == exact
        case .arc(let arc):
            return oid.dottedText.hasPrefix(arc.dottedText + ".")
        }
    }

    /// `1.2.3` or `1.2.3.*`, as written in agreement files.
    public var description: String {
        switch self {
        case .exact(let oid): return oid.dottedText
        case .arc(let arc): return arc.dottedText + ".*"
        }
    }
}
