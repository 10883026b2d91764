import Foundation
import SealbridgeCMS
import SealbridgeCrypto
import SealbridgeTestVectors
import SealbridgeX509
import Testing

@testable import SealbridgeOFD

/// Real sealed OFD files from ofdrw's test resources: every GB/T 38540 §7.3 step that does not need a trust anchor,
/// with what each file holds checked by hand (see Tests/Vectors/ofd/README.md).
@Suite struct SealVerificationTests {
    static func document(_ name: String) throws -> OFDDocument {
        try OFDDocument(bytes: Array(try Vectors.data("ofd/\(name)")))
    }

    static func verifications(_ name: String) throws -> [(OFDDocument.Signature, OFDSealVerification?)] {
        let document = try document(name)
        return try document.signatures().map { signature in
            guard signature.entry.type == .seal, let value = signature.signedValue else { return (signature, nil) }
            let ses = try SESSignature(derEncoded: value)
            return (
                signature,
                OFDSealVerification(
                    ses,
                    signedFile: signature.descriptionBytes,
                    sealFile: signature.sealFile,
                    timeStampOptions: TimeStampVerificationOptions()
                )
            )
        }
    }

    /// Intact seals from four writers: references, dataHash, the signer's and the maker's signatures and the seal's
    /// certificate list all check out.
    @Test(arguments: [
        "V4RideRight.ofd", "allprotected.ofd", "draw_param_ref.ofd", "v4signed.ofd", "signedFile.ofd",
        "SESV4SignDoc.ofd",
    ])
    func anIntactSealPassesEveryStep(_ file: String) throws {
        let results = try Self.verifications(file)
        #expect(!results.isEmpty)
        let document = try Self.document(file)
        for (signature, verification) in results {
            let description = try signature.description.get()
            let checks = OFDReferenceCheck.check(
                description,
                in: document,
                function: try #require(description.checkFunction)
            )
            #expect(
                checks.allSatisfy { $0.outcome == .matched },
                "\(file): \(checks.filter { $0.outcome != .matched })"
            )
            let verification = try #require(verification)
            #expect(verification.signature.version == .v4)
            #expect(verification.dataHashMatches == true)
            #expect(verification.signatureValue == .verified)
            #expect(verification.makerSignature == .verified, "\(file): \(verification.makerSignature)")
            #expect(verification.signerListedInSeal == true)
            if verification.sealFileMatches != nil { #expect(verification.sealFileMatches == true) }
        }
    }

    /// keyword.ofd was changed after sealing: three protected files no longer match (the seal's own
    /// dataHash and signature still verify — Signature.xml itself is unchanged).
    @Test func aChangedDocumentIsFoundFileByFile() throws {
        let document = try Self.document("keyword.ofd")
        let signatures = try document.signatures()
        #expect(signatures.map(\.entry.type) == [.seal, .sign])
        let description = try signatures[0].description.get()
        let checks = OFDReferenceCheck.check(description, in: document, function: .sm3)
        #expect(
            Set(checks.filter { $0.outcome == .mismatched }.map(\.location))
                == ["OFD.xml", "Doc_0/Document.xml", "Doc_0/Pages/Page_0/Content.xml"]
        )
    }

    /// The 安证通 seals: the signer's signature verifies; the maker's signature writes r as a negative INTEGER
    /// (`02 20 D0 24 …`, no leading zero octet — OpenSSL refuses it as "invalid encoding"), which verifies when
    /// read as the unsigned value, and says so.
    @Test func theAnzhengtongSealsVerifyWithANoteOnTheMakersEncoding() throws {
        let results = try Self.verifications("anzhengtong-manual-seal.ofd")
        #expect(results.count == 2)
        for (_, verification) in results {
            let verification = try #require(verification)
            #expect(verification.signatureValue == .verified)
            #expect(verification.dataHashMatches == true)
            #expect(verification.signerListedInSeal == true)
            guard case .verifiedWithNote(let note) = verification.makerSignature else {
                Issue.record("the maker's signature: \(verification.makerSignature)")
                continue
            }
            #expect(note.contains("negative INTEGER"))
        }
    }

    /// The three seal generations ofdrw writes are told apart by structure, and each maker signature verifies over
    /// the bytes its standard names.
    @Test(arguments: [("UserV1.esl", SESVersion.v1), ("UserV4.esl", .v4), ("UserV5.esl", .v5)])
    func sealsOfEveryVersionAreRead(_ file: String, _ version: SESVersion) throws {
        let seal = try SESeal(derEncoded: Array(try Vectors.data("ofd/\(file)")))
        #expect(seal.version == version)
        #expect(seal.sealInfo.header.identifier == "ES")
        let maker = try Certificate(derEncoded: seal.makerCertificate)
        let key = try maker.publicKey()
        let algorithm = SignatureAlgorithm(oid: seal.signatureAlgorithm)
        #expect(algorithm != nil)
        #expect(key.isValidSignature(seal.signatureValue, for: seal.makerSignedBytes, algorithm: algorithm))
    }

    @Test func unsignedDocumentsHaveNoSignatures() throws {
        for file in ["invoice-example-unsigned.ofd", "hello-integrity.ofd"] {
            #expect(try Self.document(file).signatures().isEmpty)
        }
    }

    /// A seal whose list cannot be compared never counts as listing the signer.
    @Test func anUncomparableCertificateListIsNotAMatch() {
        #expect(SESCertificateList.digests([]).lists([1, 2, 3]) == false)
        #expect(SESCertificateList.certificates([]).lists([1, 2, 3]) == false)
        #expect(SESCertificateList.digests([.init(algorithm: "SM3withSM2", value: [0])]).lists([1, 2, 3]) == nil)
        // By digest: SM3 of the certificate's bytes matches; another digest does not.
        let sm3 = HashFunction.sm3.digest([1, 2, 3])
        #expect(
            SESCertificateList.digests([.init(algorithm: "1.2.156.10197.1.401", value: sm3)]).lists([1, 2, 3]) == true
        )
        #expect(
            SESCertificateList.digests([.init(algorithm: "1.2.156.10197.1.401", value: sm3)]).lists([1, 2]) == false
        )
    }
}
