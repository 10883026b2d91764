import SealbridgeCMS
import SealbridgeCrypto
import SealbridgeJAdES
import SealbridgeX509

/// The JAdES reader: a JWS (compact or JSON) and the document given for a detached payload → one
/// ``SignatureEvidence`` per signature (TS 119 182-1). `SealbridgeJAdES` checks the signing input, the signing
/// certificate, `crit` and the time-stamps once; this reader sorts what it found into the format-neutral findings.
struct JAdESEvidenceReader {
    let options: JAdESVerificationOptions

    /// Reads every signature of `message`; `content` is the payload of a detached JWS.
    ///
    /// - Throws: ``ValidationInputError`` when `content` cannot be read.
    func read(_ message: JWSMessage, content: SignedContent?) throws -> CMSEvidenceReader.Reading {
        var options = options
        var documents: [ValidationReport.CheckedDocument] = []
        if let content {
            if case .digest = content {
                throw ValidationInputError(
                    .notApplicable,
                    "a JWS signs its payload's bytes, not a digest of them: give the document itself"
                )
            }
            var bytes: [UInt8] = []
            let streamed = try content.stream { bytes.append(contentsOf: $0) }
            options.detachedPayload = bytes
            documents.append(
                .init(
                    role: .detachedContent,
                    name: content.name,
                    size: streamed.size,
                    sha256: HexEncoding.encode(streamed.sha256)
                )
            )
        }
        let results = JAdESVerifier(options: options).verify(message)
        var signatures = results.enumerated().map { index, result in
            evidence(for: result, id: "S-\(index + 1)", serialization: message.serialization)
        }
        if content != nil, !results.contains(where: \.usedDetachedContent) {
            documents = []
            for index in signatures.indices {
                signatures[index].signedDataDigest = .mismatched(
                    "the document you gave (\(content?.name ?? "")) is not what this JWS signs: its payload is attached"
                )
            }
        }
        return CMSEvidenceReader.Reading(signatures: signatures, documents: documents)
    }

    func evidence(
        for result: JAdESSignatureResult,
        id: String,
        serialization: JWSMessage.Serialization
    )
        -> SignatureEvidence
    {
        let format: SignatureFormatName
        switch result.level {
        case .baselineB: format = .jadesBaselineB
        case .baselineT: format = .jadesBaselineT
        case .notETSI: format = .jws
        }
        var evidence = SignatureEvidence(
            id: id,
            format: format,
            profile: "jose",
            structure: .wellFormed("a well-formed JWS (\(serialization.rawValue) serialisation)"),
            signingCertificate: SigningCertificateFinding(
                certificate: result.signingCertificate,
                reference: {
                    switch result.certificateBinding {
                    case .bound: .bound
                    case .absent: .absent
                    case .mismatch(let why): .mismatch(why)
                    }
                }(),
                notFoundReason: result.signingCertificateNotFound
            ),
            signedDataDigest: .coveredBySignature,
            signatureValue: {
                switch result.signatureValue {
                case .verified: .verified
                case .failed(let why): .failed(why)
                case .unsupported(let why): .unsupported(why)
                case .notReached: .notReached
                }
            }(),
            signatureAlgorithm: result.signatureAlgorithm,
            signatureAlgorithmOID: result.signatureAlgorithm?.oid,
            claimedSigningTime: result.claimedSigningTime
        )
        if let problem = result.structureProblem {
            evidence.structure = .malformed(problem)
            evidence.signatureValue = .notReached
        } else if result.payloadMissing {
            evidence.signedDataDigest = .notAvailable(
                "the JWS payload is detached: give the signed document (--content) to validate it"
            )
            evidence.signatureValue = .notReached
        }
        evidence.signatureTimeStamps = result.signatureTimeStamps
        evidence.certificates = result.certificates
        evidence.notes = result.notes + ["JOSE algorithm: \(result.alg ?? "(none)")"]
        if case .notETSI(let why) = result.level { evidence.notes.append("not a JAdES baseline signature: \(why)") }
        evidence.unevaluated = result.unevaluated.map {
            UnevaluatedItem(
                name: $0,
                detail:
                    "the etsiU component \($0) is present and was not evaluated: Sealbridge validates JAdES up to B-T"
            )
        }
        return evidence
    }
}
