import Foundation
import SealbridgeCMS
import SealbridgeCrypto
import SealbridgeTrust
public import SealbridgeX509

/// The validation process of ETSI EN 319 102-1 for the signatures of one file, with the recognition verdict for a
/// relying party beside each indication.
///
/// Per signature (§5.3, basic signatures; §5.5, signatures with time): format checking (§5.2.2), identification
/// of the signing certificate (§5.2.3), validation-context initialisation from the frameworks (§5.2.4), X.509
/// certificate validation over every framework's anchors with the CRLs available (§5.2.6), cryptographic
/// verification (§5.2.7), signature acceptance under the cryptographic constraints (§5.2.8), then the signature
/// time-stamps as proof of existence and the comparison of times (§5.5.4). The trust framework's level at
/// best-signature-time and the recognition verdict are added last and never change the indication.
public struct SignatureValidator: Sendable {
    /// The context every call uses.
    public private(set) var context: ValidationContext
    /// The frameworks' anchors, for signers' paths.
    let trustStore: TrustStore
    /// The frameworks' anchors and TSA certificates, for time-stamp paths.
    let timeStampTrustStore: TrustStore

    /// Makes a validator; the trust stores are built here once, for every file it validates.
    ///
    /// - Parameters:
    ///   - context: the validation context.
    ///   - precomputesAnchorKeys: precompute SM2 anchors' verification tables (about a millisecond each, then
    ///     every signature they check is three times cheaper): right for a service, wasted on one file.
    public init(context: ValidationContext, precomputesAnchorKeys: Bool = true) {
        self.context = context
        trustStore = TrustStore(
            context.frameworks.flatMap(\.anchorCertificates),
            precomputesKeys: precomputesAnchorKeys
        )
        timeStampTrustStore = TrustStore(
            context.frameworks.flatMap { $0.anchorCertificates + $0.timeStampingAuthorities },
            precomputesKeys: precomputesAnchorKeys
        )
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

    /// Validates every signature in `bytes`.
    ///
    /// - Parameters:
    ///   - bytes: the signed file (CMS/CAdES in DER, BER or PEM).
    ///   - name: its name, for the report.
    ///   - content: the content of a detached signature.
    /// - Returns: the report; a file that is not a signature Sealbridge reads gives TOTAL_FAILED/FORMAT_FAILURE
    ///   (a broken CMS) or an "unsupported format" INDETERMINATE report (XML, PDF, …).
    /// - Throws: `ValidationInputError` when the content file cannot be read.
    public func validate(_ bytes: [UInt8], name: String, content: DetachedContent? = nil) throws -> ValidationReport {
        var report = ValidationReport(
            document: .init(
                name: name,
                size: bytes.count,
                sha256: hexadecimal(HashFunction.sha256.digest(bytes)),
                format: "CMS",
                detachedContent: content?.name
            ),
            validationTime: context.time.description,
            context: .init(
                relyingJurisdiction: context.relyingJurisdiction,
                documentKind: context.documentKind,
                frameworks: context.frameworks.map(\.id),
                agreements: context.agreements.map(\.id),
                cryptographicConstraints: context.constraints.name
            ),
            indication: .indeterminate,
            subIndication: nil,
            summary: "",
            signatures: []
        )
        if let other = SignatureFormat.unsupported(bytes) {
            report.document.format = "unsupported: \(other)"
            report.summary =
                "Not validated: \(other) is not a format Sealbridge validates yet (CMS and CAdES are); "
                + "the signature's validity is unknown."
            return report
        }
        let signedData: CMSSignedData
        do {
            signedData = try CMSSignedData(berEncoded: bytes)
        } catch {
            report.indication = .totalFailed
            report.subIndication = .formatFailure
            report.summary =
                "The file is not a well-formed CMS signature: \((error as? CMSError)?.reason ?? "\(error)")."
            return report
        }
        guard !signedData.signerInfos.isEmpty else {
            report.indication = .totalFailed
            report.subIndication = .formatFailure
            report.summary = "The CMS file holds no signature (no SignerInfo)."
            return report
        }

        var options = CMSVerificationOptions()
        options.acceptsSM2SignatureWithoutZ = context.acceptsSM2SignatureWithoutZ
        options.acceptsSM2EmptyUserID = context.acceptsSM2EmptyUserID
        options.timeStampOptions.trustStore = timeStampTrustStore
        options.timeStampOptions.intermediates = signedData.certificates + context.untrustedCertificates
        let verifier = CMSVerifier(options: options)
        let extra = context.untrustedCertificates
        // Attached content (or none) is digested by the verifier; a detached file is streamed here.
        let result: CMSVerificationResult
        if signedData.isDetached, let content {
            var digester = CMSContentDigester(for: signedData, extraCertificates: extra, options: options)
            try Self.stream(content) { digester.update($0) }
            result = verifier.verify(signedData, contentDigests: digester.finalize(), extraCertificates: extra)
        } else {
            result = verifier.verify(signedData, extraCertificates: extra)
        }
        let process = SignerProcess(context: context, signedData: signedData, trustStore: trustStore)
        report.signatures = result.signers.map { process.run($0) }
        let worst = report.signatures.min { $0.indication < $1.indication }
        report.indication = worst?.indication ?? .totalFailed
        report.subIndication = worst?.subIndication
        report.summary = ReportWording.summary(report)
        return report
    }

    private static func stream(_ content: DetachedContent, _ body: (UnsafeRawBufferPointer) -> Void) throws {
        switch content {
        case .bytes(let bytes, _):
            bytes.withUnsafeBytes(body)
        case .file(let url):
            guard let handle = try? FileHandle(forReadingFrom: url) else {
                throw ValidationInputError(
                    description: "cannot read the content file \(url.path); check the path given with --content"
                )
            }
            defer { try? handle.close() }
            while true {
                let chunk: Data?
                do {
                    chunk = try handle.read(upToCount: 1 << 20)
                } catch {
                    throw ValidationInputError(description: "reading \(url.path) failed: \(error.localizedDescription)")
                }
                guard let chunk, !chunk.isEmpty else { break }
                chunk.withUnsafeBytes(body)
            }
        }
    }
}

/// Formats recognised only to say they are not validated yet.
enum SignatureFormat {
    static func unsupported(_ bytes: [UInt8]) -> String? {
        let start = bytes.drop {
            $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 || $0 == 0xEF || $0 == 0xBB || $0 == 0xBF
        }
        if start.starts(with: Array("%PDF".utf8)) { return "PDF (PAdES)" }
        if start.first == UInt8(ascii: "<") { return "XML (XAdES or a trusted list)" }
        if start.first == UInt8(ascii: "{") { return "JSON (JAdES or a verifiable document)" }
        if start.starts(with: [0x50, 0x4B, 0x03, 0x04]) { return "a ZIP container (ASiC)" }
        return nil
    }
}

func hexadecimal<Bytes: Sequence>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 { HexEncoding.encode(bytes) }
