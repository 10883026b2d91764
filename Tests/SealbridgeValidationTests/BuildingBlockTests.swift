import SealbridgeTrust
import SealbridgeValidation
import SealbridgeX509
import Testing

/// The EN 319 102-1 building blocks over synthetic evidence, table-driven, without signing anything.
@Suite struct BuildingBlockTests {
    static func evidence(
        structure: StructureFinding = .wellFormed("ok"),
        reference: SigningCertificateFinding.Reference = .bound,
        digest: DigestFinding = .matched,
        value: SignatureValueFinding = .verified
    ) -> SignatureEvidence {
        SignatureEvidence(
            id: "S-1",
            format: .cadesBaselineB,
            structure: structure,
            signingCertificate: SigningCertificateFinding(certificate: nil, reference: reference),
            signedDataDigest: digest,
            signatureValue: value
        )
    }

    static let cryptographicCases: [(DigestFinding, SignatureValueFinding, String)] = [
        (.matched, .verified, "PASSED"),
        (.coveredBySignature, .verified, "PASSED"),
        (.mismatched("changed"), .notReached, "HASH_FAILURE"),
        (.mismatched("changed"), .verified, "HASH_FAILURE"),
        (.matched, .failed("forged"), "SIG_CRYPTO_FAILURE"),
        (.notAvailable("detached"), .notReached, "SIGNED_DATA_NOT_FOUND"),
        (.matched, .unsupported("unknown algorithm"), "CRYPTO_CONSTRAINTS_FAILURE"),
        (.notReached, .notReached, "NOT_RUN"),
    ]

    @Test(arguments: cryptographicCases)
    func cryptographicVerification(_ digest: DigestFinding, _ value: SignatureValueFinding, _ expected: String) {
        let result = BuildingBlocks.cryptographicVerification(Self.evidence(digest: digest, value: value))
        let got: String
        switch result.status {
        case .passed: got = "PASSED"
        case .notRun: got = "NOT_RUN"
        case .failing(let sub): got = sub.rawValue
        }
        #expect(got == expected)
    }

    @Test func formatCheckingAndIdentification() {
        #expect(BuildingBlocks.formatChecking(Self.evidence()).isPassed)
        #expect(
            BuildingBlocks.formatChecking(Self.evidence(structure: .malformed("x"))).subIndication == .formatFailure
        )
        // No certificate at all, or a signed reference to another one: NO_SIGNING_CERTIFICATE_FOUND.
        #expect(
            BuildingBlocks.identificationOfTheSigningCertificate(Self.evidence()).subIndication
                == .noSigningCertificateFound
        )
    }

    /// §5.3.4: format, identification and context first; then a proven failure of the signature; then a proven
    /// failure of the chain with time; then what could not be decided.
    static let precedence: [(BlockResults, SubIndication?)] = [
        (BlockResults(), nil),
        (
            BlockResults(formatChecking: .failing(.formatFailure, ""), cryptographicVerification: .notRun("")),
            .formatFailure
        ),
        (
            BlockResults(
                x509Validation: .failing(.noCertificateChainFound, ""),
                cryptographicVerification: .failing(.hashFailure, "")
            ), .hashFailure
        ),
        (
            BlockResults(
                x509Validation: .failing(.revokedNoPOE, ""),
                cryptographicVerification: .failing(.sigCryptoFailure, "")
            ), .sigCryptoFailure
        ),
        (
            BlockResults(
                x509Validation: .failing(.revoked, ""),
                cryptographicVerification: .failing(.signedDataNotFound, "")
            ), .revoked
        ),
        (
            BlockResults(
                x509Validation: .failing(.tryLater, ""),
                cryptographicVerification: .failing(.signedDataNotFound, "")
            ), .signedDataNotFound
        ),
        (
            BlockResults(
                x509Validation: .failing(.tryLater, ""),
                signatureAcceptance: .failing(.cryptoConstraintsFailure, "")
            ), .tryLater
        ),
        (BlockResults(signatureAcceptance: .failing(.sigConstraintsFailure, "")), .sigConstraintsFailure),
        (BlockResults(timeStampOrder: .failing(.timestampOrderFailure, "")), .timestampOrderFailure),
        (BlockResults(cryptographicVerification: .notRun("")), .formatFailure),
    ]

    @Test(arguments: precedence.indices)
    func theConclusionFollowsTheStandardsPrecedence(_ index: Int) {
        let (blocks, expected) = Self.precedence[index]
        let conclusion = BuildingBlocks.conclusion(blocks)
        #expect(conclusion.subIndication == expected)
        #expect(conclusion.isPassed == (expected == nil))
    }

    @Test func timeStampOrderAndProofOfExistence() {
        let t0 = X509Time(secondsSinceEpoch: 1_800_000_000)
        let later = X509Time(secondsSinceEpoch: 1_800_000_600)
        let none = ProofOfExistence(bestSignatureTime: t0, contentTime: nil, signatureTimeStampTimes: [], all: 0)
        #expect(BuildingBlocks.timeStampOrder(none).status == .notRun)
        #expect(BuildingBlocks.signatureTimeStamps(none) == nil)
        let ordered = ProofOfExistence(
            bestSignatureTime: later,
            contentTime: t0,
            signatureTimeStampTimes: [later],
            all: 1
        )
        #expect(BuildingBlocks.timeStampOrder(ordered).isPassed)
        let reversed = ProofOfExistence(
            bestSignatureTime: t0,
            contentTime: later,
            signatureTimeStampTimes: [t0],
            all: 1
        )
        #expect(BuildingBlocks.timeStampOrder(reversed).subIndication == .timestampOrderFailure)
        // Every token invalid: no proof of existence (§5.5.4 3b sets them aside).
        let invalid = ProofOfExistence(bestSignatureTime: t0, contentTime: nil, signatureTimeStampTimes: [], all: 2)
        #expect(BuildingBlocks.signatureTimeStamps(invalid)?.subIndication == .noPOE)
    }

    @Test func theContextNamesThePolicy() {
        var context = ValidationContext()
        context.revocationPolicy = .whereAvailable
        let result = BuildingBlocks.validationContextInitialisation(context)
        #expect(result.isPassed)
        #expect(result.detail.contains("revocation policy: where-available"))
    }
}
