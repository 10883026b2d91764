import ArgumentParser
import Foundation
import SealbridgeCMS
import SealbridgeCrypto
import SealbridgeSM
import SealbridgeTimeStampClient
import SealbridgeValidation
import SealbridgeX509
import SwiftASN1

/// `sealbridge cms …`.
struct CMSCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cms",
        abstract: "Sign and verify CMS / CAdES signatures (RFC 5652, ETSI EN 319 122-1; SM2 per GB/T 35275).",
        subcommands: [Sign.self, Verify.self, Show.self]
    )
}

/// Reading keys, certificates and CMS files for the cms and ts verbs.
enum CMSFiles {
    static func certificates(_ path: String) throws -> [Certificate] {
        do {
            return try Certificate.readAll(from: CommandIO.read(path, limit: 64 << 20, what: "certificate file"))
        } catch let error as X509Error {
            throw CommandFailure.data("\(path): \(error.reason)")
        }
    }

    static func certificate(_ path: String) throws -> Certificate {
        guard let first = try certificates(path).first else {
            throw CommandFailure.data("\(path) holds no certificate")
        }
        return first
    }

    static func key(_ path: String) throws -> PrivateKey {
        try PrivateKey(pemOrDER: CommandIO.read(path, limit: 1 << 20, what: "key file"))
    }

    static func crls(_ path: String) throws -> [CertificateRevocationList] {
        do {
            return try CertificateRevocationList.readAll(from: CommandIO.read(path, what: "CRL file"))
        } catch let error as X509Error {
            throw CommandFailure.data("\(path): \(error.reason)")
        }
    }

    /// The document of a signature for `validate` and `cms verify`: a file (`-` for standard input) or, when the
    /// relying party keeps the document, its digest `ALGORITHM:HEX` — not both.
    static func signedContent(file: String?, digest: String?) throws -> SignedContent? {
        if file != nil, digest != nil {
            throw CommandFailure(
                message: "give the document (--content) or its digest (--content-digest), not both",
                exitCode: ExitCodes.usage
            )
        }
        if let digest { return try SignedContent.digest(text: digest) }
        return try file.map {
            $0 == "-"
                ? .bytes(try CommandIO.read($0, what: "content"), name: "(standard input)")
                : .file(URL(fileURLWithPath: $0))
        }
    }

    static func signedData(_ path: String) throws -> CMSSignedData {
        do {
            return try CMSSignedData(berEncoded: CommandIO.read(path, limit: Int(Int32.max), what: "CMS file"))
        } catch let error as CMSError {
            throw CommandFailure.data("\(path): \(error.reason)")
        }
    }

    static func oid(_ text: String, option: String) throws -> ASN1ObjectIdentifier {
        do {
            return try ASN1ObjectIdentifier(dotRepresentation: text)
        } catch {
            throw CommandFailure(message: "\(option) '\(text)' is not a dotted OID", exitCode: ExitCodes.usage)
        }
    }

    static func time(_ text: String?, option: String) throws -> X509Time? {
        guard let text else { return nil }
        guard let time = X509Time(rfc3339: text) else {
            throw CommandFailure(
                message: "\(option) must be RFC 3339, e.g. 2026-01-31T12:00:00Z",
                exitCode: ExitCodes.usage
            )
        }
        return time
    }
}

extension CMSCommand {
    struct Sign: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "sign",
            abstract: "Make a CMS SignedData (CAdES B-B by default; B-T with a time-stamp).",
            discussion: """
                The output is DER. --detached streams the input (constant memory); otherwise the content is \
                carried. --profile gm writes GB/T 35275's OIDs (1.2.156.10197.6.1.4.2.*, SM2 as 1.2.156.10197.1.301.1); \
                --no-attributes signs the content itself (GB/T 35275's other form; no CAdES level).
                """
        )

        @Option(help: "The signer's private key (PKCS #8 or SEC 1, PEM or DER).")
        var key: String
        @Option(help: "The signer's certificate.")
        var cert: String
        @Option(help: "Further certificates to carry (PEM bundle or DER); repeatable.")
        var chain: [String] = []
        @Flag(help: "Leave the content out (detached signature).")
        var detached = false
        @Option(help: "CAdES level: b-b, or b-t (adds a signature time-stamp).")
        var level: BaselineLevelArgument = .bb
        @OptionGroup var timeStamp: TimeStampOptions
        @Option(help: "OIDs: rfc5652, or gm (GB/T 35275).")
        var profile: CMSSignedData.Profile = .rfc5652
        @Flag(name: .customLong("no-attributes"), help: "Sign the content itself, without signed attributes.")
        var noAttributes = false
        @Option(name: .customLong("rsa-padding"), help: "RSA padding.")
        var rsaPadding: RSAPaddingArgument = .pkcs1
        @Option(help: "Commitment type OID (e.g. 1.2.840.113549.1.9.16.6.1, proof of origin).")
        var commitment: String?
        @Option(name: .customLong("signer-country"), help: "Signer location: country.")
        var signerCountry: String?
        @Option(name: .customLong("signer-locality"), help: "Signer location: locality.")
        var signerLocality: String?
        @Option(help: "The document to sign.")
        var `in`: String
        @Option(help: "Where to write the signature (DER).")
        var out: String

        func validate() throws {
            if noAttributes, level == .bt {
                throw ValidationError("b-t needs signed attributes; drop --no-attributes")
            }
            if level == .bt, !timeStamp.isGiven {
                throw ValidationError("b-t needs a TSA: --tsa URL, or --tsa-key and --tsa-cert")
            }
        }

        mutating func run() async throws {
            try await runReportingErrorsAsync {
                let privateKey = try CMSFiles.key(key)
                var algorithm: SignatureAlgorithm?
                if rsaPadding == .pss, privateKey.algorithm == .rsa {
                    algorithm = .rsaPSS(hash: .sha256, saltLength: 32)
                }
                let signer = try CMSSigner(
                    key: privateKey,
                    certificate: try CMSFiles.certificate(cert),
                    chain: try chain.flatMap(CMSFiles.certificates),
                    signatureAlgorithm: algorithm
                )
                var options = CMSSignOptions()
                options.detached = detached
                options.profile = profile
                options.usesSignedAttributes = !noAttributes
                options.commitmentType = try commitment.map { try CMSFiles.oid($0, option: "--commitment") }
                if signerCountry != nil || signerLocality != nil {
                    options.signerLocation = SignerLocation(countryName: signerCountry, localityName: signerLocality)
                }
                let input = self.in
                var signed: CMSSignedData
                if detached {
                    signed = try CMSSignedDataBuilder.sign(
                        .stream { consume in try CommandIO.stream(input, what: "input") { consume($0) } },
                        signers: [signer],
                        options: options
                    )
                } else {
                    signed = try CMSSignedDataBuilder.sign(
                        .bytes(CommandIO.read(input, what: "input")),
                        signers: [signer],
                        options: options
                    )
                }
                if level == .bt {
                    signed = try await CAdES.addingSignatureTimeStamps(to: signed, from: try timeStamp.requiredSource())
                }
                try CommandIO.write(signed.derRepresentation, to: out)
            }
        }
    }
}

extension CMSCommand {
    struct Verify: ParsableCommand {
        static let configuration = CommandConfiguration.leaf(
            commandName: "verify",
            parent: "sealbridge cms",
            abstract: "Verify a CMS / CAdES signature: structure, digests, signature values, time-stamps, chain.",
            discussion: """
                The same EN 319 102-1 validation as `sealbridge validate`, against the anchors given with \
                --trust instead of trust frameworks, with revocation checked where CRLs are carried or given \
                (no recognition verdict, and no signing-certificate attribute required, as `openssl cms -verify` \
                does). Exit 0 when every signature is TOTAL_PASSED; 1 when one is TOTAL_FAILED; 2 when one is \
                INDETERMINATE (no content for a detached signature, no --trust, no path to an anchor); 65 when \
                the file is not a CMS signature. SM2 signatures use the ID 1234567812345678; signatures made \
                without Z or with an empty ID are reported, and accepted only with --sm2-without-z / \
                --sm2-empty-id.
                """
        )

        @Option(help: "The signed content, for a detached signature (streamed); '-' for standard input.")
        var content: String?
        @Option(
            name: .customLong("content-digest"),
            help: "The content given only by its digest, ALGORITHM:HEX (sha256, sha384, sha512, sha3-256, sm3, …)."
        )
        var contentDigest: String?
        @Option(help: "Trust anchors for the signer's path (PEM bundle, DER or base64); repeatable.")
        var trust: [String] = []
        @Option(
            name: .customLong("signer-cert"),
            help: "The signer's certificate, when the signature does not carry it; repeatable."
        )
        var signerCert: [String] = []
        @Option(help: "Extra untrusted certificates (PEM bundle, DER or base64); repeatable.")
        var untrusted: [String] = []
        @Option(
            name: .customLong("recipient-key"),
            help: "Your private key, to open a SignedAndEnvelopedData sent to you; repeatable."
        )
        var recipientKey: [String] = []
        @Option(help: "CRLs; repeatable.")
        var crl: [String] = []
        @Option(help: "Validation time, RFC 3339 (default: now).")
        var at: String?
        @Option(help: "Require a CAdES baseline level.")
        var level: BaselineLevelArgument?
        @OptionGroup var sm2: SM2CompatibilityFlags
        @Argument(help: "The CMS file (DER, BER, PEM or base64).")
        var file: String

        mutating func run() throws {
            try Job(
                content: content,
                contentDigest: contentDigest,
                trust: trust,
                signerCert: signerCert,
                untrusted: untrusted,
                recipientKey: recipientKey,
                crl: crl,
                at: at,
                level: level,
                sm2Compatibility: sm2.compatibility,
                file: file
            ).run()
        }

        /// What `cms verify` does with its options; ``quickParse(_:)`` or ArgumentParser fills them.
        struct Job {
            var content: String?
            var contentDigest: String?
            var trust: [String] = []
            var signerCert: [String] = []
            var untrusted: [String] = []
            var recipientKey: [String] = []
            var crl: [String] = []
            var at: String?
            var level: BaselineLevelArgument?
            var sm2Compatibility: SM2Compatibility = .strict
            var file: String

            /// The context of a plain verification: the given anchors (no framework, so no recognition), the
            /// CRLs where available, no signing-certificate attribute required unless a level is.
            func context() throws -> ValidationContext {
                var context = ValidationContext()
                context.time = try CMSFiles.time(at, option: "--at") ?? .now
                context.anchors = try trust.flatMap(CMSFiles.certificates)
                context.untrustedCertificates = try (signerCert + untrusted).flatMap(CMSFiles.certificates)
                context.insecureRecipientPrivateKeys = try recipientKey.map(CMSFiles.key)
                context.crls = try crl.flatMap(CMSFiles.crls)
                context.revocationPolicy = .whereAvailable
                context.requiresSigningCertificateReference = level != nil
                context.requiredBaselineLevel = level?.baselineLevel
                context.sm2Compatibility = sm2Compatibility
                return context
            }

            func run() throws {
                try runReportingErrors {
                    let document = try CMSFiles.signedContent(file: content, digest: contentDigest)
                    let bytes = try CommandIO.read(file, limit: Int(Int32.max), what: "CMS file")
                    let report: ValidationReport
                    do {
                        report = try SignatureValidator(context: try context(), precomputesAnchorKeys: false)
                            .validate(bytes, name: file, content: document)
                    } catch let error as NotASignatureError {
                        throw CommandFailure.data(error.description)
                    }
                    if report.document.format == .unsupported {
                        throw CommandFailure.data("\(file): \(report.summary)")
                    }
                    if report.signatures.isEmpty, report.subIndication == .formatFailure {
                        throw CommandFailure.data("\(file): \(report.summary)")
                    }
                    print(report.verificationText(), terminator: "")
                    switch report.indication {
                    case .totalPassed: print("Verification successful")
                    case .totalFailed:
                        throw CommandFailure(
                            message: "verification failed: \(report.summary)",
                            exitCode: ExitCodes.invalid
                        )
                    case .indeterminate:
                        throw CommandFailure(
                            message: "verification indeterminate: \(report.summary)",
                            exitCode: ExitCodes.indeterminate
                        )
                    }
                }
            }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration.leaf(
            commandName: "show",
            parent: "sealbridge cms",
            abstract: "Print a CMS SignedData readably, like `openssl cms -cmsout -print`."
        )

        @Argument(help: "The CMS file (DER, BER or PEM).")
        var file: String

        mutating func run() throws {
            try runReportingErrors {
                print(CMSText.render(try CMSFiles.signedData(file)), terminator: "")
            }
        }
    }
}
