public import SealbridgeTrust
public import SealbridgeX509

/// The result of validating every signature in one file, with the recognition verdict for the relying party.
///
/// A value: rendered as JSON (the versioned schema in `docs/report-schema.json`), as an ETSI TS 119 102-2
/// validation report (XML), as a standalone HTML page and as terminal text.
public struct ValidationReport: Codable, Sendable, Hashable {
    /// The version of the JSON schema this report follows.
    public static let currentSchemaVersion = "1.3"

    /// `1.1`.
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
    /// One plain sentence, the first thing a person reads ("The invoice was changed after it was signed — do not
    /// rely on it.").
    public var headline: String
    /// What to do next, when the signature is not valid or not recognised.
    public var advice: String?
    /// The verdict in words: every signature and every recognition verdict.
    public var summary: String
    /// Every document that was actually checked, with its SHA-256 and size.
    public var documents: [CheckedDocument]
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
        /// `CMS` (with the CAdES level in each signature), or `unsupported` for formats not handled yet.
        public var format: DocumentFormat
        /// What the file was recognised as, in words, when it is not a format Sealbridge validates.
        public var detectedAs: String?
        /// The detached content, when given.
        public var detachedContent: String?
    }

    /// A document that was checked: the signed file, the content it carries, or the content given for it — whole,
    /// or (role `content-digest`) only by its digest.
    public struct CheckedDocument: Codable, Sendable, Hashable {
        /// What the document is to the validation.
        public var role: DocumentRole
        /// Its name.
        public var name: String
        /// Its size in bytes; absent for a document given only by its digest.
        public var size: Int?
        /// SHA-256 of its bytes, hexadecimal; absent for a document given only by another digest.
        public var sha256: String?
        /// The digest algorithm of a document given only by its digest (`sha256`, `sha3-256`, `sm3`, …).
        public var digestAlgorithm: String?
        /// That digest, hexadecimal.
        public var digest: String?

        /// A document checked whole.
        public init(role: DocumentRole, name: String, size: Int, sha256: String) {
            self.role = role
            self.name = name
            self.size = size
            self.sha256 = sha256
        }

        /// A document given only by its digest.
        public init(name: String, digestAlgorithm: String, digest: String) {
            self.role = .contentDigest
            self.name = name
            self.digestAlgorithm = digestAlgorithm
            self.digest = digest
            if digestAlgorithm == "sha256" { sha256 = digest }
        }

        /// `1234 bytes, sha256 …`, or for a document given by its digest `sha384 …`: what was checked.
        public var evidence: String {
            if let size, let sha256 { return "\(size) bytes, sha256 \(sha256)" }
            return "\(digestAlgorithm ?? "digest") \(digest ?? "")"
        }
    }

    /// What the validation was asked.
    public struct ContextInfo: Codable, Sendable, Hashable {
        /// The relying party's jurisdiction, when given.
        public var relyingJurisdiction: String?
        /// The document kind, when given: a claim of the relying party's, not something Sealbridge read.
        public var documentKind: String?
        /// `relying-party` when a document kind was given (the kind is declared, not detected).
        public var documentKindDeclaredBy: String?
        /// The revocation policy the validation was made under.
        public var revocationPolicy: RevocationPolicy
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
    public var format: SignatureFormatName
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
    /// Countersignatures over this signature, each validated in its own right.
    public var countersignatures: [SignatureReport]
    /// What the signature carries that was not evaluated (archive time-stamps, evidence records, …).
    public var unevaluated: [UnevaluatedItem]
    /// Further observations.
    public var notes: [String]
    /// The electronic seal, for a seal (OFD / GB/T 38540).
    public var seal: SealInfo?
    /// A legal person's seal or a natural person's signature, when the signature's facts establish it (a seal
    /// structure; the signer certificate's EU QcType).
    public var signatureType: SignatureType?
}

/// Something a signature carries that the process did not evaluate: reported, so that nothing is silently
/// ignored.
public struct UnevaluatedItem: Codable, Sendable, Hashable {
    /// What it is, e.g. `archive-time-stamp-v3`.
    public var name: String
    /// Details: its object identifier and why it was not evaluated.
    public var detail: String

    /// An item.
    public init(name: String, detail: String) {
        self.name = name
        self.detail = detail
    }
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
    public var role: ChainRole
    /// The certificate.
    public var certificate: CertificateInfo
    /// The framework whose anchor this is (anchors only).
    public var framework: String?
    /// The level the framework confers through it (anchors only).
    public var level: String?
    /// Its revocation status.
    public var revocation: RevocationInfo
}

/// A certificate's revocation status, with where it came from.
public struct RevocationInfo: Codable, Sendable, Hashable {
    /// good, revoked or not-checked.
    public var status: RevocationStatusName
    /// CRL or OCSP, when data was found.
    public var source: RevocationSource.Kind?
    /// Where that data came from.
    public var origin: RevocationOrigin?
    /// The data's issuer.
    public var issuer: String?
    /// thisUpdate of the data.
    public var thisUpdate: String?
    /// nextUpdate of the data.
    public var nextUpdate: String?
    /// When the certificate was revoked.
    public var revocationDate: String?
    /// Why, by its RFC 5280 name (`keyCompromise`, …).
    public var reason: String?
    /// Why the status was not checked.
    public var notCheckedBecause: CertificateRevocationStatus.NotChecked?
    /// In words.
    public var detail: String
}

/// A time-stamp and what it proved.
public struct TimeStampInfo: Codable, Sendable, Hashable {
    /// `signature` (over the signature value: the signature existed then) or `content` (over the content, made
    /// before signing: the signature was made after).
    public var kind: TimeStampKind
    /// genTime (RFC 3339, with fraction when the TSA gave one).
    public var generationTime: String?
    /// The TSA's certificate subject.
    public var authority: String?
    /// `valid`, `invalid: …` or `indeterminate: …`.
    public var status: String
    /// Whether it is valid and so serves as proof (of existence for a signature time-stamp; of the earliest
    /// signing time for a content time-stamp).
    public var proofOfExistence: Bool
    /// The TSA certificate's revocation status at genTime, when its path was validated (schema 1.2). A revoked
    /// TSA certificate fails the path, so the time-stamp is then indeterminate and proves nothing.
    public var authorityRevocation: RevocationInfo?
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
    /// `recognised`, `domestic`, `not-recognised`, `not-evaluated` (no relying jurisdiction given, or no
    /// framework level to recognise) or `not-applicable` (the signature is not valid).
    public var verdict: RecognitionVerdictName
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
    public var result: CheckResult
    /// Details.
    public var detail: String
}
