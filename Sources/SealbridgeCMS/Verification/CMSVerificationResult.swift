public import SealbridgeCrypto
public import SealbridgeX509
import SwiftASN1

/// Why a signer is not valid, with a stable code (mapped to EN 319 102-1 sub-indications by the validation layer).
public struct CMSSignerFailure: Hashable, Sendable, CustomStringConvertible {
    /// The kind of failure.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        let name: String
        init(_ name: String) { self.name = name }

        /// No certificate matching the signer identifier was carried or given (NO_SIGNING_CERTIFICATE_FOUND).
        public static let signerCertificateNotFound = Code("signerCertificateNotFound")
        /// A detached signature and no content to check it against.
        public static let contentMissing = Code("contentMissing")
        /// An algorithm or key Sealbridge does not implement.
        public static let unsupportedAlgorithm = Code("unsupportedAlgorithm")
        /// The algorithms named are inconsistent (digest vs signature, or against CMSAlgorithmProtection).
        public static let algorithmMismatch = Code("algorithmMismatch")
        /// An attribute is malformed, repeated or multi-valued where it must not be (FORMAT_FAILURE).
        public static let malformedAttribute = Code("malformedAttribute")
        /// A required attribute is absent (content type, message digest, signing certificate for CAdES).
        public static let missingAttribute = Code("missingAttribute")
        /// The content-type attribute differs from eContentType.
        public static let contentTypeMismatch = Code("contentTypeMismatch")
        /// The message-digest attribute differs from the content's digest (HASH_FAILURE).
        public static let messageDigestMismatch = Code("messageDigestMismatch")
        /// The signature value does not verify (SIG_CRYPTO_FAILURE).
        public static let signatureInvalid = Code("signatureInvalid")
        /// The SM2 signature verifies only over SM3(M) without the Z value, or with a non-default user ID, and
        /// the options do not accept that.
        public static let sm2NonStandardDigest = Code("sm2NonStandardDigest")
        /// The ESS signing-certificate(-v2) attribute does not reference the signer's certificate.
        public static let signingCertificateMismatch = Code("signingCertificateMismatch")
        /// The signature time-stamp is invalid and the options require one.
        public static let timeStampInvalid = Code("timeStampInvalid")

        /// The code's name.
        public var description: String { name }
    }

    /// The kind.
    public let code: Code
    /// What was found, in words.
    public let reason: String

    /// `code: reason`.
    public var description: String { "\(code): \(reason)" }
}

/// A signer's outcome at the CMS layer: structure, digests and signature value (not yet chain or trust).
public enum CMSSignerStatus: Hashable, Sendable {
    /// The signature value and every bound attribute check out.
    case valid
    /// Something is provably wrong (TOTAL-FAILED in EN 319 102-1 terms).
    case invalid(CMSSignerFailure)
    /// It cannot be decided with what was given (INDETERMINATE): no certificate, no content, unknown algorithm.
    case indeterminate(CMSSignerFailure)

    /// Whether `.valid`.
    public var isValid: Bool { self == .valid }
}

/// What was checked and found for one signer.
public struct CMSSignerResult: Sendable {
    /// Whether the signature covers signed attributes or the content directly.
    public enum Form: String, Hashable, Sendable {
        /// The signature covers the DER of the signed attributes (RFC 5652 §5.4).
        case signedAttributes
        /// The signature covers the content itself (no signed attributes; GB/T 35275 allows it).
        case content
    }

    /// The CAdES baseline level the attributes reach (ETSI EN 319 122-1 §6).
    public enum BaselineLevel: String, Hashable, Sendable, Comparable {
        /// B-B: signed attributes with content type, message digest, signing certificate (v2, or v1 with
        /// SHA-1) and signing time.
        case bb = "B-B"
        /// B-T: B-B plus a valid signature time-stamp.
        case bt = "B-T"

        /// B-B before B-T.
        public static func < (lhs: BaselineLevel, rhs: BaselineLevel) -> Bool { lhs == .bb && rhs == .bt }
    }

    /// The signer's position in `signerInfos` (or among a parent's countersignatures).
    public let index: Int
    /// The SignerInfo checked.
    public let signerInfo: CMSSignerInfo
    /// The signer's certificate, when found.
    public let certificate: Certificate?
    /// The outcome.
    public let status: CMSSignerStatus
    /// The form of the signature.
    public let form: Form
    /// The resolved signature algorithm, when known.
    public let signatureAlgorithm: SignatureAlgorithm?
    /// The claimed signing time (signing-time attribute), when present; not proof of time.
    public let signingTime: X509Time?
    /// The CAdES baseline level reached, when at least B-B.
    public let baselineLevel: BaselineLevel?
    /// The signature time-stamps found and how each checked out.
    public let timeStamps: [TimeStampVerification]
    /// Each content-time-stamp (a signed attribute over the content's digest, made before signing) and its check.
    public var contentTimeStamps: [TimeStampVerification] = []
    /// Whether a signed ESS signing-certificate(-v2) attribute references the signer's certificate (as CAdES
    /// baseline requires).
    public var referencesSigningCertificate = false
    /// The countersignatures and how each checked out.
    public let countersignatures: [CMSSignerResult]
    /// Observations that do not change the status (e.g. accepted SM2 without Z, SHA-1 digest).
    public let notes: [String]
}

/// The outcome for every signer of a SignedData.
public struct CMSVerificationResult: Sendable {
    /// One result per SignerInfo, in order.
    public let signers: [CMSSignerResult]

    /// Whether there is at least one signer and every signer is valid.
    public var isValid: Bool { !signers.isEmpty && signers.allSatisfy { $0.status.isValid } }
}
