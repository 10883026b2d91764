import ArgumentParser
import Foundation
import SealbridgeValidation
import SealbridgeX509

/// `sealbridge bench-validate` (hidden): the library's in-process validation rate for one file, the baseline
/// `scripts/bench-service` compares the HTTP service with.
struct BenchValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration.leaf(
        commandName: "bench-validate",
        parent: "sealbridge",
        abstract: "Validate one file repeatedly in process and print the rate (for scripts/bench-service).",
        shouldDisplay: false
    )

    @Argument(help: "The signed file.")
    var file: String
    @Option(help: "Validations to time.")
    var iterations = 2_000
    @Option(help: "Trust frameworks folder.")
    var frameworks: String
    @Option(help: "Recognition agreements folder.")
    var agreements: String
    @Option(help: "Relying jurisdiction.")
    var jurisdiction: String?
    @Option(name: .customLong("document-kind"), help: "Document kind.")
    var documentKind: String?
    @Option(help: "CRLs beyond those in the signature (an OFD package carries none); repeatable.")
    var crl: [String] = []

    mutating func run() throws {
        try runReportingErrors {
            var context = ValidationContext()
            context.frameworks = try TrustCommands.frameworks(frameworks)
            context.agreements = try TrustCommands.agreements(agreements)
            context.relyingJurisdiction = jurisdiction
            context.documentKind = documentKind
            context.crls = try crl.flatMap(CMSFiles.crls)
            // As the service does: trust stores and SM2 anchor tables built once.
            let validator = SignatureValidator(context: context, precomputesAnchorKeys: true)
            let bytes = try CommandIO.read(file, what: "signed file")
            let name = URL(fileURLWithPath: file).lastPathComponent
            _ = try validator.validate(bytes, name: name)
            let started = ContinuousClock.now
            for _ in 0..<max(1, iterations) {
                _ = try validator.validate(bytes, name: name)
            }
            let elapsed = started.duration(to: .now)
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
            print(
                String(
                    format: "in-process: %.1f validations/s (%d in %.3f s, one thread)",
                    Double(iterations) / seconds,
                    iterations,
                    seconds
                )
            )
        }
    }
}
