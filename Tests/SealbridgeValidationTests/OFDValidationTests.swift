import Foundation
import SealbridgeCrypto
import SealbridgeOFD
import SealbridgeTestVectors
import SealbridgeX509
import Testing

@testable import SealbridgeValidation

/// OFD documents end to end: a sealed e-invoice from another writer reads like any other signature in the report,
/// and every change an attacker or an accident makes to a sealed package is caught and named.
@Suite struct OFDValidationTests {
    static func bytes(_ file: String) throws -> [UInt8] { Array(try Vectors.data("ofd/\(file)")) }

    static func validate(_ bytes: [UInt8], name: String = "invoice.ofd") throws -> ValidationReport {
        var context = ValidationContext()
        // The sample certificates expired; judge them when they were valid, and without revocation data.
        context.time = X509Time(year: 2021, month: 6, day: 1, hour: 0, minute: 0, second: 0)
        context.revocationPolicy = .none
        return try SignatureValidator(context: context, precomputesAnchorKeys: false).validate(bytes, name: name)
    }

    /// The package with `part` replaced by `replacement` (every other entry copied unchanged).
    static func replacing(_ part: String, in bytes: [UInt8], with replacement: ([UInt8]) -> [UInt8]?) throws -> [UInt8]
    {
        let archive = try ZIPArchive(bytes: bytes)
        var writer = ZIPWriter()
        for entry in archive.entries {
            if entry.name == part {
                if let new = replacement(try archive.contents(of: entry).bytes) { try writer.add(entry.name, new) }
            } else {
                try writer.copy(entry, from: archive)
            }
        }
        return writer.finished()
    }

    static func check(_ report: ValidationReport, _ name: String) -> Check? {
        report.signatures.first?.checks.first { $0.name == name }
    }

    /// Intact seals pass every cryptographic and seal step; without the issuers' roots the chain stays
    /// INDETERMINATE, which is what the report says.
    @Test(arguments: ["V4RideRight.ofd", "draw_param_ref.ofd", "v4signed.ofd", "signedFile.ofd"])
    func anIntactSealPassesTheCryptographicAndSealSteps(_ file: String) throws {
        let report = try Self.validate(try Self.bytes(file), name: file)
        #expect(report.document.format == .ofd)
        let signature = try #require(report.signatures.first)
        #expect(signature.format == .ofdSealV4)
        #expect(signature.indication == .indeterminate)
        #expect(signature.subIndication == .noCertificateChainFound)
        for name in [
            "format checking", "identification of the signing certificate", "cryptographic verification",
            "seal maker's signature", "signer listed in the seal",
        ] {
            #expect(Self.check(report, name)?.result == .passed, "\(file): \(name)")
        }
        #expect(signature.seal?.standard == "GB/T 38540-2020")
        #expect(report.documents.contains { $0.role == .packagePart })
    }

    /// The seal's picture: a PNG comes in the report sanitised (shown by the page and the HTML report); a BMP
    /// or an OFD vector picture is described, with the reason, and not shown.
    @Test func theSealsPictureIsShownOnlyWhenItIsAPictureThatCanBeSanitised() throws {
        let png = try #require(try Self.validate(try Self.bytes("V4RideRight.ofd")).signatures.first?.seal)
        let picture = try #require(png.picture)
        #expect(picture.mediaType == "image/png" && png.pictureNotShown == nil)
        let bytes = try #require(Data(base64Encoded: picture.data))
        #expect(bytes.starts(with: [0x89, 0x50, 0x4E, 0x47]))
        #expect(try SealImage(sanitizing: Array(bytes)).bytes == Array(bytes))

        let vector = try #require(try Self.validate(try Self.bytes("signedFile.ofd")).signatures.first?.seal)
        #expect(vector.picture == nil)
        #expect(vector.pictureNotShown?.contains("OFD picture (a vector drawing) is described") == true)
        let bmp = try #require(try Self.validate(try Self.bytes("anzhengtong-manual-seal.ofd")).signatures.first?.seal)
        #expect(bmp.picture == nil)
        #expect(bmp.pictureNotShown?.contains("bmp picture is described, not shown") == true)

        // The HTML report draws the PNG inline, under a policy that loads nothing else.
        let html = try Self.validate(try Self.bytes("V4RideRight.ofd")).html()
        #expect(html.contains("<img class=\"seal-picture\""))
        #expect(html.contains("src=\"data:image/png;base64,\(picture.data)\""))
        #expect(html.contains("content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\""))
    }

    @Test func aChangedPageIsAHashFailureNamingThePage() throws {
        let changed = try Self.replacing("Doc_0/Pages/Page_2/Content.xml", in: try Self.bytes("V4RideRight.ofd")) {
            $0 + Array("<!-- 10000 -->".utf8)
        }
        let report = try Self.validate(changed)
        #expect(report.indication == .totalFailed)
        #expect(report.subIndication == .hashFailure)
        #expect(report.signatures.first?.reason.contains("Doc_0/Pages/Page_2/Content.xml") == true)
    }

    @Test func aChangedCheckValueBreaksTheSealsDataHash() throws {
        let changed = try Self.replacing("Doc_0/Signs/Sign_0/Signature.xml", in: try Self.bytes("V4RideRight.ofd")) {
            Array(String(decoding: $0, as: UTF8.self).replacingOccurrences(of: "1PmuBCu18", with: "1PmuBCu19").utf8)
        }
        let report = try Self.validate(changed)
        #expect(report.subIndication == .hashFailure)
        let reason = try #require(report.signatures.first?.reason)
        // The changed CheckValue no longer matches Document.xml, and Signature.xml no longer matches dataHash.
        #expect(reason.contains("Doc_0/Document.xml"))
    }

    @Test func aRemovedPartIsSignedDataNotFound() throws {
        let changed = try Self.replacing("Doc_0/Pages/Page_4/Content.xml", in: try Self.bytes("V4RideRight.ofd")) {
            _ in nil
        }
        let report = try Self.validate(changed)
        #expect(report.subIndication == .signedDataNotFound)
        #expect(report.signatures.first?.reason.contains("Doc_0/Pages/Page_4/Content.xml") == true)
    }

    @Test func aForgedSealMakerSignatureIsACryptoFailure() throws {
        // Seal.esl is a protected part, so change the seal inside the signed value instead: its maker signature
        // is also inside TBS_Sign, so the signer's signature breaks first — either way SIG_CRYPTO_FAILURE.
        let changed = try Self.replacing("Doc_0/Signs/Sign_0/SignedValue.dat", in: try Self.bytes("V4RideRight.ofd")) {
            var value = $0
            let marker = Array("OFDR&WTest".utf8)
            if let at = value.firstRange(of: marker) { value[at.lowerBound] = UInt8(ascii: "X") }
            return value
        }
        let report = try Self.validate(changed)
        #expect(report.indication == .totalFailed)
        #expect(report.subIndication == .sigCryptoFailure)
    }

    @Test func twoSealsFromAnotherVendorAreBothReported() throws {
        let report = try Self.validate(try Self.bytes("anzhengtong-manual-seal.ofd"))
        #expect(report.signatures.count == 2)
        for signature in report.signatures {
            #expect(signature.checks.first { $0.name == "seal maker's signature" }?.result == .passed)
            #expect(signature.notes.contains { $0.contains("negative INTEGER") })
        }
    }

    /// testImageNotFound.ofd's two plain signatures are GB/T 35275 SignedData over Signature.xml whose signed
    /// attributes were signed in their received, non-DER order: the CMS layer's rule (RFC 5652 §5.4) applies to
    /// them as to any CMS signature, and the mixed data OIDs of the attributes are accepted with a note.
    @Test func aPlainSignatureIsReadAsGBT35275() throws {
        let report = try Self.validate(try Self.bytes("testImageNotFound.ofd"))
        #expect(report.signatures.count == 2)
        for signature in report.signatures {
            #expect(signature.format == .ofdSign)
            #expect(signature.checks.first { $0.name == "format checking" }?.result == .passed)
            #expect(
                signature.checks.first { $0.name == "identification of the signing certificate" }?.result == .passed
            )
            #expect(signature.subIndication == .sigCryptoFailure)
            #expect(signature.reason.contains("DER"))
            #expect(signature.notes.contains { $0.contains("two names for plain data") })
            #expect(signature.seal == nil)
        }
    }

    @Test func aBareSignatureWithoutItsCertificateIsIndeterminate() throws {
        let report = try Self.validate(try Self.bytes("DigitalSign.ofd"))
        #expect(report.signatures.first?.subIndication == .noSigningCertificateFound)
    }

    @Test func anUnsignedOFDIsNotASignature() throws {
        #expect(throws: NotASignatureError.self) {
            try Self.validate(try Self.bytes("invoice-example-unsigned.ofd"))
        }
    }

    @Test func anOFDWithASeparateDocumentIsRefused() throws {
        let validator = SignatureValidator(context: ValidationContext(), precomputesAnchorKeys: false)
        #expect(throws: ValidationInputError.self) {
            try validator.validate(
                try Self.bytes("V4RideRight.ofd"),
                name: "a.ofd",
                content: .bytes([1, 2, 3], name: "other.xml")
            )
        }
    }

    @Test func aBrokenPackageIsAFormatFailure() throws {
        var bytes = try Self.bytes("V4RideRight.ofd")
        bytes.removeLast(100)
        let report = try Self.validate(bytes)
        #expect(report.subIndication == .formatFailure)
    }

    /// One Signature.xml listed many times (each read would inflate it again): refused.
    @Test func aSignatureListedTwiceIsRefused() throws {
        let changed = try Self.replacing("Doc_0/Signs/Signatures.xml", in: try Self.bytes("V4RideRight.ofd")) {
            let entry = #"<ofd:Signature ID="s001" Type="Seal" BaseLoc="/Doc_0/Signs/Sign_0/Signature.xml"/>"#
            return Array(String(decoding: $0, as: UTF8.self).replacingOccurrences(of: entry, with: entry + entry).utf8)
        }
        let report = try Self.validate(changed)
        #expect(report.subIndication == .formatFailure)
        #expect(report.summary.contains("twice"))
    }

    /// A part referenced twice in one signature: the description is malformed.
    @Test func aPartReferencedTwiceIsAFormatFailure() throws {
        let changed = try Self.replacing("Doc_0/Signs/Sign_0/Signature.xml", in: try Self.bytes("V4RideRight.ofd")) {
            let text = String(decoding: $0, as: UTF8.self)
            guard let start = text.range(of: "<ofd:Reference FileRef=\"/OFD.xml\">"),
                let end = text.range(of: "</ofd:Reference>", range: start.upperBound..<text.endIndex)
            else { return $0 }
            let reference = String(text[start.lowerBound..<end.upperBound])
            return Array(text.replacingOccurrences(of: reference, with: reference + reference).utf8)
        }
        let report = try Self.validate(changed)
        #expect(report.subIndication == .formatFailure)
    }

    /// An OFD sent as bare base64 (as some upload forms do) is decoded and validated like the package.
    @Test func anOFDInBareBase64IsValidated() throws {
        let base64 = Array(Data(try Self.bytes("V4RideRight.ofd")).base64EncodedString().utf8)
        let report = try Self.validate(base64)
        #expect(report.document.format == .ofd)
        #expect(report.signatures.first?.format == .ofdSealV4)
    }
}
