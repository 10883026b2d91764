import Foundation
import SealbridgeCrypto
import SealbridgeTrust
import SealbridgeValidation
import SealbridgeX509
import SwiftASN1
import Testing

@testable import SealbridgeCMS

/// The ways the validator could say "valid" when it must not (issue 14 §1): each test failed on the code before.
@Suite struct TrustTrapTests {
    let f: ValidationFixtures

    init() throws { f = try ValidationFixtures() }

    // MARK: 1. Content that was not validated must never pass.

    @Test func anAttachedSignatureWithAnotherDocumentIsAHashFailure() async throws {
        let signed = try await f.sign()
        let other = Array("{\"documentKind\":\"invoice\",\"total\":\"999.00\"}".utf8)
        let report = try f.validate(signed, content: .bytes(other, name: "forged.json"))
        #expect(report.outcome == "TOTAL_FAILED/HASH_FAILURE")
        #expect(report.signatures.first?.reason.contains("forged.json") == true)
        #expect(report.signatures.first?.reason.contains("is not the one that was signed") == true)
        let supplied = try #require(report.documents.first { $0.role == .suppliedContent })
        #expect(supplied.name == "forged.json")
        #expect(supplied.sha256 == HexEncoding.encode(HashFunction.sha256.digest(other)))
        #expect(supplied.size == other.count)
        // The same document as the attached one passes, and both are listed as checked.
        let same = try f.validate(signed, content: .bytes(ValidationFixtures.content, name: "invoice.json"))
        #expect(same.outcome == "TOTAL_PASSED")
        #expect(Set(same.documents.map(\.role)) == [.signedFile, .attachedContent, .suppliedContent])
    }

    @Test func aMissingContentFileIsAnInputErrorNotIgnored() async throws {
        let signed = try await f.sign()
        let missing = URL(fileURLWithPath: "/nonexistent/sealbridge-\(UUID().uuidString).json")
        #expect {
            _ = try f.validate(signed, content: .file(missing))
        } throws: { error in
            (error as? ValidationInputError)?.kind == .notFound
        }
    }

    @Test func everyReportNamesTheDocumentsChecked() async throws {
        var options = CMSSignOptions()
        options.detached = true
        let detached = try await f.sign(options: options)
        let report = try f.validate(detached, content: .bytes(ValidationFixtures.content, name: "invoice.json"))
        #expect(report.outcome == "TOTAL_PASSED")
        let content = try #require(report.documents.first { $0.role == .detachedContent })
        #expect(content.sha256 == HexEncoding.encode(HashFunction.sha256.digest(ValidationFixtures.content)))
        #expect(report.documents.first?.role == .signedFile)
        #expect(report.documents.first?.sha256 == report.document.sha256)
    }

    // MARK: 2. Revocation is never silently skipped.

    @Test func noRevocationDataIsTryLaterUnderTheDefaultPolicy() async throws {
        let signed = try await f.sign()
        let report = try f.validate(signed) { $0.crls = [] }
        #expect(report.outcome == "INDETERMINATE/TRY_LATER")
        #expect(report.context.revocationPolicy == .required)
        #expect(report.signatures.first?.reason.contains("no revocation data") == true)
        #expect(report.signatures.first?.recognition.verdict != .recognised)
    }

    @Test func theRelaxedPoliciesSayWhatWasNotChecked() async throws {
        let signed = try await f.sign()
        let available = try f.validate(signed) {
            $0.crls = []
            $0.revocationPolicy = .whereAvailable
        }
        #expect(available.outcome == "TOTAL_PASSED")
        #expect(available.context.revocationPolicy == .whereAvailable)
        let chain = try #require(available.signatures.first?.chain)
        #expect(chain.map(\.revocation.status) == [.notChecked, .notChecked, .notChecked])
        #expect(chain.map(\.revocation.notCheckedBecause) == [.trustAnchor, .noData, .noData])
        let none = try f.validate(signed) { $0.revocationPolicy = .none }
        #expect(none.outcome == "TOTAL_PASSED")
        #expect(none.signatures.first?.chain.dropFirst().map(\.revocation.notCheckedBecause) == [.policy, .policy])
    }

    @Test func everyCertificateOfThePathHasARevocationEntry() async throws {
        let crl = try f.crl(by: f.ca)
        let report = try f.validate(try await f.sign(crls: [crl]))
        #expect(report.outcome == "TOTAL_PASSED")
        let chain = try #require(report.signatures.first?.chain)
        #expect(chain.map(\.role) == [.trustAnchor, .intermediate, .signer])
        #expect(chain[0].revocation.notCheckedBecause == .trustAnchor)
        for element in chain.dropFirst() {
            #expect(element.revocation.status == .good)
            #expect(element.revocation.source == .crl)
            #expect(element.revocation.thisUpdate != nil && element.revocation.nextUpdate != nil)
        }
        // The signer's CRL came in the signature; the root's was given by the relying party.
        #expect(chain[2].revocation.origin == .signature)
        #expect(chain[1].revocation.origin == .given)
    }

    // MARK: 3. Say what actually failed.

    @Test func aRevokedSignerIsReportedWithItsChainDateAndReasonName() async throws {
        let crl = try f.crl(by: f.ca, revoking: [(f.signer, -3)], reason: 1)
        let report = try f.validate(try await f.sign(crls: [crl]))
        #expect(report.outcome == "INDETERMINATE/REVOKED_NO_POE")
        let signature = try #require(report.signatures.first)
        #expect(signature.reason.contains("chain to test-fw"))
        #expect(signature.reason.contains("(keyCompromise)"))
        #expect(!signature.reason.contains("no chain"))
        #expect(signature.chain.map(\.role) == [.trustAnchor, .intermediate, .signer])
        let signer = try #require(signature.chain.last?.revocation)
        #expect(signer.status == .revoked)
        #expect(signer.reason == "keyCompromise")
        #expect(signer.revocationDate == f.days(-3).description)
        #expect(signature.trust.framework == "test-fw")
        #expect(!report.summary.contains("not valid"), "INDETERMINATE is not 'not valid': \(report.summary)")
    }

    @Test func theTimeStampAuthoritysRevocationIsCheckedAndReported() async throws {
        let bytes = try await f.sign(timeStampAt: 0)
        // The TSA chains to the root here (not trusted by itself), so its certificate has a revocation status.
        let viaRoot = try TrustFramework(
            id: "test-fw",
            jurisdiction: "DE",
            name: "Test framework",
            legalBasis: "test",
            levels: ["qualified"],
            anchors: [.init(certificate: f.root.certificate, level: "qualified")]
        )
        let good = try f.validate(bytes) { $0.frameworks = [viaRoot] }
        let stamp = try #require(good.signatures.first?.timeStamps.first)
        #expect(stamp.proofOfExistence, "\(stamp.status)")
        #expect(stamp.authorityRevocation?.status == .good)
        #expect(stamp.authorityRevocation?.origin == .given)
        #expect(good.text().contains("TSA revocation: good"))
        let revoked = try f.crl(by: f.root, revoking: [(f.tsa, -3)], reason: 1)
        let report = try f.validate(bytes) {
            $0.frameworks = [viaRoot]
            $0.crls += [revoked]
        }
        let revokedStamp = try #require(report.signatures.first?.timeStamps.first)
        #expect(!revokedStamp.proofOfExistence)
        #expect(revokedStamp.status.contains("revoked"), "\(revokedStamp.status)")
    }

    @Test func anExpiredSignerIsReportedWithItsChain() async throws {
        let report = try f.validate(try await f.sign(), at: f.days(400))
        let signature = try #require(report.signatures.first)
        #expect(signature.subIndication == .outOfBoundsNotRevoked || signature.subIndication == .outOfBoundsNoPOE)
        #expect(signature.reason.contains("chain to test-fw"))
        #expect(signature.chain.count == 3)
    }

    @Test func countersignaturesAppearInTheReport() async throws {
        let data = try CMSSignedData(berEncoded: try await f.sign())
        let counter = try f.issue("Test Countersigner", by: f.ca)
        let countersigned = try CMSSignedDataBuilder.countersign(
            data,
            signerAt: 0,
            with: try CMSSigner(key: counter.key, certificate: counter.certificate, chain: [f.ca.certificate])
        )
        let report = try f.validate(countersigned.derRepresentation) {
            $0.requiresSigningCertificateReference = false
        }
        let signature = try #require(report.signatures.first)
        #expect(signature.countersignatures.count == 1)
        let countersignature = try #require(signature.countersignatures.first)
        #expect(countersignature.id == "S-1-C1")
        #expect(countersignature.signer?.subject.contains("Test Countersigner") == true)
        #expect(countersignature.indication == .totalPassed, "\(countersignature.reason)")
    }

    @Test func unevaluatedAttributesAreListedNotIgnored() async throws {
        let data = try CMSSignedData(berEncoded: try await f.sign())
        let signer = data.signerInfos[0]
        // An archive-time-stamp-v3 (ETSI EN 319 122-1) Sealbridge does not evaluate yet.
        let archive = CMSAttribute(type: [0, 4, 0, 1733, 2, 4], values: [[0x30, 0x00]])
        let changed = data.replacingSignerInfos([try signer.replacingUnsignedAttributes([archive])])
        let report = try f.validate(changed.derRepresentation)
        #expect(report.outcome == "TOTAL_PASSED")
        let items = try #require(report.signatures.first?.unevaluated)
        #expect(items.map(\.name) == ["archive-time-stamp v3"])
        #expect(items.first?.detail.contains("0.4.0.1733.2.4") == true)
        #expect(report.text().contains("present, not evaluated: archive-time-stamp v3"))
    }

    @Test func anOCSPResponseInTheRevocationInformationIsListedNotIgnored() async throws {
        var data = try CMSSignedData(berEncoded: try await f.sign())
        // RFC 5940: OtherRevocationInfoFormat [1] { id-ri-ocsp-response, OCSPResponse { successful } }.
        let ocsp: [UInt8] =
            [0xA1, 0x0F, 0x06, 0x08, 0x2B, 0x06, 0x01, 0x05, 0x05, 0x07, 0x10, 0x02]
            + [0x30, 0x03, 0x0A, 0x01, 0x00]
        data.otherRevocationInfo = [ocsp[...]]
        let report = try f.validate(data.derRepresentation)
        let items = try #require(report.signatures.first?.unevaluated)
        #expect(items.map(\.name) == ["OCSP response (RFC 5940 id-ri-ocsp-response)"])
        #expect(items.first?.detail.contains("1.3.6.1.5.5.7.16.2") == true)
        #expect(report.text().contains("present, not evaluated: OCSP response"))
    }

    // MARK: 4. Recognition of an invalid signature.

    @Test func anInvalidSignatureIsNeverRecognised() async throws {
        let agreement = try RecognitionAgreement(
            id: "hk-recognises-test",
            title: "test",
            legalBasis: "test",
            recognisingJurisdiction: "HK",
            recognisedFramework: "test-fw",
            levelMapping: ["qualified": "recognised"],
            scope: ["any"],
            effective: f.days(-10),
            expires: nil,
            conditions: .init(),
            status: .inForce
        )
        func validate(_ bytes: [UInt8]) throws -> ValidationReport {
            try f.validate(bytes) {
                $0.agreements = [agreement]
                $0.relyingJurisdiction = "HK"
                $0.documentKind = "invoice"
            }
        }
        let good = try validate(try await f.sign())
        #expect(good.signatures.first?.recognition.verdict == .recognised)
        var tampered = try await f.sign()
        let at = try #require(tampered.firstRange(of: Array("100.00".utf8)))
        tampered[at.lowerBound] = UInt8(ascii: "9")
        let report = try validate(tampered)
        #expect(report.outcome == "TOTAL_FAILED/HASH_FAILURE")
        let recognition = try #require(report.signatures.first?.recognition)
        #expect(recognition.verdict == .notApplicable)
        #expect(recognition.agreement == nil)
        #expect(!report.summary.contains("legally recognised under"))
        #expect(!report.headline.lowercased().contains("recognised in"))
        #expect(report.headline.contains("do not rely on it"))
        #expect(!report.text().contains("recognition: recognised"))
        #expect(!report.html().contains("Recognised in HK"))
    }
}
