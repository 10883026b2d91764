import Foundation
import SealbridgeCMS
import SealbridgeCrypto
import SealbridgeJAdES
import SealbridgeTestVectors
import SealbridgeX509
import Testing

@testable import SealbridgeValidation

/// JAdES through the one process: what Sealbridge signs validates at the level it claims; a changed payload, a
/// detached payload not given, a critical header Sealbridge does not know, a duplicated header, mixed etsiU forms
/// fail as they must; jwcrypto (Python JOSE, Debian's python3-jwcrypto) verifies what Sealbridge signs and
/// Sealbridge validates what it signs.
@Suite struct JAdESTests {
    static let billOfLading = Array(#"{"documentKind":"bill-of-lading","number":"SZHH-2026-1188"}"#.utf8)

    func sign(
        _ fixtures: ValidationFixtures,
        _ serialization: JAdESSigner.Serialization,
        detached: Bool = false,
        timeStamp: Bool = false
    ) async throws -> [UInt8] {
        var request = JAdESSigner.Request(
            payload: Self.billOfLading,
            key: fixtures.signer.key,
            certificate: fixtures.signer.certificate
        )
        request.chain = [fixtures.ca.certificate]
        request.serialization = serialization
        request.detached = detached
        request.contentType = "json"
        if timeStamp { request.timeStamp = try fixtures.timeStampAuthority() }
        return try await JAdESSigner.sign(request)
    }

    @Test(arguments: [(JAdESSigner.Serialization.compact, false), (.json, false), (.json, true)])
    func whatWeSignValidatesAtTheLevelItClaims(serialization: JAdESSigner.Serialization, timeStamp: Bool) async throws {
        let fixtures = try ValidationFixtures()
        let jws = try await sign(fixtures, serialization, timeStamp: timeStamp)
        let report = try fixtures.validate(jws)
        #expect(report.document.format == .jws)
        #expect(report.outcome == "TOTAL_PASSED", "\(report.signatures.first?.reason ?? report.summary)")
        #expect(report.signatures.first?.format == (timeStamp ? .jadesBaselineT : .jadesBaselineB))
        // A changed payload: the signature over it no longer verifies.
        var text = String(decoding: jws, as: UTF8.self)
        let encoded = encodeBase64URL(Self.billOfLading)
        let changed = encodeBase64URL(
            Array(
                String(decoding: Self.billOfLading, as: UTF8.self)
                    .replacingOccurrences(of: "1188", with: "1189").utf8
            )
        )
        text = text.replacingOccurrences(of: encoded, with: changed)
        #expect(try fixtures.validate(Array(text.utf8)).outcome == "TOTAL_FAILED/SIG_CRYPTO_FAILURE")
    }

    @Test func aDetachedPayloadMustBeGivenAndBeTheSignedOne() async throws {
        let fixtures = try ValidationFixtures()
        let jws = try await sign(fixtures, .compact, detached: true)
        #expect(try fixtures.validate(jws).outcome == "INDETERMINATE/SIGNED_DATA_NOT_FOUND")
        let given = try fixtures.validate(jws, content: .bytes(Self.billOfLading, name: "bl.json"))
        #expect(given.outcome == "TOTAL_PASSED")
        #expect(given.documents.contains { $0.role == .detachedContent && $0.name == "bl.json" })
        let other = try fixtures.validate(jws, content: .bytes(Self.billOfLading + [0x20], name: "bl.json"))
        #expect(other.outcome == "TOTAL_FAILED/SIG_CRYPTO_FAILURE")
        let attached = try await sign(fixtures, .compact)
        #expect(
            try fixtures.validate(attached, content: .bytes(Self.billOfLading, name: "bl.json")).outcome
                == "TOTAL_FAILED/HASH_FAILURE"
        )
    }

    /// A hand-made compact JWS with `extra` merged into its protected header.
    static func compact(_ fixtures: ValidationFixtures, extra: String) throws -> [UInt8] {
        let certificate = fixtures.signer.certificate
        let header =
            #"{"alg":"ES256","x5t#S256":"\#(encodeBase64URL(HashFunction.sha256.digest(certificate.derBytes)))","x5c":["\#(Data(certificate.derBytes).base64EncodedString())"],"iat":\#(fixtures.now.secondsSinceEpoch)\#(extra)}"#
        let input = encodeBase64URL(Array(header.utf8)) + "." + encodeBase64URL(billOfLading)
        let der = try fixtures.signer.key.signature(for: Array(input.utf8), algorithm: .ecdsaWithSHA256)
        let raw = try SignatureEncoding.raw(fromDER: der, componentByteCount: 32)
        return Array((input + "." + encodeBase64URL(raw)).utf8)
    }

    @Test func criticalHeadersAreHeldToRFC7515() throws {
        let fixtures = try ValidationFixtures()
        func outcome(_ extra: String) throws -> (String, SignatureFormatName?) {
            let report = try fixtures.validate(try Self.compact(fixtures, extra: extra)) {
                $0.untrustedCertificates = [fixtures.ca.certificate]
            }
            return (report.outcome, report.signatures.first?.format)
        }
        #expect(try outcome("") == ("TOTAL_PASSED", .jadesBaselineB))
        // Not understood: invalid (RFC 7515 §4.1.11 MUST).
        #expect(try outcome(#","crit":["nbf"],"nbf":1"#).0 == "TOTAL_FAILED/FORMAT_FAILURE")
        // Understood but listed wrongly: a valid JWS, not a JAdES baseline signature.
        #expect(try outcome(#","crit":["alg"]"#) == ("TOTAL_PASSED", .jws))
        #expect(try outcome(#","crit":["sigPl"]"#) == ("TOTAL_PASSED", .jws))
        // A header name twice: not a JWS at all (RFC 7515 §5.2).
        #expect(try outcome(#","iat":1"#).0 == "TOTAL_FAILED/FORMAT_FAILURE")
    }

    // MARK: jwcrypto

    static let python = URL(fileURLWithPath: "/usr/bin/python3")
    static let jwcrypto: Bool = {
        guard let result = try? TestProcess.run(python, ["-c", "import jwcrypto.jws"]) else { return false }
        return result.status == 0
    }()

    /// jwcrypto verifies the JWS Sealbridge signs (the public key given apart), for each JOSE algorithm, compact and
    /// JSON.
    @Test(
        .enabled(if: jwcrypto, "needs Python's jwcrypto (Debian python3-jwcrypto)"),
        arguments: [KeyAlgorithm.p256, .rsa, .ed25519],
        [false, true]
    )
    func jwcryptoVerifiesWhatWeSign(algorithm: KeyAlgorithm, pss: Bool) async throws {
        if pss, algorithm != .rsa { return }
        let identity = try Self.selfSigned(algorithm)
        let key = identity.key
        let folder = try TemporaryFolder()
        var request = JAdESSigner.Request(payload: Self.billOfLading, key: key, certificate: identity.certificate)
        request.rsaPSS = pss
        for serialization in JAdESSigner.Serialization.allCases {
            request.serialization = serialization
            let jws = try await JAdESSigner.sign(request)
            let path = try folder.write("jws-\(serialization.rawValue)", jws)
            let keyPath = try folder.write("key.pem", key.publicKey.pemRepresentation)
            let script = """
                import sys
                from jwcrypto import jwk, jws
                key = jwk.JWK.from_pem(open(sys.argv[2], "rb").read())
                token = jws.JWS()
                token.allowed_algs = ["ES256", "RS256", "PS256", "EdDSA"]
                token.deserialize(open(sys.argv[1]).read(), key)
                print(token.payload.decode())
                """
            let result = try TestProcess.run(Self.python, ["-c", script, path, keyPath])
            #expect(result.status == 0, "\(algorithm) \(serialization): \(result.error)")
            #expect(result.text.contains("SZHH-2026-1188"))
        }
    }

    /// Sealbridge validates a JWS jwcrypto signs (ES256, with the certificate's x5c and x5t#S256 in the header).
    @Test(.enabled(if: jwcrypto, "needs Python's jwcrypto (Debian python3-jwcrypto)"))
    func weValidateWhatJwcryptoSigns() throws {
        let identity = try Self.selfSigned(.p256)
        let key = identity.key
        let certificate = identity.certificate
        let folder = try TemporaryFolder()
        let keyPath = try folder.write("key.pem", key.pemRepresentation)
        let script = """
            import json, sys, time
            from jwcrypto import jwk, jws
            key = jwk.JWK.from_pem(open(sys.argv[1], "rb").read())
            header = {"alg": "ES256", "x5c": [sys.argv[2]], "x5t#S256": sys.argv[3], "iat": int(time.time())}
            token = jws.JWS(b'{"documentKind":"bill-of-lading"}')
            token.add_signature(key, None, json.dumps(header))
            print(token.serialize(compact=True))
            """
        let result = try TestProcess.run(
            Self.python,
            [
                "-c", script, keyPath, Data(certificate.derBytes).base64EncodedString(),
                encodeBase64URL(HashFunction.sha256.digest(certificate.derBytes)),
            ]
        )
        try #require(result.status == 0, "\(result.error)")
        var context = ValidationContext()
        context.anchors = [certificate]
        context.revocationPolicy = .none
        let report = try SignatureValidator(context: context).validate(Array(result.text.utf8), name: "bl.jws")
        #expect(report.outcome == "TOTAL_PASSED", "\(report.signatures.first?.reason ?? report.summary)")
        #expect(report.signatures.first?.format == .jadesBaselineB)
    }

    /// A self-signed signer of `algorithm`, valid from yesterday for 30 days.
    static func selfSigned(_ algorithm: KeyAlgorithm) throws -> ValidationFixtures.Identity {
        try ValidationFixtures.make(
            "JOSE interop signer",
            by: nil,
            from: -1,
            until: 30,
            serial: ValidationFixtures.SerialCounter(),
            now: .now,
            algorithm: algorithm
        )
    }
}
