import Foundation
import SealbridgeCMS
import SealbridgeCrypto
import SealbridgeOFD
import SealbridgeX509
import SwiftASN1

/// The OFD reader: a package (GB/T 33190-2016) → one ``SignatureEvidence`` per entry of each `Signatures.xml`.
/// A seal (`Type="Seal"`, GB/T 38540-2020 / GM/T 0031) is checked step by step by the OFD layer
/// (``OFDSealVerification``) and sorted here into the format-neutral findings plus ``SealEvidence``; a plain
/// signature (`Type="Sign"`) is a GB/T 35275 SignedData over `Signature.xml` read by the CMS reader. Every
/// signature's `References` are checked against the package's parts.
struct OFDEvidenceReader {
    let cms: CMSEvidenceReader
    let extraCertificates: [Certificate]

    /// - Throws: ``OFDError`` when a signature list cannot be read.
    func read(_ document: OFDDocument) throws(OFDError) -> CMSEvidenceReader.Reading {
        var signatures: [SignatureEvidence] = []
        var documents: [String: ValidationReport.CheckedDocument] = [:]
        var order: [String] = []
        var digests = OFDPartDigests()
        let listed = try document.signatures()
        for (index, signature) in listed.enumerated() {
            let id = "S-\(index + 1)"
            var evidence: SignatureEvidence
            switch signature.description {
            case .failure(let error):
                evidence = Self.malformed(id, signature.entry.type, "\(error)")
            case .success(let description):
                let checks = description.checkFunction.map {
                    OFDReferenceCheck.check(description, in: document, function: $0, digests: &digests)
                }
                evidence = self.evidence(id: id, signature, description)
                apply(checks ?? [], method: description.checkMethod, to: &evidence)
                for check in checks ?? [] {
                    guard let size = check.size, let sha256 = check.sha256, documents[check.location] == nil else {
                        continue
                    }
                    order.append(check.location)
                    documents[check.location] = .init(
                        role: .packagePart,
                        name: check.location,
                        size: size,
                        sha256: HexEncoding.encode(sha256)
                    )
                }
                if let note = Self.unprotectedParts(of: document, by: description, signature: signature) {
                    evidence.notes.append(note)
                }
            }
            signatures.append(evidence)
        }
        return .init(signatures: signatures, documents: order.compactMap { documents[$0] })
    }

    func evidence(
        id: String,
        _ signature: OFDDocument.Signature,
        _ description: OFDSignatureDescription
    ) -> SignatureEvidence {
        guard let value = signature.signedValue else {
            return Self.malformed(
                id,
                signature.entry.type,
                "\(description.signedValueLocation) (the signed value) is missing from the package"
            )
        }
        switch signature.entry.type {
        case .seal:
            return seal(id: id, signature, description, value: value)
        case .sign:
            return sign(id: id, signature, value: value)
        }
    }

    // MARK: Seals

    func seal(
        id: String,
        _ signature: OFDDocument.Signature,
        _ description: OFDSignatureDescription,
        value: [UInt8]
    ) -> SignatureEvidence {
        let ses: SESSignature
        do { ses = try SESSignature(derEncoded: value) } catch {
            return Self.malformed(id, .seal, "the signed value is not a readable seal signature: \(error)")
        }
        let verification = OFDSealVerification(
            ses,
            signedFile: signature.descriptionBytes,
            sealFile: signature.sealFile,
            timeStampOptions: cms.options.timeStampOptions
        )
        let format: SignatureFormatName =
            switch ses.version {
            case .v1: .ofdSealV1
            case .v4: .ofdSealV4
            case .v5: .ofdSealV5
            }
        let seal = ses.toSign.seal
        var notes = verification.notes
        let signer = try? verification.signerCertificate.get()
        let reference: SigningCertificateFinding.Reference =
            switch verification.signerListedInSeal {
            case true?: .bound
            case false?:
                .mismatch(
                    "the signer's certificate is not one the seal lists: the seal was not issued for this signer"
                )
            case nil:
                .mismatch(
                    "the seal lists its certificates by digests Sealbridge does not compute, so the signer cannot be "
                        + "matched to the seal"
                )
            }
        var evidence = SignatureEvidence(
            id: id,
            format: format,
            profile: "gm",
            structure: .wellFormed("a well-formed \(ses.version.standard) SES_Signature in an OFD package"),
            signingCertificate: SigningCertificateFinding(
                certificate: signer,
                reference: reference,
                notFoundReason: signer == nil ? "the seal signature's signer certificate is not readable" : nil
            ),
            signedDataDigest: Self.dataHash(verification, location: signature.entry.location),
            signatureValue: Self.finding(verification.signatureValue, notes: &notes),
            signatureAlgorithm: verification.signatureAlgorithm,
            signatureAlgorithmOID: ses.signatureAlgorithm,
            claimedSigningTime: ses.toSign.signingTime
        )
        evidence.signatureTimeStamps = verification.timeStamp.map { [$0] } ?? []
        let maker = try? verification.makerCertificate.get()
        evidence.certificates = [signer, maker].compactMap { $0 }
        evidence.seal = SealEvidence(
            standard: seal.version.standard,
            name: seal.sealInfo.property.name,
            esID: seal.sealInfo.esID,
            type: seal.sealInfo.property.type,
            vendorID: seal.sealInfo.header.vendorID,
            validStart: seal.sealInfo.property.validStart,
            validEnd: seal.sealInfo.property.validEnd,
            makerCertificate: maker,
            makerSignature: Self.finding(verification.makerSignature, notes: &notes),
            pictureType: seal.sealInfo.picture.type,
            pictureWidth: seal.sealInfo.picture.width,
            pictureHeight: seal.sealInfo.picture.height,
            picture: Self.showable(seal.sealInfo.picture),
            stamps: description.stampAnnotations.map { .init(page: $0.pageReference, boundary: $0.boundary) },
            criticalExtensions: (seal.sealInfo.extensions + ses.toSign.extensions).filter(\.isCritical).map {
                $0.oid.dottedText
            }
        )
        if verification.sealFileMatches == false {
            notes.append(
                "the package's seal file (\(description.sealLocation ?? "")) differs from the seal inside the signed "
                    + "value; the signed seal was used"
            )
        }
        if ses.toSign.signingTime == nil, let text = ses.toSign.signingTimeText {
            notes.append("the signing time is written as \(text.debugDescription), which is not a readable time")
        }
        evidence.notes = notes
        if seal.timeStampToken != nil {
            evidence.unevaluated.append(
                UnevaluatedItem(name: "seal time-stamp", detail: "the seal's own time-stamp (V5) was not evaluated")
            )
        }
        for item in seal.sealInfo.extensions + ses.toSign.extensions {
            evidence.unevaluated.append(
                UnevaluatedItem(
                    name: item.oid.readableName ?? "seal extension",
                    detail: "a seal extension (\(item.oid.dottedText)\(item.isCritical ? ", critical" : "")) was "
                        + "not evaluated"
                )
            )
        }
        return evidence
    }

    /// The seal's picture sanitised for display, or why it is only described: vector pictures (SVG, OFD) could
    /// carry scripts or links and BMP is not shown; a PNG, JPEG or GIF whose structure does not hold is not shown.
    static func showable(_ picture: SESPicture) -> Result<SealImage, SealImageError> {
        let result = Result { () throws(SealImageError) in try SealImage(sanitizing: picture.data) }
        guard case .failure = result else { return result }
        switch picture.type.uppercased() {
        case "SVG":
            return .failure(
                SealImageError("an SVG picture is described, not rendered: it could carry scripts or links")
            )
        case "OFD":
            return .failure(SealImageError("an OFD picture (a vector drawing) is described, not rendered"))
        case "PNG", "JPG", "JPEG", "GIF":
            return result
        default:
            return .failure(
                SealImageError("a \(picture.type) picture is described, not shown: only PNG, JPEG and GIF pictures are")
            )
        }
    }

    static func dataHash(_ verification: OFDSealVerification, location: String) -> DigestFinding {
        switch verification.dataHashMatches {
        case true?: .matched
        case false?:
            .mismatched(
                "\(location) was changed after sealing: its digest differs from the seal signature's dataHash"
            )
        case nil: .notReached
        }
    }

    static func finding(_ check: OFDSealVerification.SignatureCheck, notes: inout [String]) -> SignatureValueFinding {
        switch check {
        case .verified: return .verified
        case .verifiedWithNote(let note):
            notes.append(note)
            return .verified
        case .failed(let why): return .failed(why)
        case .unsupported(let why): return .unsupported(why)
        case .notReached: return .notReached
        }
    }

    // MARK: Plain signatures

    /// `Type="Sign"`: a GB/T 35275 SignedData whose content is SM3(`Signature.xml`) (ofdrw, GM/T 0099 §7.2.2),
    /// or detached over `Signature.xml` (with signed attributes), or a bare SM2 signature over `Signature.xml`.
    func sign(id: String, _ signature: OFDDocument.Signature, value: [UInt8]) -> SignatureEvidence {
        let signedFile = signature.descriptionBytes
        if let signedData = try? CMSSignedData(berEncoded: value), !signedData.signerInfos.isEmpty {
            let reading: CMSEvidenceReader.Reading?
            var substitution: String?
            if let attached = signedData.encapsulatedContent {
                reading = try? cms.read(signedData, content: nil)
                let digest = HashFunction.sm3.digest(signedFile)
                let base64 = Array(Data(digest).base64EncodedString().utf8)
                if Array(attached) != digest, Array(attached) != base64, Array(attached) != signedFile {
                    substitution =
                        "\(signature.entry.location) was changed after signing: the signed content is not its SM3 "
                        + "digest"
                }
            } else {
                reading = try? cms.read(signedData, content: .bytes(signedFile, name: signature.entry.location))
            }
            guard var evidence = reading?.signatures.first else {
                return Self.malformed(id, .sign, "the signed value is a SignedData that could not be read")
            }
            evidence.id = id
            evidence.format = .ofdSign
            if let substitution { evidence.signedDataDigest = .mismatched(substitution) }
            evidence.countersignatures = []
            return evidence
        }
        return bareSignature(id: id, value: value, over: signedFile)
    }

    /// A bare SM2 signature (`SEQUENCE { r, s }`) over `Signature.xml` (ofdrw's older DigitalSignContainer): the file
    /// names no signer, so one of the certificates given must verify it.
    func bareSignature(id: String, value: [UInt8], over signedFile: [UInt8]) -> SignatureEvidence {
        let algorithm = SignatureAlgorithm.sm2WithSM3
        let signer = extraCertificates.first { certificate in
            (try? certificate.publicKey())?.isValidSignature(value, for: signedFile, algorithm: algorithm) == true
        }
        var evidence = SignatureEvidence(
            id: id,
            format: .ofdSign,
            profile: "gm",
            structure: .wellFormed("a bare SM2 signature value over Signature.xml"),
            signingCertificate: SigningCertificateFinding(
                certificate: signer,
                reference: .absent,
                notFoundReason: signer == nil
                    ? "the signed value is a bare signature that names no signer, and no certificate given verifies "
                        + "it; give the signer's certificate" : nil
            ),
            signedDataDigest: signer == nil ? .notReached : .coveredBySignature,
            signatureValue: signer == nil ? .notReached : .verified,
            signatureAlgorithm: algorithm
        )
        evidence.notes.append("a bare signature carries no signing time and no certificate")
        return evidence
    }

    // MARK: References

    /// The package parts the signature protects, checked: a changed part is HASH_FAILURE naming it, a missing one
    /// SIGNED_DATA_NOT_FOUND; either outranks what the signed value says.
    func apply(_ checks: [OFDReferenceCheck], method: String, to evidence: inout SignatureEvidence) {
        guard !checks.isEmpty else {
            evidence.signedDataDigest = .notAvailable(
                "the signature protects its files with \(method.debugDescription), a digest Sealbridge does not "
                    + "compute, so the document's parts could not be checked"
            )
            return
        }
        let changed = checks.filter { $0.outcome == .mismatched }.map(\.location)
        let missing = checks.filter { $0.outcome == .missing }.map(\.location)
        let unreadable = checks.compactMap { check -> String? in
            if case .unreadable(let why) = check.outcome { return "\(check.location) (\(why))" }
            return nil
        }
        if !changed.isEmpty {
            evidence.signedDataDigest = .mismatched(
                "the document was changed after signing: \(Self.list(changed)) no longer match\(changed.count == 1 ? "es" : "") "
                    + "the digest the signature holds"
            )
        } else if !missing.isEmpty {
            evidence.signedDataDigest = .notAvailable(
                "the signature protects \(Self.list(missing)), missing from the package"
            )
        } else if !unreadable.isEmpty {
            evidence.signedDataDigest = .notAvailable("protected parts could not be read: \(Self.list(unreadable))")
        }
    }

    static func list(_ names: [String]) -> String {
        names.count <= 5
            ? names.joined(separator: ", ")
            : names.prefix(5).joined(separator: ", ")
                + " and \(names.count - 5) more"
    }

    /// Parts of the package the signature does not protect (besides its own description and value): added after
    /// signing, or left open on purpose (a continue-signing `Signatures.xml`). Said, not judged.
    static func unprotectedParts(
        of document: OFDDocument,
        by description: OFDSignatureDescription,
        signature: OFDDocument.Signature
    ) -> String? {
        let protected = Set(description.references.map(\.location))
        let own: Set<String> = [signature.entry.location, description.signedValueLocation]
        let open = document.archive.entries.filter {
            !$0.isDirectory && !protected.contains($0.name) && !own.contains($0.name)
        }.map(\.name)
        guard !open.isEmpty else { return nil }
        return "\(open.count) part\(open.count == 1 ? " is" : "s are") not protected by this signature (added "
            + "later, or left open for further signatures): \(list(open))"
    }

    static func malformed(_ id: String, _ type: OFDSignatureType, _ reason: String) -> SignatureEvidence {
        SignatureEvidence(
            id: id,
            format: type == .seal ? .ofdSealV4 : .ofdSign,
            profile: "gm",
            structure: .malformed(reason),
            signingCertificate: SigningCertificateFinding(certificate: nil, reference: .absent),
            signedDataDigest: .notReached,
            signatureValue: .notReached
        )
    }
}
