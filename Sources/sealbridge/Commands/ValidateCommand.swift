import ArgumentParser
import Foundation
import SealbridgeTrust
import SealbridgeValidation
import SealbridgeX509

/// `sealbridge validate`: the EN 319 102-1 validation of every signature in a file, with the recognition verdict.
struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        _superCommandName: "sealbridge",
        abstract: "Validate a signed file (EN 319 102-1) and say whether it is legally recognised in a jurisdiction.",
        discussion: """
            Exit 0 TOTAL_PASSED, 1 TOTAL_FAILED, 2 INDETERMINATE (the worst signature decides). The recognition \
            verdict (recognised under an agreement, domestic, or not recognised with every reason) is reported \
            beside the indication and never changes it. Formats: CMS and CAdES (B-B, B-T), RFC 5652 and \
            GB/T 35275 SM2; other formats give an INDETERMINATE "unsupported format" report.
            """
    )

    @Argument(help: "The signed file (CMS/CAdES: DER, BER or PEM).")
    var file: String
    @Option(help: "The signed content, for a detached signature (streamed).")
    var content: String?
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
        help: "The document kind: invoice, certificate-of-origin, bill-of-lading, contract, …"
    )
    var documentKind: String?
    @Option(help: "CRLs beyond those in the signature; repeatable.")
    var crl: [String] = []
    @Option(help: "Report format: text, json, xml (ETSI TS 119 102-2) or html.")
    var format: String = "text"
    @Option(help: "Write the report here instead of standard output.")
    var out: String?
    @Flag(name: .customLong("sm2-without-z"), help: "Accept SM2 signatures made over SM3(M) without Z.")
    var sm2WithoutZ = false
    @Flag(name: .customLong("sm2-empty-id"), help: "Accept SM2 signatures made with an empty user ID.")
    var sm2EmptyId = false

    mutating func run() throws {
        var indication = Indication.indeterminate
        try runReportingErrors {
            guard ["text", "json", "xml", "html"].contains(format) else {
                throw CommandFailure(message: "--format is text, json, xml or html", exitCode: ExitCodes.usage)
            }
            var context = ValidationContext()
            if let at { context.time = try CMSFiles.time(at, option: "--at") ?? .now }
            if let frameworks { context.frameworks = try TrustCommands.frameworks(frameworks) }
            if let agreements { context.agreements = try TrustCommands.agreements(agreements) }
            if let jurisdiction {
                guard Jurisdiction.isValid(jurisdiction) else {
                    throw CommandFailure(
                        message: "--jurisdiction '\(jurisdiction)' is not an ISO 3166-1 alpha-2 code or EU",
                        exitCode: ExitCodes.usage
                    )
                }
                context.relyingJurisdiction = jurisdiction
            }
            context.documentKind = documentKind
            context.crls = try crl.flatMap(CMSFiles.crls)
            context.acceptsSM2SignatureWithoutZ = sm2WithoutZ
            context.acceptsSM2EmptyUserID = sm2EmptyId
            let bytes = try CommandIO.read(file, what: "signed file")
            // One file: SM2 anchor tables would cost more than they save.
            let report = try SignatureValidator(context: context, precomputesAnchorKeys: false).validate(
                bytes,
                name: file == "-" ? "(standard input)" : URL(fileURLWithPath: file).lastPathComponent,
                content: content.map { .file(URL(fileURLWithPath: $0)) }
            )
            switch format {
            case "json": try CommandIO.write(report.json() + [0x0A], to: out)
            case "xml": try CommandIO.write(report.xml(), to: out)
            case "html": try CommandIO.write(report.html(), to: out)
            default: try CommandIO.write(report.text(), to: out)
            }
            indication = report.indication
        }
        if indication != .totalPassed { throw ExitCode(indication.exitCode) }
    }
}
