public import SealbridgeCMS
public import SealbridgeCrypto
public import SealbridgeSM
public import SealbridgeTrust
public import SealbridgeX509

/// What a validation is made against (EN 319 102-1 §5.2.4, validation context initialisation): the trust frameworks
/// whose anchors may end a chain, the agreements the relying party's jurisdiction has made, the time, and the
/// constraints.
public struct ValidationContext: Sendable {
    /// The frameworks: their anchors form the trust store, their TSAs anchor time-stamps.
    public var frameworks: [TrustFramework] = []
    /// Trust anchors given outside any framework (`cms verify --trust`): a chain may end at one, but it confers
    /// no framework level and so no recognition — a plain signature check, as `openssl cms -verify -CAfile` does.
    public var anchors: [Certificate] = []
    /// The recognition agreements to consult.
    public var agreements: [RecognitionAgreement] = []
    /// The relying party's jurisdiction (ISO 3166-1 alpha-2 or `EU`); no recognition verdict without it.
    public var relyingJurisdiction: String?
    /// The kind of document (`invoice`, `certificate-of-origin`, …), for agreements' scope: declared by the
    /// relying party (see ``DocumentKinds``).
    public var documentKind: String?
    /// The validation time (EN 319 102-1: the current time unless the driving application gives one).
    public var time: X509Time = .now
    /// The cryptographic constraints of signature acceptance.
    public var constraints: CryptographicConstraints = .default
    /// CRLs beyond those the signature carries.
    public var crls: [CertificateRevocationList] = []
    /// Untrusted certificates beyond those the signature carries.
    public var untrustedCertificates: [Certificate] = []
    /// Private keys of the relying party, used only to open a SignedAndEnvelopedData addressed to it (its content
    /// must be decrypted before its signatures can be checked). They never leave memory, are never reported, and
    /// the service never takes them: RSA PKCS #1 v1.5 key transport is a padding oracle wherever strangers can
    /// observe its failures.
    public var insecureRecipientPrivateKeys: [PrivateKey] = []
    /// A CAdES baseline level the signature must reach (a signature constraint); nil: any.
    public var requiredBaselineLevel: CMSSignerResult.BaselineLevel?
    /// Whether the signing certificate must be referenced from a signed attribute (ESS signing-certificate v1 or
    /// v2, as CAdES baseline requires); without it the signer is INDETERMINATE/SIG_CONSTRAINTS_FAILURE.
    public var requiresSigningCertificateReference = true
    /// Non-standard SM2 signatures to accept, each noted in the report (see ``SM2Compatibility``): strict by
    /// default.
    public var sm2Compatibility: SM2Compatibility = .strict
    /// What missing revocation data means; `.required` by default.
    public var revocationPolicy: RevocationPolicy = .required

    /// An empty context at the current time.
    public init() {}

    /// The framework whose anchor `anchor` is, if any (the first, in the order the frameworks were given).
    public func framework(anchoring anchor: Certificate) -> TrustFramework? {
        frameworks.first { !$0.anchors(for: anchor).isEmpty }
    }

    /// Where a chain may end, in words: "cn-esl, eu-qualified", "the given anchors", or both.
    var anchorSources: String {
        let sources = frameworks.map(\.id) + (anchors.isEmpty ? [] : ["the given anchors"])
        return sources.isEmpty ? "none" : sources.joined(separator: ", ")
    }
}
