import Foundation
import SealbridgeCMS
import SealbridgeCrypto
import SealbridgeTestVectors
import SealbridgeX509
import Testing

/// The GB/T 35275 (GM/T 0010) SM2 SignedData samples in `Tests/Vectors/cms` (see its README): each verifies as its
/// issuer intends, or — for the one that breaks RFC 5652 — fails with the precise reason.
struct GBT35275SampleTests {
    struct Sample: Sendable, CustomStringConvertible {
        let file: String
        let detachedContent: String?
        let expectedContent: String?
        let expected: Expected
        var description: String { file }
    }

    enum Expected: Sendable {
        case valid(form: CMSSignerResult.Form)
        case invalid(CMSSignerFailure.Code)
    }

    static let samples = [
        Sample(
            file: "emmansun-cfca-sadk-attached.der",
            detachedContent: nil,
            expectedContent: "Hello Secret World!",
            expected: .valid(form: .content)
        ),
        Sample(
            file: "emmansun-cfca-sadk-detached.der",
            detachedContent: "emmansun-cfca-sadk-detached.content",
            expectedContent: nil,
            expected: .valid(form: .content)
        ),
        Sample(
            file: "swpudp-cfca-test-attached.der",
            detachedContent: nil,
            expectedContent: "Z000022725Z00002272021-02-04 10:47:30.88211637480324508820641",
            expected: .valid(form: .content)
        ),
        // Its signature is valid over the signed attributes, but the content-type attribute says
        // 1.2.156.10197.6.1.4.2 while eContentType is …4.2.1: RFC 5652 §5.3/§11.1 make that a failure.
        Sample(
            file: "mcrypto-signedattrs-attached.der",
            detachedContent: nil,
            expectedContent: "123456",
            expected: .invalid(.contentTypeMismatch)
        ),
    ]

    @Test(arguments: samples)
    func sampleVerifiesAsExpected(_ sample: Sample) throws {
        let signed = try CMSSignedData(berEncoded: Array(try Vectors.data("cms/" + sample.file)))
        #expect(signed.profile == .gm || sample.file.hasPrefix("swpudp") || sample.file.hasPrefix("mcrypto"))
        if let expectedContent = sample.expectedContent {
            #expect(signed.encapsulatedContent.map(Array.init) == Array(expectedContent.utf8))
        }
        let detached = try sample.detachedContent.map { Array(try Vectors.data("cms/" + $0)) }
        let result = CMSVerifier().verify(signed, detachedContent: detached)
        let signer = try #require(result.signers.first)
        #expect(result.signers.count == 1)
        #expect(signer.signatureAlgorithm == .sm2WithSM3)
        switch sample.expected {
        case .valid(let form):
            #expect(signer.status == .valid, "\(signer.status)")
            #expect(signer.form == form)
        case .invalid(let code):
            guard case .invalid(let failure) = signer.status else {
                Issue.record("expected \(code), got \(signer.status)")
                return
            }
            #expect(failure.code == code)
        }
        // Our DER re-encoding keeps the signature valid (or failing the same way).
        let again = CMSVerifier().verify(
            try CMSSignedData(berEncoded: signed.derRepresentation),
            detachedContent: detached
        )
        #expect(again.signers.first?.status == signer.status)
    }

    @Test func mcryptoSignatureItselfIsValid() throws {
        // Without the content-type check the signature value verifies: the failure above is the attribute only.
        let signed = try CMSSignedData(berEncoded: Array(try Vectors.data("cms/mcrypto-signedattrs-attached.der")))
        let signer = try #require(signed.signerInfos.first)
        let attributes = try #require(signer.signedAttributes)
        var message = Array(attributes.receivedBytes)
        message[0] = 0x31
        let key = try #require(try signed.certificate(for: signer)?.publicKey())
        #expect(key.isValidSignature(signer.signature, for: message, algorithm: .sm2WithSM3))
    }

    @Test func certificatesOnlySampleParses() throws {
        let signed = try CMSSignedData(berEncoded: Array(try Vectors.data("cms/emmansun-gmssl-cn-certs-only.der")))
        #expect(signed.signerInfos.isEmpty)
        #expect(signed.certificates.count == 2)
        #expect(!CMSVerifier().verify(signed).isValid, "no signers is not a valid signature")
        // cert[1] is issued by cert[0] with SM2 and the default ID.
        let key = try signed.certificates[0].publicKey()
        #expect(signed.certificates[1].isSignatureValid(issuerKey: key))
    }

    @Test func detachedSampleWithoutContentIsIndeterminate() throws {
        let signed = try CMSSignedData(berEncoded: Array(try Vectors.data("cms/emmansun-cfca-sadk-detached.der")))
        let signer = try #require(CMSVerifier().verify(signed).signers.first)
        guard case .indeterminate(let failure) = signer.status else {
            Issue.record("expected indeterminate, got \(signer.status)")
            return
        }
        #expect(failure.code == .contentMissing)
        // And with other content it is invalid.
        let wrong = try #require(
            CMSVerifier().verify(signed, detachedContent: Array("Hello Secret World?".utf8)).signers.first
        )
        #expect(!wrong.status.isValid)
    }
}
