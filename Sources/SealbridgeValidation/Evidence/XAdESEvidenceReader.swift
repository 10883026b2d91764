import Foundation
import SealbridgeCMS
import SealbridgeCrypto
import SealbridgeX509
import SealbridgeXAdES
import SealbridgeXML

/// The XML-DSig / XAdES reader: a parsed XML document and the documents given for it → one ``SignatureEvidence`` per
/// signature (XML-DSig 1.1 core validation, EN 319 132-1). `SealbridgeXAdES` checks references, signature values,
/// signing certificates and time-stamps once; this reader only sorts what it found into the format-neutral findings.
struct XAdESEvidenceReader {
    let options: XAdESVerificationOptions

    /// Reads `signatures` (the top-level ones) of `tree`; `content` is a document a detached reference names.
    ///
    /// - Throws: ``ValidationInputError`` when `content` is a file that cannot be read.
    func read(
        _ tree: XMLTree,
        signatures: [XMLElementNode],
        content: SignedContent?
    ) throws
        -> CMSEvidenceReader.Reading
    {
        var options = options
        let used = UsedDocuments()
        if let content {
            if case .file(let url) = content, !FileManager.default.fileExists(atPath: url.path) {
                _ = try content.stream { _ in }  // throws the not-found error, with its words
            }
            options.detachedDocuments = [Self.detached(content, used: used)]
        }
        let results = XAdESVerifier(options: options).verify(tree, signatures: signatures)
        var signatures = results.enumerated().map { index, result in
            evidence(for: result, id: "S-\(index + 1)")
        }
        var documents: [ValidationReport.CheckedDocument] = []
        if let content {
            if used.wasUsed {
                if case .digest(let function, let given) = content {
                    documents.append(
                        .init(name: content.name, digestAlgorithm: function.rawValue, digest: HexEncoding.encode(given))
                    )
                } else {
                    let streamed = try content.stream { _ in }
                    documents.append(
                        .init(
                            role: .detachedContent,
                            name: content.name,
                            size: streamed.size,
                            sha256: HexEncoding.encode(streamed.sha256)
                        )
                    )
                }
            } else {
                // A document given must always be compared with what was signed (never pass as if checked).
                for index in signatures.indices {
                    signatures[index].signedDataDigest = .mismatched(
                        "the document you gave (\(content.name)) is not one this signature signs: none of its "
                            + "references names a separate file"
                    )
                }
            }
        }
        return CMSEvidenceReader.Reading(signatures: signatures, documents: documents)
    }

    /// Records whether a detached reference used the document given (set from the verifier's closures).
    final class UsedDocuments: @unchecked Sendable {
        private let lock = NSLock()
        private var used = false
        var wasUsed: Bool { lock.withLock { used } }
        func markUsed() { lock.withLock { used = true } }
    }

    static func detached(_ content: SignedContent, used: UsedDocuments) -> XMLDetachedDocument {
        XMLDetachedDocument(
            name: content.name,
            bytes: {
                used.markUsed()
                switch content {
                case .bytes(let bytes, _): return bytes
                case .file(let url): return try Array(Data(contentsOf: url))
                case .digest:
                    throw ValidationInputError(
                        .notApplicable,
                        "this reference transforms the document before digesting it, so its digest alone cannot be "
                            + "checked: give the document itself"
                    )
                }
            },
            digest: { function in
                used.markUsed()
                if case .digest(let givenFunction, let given) = content {
                    guard givenFunction == function else {
                        throw ValidationInputError(
                            .notApplicable,
                            "the signature digests the document with \(function.rawValue), not "
                                + "\(givenFunction.rawValue): give the document itself or its \(function.rawValue) digest"
                        )
                    }
                    return given
                }
                var hasher = StreamingHasher(function)
                _ = try content.stream { hasher.update($0) }
                return hasher.finalize()
            }
        )
    }

    /// The findings of one signature (or counter-signature).
    func evidence(for result: XAdESSignatureResult, id: String) -> SignatureEvidence {
        var evidence = SignatureEvidence(
            id: id,
            format: Self.format(result.level),
            profile: "xmldsig",
            structure: .wellFormed(
                "a well-formed XML-DSig 1.1 signature" + (result.level.isXAdES ? " with EN 319 132-1 properties" : "")
            ),
            signingCertificate: SigningCertificateFinding(
                certificate: result.signingCertificate,
                reference: Self.reference(result.certificateBinding),
                notFoundReason: result.signingCertificateNotFound
            ),
            signedDataDigest: .matched,
            signatureValue: Self.signatureValue(result.signatureValue),
            signatureAlgorithm: result.signatureAlgorithm,
            signatureAlgorithmOID: result.signatureAlgorithm?.oid,
            claimedSigningTime: result.signingTime
        )
        if let problem = result.structureProblem {
            evidence.structure = .malformed(problem)
            evidence.signedDataDigest = .notReached
            evidence.signatureValue = .notReached
        }
        applyReferences(result.references + result.manifestReferences, to: &evidence)
        if result.countersignsParent == false {
            evidence.signedDataDigest = .mismatched(
                "the counter-signature does not sign its parent's SignatureValue (no reference to it matches)"
            )
        }
        evidence.signatureTimeStamps = result.signatureTimeStamps
        evidence.contentTimeStamps = result.contentTimeStamps
        evidence.certificates = result.certificates
        evidence.crls = result.crls
        evidence.notes = result.notes
        if case .xades(let why) = result.level { evidence.notes.append("not XAdES baseline: \(why)") }
        if case .xmlDSig(let why) = result.level { evidence.notes.append("not an ETSI XAdES signature: \(why)") }
        let covered = result.references.filter { $0.outcome == .matched }.map(\.targetDescription)
        if !covered.isEmpty { evidence.notes.append("signs: " + covered.joined(separator: "; ")) }
        if let policy = result.signaturePolicy {
            evidence.notes.append("signature policy: \(policy.isEmpty ? "named, unreadable" : policy) (not evaluated)")
        }
        if !result.claimedRoles.isEmpty {
            evidence.notes.append("claimed signer roles: " + result.claimedRoles.joined(separator: ", "))
        }
        if !result.commitmentTypes.isEmpty {
            evidence.notes.append("commitment types: " + result.commitmentTypes.joined(separator: ", "))
        }
        evidence.unevaluated = result.unevaluated.map {
            UnevaluatedItem(
                name: $0,
                detail: "the unsigned property \($0) is present and was not evaluated: Sealbridge validates XAdES up "
                    + "to B-T (long-term validation data comes later)"
            )
        }
        evidence.countersignatures = result.counterSignatures.enumerated().map { index, counter in
            self.evidence(for: counter, id: "\(id)-C\(index + 1)")
        }
        return evidence
    }

    /// Sorts the reference outcomes into the findings, the gravest first: an unusable reference is a format
    /// failure, a changed digest a hash failure, missing data SIGNED_DATA_NOT_FOUND, an unknown algorithm unsupported.
    func applyReferences(_ checks: [XMLReferenceCheck], to evidence: inout SignatureEvidence) {
        guard case .wellFormed = evidence.structure else { return }
        for check in checks {
            if case .malformed(let why) = check.outcome {
                evidence.structure = .malformed("reference \"\(check.reference.uri ?? "")\": \(why)")
                evidence.signedDataDigest = .notReached
                evidence.signatureValue = .notReached
                return
            }
        }
        for check in checks {
            if case .mismatched(let why) = check.outcome {
                evidence.signedDataDigest = .mismatched(
                    "\(why): it was changed after signing (reference \"\(check.reference.uri ?? "")\")"
                )
                return
            }
        }
        for check in checks {
            if case .notFound(let why) = check.outcome {
                evidence.signedDataDigest = .notAvailable(why)
                return
            }
        }
        for check in checks {
            if case .unsupported(let what) = check.outcome {
                evidence.signedDataDigest = .notReached
                evidence.signatureValue = .unsupported("\(what) in reference \"\(check.reference.uri ?? "")\"")
                return
            }
        }
    }

    static func format(_ level: XAdESSignatureResult.Level) -> SignatureFormatName {
        switch level {
        case .baselineB: .xadesBaselineB
        case .baselineT: .xadesBaselineT
        case .xades: .xades
        case .xmlDSig: .xmlDSig
        }
    }

    static func reference(_ binding: XAdESSignatureResult.CertificateBinding) -> SigningCertificateFinding.Reference {
        switch binding {
        case .bound: .bound
        case .absent: .absent
        case .mismatch(let why): .mismatch(why)
        }
    }

    static func signatureValue(_ value: XAdESSignatureResult.SignatureValue) -> SignatureValueFinding {
        switch value {
        case .verified: .verified
        case .failed(let why): .failed(why)
        case .unsupported(let why): .unsupported(why)
        case .notReached: .notReached
        }
    }
}

extension XAdESSignatureResult.Level {
    var isXAdES: Bool {
        switch self {
        case .baselineB, .baselineT, .xades: true
        case .xmlDSig: false
        }
    }
}
