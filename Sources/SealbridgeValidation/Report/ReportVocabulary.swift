public import SealbridgeX509

/// The report's closed vocabularies: enums whose raw values are those of `docs/report-schema.json`, so that the
/// compiler, not a string comparison, keeps the CLI, the service, the renderers and the schema in step.

/// The signature format a report names.
public enum SignatureFormatName: String, Codable, Sendable, Hashable, CaseIterable {
    /// CMS SignedData without the CAdES baseline attributes.
    case cms = "CMS"
    /// CAdES baseline B-B (EN 319 122-1 §6).
    case cadesBaselineB = "CAdES-BASELINE-B"
    /// CAdES baseline B-T: B-B and a valid signature time-stamp.
    case cadesBaselineT = "CAdES-BASELINE-T"
    /// An OFD electronic seal, GM/T 0031-2014 `SES_Signature`.
    case ofdSealV1 = "OFD/SES-V1"
    /// An OFD electronic seal, GB/T 38540-2020 `SES_Signature`.
    case ofdSealV4 = "OFD/SES-V4"
    /// An OFD electronic seal, GM/T 0031-2025 `SES_Signature` (V4 with a time-stamp on the seal).
    case ofdSealV5 = "OFD/SES-V5"
    /// An OFD plain digital signature (`Type="Sign"`): a GB/T 35275 SignedData or a bare SM2 value over
    /// `Signature.xml`.
    case ofdSign = "OFD/Sign"
    /// XAdES baseline B-B (EN 319 132-1 §6.3).
    case xadesBaselineB = "XAdES-BASELINE-B"
    /// XAdES baseline B-T: B-B and a signature time-stamp (whose validity the time-stamp checks report).
    case xadesBaselineT = "XAdES-BASELINE-T"
    /// A XAdES signature that is not baseline (e.g. XAdES-BES without a signing time); the notes say why.
    case xades = "XAdES"
    /// An XML-DSig signature that is not an ETSI XAdES signature ("not ETSI", as DSS says); the notes say why.
    case xmlDSig = "XML-DSig"
    /// JAdES baseline B-B (ETSI TS 119 182-1 §6).
    case jadesBaselineB = "JAdES-BASELINE-B"
    /// JAdES baseline B-T: B-B and a signature time-stamp (`etsiU/sigTst`).
    case jadesBaselineT = "JAdES-BASELINE-T"
    /// A JWS that is not an ETSI JAdES baseline signature ("not ETSI"); the notes say why.
    case jws = "JWS"

    /// Whether this is a CMS / CAdES signature, to which the CAdES baseline's rules apply.
    public var isCAdESFamily: Bool {
        switch self {
        case .cms, .cadesBaselineB, .cadesBaselineT: true
        case .ofdSealV1, .ofdSealV4, .ofdSealV5, .ofdSign, .xadesBaselineB, .xadesBaselineT, .xades, .xmlDSig,
            .jadesBaselineB, .jadesBaselineT, .jws:
            false
        }
    }
}

/// What the validated file turned out to be.
public enum DocumentFormat: String, Codable, Sendable, Hashable, CaseIterable {
    /// CMS / CAdES (RFC 5652, GB/T 35275): validated.
    case cms = "CMS"
    /// An OFD document (GB/T 33190) with its seals and signatures: validated.
    case ofd = "OFD"
    /// An XML document with XML-DSig / XAdES signatures: validated.
    case xml = "XML"
    /// A JWS (compact or JSON serialisation) with JAdES signatures: validated.
    case jws = "JWS"
    /// A signature format Sealbridge does not validate yet (PAdES, XAdES, JAdES, ASiC, OFD seals, …).
    case unsupported
}

/// The role of a document in a validation.
public enum DocumentRole: String, Codable, Sendable, Hashable, CaseIterable {
    /// The signed file given to the validator.
    case signedFile = "signed-file"
    /// The content carried inside the signature (an attached signature), checked against the signature.
    case attachedContent = "attached-content"
    /// The content of a detached signature, given by the relying party and checked against the signature.
    case detachedContent = "detached-content"
    /// A document the relying party gave for an attached signature: compared with the attached content.
    case suppliedContent = "supplied-content"
    /// The document, given only by its digest (a relying party that will not upload it): the signature's digest
    /// was compared with it; the document itself was never seen.
    case contentDigest = "content-digest"
    /// A part of a signed package (an OFD page, `Document.xml`, …) that a signature protects, checked against the
    /// digest the signature holds for it.
    case packagePart = "package-part"
}

/// A certificate's place in a chain.
public enum ChainRole: String, Codable, Sendable, Hashable, CaseIterable {
    /// The framework anchor the chain ends at.
    case trustAnchor = "trust-anchor"
    /// A CA between the anchor and the signer.
    case intermediate
    /// The signing certificate.
    case signer
}

/// What a time-stamp is over.
public enum TimeStampKind: String, Codable, Sendable, Hashable, CaseIterable {
    /// Over the signature value: the signature existed at its time.
    case signature
    /// Over the content, made before signing: the signature was made after its time.
    case content
}

/// The recognition verdict for the relying party's jurisdiction.
public enum RecognitionVerdictName: String, Codable, Sendable, Hashable, CaseIterable {
    /// Recognised under an agreement.
    case recognised
    /// The framework is the relying jurisdiction's own.
    case domestic
    /// Not recognised: no agreement, out of scope, expired, or a condition failed.
    case notRecognised = "not-recognised"
    /// Not asked (no relying jurisdiction) or nothing to recognise (no framework confers a level).
    case notEvaluated = "not-evaluated"
    /// The signature is not valid (or could not be confirmed), so no recognition applies.
    case notApplicable = "not-applicable"
}

/// The outcome of one check.
public enum CheckResult: String, Codable, Sendable, Hashable, CaseIterable {
    /// Passed.
    case passed
    /// Proven to fail.
    case failed
    /// Could not be decided.
    case indeterminate
    /// Not run, because an earlier check stopped the process or it does not apply.
    case notRun = "not-run"
}

/// A certificate's revocation status as the report states it.
public enum RevocationStatusName: String, Codable, Sendable, Hashable, CaseIterable {
    /// Revocation data covers the certificate and does not list it.
    case good
    /// Revocation data lists the certificate.
    case revoked
    /// The status was not established; `notCheckedBecause` says why.
    case notChecked = "not-checked"
}

/// Where revocation data came from.
public enum RevocationOrigin: String, Codable, Sendable, Hashable, CaseIterable {
    /// Carried in the signature.
    case signature
    /// Given by the relying party (`--crl`, the service's configuration).
    case given
    /// Fetched from the network.
    case fetched
}

extension RevocationSource.Kind: Codable {}
extension CertificateRevocationStatus.NotChecked: Codable, CaseIterable {
    /// Every reason, in the schema's order.
    public static let allCases: [Self] = [.trustAnchor, .ocspNoCheck, .noData, .policy]
}
