import Foundation
import SealbridgeCMS
import SealbridgeCrypto
import SealbridgeSM
import SealbridgeTestVectors
import SealbridgeX509
import Testing

/// The BouncyCastle peer (`Tests/Interop/BCCMS.java`, Debian's libbcprov-java/libbcpkix-java): OpenSSL 3.0 cannot
/// make or check SM2 CMS, so SM3withSM2 SignedData is exchanged with BouncyCastle both ways.
enum BouncyCastle {
    static let jars = ["/usr/share/java/bcprov.jar", "/usr/share/java/bcutil.jar", "/usr/share/java/bcpkix.jar"]
    static let classPath = jars.joined(separator: ":")
    static let source = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Interop/BCCMS.java").path

    static func tool(_ name: String) -> String? {
        ["/usr/bin/\(name)", "/usr/local/bin/\(name)"].first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    static var isAvailable: Bool {
        tool("java") != nil && tool("javac") != nil && jars.allSatisfy { FileManager.default.fileExists(atPath: $0) }
    }

    /// The program compiled once per run (a source-file launch costs a second per call).
    static let compiled: Result<String, any Error> = Result {
        let fixtures = try CMSFixtures.load()
        let output = fixtures.path("bc-classes")
        try FileManager.default.createDirectory(atPath: output, withIntermediateDirectories: true)
        guard let javac = tool("javac") else { throw FixtureError("javac is not installed") }
        let result = try TestProcess.run(
            URL(fileURLWithPath: javac),
            ["-nowarn", "-cp", classPath, "-d", output, source]
        )
        guard result.status == 0 else { throw FixtureError("javac BCCMS.java failed: \(result.error)") }
        return output
    }

    static func run(_ arguments: [String]) throws -> TestProcess.Result {
        guard let java = tool("java") else { throw FixtureError("java is not installed") }
        let classes = try compiled.get()
        return try TestProcess.run(
            URL(fileURLWithPath: java),
            ["-XX:TieredStopAtLevel=1", "-cp", classPath + ":" + classes, "BCCMS"] + arguments
        )
    }
}

@Suite(
    .enabled(
        if: BouncyCastle.isAvailable && TestProcess.openSSLPath != nil,
        Comment(rawValue: TestProcess.Missing.bouncyCastle)
    )
)
struct BouncyCastleInteropTests {
    enum Form: String, CaseIterable, Sendable {
        case attached, detached, withoutAttributes
    }

    enum KeyKind: String, CaseIterable, Sendable {
        case sm2, ecdsa
        func identity(_ fixtures: CMSFixtures) -> CMSFixtures.Identity { self == .sm2 ? fixtures.sm2 : fixtures.ecdsa }
    }

    struct Case: Sendable, CustomStringConvertible {
        let key: KeyKind
        let form: Form
        var description: String { "\(key.rawValue), \(form.rawValue)" }
    }

    static let cases = KeyKind.allCases.flatMap { key in Form.allCases.map { Case(key: key, form: $0) } }
    static let document = Array("Certificate of origin CO-2026-118: goods wholly obtained in Guangdong, CN\n".utf8)

    @Test("ours → BouncyCastle verify", arguments: cases)
    func oursVerifiedByBouncyCastle(_ testCase: Case) throws {
        let fixtures = try CMSFixtures.load()
        var options = CMSSignOptions()
        options.detached = testCase.form == .detached
        options.usesSignedAttributes = testCase.form != .withoutAttributes
        let signed = try CMSSignedDataBuilder.sign(
            .bytes(Self.document),
            signers: [testCase.key.identity(fixtures).signer()],
            options: options
        )
        let name = "bc-ours-\(testCase.key.rawValue)-\(testCase.form.rawValue)"
        try writeFile(fixtures.path(name + ".p7s"), signed.derRepresentation)
        try writeFile(fixtures.path(name + ".txt"), Self.document)
        let result = try BouncyCastle.run(
            ["verify", "--in", fixtures.path(name + ".p7s")]
                + (testCase.form == .detached ? ["--content", fixtures.path(name + ".txt")] : [])
        )
        #expect(result.status == 0, "BouncyCastle: \(result.text) \(result.error)")
        #expect(result.text.contains("signer 1: OK"))
    }

    @Test("BouncyCastle sign → ours", arguments: cases)
    func bouncyCastleVerifiedByOurs(_ testCase: Case) throws {
        let fixtures = try CMSFixtures.load()
        let identity = testCase.key.identity(fixtures)
        let name = "bc-theirs-\(testCase.key.rawValue)-\(testCase.form.rawValue)"
        try writeFile(fixtures.path(name + ".txt"), Self.document)
        var arguments = [
            "sign", "--key", identity.keyPath, "--cert", identity.certificatePath, "--in", fixtures.path(name + ".txt"),
            "--out", fixtures.path(name + ".p7s"),
        ]
        if testCase.form == .detached { arguments.append("--detached") }
        if testCase.form == .withoutAttributes { arguments.append("--no-attributes") }
        let made = try BouncyCastle.run(arguments)
        try #require(made.status == 0, "BouncyCastle sign: \(made.error)")
        let signed = try CMSSignedData(berEncoded: try readFile(fixtures.path(name + ".p7s")))
        let result = CMSVerifier().verify(signed, detachedContent: testCase.form == .detached ? Self.document : nil)
        let signer = try #require(result.signers.first)
        #expect(signer.status == .valid, "\(signer.status)")
        #expect(signer.form == (testCase.form == .withoutAttributes ? .content : .signedAttributes))
        if testCase.key == .sm2 {
            #expect(signer.signatureAlgorithm == .sm2WithSM3)
            #expect(signer.notes.isEmpty, "a standard SM2 signature needs no note: \(signer.notes)")
        }
        // The chain to the test CA validates with the X.509 layer.
        let anchor = testCase.key == .sm2 ? fixtures.sm2CA : fixtures.ca
        let verifier = CertificateVerifier(trustAnchors: [anchor], options: ValidationOptions(time: X509Time.now))
        #expect(verifier.verify(try #require(signer.certificate)).isValid)
    }
}

/// Our SM2 CMS pieces checked with OpenSSL's primitives, since `openssl cms` cannot do SM2: the signature over
/// the signed attributes (re-tagged as SET OF) verifies with `openssl dgst -sm3 -verify -sigopt distid:…`.
@Suite(.enabled(if: TestProcess.openSSLPath != nil, Comment(rawValue: TestProcess.Missing.openSSL)))
struct SM2PiecesWithOpenSSLTests {
    @Test(arguments: [CMSSignedData.Profile.rfc5652, .gm])
    func signedAttributesSignatureVerifiesInOpenSSL(_ profile: CMSSignedData.Profile) throws {
        let fixtures = try CMSFixtures.load()
        var options = CMSSignOptions()
        options.profile = profile
        let signed = try CMSSignedDataBuilder.sign(
            .bytes(BouncyCastleInteropTests.document),
            signers: [fixtures.sm2.signer()],
            options: options
        )
        let signer = try #require(signed.signerInfos.first)
        let attributes = try #require(signer.signedAttributes)
        var message = Array(attributes.receivedBytes)
        message[0] = 0x31
        let name = "sm2-pieces-\(profile.rawValue)"
        try writeFile(fixtures.path(name + ".attrs"), message)
        try writeFile(fixtures.path(name + ".sig"), signer.signature)
        let publicKey = try TestProcess.openSSL(["x509", "-in", fixtures.sm2.certificatePath, "-pubkey", "-noout"])
        try writeFile(fixtures.path(name + ".pub"), publicKey.output)
        let result = try TestProcess.openSSL([
            "dgst", "-sm3", "-verify", fixtures.path(name + ".pub"), "-sigopt", "distid:1234567812345678",
            "-signature", fixtures.path(name + ".sig"), fixtures.path(name + ".attrs"),
        ])
        #expect(result.status == 0 && result.text.contains("Verified OK"), "\(result.text) \(result.error)")
        // The structure parses in OpenSSL, with the profile's OIDs.
        try writeFile(fixtures.path(name + ".p7s"), signed.derRepresentation)
        let parsed = try TestProcess.openSSL(["asn1parse", "-inform", "DER", "-in", fixtures.path(name + ".p7s")])
        #expect(parsed.status == 0)
        #expect(parsed.text.contains(profile == .gm ? "1.2.156.10197.6.1.4.2.2" : "pkcs7-signedData"))
        #expect(parsed.text.contains(profile == .gm ? "1.2.156.10197.1.301.1" : "SM2-with-SM3"))
    }
}
