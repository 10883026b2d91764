import SealbridgeTrust
public import SealbridgeX509

/// What X.509 certificate validation found: its conclusion, and the chain with its revocation facts whether or
/// not the chain validated (a revoked signer's chain *was* found, and the report says so).
public struct X509Outcome: Sendable {
    /// The block's conclusion, with §5.5.4 step 4 applied.
    public var result: BlockResult
    /// The chain, signer first, without the anchor; empty when none was built.
    public var chain: [Certificate]
    /// The anchor the chain ends at.
    public var trustAnchor: Certificate?
    /// The revocation facts along ``chain`` (nil: not reached).
    public var revocation: [CertificateRevocationStatus?]
    /// The validated path, when one validated (at the validation time or at best-signature-time).
    public var path: VerifiedPath?
    /// The time the chain validated at.
    public var validatedAt: X509Time?
}

extension BuildingBlocks {
    /// §5.2.6 X.509 certificate validation at the validation time, then §5.5.4 step 4 with the proofs of
    /// existence, then the revocation policy on the facts the X.509 layer found.
    public static func x509CertificateValidation(
        _ certificate: Certificate?,
        poe: ProofOfExistence,
        context: ValidationContext,
        verifier: CertificateVerifier
    ) -> X509Outcome {
        guard let certificate else {
            return X509Outcome(result: .notRun("no signing certificate"), chain: [], revocation: [])
        }
        guard !context.frameworks.isEmpty || !context.anchors.isEmpty else {
            return X509Outcome(
                result: .failing(
                    .noCertificateChainFound,
                    "no trust framework or trust anchor was given, so no chain can be trusted"
                ),
                chain: [],
                revocation: []
            )
        }
        switch verifier.verify(certificate, options: context.pathOptions(at: context.time)) {
        case .valid(let path):
            var outcome = X509Outcome(path, at: context.time)
            if let early = notYetValid(certificate, poe: poe, found: "") {
                outcome.result = early
                return outcome
            }
            outcome.result =
                revocationRequirement(path, policy: context.revocationPolicy)
                ?? .passed("a valid path to \(anchorName(path.trustAnchor, context)) at \(context.time)")
            return outcome
        case .invalid(let failure):
            return judge(failure, certificate: certificate, poe: poe, context: context, verifier: verifier)
        }
    }

    /// The revocation policy on a validated path's facts: under `.required`, a certificate other than the anchor
    /// without revocation data makes the signature INDETERMINATE/TRY_LATER (EN 319 102-1 §5.2.6; DSS's default).
    public static func revocationRequirement(_ path: VerifiedPath, policy: RevocationPolicy) -> BlockResult? {
        guard policy == .required else { return nil }
        for (index, status) in path.revocation.enumerated() {
            guard case .notChecked(.noData, let detail) = status else { continue }
            let which =
                index == 0
                ? "the signing certificate" : "CA certificate \(index) (\(path.certificates[index].subject))"
            return .failing(
                .tryLater,
                "no revocation data for \(which): \(detail); give a current CRL of its issuer, or validate with the "
                    + "revocation policy where-available"
            )
        }
        return nil
    }

    /// §5.5.4 step 4 on a path that failed at the validation time.
    static func judge(
        _ failure: PathValidationFailure,
        certificate: Certificate,
        poe: ProofOfExistence,
        context: ValidationContext,
        verifier: CertificateVerifier
    ) -> X509Outcome {
        var outcome = X509Outcome(failure)
        let found = failure.trustAnchor.map { "chain to \(anchorName($0, context)) found; " } ?? ""
        let signerConcerned = failure.certificateIndex == 0
        let concerned =
            signerConcerned
            ? "the signing certificate" : "CA certificate \(failure.certificateIndex) (\(failure.certificate.subject))"
        switch failure.code {
        case .revoked:
            return revoked(
                failure,
                outcome,
                found: found,
                concerned: concerned,
                poe: poe,
                context: context,
                verifier: verifier
            )
        case .expiredOrNotYetValid:
            return outOfBounds(
                failure,
                outcome,
                certificate: certificate,
                found: found,
                poe: poe,
                context: context,
                verifier: verifier
            )
        case .noPathToTrustAnchor, .nameChaining:
            outcome.result = .failing(
                .noCertificateChainFound,
                "no chain from the signer to an anchor of \(context.anchorSources): "
                    + failure.reason
            )
        case .revocationUnknown:
            outcome.result = .failing(
                .tryLater,
                "\(found)the revocation status of \(concerned) is unknown: \(failure.reason); try again with current CRLs"
            )
        case .weakKey:
            outcome.result = .failing(.cryptoConstraintsFailure, "\(found)\(concerned): \(failure.reason)")
        case .badSignature, .malformed, .workLimitExceeded, .unsupportedAlgorithm:
            outcome.result = .failing(.certificateChainGeneralFailure, "\(found)\(concerned): \(failure.reason)")
        default:
            outcome.result = .failing(.chainConstraintsFailure, "\(found)\(concerned): \(failure.reason)")
        }
        return outcome
    }

    /// A revoked certificate on the path (§5.3.4 step 4, §5.5.4 4a).
    static func revoked(
        _ failure: PathValidationFailure,
        _ outcome: X509Outcome,
        found: String,
        concerned: String,
        poe: ProofOfExistence,
        context: ValidationContext,
        verifier: CertificateVerifier
    ) -> X509Outcome {
        var outcome = outcome
        let signerConcerned = failure.certificateIndex == 0
        let date = failure.revocation?.revocationDate
        let reason: String
        if case .revoked(let when, let why, _)? = failure.revocation {
            reason = "revoked on \(when)" + (why.map { " (\($0))" } ?? "")
        } else {
            reason = failure.reason
        }
        // §5.3.4 4: a content time-stamp after the revocation proves the signature was made after it.
        if signerConcerned, let contentTime = poe.contentTime, let date, contentTime > date {
            outcome.result = .failing(
                .revoked,
                "\(found)the signing certificate was \(reason); the content time-stamp proves the signature was "
                    + "made after that, at or after \(contentTime)"
            )
            return outcome
        }
        // §5.5.4 4a: revoked after the signature's proven existence.
        if let date, date > poe.bestSignatureTime, poe.bestSignatureTime < context.time {
            return withinValidity(
                at: poe.bestSignatureTime,
                because: "\(concerned) was \(reason), after the signature existed",
                certificate: failure.chain.first ?? failure.certificate,
                context: context,
                verifier: verifier,
                otherwise: outcome
            )
        }
        outcome.result = .failing(
            signerConcerned ? .revokedNoPOE : .revokedCANoPOE,
            "\(found)\(concerned) was \(reason); nothing proves the signature was made before"
        )
        return outcome
    }

    /// An expired or not yet valid certificate on the path (§5.3.4 step 4, §5.5.4 4b and 4d).
    static func outOfBounds(
        _ failure: PathValidationFailure,
        _ outcome: X509Outcome,
        certificate: Certificate,
        found: String,
        poe: ProofOfExistence,
        context: ValidationContext,
        verifier: CertificateVerifier
    ) -> X509Outcome {
        var outcome = outcome
        let signerConcerned = failure.certificateIndex == 0
        if let early = notYetValid(certificate, poe: poe, found: found) {
            outcome.result = early
            return outcome
        }
        if signerConcerned, let contentTime = poe.contentTime, contentTime > certificate.notAfter {
            outcome.result = .failing(
                .expired,
                "\(found)the signing certificate expired on \(certificate.notAfter); the content time-stamp proves "
                    + "the signature was made after that, at or after \(contentTime)"
            )
            return outcome
        }
        let knownNotRevoked = signerConcerned && failure.revocation?.isGood == true
        if knownNotRevoked, poe.bestSignatureTime < certificate.notAfter, poe.bestSignatureTime < context.time {
            return withinValidity(
                at: poe.bestSignatureTime,
                because: "the signing certificate expired on \(certificate.notAfter), after the signature existed",
                certificate: certificate,
                context: context,
                verifier: verifier,
                otherwise: outcome
            )
        }
        let what = signerConcerned ? "the signing certificate" : "CA certificate \(failure.certificateIndex)"
        outcome.result = .failing(
            knownNotRevoked ? .outOfBoundsNotRevoked : .outOfBoundsNoPOE,
            "\(found)\(what) (\(failure.certificate.subject)) is valid from \(failure.certificate.notBefore) to "
                + "\(failure.certificate.notAfter), not at \(context.time), and no proof of existence places the "
                + "signature within that period"
        )
        return outcome
    }

    /// §5.5.4 4b: the signature is proven to exist before the signing certificate's validity starts.
    static func notYetValid(_ certificate: Certificate, poe: ProofOfExistence, found: String) -> BlockResult? {
        guard poe.bestSignatureTime < certificate.notBefore else { return nil }
        return .failing(
            .notYetValid,
            "\(found)the signature is proven to exist at \(poe.bestSignatureTime), before the signing certificate's "
                + "validity starts (\(certificate.notBefore))"
        )
    }

    /// §5.5.4 4a.ii / 4d.a: the chain revalidated at best-signature-time, the CRLs judged at the validation time
    /// and revocations after best-signature-time tolerated.
    static func withinValidity(
        at bestSignatureTime: X509Time,
        because: String,
        certificate: Certificate,
        context: ValidationContext,
        verifier: CertificateVerifier,
        otherwise: X509Outcome
    ) -> X509Outcome {
        var options = context.pathOptions(at: bestSignatureTime)
        options.revocationTime = context.time
        options.toleratesRevocationAfterTime = true
        switch verifier.verify(certificate, options: options) {
        case .valid(let path):
            var outcome = X509Outcome(path, at: bestSignatureTime)
            outcome.result =
                revocationRequirement(path, policy: context.revocationPolicy)
                ?? .passed(
                    "a valid path to \(anchorName(path.trustAnchor, context)) at \(bestSignatureTime), the proven "
                        + "signature time; \(because)"
                )
            return outcome
        case .invalid(let failure):
            var outcome = otherwise
            outcome.result = .failing(
                .outOfBoundsNotRevoked,
                "at the proven signature time \(bestSignatureTime) the chain does not validate either: \(failure.reason)"
            )
            return outcome
        }
    }

    /// "framework-id (anchor subject)", or the subject alone.
    static func anchorName(_ anchor: Certificate, _ context: ValidationContext) -> String {
        context.framework(anchoring: anchor).map { "\($0.id) (\(anchor.subject))" } ?? "\(anchor.subject)"
    }
}

extension X509Outcome {
    init(_ path: VerifiedPath, at time: X509Time) {
        self.init(
            result: .passed(""),
            chain: path.certificates,
            trustAnchor: path.trustAnchor,
            revocation: path.revocation,
            path: path,
            validatedAt: time
        )
    }

    init(_ failure: PathValidationFailure) {
        self.init(
            result: .notRun(""),
            chain: failure.chain,
            trustAnchor: failure.trustAnchor,
            revocation: failure.chainRevocation
        )
    }

    init(result: BlockResult, chain: [Certificate], revocation: [CertificateRevocationStatus?]) {
        self.init(result: result, chain: chain, trustAnchor: nil, revocation: revocation, path: nil, validatedAt: nil)
    }
}

extension ValidationContext {
    /// The X.509 options for a path at `time`: revocation facts are always gathered where data is at hand, and
    /// the revocation policy judges them (``BuildingBlocks/revocationRequirement(_:policy:)``).
    func pathOptions(at time: X509Time) -> ValidationOptions {
        var options = ValidationOptions(time: time)
        options.revocation = revocationPolicy == .none ? .none : .whereAvailable
        options.sm2Compatibility = sm2Compatibility
        // A signing certificate given as an anchor (cms verify --trust SIGNER.pem, a seal listed in a trusted
        // list) is trusted directly, as DSS and OpenSSL's -partial_chain do.
        options.trustsAnchorAsEndEntity = true
        return options
    }
}
