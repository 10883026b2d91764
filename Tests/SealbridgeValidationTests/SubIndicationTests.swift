import Foundation
import SealbridgeCMS
import SealbridgeCrypto
import SealbridgeTrust
import SealbridgeValidation
import SealbridgeX509
import Testing

/// Each EN 319 102-1 sub-indication the supported formats (CMS, CAdES B-B and B-T) can reach, reached by a
/// signature made for it; and the passing outcomes that proof of existence (a signature time-stamp) turns them into.
@Suite(.serialized) struct SubIndicationTests {
    static let fixtures = Result { try ValidationFixtures() }
    var f: ValidationFixtures { get throws { try Self.fixtures.get() } }

    /// The sub-indications the issue names, each reached by a test below. TOTAL_FAILED/REVOKED and
    /// TOTAL_FAILED/EXPIRED need proof that the signature was made *after* the revocation or expiry: a content
    /// time-stamp (§5.3.4 step 4); a signature time-stamp only proves existence *before* its time (§5.5.4).
    static let reached: [SubIndication] = [
        .revoked, .expired, .timestampOrderFailure,
        .formatFailure, .hashFailure, .sigCryptoFailure, .notYetValid, .noSigningCertificateFound,
        .noCertificateChainFound, .outOfBoundsNoPOE, .outOfBoundsNotRevoked, .revokedNoPOE, .revokedCANoPOE,
        .cryptoConstraintsFailure, .cryptoConstraintsFailureNoPOE, .chainConstraintsFailure,
        .certificateChainGeneralFailure, .sigConstraintsFailure, .tryLater, .signedDataNotFound,
    ]
    /// Sub-indications of the issue's list that CMS/CAdES cannot reach, with why (none now).
    static let unreachable: [SubIndication: String] = [:]

    @Test func theIssuesSubIndicationsAreAllAccountedFor() {
        let named: [SubIndication] = [
            .formatFailure, .hashFailure, .sigCryptoFailure, .revoked, .expired, .notYetValid,
            .noSigningCertificateFound, .noCertificateChainFound, .outOfBoundsNoPOE, .revokedNoPOE,
            .cryptoConstraintsFailure, .cryptoConstraintsFailureNoPOE, .chainConstraintsFailure,
            .sigConstraintsFailure, .tryLater, .signedDataNotFound,
        ]
        for sub in named {
            #expect(Self.reached.contains(sub) || Self.unreachable[sub] != nil, "\(sub.rawValue) has no test")
        }
    }

    @Test func aValidSignaturePasses() async throws {
        let f = try f
        let report = try f.validate(try await f.sign())
        #expect(report.outcome == "TOTAL_PASSED")
        #expect(report.signatures.first?.chain.map(\.role) == [.trustAnchor, .intermediate, .signer])
        #expect(report.signatures.first?.trust.level == "qualified")
    }

    @Test func formatFailure() throws {
        let f = try f
        let report = try f.validate([0x30, 0x03, 0x02, 0x01, 0x05])
        #expect(report.outcome == "TOTAL_FAILED/FORMAT_FAILURE")
        #expect(report.signatures.isEmpty)
        #expect(report.indication.exitCode == 1)
    }

    @Test func unsupportedFormatsAreSaidToBeSo() throws {
        let f = try f
        for (bytes, what) in [(Array("%PDF-1.7".utf8), "PDF")] {
            let report = try f.validate(bytes)
            #expect(report.indication == .indeterminate)
            #expect(report.subIndication == nil)
            #expect(report.document.format == .unsupported)
            #expect(report.document.detectedAs?.contains(what) == true, "\(report.document.detectedAs ?? "")")
        }
    }

    /// A JWS is validated (JAdES): one naming no certificate cannot identify its signer.
    @Test func aJWSWithoutACertificateHasNoSigningCertificate() throws {
        let f = try f
        let jws = "eyJhbGciOiJFUzI1NiJ9.eyJpbnZvaWNlIjoiSU5WLTEifQ.c2lnbmF0dXJl"
        let report = try f.validate(Array(jws.utf8))
        #expect(report.document.format == .jws)
        #expect(report.outcome == "INDETERMINATE/NO_SIGNING_CERTIFICATE_FOUND")
    }

    /// XML signatures are validated (XAdES / XML-DSig); one without SignedInfo is malformed.
    @Test func anEmptyXMLSignatureIsAFormatFailure() throws {
        let f = try f
        let xmlSignature = "<?xml version=\"1.0\"?><ds:Signature xmlns:ds=\"http://www.w3.org/2000/09/xmldsig#\"/>"
        let report = try f.validate(Array(xmlSignature.utf8))
        #expect(report.document.format == .xml)
        #expect(report.outcome == "TOTAL_FAILED/FORMAT_FAILURE")
    }

    @Test func hashFailure() async throws {
        let f = try f
        var bytes = try await f.sign()
        let total = Array("100.00".utf8)
        let index = try #require(bytes.indices.first { bytes[$0...].starts(with: total) })
        bytes[index] = UInt8(ascii: "9")
        #expect(try f.validate(bytes).outcome == "TOTAL_FAILED/HASH_FAILURE")
    }

    @Test func sigCryptoFailure() async throws {
        let f = try f
        var bytes = try await f.sign()
        let signature = try CMSSignedData(berEncoded: bytes).signerInfos[0].signature
        let index = try #require(bytes.indices.first { bytes[$0...].starts(with: signature) })
        bytes[index + signature.count - 1] ^= 0x01
        #expect(try f.validate(bytes).outcome == "TOTAL_FAILED/SIG_CRYPTO_FAILURE")
    }

    @Test func notYetValid() async throws {
        let f = try f
        // Validated at a time before the signer's certificate began: best-signature-time (the validation time)
        // precedes notBefore (§5.5.4 4b).
        let report = try f.validate(try await f.sign(), at: f.days(-60))
        #expect(report.outcome == "TOTAL_FAILED/NOT_YET_VALID")
    }

    @Test func aTimeStampBeforeTheCertificateIsNotYetValid() async throws {
        let f = try f
        // The TSA's token says the signature existed 40 days ago; the certificate began 30 days ago.
        let report = try f.validate(try await f.sign(timeStampAt: -40))
        #expect(report.outcome == "TOTAL_FAILED/NOT_YET_VALID")
    }

    @Test func noSigningCertificateFound() async throws {
        let f = try f
        var options = CMSSignOptions()
        options.includesCertificates = false
        #expect(
            try f.validate(try await f.sign(options: options)).outcome == "INDETERMINATE/NO_SIGNING_CERTIFICATE_FOUND"
        )
    }

    @Test func noCertificateChainFound() async throws {
        let f = try f
        let report = try f.validate(try await f.sign()) { $0.frameworks = [] }
        #expect(report.outcome == "INDETERMINATE/NO_CERTIFICATE_CHAIN_FOUND")
        // A signer whose CA is not in the frameworks (the chain given without it).
        let report2 = try f.validate(try await f.sign(chain: []))
        #expect(report2.outcome == "INDETERMINATE/NO_CERTIFICATE_CHAIN_FOUND")
    }

    @Test func outOfBoundsNoPOE() async throws {
        let f = try f
        // No CRL of the signer's CA at day 400: nothing says the expired certificate was not revoked.
        let rootCRL = try f.crl(by: f.root, thisUpdate: 398, nextUpdate: 430)
        let report = try f.validate(try await f.sign(), at: f.days(400)) { $0.crls = [rootCRL] }
        #expect(report.outcome == "INDETERMINATE/OUT_OF_BOUNDS_NO_POE")
    }

    @Test func outOfBoundsNotRevokedAndItsResolutionByATimeStamp() async throws {
        let f = try f
        // At day 400 the signer (valid to day 365) is expired; a current CRL of its CA does not list it.
        let crl = try f.crl(by: f.ca, thisUpdate: 399, nextUpdate: 430)
        let bb = try f.validate(try await f.sign(crls: [crl]), at: f.days(400))
        #expect(bb.outcome == "INDETERMINATE/OUT_OF_BOUNDS_NOT_REVOKED")
        // A signature time-stamp from today proves existence within the validity (§5.5.4 4d).
        let bt = try f.validate(try await f.sign(timeStampAt: 0, crls: [crl]), at: f.days(400))
        #expect(bt.outcome == "TOTAL_PASSED")
    }

    @Test func revokedNoPOEAndItsResolutionByATimeStamp() async throws {
        let f = try f
        let crl = try f.crl(by: f.ca, revoking: [(f.signer, -1)])
        #expect(try f.validate(try await f.sign(crls: [crl])).outcome == "INDETERMINATE/REVOKED_NO_POE")
        // A time-stamp ten days before the revocation proves the signature existed while valid (§5.5.4 4a).
        let bt = try f.validate(try await f.sign(timeStampAt: -10, crls: [crl]))
        #expect(bt.outcome == "TOTAL_PASSED")
        // A time-stamp after the revocation proves nothing useful.
        let late = try f.validate(try await f.sign(timeStampAt: 0, crls: [crl]))
        #expect(late.outcome == "INDETERMINATE/REVOKED_NO_POE")
    }

    @Test func revokedByAContentTimeStampAfterTheRevocation() async throws {
        let f = try f
        let crl = try f.crl(by: f.ca, revoking: [(f.signer, -10)])
        // The content was time-stamped a day ago, nine days after the revocation: the signature is younger still.
        let report = try f.validate(try await f.sign(contentTimeStampAt: -1, crls: [crl]))
        #expect(report.outcome == "TOTAL_FAILED/REVOKED", "\(report.signatures.first?.timeStamps ?? [])")
        #expect(report.signatures.first?.timeStamps.map(\.kind) == [.content])
        // A content time-stamp before the revocation proves nothing either way: REVOKED_NO_POE.
        let earlier = try f.validate(try await f.sign(contentTimeStampAt: -20, crls: [crl]))
        #expect(earlier.outcome == "INDETERMINATE/REVOKED_NO_POE")
    }

    @Test func expiredByAContentTimeStampAfterTheExpiry() async throws {
        let f = try f
        // The signer's certificate ends at day 365; the content was time-stamped at day 370.
        let report = try f.validate(try await f.sign(contentTimeStampAt: 370), at: f.days(400))
        #expect(report.outcome == "TOTAL_FAILED/EXPIRED")
    }

    @Test func timestampOrderFailure() async throws {
        let f = try f
        // A signature time-stamp five days older than the content's time-stamp (§5.5.4 4e).
        let report = try f.validate(try await f.sign(timeStampAt: -5, contentTimeStampAt: 0))
        #expect(report.outcome == "INDETERMINATE/TIMESTAMP_ORDER_FAILURE")
        let ordered = try f.validate(try await f.sign(timeStampAt: 0, contentTimeStampAt: -1))
        #expect(ordered.outcome == "TOTAL_PASSED")
        #expect(ordered.signatures.first?.timeStamps.map(\.kind.rawValue).sorted() == ["content", "signature"])
    }

    @Test func revokedCANoPOE() async throws {
        let f = try f
        let crl = try f.crl(by: f.root, revoking: [(f.ca, -1)])
        #expect(try f.validate(try await f.sign(crls: [crl])).outcome == "INDETERMINATE/REVOKED_CA_NO_POE")
    }

    @Test func cryptoConstraintsFailure() async throws {
        let f = try f
        let never = CryptographicConstraints(
            name: "no-p256",
            rules: [.init(name: "P-256", keyFamily: .ellipticCurve, keyBitsBelow: 384, acceptableUntil: nil)]
        )
        let report = try f.validate(try await f.sign()) { $0.constraints = never }
        #expect(report.outcome == "INDETERMINATE/CRYPTO_CONSTRAINTS_FAILURE")
    }

    @Test func cryptoConstraintsFailureNoPOEAndItsResolutionByATimeStamp() async throws {
        let f = try f
        let sunset = CryptographicConstraints(
            name: "p256-until-yesterday",
            rules: [.init(name: "P-256", keyFamily: .ellipticCurve, keyBitsBelow: 384, acceptableUntil: f.days(-1))]
        )
        let bb = try f.validate(try await f.sign()) { $0.constraints = sunset }
        #expect(bb.outcome == "INDETERMINATE/CRYPTO_CONSTRAINTS_FAILURE_NO_POE")
        let bt = try f.validate(try await f.sign(timeStampAt: -5)) { $0.constraints = sunset }
        #expect(bt.outcome == "TOTAL_PASSED")
    }

    @Test func theDefaultConstraintsRefuseSHA1AfterItsSunset() throws {
        let key = try PrivateKey.generate(.p256).publicKey
        let violations = CryptographicConstraints.default.violations(
            hash: .insecureSHA1,
            key: key,
            at: X509Time(year: 2026, month: 1, day: 1, hour: 0, minute: 0, second: 0),
            subject: "the signature"
        )
        #expect(violations.map(\.rule.name) == ["SHA-1"])
        #expect(
            CryptographicConstraints.default.violations(
                hash: .insecureSHA1,
                key: key,
                at: X509Time(year: 2008, month: 1, day: 1, hour: 0, minute: 0, second: 0),
                subject: "the signature"
            ).isEmpty
        )
    }

    @Test func chainConstraintsFailure() async throws {
        let f = try f
        // An end-entity certificate used as an issuer: basicConstraints says it is not a CA (RFC 5280 §6.1.4 (k)).
        let underSigner = try f.issue("Signed by an end entity", by: f.signer)
        let bytes = try await f.sign(underSigner, chain: [f.signer.certificate, f.ca.certificate])
        #expect(try f.validate(bytes).outcome == "INDETERMINATE/CHAIN_CONSTRAINTS_FAILURE")
    }

    @Test func certificateChainGeneralFailure() async throws {
        let f = try f
        // The issuing CA's certificate with its signature damaged.
        var der = f.ca.certificate.derBytes
        der[der.count - 1] ^= 0x01
        let broken = try Certificate(derEncoded: der)
        let bytes = try await f.sign(chain: [broken])
        #expect(try f.validate(bytes).outcome == "INDETERMINATE/CERTIFICATE_CHAIN_GENERAL_FAILURE")
    }

    @Test func sigConstraintsFailure() async throws {
        let f = try f
        var options = CMSSignOptions()
        options.includesSigningCertificate = false
        #expect(try f.validate(try await f.sign(options: options)).outcome == "INDETERMINATE/SIG_CONSTRAINTS_FAILURE")
        let required = try f.validate(try await f.sign()) { $0.requiredBaselineLevel = .bt }
        #expect(required.outcome == "INDETERMINATE/SIG_CONSTRAINTS_FAILURE")
    }

    @Test func tryLater() async throws {
        let f = try f
        // The only CRL of the signer's CA went out of date yesterday.
        let stale = try f.crl(by: f.ca, thisUpdate: -30, nextUpdate: -1)
        let root = try f.crl(by: f.root)
        #expect(
            try f.validate(try await f.sign(crls: [stale])) { $0.crls = [root] }.outcome == "INDETERMINATE/TRY_LATER"
        )
    }

    @Test func signedDataNotFoundAndTheDetachedContentStreamed() async throws {
        let f = try f
        var options = CMSSignOptions()
        options.detached = true
        let bytes = try await f.sign(options: options)
        #expect(try f.validate(bytes).outcome == "INDETERMINATE/SIGNED_DATA_NOT_FOUND")
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sb-content-\(UUID().uuidString)")
        try Data(ValidationFixtures.content).write(to: folder)
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(try f.validate(bytes, content: .file(folder)).outcome == "TOTAL_PASSED")
        #expect(
            try f.validate(bytes, content: .bytes(Array("other".utf8), name: "x")).outcome
                == "TOTAL_FAILED/HASH_FAILURE"
        )
    }
}
