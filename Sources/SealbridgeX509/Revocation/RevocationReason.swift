/// The reason a certificate was revoked: RFC 5280 §5.3.1 CRLReason (and RFC 6960's OCSP revokedInfo), by the
/// names the RFC gives them, so that a report says `keyCompromise` rather than "reason 1".
public enum RevocationReason: Int, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// unspecified (0).
    case unspecified = 0
    /// keyCompromise (1): the subject's private key is known or suspected to be compromised.
    case keyCompromise = 1
    /// cACompromise (2): the issuing CA's key is compromised.
    case cACompromise = 2
    /// affiliationChanged (3).
    case affiliationChanged = 3
    /// superseded (4).
    case superseded = 4
    /// cessationOfOperation (5).
    case cessationOfOperation = 5
    /// certificateHold (6): suspended; may be removed from the CRL later.
    case certificateHold = 6
    /// removeFromCRL (8): only in delta CRLs, lifting a hold.
    case removeFromCRL = 8
    /// privilegeWithdrawn (9).
    case privilegeWithdrawn = 9
    /// aACompromise (10).
    case aACompromise = 10

    /// The RFC 5280 name, e.g. `keyCompromise`.
    public var description: String {
        switch self {
        case .unspecified: return "unspecified"
        case .keyCompromise: return "keyCompromise"
        case .cACompromise: return "cACompromise"
        case .affiliationChanged: return "affiliationChanged"
        case .superseded: return "superseded"
        case .cessationOfOperation: return "cessationOfOperation"
        case .certificateHold: return "certificateHold"
        case .removeFromCRL: return "removeFromCRL"
        case .privilegeWithdrawn: return "privilegeWithdrawn"
        case .aACompromise: return "aACompromise"
        }
    }
}
