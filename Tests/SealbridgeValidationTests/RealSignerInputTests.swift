import Foundation
import SealbridgeCMS
import SealbridgeCrypto
import SealbridgeTrust
import SealbridgeValidation
import SealbridgeX509
import Testing

/// Signature files as real software hands them over (issue 15 §2), end to end through the validator.
@Suite struct RealSignerInputTests {
    let f: ValidationFixtures

    init() throws { f = try ValidationFixtures() }

    @Test func zeroPaddingAfterTheSignatureIsToleratedAndNoted() async throws {
        let signed = try await f.sign()
        // A PDF /Contents hex string or a fixed 8 KiB buffer leaves zeros after the ContentInfo.
        let padded = signed + [UInt8](repeating: 0, count: 8192 - signed.count % 8192)
        let report = try f.validate(padded)
        #expect(report.outcome == "TOTAL_PASSED")
        #expect(report.signatures.first?.notes.contains { $0.contains("zero bytes after the signature") } == true)
        // Anything else after it is still a format failure.
        for tail: [UInt8] in [[0, 0, 1], [0x30, 0x00]] {
            let report = try f.validate(signed + tail)
            #expect(report.outcome == "TOTAL_FAILED/FORMAT_FAILURE")
            #expect(report.headline.contains("follow the CMS signature and are not zero padding"))
        }
    }
}

extension RealSignerInputTests {
    // MARK: - A signing certificate the signature does not carry

    @Test func aSignerCertificateNotCarriedCanBeGiven() async throws {
        var options = CMSSignOptions()
        options.includesCertificates = false
        let bare = try await f.sign(options: options)
        let missing = try f.validate(bare)
        #expect(missing.outcome == "INDETERMINATE/NO_SIGNING_CERTIFICATE_FOUND")
        let given = try f.validate(bare) {
            $0.untrustedCertificates = [f.signer.certificate, f.ca.certificate]
        }
        #expect(given.outcome == "TOTAL_PASSED")
        #expect(given.signatures.first?.signer?.subject.contains("Test Signer") == true)
    }

    @Test func aTrustAnchorMayBeTheSignersOwnCertificate() async throws {
        var options = CMSSignOptions()
        options.includesCertificates = false
        let bare = try await f.sign(options: options)
        // The relying party trusts the signer's certificate itself (cms verify --trust SIGNER.pem): nothing to
        // build, and the certificate is found among the anchors.
        let report = try f.validate(bare) {
            $0.frameworks = []
            $0.anchors = [f.signer.certificate]
            $0.revocationPolicy = .whereAvailable
            $0.requiresSigningCertificateReference = false
        }
        #expect(report.outcome == "TOTAL_PASSED", "\(report.signatures.first?.reason ?? report.summary)")
        #expect(report.signatures.first?.chain.map(\.role) == [.trustAnchor])
    }

    // MARK: - A document given only by its digest

    @Test func aDetachedSignatureIsCheckedAgainstADigestOfTheDocument() async throws {
        var options = CMSSignOptions()
        options.detached = true
        let detached = try await f.sign(options: options)
        let sha256 = HashFunction.sha256.digest(ValidationFixtures.content)
        let report = try f.validate(detached, content: .digest(.sha256, sha256))
        #expect(report.outcome == "TOTAL_PASSED")
        let given = try #require(report.documents.first { $0.role == .contentDigest })
        #expect(given.digestAlgorithm == "sha256" && given.digest == HexEncoding.encode(sha256))
        #expect(given.size == nil && given.sha256 == HexEncoding.encode(sha256))
        #expect(report.text().contains("the document, given only by its digest (sha256 \(HexEncoding.encode(sha256)))"))

        var wrong = sha256
        wrong[0] ^= 1
        #expect(try f.validate(detached, content: .digest(.sha256, wrong)).outcome == "TOTAL_FAILED/HASH_FAILURE")
        // A digest with another hash than the signer's cannot be checked: indeterminate, with what to give.
        let other = try f.validate(
            detached,
            content: .digest(.sha384, HashFunction.sha384.digest(ValidationFixtures.content))
        )
        #expect(other.outcome == "INDETERMINATE/SIGNED_DATA_NOT_FOUND")
        #expect(other.signatures.first?.reason.contains("sha256 digest") == true)
    }

    @Test func anAttachedSignatureIsComparedWithAGivenDigest() async throws {
        let attached = try await f.sign()
        let same = try f.validate(
            attached,
            content: .digest(.sha3_256, HashFunction.sha3_256.digest(ValidationFixtures.content))
        )
        #expect(same.outcome == "TOTAL_PASSED")
        let forged = try f.validate(attached, content: .digest(.sha256, [UInt8](repeating: 7, count: 32)))
        #expect(forged.outcome == "TOTAL_FAILED/HASH_FAILURE")
        #expect(forged.signatures.first?.reason.contains("is not the one that was signed") == true)
    }

    @Test func contentDigestTextIsReadStrictly() throws {
        let hex = String(repeating: "ab", count: 32)
        guard case .digest(let function, let bytes) = try SignedContent.digest(text: "SHA256:" + hex) else {
            Issue.record("not a digest")
            return
        }
        #expect(function == .sha256 && bytes.count == 32)
        for bad in [
            "sha256", "md5:" + hex, "sha256:" + hex.dropLast(2), "sha256:" + hex + "0", "sha256:zz" + hex.dropFirst(2),
        ] {
            #expect(throws: ValidationInputError.self, "\(bad)") { try SignedContent.digest(text: String(bad)) }
        }
    }

    // MARK: - PEM as tools write it

    @Test func onePEMLineAndBareBase64AreRead() throws {
        let der = f.signer.certificate.derBytes
        let body = Data(der).base64EncodedString()
        let oneLine = Array("-----BEGIN CERTIFICATE-----\(body)-----END CERTIFICATE-----".utf8)
        let longLines = Array("-----BEGIN CERTIFICATE-----\n\(body)\n-----END CERTIFICATE-----\n".utf8)
        let bare = Array((body.prefix(70) + "\r\n" + body.dropFirst(70)).utf8)
        for input in [oneLine, longLines, bare] {
            #expect(try Certificate.readAll(from: input).map(\.derBytes) == [der])
        }
        #expect(throws: X509Error.self) {
            try Certificate.readAll(from: Array("-----BEGIN CERTIFICATE-----\(body)".utf8))
        }
        #expect(throws: X509Error.self) {
            try Certificate.readAll(
                from: Array(
                    "-----BEGIN CERTIFICATE-----\nProc-Type: 4,ENCRYPTED\n\(body)\n-----END CERTIFICATE-----".utf8
                )
            )
        }
    }
}

extension RealSignerInputTests {
    // MARK: - GB/T 35275 without signed attributes, by framework policy

    @Test func aGBT35275FrameworkAcceptsSignedDataWithoutSignedAttributes() async throws {
        var options = CMSSignOptions()
        options.usesSignedAttributes = false
        let plain = try await f.sign(options: options)
        // The default policy is CAdES baseline: no signed signing-certificate reference, no pass.
        let baseline = try f.validate(plain)
        #expect(baseline.outcome == "INDETERMINATE/SIG_CONSTRAINTS_FAILURE")
        let gbt = try TrustFramework(
            id: "test-gbt",
            jurisdiction: "CN",
            name: "GB/T 35275 test framework",
            legalBasis: "test",
            levels: ["licensed"],
            anchors: f.framework.anchors.map {
                TrustFramework.Anchor(certificate: $0.certificate, level: "licensed", constraints: $0.constraints)
            },
            signaturePolicy: .gbt35275
        )
        let report = try f.validate(plain) { $0.frameworks = [gbt] }
        #expect(report.outcome == "TOTAL_PASSED", "\(report.signatures.first?.reason ?? report.summary)")
        #expect(report.signatures.first?.format == .cms)
    }

    @Test func frameworkTOMLChoosesTheSignaturePolicy() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sealbridge-fw-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try f.root.certificate.pemRepresentation.write(
            to: folder.appendingPathComponent("root.pem"),
            atomically: true,
            encoding: .utf8
        )
        func manifest(_ policy: String?) throws -> TrustFramework {
            let line = policy.map { "signature_policy = \"\($0)\"\n" } ?? ""
            try """
            id = "cn-test"
            jurisdiction = "CN"
            name = "Test"
            legal_basis = "test"
            levels = ["licensed"]
            \(line)
            [[anchors]]
            certificate = "root.pem"
            level = "licensed"
            """.write(to: folder.appendingPathComponent("framework.toml"), atomically: true, encoding: .utf8)
            return try TrustFramework.load(folder: folder)
        }
        #expect(try manifest(nil).signaturePolicy == .cadesBaseline)
        #expect(try manifest("gbt35275").signaturePolicy == .gbt35275)
        #expect(throws: TrustError.self) { try manifest("lenient") }
    }
}
