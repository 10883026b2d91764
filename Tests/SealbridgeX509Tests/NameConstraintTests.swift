import SealbridgeCrypto
import SealbridgeX509
import Testing

/// Name-constraint corner cases found with x509-limbo: constraints on the trust anchor itself, malformed
/// constraints and names, wildcard names against constraints.
@Suite struct NameConstraintTests {
    static let time = X509Time(secondsSinceEpoch: 1_893_456_000)

    /// A root carrying `constraints`, and a leaf it issues with `alternativeNames` (a subjectAltName extension).
    static func chain(constraints: [UInt8], alternativeNames: [UInt8]) throws -> (Certificate, Certificate) {
        let rootKey = try PrivateKey.generate(.p256)
        let rootName = try TestCertificateBuilder.name(["Constrained Root"])
        let root = try TestCertificateBuilder.certificate(
            serial: 1,
            issuer: rootName,
            subject: rootName,
            subjectKey: rootKey.publicKey,
            issuerKey: rootKey,
            extensions: [TestCertificateBuilder.caBasicConstraints, constraints]
        )
        let leafKey = try PrivateKey.generate(.p256)
        let leaf = try TestCertificateBuilder.certificate(
            serial: 2,
            issuer: rootName,
            subject: try TestCertificateBuilder.name(["leaf"]),
            subjectKey: leafKey.publicKey,
            issuerKey: rootKey,
            extensions: [alternativeNames]
        )
        return (root, leaf)
    }

    static func verify(_ chain: (Certificate, Certificate)) -> VerificationResult {
        CertificateVerifier(trustAnchors: [chain.0], options: ValidationOptions(time: time)).verify(chain.1)
    }

    @Test func anchorConstraintsBind() throws {
        let inside = try Self.chain(
            constraints: TestCertificateBuilder.permitted(["example.com"], tag: 2),
            alternativeNames: TestCertificateBuilder.dnsNames(["www.example.com"])
        )
        #expect(Self.verify(inside).isValid)
        let outside = try Self.chain(
            constraints: TestCertificateBuilder.permitted(["example.com"], tag: 2),
            alternativeNames: TestCertificateBuilder.dnsNames(["www.example.org"])
        )
        guard case .invalid(let failure) = Self.verify(outside) else {
            Issue.record("a name outside the anchor's permitted subtree validated")
            return
        }
        #expect(failure.code == .nameConstraints, "\(failure)")
    }

    @Test func malformedConstraintsAndNamesFail() throws {
        // A constraint that is not a mailbox or host.
        let badConstraint = try Self.chain(
            constraints: TestCertificateBuilder.permitted(["invalid@invalid@example.com"], tag: 1),
            alternativeNames: TestCertificateBuilder.mailboxes(["someone@example.com"])
        )
        #expect(!Self.verify(badConstraint).isValid)
        // A name that is not a mailbox cannot pass a mailbox constraint.
        let badName = try Self.chain(
            constraints: TestCertificateBuilder.permitted(["example.com"], tag: 1),
            alternativeNames: TestCertificateBuilder.mailboxes(["good@example.com", "invalid@address@example.com"])
        )
        #expect(!Self.verify(badName).isValid)
        let good = try Self.chain(
            constraints: TestCertificateBuilder.permitted(["example.com"], tag: 1),
            alternativeNames: TestCertificateBuilder.mailboxes(["good@example.com"])
        )
        #expect(Self.verify(good).isValid)
    }

    /// A wildcard stands for every name it could match: it must lie wholly inside a permitted subtree
    /// (CVE-2025-61727).
    @Test func wildcardNamesAgainstConstraints() throws {
        let narrower = try Self.chain(
            constraints: TestCertificateBuilder.permitted(["foo.example.com"], tag: 2),
            alternativeNames: TestCertificateBuilder.dnsNames(["*.example.com"])
        )
        #expect(!Self.verify(narrower).isValid)
        let covering = try Self.chain(
            constraints: TestCertificateBuilder.permitted(["example.com"], tag: 2),
            alternativeNames: TestCertificateBuilder.dnsNames(["*.example.com"])
        )
        #expect(Self.verify(covering).isValid)
    }
}
