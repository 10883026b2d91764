import SealbridgeCMS
import SealbridgeCrypto
import SealbridgeX509
import SwiftASN1

/// The CMS / CAdES reader: a SignedData and the documents given for it → one ``SignatureEvidence`` per signer
/// (RFC 5652 §5.4–§5.6, GB/T 35275, EN 319 122-1). The CMS layer checks structure, digests, signature values and
/// time-stamps once; this reader only sorts what it found into the format-neutral findings.
struct CMSEvidenceReader {
    let options: CMSVerificationOptions
    let extraCertificates: [Certificate]

    /// What the reader produces for one file.
    struct Reading {
        var signatures: [SignatureEvidence]
        var documents: [ValidationReport.CheckedDocument]
    }

    /// Reads `signedData`; `content` is the detached content, or for an attached signature a document to compare
    /// with the content it carries.
    ///
    /// - Throws: ``ValidationInputError`` when `content` is a file that cannot be read.
    func read(_ signedData: CMSSignedData, content: SignedContent?) throws -> Reading {
        let verifier = CMSVerifier(options: options)
        var documents: [ValidationReport.CheckedDocument] = []
        var substitution: String?
        let result: CMSVerificationResult
        if let attached = signedData.encapsulatedContent {
            // The signers' digests, the report's SHA-256 and the digest a document given by its digest names: the
            // attached content is hashed once.
            var alsoComputing: [HashFunction] = [.sha256]
            if case .digest(let function, _) = content { alsoComputing.append(function) }
            let digests = CMSContentDigester.digests(
                of: attached,
                for: signedData,
                extra: extraCertificates,
                options: options,
                alsoComputing: alsoComputing
            )
            func attachedDigest(_ function: HashFunction) -> [UInt8] {
                digests.digest(of: function) ?? function.digest(Array(attached))
            }
            let comparison = try content?.compare(withAttachedSize: attached.count, digest: attachedDigest)
            let attachedSHA = attachedDigest(.sha256)
            documents.append(
                .init(
                    role: .attachedContent,
                    name: "content inside the signature",
                    size: attached.count,
                    sha256: HexEncoding.encode(attachedSHA)
                )
            )
            if let comparison {
                // An attached signature with another file must never pass as if that file had been checked.
                documents.append(comparison.supplied)
                substitution = comparison.substitution
            }
            result = verifier.verify(signedData, contentDigests: digests, extraCertificates: extraCertificates)
        } else if case .digest(let function, let given) = content {
            documents.append(
                .init(name: content?.name ?? "", digestAlgorithm: function.rawValue, digest: HexEncoding.encode(given))
            )
            result = verifier.verify(
                signedData,
                contentDigests: CMSContentDigests(given: function, digest: given),
                extraCertificates: extraCertificates
            )
        } else if let content {
            var digester = CMSContentDigester(for: signedData, extraCertificates: extraCertificates, options: options)
            let streamed = try content.stream { digester.update($0) }
            documents.append(
                .init(
                    role: .detachedContent,
                    name: content.name,
                    size: streamed.size,
                    sha256: HexEncoding.encode(streamed.sha256)
                )
            )
            result = verifier.verify(
                signedData,
                contentDigests: digester.finalize(),
                extraCertificates: extraCertificates
            )
        } else {
            result = verifier.verify(signedData, contentDigests: nil, extraCertificates: extraCertificates)
        }
        let carried = Self.unevaluated(revocationInfo: signedData.otherRevocationInfo)
        var signatures = result.signers.map {
            var evidence = evidence(for: $0, in: signedData, id: "S-\($0.index + 1)")
            evidence.unevaluated += carried
            if signedData.trailingZeroByteCount > 0 {
                evidence.notes.append(
                    "\(signedData.trailingZeroByteCount) zero bytes after the signature (padding, as PDF signature "
                        + "fields and fixed-size buffers leave) were ignored"
                )
            }
            return evidence
        }
        if let substitution {
            for index in signatures.indices { signatures[index].signedDataDigest = .mismatched(substitution) }
        }
        return Reading(signatures: signatures, documents: documents)
    }

    /// The findings of one signer (or countersigner).
    func evidence(for signer: CMSSignerResult, in signedData: CMSSignedData, id: String) -> SignatureEvidence {
        let standard = signedData.profile == .gm ? "GB/T 35275" : "RFC 5652"
        var evidence = SignatureEvidence(
            id: id,
            format: signer.baselineLevel.map { $0 == .bt ? .cadesBaselineT : .cadesBaselineB } ?? .cms,
            profile: signedData.profile.rawValue,
            structure: .wellFormed("a well-formed \(standard) SignerInfo"),
            signingCertificate: SigningCertificateFinding(
                certificate: signer.certificate,
                reference: signer.referencesSigningCertificate ? .bound : .absent
            ),
            signedDataDigest: signer.form == .content ? .coveredBySignature : .matched,
            signatureValue: .verified,
            signatureAlgorithm: signer.signatureAlgorithm,
            signatureAlgorithmOID: signer.signerInfo.signatureAlgorithm.algorithm,
            claimedSigningTime: signer.signingTime
        )
        evidence.signatureTimeStamps = signer.timeStamps
        evidence.contentTimeStamps = signer.contentTimeStamps
        evidence.certificates = signedData.certificates
        evidence.crls = signedData.crls
        evidence.notes = signer.notes
        apply(signer.status, to: &evidence, form: signer.form)
        evidence.countersignatures = signer.countersignatures.map {
            self.evidence(for: $0, in: signedData, id: "\(id)-C\($0.index + 1)")
        }
        evidence.unevaluated = Self.unevaluated(signer.signerInfo)
        return evidence
    }

    /// Sorts the CMS layer's one status into the finding it concerns; what comes after the failing check in the
    /// CMS layer's order was not reached.
    func apply(_ status: CMSSignerStatus, to evidence: inout SignatureEvidence, form: CMSSignerResult.Form) {
        switch status {
        case .valid:
            return
        case .invalid(let failure):
            switch failure.code {
            case .messageDigestMismatch:
                evidence.signedDataDigest = .mismatched(failure.reason)
                evidence.signatureValue = .notReached
            case .signatureInvalid, .sm2NonStandardDigest:
                evidence.signatureValue = .failed(failure.reason)
            case .signingCertificateMismatch:
                evidence.signingCertificate.reference = .mismatch(failure.reason)
                evidence.signedDataDigest = .notReached
                evidence.signatureValue = .notReached
            default:
                evidence.structure = .malformed(failure.reason)
                evidence.signedDataDigest = .notReached
                evidence.signatureValue = .notReached
            }
        case .indeterminate(let failure):
            switch failure.code {
            case .signerCertificateNotFound:
                evidence.signingCertificate.notFoundReason = failure.reason
                evidence.signedDataDigest = .notReached
                evidence.signatureValue = .notReached
            case .contentMissing:
                evidence.signedDataDigest = .notAvailable(failure.reason)
                evidence.signatureValue = .notReached
            case .unsupportedAlgorithm:
                evidence.signatureValue = .unsupported(failure.reason)
                if form == .signedAttributes, evidence.signedDataDigest == .matched {
                    evidence.signedDataDigest = .notReached
                }
            default:
                evidence.structure = .malformed(failure.reason)
                evidence.signedDataDigest = .notReached
                evidence.signatureValue = .notReached
            }
        }
    }

    /// The attributes the CMS layer and the process evaluate; every other one is reported as present and not
    /// evaluated.
    static let evaluatedAttributes: Set<ASN1ObjectIdentifier> = [
        CMSObjectIdentifier.contentType, CMSObjectIdentifier.messageDigest, CMSObjectIdentifier.signingTime,
        CMSObjectIdentifier.signingCertificate, CMSObjectIdentifier.signingCertificateV2,
        CMSObjectIdentifier.algorithmProtection, CMSObjectIdentifier.signatureTimeStampToken,
        CMSObjectIdentifier.contentTimeStamp, CMSObjectIdentifier.countersignature,
    ]

    /// Revocation data the SignedData carries in a form other than a CRL (RFC 5652 §10.2.1
    /// `OtherRevocationInfoFormat`, e.g. an OCSP response per RFC 5940): not used for the path, so listed.
    static func unevaluated(revocationInfo other: [ArraySlice<UInt8>]) -> [UnevaluatedItem] {
        other.map { encoded in
            let format: ASN1ObjectIdentifier? = {
                guard let node = try? DER.parse(Array(encoded)), case .constructed(let children) = node.content,
                    let first = children.first(where: { _ in true })
                else { return nil }
                return try? ASN1ObjectIdentifier(derEncoded: first)
            }()
            let name = format?.readableName ?? "revocation data in another format"
            let oid = format.map { " (\($0.dottedText))" } ?? ""
            return UnevaluatedItem(
                name: name,
                detail: "revocation data\(oid) carried in the SignedData's revocation information was not "
                    + "evaluated: Sealbridge checks revocation with CRLs only yet"
            )
        }
    }

    static func unevaluated(_ signer: CMSSignerInfo) -> [UnevaluatedItem] {
        var items: [UnevaluatedItem] = []
        for (attributes, where_) in [(signer.signedAttributes, "signed"), (signer.unsignedAttributes, "unsigned")] {
            for attribute in attributes?.attributes ?? [] where !evaluatedAttributes.contains(attribute.type) {
                let name = attribute.type.readableName ?? "unknown attribute"
                items.append(
                    UnevaluatedItem(
                        name: name,
                        detail: "a \(where_) attribute (\(attribute.type.dottedText)) is present "
                            + "and was not evaluated: Sealbridge does not process it yet"
                    )
                )
            }
        }
        return items
    }
}
