import Foundation
import SealbridgeCMS
import SealbridgeCrypto
import SealbridgeJAdES
import SealbridgeOFD
import SealbridgeTrust
public import SealbridgeX509
import SealbridgeXAdES
import SealbridgeXML

/// The validation process of ETSI EN 319 102-1 for the signatures of one file, with the recognition verdict for a
/// relying party beside each indication.
///
/// Bytes → a format reader (today CMS/CAdES, ``CMSEvidenceReader``) → one ``SignatureEvidence`` per signature →
/// the building blocks (``BuildingBlocks``: format checking, identification of the signing certificate, context
/// initialisation, X.509 validation with the revocation policy, cryptographic verification, signature acceptance,
/// and the time steps of §5.5.4) → the §5.3.4 conclusion → the framework level at best-signature-time and the
/// recognition verdict, which never change the indication → a ``ValidationReport``.
public struct SignatureValidator: Sendable {
    /// The context every call uses.
    public private(set) var context: ValidationContext
    /// The frameworks' anchors, for signers' paths.
    let trustStore: TrustStore
    /// The frameworks' anchors and TSA certificates, for time-stamp paths.
    let timeStampTrustStore: TrustStore
    /// Certificates a signer may be found among beyond those its file carries: the untrusted ones given, then the
    /// anchors — a certificate given as a trust anchor may be the signer's own (a seal certificate listed in a
    /// trusted list, a self-signed signer the relying party trusts directly).
    var signerCandidates: [Certificate]

    /// Makes a validator; the trust stores are built here once, for every file it validates.
    ///
    /// - Parameters:
    ///   - context: the validation context.
    ///   - precomputesAnchorKeys: precompute SM2 anchors' verification tables (about a millisecond each, then
    ///     every signature they check is three times cheaper): right for a service, wasted on one file.
    public init(context: ValidationContext, precomputesAnchorKeys: Bool = true) {
        self.context = context
        trustStore = TrustStore(
            context.frameworks.flatMap(\.anchorCertificates) + context.anchors,
            precomputesKeys: precomputesAnchorKeys
        )
        timeStampTrustStore = TrustStore(
            context.frameworks.flatMap { $0.anchorCertificates + $0.timeStampingAuthorities } + context.anchors,
            precomputesKeys: precomputesAnchorKeys
        )
        signerCandidates =
            context.untrustedCertificates + context.anchors + context.frameworks.flatMap(\.anchorCertificates)
    }

    /// The same frameworks and trust stores (nothing is rebuilt) for another relying party, document kind or
    /// validation time: what a service that validates for many clients needs per request.
    public func with(relyingJurisdiction: String?, documentKind: String?, time: X509Time) -> SignatureValidator {
        var copy = self
        copy.context.relyingJurisdiction = relyingJurisdiction
        copy.context.documentKind = documentKind
        copy.context.time = time
        return copy
    }

    /// The same validator with more untrusted certificates — the signer's certificate when the signature does not
    /// carry it, and intermediates — for one request.
    public func adding(untrustedCertificates: [Certificate]) -> SignatureValidator {
        guard !untrustedCertificates.isEmpty else { return self }
        var copy = self
        copy.context.untrustedCertificates += untrustedCertificates
        copy.signerCandidates = untrustedCertificates + signerCandidates
        return copy
    }

    /// Validates every signature in `bytes`.
    ///
    /// - Parameters:
    ///   - bytes: the signed file (CMS/CAdES in DER, BER, PEM or bare base64).
    ///   - name: its name, for the report.
    ///   - content: the content of a detached signature, or a document to compare with an attached signature's
    ///     content (it must be the signed one, or the signature is TOTAL_FAILED/HASH_FAILURE).
    /// - Returns: the report; a format Sealbridge does not validate yet gives an INDETERMINATE report that names
    ///   it, a broken CMS TOTAL_FAILED/FORMAT_FAILURE.
    /// - Throws: ``ValidationInputError`` when the content file is missing or unreadable;
    ///   ``NotASignatureError`` when the file is not a signature at all (a certificate, a key, an image, …).
    public func validate(_ bytes: [UInt8], name: String, content: SignedContent? = nil) throws -> ValidationReport {
        var report = emptyReport(bytes, name: name, content: content)
        let signedBytes: [UInt8]
        switch SignedFileReading.classify(bytes) {
        case .signature(let decoded):
            signedBytes = decoded
        case .ofd(let package):
            return try validateOFD(package, name: name, content: content, report: report)
        case .xml(let document):
            return try validateXML(document, name: name, content: content, report: report)
        case .jws(let message):
            return try validateJWS(message, name: name, content: content, report: report)
        case .unsupported(let what, let description):
            report.document.format = .unsupported
            report.document.detectedAs = description
            report.headline = "Not validated: this is \(what), a format Sealbridge does not validate yet."
            report.summary =
                "Not validated: \(description). Sealbridge validates CMS and CAdES signatures, XML signatures "
                + "(XAdES, XML-DSig) and OFD documents today; the signature's validity is unknown."
            report.advice = "Validate it with a tool for that format, or ask the sender for a CAdES (.p7s) signature."
            return report
        case .notASignature(let what):
            throw NotASignatureError(name: name, what: what)
        }
        let signedData: CMSSignedData
        var envelopeNotes: [String] = []
        do {
            if CMSSignedAndEnvelopedData.isSignedAndEnveloped(signedBytes) {
                let message = try CMSSignedAndEnvelopedData(berEncoded: signedBytes)
                do {
                    let opened = try message.opened(with: context.insecureRecipientPrivateKeys)
                    signedData = opened.signedData
                    envelopeNotes = opened.notes
                } catch let error as CMSError where error.code == .unsupported {
                    return encryptedContent(report, error.reason)
                }
            } else {
                signedData = try CMSSignedData(berEncoded: signedBytes)
            }
        } catch {
            let why = (error as? CMSError)?.reason ?? "its DER encoding is malformed"
            return failedFormat(report, "The file is not a well-formed CMS signature: \(why).")
        }
        guard !signedData.signerInfos.isEmpty else {
            return failedFormat(report, "The CMS file holds no signature (no SignerInfo).")
        }
        var reading = try reader(for: signedData).read(signedData, content: content)
        for index in reading.signatures.indices { reading.signatures[index].notes += envelopeNotes }
        return assess(reading, in: report, certificates: signedData.certificates, crls: signedData.crls)
    }

    /// An OFD package: every seal and signature its signature lists name (GB/T 33190-2016 §18).
    func validateOFD(
        _ bytes: [UInt8],
        name: String,
        content: SignedContent?,
        report: ValidationReport
    ) throws -> ValidationReport {
        var report = report
        report.document.format = .ofd
        guard content == nil else {
            throw ValidationInputError(
                .notApplicable,
                "\(name) is an OFD document, which carries every file it signs: validate it alone, without a "
                    + "separate document"
            )
        }
        let document: OFDDocument
        do { document = try OFDDocument(bytes: bytes) } catch {
            return failedFormat(report, "The file is not a readable OFD document: \(error).")
        }
        let reading: CMSEvidenceReader.Reading
        do {
            // A bare signature names no signer: only the certificates the relying party gave are tried.
            reading = try OFDEvidenceReader(
                cms: reader(certificates: [], crls: []),
                extraCertificates: context.untrustedCertificates
            )
            .read(document)
        } catch {
            return failedFormat(report, "The OFD document's signature list cannot be read: \(error).")
        }
        guard !reading.signatures.isEmpty else {
            throw NotASignatureError(
                name: name,
                what: "an OFD document without any seal or signature (a seal's picture on a page is not a seal)"
            )
        }
        return assess(reading, in: report, certificates: reading.signatures.flatMap(\.certificates), crls: [])
    }

    /// An XML document: every XML-DSig / XAdES signature in it (EN 319 132-1), with the document given for detached
    /// references.
    func validateXML(
        _ bytes: [UInt8],
        name: String,
        content: SignedContent?,
        report: ValidationReport
    ) throws -> ValidationReport {
        var report = report
        report.document.format = .xml
        let tree: XMLTree
        do { tree = try XMLTree(parsing: bytes, source: name) } catch {
            return failedFormat(report, "The file is not XML Sealbridge reads: \(error.reason).")
        }
        let signatures = XAdESVerifier.topLevelSignatures(in: tree)
        let count = signatures.count
        guard count > 0 else {
            throw NotASignatureError(name: name, what: "an XML document without an XML signature (ds:Signature)")
        }
        guard count <= XAdESVerificationOptions.maximumSignatures else {
            return failedFormat(
                report,
                "The document holds \(count) XML signatures; Sealbridge validates at most "
                    + "\(XAdESVerificationOptions.maximumSignatures) in one file."
            )
        }
        var options = XAdESVerificationOptions()
        options.timeStampOptions = timeStampOptions(certificates: [], crls: [])
        options.extraCertificates = signerCandidates
        let reading = try XAdESEvidenceReader(options: options).read(tree, signatures: signatures, content: content)
        return assess(
            reading,
            in: report,
            certificates: reading.signatures.flatMap(\.certificates),
            crls: reading.signatures.flatMap(\.crls)
        )
    }

    /// A JWS: every JAdES signature in it (TS 119 182-1), with the document given as a detached payload.
    func validateJWS(
        _ bytes: [UInt8],
        name: String,
        content: SignedContent?,
        report: ValidationReport
    ) throws -> ValidationReport {
        var report = report
        report.document.format = .jws
        let message: JWSMessage
        do { message = try JWSMessage(bytes) } catch {
            return failedFormat(report, "The file is not a JWS Sealbridge reads: \(error.description).")
        }
        guard !message.signatures.isEmpty else {
            throw NotASignatureError(name: name, what: "a JWS JSON serialisation without any signature")
        }
        var options = JAdESVerificationOptions()
        options.timeStampOptions = timeStampOptions(certificates: [], crls: [])
        options.extraCertificates = signerCandidates
        let reading = try JAdESEvidenceReader(options: options).read(message, content: content)
        return assess(reading, in: report, certificates: reading.signatures.flatMap(\.certificates), crls: [])
    }

    /// The building blocks over every signature read, and the report's overall indication: the worst signature's.
    func assess(
        _ reading: CMSEvidenceReader.Reading,
        in report: ValidationReport,
        certificates: [Certificate],
        crls: [CertificateRevocationList]
    ) -> ValidationReport {
        var report = report
        report.documents += reading.documents
        let assessment = SignatureAssessment(
            context: context,
            verifier: CertificateVerifier(
                trustStore: trustStore,
                intermediates: certificates + context.untrustedCertificates,
                crls: crls + context.crls,
                options: context.pathOptions(at: context.time)
            ),
            carriedCRLs: Set(crls.map(\.derBytes))
        )
        report.signatures = reading.signatures.map(assessment.report)
        let worst = report.signatures.min { $0.indication < $1.indication }
        report.indication = worst?.indication ?? .totalFailed
        report.subIndication = worst?.subIndication
        ReportWording.word(&report)
        return report
    }

    /// The CMS reader with this context's options.
    func reader(for signedData: CMSSignedData) -> CMSEvidenceReader {
        reader(certificates: signedData.certificates, crls: signedData.crls)
    }

    /// The CMS reader with this context's options and the certificates and CRLs a signed file carries.
    func reader(certificates: [Certificate], crls: [CertificateRevocationList]) -> CMSEvidenceReader {
        var options = CMSVerificationOptions()
        options.sm2Compatibility = context.sm2Compatibility
        options.timeStampOptions = timeStampOptions(certificates: certificates, crls: crls)
        return CMSEvidenceReader(options: options, extraCertificates: signerCandidates)
    }

    /// How every format's time-stamp tokens are checked: the frameworks' TSA anchors, the certificates and CRLs the
    /// file carries and those given, revocation as the policy says, CRLs judged at the validation time.
    func timeStampOptions(
        certificates: [Certificate],
        crls: [CertificateRevocationList]
    ) -> TimeStampVerificationOptions {
        var options = TimeStampVerificationOptions()
        options.trustStore = timeStampTrustStore
        options.intermediates = certificates + context.untrustedCertificates
        options.crls = crls + context.crls
        options.revocation = context.revocationPolicy == .none ? .none : .whereAvailable
        options.revocationTime = context.time
        return options
    }

    func emptyReport(_ bytes: [UInt8], name: String, content: SignedContent?) -> ValidationReport {
        let sha256 = HexEncoding.encode(HashFunction.sha256.digest(bytes))
        return ValidationReport(
            document: .init(
                name: name,
                size: bytes.count,
                sha256: sha256,
                format: .cms,
                detachedContent: content?.name
            ),
            validationTime: context.time.description,
            context: .init(
                relyingJurisdiction: context.relyingJurisdiction,
                documentKind: context.documentKind,
                documentKindDeclaredBy: context.documentKind == nil ? nil : "relying-party",
                revocationPolicy: context.revocationPolicy,
                frameworks: context.frameworks.map(\.id),
                agreements: context.agreements.map(\.id),
                cryptographicConstraints: context.constraints.name
            ),
            indication: .indeterminate,
            subIndication: nil,
            headline: "",
            summary: "",
            documents: [.init(role: .signedFile, name: name, size: bytes.count, sha256: sha256)],
            signatures: []
        )
    }

    /// A SignedAndEnvelopedData that no recipient key given opens: the signed content is not available
    /// (EN 319 102-1 SIGNED_DATA_NOT_FOUND), which is no judgement of the signature.
    func encryptedContent(_ report: ValidationReport, _ reason: String) -> ValidationReport {
        var report = report
        report.indication = .indeterminate
        report.subIndication = .signedDataNotFound
        report.headline = "Not validated: the signed content is encrypted for its recipients."
        report.summary = "Not validated: \(reason)."
        report.advice = "If you are a recipient, validate it with your private key (--recipient-key)."
        return report
    }

    func failedFormat(_ report: ValidationReport, _ summary: String) -> ValidationReport {
        var report = report
        report.indication = .totalFailed
        report.subIndication = .formatFailure
        report.summary = summary
        report.headline = summary
        report.advice = SubIndication.formatFailure.advice
        return report
    }
}

/// The file given to `validate` is not a signature at all (a certificate, a key, an image, …): the CLI exits 65
/// and the service answers 422, both with this sentence.
public struct NotASignatureError: Error, CustomStringConvertible, Sendable {
    /// The file's name.
    public let name: String
    /// What it is, in words ("an X.509 certificate").
    public let what: String

    /// What happened and what to do.
    public var description: String {
        "\(name) is \(what), not a signature; give the signed file (for example a .p7s CAdES signature)"
    }
}
