import ArgumentParser
import Foundation
import SealbridgeCrypto
import SealbridgeTrust
import SealbridgeValidation
import SealbridgeX509

/// `sealbridge trustlist …`: ETSI TS 119 612 trusted lists.
struct TrustListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "trustlist",
        abstract: "ETSI TS 119 612 trusted lists (v5, v6): show their content, verify their signature.",
        subcommands: [Show.self, Verify.self, Sign.self]
    )

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration.leaf(
            commandName: "show",
            parent: "sealbridge trustlist",
            abstract: "Print a trusted list: scheme, pointers, providers, services with status history."
        )

        @Argument(help: "The trusted list (XML).")
        var file: String
        @Option(help: "The certificate allowed to sign the list (PEM or DER); repeatable.")
        var anchor: [String] = []
        @Flag(help: "Also print each service's status history.")
        var history = false

        mutating func run() throws {
            try runReportingErrors {
                let list = try TrustListFiles.load(file, anchors: anchor)
                print(
                    "trusted list \(list.territory ?? "(no territory)") #\(list.sequenceNumber) (TS 119 612 v\(list.version))"
                )
                for warning in list.warnings { print("  warning: \(warning)") }
                print("  operator: \(list.operatorName)")
                print("  type: \(list.type)")
                print("  issued: \(list.issued), next update: \(list.nextUpdate.map(\.description) ?? "none (closed)")")
                print("  signature: \(list.signature.outcome)")
                for pointer in list.pointers {
                    print(
                        "  pointer: \(pointer.territory ?? "?") \(pointer.location) (\(pointer.signingCertificates.count) signing certificates)"
                    )
                    for equivalence in pointer.mutualRecognition?.equivalences ?? [] {
                        let current = equivalence.current
                        print(
                            "    mutual recognition: \(equivalence.legalIdentifier) \(current.status.rawValue) since \(current.start)"
                        )
                    }
                }
                if !list.pivotLocations().isEmpty {
                    print("  pivots: \(list.pivotLocations().joined(separator: ", "))")
                }
                for provider in list.providers {
                    print("  provider: \(provider.names.preferred) (\(provider.services.count) services)")
                    for service in provider.services {
                        let state = service.current
                        print(
                            "    \(lastSegment(of: state.type)) \(state.statusName) since \(state.statusStartingTime): \(state.names.preferred)"
                        )
                        for certificate in state.identity.certificates {
                            print("      certificate: \(certificate.subject)")
                        }
                        let information = state.extensions.additionalServiceInformation.map { lastSegment(of: $0) }
                        if !information.isEmpty { print("      for: \(information.joined(separator: ", "))") }
                        if history {
                            for past in service.history {
                                print("      history: \(past.statusName) since \(past.statusStartingTime)")
                            }
                        }
                    }
                }
            }
        }
    }

    struct Verify: ParsableCommand {
        static let configuration = CommandConfiguration.leaf(
            commandName: "verify",
            parent: "sealbridge trustlist",
            abstract: "Verify a trusted list's XML-DSig signature against the certificate allowed to sign it.",
            discussion: """
                Prints the EN 319 102-1 indication: TOTAL_PASSED (exit 0), TOTAL_FAILED/HASH_FAILURE or \
                SIG_CRYPTO_FAILURE or FORMAT_FAILURE (exit 1), INDETERMINATE/NO_CERTIFICATE_CHAIN_FOUND when \
                the signer is not an --anchor (exit 2). The key always comes from the anchor or the signature's \
                certificate, never from ds:KeyValue. Nothing is fetched from the network: with --pivots, the \
                pivots the list names are read from that folder (download them with curl -O).
                """
        )

        @Argument(help: "The trusted list (XML).")
        var file: String
        @Option(help: "The certificate allowed to sign the list (PEM or DER); repeatable.")
        var anchor: [String] = []
        @Option(help: "A list of the lists (e.g. the EU LOTL) whose pointer for the list's territory names its signer.")
        var lotl: String?
        @Option(name: .customLong("lotl-anchor"), help: "The certificate allowed to sign the --lotl list; repeatable.")
        var lotlAnchor: [String] = []
        @Option(
            name: .customLong("lotl-location"),
            help: "Where the list was fetched from, to find its --lotl pointer when the territories differ."
        )
        var lotlLocation: String?
        @Option(
            help: ArgumentHelp(
                "A folder of pivot lists of the lists, each named after its URL's last segment; the list is then verified from the --anchor certificates (those of the Official Journal announcement) through its pivots.",
                valueName: "folder"
            )
        )
        var pivots: String?
        @Option(
            help:
                "The Official Journal announcement URL where the list's pivots end (default: the first eur-lex.europa.eu URI)."
        )
        var announcement: String?

        func validate() throws {
            if pivots != nil, lotl != nil {
                throw ValidationError("--pivots verifies a list of the lists; --lotl verifies a list it points to")
            }
            if announcement != nil, pivots == nil { throw ValidationError("--announcement goes with --pivots") }
        }

        mutating func run() throws {
            var indication = Indication.indeterminate
            try runReportingErrors {
                let list: TrustedList
                if let pivots {
                    let walk = try PivotWalk(
                        parsing: try CommandIO.read(file, limit: TrustedList.defaultMaximumSize, what: "trusted list"),
                        source: URL(fileURLWithPath: file).lastPathComponent,
                        announcedCertificates: try anchor.flatMap(CMSFiles.certificates),
                        announcement: announcement,
                        pivot: { TrustListFiles.pivot(at: $0, in: pivots) }
                    )
                    for step in walk.steps { print("pivot \(step.location): \(step.outcome)") }
                    list = walk.list
                } else if let lotl {
                    let listOfTheLists = try TrustListFiles.load(lotl, anchors: lotlAnchor)
                    list = try TrustedList(
                        parsing: try CommandIO.read(file, limit: TrustedList.defaultMaximumSize, what: "trusted list"),
                        source: URL(fileURLWithPath: file).lastPathComponent,
                        announcedBy: listOfTheLists,
                        location: lotlLocation
                    )
                } else {
                    list = try TrustListFiles.load(file, anchors: anchor)
                }
                let (main, sub) = TrustListFiles.indication(list.signature)
                indication = main
                print(
                    "\(main.rawValue)\(sub.map { "/\($0.rawValue)" } ?? ""): \(list.signature.outcome)"
                )
                for reference in list.signature.references {
                    print(
                        "  reference \"\(reference.uri)\": digest \(reference.digestMatches ? "matches" : "DOES NOT MATCH")"
                    )
                }
                if let signer = list.signature.signerCertificate { print("  signer: \(signer.subject)") }
                if let time = list.signature.signingTime { print("  signing time: \(time)") }
                for warning in list.warnings { print("  warning: \(warning)") }
                if !list.isFresh(at: .now) {
                    print("  note: the list is not fresh (next update \(list.nextUpdate.map(\.description) ?? "none"))")
                }
            }
            if indication != .totalPassed { throw ExitCode(indication.exitCode) }
        }
    }
}

extension TrustListCommand {
    struct Sign: ParsableCommand {
        static let configuration = CommandConfiguration.leaf(
            commandName: "sign",
            parent: "sealbridge trustlist",
            abstract: "Sign a trusted list as its operator (enveloped XAdES, exclusive C14N; TS 119 612 Annex B).",
            discussion: "RSA or ECDSA keys; SigningCertificateV2 for v6 lists (the default), v1 with --xades-v1."
        )

        @Option(help: "The operator's private key.")
        var key: String
        @Option(help: "The operator's certificate.")
        var cert: String
        @Option(help: "The digest of the references and the signature.")
        var digest: XMLDigestArgument = .sha256
        @Flag(
            name: .customLong("xades-v1"),
            help: "Write SigningCertificate (v5 lists) instead of SigningCertificateV2."
        )
        var xadesV1 = false
        @Option(help: "The unsigned list.")
        var `in`: String
        @Option(help: "Where to write the signed list.")
        var out: String

        mutating func run() throws {
            try runReportingErrors {
                let hash = digest.hashFunction
                let key = try PrivateKey(pemOrDER: CommandIO.read(key, limit: 1 << 20, what: "key file"))
                guard let certificate = try CMSFiles.certificates(cert).first else {
                    throw CommandFailure.data("\(cert) holds no certificate")
                }
                let signed = try XMLEnvelopedSigner.sign(
                    CommandIO.read(`in`, limit: TrustedList.defaultMaximumSize, what: "trusted list"),
                    key: key,
                    certificate: certificate,
                    hash: hash,
                    signingCertificateV2: !xadesV1
                )
                try CommandIO.write(signed, to: out)
            }
        }
    }
}

/// Reading trusted lists for the CLI.
enum TrustListFiles {
    static func load(_ path: String, anchors: [String]) throws -> TrustedList {
        let certificates = try anchors.flatMap(CMSFiles.certificates)
        return try TrustedList(contentsOf: URL(fileURLWithPath: path), anchors: certificates)
    }

    /// The pivot list at `location`, offline: the file in `folder` named after the URL's last path segment (as
    /// `curl -O` saves it); nil when there is none or the name could leave the folder.
    static func pivot(at location: String, in folder: String) -> [UInt8]? {
        guard let name = location.split(separator: "/").last.map(String.init), !name.isEmpty, name != "..",
            name != ".", !location.hasSuffix("/")
        else { return nil }
        let path = URL(fileURLWithPath: folder).appendingPathComponent(name).path
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        return try? CommandIO.read(path, limit: TrustedList.defaultMaximumSize, what: "pivot list")
    }

    /// The EN 319 102-1 indication of a trusted list's signature check.
    static func indication(_ check: XMLSignatureVerification) -> (Indication, SubIndication?) {
        switch check.outcome {
        case .valid: return (.totalPassed, nil)
        case .unsigned, .malformed: return (.totalFailed, .formatFailure)
        case .unsupportedAlgorithm: return (.indeterminate, .cryptoConstraintsFailure)
        case .referenceDigestMismatch: return (.totalFailed, .hashFailure)
        case .signatureValueInvalid: return (.totalFailed, .sigCryptoFailure)
        case .signingCertificateMismatch: return (.indeterminate, .noSigningCertificateFound)
        case .signerNotTrusted: return (.indeterminate, .noCertificateChainFound)
        }
    }

}
