import Foundation
import SealbridgeCrypto
import SealbridgeTrust
import SealbridgeX509
import SealbridgeXAdES
import SealbridgeXML
import Testing

@testable import SealbridgeValidation

/// XML signatures through the one validation process: a XAdES signature Sealbridge made, the changes that must fail
/// it (a byte of the document, of SignedProperties; wrapping by duplicated and shadowed identifiers; re-serialised
/// XML), a detached reference, and an SM2 signature as China's customs messages carry it.
@Suite struct XAdESValidationTests {
    static let invoice = Array(
        #"<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2" Id="inv-1"><ID>INV-2026-001</ID><Amount currency="EUR">1250.00</Amount></Invoice>"#
            .utf8
    )

    func signed(_ fixtures: ValidationFixtures) throws -> String {
        let bytes = try XMLEnvelopedSigner.sign(
            Self.invoice,
            key: fixtures.signer.key,
            certificate: fixtures.signer.certificate,
            signingTime: fixtures.now
        )
        return String(decoding: bytes, as: UTF8.self)
    }

    func validate(
        _ fixtures: ValidationFixtures,
        _ text: String,
        content: SignedContent? = nil
    ) throws
        -> ValidationReport
    {
        try fixtures.validate(Array(text.utf8), content: content) {
            $0.untrustedCertificates = [fixtures.ca.certificate]
        }
    }

    @Test func anEnvelopedXAdESSignaturePassesAndSaysWhatItSigns() throws {
        let fixtures = try ValidationFixtures()
        let report = try validate(fixtures, try signed(fixtures))
        #expect(report.document.format == .xml)
        #expect(report.outcome == "TOTAL_PASSED")
        let signature = try #require(report.signatures.first)
        // SigningTime and SigningCertificateV2, but no DataObjectFormat: XAdES, not baseline, and the note says why.
        #expect(signature.format == .xades)
        #expect(signature.notes.contains { $0.contains("DataObjectFormat") })
        #expect(signature.notes.contains { $0.contains("signs: the whole document") })
    }

    @Test func aChangedByteInTheDocumentIsAHashFailure() throws {
        let fixtures = try ValidationFixtures()
        let text = try signed(fixtures).replacingOccurrences(of: "1250.00", with: "9250.00")
        #expect(try validate(fixtures, text).outcome == "TOTAL_FAILED/HASH_FAILURE")
    }

    @Test func aChangedSignedPropertyIsAHashFailure() throws {
        let fixtures = try ValidationFixtures()
        let original = try signed(fixtures)
        let time = fixtures.now.description
        let text = original.replacingOccurrences(of: ">\(time)<", with: ">2001-01-01T00:00:00Z<")
        #expect(text != original)
        #expect(try validate(fixtures, text).outcome == "TOTAL_FAILED/HASH_FAILURE")
    }

    @Test func reSerialisedXMLFailsTheDigestAndNeverCrashes() throws {
        let fixtures = try ValidationFixtures()
        let text = try signed(fixtures).replacingOccurrences(of: "<Amount", with: "\n  <Amount")
        #expect(try validate(fixtures, text).outcome == "TOTAL_FAILED/HASH_FAILURE")
    }

    /// Signature wrapping: a second element with the identifier SignedProperties' reference names — a copy, or an
    /// element that shadows it with `ID` — leaves the reference unable to say which was signed: FORMAT_FAILURE.
    @Test(arguments: ["Id", "ID", "id"])
    func duplicatedOrShadowedIdentifiersAreRefused(attribute: String) throws {
        let fixtures = try ValidationFixtures()
        let text = try signed(fixtures)
        let identifier = try #require(
            text.range(of: #"SignedProperties Id=""#).map { range in
                String(text[range.upperBound...].prefix { $0 != "\"" })
            }
        )
        let shadow = "<Note \(attribute)=\"\(identifier)\">not what was signed</Note>"
        let wrapped = text.replacingOccurrences(of: "<ID>", with: shadow + "<ID>")
        let report = try validate(fixtures, wrapped)
        #expect(report.outcome == "TOTAL_FAILED/FORMAT_FAILURE")
        #expect(report.signatures.first?.reason.contains("2 elements have the identifier") == true)
    }

    @Test func aDocumentThatNoReferenceNamesIsNeverPassedAsChecked() throws {
        let fixtures = try ValidationFixtures()
        let report = try validate(
            fixtures,
            try signed(fixtures),
            content: .bytes(Array("other".utf8), name: "other.txt")
        )
        #expect(report.outcome == "TOTAL_FAILED/HASH_FAILURE")
    }

    /// A detached signature over a file, made by hand as XML-DSig writes it; the file is found only among the
    /// documents given.
    @Test func aDetachedReferenceIsResolvedOnlyFromTheDocumentsGiven() throws {
        let fixtures = try ValidationFixtures()
        let file = Array("bill of lading BL-778".utf8)
        let xml = try Self.handSigned(
            root: "<Envelope>SIGNATURE</Envelope>",
            reference:
                #"<ds:Reference URI="bill-778.txt"><ds:DigestMethod Algorithm="http://www.w3.org/2001/04/xmlenc#sha256"/><ds:DigestValue>\#(Data(HashFunction.sha256.digest(file)).base64EncodedString())</ds:DigestValue></ds:Reference>"#,
            signatureMethod: "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256",
            key: fixtures.signer.key,
            certificate: fixtures.signer.certificate,
            raw: true
        )
        let missing = try validate(fixtures, xml)
        #expect(missing.outcome == "INDETERMINATE/SIGNED_DATA_NOT_FOUND")
        let given = try validate(fixtures, xml, content: .bytes(file, name: "bill-778.txt"))
        #expect(given.outcome == "TOTAL_PASSED")
        #expect(given.documents.contains { $0.role == .detachedContent && $0.name == "bill-778.txt" })
        let changed = try validate(fixtures, xml, content: .bytes(file + [0x21], name: "bill-778.txt"))
        #expect(changed.outcome == "TOTAL_FAILED/HASH_FAILURE")
    }

    /// China E-Port's cross-border e-commerce messages: `xmldsig#sm2-sm3`, r ‖ s in 64 bytes, here with SM3
    /// reference digests (`chinaport.gov.cn/2022/04/xmldsig#sm3`).
    @Test func anSM2SignatureAsChineseCustomsWritesItPasses() throws {
        let (root, signer) = try Self.sm2RootAndSigner("Demo customs CA", "Demo cross-border e-commerce enterprise")
        let message =
            #"<ceb:CEB621Message xmlns:ceb="http://www.chinaport.gov.cn/ceb" guid="4CDE1CFD-EDED-46B1-946C-B8022E42FC94" version="1.0"><ceb:Inventory><ceb:orderNo>ORDER-0001</ceb:orderNo></ceb:Inventory>SIGNATURE</ceb:CEB621Message>"#
        let unsigned = try XMLTree(
            parsing: Array(message.replacingOccurrences(of: "SIGNATURE", with: "").utf8),
            source: "message"
        )
        let digest = HashFunction.sm3.digest(
            try unsigned.canonicalForm(of: nil, excluding: nil, method: CanonicalizationMethod.all[0])
        )
        let xml = try Self.handSigned(
            root: message,
            reference:
                #"<ds:Reference URI=""><ds:Transforms><ds:Transform Algorithm="http://www.w3.org/2000/09/xmldsig#enveloped-signature"/></ds:Transforms><ds:DigestMethod Algorithm="http://www.chinaport.gov.cn/2022/04/xmldsig#sm3"/><ds:DigestValue>\#(Data(digest).base64EncodedString())</ds:DigestValue></ds:Reference>"#,
            signatureMethod: "http://www.w3.org/2000/09/xmldsig#sm2-sm3",
            key: signer.key,
            certificate: signer.certificate,
            raw: true
        )
        var context = ValidationContext()
        context.anchors = [root.certificate]
        context.revocationPolicy = .whereAvailable
        let report = try SignatureValidator(context: context).validate(Array(xml.utf8), name: "CEB621.xml")
        #expect(report.outcome == "TOTAL_PASSED")
        #expect(report.signatures.first?.format == .xmlDSig)
        let tampered = xml.replacingOccurrences(of: "ORDER-0001", with: "ORDER-0002")
        let failed = try SignatureValidator(context: context).validate(Array(tampered.utf8), name: "CEB621.xml")
        #expect(failed.outcome == "TOTAL_FAILED/HASH_FAILURE")
    }

    /// Hostile references: a file or web address is never fetched; an XPath that would take unbounded work stops at
    /// libxml2's operation limit; more references than the bound are refused before any is digested.
    @Test func hostileReferencesAreBounded() throws {
        let fixtures = try ValidationFixtures()
        func signed(_ references: String, items: Int = 1) throws -> String {
            try Self.handSigned(
                root: "<Envelope>" + String(repeating: "<Item>laptops</Item>", count: items) + "SIGNATURE</Envelope>",
                reference: references,
                signatureMethod: "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256",
                key: fixtures.signer.key,
                certificate: fixtures.signer.certificate,
                raw: true
            )
        }
        let digest =
            #"<ds:DigestMethod Algorithm="http://www.w3.org/2001/04/xmlenc#sha256"/><ds:DigestValue>AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=</ds:DigestValue>"#
        for uri in ["file:///etc/passwd", "http://127.0.0.1:9/x.xml", "../../secret.xml"] {
            let report = try validate(fixtures, try signed(#"<ds:Reference URI="\#(uri)">\#(digest)</ds:Reference>"#))
            #expect(report.outcome == "INDETERMINATE/SIGNED_DATA_NOT_FOUND", "\(uri)")
        }
        let explosive =
            #"<ds:Reference URI=""><ds:Transforms><ds:Transform Algorithm="http://www.w3.org/2002/06/xmldsig-filter2"><f:XPath xmlns:f="http://www.w3.org/2002/06/xmldsig-filter2" Filter="intersect">//*[count(//*[count(//*[count(//node()) > 0]) > 0]) > 0]</f:XPath></ds:Transform></ds:Transforms>\#(digest)</ds:Reference>"#
        let started = Date()
        // 2,000 items: the expression would take about 2,000³ steps; the limit stops it at 5 million.
        let report = try validate(fixtures, try signed(explosive, items: 2_000))
        #expect(report.outcome == "TOTAL_FAILED/FORMAT_FAILURE")
        #expect(Date().timeIntervalSince(started) < 30)
        let many = String(repeating: #"<ds:Reference URI="">\#(digest)</ds:Reference>"#, count: 257)
        let tooMany = try validate(fixtures, try signed(many))
        #expect(tooMany.outcome == "TOTAL_FAILED/FORMAT_FAILURE")
        #expect(tooMany.signatures.first?.reason.contains("more than 256 references") == true)
    }

    @Test func anXMLDocumentWithoutASignatureIsNotASignature() throws {
        let fixtures = try ValidationFixtures()
        #expect(throws: NotASignatureError.self) {
            try validate(fixtures, String(decoding: Self.invoice, as: UTF8.self))
        }
    }

    @Test func aDocumentTypeDeclarationIsAFormatFailure() throws {
        let fixtures = try ValidationFixtures()
        let text =
            #"<!DOCTYPE x [<!ENTITY e "boom">]><x xmlns:ds="http://www.w3.org/2000/09/xmldsig#"><ds:Signature/></x>"#
        let report = try validate(fixtures, text)
        #expect(report.outcome == "TOTAL_FAILED/FORMAT_FAILURE")
        #expect(report.summary.contains("DOCTYPE"))
    }

    /// An SM2 root and a signer it issued, valid from 30 days ago for a year.
    static func sm2RootAndSigner(
        _ rootName: String,
        _ signerName: String
    ) throws -> (
        root: ValidationFixtures.Identity, signer: ValidationFixtures.Identity
    ) {
        let serials = ValidationFixtures.SerialCounter()
        let now = X509Time.now
        let root = try ValidationFixtures.make(
            rootName,
            by: nil,
            isCA: true,
            from: -30,
            until: 365,
            serial: serials,
            now: now,
            algorithm: .sm2
        )
        let signer = try ValidationFixtures.make(
            signerName,
            by: root,
            from: -30,
            until: 365,
            serial: serials,
            now: now,
            algorithm: .sm2
        )
        return (root, signer)
    }

    /// An XML-DSig signature written by hand: `root` with `SIGNATURE` where the ds:Signature goes, one reference,
    /// C14N 1.0 SignedInfo, the certificate in KeyInfo; the value made over SignedInfo canonicalised in place.
    static func handSigned(
        root: String,
        reference: String,
        signatureMethod: String,
        key: PrivateKey,
        certificate: Certificate,
        raw: Bool
    ) throws -> String {
        let signedInfo =
            #"<ds:SignedInfo><ds:CanonicalizationMethod Algorithm="http://www.w3.org/TR/2001/REC-xml-c14n-20010315"/><ds:SignatureMethod Algorithm="\#(signatureMethod)"/>\#(reference)</ds:SignedInfo>"#
        func document(_ value: String) -> String {
            root.replacingOccurrences(
                of: "SIGNATURE",
                with:
                    #"<ds:Signature xmlns:ds="http://www.w3.org/2000/09/xmldsig#">\#(signedInfo)<ds:SignatureValue>\#(value)</ds:SignatureValue><ds:KeyInfo><ds:X509Data><ds:X509Certificate>\#(Data(certificate.derBytes).base64EncodedString())</ds:X509Certificate></ds:X509Data></ds:KeyInfo></ds:Signature>"#
            )
        }
        let draft = try XMLTree(parsing: Array(document("AA==").utf8), source: "draft")
        let info = try #require(
            XAdESVerifier.topLevelSignatures(in: draft).first?.child(XMLDSigNamespace.dsig, "SignedInfo")
        )
        let canonical = try draft.canonicalForm(of: info, excluding: nil, method: CanonicalizationMethod.all[0])
        var value = try key.signature(for: canonical)
        if raw { value = try SignatureEncoding.raw(fromDER: value, componentByteCount: 32) }
        return document(Data(value).base64EncodedString())
    }
}
