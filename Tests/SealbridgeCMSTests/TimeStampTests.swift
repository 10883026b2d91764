import Foundation
import SealbridgeCMS
import SealbridgeCrypto
import SealbridgeTestVectors
import SealbridgeTimeStampClient
import SealbridgeX509
import SwiftASN1
import Testing

/// The time-stamp authority, its serial store, token verification failures and the HTTP client. The keys and
/// certificates come from the `openssl` CLI (`CMSFixtures`).
@Suite(.enabled(if: TestProcess.openSSLPath != nil, Comment(rawValue: TestProcess.Missing.openSSL)))
struct TimeStampTests {
    static let data = Array("Customs declaration 5310-2026-000123\n".utf8)

    func authority(
        _ fixtures: CMSFixtures,
        store: any TimeStampSerialStore = InMemorySerialNumberStore(),
        clock: @escaping @Sendable () -> PreciseTime = PreciseTime.now
    ) throws -> TimeStampAuthority {
        try TimeStampAuthority(
            key: fixtures.ecdsaTSA.key,
            certificate: fixtures.ecdsaTSA.certificate,
            policy: [1, 2, 3, 4, 1],
            serialStore: store,
            clock: clock
        )
    }

    @Test func serialsAreUniqueAndIncreasingAcrossTasksAndRestarts() async throws {
        let fixtures = try CMSFixtures.load()
        let folder = try TemporaryFolder()
        let url = folder.url.appendingPathComponent("serial")
        let tsa = try authority(fixtures, store: try FileSerialNumberStore(url: url, blockSize: 16))
        let serials = try await withThrowingTaskGroup(of: [UInt64].self) { group in
            for _ in 0..<4 {
                group.addTask {
                    var mine: [UInt64] = []
                    for _ in 0..<50 {
                        let request = TimeStampRequest(
                            messageImprint: MessageImprint(hashing: Self.data, with: .sha256)
                        )
                        let token = try TimeStampToken(derEncoded: try await tsa.timeStampToken(for: request))
                        mine.append(token.info.serialNumber.reduce(UInt64(0)) { $0 << 8 | UInt64($1) })
                    }
                    #expect(mine == mine.sorted(), "one task's serials increase")
                    return mine
                }
            }
            return try await group.reduce(into: []) { $0 += $1 }
        }
        #expect(serials.count == 200)
        #expect(Set(serials).count == 200, "every serial is unique")
        // A restart resumes above everything handed out, even with part of a block unused.
        let reopened = try FileSerialNumberStore(url: url, blockSize: 16)
        let next = try reopened.nextSerialNumber()
        #expect(next > serials.max() ?? 0)
        // A corrupted file is refused, not reset.
        try Data("not a number".utf8).write(to: url)
        #expect(throws: CMSError.self) { try FileSerialNumberStore(url: url) }
    }

    /// A TSTInfo read from another TSA, with its `tsa` name in any GeneralName form, writes back to what reads the
    /// same (the writer once kept only a directoryName and dropped the rest).
    @Test(arguments: [
        GeneralName.dnsName("tsa.example"), .uniformResourceIdentifier("https://tsa.example/"),
        .rfc822Name("tsa@example.org"), .registeredID([1, 2, 3, 4]), .ipAddress([192, 0, 2, 1]),
    ])
    func aTSTInfoKeepsItsTSANameInEveryForm(_ name: GeneralName) throws {
        let info = TSTInfo(
            policy: [1, 2, 3],
            messageImprint: MessageImprint(hashing: Self.data, with: .sha256),
            serialNumber: [0x01],
            genTime: PreciseTime(secondsSinceEpoch: 1_767_323_045),
            tsaName: name
        )
        let again = try TSTInfo(derEncoded: try info.derRepresentation())
        #expect(again == info)
        #expect(again.tsaName == name)
    }

    @Test func rejectionsCarryTheirFailureInfo() throws {
        let fixtures = try CMSFixtures.load()
        let tsa = try authority(fixtures)
        func status(_ request: [UInt8]) -> TimeStampStatus { tsa.response(to: request).status }
        let sha1 = TimeStampRequest(messageImprint: MessageImprint(hashing: Self.data, with: .insecureSHA1))
        #expect(try status(sha1.derRepresentation).failureInfo == [.badAlgorithm])
        let policy = TimeStampRequest(
            messageImprint: MessageImprint(hashing: Self.data, with: .sha256),
            policy: [1, 2, 3, 4, 99]
        )
        #expect(try status(policy.derRepresentation).failureInfo == [.unacceptedPolicy])
        let short = TimeStampRequest(messageImprint: MessageImprint(hash: .sha256, hashedMessage: [1, 2, 3]))
        #expect(try status(short.derRepresentation).failureInfo == [.badDataFormat])
        #expect(status([0x30, 0x03, 0x02, 0x01]).failureInfo == [.badDataFormat])
        for rejected in [sha1, policy, short] {
            let response = tsa.response(to: rejected)
            #expect(response.status.status == .rejection)
            #expect(response.tokenBytes == nil)
            // The rejection round-trips through DER.
            #expect(try TimeStampResponse(derEncoded: response.derRepresentation) == response)
        }
    }

    @Test func aCertificateWithoutCriticalTimeStampingIsRefused() throws {
        let fixtures = try CMSFixtures.load()
        #expect(throws: CMSError.self) {
            try TimeStampAuthority(
                key: fixtures.ecdsa.key,
                certificate: fixtures.ecdsa.certificate,
                policy: [1, 2, 3],
                serialStore: InMemorySerialNumberStore()
            )
        }
        // A key that does not match the certificate is refused too.
        #expect(throws: CMSError.self) {
            try TimeStampAuthority(
                key: fixtures.ecdsa.key,
                certificate: fixtures.ecdsaTSA.certificate,
                policy: [1, 2, 3],
                serialStore: InMemorySerialNumberStore()
            )
        }
    }

    @Test func tokenFailuresAreNamed() throws {
        let fixtures = try CMSFixtures.load()
        let request = TimeStampRequest(messageImprint: MessageImprint(hashing: Self.data, with: .sha256))
        let token = try #require(try authority(fixtures).response(to: request).tokenBytes)
        let verifier = TimeStampTokenVerifier()
        #expect(verifier.verify(tokenBytes: token, request: request).status == .valid)
        #expect(verifier.verify(tokenBytes: token, timeStampedData: Self.data).status == .valid)
        func reason(_ result: TimeStampVerification) -> String {
            if case .invalid(let text) = result.status { return text }
            return "not invalid: \(result.status)"
        }
        #expect(reason(verifier.verify(tokenBytes: token, timeStampedData: [1])).contains("imprint"))
        #expect(reason(verifier.verify(tokenBytes: token, timeStampedData: Self.data, nonce: [0x01])).contains("nonce"))
        var policyOptions = TimeStampVerificationOptions()
        policyOptions.requiredPolicy = [1, 2, 3, 4, 2]
        #expect(
            reason(TimeStampTokenVerifier(options: policyOptions).verify(tokenBytes: token, request: request)).contains(
                "policy"
            )
        )
        // genTime after the TSA certificate expired.
        let late = try authority(fixtures) {
            PreciseTime(secondsSinceEpoch: fixtures.ecdsaTSA.certificate.notAfter.secondsSinceEpoch + 86_400)
        }
        let lateToken = try #require(late.response(to: request).tokenBytes)
        #expect(reason(verifier.verify(tokenBytes: lateToken, request: request)).contains("validity"))
        // A flipped bit in the signature.
        var broken = token
        let signed = try CMSSignedData(berEncoded: token)
        let signature = signed.signerInfos[0].signature
        let offset = try #require(broken.indexOfSubsequence(signature))
        broken[offset + 10] ^= 0x40
        #expect(reason(verifier.verify(tokenBytes: broken, request: request)).contains("signature"))
        // Not a token at all.
        #expect(reason(verifier.verify(tokenBytes: Array(token.prefix(40)), request: request)).contains("malformed"))
    }

    @Test func genTimeKeepsItsFraction() throws {
        let fixtures = try CMSFixtures.load()
        let tsa = try authority(fixtures) { PreciseTime(secondsSinceEpoch: 1_800_000_000, nanoseconds: 120_000_000) }
        let token = try TimeStampToken(
            derEncoded: try #require(
                tsa.response(to: TimeStampRequest(messageImprint: MessageImprint(hashing: Self.data, with: .sm3)))
                    .tokenBytes
            )
        )
        #expect(token.info.genTime == PreciseTime(secondsSinceEpoch: 1_800_000_000, nanoseconds: 120_000_000))
        #expect(token.info.genTime.description == "2027-01-15T08:00:00.12Z")
        #expect(token.info.messageImprint.hashFunction == .sm3)
    }
}

extension Array where Element == UInt8 {
    func indexOfSubsequence(_ needle: [UInt8]) -> Int? {
        guard needle.count <= count else { return nil }
        return (0...(count - needle.count)).first { self[$0..<($0 + needle.count)].elementsEqual(needle) }
    }
}

/// The RFC 3161 HTTP client against `openssl ts -reply` behind a loopback HTTP server (Tests/Interop).
@Suite(
    .enabled(
        if: TestProcess.openSSLPath != nil && TestProcess.python3Path != nil,
        Comment(rawValue: TestProcess.Missing.python3OrOpenSSL)
    )
)
struct HTTPTimeStampClientTests {
    @Test func clientGetsAndChecksTokensOverHTTP() async throws {
        let fixtures = try CMSFixtures.load()
        try writeFile(fixtures.path("http.serial"), Array("01\n".utf8))
        let config = """
            [ tsa ]
            default_tsa = tsa_config1
            [ tsa_config1 ]
            serial = \(fixtures.path("http.serial"))
            crypto_device = builtin
            signer_cert = \(fixtures.rsaTSA.certificatePath)
            signer_key = \(fixtures.rsaTSA.keyPath)
            signer_digest = sha256
            default_policy = 1.2.3.4.1
            digests = sha256, sha384, sha512
            ess_cert_id_alg = sha256

            """
        try writeFile(fixtures.path("http.cnf"), Array(config.utf8))
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Interop/tsa_http_server.py").path
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try #require(TestProcess.python3Path))
        process.arguments = [script, fixtures.path("http.cnf")]
        let output = Pipe()
        process.standardOutput = output
        // The server must not hold the test runner's stderr open, or `swift test` waits for it to close.
        process.standardError = FileHandle.nullDevice
        try process.run()
        defer { kill(process.processIdentifier, SIGKILL) }
        var line: [UInt8] = []
        while let byte = try output.fileHandleForReading.read(upToCount: 1)?.first, byte != 0x0A { line.append(byte) }
        let port = try #require(Int(String(decoding: line, as: UTF8.self)))

        let client = HTTPTimeStampClient(url: "http://127.0.0.1:\(port)/tsr")
        let request = TimeStampRequest(messageImprint: MessageImprint(hashing: TimeStampTests.data, with: .sha256))
        let token = try await client.timeStampToken(for: request)
        var options = TimeStampVerificationOptions()
        options.trustStore = TrustStore([fixtures.ca])
        #expect(TimeStampTokenVerifier(options: options).verify(tokenBytes: token, request: request).status == .valid)

        // CAdES B-T through the client.
        let signed = try CMSSignedDataBuilder.sign(
            .bytes(TimeStampTests.data),
            signers: [fixtures.ecdsa.signer()],
            options: CMSSignOptions()
        )
        let stamped = try await CAdES.addingSignatureTimeStamps(to: signed, from: client)
        #expect(CMSVerifier().verify(stamped).signers.first?.baselineLevel == .bt)

        for path in ["error", "wrong-type"] {
            await #expect(throws: CMSError.self) {
                try await HTTPTimeStampClient(url: "http://127.0.0.1:\(port)/\(path)").timeStampToken(for: request)
            }
        }
        // Nobody listening.
        await #expect(throws: CMSError.self) {
            try await HTTPTimeStampClient(url: "http://127.0.0.1:1/tsr", timeout: .seconds(5)).timeStampToken(
                for: request
            )
        }
    }
}
