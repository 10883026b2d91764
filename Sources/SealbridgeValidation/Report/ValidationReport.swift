/// The result of validating every signature in one file, with the recognition verdict for the relying party.
///
/// A value: rendered as JSON (the versioned schema in `docs/report-schema.json`), as an ETSI TS 119 102-2
/// validation report (XML), as a standalone HTML page and as terminal text.
public struct ValidationReport: Codable, Sendable, Hashable {
    /// The version of the JSON schema this report follows.
    public static let currentSchemaVersion = "1.0"

    /// `1.0`.
    public var schemaVersion: String = ValidationReport.currentSchemaVersion
    /// The software that produced the report.
    public var generator: String = "Sealbridge"
    /// The validated file.
    public var document: DocumentInfo
    /// The time the validation was made for (RFC 3339).
    public var validationTime: String
    /// The validation context: relying party, document kind, frameworks and agreements consulted.
    public var context: ContextInfo
    /// The overall indication: the worst of the signatures' (a file without a usable signature is not passed).
    public var indication: Indication
    /// The sub-indication going with ``indication``.
    public var subIndication: SubIndication?
    /// The verdict in words, first thing a person reads.
    public var summary: String
    /// One entry per signature (signer), in file order.
    public var signatures: [SignatureReport]

    /// The validated file.
    public struct DocumentInfo: Codable, Sendable, Hashable {
        /// The file name given.
        public var name: String
        /// Its size in bytes.
        public var size: Int
        /// SHA-256 of its bytes, hexadecimal.
        public var sha256: String
        /// `CMS` (with the CAdES level in each signature), or `unsupported: …` for formats not handled yet.
        public var format: String
        /// The detached content, when given.
        public var detachedContent: String?
    }

    /// What the validation was asked.
    public struct ContextInfo: Codable, Sendable, Hashable {
        /// The relying party's jurisdiction, when given.
        public var relyingJurisdiction: String?
        /// The document kind, when given.
        public var documentKind: String?
        /// The frameworks that formed the validation context (ids).
        public var frameworks: [String]
        /// The recognition agreements consulted (ids).
        public var agreements: [String]
        /// The cryptographic-constraints policy's name.
        public var cryptographicConstraints: String
    }
}

/// One signature's validation: the EN 319 102-1 result, the evidence, and the recognition verdict.
public struct SignatureReport: Codable, Sendable, Hashable {
    /// `S-1`, `S-2`, … in file order.
    public var id: String
    /// The EN 319 102-1 main indication.
    public var indication: Indication
    /// Its sub-indication.
    public var subIndication: SubIndication?
    /// Why, in one sentence.
    public var reason: String
    /// `CAdES-BASELINE-B`, `CAdES-BASELINE-T` or `CMS` (no CAdES baseline attributes).
    public var format: String
    /// GB/T 35275 (`gm`) or RFC 5652 (`rfc5652`) content types.
    public var profile: String
    /// The signature algorithm, e.g. `sm2WithSM3`.
    public var signatureAlgorithm: String?
    /// The signing-time attribute (a claim, RFC 3339).
    public var claimedSigningTime: String?
    /// The earliest time the signature is proven to have existed (EN 319 102-1 §5.5: best-signature-time).
    public var bestSignatureTime: String
    /// The signer's certificate.
    public var signer: CertificateInfo?
    /// The chain, from the trust anchor down to the signer; empty when none was built.
    public var chain: [ChainElement]
    /// The signature time-stamps.
    public var timeStamps: [TimeStampInfo]
    /// What the frameworks say about the chain.
    public var trust: TrustInfo
    /// The recognition verdict for the relying jurisdiction (never changes the indication).
    public var recognition: RecognitionInfo
    /// Every check made, in order.
    public var checks: [Check]
    /// Further observations.
    public var notes: [String]
}

/// A certificate, as people and machines need it in a report.
public struct CertificateInfo: Codable, Sendable, Hashable {
    /// The subject's distinguished name.
    public var subject: String
    /// The issuer's distinguished name.
    public var issuer: String
    /// The serial number, hexadecimal.
    public var serialNumber: String
    /// notBefore (RFC 3339).
    public var notBefore: String
    /// notAfter (RFC 3339).
    public var notAfter: String
    /// The key: algorithm and size, e.g. `sm2 256`.
    public var publicKey: String
    /// SHA-256 of the DER, hexadecimal.
    public var sha256: String
}

/// One certificate of a chain and its place in the frameworks.
public struct ChainElement: Codable, Sendable, Hashable {
    /// `trust-anchor`, `intermediate` or `signer`.
    public var role: String
    /// The certificate.
    public var certificate: CertificateInfo
    /// The framework whose anchor this is (anchors only).
    public var framework: String?
    /// The level the framework confers through it (anchors only).
    public var level: String?
}

/// A time-stamp and what it proved.
public struct TimeStampInfo: Codable, Sendable, Hashable {
    /// `signature` (over the signature value: the signature existed then) or `content` (over the content, made
    /// before signing: the signature was made after).
    public var kind: String
    /// genTime (RFC 3339, with fraction when the TSA gave one).
    public var generationTime: String?
    /// The TSA's certificate subject.
    public var authority: String?
    /// `valid`, `invalid: …` or `indeterminate: …`.
    public var status: String
    /// Whether it is valid and so serves as proof (of existence for a signature time-stamp; of the earliest
    /// signing time for a content time-stamp).
    public var proofOfExistence: Bool
}

/// The trust frameworks' answer for the chain.
public struct TrustInfo: Codable, Sendable, Hashable {
    /// The framework whose anchor the chain reached.
    public var framework: String?
    /// Its jurisdiction.
    public var jurisdiction: String?
    /// The level it confers at best-signature-time, when one holds.
    public var level: String?
    /// Why no level is conferred, when none is.
    public var reasons: [String]
}

/// The recognition verdict.
public struct RecognitionInfo: Codable, Sendable, Hashable {
    /// `recognised`, `domestic`, `not-recognised`, or `not-evaluated` (no relying jurisdiction given, or no
    /// framework level to recognise).
    public var verdict: String
    /// The agreement that recognises it.
    public var agreement: String?
    /// The agreement's legal basis.
    public var legalBasis: String?
    /// The level in the relying jurisdiction.
    public var level: String?
    /// Every reason it is not recognised, or why it was not evaluated.
    public var reasons: [String]
}

/// One check of the validation process.
public struct Check: Codable, Sendable, Hashable {
    /// What was checked, e.g. `cryptographic verification`.
    public var name: String
    /// The clause of EN 319 102-1 (or other standard) that asks for it.
    public var clause: String
    /// `passed`, `failed`, `indeterminate` or `not-run`.
    public var result: String
    /// Details.
    public var detail: String
}
