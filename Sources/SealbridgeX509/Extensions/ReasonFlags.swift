import SwiftASN1

/// `ReasonFlags ::= BIT STRING { unused (0), keyCompromise (1), cACompromise (2), affiliationChanged (3),
/// superseded (4), cessationOfOperation (5), certificateHold (6), privilegeWithdrawn (7), aACompromise (8) }`.
public struct ReasonFlags: OptionSet, Hashable, Sendable {
    /// The bits, bit 0 lowest.
    public let rawValue: UInt16

    /// Makes a set from bits.
    public init(rawValue: UInt16) { self.rawValue = rawValue }

    /// keyCompromise (1).
    public static let keyCompromise = ReasonFlags(rawValue: 1 << 1)
    /// cACompromise (2).
    public static let caCompromise = ReasonFlags(rawValue: 1 << 2)
    /// affiliationChanged (3).
    public static let affiliationChanged = ReasonFlags(rawValue: 1 << 3)
    /// superseded (4).
    public static let superseded = ReasonFlags(rawValue: 1 << 4)
    /// cessationOfOperation (5).
    public static let cessationOfOperation = ReasonFlags(rawValue: 1 << 5)
    /// certificateHold (6).
    public static let certificateHold = ReasonFlags(rawValue: 1 << 6)
    /// privilegeWithdrawn (7).
    public static let privilegeWithdrawn = ReasonFlags(rawValue: 1 << 7)
    /// aACompromise (8).
    public static let aaCompromise = ReasonFlags(rawValue: 1 << 8)
    /// Every reason (RFC 5280 §6.3.3 "all-reasons").
    public static let all = ReasonFlags(rawValue: 0x1FE)

    init(bitString node: ASN1Node) throws {
        self.init(rawValue: try ASN1BitString(derEncoded: node, withIdentifier: node.identifier).namedBits)
    }
}
