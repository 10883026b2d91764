import Foundation
import SealbridgeCrypto
import SealbridgeTestVectors
import SealbridgeTrust
import SealbridgeX509
import Testing

/// The real Czech trusted list (TS 119 612 v5) and its altered copy: what they contain, their signature, the
/// framework they publish, and agreement with xmlsec1.
struct TrustedListTests {
    static func bytes(_ name: String) throws -> [UInt8] { Array(try Vectors.data("trustlists/\(name)")) }

    static func signer() throws -> Certificate {
        try #require(try Certificate.readAll(from: try bytes("CZ-seq77-signer.pem")).first)
    }

    static func czech(_ name: String = "CZ-seq77.xml", anchors: [Certificate]? = nil) throws -> TrustedList {
        try TrustedList(parsing: try bytes(name), source: name, anchors: anchors ?? [try signer()])
    }

    /// A self-signed list operator: its key and certificate.
    static func operatorIdentity(_ name: String, _ algorithm: KeyAlgorithm = .p256) throws -> (PrivateKey, Certificate)
    {
        let key = try PrivateKey.generate(algorithm)
        var template = CertificateTemplate(
            subject: try DistinguishedName([(NameAttribute.country, "CZ"), (NameAttribute.commonName, name)]),
            serialNumber: [2],
            notBefore: X509Time(year: 2026, month: 1, day: 1, hour: 0, minute: 0, second: 0),
            notAfter: X509Time(year: 2028, month: 1, day: 1, hour: 0, minute: 0, second: 0),
            publicKey: key.publicKey
        )
        template.keyUsage = [.digitalSignature]
        return (key, try CertificateIssuer.issue(template, issuer: nil, issuerKey: key))
    }

    static let qualifiedCA = "http://uri.etsi.org/TrstSvc/Svctype/CA/QC"
    static let qualifiedTSA = "http://uri.etsi.org/TrstSvc/Svctype/TSA/QTST"

    @Test func theCzechListIsReadCompletely() throws {
        let list = try Self.czech()
        #expect(list.version == 5)
        #expect(list.sequenceNumber == 77)
        #expect(list.territory == "CZ")
        #expect(list.type == "http://uri.etsi.org/TrstSvc/TrustedList/TSLType/EUgeneric")
        #expect(list.operatorName == "Ministry of the Interior of the Czech Republic")
        #expect(list.issued == X509Time(rfc3339: "2019-08-23T08:00:00Z"))
        #expect(list.nextUpdate == X509Time(rfc3339: "2020-02-23T00:00:00Z"))
        #expect(list.distributionPoints.count == 2)
        #expect(list.pointers.count == 1)
        #expect(list.pointers.first?.location == "https://ec.europa.eu/tools/lotl/eu-lotl.xml")
        #expect(list.pointers.first?.signingCertificates.count == 8)
        #expect(list.pointers.first?.territory == "EU")
        #expect(list.pointers.first?.mimeType == "application/vnd.etsi.tsl+xml")
        #expect(list.providers.count == 6)
        #expect(list.services.count == 133)
        #expect(list.services.map(\.history.count).reduce(0, +) == 74)
        let types = Dictionary(grouping: list.services, by: \.current.type).mapValues(\.count)
        #expect(types[Self.qualifiedCA] == 19)
        #expect(types[Self.qualifiedTSA] == 104)
        #expect(types["http://uri.etsi.org/TrstSvc/Svctype/QESValidation/Q"] == 7)
        #expect(types["http://uri.etsi.org/TrstSvc/Svctype/PSES/Q"] == 3)
        let statuses = Dictionary(grouping: list.services, by: \.current.statusName).mapValues(\.count)
        #expect(statuses == ["granted": 74, "withdrawn": 59])
        let qualifications = list.services.flatMap { [$0.current] + $0.history }.flatMap(\.extensions.qualifications)
        #expect(qualifications.count == 34)
        let information = list.services.flatMap(\.current.extensions.additionalServiceInformation)
        #expect(information.count == 48)
        #expect(list.services.filter { $0.current.identity.subjectKeyIdentifiers.count == 1 }.count == 63)
        #expect(list.services.allSatisfy { $0.current.identity.certificates.count == 1 } == true)
    }

    @Test func theRealListsSignatureIsValidWithItsSignerPinned() throws {
        let list = try Self.czech()
        #expect(list.signature.outcome == .valid)
        #expect(list.signature.references.count == 2)
        #expect(list.signature.references.allSatisfy { $0.digestMatches })
        #expect(list.signature.signatureMethod == "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256")
        #expect(list.signature.canonicalizationMethod == "http://www.w3.org/2001/10/xml-exc-c14n#")
        #expect(list.signature.signerCertificate == (try Self.signer()))
        #expect(list.signature.signingTime == X509Time(rfc3339: "2019-08-23T08:04:01Z"))
    }

    /// DSS TLValidationJobTest: the altered copy is TOTAL_FAILED/HASH_FAILURE — the whole-document reference fails
    /// while the signature value over SignedInfo still verifies.
    @Test func theAlteredCopyFailsOnTheDocumentDigest() throws {
        let list = try Self.czech("CZ-seq77-broken-sig.xml")
        #expect(list.signature.outcome == .referenceDigestMismatch(uri: ""))
        #expect(list.signature.references.map(\.digestMatches) == [false, true])
        #expect(list.signature.signerCertificate == (try Self.signer()))
        // The only difference: one TSA service's status.
        let real = try Self.czech()
        #expect(list.services.filter { $0.current.statusName == "granted" }.count == 75)
        #expect(real.services.filter { $0.current.statusName == "granted" }.count == 74)
    }

    @Test func aSignerThatIsNotTheAnchorIsNotTrusted() throws {
        let unpinned = try Self.czech(anchors: [])
        guard case .signerNotTrusted = unpinned.signature.outcome else {
            Issue.record("expected signerNotTrusted, got \(unpinned.signature.outcome)")
            return
        }
        let other = try Certificate(derEncoded: Array(try Vectors.data("pkits/certs/TrustAnchorRootCertificate.crt")))
        let wrong = try Self.czech(anchors: [other])
        guard case .signerNotTrusted = wrong.signature.outcome else {
            Issue.record("expected signerNotTrusted, got \(wrong.signature.outcome)")
            return
        }
    }

    /// Service status decides the level at the time of signing (TS 119 612 §5.6, status history).
    @Test func theFrameworkFollowsTheStatusHistory() throws {
        let list = try Self.czech()
        let framework = try list.trustFramework()
        #expect(framework.id == "tl-cz")
        #expect(framework.jurisdiction == "EU")
        #expect(framework.levels == ["non-qualified", "qualified"])
        // 19 qualified CAs, each with its current period plus the accredited/granted history periods.
        let anchored = Set(framework.anchors.map(\.certificate))
        #expect(anchored.count == 19)
        #expect(framework.anchors.allSatisfy { $0.level == "qualified" })
        // A CA with history: a period before the first listing confers nothing.
        guard let service = list.services.first(where: { $0.current.type == Self.qualifiedCA && !$0.history.isEmpty }),
            let certificate = service.current.identity.certificates.first
        else {
            Issue.record("no qualified CA with history")
            return
        }
        let periods = service.periods
        let entries = framework.anchors(for: certificate)
        #expect(entries.count == periods.filter { TrustedList.isPositive(status: $0.state.status) }.count)
        let first = try #require(periods.first)
        #expect(service.state(at: first.state.statusStartingTime)?.status == first.state.status)
        #expect(
            service.state(at: X509Time(secondsSinceEpoch: first.state.statusStartingTime.secondsSinceEpoch - 1)) == nil
        )
        // TSAs whose status was ever granted/accredited.
        #expect(!framework.timeStampingAuthorities.isEmpty)
    }

    @Test func withdrawnServicesConferNothingAfterWithdrawal() throws {
        let list = try Self.czech()
        let withdrawn = list.services.filter { $0.current.statusName == "withdrawn" }
        #expect(withdrawn.count == 59)
        for service in withdrawn {
            let after = X509Time(secondsSinceEpoch: service.current.statusStartingTime.secondsSinceEpoch + 1)
            #expect(service.state(at: after)?.statusName == "withdrawn")
            #expect(!TrustedList.isPositive(status: service.current.status))
        }
    }
}

/// Our verdict on trusted-list signatures agrees with xmlsec1's, and xmlsec1 verifies the lists we sign.
struct TrustedListXMLSecTests {
    static let available = TestProcess.xmlsec1Path != nil && TestProcess.openSSLPath != nil

    /// xmlsec1 with the key pinned to the certificate (`--enabled-key-data key-name`: KeyInfo is ignored).
    static func xmlsecVerifies(_ file: String, certificate: String) throws -> Bool {
        let result = try TestProcess.xmlsec1([
            "--verify", "--enabled-key-data", "key-name", "--enabled-reference-uris", "empty,same-doc",
            "--pubkey-cert-pem", certificate, file,
        ])
        return result.status == 0
    }

    @Test(.enabled(if: available, Comment(rawValue: TestProcess.Missing.xmlsec1OrOpenSSL)))
    func xmlsec1AgreesOnTheCzechLists() throws {
        let folder = try TemporaryFolder()
        let signer = try folder.write("signer.pem", try TrustedListTests.bytes("CZ-seq77-signer.pem"))
        for (name, valid) in [("CZ-seq77.xml", true), ("CZ-seq77-broken-sig.xml", false)] {
            let path = try folder.write(name, try TrustedListTests.bytes(name))
            let ours = try TrustedListTests.czech(name).signature.isValid
            let theirs = try Self.xmlsecVerifies(path, certificate: signer)
            #expect(ours == valid, "\(name): ours")
            #expect(theirs == valid, "\(name): xmlsec1")
        }
    }

    /// The Czech list with its signature removed, re-signed by us with RSA, RSA and P-256 keys and SHA-256/384/512:
    /// xmlsec1 verifies every one, and so do we; one flipped byte in the content fails both.
    @Test(
        .enabled(if: available, Comment(rawValue: TestProcess.Missing.xmlsec1OrOpenSSL)),
        arguments: ["rsa:2048 sha256", "ec:P-256 sha256", "ec:P-384 sha384", "rsa:3072 sha512"]
    )
    func xmlsec1VerifiesWhatWeSign(_ setting: String) throws {
        let parts = setting.split(separator: " ").map(String.init)
        let hash = HashFunction(rawValue: parts[1]) ?? .sha256
        let folder = try TemporaryFolder()
        var keyArguments = ["req", "-x509", "-nodes", "-days", "30", "-subj", "/CN=Trusted list operator/C=CZ"]
        if parts[0].hasPrefix("ec:") {
            keyArguments += ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:\(parts[0].dropFirst(3))"]
        } else {
            keyArguments += ["-newkey", parts[0]]
        }
        keyArguments += ["-keyout", folder.path("key.pem"), "-out", folder.path("cert.pem")]
        let made = try TestProcess.openSSL(keyArguments)
        try #require(made.status == 0, "\(made.error)")
        let key = try PrivateKey(pemOrDER: try folder.read("key.pem"))
        let certificate = try #require(try Certificate.readAll(from: try folder.read("cert.pem")).first)
        let unsigned = try Self.withoutSignature(try TrustedListTests.bytes("CZ-seq77.xml"))
        let signed = try XMLEnvelopedSigner.sign(
            unsigned,
            key: key,
            certificate: certificate,
            hash: hash,
            signingTime: X509Time(year: 2026, month: 11, day: 29, hour: 12, minute: 0, second: 0)
        )
        let path = try folder.write("signed.xml", signed)
        #expect(try Self.xmlsecVerifies(path, certificate: folder.path("cert.pem")), "xmlsec1 rejected \(setting)")
        let ours = try TrustedList(parsing: signed, anchors: [certificate])
        #expect(ours.signature.outcome == .valid)
        #expect(ours.signature.signingTime == X509Time(year: 2026, month: 11, day: 29, hour: 12, minute: 0, second: 0))
        #expect(ours.services.count == 133)

        let tampered = try Self.replacing("Svcstatus/withdrawn", with: "Svcstatus/granted", in: signed)
        let tamperedPath = try folder.write("tampered.xml", tampered)
        #expect(try !Self.xmlsecVerifies(tamperedPath, certificate: folder.path("cert.pem")))
        #expect(
            try TrustedList(parsing: tampered, anchors: [certificate]).signature.outcome
                == .referenceDigestMismatch(uri: "")
        )
    }

    static func withoutSignature(_ bytes: [UInt8]) throws -> [UInt8] {
        let text = String(decoding: bytes, as: UTF8.self)
        guard let start = text.range(of: "<ds:Signature "), let end = text.range(of: "</ds:Signature>") else {
            throw CocoaError(.fileReadCorruptFile)
        }
        return Array((String(text[..<start.lowerBound]) + String(text[end.upperBound...])).utf8)
    }

    static func replacing(_ old: String, with new: String, in bytes: [UInt8]) throws -> [UInt8] {
        let text = String(decoding: bytes, as: UTF8.self)
        guard let range = text.range(of: old) else { throw CocoaError(.fileReadCorruptFile) }
        return Array(text.replacingCharacters(in: range, with: new).utf8)
    }
}

/// Version 6 lists are signed per EN 319 132-1: SigningCertificateV2 only.
struct TrustedListVersionTests {
    @Test func aVersion6ListNeedsSigningCertificateV2() throws {
        let (key, certificate) = try TrustedListTests.operatorIdentity("TL operator")
        let unsigned = try TrustedListXMLSecTests.withoutSignature(try TrustedListTests.bytes("CZ-seq77.xml"))
        let version6 = try TrustedListXMLSecTests.replacing(
            "<TSLVersionIdentifier>5<",
            with: "<TSLVersionIdentifier>6<",
            in: unsigned
        )
        for (v2, expected) in [(true, true), (false, false)] {
            let signed = try XMLEnvelopedSigner.sign(
                version6,
                key: key,
                certificate: certificate,
                signingCertificateV2: v2
            )
            let list = try TrustedList(parsing: signed, anchors: [certificate])
            #expect(list.version == 6)
            #expect(list.signature.signingCertificateVersion == (v2 ? 2 : 1))
            #expect(list.signature.isValid == expected, "\(list.signature.outcome)")
        }
        // Version 5 with SigningCertificate (v1), as the Czech list is, stays valid.
        let v5 = try XMLEnvelopedSigner.sign(unsigned, key: key, certificate: certificate, signingCertificateV2: false)
        #expect(try TrustedList(parsing: v5, anchors: [certificate]).signature.isValid)
    }
}

/// A national list verified with the signing certificates its list of the lists announces (TS 119 612 §5.3.13).
struct ListOfTheListsTests {

    static func listOfTheLists(pointingTo certificate: Certificate, territory: String) -> String {
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <TrustServiceStatusList xmlns="http://uri.etsi.org/02231/v2#" \
        xmlns:tslx="http://uri.etsi.org/02231/v2/additionaltypes#" Id="LOTL" TSLTag="http://uri.etsi.org/19612/TSLTag">
        <SchemeInformation>
        <TSLVersionIdentifier>6</TSLVersionIdentifier>
        <TSLSequenceNumber>1</TSLSequenceNumber>
        <TSLType>http://uri.etsi.org/TrstSvc/TrustedList/TSLType/EUlistofthelists</TSLType>
        <SchemeOperatorName><Name xml:lang="en">Test LOTL operator</Name></SchemeOperatorName>
        <SchemeTerritory>EU</SchemeTerritory>
        <ListIssueDateTime>2026-11-01T00:00:00Z</ListIssueDateTime>
        <NextUpdate><dateTime>2027-05-01T00:00:00Z</dateTime></NextUpdate>
        <PointersToOtherTSL><OtherTSLPointer>
        <ServiceDigitalIdentities><ServiceDigitalIdentity><DigitalId>\
        <X509Certificate>\(Data(certificate.derBytes).base64EncodedString())</X509Certificate>\
        </DigitalId></ServiceDigitalIdentity></ServiceDigitalIdentities>
        <TSLLocation>https://example.invalid/\(territory).xml</TSLLocation>
        <AdditionalInformation><OtherInformation><SchemeTerritory>\(territory)</SchemeTerritory></OtherInformation>
        <OtherInformation><tslx:MimeType>application/vnd.etsi.tsl+xml</tslx:MimeType></OtherInformation>
        </AdditionalInformation>
        </OtherTSLPointer></PointersToOtherTSL>
        </SchemeInformation>
        </TrustServiceStatusList>

        """
    }

    @Test func aNationalListIsTrustedThroughItsPointer() throws {
        let (lotlKey, lotlCertificate) = try TrustedListTests.operatorIdentity("LOTL operator")
        let (czKey, czCertificate) = try TrustedListTests.operatorIdentity("CZ operator")
        let (_, otherCertificate) = try TrustedListTests.operatorIdentity("Someone else")
        let unsigned = try TrustedListXMLSecTests.withoutSignature(try TrustedListTests.bytes("CZ-seq77.xml"))
        let national = try XMLEnvelopedSigner.sign(
            unsigned,
            key: czKey,
            certificate: czCertificate,
            signingCertificateV2: false
        )
        func lotl(pointingTo certificate: Certificate) throws -> TrustedList {
            let signed = try XMLEnvelopedSigner.sign(
                Array(Self.listOfTheLists(pointingTo: certificate, territory: "CZ").utf8),
                key: lotlKey,
                certificate: lotlCertificate
            )
            return try TrustedList(parsing: signed, anchors: [lotlCertificate])
        }
        let good = try lotl(pointingTo: czCertificate)
        #expect(good.isListOfTheLists)
        #expect(good.signature.isValid)
        #expect(good.pointer(toTerritory: "CZ")?.signingCertificates == [czCertificate])
        #expect(try TrustedList(parsing: national, announcedBy: good).signature.isValid)

        // The LOTL announces another certificate for CZ: the national list's signer is not trusted.
        let wrong = try lotl(pointingTo: otherCertificate)
        guard case .signerNotTrusted = try TrustedList(parsing: national, announcedBy: wrong).signature.outcome else {
            Issue.record("a list signed by a certificate the LOTL does not announce was trusted")
            return
        }
        // A LOTL whose own signature fails cannot vouch for anything.
        let untrustedLOTL = try TrustedList(
            parsing: Array(Self.listOfTheLists(pointingTo: czCertificate, territory: "CZ").utf8),
            anchors: [lotlCertificate]
        )
        #expect(throws: TrustError.self) { try TrustedList(parsing: national, announcedBy: untrustedLOTL) }
    }
}

/// Lists signed by xmlsec1 with each W3C canonicalisation (inclusive and exclusive C14N 1.0 and 1.1, with and
/// without comments), RSA and ECDSA: our verifier agrees, and flags a changed byte.
struct XMLSec1SignedListTests {
    static let canonicalizations = [
        "http://www.w3.org/TR/2001/REC-xml-c14n-20010315",
        "http://www.w3.org/TR/2001/REC-xml-c14n-20010315#WithComments",
        "http://www.w3.org/2001/10/xml-exc-c14n#",
        "http://www.w3.org/2001/10/xml-exc-c14n#WithComments",
        "http://www.w3.org/2006/12/xml-c14n11",
        "http://www.w3.org/2006/12/xml-c14n11#WithComments",
    ]

    @Test(
        .enabled(if: TrustedListXMLSecTests.available, Comment(rawValue: TestProcess.Missing.xmlsec1OrOpenSSL)),
        arguments: canonicalizations.map { ($0, "rsa") } + [(canonicalizations[4], "ec")]
    )
    func xmlsec1SignsWeVerify(_ c14n: String, _ keyKind: String) throws {
        let folder = try TemporaryFolder()
        var request = ["req", "-x509", "-nodes", "-days", "30", "-subj", "/CN=xmlsec1 signer/C=CZ"]
        request +=
            keyKind == "ec" ? ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256"] : ["-newkey", "rsa:2048"]
        request += ["-keyout", folder.path("key.pem"), "-out", folder.path("cert.pem")]
        try #require(try TestProcess.openSSL(request).status == 0)
        let certificate = try #require(try Certificate.readAll(from: try folder.read("cert.pem")).first)
        let method =
            keyKind == "ec"
            ? "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256"
            : "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256"
        let template = """
            <!-- a comment the references must not see --><ds:Signature xmlns:ds="http://www.w3.org/2000/09/xmldsig#" Id="sig">\
            <ds:SignedInfo><ds:CanonicalizationMethod Algorithm="\(c14n)"/><ds:SignatureMethod Algorithm="\(method)"/>\
            <ds:Reference URI=""><ds:Transforms>\
            <ds:Transform Algorithm="http://www.w3.org/2000/09/xmldsig#enveloped-signature"/>\
            <ds:Transform Algorithm="\(c14n)"/></ds:Transforms>\
            <ds:DigestMethod Algorithm="http://www.w3.org/2001/04/xmlenc#sha256"/><ds:DigestValue/></ds:Reference>\
            </ds:SignedInfo><ds:SignatureValue/><ds:KeyInfo><ds:X509Data/></ds:KeyInfo></ds:Signature>
            """
        let unsigned = String(
            decoding: try TrustedListXMLSecTests.withoutSignature(try TrustedListTests.bytes("CZ-seq77.xml")),
            as: UTF8.self
        )
        let end = try #require(unsigned.range(of: "</TrustServiceStatusList>", options: .backwards))
        try folder.write(
            "template.xml",
            unsigned.replacingCharacters(in: end.lowerBound..<end.lowerBound, with: template)
        )
        let signing = try TestProcess.xmlsec1([
            "--sign", "--privkey-pem", folder.path("key.pem") + "," + folder.path("cert.pem"), "--output",
            folder.path("signed.xml"), folder.path("template.xml"),
        ])
        try #require(signing.status == 0, "\(signing.error)")
        let signed = try folder.read("signed.xml")
        let list = try TrustedList(parsing: signed, anchors: [certificate])
        #expect(list.signature.outcome == .valid, "\(c14n) \(keyKind): \(list.signature.outcome)")
        #expect(list.signature.canonicalizationMethod == c14n)
        let tampered = try TrustedListXMLSecTests.replacing(
            "Svcstatus/withdrawn",
            with: "Svcstatus/granted",
            in: signed
        )
        #expect(
            try TrustedList(parsing: tampered, anchors: [certificate]).signature.outcome
                == .referenceDigestMismatch(uri: "")
        )
    }
}

/// RSASSA-PSS list signatures (RFC 6931 `sha256-rsa-MGF1`: MGF1 with the same hash, salt as long as the hash).
struct RSAPSSListTests {
    @Test func aPSSSignedListVerifies() throws {
        let (key, certificate) = try TrustedListTests.operatorIdentity("PSS operator", .rsa)
        let unsigned = try TrustedListXMLSecTests.withoutSignature(try TrustedListTests.bytes("CZ-seq77.xml"))
        let signed = try XMLEnvelopedSigner.sign(
            unsigned,
            key: key,
            certificate: certificate,
            signingCertificateV2: false,
            rsaPSS: true
        )
        let list = try TrustedList(parsing: signed, anchors: [certificate])
        #expect(list.signature.signatureMethod == "http://www.w3.org/2007/05/xmldsig-more#sha256-rsa-MGF1")
        #expect(list.signature.outcome == .valid)
        // The same value under the PKCS #1 v1.5 URI does not verify.
        let relabelled = try TrustedListXMLSecTests.replacing(
            "http://www.w3.org/2007/05/xmldsig-more#sha256-rsa-MGF1",
            with: "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256",
            in: signed
        )
        #expect(try TrustedList(parsing: relabelled, anchors: [certificate]).signature.outcome != .valid)
    }
}
