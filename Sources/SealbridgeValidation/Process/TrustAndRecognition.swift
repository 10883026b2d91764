import SealbridgeCrypto
import SealbridgeTrust
import SealbridgeX509

/// The framework level the chain reaches at best-signature-time, and the recognition verdict for the relying
/// party: added after the indication, never changing it.
struct TrustAndRecognition {
    let context: ValidationContext

    /// The framework and level the chain's anchor confers, with the reasons when none is conferred.
    func trust(_ x509: X509Outcome, at time: X509Time) -> (TrustInfo, conferred: (TrustFramework, String)?) {
        guard let path = x509.path else {
            if let anchor = x509.trustAnchor,
                let framework = context.framework(anchoring: anchor)
            {
                let info = TrustInfo(
                    framework: framework.id,
                    jurisdiction: framework.jurisdiction,
                    level: nil,
                    reasons: ["the chain to \(framework.id) was found but did not validate"]
                )
                return (info, nil)
            }
            return (
                TrustInfo(
                    framework: nil,
                    jurisdiction: nil,
                    level: nil,
                    reasons: ["no chain to an anchor of \(context.anchorSources)"]
                ),
                nil
            )
        }
        let levels = context.frameworks.levels(for: path, at: time)
        for (framework, level) in levels {
            if case .conferred(let name) = level {
                let info = TrustInfo(
                    framework: framework.id,
                    jurisdiction: framework.jurisdiction,
                    level: name,
                    reasons: []
                )
                return (info, (framework, name))
            }
        }
        if let (framework, level) = levels.first, case .constraintsFailed(let reasons) = level {
            let info = TrustInfo(
                framework: framework.id,
                jurisdiction: framework.jurisdiction,
                level: nil,
                reasons: reasons
            )
            return (info, nil)
        }
        let reason =
            levels.isEmpty && !context.anchors.isEmpty
            ? "the chain ends at an anchor given outside a framework, which confers no level"
            : "no framework confers a level"
        return (TrustInfo(framework: nil, jurisdiction: nil, level: nil, reasons: [reason]), nil)
    }

    /// The recognition verdict: not applicable unless the signature is TOTAL_PASSED.
    func recognition(
        _ evidence: SignatureEvidence,
        conclusion: BlockResult,
        path: VerifiedPath?,
        conferred: (TrustFramework, String)?,
        time: X509Time,
        signatureType: SignatureType?
    ) -> RecognitionInfo {
        guard let relying = context.relyingJurisdiction else {
            return RecognitionInfo(verdict: .notEvaluated, reasons: ["no relying jurisdiction was given"])
        }
        guard conclusion.isPassed else {
            let state =
                conclusion.indication == .totalFailed
                ? "the signature is not valid" : "the signature's validity could not be confirmed"
            return RecognitionInfo(
                verdict: .notApplicable,
                reasons: ["\(state), so no recognition applies in \(relying)"]
            )
        }
        guard let path, let (framework, level) = conferred, let certificate = evidence.signingCertificate.certificate,
            let key = try? certificate.publicKey(), let algorithm = evidence.signatureAlgorithmOID
        else {
            return RecognitionInfo(
                verdict: .notEvaluated,
                reasons: ["no trust framework confers a level on the signer's chain, so there is nothing to recognise"]
            )
        }
        let qcStatements = ((try? certificate.qcStatements()) ?? nil)?.identifiers ?? []
        let query = RecognitionQuery(
            framework: framework,
            level: level,
            relyingJurisdiction: relying,
            documentKind: context.documentKind ?? "unspecified",
            time: time,
            policies: path.validPolicies,
            signatureAlgorithm: algorithm,
            signerKey: key,
            qcStatements: qcStatements,
            signerCertificate: certificate,
            signatureType: signatureType
        )
        switch RecognitionEngine(agreements: context.agreements).verdict(for: query) {
        case .domestic(let framework, let level):
            return RecognitionInfo(
                verdict: .domestic,
                agreement: nil,
                legalBasis: context.frameworks.first { $0.id == framework }?.legalBasis,
                level: level,
                reasons: ["framework \(framework) belongs to \(relying)'s own legal order"]
            )
        case .recognised(let agreement, let legalBasis, let domesticLevel):
            return RecognitionInfo(
                verdict: .recognised,
                agreement: agreement,
                legalBasis: legalBasis,
                level: domesticLevel,
                reasons: []
            )
        case .notRecognised(let reasons):
            return RecognitionInfo(verdict: .notRecognised, reasons: reasons.map(\.description))
        }
    }
}

extension RecognitionInfo {
    init(verdict: RecognitionVerdictName, reasons: [String]) {
        self.init(verdict: verdict, agreement: nil, legalBasis: nil, level: nil, reasons: reasons)
    }
}
