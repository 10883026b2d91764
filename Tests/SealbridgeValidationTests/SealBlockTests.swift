import SealbridgeOFD
import SealbridgeValidation
import SealbridgeX509
import Testing

/// The seal steps of GB/T 38540-2020 §7.3 as the building blocks judge them, over synthetic evidence.
@Suite struct SealBlockTests {
    static let start = X509Time(year: 2024, month: 1, day: 1, hour: 0, minute: 0, second: 0)
    static let end = X509Time(year: 2025, month: 1, day: 1, hour: 0, minute: 0, second: 0)

    static func evidence(
        signedAt: X509Time?,
        maker: SignatureValueFinding = .verified,
        reference: SigningCertificateFinding.Reference = .bound
    ) -> SignatureEvidence {
        var evidence = SignatureEvidence(
            id: "S-1",
            format: .ofdSealV4,
            structure: .wellFormed("ok"),
            signingCertificate: SigningCertificateFinding(certificate: nil, reference: reference),
            signedDataDigest: .matched,
            signatureValue: .verified,
            claimedSigningTime: signedAt
        )
        evidence.seal = SealEvidence(
            standard: "GB/T 38540-2020",
            name: "Demo Trading Co., Ltd. invoice seal",
            esID: "1",
            type: 3,
            vendorID: "demo",
            validStart: start,
            validEnd: end,
            makerCertificate: nil,
            makerSignature: maker,
            pictureType: "PNG",
            pictureWidth: 40,
            pictureHeight: 40,
            picture: .failure(SealImageError("not read in this test")),
            stamps: []
        )
        return evidence
    }

    static func check(_ evidence: SignatureEvidence, _ name: String) -> CheckResult? {
        BuildingBlocks.sealChecks(evidence).first { $0.name == name }?.result
    }

    @Test func aSealUsedWithinItsValidityPasses() {
        let evidence = Self.evidence(signedAt: X509Time(year: 2024, month: 6, day: 1, hour: 0, minute: 0, second: 0))
        #expect(Self.check(evidence, "seal validity at signing") == .passed)
        #expect(Self.check(evidence, "seal maker's signature") == .passed)
        #expect(Self.check(evidence, "signer listed in the seal") == .passed)
        #expect(BuildingBlocks.cryptographicVerification(evidence).isPassed)
    }

    @Test(arguments: [
        X509Time(year: 2023, month: 12, day: 31, hour: 23, minute: 59, second: 59),
        X509Time(year: 2025, month: 1, day: 1, hour: 0, minute: 0, second: 1),
    ])
    func aSealUsedOutsideItsValidityFailsAcceptance(_ time: X509Time) {
        #expect(Self.check(Self.evidence(signedAt: time), "seal validity at signing") == .indeterminate)
    }

    @Test func aSealWithoutASigningTimeCannotBeJudged() {
        #expect(Self.check(Self.evidence(signedAt: nil), "seal validity at signing") == .indeterminate)
    }

    @Test func aForgedSealIsASignatureCryptoFailure() {
        let evidence = Self.evidence(signedAt: Self.start, maker: .failed("does not verify"))
        #expect(BuildingBlocks.cryptographicVerification(evidence).subIndication == .sigCryptoFailure)
        #expect(Self.check(evidence, "seal maker's signature") == .failed)
    }

    @Test func aSignerTheSealDoesNotListIsNotIdentified() {
        let evidence = Self.evidence(signedAt: Self.start, reference: .mismatch("not listed"))
        #expect(
            BuildingBlocks.identificationOfTheSigningCertificate(evidence).subIndication == .noSigningCertificateFound
        )
        #expect(Self.check(evidence, "signer listed in the seal") == .indeterminate)
    }

    /// A critical extension nobody evaluated is a constraint not met.
    @Test func aSealWithAnUnknownCriticalExtensionIsNotAccepted() {
        var evidence = Self.evidence(signedAt: X509Time(year: 2024, month: 6, day: 1, hour: 0, minute: 0, second: 0))
        evidence.seal?.criticalExtensions = ["1.2.3.4"]
        #expect(Self.check(evidence, "seal validity at signing") == .indeterminate)
    }

    @Test func aSignatureWithoutASealHasNoSealChecks() {
        var evidence = Self.evidence(signedAt: Self.start)
        evidence.seal = nil
        #expect(BuildingBlocks.sealChecks(evidence).isEmpty)
    }
}
