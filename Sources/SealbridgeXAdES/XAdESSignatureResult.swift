package import SealbridgeCMS
package import SealbridgeCrypto
package import SealbridgeX509

/// The facts of one XML signature (XML-DSig 1.1 core validation, EN 319 132-1 properties), for the validation
/// process to judge: nothing here is a verdict.
package struct XAdESSignatureResult {
    /// The EN 319 132-1 level the signature's properties reach.
    package enum Level: Equatable {
        /// XAdES-B-B (§6.3): SignedProperties signed, one SigningTime, one signing-certificate property, a
        /// DataObjectFormat with MimeType for each signed data object.
        case baselineB
        /// XAdES-B-T (§6.3): B-B and a signature time-stamp (its validity judged by the process).
        case baselineT
        /// A XAdES signature that is not baseline, with why.
        case xades(String)
        /// An XML-DSig signature that is not XAdES (no signed qualifying properties, or properties that break
        /// EN 319 132-1), with why.
        case xmlDSig(String)
    }

    /// The signature value's check.
    package enum SignatureValue: Equatable {
        case verified
        case failed(String)
        case unsupported(String)
        case notReached
    }

    /// How a signed property binds the signing certificate (§5.2.2).
    package enum CertificateBinding: Equatable {
        case bound
        case absent
        case mismatch(String)
    }

    /// `ds:Signature/@Id`.
    package var id: String?
    /// The line of the `ds:Signature` element.
    package var line: Int
    /// Why the structure cannot be processed, when it cannot.
    package var structureProblem: String?
    /// `SignatureMethod/@Algorithm`, and the algorithm it names.
    package var signatureMethod: String?
    package var signatureAlgorithm: SignatureAlgorithm?
    /// `CanonicalizationMethod/@Algorithm`.
    package var canonicalizationMethod: String?
    /// Every reference of `SignedInfo`, checked.
    package var references: [XMLReferenceCheck] = []
    /// The references of `ds:Manifest`s the signature signs, checked (bounded).
    package var manifestReferences: [XMLReferenceCheck] = []
    /// Whether a reference covers `SignedProperties` and its digest matched.
    package var signedPropertiesCovered = false
    /// The signature value.
    package var signatureValue: SignatureValue = .notReached
    /// The signing certificate, when identified.
    package var signingCertificate: Certificate?
    /// Its binding.
    package var certificateBinding: CertificateBinding = .absent
    /// Why no signing certificate was found, when none was.
    package var signingCertificateNotFound: String?
    /// `SigningTime`, when readable and signed.
    package var signingTime: X509Time?
    /// Certificates in `KeyInfo` and `CertificateValues`.
    package var certificates: [Certificate] = []
    /// CRLs in `RevocationValues`.
    package var crls: [CertificateRevocationList] = []
    /// Signature time-stamps (over `ds:SignatureValue`, §5.3.4) and how each checked out.
    package var signatureTimeStamps: [TimeStampVerification] = []
    /// Content time-stamps (`AllDataObjectsTimeStamp`, `IndividualDataObjectsTimeStamp`, §5.2.8).
    package var contentTimeStamps: [TimeStampVerification] = []
    /// Counter-signatures (§5.2.7), each with its facts.
    package var counterSignatures: [XAdESSignatureResult] = []
    /// For a counter-signature: whether it signs the parent's `ds:SignatureValue` and that digest matched.
    package var countersignsParent: Bool?
    /// The level.
    package var level: Level = .xmlDSig("not read")
    /// The signature policy, claimed roles and commitment types, for the report.
    package var signaturePolicy: String?
    package var claimedRoles: [String] = []
    package var commitmentTypes: [String] = []
    /// Properties present and not evaluated, by name.
    package var unevaluated: [String] = []
    /// Observations that do not change a fact.
    package var notes: [String] = []
}
