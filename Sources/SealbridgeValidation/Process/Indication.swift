/// The main status indication of a signature validation (ETSI EN 319 102-1 §5.1.3, Table 4).
public enum Indication: String, Codable, Sendable, CaseIterable, Comparable {
    /// The signature passed every check required by the validation constraints.
    case totalPassed = "TOTAL_PASSED"
    /// A check failed in a way that proves the signature invalid (e.g. a modified document, a forged value).
    case totalFailed = "TOTAL_FAILED"
    /// The checks do not allow a conclusion either way (e.g. no path to a trusted anchor, revoked after the
    /// signature may have been made, missing content).
    case indeterminate = "INDETERMINATE"

    /// The URI of ETSI TS 119 102-2 §5.3 (`urn:etsi:019102:mainindication:total-passed`, …).
    public var uri: String {
        switch self {
        case .totalPassed: return "urn:etsi:019102:mainindication:total-passed"
        case .totalFailed: return "urn:etsi:019102:mainindication:total-failed"
        case .indeterminate: return "urn:etsi:019102:mainindication:indeterminate"
        }
    }

    /// Worst first when sorting a set of signatures' indications: failed, then indeterminate, then passed.
    public static func < (lhs: Indication, rhs: Indication) -> Bool { lhs.severity > rhs.severity }

    private var severity: Int {
        switch self {
        case .totalFailed: return 2
        case .indeterminate: return 1
        case .totalPassed: return 0
        }
    }

    /// The exit status `sealbridge validate` uses: 0 passed, 1 failed, 2 indeterminate.
    public var exitCode: Int32 {
        switch self {
        case .totalPassed: return 0
        case .totalFailed: return 1
        case .indeterminate: return 2
        }
    }
}

/// The sub-indications of ETSI EN 319 102-1 §5.1.3, Table 5, by their exact names.
public enum SubIndication: String, Codable, Sendable, CaseIterable {
    // With TOTAL_FAILED.
    /// The signature is not conformant to one of the base standards to the extent that it cannot be processed.
    case formatFailure = "FORMAT_FAILURE"
    /// The hash of at least one signed data object does not match the value in the signature.
    case hashFailure = "HASH_FAILURE"
    /// The signature value does not verify with the signing certificate's public key.
    case sigCryptoFailure = "SIG_CRYPTO_FAILURE"
    /// The signing certificate was revoked at a time the signature is proven to have been made after.
    case revoked = "REVOKED"
    /// The signature is proven to have been made after the signing certificate expired.
    case expired = "EXPIRED"
    /// The signature is proven to have been made before the signing certificate became valid.
    case notYetValid = "NOT_YET_VALID"
    // With INDETERMINATE.
    /// The signature does not meet the validation constraints on signature elements (e.g. a required attribute).
    case sigConstraintsFailure = "SIG_CONSTRAINTS_FAILURE"
    /// The certificate chain does not meet the chain constraints (RFC 5280 path rules, a framework's policy).
    case chainConstraintsFailure = "CHAIN_CONSTRAINTS_FAILURE"
    /// The chain could not be validated for another reason.
    case certificateChainGeneralFailure = "CERTIFICATE_CHAIN_GENERAL_FAILURE"
    /// An algorithm or key size is never acceptable under the cryptographic constraints.
    case cryptoConstraintsFailure = "CRYPTO_CONSTRAINTS_FAILURE"
    /// The validation policy could not be processed.
    case policyProcessingError = "POLICY_PROCESSING_ERROR"
    /// The signature policy the signature names is not available.
    case signaturePolicyNotAvailable = "SIGNATURE_POLICY_NOT_AVAILABLE"
    /// Time-stamps are not in a coherent order.
    case timestampOrderFailure = "TIMESTAMP_ORDER_FAILURE"
    /// The signing certificate cannot be identified.
    case noSigningCertificateFound = "NO_SIGNING_CERTIFICATE_FOUND"
    /// No chain to a trust anchor of the validation context could be built.
    case noCertificateChainFound = "NO_CERTIFICATE_CHAIN_FOUND"
    /// The signing certificate is revoked and no proof shows the signature was made before.
    case revokedNoPOE = "REVOKED_NO_POE"
    /// A CA certificate in the chain is revoked and no proof shows the signature was made before.
    case revokedCANoPOE = "REVOKED_CA_NO_POE"
    /// The signing certificate is expired or not yet valid at the validation time and no proof places the
    /// signature within its validity.
    case outOfBoundsNoPOE = "OUT_OF_BOUNDS_NO_POE"
    /// As OUT_OF_BOUNDS_NO_POE, the certificate being known not to be revoked.
    case outOfBoundsNotRevoked = "OUT_OF_BOUNDS_NOT_REVOKED"
    /// Revocation information is out of bounds and no proof of existence helps.
    case revocationOutOfBoundsNoPOE = "REVOCATION_OUT_OF_BOUNDS_NO_POE"
    /// An algorithm or key size is no longer acceptable, and no proof shows the signature was made while it was.
    case cryptoConstraintsFailureNoPOE = "CRYPTO_CONSTRAINTS_FAILURE_NO_POE"
    /// A proof of existence is missing.
    case noPOE = "NO_POE"
    /// Revocation information is not available yet; validating later may conclude.
    case tryLater = "TRY_LATER"
    /// The signed data cannot be obtained (e.g. the content of a detached signature was not given).
    case signedDataNotFound = "SIGNED_DATA_NOT_FOUND"

    /// The URI of ETSI TS 119 102-2 §5.3 (`urn:etsi:019102:subindication:HASH_FAILURE`, …).
    public var uri: String { "urn:etsi:019102:subindication:" + rawValue }

    /// The main indication this sub-indication goes with (EN 319 102-1 Table 5).
    public var indication: Indication {
        switch self {
        case .formatFailure, .hashFailure, .sigCryptoFailure, .revoked, .expired, .notYetValid: return .totalFailed
        default: return .indeterminate
        }
    }
}
