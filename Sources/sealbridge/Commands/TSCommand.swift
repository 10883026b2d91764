import ArgumentParser
import Foundation
import SealbridgeCMS
import SealbridgeCrypto
import SealbridgeX509
import SwiftASN1

/// `sealbridge ts …`, modelled on `openssl ts`.
struct TSCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ts",
        abstract: "RFC 3161 time-stamping: make requests, issue replies, verify tokens (like `openssl ts`).",
        subcommands: [Query.self, Reply.self, Verify.self]
    )

    /// The policy written when none is given: OpenSSL's example `tsa_policy1`. Set your own with --policy.
    static let defaultPolicy: ASN1ObjectIdentifier = [1, 2, 3, 4, 1]

}

extension TSCommand {
    struct Query: ParsableCommand {
        static let configuration = CommandConfiguration.leaf(
            commandName: "query",
            parent: "sealbridge ts",
            abstract: "Make a TimeStampReq for a file (streamed)."
        )

        @Option(help: "The file to time-stamp.")
        var `in`: String
        @Option(help: "The digest of the message imprint.")
        var digest: TimeStampDigestArgument = .sha256
        @Option(help: "Policy OID to ask for.")
        var policy: String?
        @Flag(name: .customLong("no-nonce"), help: "Leave the nonce out.")
        var noNonce = false
        @Flag(help: "Ask the TSA to include its certificate.")
        var cert = false
        @Option(help: "Where to write the request (DER).")
        var out: String

        mutating func run() throws {
            try runReportingErrors {
                let function = digest.hashFunction
                var hasher = StreamingHasher(function)
                try CommandIO.stream(self.in, what: "input") { hasher.update($0) }
                let request = TimeStampRequest(
                    messageImprint: MessageImprint(hash: function, hashedMessage: hasher.finalize()),
                    policy: try policy.map { try CMSFiles.oid($0, option: "--policy") },
                    nonce: noNonce ? nil : TimeStampRequest.randomNonce(),
                    certificateRequested: cert
                )
                try CommandIO.write(try request.derRepresentation, to: out)
            }
        }
    }

    struct Reply: ParsableCommand {
        static let configuration = CommandConfiguration.leaf(
            commandName: "reply",
            parent: "sealbridge ts",
            abstract:
                "Answer a TimeStampReq as a TSA (SM2, ECDSA or RSA key; certificate with critical EKU timeStamping).",
            discussion: "Serial numbers are kept in --serial-file and strictly increase across runs."
        )

        @Option(help: "The TSA's private key.")
        var key: String
        @Option(help: "The TSA's certificate.")
        var cert: String
        @Option(help: "Certificates to include with the TSA's when the request asks for it; repeatable.")
        var chain: [String] = []
        @Option(help: "The request (DER).")
        var `in`: String
        @Option(help: "Where to write the reply (DER TimeStampResp).")
        var out: String
        @Option(help: "The TSA policy OID (default 1.2.3.4.1, OpenSSL's example; set your own).")
        var policy: String?
        @Option(name: .customLong("serial-file"), help: "The serial-number file (created when missing).")
        var serialFile: String = "tsaserial"
        @Option(name: .customLong("accuracy-seconds"), help: "Accuracy to state, in seconds (0 leaves it out).")
        var accuracySeconds: Int = 1
        @Flag(name: .customLong("token-out"), help: "Write the token (ContentInfo) rather than the whole reply.")
        var tokenOut = false

        mutating func run() throws {
            try runReportingErrors {
                let authority = try TimeStampAuthority(
                    key: try CMSFiles.key(key),
                    certificate: try CMSFiles.certificate(cert),
                    chain: try chain.flatMap(CMSFiles.certificates),
                    policy: try policy.map { try CMSFiles.oid($0, option: "--policy") } ?? TSCommand.defaultPolicy,
                    accuracy: accuracySeconds > 0 ? TimeStampAccuracy(seconds: accuracySeconds) : nil,
                    serialStore: try FileSerialNumberStore(url: URL(fileURLWithPath: serialFile), blockSize: 1)
                )
                let response = authority.response(
                    to: try CommandIO.read(self.in, limit: TimeStampRequest.maximumByteCount, what: "request")
                )
                if tokenOut {
                    guard let token = response.tokenBytes else {
                        throw CommandFailure(message: "no token: \(response.status)", exitCode: ExitCodes.dataError)
                    }
                    try CommandIO.write(token, to: out)
                } else {
                    try CommandIO.write(try response.derRepresentation, to: out)
                }
                if response.tokenBytes == nil {
                    CommandIO.printError("sealbridge: the request was rejected: \(response.status)")
                }
            }
        }
    }

    struct Verify: ParsableCommand {
        static let configuration = CommandConfiguration.leaf(
            commandName: "verify",
            parent: "sealbridge ts",
            abstract: "Verify a time-stamp reply or token against data, a request or a digest.",
            discussion: """
                Exit 0 when the token is valid and (with --trust) the TSA's path validates at genTime; 1 when it \
                is invalid (imprint, nonce, signature, ESS binding, EKU, validity); 2 when the path cannot be \
                validated or no --trust was given.
                """
        )

        @Option(help: "The reply (TimeStampResp) or, with --token-in, the token.")
        var `in`: String
        @Flag(name: .customLong("token-in"), help: "The input is a token (ContentInfo), not a reply.")
        var tokenIn = false
        @Option(help: "The time-stamped data.")
        var data: String?
        @Option(help: "The request the reply answers (checks imprint, nonce and policy).")
        var tsq: String?
        @Option(help: "The imprint as hex (with the token's digest algorithm).")
        var digest: String?
        @Option(help: "Trust anchors for the TSA (PEM bundle or DER); repeatable.")
        var trust: [String] = []
        @Option(help: "Untrusted certificates for the TSA path; repeatable.")
        var untrusted: [String] = []

        func validate() throws {
            guard [data != nil, tsq != nil, digest != nil].filter({ $0 }).count == 1 else {
                throw ValidationError("give exactly one of --data, --tsq or --digest")
            }
        }

        mutating func run() throws {
            try runReportingErrors {
                let bytes = try CommandIO.read(self.in, limit: TimeStampResponse.maximumByteCount, what: "reply")
                let tokenBytes: [UInt8]
                if tokenIn {
                    tokenBytes = bytes
                } else {
                    let response = try TimeStampResponse(derEncoded: bytes)
                    guard let token = response.tokenBytes else {
                        throw CommandFailure(
                            message: "the reply holds no token: \(response.status)",
                            exitCode: ExitCodes.invalid
                        )
                    }
                    tokenBytes = token
                }
                var options = TimeStampVerificationOptions()
                let anchors = try trust.flatMap(CMSFiles.certificates)
                if !anchors.isEmpty { options.trustStore = TrustStore(anchors, precomputesKeys: false) }
                options.intermediates = try untrusted.flatMap(CMSFiles.certificates)
                let verifier = TimeStampTokenVerifier(options: options)
                let result: TimeStampVerification
                switch (data, tsq, digest) {
                case (let data?, nil, nil):
                    let token = try TimeStampToken(derEncoded: tokenBytes)
                    guard let function = token.info.messageImprint.hashFunction else {
                        throw CommandFailure(
                            message: "the token's imprint hash is not supported",
                            exitCode: ExitCodes.invalid
                        )
                    }
                    var hasher = StreamingHasher(function)
                    try CommandIO.stream(data, what: "data") { hasher.update($0) }
                    result = verifier.verify(
                        tokenBytes: tokenBytes,
                        expectedImprint: MessageImprint(hash: function, hashedMessage: hasher.finalize())
                    )
                case (nil, let tsq?, nil):
                    let request = try TimeStampRequest(
                        derEncoded: CommandIO.read(tsq, limit: TimeStampRequest.maximumByteCount, what: "request")
                    )
                    result = verifier.verify(tokenBytes: tokenBytes, request: request)
                case (nil, nil, let digest?):
                    let token = try TimeStampToken(derEncoded: tokenBytes)
                    let imprint = MessageImprint(
                        hash: token.info.messageImprint.hashFunction ?? .sha256,
                        hashedMessage: try Hex.decode(digest, what: "--digest")
                    )
                    result = verifier.verify(tokenBytes: tokenBytes, expectedImprint: imprint)
                default:
                    // validate() admits exactly one of the three.
                    throw CommandFailure(
                        message: "give exactly one of --data, --tsq or --digest",
                        exitCode: ExitCodes.usage
                    )
                }
                if let token = result.token {
                    print(CMSText.tstInfoLines(token.info).joined(separator: "\n"))
                }
                switch result.status {
                case .valid where options.trustStore == nil:
                    print("token: valid; TSA path not checked (no --trust): INDETERMINATE")
                    throw CommandFailure(
                        message: "verification indeterminate: give --trust",
                        exitCode: ExitCodes.indeterminate
                    )
                case .valid:
                    print("Verification: OK")
                case .invalid(let reason):
                    throw CommandFailure(message: "Verification: FAILED: \(reason)", exitCode: ExitCodes.invalid)
                case .indeterminate(let reason):
                    throw CommandFailure(
                        message: "Verification: INDETERMINATE: \(reason)",
                        exitCode: ExitCodes.indeterminate
                    )
                }
            }
        }
    }
}
