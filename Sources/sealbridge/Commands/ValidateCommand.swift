public import ArgumentParser
import Foundation
import SealbridgeTrust
import SealbridgeValidation
import SealbridgeX509

extension ReportFormat: ExpressibleByArgument {}
extension RevocationPolicy: ExpressibleByArgument {}

/// `sealbridge validate`: the EN 319 102-1 validation of every signature in a file, with the recognition verdict.
struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration.leaf(
        commandName: "validate",
        parent: "sealbridge",
        abstract: "Validate a signed file (EN 319 102-1) and say whether it is legally recognised in a jurisdiction.",
        discussion: """
            Exit 0 TOTAL_PASSED, 1 TOTAL_FAILED, 2 INDETERMINATE (the worst signature decides); 64 usage, 65 the \
            file is not a signature or trust data is broken, 66 a file is missing, 74 a file cannot be read. The \
            recognition verdict (recognised under an agreement, domestic, not recognised with every reason, or not \
            applicable when the signature is not valid) is reported beside the indication and never changes it. \
            Formats: CMS and CAdES (B-B, B-T), RFC 5652 and GB/T 35275 SM2, in DER, BER, PEM or bare base64; \
            other signature formats give an INDETERMINATE report that names them.
            """
    )

    @Argument(help: "The signed file (CMS/CAdES: DER, BER, PEM or base64).")
    var file: String
    @Option(
        help: """
            The document: the content of a detached signature (streamed), or for an attached signature the \
            document you hold, which must be the one that was signed; '-' for standard input.
            """
    )
    var content: String?
    @Option(
        name: .customLong("content-digest"),
        help: """
            The document given only by its digest, ALGORITHM:HEX (sha256, sha384, sha512, sha3-256, sm3, …), when \
            you will not hand over the document itself.
            """
    )
    var contentDigest: String?
    @Option(
        name: .customLong("signer-cert"),
        help: "The signer's certificate, when the signature does not carry it (PEM, DER or base64); repeatable."
    )
    var signerCert: [String] = []
    @Option(help: "Intermediate certificates the signature does not carry (PEM bundle, DER or base64); repeatable.")
    var untrusted: [String] = []
    @Option(
        name: .customLong("recipient-key"),
        help: "Your private key, to open a SignedAndEnvelopedData sent to you before checking it; repeatable."
    )
    var recipientKey: [String] = []
    @Option(help: "Validation time, RFC 3339 (default: now).")
    var at: String?
    @Option(help: "The folder whose sub-folders are trust frameworks (framework.toml).")
    var frameworks: String?
    @Option(help: "The folder of recognition agreements (.toml).")
    var agreements: String?
    @Option(help: "The relying party's jurisdiction: ISO 3166-1 alpha-2 or EU.")
    var jurisdiction: String?
    @Option(
        name: .customLong("document-kind"),
        help:
            "The document kind you declare: invoice, certificate-of-origin, bill-of-lading, contract, … or a scope of the loaded agreements."
    )
    var documentKind: String?
    @Option(help: "CRLs beyond those in the signature; repeatable.")
    var crl: [String] = []
    @Option(
        help: """
            What missing revocation data means: required (no data for the signer or a CA: INDETERMINATE/TRY_LATER), \
            where-available, or none.
            """
    )
    var revocation: RevocationPolicy = .required
    @Option(help: "Report format: text, json, xml (ETSI TS 119 102-2) or html.")
    var format: ReportFormat = .text
    @Option(help: "Write the report here instead of standard output.")
    var out: String?
    @OptionGroup var sm2: SM2CompatibilityFlags

    func validate() throws {
        if let jurisdiction, !Jurisdiction.isValid(jurisdiction) {
            throw ValidationError("--jurisdiction '\(jurisdiction)' is not an ISO 3166-1 alpha-2 code or EU")
        }
        if let at, X509Time(rfc3339: at) == nil {
            throw ValidationError("--at '\(at)' is not an RFC 3339 time such as 2026-11-29T12:00:00Z")
        }
        if file == "-", content == "-" {
            throw ValidationError("standard input can carry the signed file or the document (--content), not both")
        }
    }

    mutating func run() throws {
        var indication = Indication.indeterminate
        try runReportingErrors {
            var context = ValidationContext()
            if let at { context.time = X509Time(rfc3339: at) ?? .now }
            if let frameworks { context.frameworks = try TrustCommands.frameworks(frameworks) }
            context.agreements = try AgreementCheck.combined(
                try agreements.map(TrustCommands.agreements) ?? [],
                frameworks: context.frameworks
            )
            context.relyingJurisdiction = jurisdiction
            if let documentKind {
                let kinds = DocumentKinds(agreements: context.agreements)
                guard kinds.contains(documentKind) else {
                    throw CommandFailure(message: kinds.unknownKindMessage(documentKind), exitCode: ExitCodes.usage)
                }
                context.documentKind = documentKind
            }
            context.crls = try crl.flatMap(CMSFiles.crls)
            context.untrustedCertificates = try (signerCert + untrusted).flatMap(CMSFiles.certificates)
            context.insecureRecipientPrivateKeys = try recipientKey.map(CMSFiles.key)
            context.revocationPolicy = revocation
            context.sm2Compatibility = sm2.compatibility
            let bytes = try CommandIO.read(file, what: "signed file")
            // One file: SM2 anchor tables would cost more than they save.
            let report = try SignatureValidator(context: context, precomputesAnchorKeys: false).validate(
                bytes,
                name: file == "-" ? "(standard input)" : URL(fileURLWithPath: file).lastPathComponent,
                content: try CMSFiles.signedContent(file: content, digest: contentDigest)
            )
            try CommandIO.write(format.render(report), to: out)
            indication = report.indication
        }
        if indication != .totalPassed { throw ExitCode(indication.exitCode) }
    }
}
