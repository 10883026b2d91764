public import SealbridgeX509

extension BuildingBlocks {
    /// The electronic-seal steps of GB/T 38540-2020 §7.3 (GM/T 0031-2014 §6.2.3) that EN 319 102-1 has no block
    /// of its own for, each shown as a check beside the blocks that judge them: the maker's signature (in
    /// cryptographic verification), the signer's place in the seal's list (in identification), the seal's validity
    /// at signing (in signature acceptance). Empty for a signature made without a seal.
    public static func sealChecks(_ evidence: SignatureEvidence, makerPath: BlockResult = .notRun("")) -> [Check] {
        guard let seal = evidence.seal else { return [] }
        let clause = "\(seal.standard == "GM/T 0031-2014" ? "GM/T 0031-2014 §6.2.3" : "GB/T 38540-2020 §7.3")"
        let maker = sealMakerSignature(seal) ?? .passed("the seal maker's signature over the seal verifies")
        let listed: BlockResult =
            switch evidence.signingCertificate.reference {
            case .bound: .passed("the signer's certificate is one the seal lists")
            case .mismatch(let why): .failing(.noSigningCertificateFound, why)
            case .absent: .notRun("the seal's certificate list could not be compared")
            }
        let validity =
            sealValidity(seal, evidence: evidence)
            ?? .passed("the seal was used within its validity \(seal.validStart) – \(seal.validEnd)")
        return [
            Check(maker, "seal maker's signature", clause),
            Check(makerPath, "seal maker's certificate path", "\(clause); EN 319 102-1 §5.2.6"),
            Check(listed, "signer listed in the seal", clause),
            Check(validity, "seal validity at signing", clause),
        ]
    }

    /// §5.2.6 over the seal maker's certificate, at the same times as the signer's (the seal must come from a maker
    /// the relying party trusts); a maker certificate that could not be read was already a format failure.
    public static func sealMakerValidation(
        _ seal: SealEvidence,
        evidence: SignatureEvidence,
        poe: ProofOfExistence,
        context: ValidationContext,
        verifier: CertificateVerifier
    ) -> BlockResult {
        guard let certificate = seal.makerCertificate else {
            return .failing(.formatFailure, "the seal maker's certificate is not readable")
        }
        // A seal its own user made vouches for nothing (GB/T 38540-2020 §5: the seal-making authority makes seals
        // for others).
        if let signer = try? evidence.signingCertificate.certificate?.publicKey(),
            let maker = try? certificate.publicKey(), signer == maker
        {
            return .failing(
                .sigConstraintsFailure,
                "the seal was made with the signer's own key: a seal its user made is no seal-making authority's"
            )
        }
        let outcome = x509CertificateValidation(certificate, poe: poe, context: context, verifier: verifier)
        switch outcome.result.status {
        case .passed: return .passed("the seal maker's certificate (\(certificate.subject)) \(outcome.result.detail)")
        case .notRun: return outcome.result
        case .failing(let sub): return .failing(sub, "the seal maker's certificate: \(outcome.result.detail)")
        }
    }
}
