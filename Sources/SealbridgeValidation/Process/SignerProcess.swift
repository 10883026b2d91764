import SealbridgeCMS
import SealbridgeCrypto
import SealbridgeTrust
public import SealbridgeX509
import SwiftASN1

/// The EN 319 102-1 process for one signer of a SignedData.
struct SignerProcess {
    let context: ValidationContext
    let signedData: CMSSignedData
    let crls: [CertificateRevocationList]
    let intermediates: [Certificate]
    let trustStore: TrustStore

    init(context: ValidationContext, signedData: CMSSignedData, trustStore: TrustStore) {
        self.context = context
        self.signedData = signedData
        crls = signedData.crls + context.crls
        intermediates = signedData.certificates + context.untrustedCertificates
        self.trustStore = trustStore
    }

    /// A conclusion so far: nil sub-indication and `.totalPassed` when passed.
    struct Status {
        var indication: Indication
        var subIndication: SubIndication?
        var reason: String

        static func passed(_ reason: String) -> Status {
            Status(indication: .totalPassed, subIndication: nil, reason: reason)
        }
        static func failed(_ sub: SubIndication, _ reason: String) -> Status {
            Status(indication: sub.indication, subIndication: sub, reason: reason)
        }
        var isPassed: Bool { indication == .totalPassed }
    }

    func run(_ signer: CMSSignerResult) -> SignatureReport {
        var checks: [Check] = []
        var notes = signer.notes
        func check(_ name: String, _ clause: String, _ result: String, _ detail: String) {
            checks.append(Check(name: name, clause: clause, result: result, detail: detail))
        }
        let time = context.time
        let certificate = signer.certificate

        // §5.2.2 format checking and §5.2.7 cryptographic verification: the CMS layer's verdict.
        let cms = cmsStatus(signer)
        check(
            "format checking",
            "EN 319 102-1 §5.2.2",
            cms.subIndication == .formatFailure ? "failed" : "passed",
            cms.subIndication == .formatFailure
                ? cms.reason : "a well-formed \(signedData.profile == .gm ? "GB/T 35275" : "RFC 5652") SignerInfo"
        )
        // §5.2.3 identification of the signing certificate.
        let identified = certificate != nil && cms.subIndication != .noSigningCertificateFound
        check(
            "identification of the signing certificate",
            "EN 319 102-1 §5.2.3",
            identified ? "passed" : "indeterminate",
            identified
                ? "\(certificate.map { "\($0.subject)" } ?? "")"
                    + (signer.referencesSigningCertificate ? ", bound by the ESS signing-certificate attribute" : "")
                : cms.reason
        )

        // §5.5.4 steps 1 and 3: best-signature-time from the valid signature time-stamps.
        var bestSignatureTime = time
        let timeStamps =
            signer.timeStamps.map { TimeStampInfo($0, kind: "signature") }
            + signer.contentTimeStamps.map { TimeStampInfo($0, kind: "content") }
        for stamp in signer.timeStamps where stamp.status.isValid {
            if let generation = stamp.genTime?.x509Time, generation < bestSignatureTime {
                bestSignatureTime = generation
            }
        }
        // Content time-stamps (EN 319 122-1 §5.2.8): the content existed at their time, so the signature was made
        // after the latest valid one.
        var contentTime: X509Time?
        for stamp in signer.contentTimeStamps where stamp.status.isValid {
            if let generation = stamp.genTime?.x509Time { contentTime = max(contentTime ?? generation, generation) }
        }
        if !signer.timeStamps.isEmpty {
            let valid = signer.timeStamps.filter(\.status.isValid).count
            check(
                "signature time-stamps",
                "EN 319 102-1 §5.4, §5.5.4 step 3",
                valid > 0 ? "passed" : "indeterminate",
                "\(valid) of \(signer.timeStamps.count) valid; best-signature-time \(bestSignatureTime)"
                    + (valid < signer.timeStamps.count ? " (invalid or untrusted tokens are set aside, §5.5.4 3b)" : "")
            )
        }

        // §5.2.6 X.509 certificate validation at the validation time, then with time (§5.5.4 step 4).
        var path: VerifiedPath?
        var x509 = Status.failed(.noSigningCertificateFound, "no signing certificate")
        if let certificate {
            (x509, path) = validateChain(certificate, bestSignatureTime: bestSignatureTime, contentTime: contentTime)
            // §5.5.4 4e: signature time-stamps come after every content time-stamp.
            if x509.isPassed, let contentTime,
                let early = signer.timeStamps.compactMap({ $0.status.isValid ? $0.genTime?.x509Time : nil })
                    .first(where: { $0 < contentTime })
            {
                x509 = .failed(
                    .timestampOrderFailure,
                    "a signature time-stamp (\(early)) precedes the content time-stamp (\(contentTime))"
                )
            }
            check(
                "X.509 certificate validation",
                "EN 319 102-1 §5.2.6, §5.5.4 step 4",
                x509.isPassed ? "passed" : x509.indication == .totalFailed ? "failed" : "indeterminate",
                x509.reason
            )
        }

        // §5.2.8 signature acceptance: signature constraints, then cryptographic constraints with POE.
        var acceptance = Status.passed("accepted")
        if context.requiresSigningCertificateReference,
            !signer.referencesSigningCertificate
        {
            acceptance = .failed(
                .sigConstraintsFailure,
                "the signing certificate is not referenced by a signed attribute (ESS signing-certificate v1/v2), "
                    + "which CAdES baseline requires"
            )
        } else if let required = context.requiredBaselineLevel, signer.baselineLevel.map({ $0 < required }) ?? true {
            acceptance = .failed(
                .sigConstraintsFailure,
                "the validation policy requires CAdES \(required.rawValue); the signature reaches "
                    + "\(signer.baselineLevel?.rawValue ?? "no baseline level")"
            )
        } else {
            acceptance = cryptographicAcceptance(signer, path: path, bestSignatureTime: bestSignatureTime)
        }
        check(
            "signature acceptance validation",
            "EN 319 102-1 §5.2.8 (constraints \(context.constraints.name))",
            acceptance.isPassed ? "passed" : "indeterminate",
            acceptance.reason
        )

        // The conclusion: a proven failure first (§5.3.4: a FAILED crypto check decides), then the chain, then
        // acceptance.
        let final =
            [cms, x509, acceptance].first { !$0.isPassed }
            ?? .passed(
                "the signature is valid"
                    + (bestSignatureTime < time ? " and proven to exist at \(bestSignatureTime)" : "")
            )
        check(
            "cryptographic verification",
            "EN 319 102-1 §5.2.7",
            cms.isPassed
                ? "passed" : [.hashFailure, .sigCryptoFailure].contains(cms.subIndication) ? "failed" : "not-run",
            cms.isPassed ? "message digest and signature value verify" : cms.reason
        )

        // The framework's level at best-signature-time, and recognition.
        var trust = TrustInfo(framework: nil, jurisdiction: nil, level: nil, reasons: [])
        var conferred: (TrustFramework, String)?
        if let path {
            let levels = context.frameworks.levels(for: path, at: bestSignatureTime)
            for (framework, level) in levels {
                if case .conferred(let name) = level {
                    conferred = (framework, name)
                    break
                }
            }
            if let (framework, level) = conferred {
                trust = TrustInfo(
                    framework: framework.id,
                    jurisdiction: framework.jurisdiction,
                    level: level,
                    reasons: []
                )
            } else if let (framework, level) = levels.first, case .constraintsFailed(let reasons) = level {
                trust = TrustInfo(
                    framework: framework.id,
                    jurisdiction: framework.jurisdiction,
                    level: nil,
                    reasons: reasons
                )
            }
        } else {
            trust.reasons = [
                "no chain to an anchor of the frameworks \(context.frameworks.map(\.id).joined(separator: ", "))"
            ]
        }
        let recognition = recognise(signer, path: path, conferred: conferred, time: bestSignatureTime)
        if final.indication != .totalPassed, recognition.verdict != "not-evaluated" {
            notes.append(
                "the recognition verdict concerns the framework and level only; the signature itself is "
                    + final.indication.rawValue
            )
        }

        return SignatureReport(
            id: "S-\(signer.index + 1)",
            indication: final.indication,
            subIndication: final.subIndication,
            reason: final.reason,
            format: signer.baselineLevel.map { $0 == .bt ? "CAdES-BASELINE-T" : "CAdES-BASELINE-B" } ?? "CMS",
            profile: signedData.profile.rawValue,
            signatureAlgorithm: signer.signatureAlgorithm.map { "\($0)" },
            claimedSigningTime: signer.signingTime?.description,
            bestSignatureTime: bestSignatureTime.description,
            signer: certificate.map(CertificateInfo.init),
            chain: chain(path, conferred: conferred),
            timeStamps: timeStamps,
            trust: trust,
            recognition: recognition,
            checks: checks,
            notes: notes
        )
    }

    // MARK: - CMS layer → EN 319 102-1

    func cmsStatus(_ signer: CMSSignerResult) -> Status {
        switch signer.status {
        case .valid:
            return .passed("valid")
        case .invalid(let failure):
            switch failure.code {
            case .messageDigestMismatch: return .failed(.hashFailure, failure.reason)
            case .signatureInvalid, .sm2NonStandardDigest: return .failed(.sigCryptoFailure, failure.reason)
            case .signingCertificateMismatch: return .failed(.noSigningCertificateFound, failure.reason)
            case .timeStampInvalid: return .failed(.sigConstraintsFailure, failure.reason)
            default: return .failed(.formatFailure, failure.reason)
            }
        case .indeterminate(let failure):
            switch failure.code {
            case .signerCertificateNotFound: return .failed(.noSigningCertificateFound, failure.reason)
            case .contentMissing: return .failed(.signedDataNotFound, failure.reason)
            case .unsupportedAlgorithm: return .failed(.cryptoConstraintsFailure, failure.reason)
            default: return .failed(.formatFailure, failure.reason)
            }
        }
    }

    // MARK: - X.509 validation with proof of existence

    func verifier(
        at time: X509Time,
        revocation: ValidationOptions.RevocationMode = .whereAvailable
    )
        -> CertificateVerifier
    {
        var options = ValidationOptions(time: time)
        options.revocation = revocation
        options.acceptsSM2EmptyUserID = context.acceptsSM2EmptyUserID
        return CertificateVerifier(trustStore: trustStore, intermediates: intermediates, crls: crls, options: options)
    }

    /// §5.2.6 at the validation time, then §5.5.4 step 4 with best-signature-time.
    func validateChain(
        _ certificate: Certificate,
        bestSignatureTime: X509Time,
        contentTime: X509Time?
    ) -> (Status, VerifiedPath?) {
        guard !context.frameworks.isEmpty else {
            return (.failed(.noCertificateChainFound, "no trust framework was given (--frameworks)"), nil)
        }
        let time = context.time
        let basic = verifier(at: time).verify(certificate)
        let failure: PathValidationFailure
        switch basic {
        case .valid(let path):
            // §5.5.4 4b: a proof that the signature predates the certificate.
            if bestSignatureTime < certificate.notBefore {
                return (
                    .failed(
                        .notYetValid,
                        "the signature is proven to exist at \(bestSignatureTime), before the signing certificate's "
                            + "notBefore \(certificate.notBefore)"
                    ), path
                )
            }
            return (.passed("a valid path to \(path.trustAnchor.subject) at \(time)"), path)
        case .invalid(let pathFailure):
            failure = pathFailure
        }
        let signerConcerned = failure.certificateIndex == 0
        switch failure.code {
        case .revoked:
            let revocation = revocationTime(of: failure.certificate)
            let sub: SubIndication = signerConcerned ? .revokedNoPOE : .revokedCANoPOE
            // §5.3.4 4: a content time-stamp after the revocation proves the signature was made after it.
            if signerConcerned, let contentTime, let revocation, contentTime > revocation {
                return (
                    .failed(
                        .revoked,
                        "the signing certificate was revoked at \(revocation); the content time-stamp proves the "
                            + "signature was made after \(contentTime)"
                    ), nil
                )
            }
            // §5.5.4 4a: revoked after the proven existence of the signature.
            if let revocation, revocation > bestSignatureTime, bestSignatureTime < time {
                return withinValidity(
                    certificate,
                    bestSignatureTime: bestSignatureTime,
                    because: "revoked at \(revocation), after the signature existed"
                )
            }
            return (
                .failed(
                    sub,
                    "\(signerConcerned ? "the signing certificate" : "CA certificate \(failure.certificateIndex) (\(failure.certificate.subject))") is \(failure.reason)"
                        + "; no proof that the signature was made before"
                ), nil
            )
        case .expiredOrNotYetValid:
            // §5.5.4 4b/4d.
            if bestSignatureTime < certificate.notBefore {
                return (
                    .failed(
                        .notYetValid,
                        "the signature time \(bestSignatureTime) is before the signing certificate's notBefore "
                            + "\(certificate.notBefore)"
                    ), nil
                )
            }
            // §5.3.4 4: a content time-stamp after the expiry proves the signature was made after it.
            if signerConcerned, let contentTime, contentTime > certificate.notAfter {
                return (
                    .failed(
                        .expired,
                        "the signing certificate expired at \(certificate.notAfter); the content time-stamp proves the "
                            + "signature was made after \(contentTime)"
                    ), nil
                )
            }
            let knownNotRevoked = signerConcerned && isKnownNotRevoked(certificate)
            if knownNotRevoked, bestSignatureTime < certificate.notAfter, bestSignatureTime < time {
                return withinValidity(
                    certificate,
                    bestSignatureTime: bestSignatureTime,
                    because: "expired after the signature existed"
                )
            }
            return (
                .failed(
                    knownNotRevoked ? .outOfBoundsNotRevoked : .outOfBoundsNoPOE,
                    "certificate \(failure.certificateIndex) (\(failure.certificate.subject)): \(failure.reason) at "
                        + "\(time), and no proof of existence places the signature within its validity"
                ), nil
            )
        case .noPathToTrustAnchor, .nameChaining:
            return (
                .failed(
                    .noCertificateChainFound,
                    "no chain from the signer to an anchor of \(context.frameworks.map(\.id).joined(separator: ", ")): "
                        + failure.reason
                ), nil
            )
        case .revocationUnknown:
            return (
                .failed(.tryLater, "revocation status unknown: \(failure.reason); try again with current CRLs"), nil
            )
        case .weakKey:
            return (.failed(.cryptoConstraintsFailure, "\(failure)"), nil)
        case .badSignature, .malformed, .workLimitExceeded, .unsupportedAlgorithm:
            return (.failed(.certificateChainGeneralFailure, "\(failure)"), nil)
        default:
            return (.failed(.chainConstraintsFailure, "\(failure)"), nil)
        }
    }

    /// §5.5.4 4a.ii/4d.a: the chain revalidated at best-signature-time, revocation by date.
    func withinValidity(
        _ certificate: Certificate,
        bestSignatureTime: X509Time,
        because: String
    ) -> (Status, VerifiedPath?) {
        switch verifier(at: bestSignatureTime, revocation: .none).verify(certificate) {
        case .valid(let path):
            return (
                .passed(
                    "a valid path to \(path.trustAnchor.subject) at \(bestSignatureTime), the proven signature time (\(because))"
                ),
                path
            )
        case .invalid(let failure):
            return (
                .failed(.outOfBoundsNotRevoked, "at the proven signature time \(bestSignatureTime): \(failure)"), nil
            )
        }
    }

    /// The revocation date of `certificate` in a CRL of its issuer.
    func revocationTime(of certificate: Certificate) -> X509Time? {
        let serial = Array(certificate.serialNumber)
        return crls.lazy.filter { $0.issuer == certificate.issuer }
            .compactMap { $0.entries.first { $0.serialNumber == serial }?.revocationDate }
            .min()
    }

    /// A CRL of the issuer is at hand and does not list the certificate.
    func isKnownNotRevoked(_ certificate: Certificate) -> Bool {
        let serial = Array(certificate.serialNumber)
        let issuerCRLs = crls.filter { $0.issuer == certificate.issuer }
        return !issuerCRLs.isEmpty
            && issuerCRLs.allSatisfy { crl in !crl.entries.contains { $0.serialNumber == serial } }
    }

    // MARK: - Signature acceptance (§5.2.8) with §5.5.4 4c

    func cryptographicAcceptance(_ signer: CMSSignerResult, path: VerifiedPath?, bestSignatureTime: X509Time) -> Status
    {
        let constraints = context.constraints
        var subjects: [(hash: HashFunction?, key: PublicKey?, what: String)] = []
        if let certificate = signer.certificate {
            subjects.append((signer.signatureAlgorithm?.hash, try? certificate.publicKey(), "the signature"))
        }
        for (index, certificate) in (path?.certificates ?? []).enumerated() where index > 0 {
            subjects.append((nil, try? certificate.publicKey(), "CA certificate \(index) (\(certificate.subject))"))
        }
        let now = subjects.flatMap {
            constraints.violations(hash: $0.hash, key: $0.key, at: context.time, subject: $0.what)
        }
        guard !now.isEmpty else { return .passed("algorithms and key sizes acceptable at \(context.time)") }
        if let never = now.first(where: { $0.rule.acceptableUntil == nil }) {
            return .failed(.cryptoConstraintsFailure, never.description)
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
        return .failed(.cryptoConstraintsFailureNoPOE, then.map(\.description).joined(separator: "; "))
    }

    // MARK: - Chain, trust, recognition

    func chain(_ path: VerifiedPath?, conferred: (TrustFramework, String)?) -> [ChainElement] {
        guard let path else { return [] }
        var certificates = path.certificates
        if certificates.last != path.trustAnchor { certificates.append(path.trustAnchor) }
        let ordered = Array(certificates.reversed())
        return ordered.enumerated().map { index, certificate in
            let isAnchor = index == 0
            let frameworks = context.frameworks.filter { !$0.anchors(for: certificate).isEmpty }
            return ChainElement(
                role: isAnchor ? "trust-anchor" : index == ordered.count - 1 ? "signer" : "intermediate",
                certificate: CertificateInfo(certificate),
                framework: isAnchor ? (conferred?.0.id ?? frameworks.first?.id) : nil,
                level: isAnchor ? conferred?.1 : nil
            )
        }
    }

    func recognise(
        _ signer: CMSSignerResult,
        path: VerifiedPath?,
        conferred: (TrustFramework, String)?,
        time: X509Time
    ) -> RecognitionInfo {
        guard let relying = context.relyingJurisdiction else {
            return RecognitionInfo(verdict: "not-evaluated", reasons: ["no relying jurisdiction was given"])
        }
        guard let path, let (framework, level) = conferred, let certificate = signer.certificate,
            let key = try? certificate.publicKey()
        else {
            return RecognitionInfo(
                verdict: "not-evaluated",
                reasons: ["no trust framework confers a level on the signer's chain, so there is nothing to recognise"]
            )
        }
        let qcStatements = Set(((try? certificate.qcStatements()) ?? nil)?.types ?? [])
        let query = RecognitionQuery(
            framework: framework,
            level: level,
            relyingJurisdiction: relying,
            documentKind: context.documentKind ?? "unspecified",
            time: time,
            policies: path.validPolicies,
            signatureAlgorithm: signer.signerInfo.signatureAlgorithm.algorithm,
            signerKey: key,
            qcStatements: qcStatements
        )
        switch RecognitionEngine(agreements: context.agreements).verdict(for: query) {
        case .domestic(let framework, let level):
            return RecognitionInfo(
                verdict: "domestic",
                agreement: nil,
                legalBasis: context.frameworks.first { $0.id == framework }?.legalBasis,
                level: level,
                reasons: ["framework \(framework) belongs to \(relying)'s own legal order"]
            )
        case .recognised(let agreement, let legalBasis, let domesticLevel):
            return RecognitionInfo(
                verdict: "recognised",
                agreement: agreement,
                legalBasis: legalBasis,
                level: domesticLevel,
                reasons: []
            )
        case .notRecognised(let reasons):
            return RecognitionInfo(verdict: "not-recognised", reasons: reasons.map(\.description))
        }
    }
}

extension RecognitionInfo {
    init(verdict: String, reasons: [String]) {
        self.init(verdict: verdict, agreement: nil, legalBasis: nil, level: nil, reasons: reasons)
    }
}

extension TimeStampInfo {
    init(_ stamp: TimeStampVerification, kind: String) {
        self.init(
            kind: kind,
            generationTime: stamp.genTime?.description,
            authority: stamp.tsaCertificate.map { "\($0.subject)" },
            status: stamp.status.description,
            proofOfExistence: stamp.status.isValid
        )
    }
}

extension CertificateInfo {
    /// The report's view of `certificate`.
    public init(_ certificate: Certificate) {
        let key = try? certificate.publicKey()
        self.init(
            subject: "\(certificate.subject)",
            issuer: "\(certificate.issuer)",
            serialNumber: hexadecimal(certificate.serialNumber),
            notBefore: certificate.notBefore.description,
            notAfter: certificate.notAfter.description,
            publicKey: key.map { "\($0.algorithm.rawValue) \($0.bitCount)" } ?? "unknown",
            sha256: hexadecimal(HashFunction.sha256.digest(certificate.derBytes))
        )
    }
}
