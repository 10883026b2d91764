import Foundation
import SealbridgeCrypto
import SealbridgeTestVectors
import SealbridgeTrust
import SealbridgeX509
import SwiftASN1
import Testing

/// EU mutual-recognition lists become recognition agreements (issue 15 §3): the pilot list of the lists' pointer
/// to the ZZ list carries the `mra_schema_v2` extension; read through it, the ZZ list's CA is an EU `CA/QC` and
/// ZZ qualified certificates are recognised in the EU under the published equivalence — with the verdicts an
/// agreement written by hand gives, and DSS's cookbook answer for John Doe (`ThirdCountryLOTLTest`: QESIG under
/// "QCForESig" at 2022-06-11).
struct MutualRecognitionAgreementTests {
    static let zzLocation = "https://esignature.ec.europa.eu/efda/intl-pilot/api/v1/intl-pilot/tl/mra_tl_zz.xml"
    /// DSS's cookbook validation time.
    static let cookbookTime = X509Time(year: 2022, month: 6, day: 11, hour: 0, minute: 0, second: 0)

    static func bytes(_ name: String) throws -> [UInt8] { Array(try Vectors.data("trustlists/\(name)")) }

    /// A framework folder for the ZZ list, announced by the pilot list of the lists.
    static func zzFramework(in folder: TemporaryFolder) throws -> TrustFramework {
        let url = folder.url.appendingPathComponent("tl-zz")
        try Vectors.writeMRAPilotFramework(to: url, location: zzLocation)
        return try TrustFramework.load(folder: url)
    }

    /// John Doe (QcCompliance, QcSSCD, QcType esign, QcCClegislation ZZ), his CA and the QTSP root the ZZ list
    /// names, from DSS's cookbook `john-doe-lta.xml`.
    static func johnDoeChain() throws -> [Certificate] {
        try Certificate.readAll(from: try bytes("ZZ-john-doe-chain.pem"))
    }

    /// The level `framework` confers on `leaf` through `intermediates` at `time`.
    static func level(
        _ framework: TrustFramework,
        _ leaf: Certificate,
        _ intermediates: [Certificate],
        at time: X509Time
    ) throws -> (VerifiedPath, String) {
        let verifier = CertificateVerifier(
            trustAnchors: framework.anchorCertificates,
            intermediates: intermediates,
            options: ValidationOptions(time: time)
        )
        guard case .valid(let path) = verifier.verify(leaf) else {
            Issue.record("no valid path: \(verifier.verify(leaf))")
            throw TrustError(file: "test", reason: "no path")
        }
        guard case .conferred(let level) = framework.level(for: path, at: time) else {
            Issue.record("no level: \(framework.level(for: path, at: time))")
            throw TrustError(file: "test", reason: "no level")
        }
        return (path, level)
    }

    static func query(
        _ framework: TrustFramework,
        level: String = "qualified",
        signer: Certificate,
        at time: X509Time,
        relying: String = "DE"
    ) throws -> RecognitionQuery {
        RecognitionQuery(
            framework: framework,
            level: level,
            relyingJurisdiction: relying,
            documentKind: "invoice",
            time: time,
            policies: [],
            signatureAlgorithm: [1, 2, 840, 113_549, 1, 1, 11],
            signerKey: try signer.publicKey(),
            qcStatements: ((try signer.qcStatements()) ?? nil)?.identifiers ?? [],
            signerCertificate: signer
        )
    }

    @Test func theExtensionIsReadFromThePilotPointer() throws {
        let lotl = try MutualRecognitionPilotListTests.pilotLOTL()
        #expect(lotl.pointers.count == 44)
        #expect(lotl.pointers.filter { $0.mutualRecognition != nil }.count == 1)
        let pointer = try #require(lotl.pointers.last)
        #expect(pointer.territory == "XX" && pointer.location == Self.zzLocation)
        let recognition = try #require(pointer.mutualRecognition)
        #expect(recognition.depth == 1 && recognition.technicalType == 1 && recognition.version == 1)
        let equivalence = try #require(recognition.equivalences.first)
        #expect(recognition.equivalences.count == 1)
        #expect(equivalence.legalIdentifier == "QCForESig")
        #expect(equivalence.periods.count == 1)
        let period = equivalence.current
        #expect(period.status == .enacted)
        #expect(period.start == X509Time(year: 2020, month: 5, day: 16, hour: 23, minute: 59, second: 59))
        #expect(period.until == nil)
        #expect(period.pointingTypes.map(\.type) == ["http://uri.etsi.org/TrstSvc/Svctype/CA/QC"])
        #expect(
            period.pointingTypes.first?.additionalInformation
                == ["http://uri.etsi.org/TrstSvc/TrustedList/SvcInfoExt/ForeSignatures"]
        )
        #expect(period.pointedTypes.map(\.type) == ["http://zz-trusted-list.go.zz/TrstSvc/Svctype/CA/QC/for-eSig"])
        #expect(period.statuses.map(\.isValid) == [true, false])
        #expect(period.contents.map(\.context) == [.qcCompliance, .qcType, .qcQSCD])
        #expect(period.qualifiers.count == 8)
        #expect(
            period.qualifiers["http://zz-trusted-list.go.zz/TrstSvc/TrustedList/SvcInfoExt/QCWithQSCD"]
                == "http://uri.etsi.org/TrstSvc/TrustedList/SvcInfoExt/QCWithQSCD"
        )
        #expect(lotl.warnings.isEmpty, "\(lotl.warnings)")
    }

    @Test func theZZListReadThroughTheExtensionIsAFrameworkThatPublishesTheAgreement() throws {
        let folder = try TemporaryFolder()
        let framework = try Self.zzFramework(in: folder)
        #expect(framework.id == "tl-zz" && framework.jurisdiction == "ZZ")
        #expect(framework.anchors.count == 1)
        let anchor = try #require(framework.anchors.first)
        #expect(anchor.level == "qualified")
        #expect(anchor.certificate.subject.description.contains("Test-QTSP-1-RootCA-from-ZZ"))
        #expect(anchor.constraints.validFrom == X509Time(year: 2020, month: 11, day: 10, hour: 0, minute: 0, second: 0))
        let agreement = try #require(framework.publishedAgreements.first)
        #expect(framework.publishedAgreements.count == 1)
        #expect(agreement.id == "mra-eu-zz-qcforesig")
        #expect(agreement.recognisingJurisdiction == "EU" && agreement.recognisedFramework == "tl-zz")
        #expect(agreement.status == .inForce && agreement.expires == nil)
        #expect(agreement.levelMapping == ["qualified": "qualified"])
        #expect(agreement.legalBasis.contains("Art. 14"))
        #expect(agreement.conditions.certificate.map(\.name) == ["QcCompliance", "QcType"])
        #expect(agreement.conditions.certificateIssuedInForce)
        guard case .listOfTheLists(let territory, let sequence, let location, let identifier, _) = agreement.provenance
        else {
            Issue.record("provenance \(agreement.provenance)")
            return
        }
        #expect(territory == "EU" && sequence == 6 && location == Self.zzLocation && identifier == "QCForESig")
        #expect(AgreementCheck.problems(framework.publishedAgreements, frameworks: [framework]).isEmpty)
    }

    /// Without the extension the ZZ service types mean nothing to an EU reader: no anchor, no level.
    @Test func withoutTheExtensionTheZZListGivesNoAnchor() throws {
        let lotl = try MutualRecognitionPilotListTests.pilotLOTL()
        let list = try TrustedList(
            parsing: try Self.bytes("ZZ-mra-pilot-tl.xml"),
            source: "ZZ-mra-pilot-tl.xml",
            announcedBy: lotl
        )
        #expect(list.signature.isValid)
        #expect(try list.trustFramework().anchors.isEmpty)
        #expect(lotl.pointer(announcing: list)?.location == Self.zzLocation)
    }

    /// DSS's cookbook: John Doe's certificate, issued under the ZZ scheme, is qualified in the EU under
    /// QCForESig on 2022-06-11 — here a member state relying party gets "recognised" under the published
    /// agreement, and under the one written by hand.
    @Test func johnDoeIsRecognisedInTheEUUnderThePublishedEquivalence() throws {
        let folder = try TemporaryFolder()
        let framework = try Self.zzFramework(in: folder)
        let chain = try Self.johnDoeChain()
        let johnDoe = try #require(chain.first)
        let (_, level) = try Self.level(framework, johnDoe, Array(chain.dropFirst()), at: Self.cookbookTime)
        #expect(level == "qualified")
        let query = try Self.query(framework, level: level, signer: johnDoe, at: Self.cookbookTime)
        let published = RecognitionEngine(agreements: framework.publishedAgreements).verdict(for: query)
        guard case .recognised(let agreement, _, let domestic) = published else {
            Issue.record("expected recognised, got \(published)")
            return
        }
        #expect(agreement == "mra-eu-zz-qcforesig" && domestic == "qualified")
        let byHand = try RecognitionAgreement.load(
            Vectors.folder("trustlists").appendingPathComponent("mra-eu-zz-qcforesig.toml")
        )
        guard case .recognised = RecognitionEngine(agreements: [byHand]).verdict(for: query) else {
            Issue.record("the agreement written by hand does not recognise John Doe")
            return
        }
        // Before the equivalence was enacted it recognises nothing.
        let early = X509Time(year: 2020, month: 5, day: 1, hour: 0, minute: 0, second: 0)
        let before = RecognitionEngine(agreements: framework.publishedAgreements)
            .verdict(for: try Self.query(framework, signer: johnDoe, at: early))
        guard case .notRecognised(let reasons) = before else {
            Issue.record("expected not recognised, got \(before)")
            return
        }
        #expect(
            reasons.contains(
                .notYetInForce(agreement: "mra-eu-zz-qcforesig", effective: framework.publishedAgreements[0].effective)
            )
        )
    }

    /// The published agreement and the TOML one have the same conditions and give the same verdict for every
    /// kind of certificate the equivalence distinguishes.
    @Test func thePublishedAndTheHandWrittenAgreementGiveTheSameVerdicts() throws {
        let folder = try TemporaryFolder()
        let framework = try Self.zzFramework(in: folder)
        let published = try #require(framework.publishedAgreements.first)
        let byHand = try RecognitionAgreement.load(
            Vectors.folder("trustlists").appendingPathComponent("mra-eu-zz-qcforesig.toml")
        )
        #expect(published.conditions == byHand.conditions)
        #expect(published.effective == byHand.effective && published.levelMapping == byHand.levelMapping)

        let enacted = X509Time(year: 2020, month: 5, day: 16, hour: 23, minute: 59, second: 59)
        let after = X509Time(secondsSinceEpoch: enacted.secondsSinceEpoch + 86_400)
        let cases: [(String, Certificate, recognised: Bool)] = [
            (
                "a ZZ qualified e-signature certificate",
                try TestCertificates.make(legislation: "ZZ", type: .esign, notBefore: after), true
            ),
            ("one without QcType", try TestCertificates.make(legislation: "ZZ", type: nil, notBefore: after), true),
            (
                "one under another country's legislation",
                try TestCertificates.make(legislation: "TC", notBefore: after), false
            ),
            (
                "one without QcCompliance",
                try TestCertificates.make(compliance: false, legislation: "ZZ", notBefore: after), false
            ),
            (
                "an e-seal certificate", try TestCertificates.make(legislation: "ZZ", type: .eseal, notBefore: after),
                false
            ),
            (
                "one issued before the equivalence",
                try TestCertificates.make(legislation: "ZZ", notBefore: enacted.minus(days: 30)), false
            ),
        ]
        let time = X509Time(year: 2022, month: 6, day: 11, hour: 0, minute: 0, second: 0)
        for (name, certificate, expected) in cases {
            let query = try Self.query(framework, signer: certificate, at: time)
            let verdicts = [published, byHand].map { RecognitionEngine(agreements: [$0]).verdict(for: query) }
            for verdict in verdicts {
                if case .recognised = verdict {
                    #expect(expected, "\(name) was recognised")
                } else {
                    #expect(!expected, "\(name): \(verdict)")
                }
            }
        }
    }

    /// A repealed equivalence with an enacted history: one agreement per period, the old one expiring when the
    /// repeal took effect (DSS's `mra-zz-lotl-history.xml` dates).
    @Test func anEquivalenceHistoryGivesOneAgreementPerPeriod() throws {
        let text = String(decoding: try Self.bytes("EU-mra-pilot-lotl.xml"), as: UTF8.self)
        let repealed = try TestLists.withHistory(text)
        let lotl = try TrustedList(parsing: Array(repealed.utf8), source: "history.xml", anchors: [])
        let pointer = try #require(lotl.pointers.last)
        let recognition = try #require(pointer.mutualRecognition, "\(lotl.warnings)")
        let (agreements, _) = try recognition.agreements(
            listOfTheLists: lotl,
            pointer: pointer,
            pointedTerritory: "ZZ",
            framework: "tl-zz"
        )
        #expect(agreements.map(\.id) == ["mra-eu-zz-qcforesig-2020-05-16", "mra-eu-zz-qcforesig"])
        #expect(agreements.map(\.status) == [.inForce, .terminated])
        let repeal = X509Time(year: 2023, month: 5, day: 16, hour: 23, minute: 59, second: 59)
        #expect(agreements.first?.expires == repeal)

        let folder = try TemporaryFolder()
        let framework = try Self.zzFramework(in: folder)
        let johnDoe = try #require(try Self.johnDoeChain().first)
        let engine = RecognitionEngine(agreements: agreements)
        guard
            case .recognised(let agreement, _, _) = engine.verdict(
                for: try Self.query(framework, signer: johnDoe, at: Self.cookbookTime)
            )
        else {
            Issue.record("expected recognised during the enacted period")
            return
        }
        #expect(agreement == "mra-eu-zz-qcforesig-2020-05-16")
        let later = X509Time(secondsSinceEpoch: repeal.secondsSinceEpoch + 86_400)
        guard
            case .notRecognised(let reasons) = engine.verdict(
                for: try Self.query(framework, signer: johnDoe, at: later)
            )
        else {
            Issue.record("expected not recognised after the repeal")
            return
        }
        #expect(reasons.contains(.expired(agreement: "mra-eu-zz-qcforesig-2020-05-16", expires: repeal)))
        #expect(reasons.contains(.notInForce(agreement: "mra-eu-zz-qcforesig", status: .terminated)))
    }

    /// What cannot be read costs the agreements, never the list, and says why.
    @Test func aMalformedExtensionIsAWarningNotAFailure() throws {
        let text = String(decoding: try Self.bytes("EU-mra-pilot-lotl.xml"), as: UTF8.self)
        let cases: [(String, String, String)] = [
            (
                "http://ec.europa.eu/tools/lotl/mra/enacted</mra:TrustServiceEquivalenceStatus>",
                "http://ec.europa.eu/tools/lotl/mra/suspended</mra:TrustServiceEquivalenceStatus>", "suspended"
            ),
            ("MRADepth=\"1\"", "MRADepth=\"one\"", "MRADepth"),
            ("<mra:QcCClegislation>ZZ</mra:QcCClegislation>", "<mra:QcCClegislation>Zed</mra:QcCClegislation>", "Zed"),
            (
                "<mra:TrustServiceLegalIdentifier>QCForESig</mra:TrustServiceLegalIdentifier>", "",
                "TrustServiceLegalIdentifier"
            ),
        ]
        for (old, new, word) in cases {
            #expect(text.contains(old))
            let changed = text.replacingOccurrences(of: old, with: new)
            let lotl = try TrustedList(parsing: Array(changed.utf8), source: "changed.xml", anchors: [])
            #expect(lotl.pointers.count == 44)
            #expect(lotl.pointers.last?.mutualRecognition == nil, "\(word)")
            #expect(
                lotl.warnings.contains { $0.contains("no agreement is derived") && $0.contains(word) },
                "\(lotl.warnings)"
            )
        }
        // An unknown content context is skipped, as DSS skips it; the rest stands.
        let unknown = text.replacingOccurrences(
            of: "http://ec.europa.eu/tools/lotl/mra/QcQSCD",
            with: "http://ec.europa.eu/tools/lotl/mra/Exclusion"
        )
        let lotl = try TrustedList(parsing: Array(unknown.utf8), source: "unknown.xml", anchors: [])
        let period = try #require(lotl.pointers.last?.mutualRecognition?.equivalences.first?.current)
        #expect(period.contents.map(\.context) == [.qcCompliance, .qcType])
        #expect(lotl.warnings.contains { $0.contains("Exclusion") && $0.contains("skipped") })
    }

    /// Criteria lists nested without end are refused, not recursed into.
    @Test func deeplyNestedCriteriaAreRefused() throws {
        let text = String(decoding: try Self.bytes("EU-mra-pilot-lotl.xml"), as: UTF8.self)
        let marker = "<mra:CertificateContentDeclarationPointedParty assert=\"all\">"
        let open = String(repeating: "<ns5:CriteriaList assert=\"all\">", count: 12)
        let close = String(repeating: "</ns5:CriteriaList>", count: 12)
        let closing = "</mra:CertificateContentDeclarationPointedParty>"
        var changed = text
        let start = try #require(changed.range(of: marker))
        changed.insert(contentsOf: open, at: start.upperBound)
        let end = try #require(changed.range(of: closing, range: start.upperBound..<changed.endIndex))
        changed.insert(contentsOf: close, at: end.lowerBound)
        let lotl = try TrustedList(parsing: Array(changed.utf8), source: "deep.xml", anchors: [])
        #expect(lotl.pointers.last?.mutualRecognition == nil)
        #expect(lotl.warnings.contains { $0.contains("deeper than") })
    }

    /// An anchor's `qc_statements` constraint names statement identifiers (QcCompliance), not only QcType values.
    @Test func anAnchorConstraintOnQcComplianceIsMet() throws {
        let chain = try Self.johnDoeChain()
        var constraints = TrustFramework.AnchorConstraints()
        constraints.qcStatements = [QCStatements.qcCompliance, [0, 4, 0, 1862, 1, 6, 1]]
        let framework = try TrustFramework(
            id: "zz",
            jurisdiction: "ZZ",
            name: "ZZ",
            legalBasis: "test",
            levels: ["qualified"],
            anchors: [.init(certificate: chain[2], level: "qualified", constraints: constraints)]
        )
        let (_, level) = try Self.level(framework, chain[0], [chain[1]], at: Self.cookbookTime)
        #expect(level == "qualified")
        #expect(((try chain[0].qcStatements()) ?? nil)?.legislationCountries == ["ZZ"])
    }
}

/// A critical qcStatements (the ZZ scheme marks it so) is processed when every statement in it is known, and
/// refused otherwise (RFC 3739 §3.2.6: each statement of a critical qcStatements is critical).
struct CriticalQCStatementsTests {
    @Test func aCriticalQcStatementsIsAcceptedOnlyWhenEveryStatementIsKnown() throws {
        let rootKey = try PrivateKey.generate(.p256)
        let now = X509Time.now
        var rootTemplate = CertificateTemplate(
            subject: try DistinguishedName([(NameAttribute.commonName, "Test root")]),
            serialNumber: [0x01],
            notBefore: X509Time(secondsSinceEpoch: now.secondsSinceEpoch - 86_400),
            notAfter: X509Time(secondsSinceEpoch: now.secondsSinceEpoch + 86_400),
            publicKey: rootKey.publicKey
        )
        rootTemplate.isCertificateAuthority = true
        rootTemplate.keyUsage = [.keyCertSign, .crlSign]
        let root = try CertificateIssuer.issue(rootTemplate, issuer: nil, issuerKey: rootKey)
        func leaf(_ statements: [UInt8]) throws -> Certificate {
            let key = try PrivateKey.generate(.p256)
            var template = CertificateTemplate(
                subject: try DistinguishedName([(NameAttribute.commonName, "Test signer")]),
                serialNumber: [0x02],
                notBefore: rootTemplate.notBefore,
                notAfter: rootTemplate.notAfter,
                publicKey: key.publicKey
            )
            template.keyUsage = [.nonRepudiation]
            template.additionalExtensions = [
                .init(oid: [1, 3, 6, 1, 5, 5, 7, 1, 3], critical: true, value: statements)
            ]
            return try CertificateIssuer.issue(template, issuer: root, issuerKey: rootKey)
        }
        let verifier = CertificateVerifier(trustAnchors: [root], options: ValidationOptions(time: now))
        let known = try leaf(try TestCertificates.qcStatements(compliance: true, legislation: "ZZ", type: .esign))
        #expect(verifier.verify(known).isValid, "\(verifier.verify(known))")
        var serializer = DER.Serializer()
        try serializer.appendConstructedNode(identifier: .sequence) { statements in
            try statements.appendConstructedNode(identifier: .sequence) { try $0.serialize(QCStatements.qcCompliance) }
            try statements.appendConstructedNode(identifier: .sequence) {
                try $0.serialize(ASN1ObjectIdentifier(arrayLiteral: 1, 2, 3, 4))
            }
        }
        let unknown = try leaf(serializer.serializedBytes)
        guard case .invalid(let failure) = verifier.verify(unknown) else {
            Issue.record("a critical qcStatements with an unknown statement was accepted")
            return
        }
        #expect(failure.code == .unrecognizedCriticalExtension)
    }
}

/// Certificates with the qcStatements the ZZ equivalence distinguishes (self-signed: only their content matters
/// to the agreement's conditions).
enum TestCertificates {
    enum QcType { case esign, eseal }

    static func make(
        compliance: Bool = true,
        legislation: String?,
        type: QcType? = .esign,
        notBefore: X509Time
    ) throws -> Certificate {
        let key = try PrivateKey.generate(.p256)
        var template = CertificateTemplate(
            subject: try DistinguishedName([(NameAttribute.commonName, "Test signer"), (NameAttribute.country, "ZZ")]),
            serialNumber: [0x01],
            notBefore: notBefore,
            notAfter: X509Time(secondsSinceEpoch: notBefore.secondsSinceEpoch + 3 * 365 * 86_400),
            publicKey: key.publicKey
        )
        template.keyUsage = [.nonRepudiation]
        template.additionalExtensions = [
            .init(
                oid: [1, 3, 6, 1, 5, 5, 7, 1, 3],
                value: try qcStatements(compliance: compliance, legislation: legislation, type: type)
            )
        ]
        return try CertificateIssuer.issue(template, issuer: nil, issuerKey: key)
    }

    static func qcStatements(compliance: Bool, legislation: String?, type: QcType?) throws -> [UInt8] {
        var serializer = DER.Serializer()
        try serializer.appendConstructedNode(identifier: .sequence) { statements in
            if compliance {
                try statements.appendConstructedNode(identifier: .sequence) {
                    try $0.serialize(QCStatements.qcCompliance)
                }
            }
            if let type {
                let value: ASN1ObjectIdentifier = type == .esign ? [0, 4, 0, 1862, 1, 6, 1] : [0, 4, 0, 1862, 1, 6, 2]
                try statements.appendConstructedNode(identifier: .sequence) { statement in
                    try statement.serialize(QCStatements.qcType)
                    try statement.appendConstructedNode(identifier: .sequence) { try $0.serialize(value) }
                }
            }
            if let legislation {
                try statements.appendConstructedNode(identifier: .sequence) { statement in
                    try statement.serialize(QCStatements.qcCClegislation)
                    try statement.appendConstructedNode(identifier: .sequence) {
                        try $0.serialize(ASN1PrintableString(legislation))
                    }
                }
            }
        }
        return serializer.serializedBytes
    }
}

/// Lists changed from the pilot's for one case each.
enum TestLists {
    /// The pilot LOTL with its equivalence repealed on 2023-05-16T23:59:59Z after being enacted on
    /// 2020-05-16T23:59:59Z (a history instance copied from the current information), as DSS's
    /// `mra-zz-lotl-history.xml` has it.
    static func withHistory(_ text: String) throws -> String {
        let open = "<mra:TrustServiceTSLTypeEquivalenceList>"
        let close = "</mra:TrustServiceTSLQualificationExtensionEquivalenceList>"
        guard let start = text.range(of: open), let end = text.range(of: close, range: start.lowerBound..<text.endIndex)
        else { throw TrustError(file: "test", reason: "the pilot list has no equivalence") }
        let body = String(text[start.lowerBound..<end.upperBound])
        let history =
            "<mra:TrustServiceEquivalenceHistory><mra:TrustServiceEquivalenceHistoryInstance>" + body
            + "</mra:TrustServiceEquivalenceHistoryInstance></mra:TrustServiceEquivalenceHistory>"
        let current =
            body
            .replacingOccurrences(of: "/mra/enacted<", with: "/mra/repealed<")
            .replacingOccurrences(of: ">2020-05-16T23:59:59Z<", with: ">2023-05-16T23:59:59Z<")
        return text.replacingCharacters(in: start.lowerBound..<end.upperBound, with: current + history)
    }
}

extension X509Time {
    fileprivate func minus(days: Int64) -> X509Time { X509Time(secondsSinceEpoch: secondsSinceEpoch - days * 86_400) }
}
