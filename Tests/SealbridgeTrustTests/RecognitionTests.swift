import Foundation
import SealbridgeCrypto
import SealbridgeTestVectors
import SealbridgeTrust
import SealbridgeX509
import SwiftASN1
import Testing

/// The recognition engine: domestic, recognised, and every reason for not recognised.
struct RecognitionTests {
    static let policy: ASN1ObjectIdentifier = [2, 16, 156, 339, 1, 1, 1, 2, 1]
    static let sm2WithSM3: ASN1ObjectIdentifier = [1, 2, 156, 10197, 1, 501]

    static func framework(_ id: String, _ jurisdiction: String) throws -> TrustFramework {
        let certificate = try Certificate(
            derEncoded: Array(try Vectors.data("pkits/certs/TrustAnchorRootCertificate.crt"))
        )
        return try TrustFramework(
            id: id,
            jurisdiction: jurisdiction,
            name: id,
            legalBasis: "test",
            levels: ["advanced", "licensed"],
            anchors: [.init(certificate: certificate, level: "licensed", constraints: .init())]
        )
    }

    static func agreement(
        id: String = "gd-hk",
        recognising: String = "HK",
        framework: String = "cn-gd",
        scope: Set<String> = ["invoice", "certificate-of-origin"],
        status: RecognitionAgreement.Status = .inForce,
        conditions: RecognitionAgreement.Conditions = RecognitionAgreement.Conditions()
    ) throws -> RecognitionAgreement {
        try RecognitionAgreement(
            id: id,
            title: "test agreement",
            legalBasis: "scheme of 2026",
            recognisingJurisdiction: recognising,
            recognisedFramework: framework,
            levelMapping: ["licensed": "recognised"],
            scope: scope,
            effective: X509Time(year: 2026, month: 1, day: 1, hour: 0, minute: 0, second: 0),
            expires: X509Time(year: 2031, month: 1, day: 1, hour: 0, minute: 0, second: 0),
            conditions: conditions,
            status: status
        )
    }

    static func query(
        framework: TrustFramework,
        relying: String = "HK",
        kind: String = "invoice",
        year: Int = 2027,
        level: String = "licensed",
        policies: Set<ASN1ObjectIdentifier> = [policy],
        key: PublicKey? = nil
    ) throws -> RecognitionQuery {
        RecognitionQuery(
            framework: framework,
            level: level,
            relyingJurisdiction: relying,
            documentKind: kind,
            time: X509Time(year: year, month: 6, day: 1, hour: 0, minute: 0, second: 0),
            policies: policies,
            signatureAlgorithm: sm2WithSM3,
            signerKey: try key ?? PrivateKey.generate(.sm2).publicKey
        )
    }

    @Test func domesticAndEUWideRecognition() throws {
        let engine = RecognitionEngine(agreements: [])
        let chinese = try Self.framework("cn-gd", "CN")
        #expect(
            engine.verdict(for: try Self.query(framework: chinese, relying: "CN"))
                == .domestic(framework: "cn-gd", level: "licensed")
        )
        let european = try Self.framework("eu-tl", "EU")
        #expect(
            engine.verdict(for: try Self.query(framework: european, relying: "DE"))
                == .domestic(framework: "eu-tl", level: "licensed")
        )
        #expect(
            engine.verdict(for: try Self.query(framework: european, relying: "HK"))
                == .notRecognised([.noAgreement(framework: "eu-tl", jurisdiction: "HK")])
        )
    }

    @Test func recognisedUnderAnAgreement() throws {
        var conditions = RecognitionAgreement.Conditions()
        conditions.policies = [.exact(Self.policy)]
        conditions.signatureAlgorithms = [Self.sm2WithSM3]
        conditions.minimumEllipticCurveBits = 256
        let engine = RecognitionEngine(agreements: [try Self.agreement(conditions: conditions)])
        let verdict = engine.verdict(for: try Self.query(framework: try Self.framework("cn-gd", "CN")))
        #expect(verdict == .recognised(agreement: "gd-hk", legalBasis: "scheme of 2026", domesticLevel: "recognised"))
    }

    /// eIDAS distinguishes seals from signatures: an agreement limited to seals recognises a seal, not a
    /// natural person's signature, and not a signature whose type nothing establishes; the type comes from a seal
    /// structure or the EU QcType.
    @Test func anAgreementCanBeLimitedToSeals() throws {
        var conditions = RecognitionAgreement.Conditions()
        conditions.signatureTypes = [.seal]
        let engine = RecognitionEngine(agreements: [try Self.agreement(conditions: conditions)])
        let framework = try Self.framework("cn-gd", "CN")
        var query = try Self.query(framework: framework)
        query.signatureType = .seal
        #expect(
            engine.verdict(for: query)
                == .recognised(agreement: "gd-hk", legalBasis: "scheme of 2026", domesticLevel: "recognised")
        )
        for type in [SignatureType.signature, nil] {
            query.signatureType = type
            guard case .notRecognised(let reasons) = engine.verdict(for: query) else {
                Issue.record("a \(String(describing: type)) was recognised under a seals-only agreement")
                continue
            }
            #expect(reasons.contains { "\($0)".contains("signature_types") })
        }
        #expect(SignatureType.of(madeWithSeal: true, qcStatements: []) == .seal)
        #expect(SignatureType.of(madeWithSeal: false, qcStatements: [SignatureType.qcTypeESeal]) == .seal)
        #expect(SignatureType.of(madeWithSeal: false, qcStatements: [SignatureType.qcTypeESign]) == .signature)
        #expect(SignatureType.of(madeWithSeal: false, qcStatements: []) == nil)
        // A seal structure signed with a natural person's certificate: the facts disagree, nothing decides.
        #expect(SignatureType.of(madeWithSeal: true, qcStatements: [SignatureType.qcTypeESign]) == nil)
    }

    /// The Guangdong–Hong Kong scheme numbers its policies `2.16.344.8.2.2008.810.2.<year>.<version>.<release>`:
    /// an agreement names the arc, and any release under it (only under it) satisfies the condition.
    @Test func policyConditionsMatchAnArc() throws {
        let arc = try #require(OIDPattern("2.16.344.8.2.2008.810.2.*"))
        #expect(arc.description == "2.16.344.8.2.2008.810.2.*")
        #expect(arc.matches([2, 16, 344, 8, 2, 2008, 810, 2, 2026, 1, 0]))
        #expect(!arc.matches([2, 16, 344, 8, 2, 2008, 810, 2]))
        #expect(!arc.matches([2, 16, 344, 8, 2, 2008, 810, 20, 1]))
        #expect(OIDPattern("2.16.*.1") == nil && OIDPattern("x.*") == nil)
        var conditions = RecognitionAgreement.Conditions()
        conditions.policies = [arc]
        let engine = RecognitionEngine(agreements: [try Self.agreement(conditions: conditions)])
        var query = try Self.query(framework: try Self.framework("cn-gd", "CN"))
        query.policies = [[2, 16, 344, 8, 2, 2008, 810, 2, 2026, 1, 0]]
        guard case .recognised = engine.verdict(for: query) else {
            Issue.record("a release under the arc is recognised: \(engine.verdict(for: query))")
            return
        }
        query.policies = [[2, 16, 344, 8, 2, 2008, 811, 1]]
        guard case .notRecognised = engine.verdict(for: query) else {
            Issue.record("a policy outside the arc is not")
            return
        }
    }

    @Test func anEUAgreementBindsEveryMemberState() throws {
        let engine = RecognitionEngine(agreements: [try Self.agreement(id: "eu-cn", recognising: "EU", scope: ["any"])])
        let chinese = try Self.framework("cn-gd", "CN")
        for state in ["DE", "FR", "CZ"] {
            guard
                case .recognised = engine.verdict(
                    for: try Self.query(framework: chinese, relying: state, kind: "contract")
                )
            else {
                Issue.record("\(state) is bound by the EU agreement")
                continue
            }
        }
        guard case .notRecognised = engine.verdict(for: try Self.query(framework: chinese, relying: "CH")) else {
            Issue.record("Switzerland is not an EU member state")
            return
        }
    }

    @Test func everyReasonIsReported() throws {
        var conditions = RecognitionAgreement.Conditions()
        conditions.policies = [.exact([1, 2, 3])]
        conditions.minimumRSABits = 3072
        conditions.qcStatements = [[0, 4, 0, 1862, 1, 1]]
        let engine = RecognitionEngine(agreements: [try Self.agreement(status: .suspended, conditions: conditions)])
        let rsaKey = try PrivateKey.generate(.rsa, rsaBitCount: 2048).publicKey
        let verdict = engine.verdict(
            for: try Self.query(
                framework: try Self.framework("cn-gd", "CN"),
                kind: "bill-of-lading",
                year: 2032,
                level: "advanced",
                key: rsaKey
            )
        )
        guard case .notRecognised(let reasons) = verdict else {
            Issue.record("expected not recognised, got \(verdict)")
            return
        }
        let expected: [NonRecognitionReason] = [
            .notInForce(agreement: "gd-hk", status: .suspended),
            .expired(
                agreement: "gd-hk",
                expires: X509Time(year: 2031, month: 1, day: 1, hour: 0, minute: 0, second: 0)
            ),
            .outOfScope(agreement: "gd-hk", documentKind: "bill-of-lading"),
            .levelNotCovered(agreement: "gd-hk", level: "advanced"),
        ]
        #expect(Array(reasons.prefix(4)) == expected)
        let conditionNames = reasons.compactMap { reason -> String? in
            if case .conditionFailed(_, let condition, _) = reason { return condition }
            return nil
        }
        #expect(conditionNames == ["policies", "minimum_rsa_bits", "qc_statements"])
        // Before it takes effect.
        let early = RecognitionEngine(agreements: [try Self.agreement()])
            .verdict(for: try Self.query(framework: try Self.framework("cn-gd", "CN"), year: 2025))
        #expect(
            early
                == .notRecognised([
                    .notYetInForce(
                        agreement: "gd-hk",
                        effective: X509Time(year: 2026, month: 1, day: 1, hour: 0, minute: 0, second: 0)
                    )
                ])
        )
    }

    @Test func agreementFilesLoadAndMistakesAreNamed() throws {
        let folder = try TemporaryFolder()
        let valid = """
            id = "gd-hk-2026"
            title = "Guangdong-Hong Kong mutual recognition (model)"
            legal_basis = "Electronic Transactions Ordinance (Cap. 553)"
            recognising_jurisdiction = "HK"
            recognised_framework = "cn-gd"
            status = "in-force"
            effective = 2026-01-01
            expires = 2030-12-31T23:59:59Z
            scope = ["invoice", "certificate-of-origin"]

            [level_mapping]
            licensed = "recognised"

            [conditions]
            policies = ["2.16.156.339.1.1.1.2.1"]
            signature_algorithms = ["1.2.156.10197.1.501"]
            minimum_ec_bits = 256
            """
        try folder.write("gd-hk.toml", valid)
        let agreements = try RecognitionAgreement.loadAll(in: folder.url)
        let agreement = try #require(agreements.first)
        #expect(agreement.id == "gd-hk-2026")
        #expect(agreement.scope == ["invoice", "certificate-of-origin"])
        #expect(agreement.conditions.minimumEllipticCurveBits == 256)
        #expect(agreement.expires == X509Time(year: 2030, month: 12, day: 31, hour: 23, minute: 59, second: 59))

        let mistakes: [(String, String, String)] = [
            (valid.replacingOccurrences(of: "in-force", with: "active"), "status", "not one of"),
            (
                valid.replacingOccurrences(of: "2030-12-31T23:59:59Z", with: "2025-01-01"), "expires",
                "not after effective"
            ),
            (valid.replacingOccurrences(of: "licensed = \"recognised\"", with: ""), "level_mapping", "at least one"),
            (
                valid.replacingOccurrences(of: "scope = [\"invoice\", \"certificate-of-origin\"]", with: "scope = []"),
                "scope", "document kinds"
            ),
            (
                valid.replacingOccurrences(of: "minimum_ec_bits = 256", with: "minimum_ec_bits = 12"),
                "conditions.minimum_ec_bits", "integer in"
            ),
            (valid.replacingOccurrences(of: "effective = 2026-01-01\n", with: ""), "effective", "required"),
            (
                valid.replacingOccurrences(
                    of: "scope = [\"invoice\", \"certificate-of-origin\"]",
                    with: "scope = [\"any\", \"invoice\"]"
                ),
                "scope", "contradicts"
            ),
            (valid.replacingOccurrences(of: "status = \"in-force\"\n", with: ""), "status", "required"),
        ]
        for (text, field, reason) in mistakes {
            let file = try folder.write("broken.toml", text)
            do {
                _ = try RecognitionAgreement.load(URL(fileURLWithPath: file))
                Issue.record("\(field): loaded")
            } catch let error as TrustError {
                #expect(error.field == field, "\(error)")
                #expect(error.reason.contains(reason), "\(error)")
            }
        }
    }
}
