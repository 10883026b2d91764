import ArgumentParser
import Foundation
import SealbridgeTrust
import SealbridgeX509

/// `sealbridge frameworks …`.
struct FrameworksCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "frameworks",
        abstract: "Trust frameworks: folders with a framework.toml manifest and anchor certificates.",
        subcommands: [List.self]
    )

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration.leaf(
            commandName: "list",
            parent: "sealbridge frameworks",
            abstract: "Load every framework under a folder and print its jurisdiction, levels and anchors."
        )

        @Option(help: "The folder whose sub-folders are frameworks.")
        var frameworks: String

        mutating func run() throws {
            try runReportingErrors {
                for framework in try TrustCommands.frameworks(frameworks) {
                    print("\(framework.id) [\(framework.jurisdiction)] \(framework.name)")
                    print("  legal basis: \(framework.legalBasis)")
                    print("  levels: \(framework.levels.joined(separator: " < "))")
                    for anchor in framework.anchors {
                        print("  anchor (\(anchor.level)): \(anchor.certificate.subject)")
                    }
                    for authority in framework.timeStampingAuthorities {
                        print("  time-stamping: \(authority.subject)")
                    }
                }
            }
        }
    }
}

/// `sealbridge agreements …`.
struct AgreementsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "agreements",
        abstract: "Recognition agreements: TOML files saying which foreign framework a jurisdiction recognises.",
        subcommands: [List.self, Check.self]
    )

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration.leaf(
            commandName: "list",
            parent: "sealbridge agreements",
            abstract:
                "Load every agreement in a folder, and those the frameworks' trusted lists publish, and print them.",
            discussion: """
                Each agreement says where it came from: a TOML file, or a list of the lists' mutual-recognition \
                extension on the pointer to a framework's trusted list (framework.toml [trusted_list] with lotl).
                """
        )

        @Option(help: "The folder of agreement .toml files.")
        var agreements: String?
        @Option(help: "The folder whose sub-folders are frameworks; their trusted lists may publish agreements.")
        var frameworks: String?

        func validate() throws {
            if agreements == nil, frameworks == nil {
                throw ValidationError("give --agreements, --frameworks or both")
            }
        }

        mutating func run() throws {
            try runReportingErrors {
                let loaded = try AgreementCheck.combined(
                    try agreements.map(TrustCommands.agreements) ?? [],
                    frameworks: try frameworks.map(TrustCommands.frameworks) ?? []
                )
                for agreement in loaded {
                    print("\(agreement.id): \(agreement.title)")
                    print(
                        "  \(agreement.recognisingJurisdiction) recognises \(agreement.recognisedFramework) (\(agreement.status.rawValue))"
                    )
                    print("  legal basis: \(agreement.legalBasis)")
                    print(
                        "  in force: \(agreement.effective) – \(agreement.expires.map(\.description) ?? "open-ended")"
                    )
                    print("  scope: \(agreement.scope.sorted().joined(separator: ", "))")
                    let mapping = agreement.levelMapping.sorted { $0.key < $1.key }.map { "\($0.key) → \($0.value)" }
                    print("  levels: \(mapping.joined(separator: ", "))")
                    let conditions = agreement.conditions
                    for named in conditions.certificate {
                        print("  certificate \(named.name): \(named.criteria)")
                    }
                    if conditions.certificateIssuedInForce {
                        print("  certificate issued while in force")
                    }
                    print("  source: \(agreement.provenance)")
                }
            }
        }
    }

    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration.leaf(
            commandName: "check",
            parent: "sealbridge agreements",
            abstract: "Check agreements against the frameworks they name (framework exists, levels exist).",
            discussion: "Exit 0 when every agreement is consistent; 1 with one line per problem."
        )

        @Option(help: "The folder of agreement .toml files.")
        var agreements: String
        @Option(help: "The folder whose sub-folders are frameworks.")
        var frameworks: String

        mutating func run() throws {
            try runReportingErrors {
                let frameworks = try TrustCommands.frameworks(frameworks)
                let problems = AgreementCheck.problems(
                    try AgreementCheck.combined(try TrustCommands.agreements(agreements), frameworks: frameworks),
                    frameworks: frameworks
                )
                guard problems.isEmpty else {
                    for problem in problems { print(problem) }
                    throw CommandFailure(message: "\(problems.count) problem(s)", exitCode: ExitCodes.invalid)
                }
                print("all agreements are consistent with their frameworks")
            }
        }
    }
}

/// Loading trust data for the CLI (a `TrustError` names file and field; `runReportingErrors` prints it).
enum TrustCommands {
    static func frameworks(_ path: String) throws -> [TrustFramework] {
        try TrustFramework.loadAll(in: URL(fileURLWithPath: path))
    }

    static func agreements(_ path: String) throws -> [RecognitionAgreement] {
        try RecognitionAgreement.loadAll(in: URL(fileURLWithPath: path))
    }
}
