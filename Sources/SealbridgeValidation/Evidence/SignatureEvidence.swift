public import SealbridgeCMS
public import SealbridgeCrypto
public import SealbridgeX509
public import SwiftASN1

/// What a format reader found about one signature, parsed once and judged by the building blocks: the facts of
/// DSS's DiagnosticData, at Swift size. A reader for a new format (XAdES, JAdES, PAdES, OFD seals) produces this
/// value and nothing else; the EN 319 102-1 process is the same for every format.
public struct SignatureEvidence: Sendable {
    /// `S-1`, `S-2`, … in file order; countersignatures `S-1-C1`, ….
    public var id: String
    /// The signature format and the baseline level its attributes reach.
    public var format: SignatureFormatName
    /// The content-type profile (RFC 5652 or GB/T 35275), for CMS.
    public var profile: String?
    /// Whether the signature's structure could be processed (EN 319 102-1 §5.2.2).
    public var structure: StructureFinding
    /// The signing certificate and how the signature binds it (§5.2.3).
    public var signingCertificate: SigningCertificateFinding
    /// Whether the signed data's digest matches the one the signature covers (§5.2.7).
    public var signedDataDigest: DigestFinding
    /// Whether the signature value verifies with the signing certificate's key (§5.2.7).
    public var signatureValue: SignatureValueFinding
    /// The signature algorithm, when resolved.
    public var signatureAlgorithm: SignatureAlgorithm?
    /// Its object identifier, for recognition conditions.
    public var signatureAlgorithmOID: ASN1ObjectIdentifier?
    /// The claimed signing time (a signed attribute: a claim, not a proof).
    public var claimedSigningTime: X509Time?
    /// Signature time-stamps (over the signature value) and how each checked out.
    public var signatureTimeStamps: [TimeStampVerification] = []
    /// Content time-stamps (over the content, made before signing) and how each checked out.
    public var contentTimeStamps: [TimeStampVerification] = []
    /// Certificates the signature carries.
    public var certificates: [Certificate] = []
    /// CRLs the signature carries.
    public var crls: [CertificateRevocationList] = []
    /// Countersignatures, each with its own evidence.
    public var countersignatures: [SignatureEvidence] = []
    /// Attributes present that the process does not evaluate (archive time-stamps, evidence records, …).
    public var unevaluated: [UnevaluatedItem] = []
    /// Observations that do not change a finding.
    public var notes: [String] = []
    /// The electronic seal the signature was made with (OFD seals), judged with the signature.
    public var seal: SealEvidence?

    /// Evidence with the findings every format has; the rest is filled in by the reader.
    public init(
        id: String,
        format: SignatureFormatName,
        profile: String? = nil,
        structure: StructureFinding,
        signingCertificate: SigningCertificateFinding,
        signedDataDigest: DigestFinding,
        signatureValue: SignatureValueFinding,
        signatureAlgorithm: SignatureAlgorithm? = nil,
        signatureAlgorithmOID: ASN1ObjectIdentifier? = nil,
        claimedSigningTime: X509Time? = nil
    ) {
        self.id = id
        self.format = format
        self.profile = profile
        self.structure = structure
        self.signingCertificate = signingCertificate
        self.signedDataDigest = signedDataDigest
        self.signatureValue = signatureValue
        self.signatureAlgorithm = signatureAlgorithm
        self.signatureAlgorithmOID = signatureAlgorithmOID
        self.claimedSigningTime = claimedSigningTime
    }
}

/// §5.2.2: whether the signature could be processed at all.
public enum StructureFinding: Sendable, Hashable {
    /// Well formed; the words say against which standard.
    case wellFormed(String)
    /// Not processable, and why.
    case malformed(String)
}

/// §5.2.3: the signing certificate and its binding.
public struct SigningCertificateFinding: Sendable {
    /// How a signed attribute references the certificate.
    public enum Reference: Sendable, Hashable {
        /// A signed attribute (ESS signing-certificate v1/v2, XAdES SigningCertificate…) references it.
        case bound
        /// No signed attribute references it.
        case absent
        /// The signed reference names another certificate.
        case mismatch(String)
    }

    /// The certificate, when found among those carried or given.
    public var certificate: Certificate?
    /// The signed reference.
    public var reference: Reference
    /// Why no certificate was found, when none was.
    public var notFoundReason: String?

    /// A finding.
    public init(certificate: Certificate?, reference: Reference, notFoundReason: String? = nil) {
        self.certificate = certificate
        self.reference = reference
        self.notFoundReason = notFoundReason
    }
}

/// §5.2.7: the digest of the signed data.
public enum DigestFinding: Sendable, Hashable {
    /// The content's digest matches the signed one.
    case matched
    /// The signature covers the content directly (no signed attributes): the signature check decides.
    case coveredBySignature
    /// The digest differs: the content was changed, or is not the signed one.
    case mismatched(String)
    /// The signed data was not available (a detached signature without its content).
    case notAvailable(String)
    /// Not compared, because an earlier check stopped the reader.
    case notReached
}

/// §5.2.7: the signature value.
public enum SignatureValueFinding: Sendable, Hashable {
    /// It verifies with the signing certificate's key.
    case verified
    /// It does not verify.
    case failed(String)
    /// It could not be verified (an algorithm or key Sealbridge does not implement).
    case unsupported(String)
    /// Not checked, because an earlier check stopped the reader.
    case notReached
}
