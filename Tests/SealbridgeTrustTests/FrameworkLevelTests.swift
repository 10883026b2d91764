import Foundation
import SealbridgeTestVectors
import SealbridgeTrust
import SealbridgeX509
import SwiftASN1
import Testing

/// The level a framework confers on a validated PKITS path, with each anchor constraint.
struct FrameworkLevelTests {
    static func certificate(_ name: String) throws -> Certificate {
        try Certificate(derEncoded: Array(try Vectors.data("pkits/certs/\(name).crt")))
    }

    /// PKITS 4.1.1: Trust Anchor → Good CA → ValidCertificatePathTest1EE (policy 2.16.840.1.101.3.2.1.48.1).
    static func path() throws -> VerifiedPath {
        let verifier = CertificateVerifier(
            trustAnchors: [try certificate("TrustAnchorRootCertificate")],
            intermediates: [try certificate("GoodCACert")],
            options: ValidationOptions(time: X509Time(year: 2020, month: 1, day: 1, hour: 0, minute: 0, second: 0))
        )
        guard case .valid(let path) = verifier.verify(try certificate("ValidCertificatePathTest1EE")) else {
            throw FixtureFailure()
        }
        return path
    }

    struct FixtureFailure: Error {}

    static let policy: ASN1ObjectIdentifier = [2, 16, 840, 1, 101, 3, 2, 1, 48, 1]
    static let time = X509Time(year: 2020, month: 1, day: 1, hour: 0, minute: 0, second: 0)

    func framework(_ entries: [(String, TrustFramework.AnchorConstraints)]) throws -> TrustFramework {
        let anchor = try Self.certificate("TrustAnchorRootCertificate")
        return try TrustFramework(
            id: "test",
            jurisdiction: "US",
            name: "test",
            legalBasis: "test",
            levels: ["basic", "advanced", "qualified"],
            anchors: entries.map { TrustFramework.Anchor(certificate: anchor, level: $0.0, constraints: $0.1) }
        )
    }

    @Test func theHighestSatisfiedLevelIsConferred() throws {
        var qualified = TrustFramework.AnchorConstraints()
        qualified.qcStatements = [[0, 4, 0, 1862, 1, 1]]  // QcCompliance: PKITS certificates have none
        var advanced = TrustFramework.AnchorConstraints()
        advanced.policies = [Self.policy]
        let framework = try framework([("basic", .init()), ("qualified", qualified), ("advanced", advanced)])
        #expect(framework.level(for: try Self.path(), at: Self.time) == .conferred(level: "advanced"))
    }

    @Test func unmetConstraintsAreNamed() throws {
        var wrongPolicy = TrustFramework.AnchorConstraints()
        wrongPolicy.policies = [[1, 2, 3, 4]]
        var window = TrustFramework.AnchorConstraints()
        window.validUntil = X509Time(year: 2015, month: 1, day: 1, hour: 0, minute: 0, second: 0)
        var usage = TrustFramework.AnchorConstraints()
        usage.keyUsage = [.keyCertSign]
        let framework = try framework([("advanced", wrongPolicy), ("basic", window), ("qualified", usage)])
        guard case .constraintsFailed(let reasons) = framework.level(for: try Self.path(), at: Self.time) else {
            Issue.record("expected failed constraints")
            return
        }
        #expect(reasons.count == 3, "\(reasons)")
        #expect(reasons.contains { $0.contains("certificate policy") })
        #expect(reasons.contains { $0.contains("only until") })
        #expect(reasons.contains { $0 == "level qualified: the signer's keyUsage does not allow Certificate Sign" })
    }

    @Test func otherAnchorsAreNotThisFrameworks() throws {
        let other = try TrustFramework(
            id: "other",
            jurisdiction: "DE",
            name: "other",
            legalBasis: "test",
            levels: ["basic"],
            anchors: [.init(certificate: try Self.certificate("GoodCACert"), level: "basic")]
        )
        let mine = try framework([("basic", .init())])
        let path = try Self.path()
        #expect(other.level(for: path, at: Self.time) == .notAnchored)
        let found = [other, mine].levels(for: path, at: Self.time)
        #expect(found.map(\.framework.id) == ["test"])
        #expect([other, mine].trustStore.certificates.count == 2)
    }
}
