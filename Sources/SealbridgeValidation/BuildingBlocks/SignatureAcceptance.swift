import SealbridgeCMS
import SealbridgeCrypto
import SealbridgeTrust
public import SealbridgeX509

extension BuildingBlocks {
    /// §5.2.8 signature acceptance: the signature constraints (a signed reference to the signing certificate, a
    /// required baseline level), then the cryptographic constraints, re-evaluated at best-signature-time when they
    /// fail now (§5.5.4 4c).
    ///
    /// The signing-certificate reference is required by the context (CAdES baseline, EN 319 122-1 §5.2.2.3)
    /// unless the framework whose anchor the chain ends at has the GB/T 35275 signature policy, under which
    /// SignedData without signed attributes — as CFCA's SADK and other Chinese toolkits make it — is acceptable.
    public static func signatureAcceptance(
        _ evidence: SignatureEvidence,
        chain: [Certificate],
        trustAnchor: Certificate?,
        bestSignatureTime: X509Time,
        context: ValidationContext
    ) -> BlockResult {
        let policy = trustAnchor.flatMap(context.framework(anchoring:))?.signaturePolicy ?? .cadesBaseline
        // An OFD seal binds its signer through the seal's certificate list (the identification block judges it); an
        // OFD plain signature is GB/T 35275 SignedData without attributes by definition (GM/T 0099 §7.2.2).
        if context.requiresSigningCertificateReference, policy.requiresSigningCertificateReference,
            evidence.format.isCAdESFamily, evidence.signingCertificate.reference != .bound
        {
            return .failing(
                .sigConstraintsFailure,
                "the signing certificate is not referenced by a signed attribute (ESS signing-certificate v1/v2), "
                    + "which CAdES baseline requires"
            )
        }
        if let required = context.requiredBaselineLevel, !reaches(evidence.format, required) {
            return .failing(
                .sigConstraintsFailure,
                "the validation policy requires CAdES \(required.rawValue); the signature is \(evidence.format.rawValue)"
            )
        }
        if let seal = evidence.seal, let failing = sealValidity(seal, evidence: evidence) { return failing }
        return cryptographicAcceptance(evidence, chain: chain, bestSignatureTime: bestSignatureTime, context: context)
    }

    /// GB/T 38540-2020 §7.3 / GM/T 0031-2014 §6.2.3: the seal must be valid when it is used. The time is the
    /// time-stamp's when a valid one covers the signature, otherwise the signing time the signature claims.
    static func sealValidity(_ seal: SealEvidence, evidence: SignatureEvidence) -> BlockResult? {
        // As X.509 §7.3 treats an unknown critical extension: a constraint not evaluated is not met.
        if !seal.criticalExtensions.isEmpty {
            return .failing(
                .sigConstraintsFailure,
                "the seal carries critical extensions Sealbridge does not evaluate "
                    + "(\(seal.criticalExtensions.joined(separator: ", ")))"
            )
        }
        let stamped = evidence.signatureTimeStamps.filter(\.status.isValid).compactMap(\.genTime).min()
        guard let time = stamped?.x509Time ?? evidence.claimedSigningTime
        else {
            return .failing(
                .sigConstraintsFailure,
                "the seal signature states no signing time, so the seal's validity at signing cannot be checked"
            )
        }
        guard time >= seal.validStart, time <= seal.validEnd else {
            return .failing(
                .sigConstraintsFailure,
                "the seal was used at \(time), outside its validity \(seal.validStart) – \(seal.validEnd)"
            )
        }
        return nil
    }

    static func reaches(_ format: SignatureFormatName, _ required: CMSSignerResult.BaselineLevel) -> Bool {
        switch (format, required) {
        case (.cadesBaselineT, _), (.cadesBaselineB, .bb): return true
        default: return false
        }
    }

    /// The cryptographic constraints on the signature's hash and key and every CA key of the chain.
    static func cryptographicAcceptance(
        _ evidence: SignatureEvidence,
        chain: [Certificate],
        bestSignatureTime: X509Time,
        context: ValidationContext
    ) -> BlockResult {
        let constraints = context.constraints
        var subjects: [(hash: HashFunction?, key: PublicKey?, what: String)] = []
        if let certificate = evidence.signingCertificate.certificate {
            subjects.append((evidence.signatureAlgorithm?.hash, try? certificate.publicKey(), "the signature"))
        }
        for (index, certificate) in chain.enumerated() where index > 0 {
            subjects.append((nil, try? certificate.publicKey(), "CA certificate \(index) (\(certificate.subject))"))
        }
        let now = subjects.flatMap {
            constraints.violations(hash: $0.hash, key: $0.key, at: context.time, subject: $0.what)
        }
        guard !now.isEmpty else { return .passed("algorithms and key sizes acceptable at \(context.time)") }
        if let never = now.first(where: { $0.rule.acceptableUntil == nil }) {
            return .failing(.cryptoConstraintsFailure, never.description)
        }
        let then = subjects.flatMap {
            constraints.violations(hash: $0.hash, key: $0.key, at: bestSignatureTime, subject: $0.what)
        }
        if then.isEmpty {
            return .passed(
                "\(now.map(\.description).joined(separator: "; ")) — and the signature is proven to exist at "
                    + "\(bestSignatureTime), when they were acceptable (§5.5.4 4c)"
            )
        }
        return .failing(.cryptoConstraintsFailureNoPOE, then.map(\.description).joined(separator: "; "))
    }
}
