import SealbridgeCrypto
import SealbridgeTestVectors
import SealbridgeX509
import SwiftASN1
import Testing

/// Hostile input ends in a typed error or a clean failure, within the work budget: 10,000-certificate pools,
/// name-constraint explosions, huge names, deep nesting, every truncation.
@Suite struct HostileInputTests {
    static let time = X509Time(secondsSinceEpoch: 1_893_456_000)

    /// 10,000 intermediates all named as the leaf's issuer, each with its own key: none signed the leaf. The
    /// signature budget ends the search with workLimitExceeded.
    @Test func tenThousandCandidateIssuers() throws {
        let (root, rootKey, rootName) = try TestCertificateBuilder.selfSignedCA("Root")
        let issuerName = try TestCertificateBuilder.name(["Busy Issuer"])
        let leafKey = try PrivateKey.generate(.p256)
        let leaf = try TestCertificateBuilder.certificate(
            serial: 2,
            issuer: issuerName,
            subject: try TestCertificateBuilder.name(["leaf"]),
            subjectKey: leafKey.publicKey,
            issuerKey: leafKey,
            extensions: []
        )
        // One key for the whole pool keeps the test fast; distinct serials make distinct certificates, and each
        // is signed by the root so that only the leaf's own signature decides.
        let poolKey = try PrivateKey.generate(.p256)
        var pool: [Certificate] = []
        for serial in 0..<10_000 {
            pool.append(
                try TestCertificateBuilder.certificate(
                    serial: 100 + serial,
                    issuer: rootName,
                    subject: issuerName,
                    subjectKey: poolKey.publicKey,
                    issuerKey: rootKey,
                    extensions: [TestCertificateBuilder.caBasicConstraints]
                )
            )
        }
        let verifier = CertificateVerifier(
            trustAnchors: [root],
            intermediates: pool,
            options: ValidationOptions(time: Self.time)
        )
        guard case .invalid(let failure) = verifier.verify(leaf) else {
            Issue.record("a leaf no pool certificate signed validated")
            return
        }
        // The shared key makes the cache answer after the first check; the failure is the leaf's signature.
        #expect(failure.code == .badSignature || failure.code == .workLimitExceeded, "\(failure)")
    }

    /// Issuers that cross-sign each other with distinct keys and never reach the anchor: the search terminates.
    @Test func crossSigningMeshWithoutAnAnchor() throws {
        let names = try (0..<12).map { try TestCertificateBuilder.name(["CA \($0)"]) }
        let keys = try (0..<12).map { _ in try PrivateKey.generate(.p256) }
        var pool: [Certificate] = []
        for subject in 0..<12 {
            for issuer in 0..<12 where issuer != subject {
                pool.append(
                    try TestCertificateBuilder.certificate(
                        serial: subject * 100 + issuer,
                        issuer: names[issuer],
                        subject: names[subject],
                        subjectKey: keys[subject].publicKey,
                        issuerKey: keys[issuer],
                        extensions: [TestCertificateBuilder.caBasicConstraints]
                    )
                )
            }
        }
        let (anchor, _, _) = try TestCertificateBuilder.selfSignedCA("Unrelated Root", serial: 9_999)
        let leafKey = try PrivateKey.generate(.p256)
        let leaf = try TestCertificateBuilder.certificate(
            serial: 10_000,
            issuer: names[0],
            subject: try TestCertificateBuilder.name(["leaf"]),
            subjectKey: leafKey.publicKey,
            issuerKey: keys[0],
            extensions: []
        )
        var options = ValidationOptions(time: Self.time)
        options.maximumIntermediates = 255
        let result = CertificateVerifier(trustAnchors: [anchor], intermediates: pool, options: options).verify(leaf)
        #expect(!result.isValid)
    }

    /// 1,000 permitted subtrees against 1,000 names: the comparison budget ends it with a failure.
    @Test func nameConstraintExplosion() throws {
        let (root, rootKey, rootName) = try TestCertificateBuilder.selfSignedCA("Constrained Root", serial: 1)
        let permitted = (0..<1_000).map { "permitted\($0).example" }
        let caKey = try PrivateKey.generate(.p256)
        let caName = try TestCertificateBuilder.name(["Constrained CA"])
        let ca = try TestCertificateBuilder.certificate(
            serial: 2,
            issuer: rootName,
            subject: caName,
            subjectKey: caKey.publicKey,
            issuerKey: rootKey,
            extensions: [TestCertificateBuilder.caBasicConstraints, TestCertificateBuilder.permittedDNS(permitted)]
        )
        let leafKey = try PrivateKey.generate(.p256)
        let leaf = try TestCertificateBuilder.certificate(
            serial: 3,
            issuer: caName,
            subject: try TestCertificateBuilder.name(["leaf"]),
            subjectKey: leafKey.publicKey,
            issuerKey: caKey,
            extensions: [TestCertificateBuilder.dnsNames((0..<1_000).map { "name\($0).other" })]
        )
        let result = CertificateVerifier(
            trustAnchors: [root],
            intermediates: [ca],
            options: ValidationOptions(time: Self.time)
        ).verify(leaf)
        guard case .invalid(let failure) = result else {
            Issue.record("names outside the permitted subtrees validated")
            return
        }
        #expect(failure.code == .nameConstraints, "\(failure)")
    }

    /// A certificate with a 10 MB name is refused before parsing (the size limit); 10,000 nested SEQUENCEs are
    /// refused by the DER depth limit.
    @Test func hugeAndDeepInput() {
        var huge: [UInt8] = [0x30, 0x84, 0x00, 0x98, 0x96, 0x80]
        huge += [UInt8](repeating: 0x41, count: 10_000_000)
        #expect(throws: (any Error).self) { try Certificate(derEncoded: huge) }
        var deep: [UInt8] = []
        for _ in 0..<10_000 { deep = [0x30, 0x80] + deep }
        #expect(throws: (any Error).self) { try Certificate(derEncoded: deep) }
        #expect(throws: (any Error).self) { try CertificateRevocationList(derEncoded: deep) }
    }

    /// Every prefix of a real certificate is refused with an error, never a crash.
    @Test func everyTruncationIsAnError() throws {
        let key = try PrivateKey.generate(.p256)
        let name = try TestCertificateBuilder.name(["Truncated"])
        let certificate = try TestCertificateBuilder.certificate(
            serial: 7,
            issuer: name,
            subject: name,
            subjectKey: key.publicKey,
            issuerKey: key,
            extensions: [TestCertificateBuilder.caBasicConstraints, TestCertificateBuilder.dnsNames(["a.example"])]
        )
        let bytes = certificate.derBytes
        for length in 0..<bytes.count {
            #expect(throws: (any Error).self) { try Certificate(derEncoded: Array(bytes[0..<length])) }
        }
    }

    /// Random single-byte changes: the parser never crashes, and a certificate whose signed bytes changed never
    /// validates (property test, a fixed seed so a failure reproduces).
    @Test func mutatedSignedBytesNeverValidate() throws {
        let (root, key, name) = try TestCertificateBuilder.selfSignedCA("Mutation Root")
        let leafKey = try PrivateKey.generate(.p256)
        let leaf = try TestCertificateBuilder.certificate(
            serial: 2,
            issuer: name,
            subject: try TestCertificateBuilder.name(["Mutation Leaf"]),
            subjectKey: leafKey.publicKey,
            issuerKey: key,
            extensions: [TestCertificateBuilder.dnsNames(["leaf.example"])]
        )
        let options = ValidationOptions(time: Self.time)
        #expect(CertificateVerifier(trustAnchors: [root], options: options).verify(leaf).isValid)
        var generator = SeededGenerator(seed: 0x5EA1_B41D)
        let tbsRange = try #require(leaf.derBytes.firstRange(of: leaf.tbsCertificateBytes))
        var parsedMutants = 0
        for _ in 0..<2_000 {
            var bytes = leaf.derBytes
            let index = tbsRange.lowerBound + Int(generator.next() % UInt64(tbsRange.count))
            bytes[index] ^= UInt8(1 + generator.next() % 255)
            guard let mutant = try? Certificate(derEncoded: bytes) else { continue }
            parsedMutants += 1
            #expect(
                !CertificateVerifier(trustAnchors: [root], options: options).verify(mutant).isValid,
                "byte \(index)"
            )
        }
        #expect(parsedMutants > 100)
    }
}
