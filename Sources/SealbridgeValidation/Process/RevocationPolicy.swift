/// What missing revocation data means for a signature (the validation policy's rule; ETSI EN 319 102-1 §5.2.6
/// leaves it to the policy). The report states the policy it was made under.
public enum RevocationPolicy: String, Codable, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// Every certificate of the path but the trust anchor needs revocation data: without it the signature is
    /// INDETERMINATE/TRY_LATER. The default, as DSS's default policy applies EN 319 102-1.
    case required
    /// Revocation is checked where data is at hand; a certificate without any is reported as not checked and
    /// does not change the indication. Stale or unusable data still gives TRY_LATER.
    case whereAvailable = "where-available"
    /// No revocation checking; every certificate is reported as not checked (policy).
    case none

    /// `required`, `where-available` or `none`.
    public var description: String { rawValue }
}
