import SealbridgeCMS
import SealbridgeCrypto
import SealbridgeTrust
public import SealbridgeX509

/// Runs the building blocks over one signature's evidence and renders the result as a ``SignatureReport``:
/// facts (``SignatureEvidence``), then decisions (``BuildingBlocks``), then words.
struct SignatureAssessment {
    let context: ValidationContext
    /// One verifier per validated file: the signature's certificates and CRLs and the given ones, decoded once
    /// and used at the validation time and at best-signature-time.
    let verifier: CertificateVerifier
    /// The DER of the CRLs the file carries (to tell the report where revocation data came from).
    let carriedCRLs: Set<[UInt8]>

    func report(_ evidence: SignatureEvidence) -> SignatureReport {
        let poe = BuildingBlocks.proofOfExistence(evidence, at: context.time)
        let blocks = run(evidence, poe: poe)
        let conclusion = BuildingBlocks.conclusion(blocks.results)
        let x509 = blocks.x509
        let trustTime = x509.validatedAt ?? poe.bestSignatureTime
        let decisions = TrustAndRecognition(context: context)
        let (trust, conferred) = decisions.trust(x509, at: trustTime)
        let signatureType = SignatureType.of(
            madeWithSeal: evidence.seal != nil,
            qcStatements: Set(
                ((try? evidence.signingCertificate.certificate?.qcStatements()) ?? nil)?.identifiers ?? []
            )
        )
        let recognition = decisions.recognition(
            evidence,
            conclusion: conclusion,
            path: x509.path,
            conferred: conferred,
            time: poe.bestSignatureTime,
            signatureType: signatureType
        )
        return SignatureReport(
            id: evidence.id,
            indication: conclusion.indication ?? .indeterminate,
            subIndication: conclusion.subIndication,
            reason: reason(conclusion, poe: poe),
            format: evidence.format,
            profile: evidence.profile ?? "",
            signatureAlgorithm: evidence.signatureAlgorithm.map { "\($0)" },
            claimedSigningTime: evidence.claimedSigningTime?.description,
            bestSignatureTime: poe.bestSignatureTime.description,
            signer: evidence.signingCertificate.certificate.map(CertificateInfo.init),
            chain: chain(x509, conferred: conferred),
            timeStamps: evidence.signatureTimeStamps.map { TimeStampInfo($0, kind: .signature, carried: carriedCRLs) }
                + evidence.contentTimeStamps.map { TimeStampInfo($0, kind: .content, carried: carriedCRLs) },
            trust: trust,
            recognition: recognition,
            checks: checks(blocks.results, poe: poe)
                + BuildingBlocks.sealChecks(evidence, makerPath: blocks.results.sealMakerValidation),
            countersignatures: evidence.countersignatures.map(report),
            unevaluated: evidence.unevaluated,
            notes: evidence.notes + (x509.path?.notes ?? []),
            seal: evidence.seal.map(SealInfo.init),
            signatureType: signatureType
        )
    }

    /// The building blocks in the order EN 319 102-1 runs them; a block whose inputs an earlier one denied is
    /// not run.
    func run(_ evidence: SignatureEvidence, poe: ProofOfExistence) -> (results: BlockResults, x509: X509Outcome) {
        let format = BuildingBlocks.formatChecking(evidence)
        let identification =
            format.isPassed
            ? BuildingBlocks.identificationOfTheSigningCertificate(evidence) : .notRun("the format check failed")
        let initialisation = BuildingBlocks.validationContextInitialisation(context)
        let x509 =
            identification.isPassed
            ? BuildingBlocks.x509CertificateValidation(
                evidence.signingCertificate.certificate,
                poe: poe,
                context: context,
                verifier: verifier
            )
            : X509Outcome(result: .notRun("no signing certificate was identified"), chain: [], revocation: [])
        let acceptance =
            identification.isPassed
            ? BuildingBlocks.signatureAcceptance(
                evidence,
                chain: x509.chain,
                trustAnchor: x509.trustAnchor,
                bestSignatureTime: poe.bestSignatureTime,
                context: context
            ) : .notRun("no signing certificate was identified")
        let maker: BlockResult
        if let seal = evidence.seal, identification.isPassed {
            maker = BuildingBlocks.sealMakerValidation(
                seal,
                evidence: evidence,
                poe: poe,
                context: context,
                verifier: verifier
            )
        } else {
            maker = .notRun(evidence.seal == nil ? "no seal" : "no signing certificate was identified")
        }
        let results = BlockResults(
            formatChecking: format,
            identification: identification,
            contextInitialisation: initialisation,
            x509Validation: x509.result,
            cryptographicVerification: BuildingBlocks.cryptographicVerification(evidence),
            signatureAcceptance: acceptance,
            timeStampOrder: BuildingBlocks.timeStampOrder(poe),
            sealMakerValidation: maker
        )
        return (results, x509)
    }

    func reason(_ conclusion: BlockResult, poe: ProofOfExistence) -> String {
        guard conclusion.isPassed else { return conclusion.detail }
        return poe.validSignatureTimeStamps > 0
            ? "the signature is valid and proven to exist at \(poe.bestSignatureTime)" : "the signature is valid"
    }

    /// The report's checks, in the process's order.
    func checks(_ blocks: BlockResults, poe: ProofOfExistence) -> [Check] {
        var checks = [
            Check(blocks.formatChecking, "format checking", "EN 319 102-1 §5.2.2"),
            Check(blocks.identification, "identification of the signing certificate", "EN 319 102-1 §5.2.3"),
            Check(blocks.contextInitialisation, "validation context initialisation", "EN 319 102-1 §5.2.4"),
        ]
        if let stamps = BuildingBlocks.signatureTimeStamps(poe) {
            checks.append(Check(stamps, "signature time-stamps", "EN 319 102-1 §5.4, §5.5.4 step 3"))
        }
        checks += [
            Check(blocks.x509Validation, "X.509 certificate validation", "EN 319 102-1 §5.2.6, §5.5.4 step 4"),
            Check(blocks.cryptographicVerification, "cryptographic verification", "EN 319 102-1 §5.2.7"),
            Check(
                blocks.signatureAcceptance,
                "signature acceptance validation",
                "EN 319 102-1 §5.2.8 (constraints \(context.constraints.name))"
            ),
        ]
        if blocks.timeStampOrder.status != .notRun {
            checks.append(Check(blocks.timeStampOrder, "time-stamp order", "EN 319 102-1 §5.5.4 4e"))
        }
        return checks
    }

    /// The chain from the anchor down to the signer, with each certificate's revocation fact.
    func chain(_ x509: X509Outcome, conferred: (TrustFramework, String)?) -> [ChainElement] {
        guard let anchor = x509.trustAnchor else { return [] }
        var elements: [ChainElement] = []
        let anchorFramework = context.framework(anchoring: anchor)
        if x509.chain.last != anchor {
            elements.append(
                ChainElement(
                    role: .trustAnchor,
                    certificate: CertificateInfo(anchor),
                    framework: conferred?.0.id ?? anchorFramework?.id,
                    level: conferred?.1,
                    revocation: RevocationInfo(
                        .notChecked(
                            .trustAnchor,
                            detail: anchorFramework == nil
                                ? "a trust anchor given outside a framework" : "a trust anchor of the framework"
                        )
                    )
                )
            )
        }
        for (index, certificate) in x509.chain.enumerated().reversed() {
            let status = index < x509.revocation.count ? x509.revocation[index] : nil
            elements.append(
                ChainElement(
                    role: index == 0 ? .signer : .intermediate,
                    certificate: CertificateInfo(certificate),
                    framework: nil,
                    level: nil,
                    revocation: status.map { RevocationInfo($0, carried: carriedCRLs) }
                        ?? RevocationInfo.notReached
                )
            )
        }
        return elements
    }
}

extension Check {
    init(_ block: BlockResult, _ name: String, _ clause: String) {
        self.init(name: name, clause: clause, result: block.checkResult, detail: block.detail)
    }
}

extension RevocationInfo {
    /// A fact of the X.509 layer, in the report's terms.
    init(_ status: CertificateRevocationStatus, carried: Set<[UInt8]> = []) {
        func origin(_ source: RevocationSource) -> RevocationOrigin {
            carried.contains(source.derBytes) ? .signature : .given
        }
        switch status {
        case .good(let source):
            self.init(
                status: .good,
                source: source.kind,
                origin: origin(source),
                issuer: "\(source.issuer)",
                thisUpdate: source.thisUpdate.description,
                nextUpdate: source.nextUpdate?.description,
                detail: "not revoked according to the \(source.isDelta ? "delta CRL" : "CRL") of \(source.issuer) "
                    + "issued \(source.thisUpdate)"
            )
        case .revoked(let date, let reason, let source):
            self.init(
                status: .revoked,
                source: source.kind,
                origin: origin(source),
                issuer: "\(source.issuer)",
                thisUpdate: source.thisUpdate.description,
                nextUpdate: source.nextUpdate?.description,
                revocationDate: date.description,
                reason: reason?.description,
                detail: "revoked on \(date)\(reason.map { " (\($0))" } ?? "") according to the CRL of \(source.issuer)"
            )
        case .notChecked(let why, let detail):
            self.init(status: .notChecked, notCheckedBecause: why, detail: detail)
        }
    }

    /// A certificate the X.509 validation did not reach (the path failed at another certificate first).
    static let notReached = RevocationInfo(
        status: .notChecked,
        detail: "not reached: the path failed at another certificate first"
    )
}

extension TimeStampInfo {
    /// The report's view of a time-stamp; CRLs in `carried` (or in the token) came with the signature.
    init(_ stamp: TimeStampVerification, kind: TimeStampKind, carried: Set<[UInt8]> = []) {
        let inToken = Set(stamp.token?.signedData.crls.map(\.derBytes) ?? [])
        self.init(
            kind: kind,
            generationTime: stamp.genTime?.description,
            authority: stamp.tsaCertificate.map { "\($0.subject)" },
            status: stamp.status.description,
            proofOfExistence: stamp.status.isValid,
            authorityRevocation: stamp.path?.revocation.first.map {
                RevocationInfo($0, carried: carried.union(inToken))
            }
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
            serialNumber: HexEncoding.encode(certificate.serialNumber),
            notBefore: certificate.notBefore.description,
            notAfter: certificate.notAfter.description,
            publicKey: key.map { "\($0.algorithm.rawValue) \($0.bitCount)" } ?? "unknown",
            sha256: HexEncoding.encode(HashFunction.sha256.digest(certificate.derBytes))
        )
    }
}
