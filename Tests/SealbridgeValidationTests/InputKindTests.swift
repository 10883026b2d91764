import Foundation
import SealbridgeCMS
import SealbridgeTestVectors
import SealbridgeValidation
import SwiftASN1
import Testing

/// What people send instead of a CMS signature, told apart from a bounded look at the bytes.
@Suite struct InputKindTests {
    // MARK: Samples

    static func vector(_ path: String) throws -> [UInt8] { Array(try Vectors.data(path)) }
    static func certificate() throws -> [UInt8] { try vector("pkits/certs/GoodCACert.crt") }
    static func crl() throws -> [UInt8] { try vector("pkits/crls/GoodCACRL.crl") }
    /// A GB/T 35275 SignedData made by CFCA's SADK.
    static func gmSignature() throws -> [UInt8] { try vector("cms/emmansun-cfca-sadk-attached.der") }
    /// An RFC 5652 certs-only SignedData made by GmSSL.
    static func rfc5652SignedData() throws -> [UInt8] { try vector("cms/emmansun-gmssl-cn-certs-only.der") }

    /// Small real inputs made with sealbridge and OpenSSL (throwaway keys).
    static let sm2PKCS8 = base64(
        "MIGHAgEAMBMGByqGSM49AgEGCCqBHM9VAYItBG0wawIBAQQgOWPCw3gLVAELklUTi5kxkYh2Tz8IWTE8rxN2BaD2cWihRANCAAR7fb86jFLIn4Wr"
            + "Kn5sKNRvaLGKB2enNUatX9S5F3DaVc6mrAavxLV9ccLMP7S2mkg3RQhmO+K7e/8ol5LBBoP6"
    )
    static let sm2SEC1 = base64(
        "MHcCAQEEIBJv847M3h61D83BZe7JsjsQRNhpOc4J3uBs8lcMNAYXoAoGCCqBHM9VAYItoUQDQgAEGmNeOq9+zqQHCJg3yj0dk0cknaKxfQkBZDH+"
            + "E5N4Tjx0uZ6cIpaMJXVSLKqygDzqcV5u7hB0xxjkAN/Sqwj1Sw=="
    )
    static let sm2SPKI = base64(
        "MFkwEwYHKoZIzj0CAQYIKoEcz1UBgi0DQgAEGmNeOq9+zqQHCJg3yj0dk0cknaKxfQkBZDH+E5N4Tjx0uZ6cIpaMJXVSLKqygDzqcV5u7hB0xxjk"
            + "AN/Sqwj1Sw=="
    )
    static let rsaPKCS1PublicKey = base64(
        "MIGJAoGBAODBSmn+lRHwtfSzZ9q8hGsxO376zUMGpRJxcmY7BBQrBscfSYLJn9FRhAm71xbJ9v+fLDqcO4gfkVCUurjDZuvF6NuInm+6/Q0VeXbb"
            + "WbXWTbS5cANDoa30/dR1JuMmJepyubSfNk8N96ENOV5mVKak/Y26WSoOFlpKPWkQUDhrAgMBAAE="
    )
    static let encryptedPKCS8 = base64(
        "MIHsMFcGCSqGSIb3DQEFDTBKMCkGCSqGSIb3DQEFDDAcBAhncPp40+Pe2gICCAAwDAYIKoZIhvcNAgkFADAdBglghkgBZQMEASoEEHR9My/ziXVp"
            + "JQ2mjHB/DYUEgZDvjRGKkVpudgDiVmIVSH2gBAb2PNz71nO/g6KgHryh3Jhr7nbsHHAe3Wz6Oj6RPsbxw+AQegQ/rFGSI2kJ92izscibdWKC06iN"
            + "JDUCpd9JwRtlI+H4hyGl9XtmZpH6EwAi4bUXT3uRc1D83vM2ioUjJC/Osr1xuCLwh0YlQ7OdtD/8izOO4z4sHUFqkklcaQo="
    )
    static let certificationRequest = base64(
        "MIHIMHECAQAwDzENMAsGA1UEAwwEVGVzdDBZMBMGByqGSM49AgEGCCqGSM49AwEHA0IABLcU0qg2VCo0PxMkvhWhmq4JxdAN6yqqdeGTOGfOOlWQ"
            + "hf+daexd62ZuCOZONV6r24miZthoZ8ej3Scwd3gKi1ygADAKBggqhkjOPQQDAgNHADBEAiBjJkqpl6qlc5AMXyH19BvLT+T0FJb9rDE8DYaETPyG"
            + "xQIgWH1esZ6jHEBGnvWvjYTdJRYXm2wDDk2l0k2ZbJta+jg="
    )
    static let timeStampRequest = base64(
        "MD8CAQEwLzALBglghkgBZQMEAgEEIJDp4/iJhDATDhOFDIiXr9xCCi7rqLay7nSYIfqlPtkSAgkA7k3u7cPIf6E="
    )

    static func base64(_ text: String) -> [UInt8] { [UInt8](Data(base64Encoded: text) ?? Data()) }

    /// A time-stamp token's shape: SignedData over id-ct-TSTInfo (the contents are placeholders).
    static let timeStampToken = DERBytes.sequence(
        DERBytes.oid(CMSObjectIdentifier.signedData),
        DERBytes.tlv(
            0xA0,
            DERBytes.sequence(
                DERBytes.integer(3),
                DERBytes.tlv(0x31, DERBytes.sequence(DERBytes.oid([2, 16, 840, 1, 101, 3, 4, 2, 1]))),
                DERBytes.sequence(
                    DERBytes.oid(CMSObjectIdentifier.tstInfo),
                    DERBytes.tlv(0xA0, DERBytes.tlv(0x04, [UInt8](repeating: 0x55, count: 40)))
                ),
                DERBytes.tlv(0x31, [])
            )
        )
    )

    /// GB/T 38540 SESeal: SES_SealInfo { SES_Header { "ES", 4, vid }, esID, … }, cert, signAlgID, signedValue.
    static let seal = DERBytes.sequence(
        DERBytes.sequence(
            DERBytes.sequence(
                DERBytes.tlv(0x16, Array("ES".utf8)),
                DERBytes.integer(4),
                DERBytes.tlv(0x16, Array("vendor".utf8))
            ),
            DERBytes.tlv(0x16, Array("seal-001".utf8))
        ),
        DERBytes.tlv(0x04, [UInt8](repeating: 0x11, count: 20)),
        DERBytes.oid([1, 2, 156, 10197, 1, 501]),
        DERBytes.tlv(0x03, [0x00] + [UInt8](repeating: 0x22, count: 70))
    )

    /// GB/T 38540 SES_Signature: TBS_Sign { version, eseal, timeInfo, dataHash, propertyInfo }, cert, algorithm,
    /// signature.
    static let sealSignature = DERBytes.sequence(
        DERBytes.sequence(
            DERBytes.integer(4),
            seal,
            DERBytes.tlv(0x18, Array("20260101000000Z".utf8)),
            DERBytes.tlv(0x03, [0x00] + [UInt8](repeating: 0x33, count: 32)),
            DERBytes.tlv(0x16, Array("/Doc_0/Signs/Sign_0/Signature.xml".utf8))
        ),
        DERBytes.tlv(0x04, [UInt8](repeating: 0x11, count: 20)),
        DERBytes.oid([1, 2, 156, 10197, 1, 501]),
        DERBytes.tlv(0x03, [0x00] + [UInt8](repeating: 0x44, count: 70))
    )

    static let compactJWS =
        "eyJhbGciOiJFUzI1NiIsInR5cCI6IkpXVCJ9.eyJpbnZvaWNlIjoiSU5WLTAwMSJ9."
        + "MEUCIQDQ1aBz9jvjVnqCnLIPXm7qUnV8zv8X0FcNQ7uXn0jG6gIgK5yL4WJ7Yx2a8t0ZQ1Y6ZqHn8c2vYt3sQm9g0c2Xh8A"

    // MARK: Every kind

    @Test func signatures() throws {
        #expect(InputKind.detect(try Self.gmSignature()) == .cmsSignedData(.gbt35275))
        #expect(InputKind.detect(try Self.rfc5652SignedData()) == .cmsSignedData(.rfc5652))
        #expect(InputKind.detect(try Self.gmSignature()).isSupportedSignature)
        // BER: indefinite lengths, as `openssl cms -sign -stream` writes.
        let ber: [UInt8] = [0x30, 0x80] + DERBytes.oid(CMSObjectIdentifier.signedData) + [0xA0, 0x80, 0x30, 0x80]
        #expect(InputKind.detect(ber + [0x02, 0x01, 0x01, 0, 0, 0, 0, 0, 0]) == .cmsSignedData(.rfc5652))
        let envelope = DERBytes.sequence(DERBytes.oid([1, 2, 840, 113_549, 1, 7, 3]), DERBytes.tlv(0xA0, []))
        #expect(InputKind.detect(envelope) == .cmsMessage(contentType: "id-envelopedData"))
        #expect(!InputKind.detect(envelope).isSupportedSignature)
    }

    @Test func certificatesKeysAndRequests() throws {
        #expect(InputKind.detect(try Self.certificate()) == .certificate)
        #expect(InputKind.detect(try Self.crl()) == .certificateRevocationList)
        #expect(InputKind.detect(Self.certificationRequest) == .certificationRequest)
        #expect(InputKind.detect(Self.sm2PKCS8) == .privateKey)
        #expect(InputKind.detect(Self.sm2SEC1) == .privateKey)
        #expect(InputKind.detect(Self.encryptedPKCS8) == .privateKey)
        #expect(InputKind.detect(Self.sm2SPKI) == .publicKey)
        #expect(InputKind.detect(Self.rsaPKCS1PublicKey) == .publicKey)
        let pfx = DERBytes.sequence(
            DERBytes.integer(3),
            DERBytes.sequence(DERBytes.oid(CMSObjectIdentifier.data), DERBytes.tlv(0xA0, DERBytes.tlv(0x04, [1])))
        )
        #expect(InputKind.detect(pfx) == .pkcs12)
        let signature = DERBytes.sequence(
            DERBytes.tlv(0x02, [UInt8](repeating: 0x31, count: 32)),
            DERBytes.tlv(0x02, [UInt8](repeating: 0x32, count: 32))
        )
        #expect(InputKind.detect(signature) == .signatureValue)
    }

    @Test func timeStamps() {
        #expect(InputKind.detect(Self.timeStampRequest) == .timeStampRequest)
        #expect(InputKind.detect(Self.timeStampToken) == .timeStampToken)
        let granted = DERBytes.sequence(DERBytes.sequence(DERBytes.integer(0)), Self.timeStampToken)
        #expect(InputKind.detect(granted) == .timeStampResponse)
        let rejected = DERBytes.sequence(
            DERBytes.sequence(
                DERBytes.integer(2),
                DERBytes.sequence(DERBytes.tlv(0x0C, Array("unknown policy".utf8))),
                DERBytes.tlv(0x03, [0x07, 0x80])
            )
        )
        #expect(InputKind.detect(rejected) == .timeStampResponse)
        #expect(!InputKind.detect(Self.timeStampToken).isSupportedSignature)
    }

    @Test func electronicSeals() {
        #expect(InputKind.detect(Self.seal) == .electronicSeal(version: 4))
        #expect(InputKind.detect(Self.sealSignature) == .electronicSealSignature(version: 4))
        #expect(InputKind.detect(Self.sealSignature).isSignatureFormat)
        #expect(!InputKind.detect(Self.seal).isSignatureFormat)
    }

    @Test func pemLabels() throws {
        func pem(_ label: String, _ body: [UInt8]) -> [UInt8] {
            let text = Data(body).base64EncodedString(options: .lineLength64Characters)
            return Array("-----BEGIN \(label)-----\n\(text)\n-----END \(label)-----\n".utf8)
        }
        let signature = try Self.gmSignature()
        for label in ["PKCS7", "CMS"] {
            #expect(InputKind.detect(pem(label, signature)) == .pem(label: label))
            #expect(InputKind.detect(pem(label, signature)).isSupportedSignature)
        }
        for label in [
            "CERTIFICATE", "X509 CRL", "PRIVATE KEY", "EC PRIVATE KEY", "ENCRYPTED PRIVATE KEY", "PUBLIC KEY",
            "CERTIFICATE REQUEST", "OPENSSH PRIVATE KEY", "SOMETHING ELSE",
        ] {
            let kind = InputKind.detect(pem(label, [0x30, 0x00]))
            #expect(kind == .pem(label: label))
            #expect(!kind.isSupportedSignature)
        }
        // Text before the armour, as `openssl x509 -text` writes it.
        let annotated = Array("Certificate:\n    Data: …\n".utf8) + pem("CERTIFICATE", try Self.certificate())
        #expect(InputKind.detect(annotated) == .pem(label: "CERTIFICATE"))
        #expect(InputKind.detect(pem("PRIVATE KEY", [])).description.contains("never send a private key"))
    }

    @Test func bareBase64() throws {
        let signature = try Self.gmSignature()
        for options: Data.Base64EncodingOptions in [[], .lineLength64Characters, .lineLength76Characters] {
            let text = Array(Data(signature).base64EncodedString(options: options).utf8)
            #expect(InputKind.detect(text) == .base64(inner: .cmsSignedData(.gbt35275)))
            #expect(InputKind.detect(text).isSupportedSignature)
            #expect(InputKind.unwrapBareBase64(text) == signature)
        }
        let certificate = Array(Data(try Self.certificate()).base64EncodedString().utf8)
        #expect(InputKind.detect(certificate) == .base64(inner: .certificate))
        #expect(!InputKind.detect(certificate).isSupportedSignature)
        // Text that happens to be base64 is still text.
        for text in ["hello", "Hello World Test", "deadbeefdeadbeefdeadbeefdeadbeef", "MDAwMDAwMDAwMDAw"] {
            #expect(InputKind.detect(Array(text.utf8)) == .text, "\(text)")
            #expect(InputKind.unwrapBareBase64(Array(text.utf8)) == nil, "\(text)")
        }
        #expect(InputKind.unwrapBareBase64(signature) == nil)
        // A long base64 file: detect reads its start, unwrap decodes it whole.
        let large =
            DERBytes.sequence(DERBytes.oid(CMSObjectIdentifier.signedData), DERBytes.tlv(0xA0, [0x30, 0x00]))
            + [UInt8](repeating: 0, count: 100_000)
        let largeText = Array(Data(large).base64EncodedString(options: .lineLength64Characters).utf8)
        #expect(InputKind.detect(largeText) == .base64(inner: .cmsSignedData(.rfc5652)))
        #expect(InputKind.unwrapBareBase64(largeText) == large)
    }

    @Test func documentsAndTextFormats() {
        func kind(_ text: String) -> InputKind { InputKind.detect(Array(text.utf8)) }
        #expect(kind("%PDF-1.7\n%âãÏÓ\n1 0 obj\n") == .pdf)
        #expect(kind("%PDF-1.7\n").description == "a PDF document: PAdES signatures are not validated yet")
        let dsig = "http://www.w3.org/2000/09/xmldsig#"
        #expect(kind("<?xml version=\"1.0\"?>\n<ds:Signature xmlns:ds=\"\(dsig)\"><ds:SignedInfo/>") == .xmlSignature)
        #expect(
            kind("<?xml version=\"1.0\"?><!-- an invoice --><Invoice><Total>1</Total><Signature xmlns=\"\(dsig)\">")
                == .xmlSignature
        )
        #expect(kind("<tsl:TrustServiceStatusList xmlns:tsl=\"http://uri.etsi.org/02231/v2#\">") == .trustedList)
        #expect(
            kind("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Invoice><ID>1</ID></Invoice>")
                == .xml(rootElement: "Invoice")
        )
        #expect(kind("<!DOCTYPE html>\n<html lang=\"en\"><head>") == .html)
        #expect(
            kind("{\"payload\":\"eyJ9\",\"signatures\":[{\"protected\":\"eyJ9\",\"signature\":\"AA\"}]}") == .jadesJSON
        )
        #expect(kind("{\"payload\":\"eyJ9\",\"protected\":\"eyJ9\",\"signature\":\"AA\"}") == .jadesJSON)
        #expect(kind("{\"indication\": \"TOTAL_PASSED\"}") == .json)
        #expect(kind("[1, 2, 3]") == .json)
        #expect(kind(Self.compactJWS) == .compactJWS)
        #expect(kind(Self.compactJWS + "\n") == .compactJWS)
        #expect(kind(Self.compactJWS).description == "a compact JWS (JAdES): not validated yet")
        #expect(kind(Self.compactJWS + "~WyJzYWx0IiwibmFtZSIsIkFsaWNlIl0~") == .sdJWT)
        #expect(kind("eyJ0eXAiOiJKV1QifQ.eyJ9.AA") == .text)  // a header without alg
        #expect(kind("a.b.c") == .text)
        #expect(kind("Hello, world.\nThis is an invoice.\n") == .text)
        #expect(kind("0.5 kg of tea") == .text)
        #expect(kind("\u{FEFF}plain text with a byte-order mark") == .text)
    }

    @Test func archives() {
        let asicE = ZIPBytes.archive([
            ("mimetype", Array("application/vnd.etsi.asic-e+zip".utf8)),
            ("META-INF/signatures001.xml", Array("<Signature/>".utf8)),
        ])
        #expect(InputKind.detect(asicE) == .asic(.extended))
        let asicS = ZIPBytes.archive([("mimetype", Array("application/vnd.etsi.asic-s+zip".utf8))])
        #expect(InputKind.detect(asicS) == .asic(.simple))
        let ofd = ZIPBytes.archive([("OFD.xml", Array("<ofd:OFD/>".utf8)), ("Doc_0/Document.xml", [0x3C])])
        #expect(InputKind.detect(ofd) == .ofd)
        #expect(InputKind.detect(ofd).description == "an OFD document (GB/T 33190)")
        #expect(InputKind.detect(ofd).isSupportedSignature)
        // OFD.xml beyond the first 64 KiB: found in the central directory.
        let late = ZIPBytes.archive([
            ("Doc_0/Res/picture.png", [UInt8](repeating: 0x41, count: 100_000)), ("OFD.xml", Array("<ofd:OFD/>".utf8)),
        ])
        #expect(InputKind.detect(late) == .ofd)
        #expect(InputKind.detect(ZIPBytes.archive([("invoice.txt", Array("hello".utf8))])) == .zip)
        #expect(InputKind.detect(ZIPBytes.archive([])) == .zip)
        #expect(InputKind.detect(asicE).isSignatureFormat)
    }

    @Test func images() {
        #expect(InputKind.detect([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13]) == .image(.png))
        #expect(InputKind.detect([0xFF, 0xD8, 0xFF, 0xE0, 0, 16]) == .image(.jpeg))
        #expect(InputKind.detect(Array("GIF89a".utf8) + [1, 0, 1, 0]) == .image(.gif))
        #expect(InputKind.detect(Array("RIFF".utf8) + [0, 0, 0, 0] + Array("WEBPVP8 ".utf8)) == .image(.webP))
        #expect(InputKind.detect(Array("GIF89a".utf8)).description == "a GIF image, not a signature")
    }

    @Test func emptyAndUnknown() {
        #expect(InputKind.detect([UInt8]()) == .empty)
        #expect(InputKind.detect([0x00, 0xFF, 0x13, 0x37, 0x80]) == .unknownBinary)
        #expect(InputKind.detect([0x30, 0x03, 0x01, 0x01, 0xFF]) == .unknownASN1)
        #expect(InputKind.detect([0x30, 0x03, 0x01, 0x01, 0xFF]).isUnknown)
        #expect(InputKind.detect([0x30]) == .text)  // "0"
    }

    @Test func descriptionsSpeakTheUsersLanguage() throws {
        #expect(InputKind.certificate.description == "an X.509 certificate, not a signature")
        #expect(InputKind.ofd.description == "an OFD document (GB/T 33190)")
        #expect(InputKind.pdf.description == "a PDF document: PAdES signatures are not validated yet")
        #expect(InputKind.compactJWS.description == "a compact JWS (JAdES): not validated yet")
        #expect(InputKind.certificate.name == "an X.509 certificate")
        let kinds: [InputKind] = [
            .empty, .cmsSignedData(.rfc5652), .cmsSignedData(.gbt35275), .cmsMessage(contentType: "id-data"),
            .pem(label: "CMS"), .pem(label: "CERTIFICATE"), .certificate, .certificateRevocationList,
            .certificationRequest, .privateKey, .publicKey, .pkcs12, .signatureValue, .timeStampRequest,
            .timeStampResponse, .timeStampToken, .electronicSeal(version: 4), .electronicSealSignature(version: nil),
            .pdf, .xmlSignature, .trustedList, .html, .xml(rootElement: "Invoice"), .jadesJSON, .json, .compactJWS,
            .sdJWT, .asic(.simple), .asic(.extended), .ofd, .zip, .image(.png), .text,
            .base64(inner: .cmsSignedData(.rfc5652)), .unknownASN1, .unknownBinary,
        ]
        for kind in kinds {
            #expect(!kind.description.isEmpty)
            #expect(!kind.description.contains("InputKind"))
            #expect(
                kind.isSupportedSignature == [.cmsSignedData(.rfc5652), .cmsSignedData(.gbt35275), .ofd].contains(kind)
                    || kind == .pem(label: "CMS") || kind == .base64(inner: .cmsSignedData(.rfc5652))
            )
        }
    }

    // MARK: Hostile and damaged input

    /// Every prefix of real inputs: no crash; a signature cut after its content type is still a signature.
    @Test func truncatedInputs() throws {
        let samples = [
            try Self.gmSignature(), try Self.certificate(), try Self.crl(), Self.sm2PKCS8, Self.timeStampToken,
            Self.sealSignature, ZIPBytes.archive([("OFD.xml", [0x3C])]),
        ]
        for sample in samples {
            for length in 0...sample.count { _ = InputKind.detect(sample.prefix(length)) }
        }
        let signature = try Self.gmSignature()
        for length in 16...signature.count {
            #expect(InputKind.detect(signature.prefix(length)) == .cmsSignedData(.gbt35275), "\(length) bytes")
        }
        let certificate = try Self.certificate()
        #expect(InputKind.detect(certificate.prefix(64)) == .certificate)
    }

    /// Random and mutated inputs end in some kind, never a trap.
    @Test func randomAndMutatedInputs() throws {
        var generator = SystemRandomNumberGenerator()
        let megabyte = (0..<(1 << 20)).map { _ in UInt8.random(in: 0...255, using: &generator) }
        _ = InputKind.detect(megabyte)
        _ = InputKind.unwrapBareBase64(megabyte)
        _ = InputKind.detect([0x30, 0x80] + megabyte)
        let samples = [try Self.gmSignature(), try Self.certificate(), Self.sealSignature, Self.timeStampToken]
        for sample in samples {
            for _ in 0..<500 {
                var mutated = sample
                for _ in 0..<Int.random(in: 1...4, using: &generator) {
                    mutated[Int.random(in: 0..<mutated.count, using: &generator)] = UInt8.random(in: 0...255)
                }
                _ = InputKind.detect(mutated)
                _ = InputKind.unwrapBareBase64(mutated)
            }
        }
        for _ in 0..<2000 {
            let length = Int.random(in: 0...64, using: &generator)
            let bytes = [0x30] + (0..<length).map { _ in UInt8.random(in: 0...255, using: &generator) }
            _ = InputKind.detect(bytes)
        }
    }

    /// Lengths that claim more than there is, nested deeply or overflowing: bounds-checked.
    @Test func liesInLengths() {
        let inputs: [[UInt8]] = [
            [0x30, 0x84, 0xFF, 0xFF, 0xFF, 0xFF, 0x06, 0x09],
            [0x30, 0x88, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF],
            [0x30, 0x02, 0x30, 0x84, 0x7F, 0xFF, 0xFF, 0xFF],
            [0x30, 0x80, 0x30, 0x80, 0x30, 0x80, 0x30, 0x80, 0x00, 0x00],
            [UInt8](repeating: 0x30, count: 5000) + [UInt8](repeating: 0x80, count: 5000),
            [0x30, 0x06, 0x06, 0x04, 0x2A, 0x86, 0x48, 0x86],  // an OID cut inside a subidentifier
            Array("PK".utf8) + [0x03, 0x04] + [UInt8](repeating: 0xFF, count: 40),
            Array("PK".utf8) + [0x05, 0x06] + [UInt8](repeating: 0xFF, count: 18),
        ]
        for input in inputs { _ = InputKind.detect(input) }
    }
}

/// DER by hand for synthetic inputs.
enum DERBytes {
    static func tlv(_ tag: UInt8, _ content: [UInt8]) -> [UInt8] {
        if content.count < 0x80 { return [tag, UInt8(content.count)] + content }
        var length: [UInt8] = []
        var remaining = content.count
        while remaining > 0 {
            length.insert(UInt8(remaining & 0xFF), at: 0)
            remaining >>= 8
        }
        return [tag, 0x80 | UInt8(length.count)] + length + content
    }

    static func sequence(_ parts: [UInt8]...) -> [UInt8] { tlv(0x30, parts.flatMap { $0 }) }

    static func integer(_ value: UInt8) -> [UInt8] { tlv(0x02, value < 0x80 ? [value] : [0, value]) }

    static func oid(_ oid: ASN1ObjectIdentifier) -> [UInt8] {
        var serializer = DER.Serializer()
        try? serializer.serialize(oid)
        return serializer.serializedBytes
    }
}

/// Stored (uncompressed) ZIP archives by hand (APPNOTE 6.3.10 §4.3): local headers, central directory, end record.
enum ZIPBytes {
    static func archive(_ entries: [(String, [UInt8])]) -> [UInt8] {
        var body: [UInt8] = []
        var directory: [UInt8] = []
        for (name, data) in entries {
            let offset = body.count
            let nameBytes = Array(name.utf8)
            body += [0x50, 0x4B, 0x03, 0x04] + le16(20) + le16(0) + le16(0) + le16(0) + le16(0) + le32(0)
            body += le32(data.count) + le32(data.count) + le16(nameBytes.count) + le16(0) + nameBytes + data
            directory += [0x50, 0x4B, 0x01, 0x02] + le16(20) + le16(20) + le16(0) + le16(0) + le16(0) + le16(0)
            directory += le32(0) + le32(data.count) + le32(data.count) + le16(nameBytes.count) + le16(0) + le16(0)
            directory += le16(0) + le16(0) + le32(0) + le32(offset) + nameBytes
        }
        let directoryOffset = body.count
        return body + directory + [0x50, 0x4B, 0x05, 0x06] + le16(0) + le16(0) + le16(entries.count)
            + le16(entries.count) + le32(directory.count) + le32(directoryOffset) + le16(0)
    }

    static func le16(_ value: Int) -> [UInt8] { [UInt8(value & 0xFF), UInt8(value >> 8 & 0xFF)] }

    static func le32(_ value: Int) -> [UInt8] { le16(value & 0xFFFF) + le16(value >> 16 & 0xFFFF) }
}
