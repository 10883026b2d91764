import Foundation
import SealbridgeCMS
import SealbridgeCrypto
import SealbridgeTestVectors
import SealbridgeX509
import SwiftASN1
import Testing

/// Untrusted bytes: truncations, BER bombs, wrong types and mutations give typed errors, never a crash or
/// unbounded memory.
struct HostileInputTests {
    /// A CAdES B-T SignedData with two signers, a certificate chain and a token inside: the richest input.
    static func richSample() async throws -> [UInt8] {
        let fixtures = try CMSFixtures.load()
        let authority = try TimeStampAuthority(
            key: fixtures.sm2TSA.key,
            certificate: fixtures.sm2TSA.certificate,
            policy: [1, 2, 3, 4, 1],
            serialStore: InMemorySerialNumberStore()
        )
        var options = CMSSignOptions()
        options.commitmentType = [1, 2, 840, 113_549, 1, 9, 16, 6, 1]
        options.signerLocation = SignerLocation(countryName: "CN", localityName: "Shenzhen", postalAddress: ["Futian"])
        let signed = try CMSSignedDataBuilder.sign(
            .bytes(Array("hostile".utf8)),
            signers: [fixtures.sm2.signer(), fixtures.ecdsa.signer()],
            options: options
        )
        return try await CAdES.addingSignatureTimeStamps(to: signed, from: authority).derRepresentation
    }

    @Test(.enabled(if: TestProcess.openSSLPath != nil, Comment(rawValue: TestProcess.Missing.openSSL)))
    func everyTruncationIsATypedError() async throws {
        let sample = try await Self.richSample()
        #expect(CMSVerifier().verify(try CMSSignedData(berEncoded: sample)).isValid)
        var failures = 0
        for length in 0..<sample.count {
            do {
                _ = try CMSSignedData(berEncoded: Array(sample.prefix(length)))
                Issue.record("a \(length)-byte prefix parsed")
            } catch is CMSError {
                failures += 1
            }
        }
        #expect(failures == sample.count)
    }

    @Test(.enabled(if: TestProcess.openSSLPath != nil, Comment(rawValue: TestProcess.Missing.openSSL)))
    func timeStampStructuresTruncateToTypedErrors() throws {
        let request = try TimeStampRequest(
            messageImprint: MessageImprint(hashing: [1, 2, 3], with: .sha256),
            policy: [1, 2, 3]
        ).derRepresentation
        let fixtures = try CMSFixtures.load()
        let authority = try TimeStampAuthority(
            key: fixtures.ecdsaTSA.key,
            certificate: fixtures.ecdsaTSA.certificate,
            policy: [1, 2, 3],
            accuracy: TimeStampAccuracy(seconds: 1, milliseconds: 5, microseconds: 7),
            serialStore: InMemorySerialNumberStore(),
            includesTSAName: true
        )
        let response = try authority.response(to: request).derRepresentation
        let token = try #require(try TimeStampResponse(derEncoded: response).tokenBytes)
        let info = try TimeStampToken(derEncoded: token).info.derRepresentation()
        #expect(
            try TSTInfo(derEncoded: info).accuracy == TimeStampAccuracy(seconds: 1, milliseconds: 5, microseconds: 7)
        )
        for (name, bytes, parse) in [
            ("TimeStampReq", request, { (b: [UInt8]) throws in _ = try TimeStampRequest(derEncoded: b) }),
            ("TimeStampResp", response, { (b: [UInt8]) throws in _ = try TimeStampResponse(derEncoded: b) }),
            ("TSTInfo", info, { (b: [UInt8]) throws in _ = try TSTInfo(derEncoded: b) }),
            ("token", token, { (b: [UInt8]) throws in _ = try TimeStampToken(derEncoded: b) }),
        ] as [(String, [UInt8], ([UInt8]) throws -> Void)] {
            try parse(bytes)
            var typed = 0
            for length in 0..<bytes.count {
                do {
                    try parse(Array(bytes.prefix(length)))
                    Issue.record("\(name): a \(length)-byte prefix parsed")
                } catch is CMSError {
                    typed += 1
                }
            }
            #expect(typed == bytes.count, "\(name)")
        }
    }

    @Test func berBombsAreRefused() throws {
        // 100,000 nested indefinite-length SEQUENCEs: swift-asn1 stops at depth 50.
        let deep = (0..<200_000).map { UInt8($0 % 2 == 0 ? 0x30 : 0x80) }
        #expect(throws: CMSError.self) { try CMSSignedData(berEncoded: deep) }
        // A declared length of 2 GiB on 10 bytes.
        #expect(throws: CMSError.self) {
            try CMSSignedData(berEncoded: [0x30, 0x84, 0x7F, 0xFF, 0xFF, 0xFF, 0x06, 0x01, 0x00, 0x00])
        }
        // A million empty elements in 2 MB: refused by the element count before any node is built.
        var flat: [UInt8] = [0x30, 0x83, 0x1E, 0x84, 0x80]
        flat += (0..<2_000_000).map { UInt8($0 % 2 == 0 ? 0x05 : 0x00) }
        do {
            _ = try CMSSignedData(berEncoded: flat)
            Issue.record("the element bomb parsed")
        } catch let error as CMSError {
            #expect(error.code == .tooLarge)
        }
        // An indefinite length that never ends.
        #expect(throws: CMSError.self) { try CMSSignedData(berEncoded: [0x30, 0x80, 0x30, 0x80, 0x05, 0x00]) }
        // Constructed OCTET STRING segments that are not OCTET STRINGs.
        #expect(throws: CMSError.self) {
            try CMSSignedData(berEncoded: [0x24, 0x80, 0x02, 0x01, 0x00, 0x00, 0x00])
        }
    }

    @Test(.enabled(if: TestProcess.openSSLPath != nil, Comment(rawValue: TestProcess.Missing.openSSL)))
    func wrongContentTypeIsNamed() throws {
        // An EnvelopedData ContentInfo (1.2.840.113549.1.7.3) with an empty body.
        let enveloped: [UInt8] = [
            0x30, 0x0F, 0x06, 0x09, 0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x07, 0x03, 0xA0, 0x02, 0x30, 0x00,
        ]
        do {
            _ = try CMSSignedData(berEncoded: enveloped)
            Issue.record("EnvelopedData parsed as SignedData")
        } catch let error as CMSError {
            #expect(error.code == .invalidValue)
            #expect(error.reason.contains("not SignedData"))
        }
        // A SignedData that is not a time-stamp token.
        let fixtures = try CMSFixtures.load()
        let signed = try CMSSignedDataBuilder.sign(
            .bytes([1]),
            signers: [fixtures.ecdsa.signer()],
            options: CMSSignOptions()
        )
        #expect(throws: CMSError.self) { try TimeStampToken(derEncoded: signed.derRepresentation) }
    }

    /// Inputs the fuzzers found (Tests/Vectors/fuzz-crashers): each parses or fails typed, and what parses
    /// re-encodes to DER that parses to the same encoding.
    @Test(arguments: ["cms-other-certificate-choice.der"])
    func pinnedFuzzCrashers(_ name: String) throws {
        let input = Array(try Vectors.data("fuzz-crashers/" + name))
        guard let signed = try? CMSSignedData(berEncoded: input) else { return }
        _ = CMSVerifier().verify(signed, detachedContent: [0x61])
        let der = try signed.derRepresentation
        #expect(try CMSSignedData(berEncoded: der).derRepresentation == der)
    }

    @Test(.enabled(if: TestProcess.openSSLPath != nil, Comment(rawValue: TestProcess.Missing.openSSL)))
    func mutationsNeverCrash() async throws {
        let sample = try await Self.richSample()
        var generator = SeededGenerator(seed: 0x5EA1_B41D)
        var parsed = 0
        var rejected = 0
        for _ in 0..<3_000 {
            var bytes = sample
            for _ in 0..<Int.random(in: 1...4, using: &generator) {
                let index = Int.random(in: 0..<bytes.count, using: &generator)
                switch Int.random(in: 0..<3, using: &generator) {
                case 0: bytes[index] ^= UInt8(1 << Int.random(in: 0..<8, using: &generator))
                case 1: bytes[index] = UInt8.random(in: 0...255, using: &generator)
                default: bytes.insert(UInt8.random(in: 0...255, using: &generator), at: index)
                }
            }
            do {
                let signed = try CMSSignedData(berEncoded: bytes)
                parsed += 1
                _ = CMSVerifier().verify(signed)  // must return, whatever it finds
            } catch is CMSError {
                rejected += 1
            }
        }
        #expect(parsed + rejected == 3_000)
        #expect(rejected > 0 && parsed > 0, "the mutations reach both parser errors and the verifier")
    }
}
