import ArgumentParser
import Foundation
import SealbridgeCMS
import SealbridgeCrypto
import SealbridgeXAdES

struct XAdESCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "xades",
        abstract:
            "Sign XML and other documents with XAdES (ETSI EN 319 132-1), SM2 included; validate them with validate.",
        subcommands: [Sign.self]
    )
}

extension XAdESCommand {
    struct Sign: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "sign",
            abstract: "Make a XAdES baseline signature (B-B by default; B-T with a time-stamp).",
            discussion: """
                enveloped puts the signature inside the XML document (the last child of its root); enveloping puts \
                the document inside the signature (XML as it is, anything else in base64); detached names the \
                document by its file name. SM2 keys sign as China E-Port's customs software expects \
                (http://www.w3.org/2000/09/xmldsig#sm2-sm3, SM3 digests); other keys with the W3C and RFC 9231 URIs.
                """
        )

        @Option(help: "The signer's private key (PKCS #8 or SEC 1, PEM or DER).")
        var key: String
        @Option(help: "The signer's certificate.")
        var cert: String
        @Option(help: "Further certificates for KeyInfo (PEM bundle or DER); repeatable.")
        var chain: [String] = []
        @Option(help: "Where the signature goes.")
        var packaging: XAdESPackagingArgument = .enveloped
        @Option(help: "XAdES level: b-b, or b-t (adds a signature time-stamp).")
        var level: BaselineLevelArgument = .bb
        @OptionGroup var timeStamp: TimeStampOptions
        @Option(name: .customLong("mime-type"), help: "The document's media type (default: by content).")
        var mimeType: String?
        @Option(help: "Commitment type URI (e.g. http://uri.etsi.org/01903/v1.2.2#ProofOfOrigin).")
        var commitment: String?
        @Option(help: "A role the signer claims (e.g. \"customs broker\").")
        var role: String?
        @Option(name: .customLong("rsa-padding"), help: "RSA padding.")
        var rsaPadding: RSAPaddingArgument = .pkcs1
        @Option(help: "The document to sign.")
        var `in`: String
        @Option(help: "Where to write the signed document (enveloped) or the signature.")
        var out: String

        func validate() throws {
            if level == .bt, !timeStamp.isGiven {
                throw ValidationError("b-t needs a TSA: --tsa URL, or --tsa-key and --tsa-cert")
            }
        }

        mutating func run() async throws {
            try await runReportingErrorsAsync {
                let document = try CommandIO.read(self.in, what: "input")
                let isXML =
                    document.drop { $0 == 0xEF || $0 == 0xBB || $0 == 0xBF || $0 <= 0x20 }.first == UInt8(ascii: "<")
                let packaging: XAdESSigner.Packaging
                switch self.packaging {
                case .enveloped:
                    guard isXML else {
                        throw CommandFailure.data(
                            "\(self.in) is not XML, so the signature cannot go inside it: use --packaging enveloping "
                                + "or detached"
                        )
                    }
                    packaging = .enveloped
                case .enveloping: packaging = .enveloping
                case .detached: packaging = .detached(fileName: URL(fileURLWithPath: self.in).lastPathComponent)
                }
                var request = XAdESSigner.Request(
                    document: document,
                    mimeType: mimeType ?? (isXML ? "text/xml" : "application/octet-stream"),
                    packaging: packaging,
                    key: try CMSFiles.key(key),
                    certificate: try CMSFiles.certificate(cert)
                )
                request.chain = try chain.flatMap(CMSFiles.certificates)
                request.rsaPSS = rsaPadding == .pss
                request.commitmentType = commitment
                request.claimedRole = role
                if level == .bt { request.timeStamp = try timeStamp.requiredSource() }
                let signed: [UInt8]
                do {
                    signed = try await XAdESSigner.sign(request)
                } catch let error as XAdESSigningError {
                    throw CommandFailure.data(error.description)
                }
                try CommandIO.write(signed, to: out)
            }
        }
    }
}
