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

    @Test(.enabled(if: available)) func xmlsec1AgreesOnTheCzechLists() throws {
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
        .enabled(if: available),
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
        let key = try PrivateKey.generate(.p256)
        var template = CertificateTemplate(
            subject: try DistinguishedName([(NameAttribute.country, "CZ"), (NameAttribute.commonName, "TL operator")]),
            serialNumber: [1],
            notBefore: X509Time(year: 2026, month: 1, day: 1, hour: 0, minute: 0, second: 0),
            notAfter: X509Time(year: 2027, month: 1, day: 1, hour: 0, minute: 0, second: 0),
            publicKey: key.publicKey
        )
        template.keyUsage = [.digitalSignature]
        let certificate = try CertificateIssuer.issue(template, issuer: nil, issuerKey: key)
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
