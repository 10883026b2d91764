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
        @Option(help: "CAdES level: b-b (default) or b-t (adds a signature time-stamp).")
        var level: String = "b-b"
        @Option(help: "A TSA URL for b-t (RFC 3161 over HTTP).")
        var tsa: String?
        @Option(name: .customLong("tsa-key"), help: "Issue the b-t time-stamp locally with this TSA key…")
        var tsaKey: String?
        @Option(name: .customLong("tsa-cert"), help: "…and this TSA certificate (critical EKU timeStamping).")
        var tsaCert: String?
        @Option(help: "OIDs: rfc5652 (default) or gm (GB/T 35275).")
        var profile: String = "rfc5652"
        @Flag(name: .customLong("no-attributes"), help: "Sign the content itself, without signed attributes.")
        var noAttributes = false
        @Option(name: .customLong("rsa-padding"), help: "RSA padding: pkcs1 (default) or pss.")
        var rsaPadding: String = "pkcs1"
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

        mutating func run() async throws {
            try await runReportingErrorsAsync {
                guard let chosenProfile = CMSSignedData.Profile(rawValue: profile) else {
                    throw CommandFailure(message: "--profile is rfc5652 or gm", exitCode: ExitCodes.usage)
                }
                guard ["b-b", "b-t"].contains(level) else {
                    throw CommandFailure(message: "--level is b-b or b-t", exitCode: ExitCodes.usage)
                }
                if noAttributes, level == "b-t" {
                    throw CommandFailure(
                        message: "b-t needs signed attributes; drop --no-attributes",
                        exitCode: ExitCodes.usage
                    )
                }
                let privateKey = try CMSFiles.key(key)
                var algorithm: SignatureAlgorithm?
                if rsaPadding == "pss", privateKey.algorithm == .rsa {
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
                options.profile = chosenProfile
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
                if level == "b-t" {
                    signed = try await CAdES.addingSignatureTimeStamps(to: signed, from: try timeStampSource())
                }
                try CommandIO.write(signed.derRepresentation, to: out)
            }
        }

        func timeStampSource() throws -> any TimeStampSource {
            if let tsa {
                return HTTPTimeStampClient(url: tsa)
            }
            guard let tsaKey, let tsaCert else {
                throw CommandFailure(
                    message: "b-t needs a TSA: --tsa URL, or --tsa-key and --tsa-cert",
                    exitCode: ExitCodes.usage
                )
            }
            return try TimeStampAuthority(
                key: try CMSFiles.key(tsaKey),
                certificate: try CMSFiles.certificate(tsaCert),
                policy: TSCommand.defaultPolicy,
                serialStore: InMemorySerialNumberStore(startingAfter: UInt64(Date().timeIntervalSince1970 * 1_000))
            )
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
                Exit 0 when every signer is valid and (with --trust) its certificate path validates; 1 when a \
                signer is invalid; 2 when it is indeterminate (no content for a detached signature, no signer \
                certificate, no trust anchors given, or no valid path). SM2 signatures use the ID \
                1234567812345678; signatures made without Z or with an empty ID are reported, and accepted only \
                with --sm2-without-z / --sm2-empty-id.
                """
        )

        @Option(help: "The signed content, for a detached signature (streamed).")
        var content: String?
        @Option(help: "Trust anchors for the signer's path (PEM bundle or DER); repeatable.")
        var trust: [String] = []
        @Option(help: "Extra untrusted certificates (PEM bundle or DER); repeatable.")
        var untrusted: [String] = []
        @Option(help: "CRLs; repeatable.")
        var crl: [String] = []
        @Option(help: "Validation time for the path, RFC 3339 (default: now).")
        var at: String?
        @Option(help: "Require a CAdES level: b-b or b-t.")
        var level: String?
        @Flag(name: .customLong("sm2-without-z"), help: "Accept SM2 signatures made over SM3(M) without Z.")
        var sm2WithoutZ = false
        @Flag(name: .customLong("sm2-empty-id"), help: "Accept SM2 signatures made with an empty user ID.")
        var sm2EmptyId = false
        @Argument(help: "The CMS file (DER, BER or PEM).")
        var file: String

        mutating func run() throws {
            try Job(
                content: content,
                trust: trust,
                untrusted: untrusted,
                crl: crl,
                at: at,
                level: level,
                sm2WithoutZ: sm2WithoutZ,
                sm2EmptyId: sm2EmptyId,
                file: file
            ).run()
        }

        /// What `cms verify` does with its options; ``quickParse(_:)`` or ArgumentParser fills them.
        struct Job {
            var content: String?
            var trust: [String] = []
            var untrusted: [String] = []
            var crl: [String] = []
            var at: String?
            var level: String?
            var sm2WithoutZ = false
            var sm2EmptyId = false
            var file: String

            func run() throws {
                try runReportingErrors {
                    let signed = try CMSFiles.signedData(file)
                    let extra = try untrusted.flatMap(CMSFiles.certificates)
                    var options = CMSVerificationOptions()
                    options.acceptsSM2SignatureWithoutZ = sm2WithoutZ
                    options.acceptsSM2EmptyUserID = sm2EmptyId
                    if let level {
                        switch level {
                        case "b-b": options.requiredBaselineLevel = .bb
                        case "b-t": options.requiredBaselineLevel = .bt
                        default: throw CommandFailure(message: "--level is b-b or b-t", exitCode: ExitCodes.usage)
                        }
                    }
                    let anchors = try trust.flatMap(CMSFiles.certificates)
                    let store = anchors.isEmpty ? nil : TrustStore(anchors, precomputesKeys: false)
                    options.timeStampOptions.trustStore = store
                    options.timeStampOptions.intermediates = signed.certificates + extra
                    let verifier = CMSVerifier(options: options)
                    let result: CMSVerificationResult
                    if signed.isDetached, let content {
                        var digester = CMSContentDigester(for: signed, extraCertificates: extra, options: options)
                        try CommandIO.stream(content, what: "content") { digester.update($0) }
                        result = verifier.verify(signed, contentDigests: digester.finalize(), extraCertificates: extra)
                    } else {
                        result = verifier.verify(signed, extraCertificates: extra)
                    }
                    // An attached signature and a document: the document must be the one that was signed, or
                    // nothing about it has been checked.
                    var substituted = false
                    if let attached = signed.encapsulatedContent, let content {
                        let document: SignedContent =
                            content == "-"
                            ? .bytes(try CommandIO.read(content, what: "content"), name: "(standard input)")
                            : .file(URL(fileURLWithPath: content))
                        if let why = try document.compare(withAttached: attached).substitution {
                            print("\(why): HASH_FAILURE")
                            substituted = true
                        }
                    }
                    var worst = 0  // 0 valid, 1 invalid, 2 indeterminate (invalid outranks indeterminate)
                    func record(_ outcome: Int) {
                        if outcome == 1 || (outcome == 2 && worst == 0) { worst = outcome }
                    }
                    if result.signers.isEmpty {
                        print("no signers")
                        record(1)
                    }
                    if substituted { record(1) }
                    let time = try CMSFiles.time(at, option: "--at") ?? X509Time.now
                    let crls = try crl.flatMap(CMSFiles.crls) + signed.crls
                    for signer in result.signers {
                        print(CMSText.signerLine(signer))
                        for line in CMSText.details(signer) { print("  " + line) }
                        switch signer.status {
                        case .valid:
                            guard let certificate = signer.certificate else { break }
                            guard let store else {
                                print("  path: not checked (no --trust): INDETERMINATE")
                                record(2)
                                continue
                            }
                            var pathOptions = ValidationOptions(time: time)
                            pathOptions.revocation = crls.isEmpty ? .none : .whereAvailable
                            pathOptions.acceptsSM2EmptyUserID = sm2EmptyId
                            let pathVerifier = CertificateVerifier(
                                trustStore: store,
                                intermediates: signed.certificates + extra,
                                crls: crls,
                                options: pathOptions
                            )
                            switch pathVerifier.verify(certificate) {
                            case .valid(let path):
                                print("  path: valid at \(time) to \(path.trustAnchor.subject)")
                                if crls.isEmpty { print("  revocation: not checked (no CRL given or carried)") }
                            case .invalid(let failure):
                                print("  path: INDETERMINATE: \(failure)")
                                record(2)
                            }
                        case .invalid:
                            record(1)
                        case .indeterminate:
                            record(2)
                        }
                    }
                    switch worst {
                    case 0: print("Verification successful")
                    case 1:
                        throw CommandFailure(
                            message: "verification failed: a signer is invalid",
                            exitCode: ExitCodes.invalid
                        )
                    default:
                        throw CommandFailure(
                            message: "verification indeterminate: see the signer lines above",
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
