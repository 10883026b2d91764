import Foundation
import SealbridgeCrypto
import SealbridgeTestVectors
import SealbridgeX509
import SealbridgeXAdES
import SealbridgeXML
import Testing

@testable import SealbridgeValidation

/// XAdES signatures Sealbridge makes: every packaging at B-B and B-T validates TOTAL_PASSED at the baseline level it
/// claims, a changed document fails it; xmlsec1 verifies them as XML-DSig, and Sealbridge validates what xmlsec1
/// signs with each of the six canonicalisations.
@Suite struct XAdESSigningTests {
    static let invoice = Array(
        #"<?xml version="1.0" encoding="UTF-8"?><Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"><ID>INV-2026-001</ID><Amount currency="EUR">1250.00</Amount></Invoice>"#
            .utf8
    )
    static let pdfLike = Array("%PDF-1.7 pretend bill of lading BL-778\n".utf8)

    enum Packaging: String, CaseIterable { case enveloped, enveloping, detached }

    func sign(
        _ fixtures: ValidationFixtures,
        _ packaging: Packaging,
        document: [UInt8] = invoice,
        timeStamp: Bool
    ) async throws -> [UInt8] {
        var request = XAdESSigner.Request(
            document: document,
            mimeType: document == Self.invoice ? "text/xml" : "application/pdf",
            packaging: packaging == .enveloped
                ? .enveloped : packaging == .enveloping ? .enveloping : .detached(fileName: "invoice 1.xml"),
            key: fixtures.signer.key,
            certificate: fixtures.signer.certificate
        )
        request.chain = [fixtures.ca.certificate]
        request.signingTime = fixtures.now
        request.commitmentType = "http://uri.etsi.org/01903/v1.2.2#ProofOfOrigin"
        request.claimedRole = "customs broker"
        if timeStamp { request.timeStamp = try fixtures.timeStampAuthority() }
        return try await XAdESSigner.sign(request)
    }

    @Test(arguments: Packaging.allCases, [false, true])
    func whatWeSignValidatesAtTheLevelItClaims(packaging: Packaging, timeStamp: Bool) async throws {
        let fixtures = try ValidationFixtures()
        let signed = try await sign(fixtures, packaging, timeStamp: timeStamp)
        let content: SignedContent? = packaging == .detached ? .bytes(Self.invoice, name: "invoice 1.xml") : nil
        let report = try fixtures.validate(signed, content: content)
        #expect(report.outcome == "TOTAL_PASSED", "\(report.signatures.first?.reason ?? report.summary)")
        #expect(report.signatures.first?.format == (timeStamp ? .xadesBaselineT : .xadesBaselineB))
        #expect(report.signatures.first?.timeStamps.count == (timeStamp ? 1 : 0))
        #expect(report.signatures.first?.notes.contains("claimed signer roles: customs broker") == true)

        let changed: [UInt8]
        let changedContent: SignedContent?
        if packaging == .detached {
            changed = signed
            changedContent = .bytes(
                Array(
                    String(decoding: Self.invoice, as: UTF8.self).replacingOccurrences(of: "1250", with: "9250").utf8
                ),
                name: "invoice 1.xml"
            )
        } else {
            changed = Array(
                String(decoding: signed, as: UTF8.self).replacingOccurrences(of: "1250.00", with: "9250.00").utf8
            )
            changedContent = nil
        }
        #expect(try fixtures.validate(changed, content: changedContent).outcome == "TOTAL_FAILED/HASH_FAILURE")
    }

    @Test func aBinaryDocumentIsSignedEnvelopingInBase64() async throws {
        let fixtures = try ValidationFixtures()
        let signed = try await sign(fixtures, .enveloping, document: Self.pdfLike, timeStamp: false)
        #expect(String(decoding: signed, as: UTF8.self).contains("xmldsig#base64"))
        #expect(try fixtures.validate(signed).outcome == "TOTAL_PASSED")
    }

    @Test func aNonXMLDocumentCannotBeSignedEnveloped() async throws {
        let fixtures = try ValidationFixtures()
        await #expect(throws: XAdESSigningError.self) {
            _ = try await sign(fixtures, .enveloped, document: Self.pdfLike, timeStamp: false)
        }
    }

    /// SM2 signs with SM3 digests and `xmldsig#sm2-sm3`, r ‖ s.
    @Test func anSM2SignerSignsAsCustomsExpects() async throws {
        let (root, signer) = try XAdESValidationTests.sm2RootAndSigner("Demo CN root", "Demo exporter")
        let signed = try await XAdESSigner.sign(
            .init(
                document: Self.invoice,
                mimeType: "text/xml",
                packaging: .enveloped,
                key: signer.key,
                certificate: signer.certificate
            )
        )
        let text = String(decoding: signed, as: UTF8.self)
        #expect(text.contains(XMLSignatureAlgorithms.sm2WithSM3))
        #expect(text.contains(XMLSignatureAlgorithms.chinaPortSM3))
        var context = ValidationContext()
        context.anchors = [root.certificate]
        context.revocationPolicy = .whereAvailable
        let report = try SignatureValidator(context: context).validate(signed, name: "invoice.xml")
        #expect(report.outcome == "TOTAL_PASSED")
        #expect(report.signatures.first?.signatureAlgorithm == "SM2-with-SM3")
    }

    // MARK: xmlsec1

    static let xmlsec = TestProcess.xmlsec1Path != nil && TestProcess.openSSLPath != nil

    /// A key and self-signed certificate made by OpenSSL.
    static func openSSLIdentity(_ kind: String, in folder: TemporaryFolder) throws -> (PrivateKey, Certificate) {
        var arguments = ["req", "-x509", "-nodes", "-days", "30", "-subj", "/CN=Interop signer/C=DE"]
        if kind.hasPrefix("ec:") {
            arguments += ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:\(kind.dropFirst(3))"]
        } else {
            arguments += ["-newkey", kind]
        }
        arguments += ["-keyout", folder.path("key.pem"), "-out", folder.path("cert.pem")]
        let made = try TestProcess.openSSL(arguments)
        try #require(made.status == 0, "\(made.error)")
        let key = try PrivateKey(pemOrDER: try folder.read("key.pem"))
        let certificate = try #require(try Certificate.readAll(from: try folder.read("cert.pem")).first)
        return (key, certificate)
    }

    /// xmlsec1 verifies the signatures Sealbridge makes (the key pinned to the certificate; references within the
    /// document and, for detached, the file beside it).
    @Test(
        .enabled(if: xmlsec, Comment(rawValue: TestProcess.Missing.xmlsec1OrOpenSSL)),
        arguments: ["rsa:2048", "ec:P-256", "ec:P-384"],
        Packaging.allCases
    )
    func xmlsec1VerifiesWhatWeSign(kind: String, packaging: Packaging) async throws {
        let folder = try TemporaryFolder()
        let (key, certificate) = try Self.openSSLIdentity(kind, in: folder)
        _ = try folder.write("invoice.xml", Self.invoice)
        var request = XAdESSigner.Request(
            document: Self.invoice,
            mimeType: "text/xml",
            packaging: packaging == .enveloped
                ? .enveloped : packaging == .enveloping ? .enveloping : .detached(fileName: "invoice.xml"),
            key: key,
            certificate: certificate
        )
        request.hash = kind == "ec:P-384" ? .sha384 : .sha256
        let signed = try await XAdESSigner.sign(request)
        let path = try folder.write("signed.xml", signed)
        func verifies(_ file: String) throws -> Bool {
            let result = try TestProcess.xmlsec1(
                [
                    "--verify", "--enabled-key-data", "key-name", "--pubkey-cert-pem", folder.path("cert.pem"),
                    "--id-attr:Id", "http://uri.etsi.org/01903/v1.3.2#:SignedProperties",
                    "--id-attr:Id", "http://www.w3.org/2000/09/xmldsig#:Object", file,
                ],
                workingDirectory: folder.url
            )
            return result.status == 0
        }
        // xmlsec1 resolves the detached reference beside the signature file (relative to the document's URL).
        #expect(try verifies(path), "xmlsec1 rejected \(kind) \(packaging)")
        let tampered = String(decoding: signed, as: UTF8.self).replacingOccurrences(of: "Amount", with: "Amounts")
        if packaging != .detached {
            #expect(try !verifies(try folder.write("tampered.xml", Array(tampered.utf8))))
        }
    }

    /// xmlsec1 signs `template` with the folder's key into `signed.xml`; the context trusts `certificate` alone.
    static func xmlsec1Signs(
        _ template: String,
        in folder: TemporaryFolder,
        trusting certificate: Certificate
    ) throws
        -> ValidationContext
    {
        let templatePath = try folder.write("template.xml", Array(template.utf8))
        let signed = try TestProcess.xmlsec1([
            "--sign", "--privkey-pem", "\(folder.path("key.pem")),\(folder.path("cert.pem"))", "--output",
            folder.path("signed.xml"), templatePath,
        ])
        try #require(signed.status == 0, "\(signed.error)")
        var context = ValidationContext()
        context.anchors = [certificate]
        context.revocationPolicy = .none
        return context
    }

    /// Sealbridge validates XML-DSig that xmlsec1 signs, with each canonicalisation for SignedInfo and reference.
    @Test(
        .enabled(if: xmlsec, Comment(rawValue: TestProcess.Missing.xmlsec1OrOpenSSL)),
        arguments: ["rsa:2048", "ec:P-256"],
        CanonicalizationMethod.all.map(\.uri)
    )
    func weValidateWhatXMLSec1Signs(kind: String, c14n: String) throws {
        let folder = try TemporaryFolder()
        let (_, certificate) = try Self.openSSLIdentity(kind, in: folder)
        let method =
            kind.hasPrefix("ec")
            ? "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256"
            : "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256"
        let template = """
            <?xml version="1.0" encoding="UTF-8"?>
            <Declaration xmlns="urn:example:customs" xmlns:x="urn:example:extra"><!-- a comment --><Item x:code="8471">laptops</Item><ds:Signature xmlns:ds="http://www.w3.org/2000/09/xmldsig#"><ds:SignedInfo><ds:CanonicalizationMethod Algorithm="\(c14n)"/><ds:SignatureMethod Algorithm="\(method)"/><ds:Reference URI=""><ds:Transforms><ds:Transform Algorithm="http://www.w3.org/2000/09/xmldsig#enveloped-signature"/><ds:Transform Algorithm="\(c14n)"/></ds:Transforms><ds:DigestMethod Algorithm="http://www.w3.org/2001/04/xmlenc#sha256"/><ds:DigestValue/></ds:Reference></ds:SignedInfo><ds:SignatureValue/><ds:KeyInfo><ds:X509Data/></ds:KeyInfo></ds:Signature></Declaration>
            """
        let context = try Self.xmlsec1Signs(template, in: folder, trusting: certificate)
        let report = try SignatureValidator(context: context).validate(
            try folder.read("signed.xml"),
            name: "declaration.xml"
        )
        #expect(report.outcome == "TOTAL_PASSED", "\(c14n): \(report.signatures.first?.reason ?? report.summary)")
        #expect(report.signatures.first?.format == .xmlDSig)
        let tampered = String(decoding: try folder.read("signed.xml"), as: UTF8.self)
            .replacingOccurrences(of: "laptops", with: "tablets")
        let failed = try SignatureValidator(context: context).validate(Array(tampered.utf8), name: "declaration.xml")
        #expect(failed.outcome == "TOTAL_FAILED/HASH_FAILURE")
    }

    /// The XPath transforms as xmlsec1 applies them: XPath Filter 2.0 (subtract the signature; intersect an element
    /// and subtract the signature) and the XPath transform in the form signers use.
    @Test(
        .enabled(if: xmlsec, Comment(rawValue: TestProcess.Missing.xmlsec1OrOpenSSL)),
        arguments: [
            #"<ds:Transform Algorithm="http://www.w3.org/2002/06/xmldsig-filter2"><dsig-xpath:XPath xmlns:dsig-xpath="http://www.w3.org/2002/06/xmldsig-filter2" Filter="subtract">/descendant::ds:Signature</dsig-xpath:XPath></ds:Transform>"#,
            #"<ds:Transform Algorithm="http://www.w3.org/2002/06/xmldsig-filter2"><dsig-xpath:XPath xmlns:dsig-xpath="http://www.w3.org/2002/06/xmldsig-filter2" xmlns:c="urn:example:customs" Filter="intersect">//c:Item</dsig-xpath:XPath><dsig-xpath:XPath xmlns:dsig-xpath="http://www.w3.org/2002/06/xmldsig-filter2" Filter="subtract">/descendant::ds:Signature</dsig-xpath:XPath></ds:Transform>"#,
            #"<ds:Transform Algorithm="http://www.w3.org/TR/1999/REC-xpath-19991116"><ds:XPath>not(ancestor-or-self::ds:Signature)</ds:XPath></ds:Transform>"#,
        ]
    )
    func weApplyXPathTransformsAsXMLSec1Does(transform: String) throws {
        let folder = try TemporaryFolder()
        let (_, certificate) = try Self.openSSLIdentity("ec:P-256", in: folder)
        let template = """
            <?xml version="1.0" encoding="UTF-8"?>
            <Declaration xmlns="urn:example:customs"><Item code="8471">laptops</Item><Note>unsigned remark</Note><ds:Signature xmlns:ds="http://www.w3.org/2000/09/xmldsig#"><ds:SignedInfo><ds:CanonicalizationMethod Algorithm="http://www.w3.org/2001/10/xml-exc-c14n#"/><ds:SignatureMethod Algorithm="http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256"/><ds:Reference URI=""><ds:Transforms>\(transform)</ds:Transforms><ds:DigestMethod Algorithm="http://www.w3.org/2001/04/xmlenc#sha256"/><ds:DigestValue/></ds:Reference></ds:SignedInfo><ds:SignatureValue/><ds:KeyInfo><ds:X509Data/></ds:KeyInfo></ds:Signature></Declaration>
            """
        let context = try Self.xmlsec1Signs(template, in: folder, trusting: certificate)
        let bytes = try folder.read("signed.xml")
        let report = try SignatureValidator(context: context).validate(bytes, name: "declaration.xml")
        #expect(report.outcome == "TOTAL_PASSED", "\(report.signatures.first?.reason ?? report.summary)")
        let text = String(decoding: bytes, as: UTF8.self)
        let item = try SignatureValidator(context: context).validate(
            Array(text.replacingOccurrences(of: "laptops", with: "tablets").utf8),
            name: "declaration.xml"
        )
        #expect(item.outcome == "TOTAL_FAILED/HASH_FAILURE")
        // The remark is outside what the intersecting filter signs: changing it changes nothing signed.
        let remark = try SignatureValidator(context: context).validate(
            Array(text.replacingOccurrences(of: "unsigned remark", with: "changed remark!").utf8),
            name: "declaration.xml"
        )
        #expect(remark.outcome == (transform.contains("intersect") ? "TOTAL_PASSED" : "TOTAL_FAILED/HASH_FAILURE"))
    }
}
