/// Where a certificate's revocation status came from: one CRL (or, later, one OCSP response).
public struct RevocationSource: Sendable, Hashable {
    /// The kind of revocation data.
    public enum Kind: String, Sendable, Hashable {
        /// A certificate revocation list (RFC 5280 §5).
        case crl
        /// An OCSP response (RFC 6960).
        case ocsp
    }

    /// CRL or OCSP.
    public let kind: Kind
    /// Who issued the data (the CRL issuer).
    public let issuer: DistinguishedName
    /// thisUpdate.
    public let thisUpdate: X509Time
    /// nextUpdate, when given.
    public let nextUpdate: X509Time?
    /// Whether a delta CRL decided (RFC 5280 §5.2.4).
    public let isDelta: Bool
    /// The DER of the CRL or response, so that a caller can say where it came from (inside the signature, given
    /// by the relying party, fetched).
    public let derBytes: [UInt8]

    init(_ crl: CertificateRevocationList, isDelta: Bool = false) {
        kind = .crl
        issuer = crl.issuer
        thisUpdate = crl.thisUpdate
        nextUpdate = crl.nextUpdate
        self.isDelta = isDelta
        derBytes = crl.derBytes
    }
}

/// The revocation status the X.509 layer found for one certificate of a path (RFC 5280 §6.3), as a fact: what
/// to make of a certificate that could not be checked is the validation policy's decision, not this layer's.
public enum CertificateRevocationStatus: Sendable, Hashable {
    /// Why a certificate's revocation status was not established.
    public enum NotChecked: String, Sendable, Hashable {
        /// A trust anchor: a name and a key, trusted as such (RFC 5280 §6.1.1 (d)).
        case trustAnchor = "trust-anchor"
        /// An OCSP responder's certificate with id-pkix-ocsp-nocheck (RFC 6960 §4.2.2.2.1).
        case ocspNoCheck = "ocsp-nocheck"
        /// No usable revocation data covers it (none given, stale, or unverifiable).
        case noData = "no-data"
        /// The caller asked for no revocation checking.
        case policy = "policy"
    }

    /// Data from `source` covers the certificate and does not list it.
    case good(RevocationSource)
    /// `source` lists the certificate as revoked on `date`.
    case revoked(date: X509Time, reason: RevocationReason?, source: RevocationSource)
    /// Not established, and why; `detail` in words.
    case notChecked(NotChecked, detail: String)

    /// The revocation date, when revoked.
    public var revocationDate: X509Time? {
        if case .revoked(let date, _, _) = self { return date }
        return nil
    }

    /// Whether revocation data covers the certificate and does not list it.
    public var isGood: Bool {
        if case .good = self { return true }
        return false
    }
}
