import Foundation
import SealbridgeCMS
import SealbridgeCrypto
import SealbridgeTestVectors
import SealbridgeX509
import SwiftASN1
import Testing

/// CMS and RFC 3161 against the `openssl` CLI, both directions; every combination is its own counted case.
@Suite(.enabled(if: TestProcess.openSSLPath != nil, Comment(rawValue: TestProcess.Missing.openSSL)))
struct OpenSSLInteropTests {
    enum SignerKind: String, CaseIterable, Sendable {
        case ecdsa, rsa, rsaPSS

        func identity(_ fixtures: CMSFixtures) -> CMSFixtures.Identity {
            self == .ecdsa ? fixtures.ecdsa : fixtures.rsa
        }

        var algorithm: SignatureAlgorithm? { self == .rsaPSS ? .rsaPSS(hash: .sha256, saltLength: 32) : nil }
        var openSSLKeyOptions: [String] { self == .rsaPSS ? ["-keyopt", "rsa_padding_mode:pss"] : [] }
    }

    struct SignCase: Sendable, CustomStringConvertible {
        let kind: SignerKind
        let detached: Bool
        var description: String { "\(kind.rawValue), \(detached ? "detached" : "attached")" }
    }

    struct OpenSSLSignCase: Sendable, CustomStringConvertible {
        let kind: SignerKind
        let detached: Bool
        let streamed: Bool
        var description: String {
            "\(kind.rawValue), \(detached ? "detached" : "attached")\(streamed ? ", -stream (BER)" : "")"
        }
    }

    static let document = Array("Commercial invoice INV-2026-0042: 1,200 cartons, FOB Shenzhen, USD 48,000\n".utf8)

    static let ourCases = SignerKind.allCases.flatMap { kind in
        [false, true].map { SignCase(kind: kind, detached: $0) }
    }
    /// OpenSSL streams only attached content (`openssl cms` manual: "streaming is supported for -sign if the
    /// content is not detached"), and its RSA-PSS signer cannot stream ("illegal zero content"), so those two
    /// combinations are not cases.
    static let theirCases =
        SignerKind.allCases.flatMap { kind in
            [false, true].map { OpenSSLSignCase(kind: kind, detached: $0, streamed: false) }
        } + [SignerKind.ecdsa, .rsa].map { OpenSSLSignCase(kind: $0, detached: false, streamed: true) }

    @Test("ours → openssl cms -verify", arguments: ourCases)
    func oursVerifiedByOpenSSL(_ testCase: SignCase) throws {
        let fixtures = try CMSFixtures.load()
        let identity = testCase.kind.identity(fixtures)
        var options = CMSSignOptions()
        options.detached = testCase.detached
        let signed = try CMSSignedDataBuilder.sign(
            .bytes(Self.document),
            signers: [identity.signer(testCase.kind.algorithm)],
            options: options
        )
        let name = "ours-\(testCase.kind.rawValue)-\(testCase.detached)"
        try writeFile(fixtures.path(name + ".p7s"), signed.derRepresentation)
        try writeFile(fixtures.path(name + ".txt"), Self.document)
        var arguments = [
            "cms", "-verify", "-inform", "DER", "-in", fixtures.path(name + ".p7s"), "-CAfile", fixtures.caPath,
            "-binary", "-out", fixtures.path(name + ".out"),
        ]
        if testCase.detached { arguments += ["-content", fixtures.path(name + ".txt")] }
        let result = try TestProcess.openSSL(arguments)
        #expect(result.status == 0, "openssl cms -verify: \(result.error)")
        #expect(try readFile(fixtures.path(name + ".out")) == Self.document)
    }

    @Test("openssl cms -sign → ours", arguments: theirCases)
    func openSSLVerifiedByOurs(_ testCase: OpenSSLSignCase) throws {
        let fixtures = try CMSFixtures.load()
        let identity = testCase.kind.identity(fixtures)
        let name = "theirs-\(testCase.kind.rawValue)-\(testCase.detached)-\(testCase.streamed)"
        try writeFile(fixtures.path(name + ".txt"), Self.document)
        var arguments =
            [
                "cms", "-sign", "-signer", identity.certificatePath, "-inkey", identity.keyPath, "-in",
                fixtures.path(name + ".txt"), "-binary", "-outform", "DER", "-out", fixtures.path(name + ".p7s"), "-md",
                "sha256",
            ] + testCase.kind.openSSLKeyOptions
        if !testCase.detached { arguments.append("-nodetach") }
        if testCase.streamed { arguments.append("-stream") }
        let result = try TestProcess.openSSL(arguments)
        try #require(result.status == 0, "openssl cms -sign: \(result.error)")
        let bytes = try readFile(fixtures.path(name + ".p7s"))
        if testCase.streamed {
            #expect(bytes.starts(with: [0x30, 0x80]), "openssl -stream writes indefinite-length BER")
        }
        let signed = try CMSSignedData(berEncoded: bytes)
        #expect(signed.isDetached == testCase.detached)
        let outcome = CMSVerifier().verify(signed, detachedContent: testCase.detached ? Self.document : nil)
        try #require(outcome.signers.count == 1)
        #expect(outcome.signers[0].status == .valid, "\(outcome.signers[0].status)")
        #expect(outcome.signers[0].certificate == identity.certificate)
        if !testCase.detached { #expect(signed.encapsulatedContent.map(Array.init) == Self.document) }
        // Re-encoded as DER, the same signature still verifies and OpenSSL still accepts it.
        let der = try signed.derRepresentation
        #expect(CMSVerifier().verify(try CMSSignedData(berEncoded: der), detachedContent: Self.document).isValid)
        try writeFile(fixtures.path(name + ".der"), der)
        let reverify = try TestProcess.openSSL(
            [
                "cms", "-verify", "-inform", "DER", "-in", fixtures.path(name + ".der"), "-CAfile", fixtures.caPath,
                "-binary", "-out", "/dev/null",
            ] + (testCase.detached ? ["-content", fixtures.path(name + ".txt")] : [])
        )
        #expect(reverify.status == 0, "openssl on our DER re-encoding: \(reverify.error)")
    }

    enum TSAKind: String, CaseIterable, Sendable {
        case ecdsa, rsa
        func identity(_ fixtures: CMSFixtures) -> CMSFixtures.Identity {
            self == .ecdsa ? fixtures.ecdsaTSA : fixtures.rsaTSA
        }
    }

    @Test("ours ts reply → openssl ts -verify", arguments: TSAKind.allCases)
    func ourTokensVerifiedByOpenSSL(_ kind: TSAKind) throws {
        let fixtures = try CMSFixtures.load()
        let identity = kind.identity(fixtures)
        let authority = try TimeStampAuthority(
            key: identity.key,
            certificate: identity.certificate,
            policy: [1, 2, 3, 4, 1],
            accuracy: TimeStampAccuracy(seconds: 1, milliseconds: 500),
            serialStore: InMemorySerialNumberStore(),
            includesTSAName: true
        )
        let name = "ts-ours-\(kind.rawValue)"
        try writeFile(fixtures.path(name + ".txt"), Self.document)
        let query = try TestProcess.openSSL([
            "ts", "-query", "-data", fixtures.path(name + ".txt"), "-sha256", "-cert", "-out",
            fixtures.path(name + ".tsq"),
        ])
        try #require(query.status == 0, "\(query.error)")
        let response = authority.response(to: try readFile(fixtures.path(name + ".tsq")))
        #expect(response.status.status == .granted)
        try writeFile(fixtures.path(name + ".tsr"), response.derRepresentation)
        for check in [["-queryfile", fixtures.path(name + ".tsq")], ["-data", fixtures.path(name + ".txt")]] {
            let verify = try TestProcess.openSSL(
                ["ts", "-verify", "-in", fixtures.path(name + ".tsr"), "-CAfile", fixtures.caPath] + check
            )
            #expect(verify.status == 0, "openssl ts -verify \(check[0]): \(verify.error) \(verify.text)")
        }
    }

    @Test("openssl ts -reply → ours", arguments: TSAKind.allCases)
    func openSSLTokensVerifiedByOurs(_ kind: TSAKind) throws {
        let fixtures = try CMSFixtures.load()
        let identity = kind.identity(fixtures)
        let name = "ts-theirs-\(kind.rawValue)"
        try writeFile(fixtures.path(name + ".serial"), Array("01\n".utf8))
        let config = """
            [ tsa ]
            default_tsa = tsa_config1
            [ tsa_config1 ]
            serial = \(fixtures.path(name + ".serial"))
            crypto_device = builtin
            signer_cert = \(identity.certificatePath)
            signer_key = \(identity.keyPath)
            signer_digest = sha256
            default_policy = 1.2.3.4.1
            digests = sha256, sha384, sha512
            accuracy = secs:1, millisecs:500, microsecs:100
            clock_precision_digits = 3
            ordering = yes
            tsa_name = yes
            ess_cert_id_alg = sha256

            """
        try writeFile(fixtures.path(name + ".cnf"), Array(config.utf8))
        let request = TimeStampRequest(messageImprint: MessageImprint(hashing: Self.document, with: .sha256))
        try writeFile(fixtures.path(name + ".tsq"), request.derRepresentation)
        let reply = try TestProcess.openSSL([
            "ts", "-reply", "-config", fixtures.path(name + ".cnf"), "-queryfile", fixtures.path(name + ".tsq"),
            "-out", fixtures.path(name + ".tsr"),
        ])
        try #require(reply.status == 0, "openssl ts -reply: \(reply.error)")
        let response = try TimeStampResponse(derEncoded: try readFile(fixtures.path(name + ".tsr")))
        #expect(response.status.status == .granted)
        let token = try #require(response.tokenBytes)
        var options = TimeStampVerificationOptions()
        options.trustStore = TrustStore([fixtures.ca])
        let result = TimeStampTokenVerifier(options: options).verify(tokenBytes: token, request: request)
        #expect(result.status == .valid, "\(result.status)")
        #expect(result.path != nil)
        let info = try #require(result.token?.info)
        #expect(info.ordering)
        #expect(info.accuracy == TimeStampAccuracy(seconds: 1, milliseconds: 500, microseconds: 100))
        #expect(info.nonce == request.nonce)
        // The same token over other data does not verify.
        let other = TimeStampTokenVerifier(options: options).verify(tokenBytes: token, timeStampedData: [0x00])
        #expect(!other.status.isValid)
    }
}
