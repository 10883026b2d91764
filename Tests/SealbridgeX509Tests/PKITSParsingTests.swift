import Foundation
import SealbridgeConformance
import SealbridgeCrypto
import SealbridgeTestVectors
import SealbridgeX509
import SwiftASN1
import Testing

/// PKITS files for the parsing tests (the cases themselves are `SealbridgeConformance.PKITS.TestCase`).
enum PKITSFiles {
    static func cases() throws -> [PKITS.TestCase] { try PKITS.cases(in: try Vectors.folder("pkits")) }

    static func certificate(_ path: String) throws -> Certificate {
        try Certificate(derEncoded: Array(try Vectors.data("pkits/\(path)")))
    }

    static func allCertificateFiles() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: try Vectors.folder("pkits/certs").path)
            .filter { $0.hasSuffix(".crt") }.sorted()
    }
}

@Suite struct PKITSParsingTests {
    @Test func everyCertificateParses() throws {
        let files = try PKITSFiles.allCertificateFiles()
        #expect(files.count == 405)
        var parsed = 0
        for file in files {
            do {
                let certificate = try PKITSFiles.certificate("certs/\(file)")
                #expect(certificate.derBytes == Array(try Vectors.data("pkits/certs/\(file)")))
                #expect(try Certificate.readAll(from: Array(certificate.pemRepresentation.utf8)) == [certificate])
                parsed += 1
            } catch {
                Issue.record("\(file): \(error)")
            }
        }
        #expect(parsed == 405)
    }

    /// Each certificate on each PKITS path checked against its possible issuers (the anchor and the other path
    /// certificates whose subject is its issuer name, since PKITS has key rollovers and separate CRL signers):
    /// some issuer key must verify it, except for the certificates whose signatures PKITS broke on purpose.
    /// A DSA key without parameters takes them from its own issuer's key (RFC 3279 §2.3.2, PKITS 4.1.5).
    @Test(arguments: try PKITSFiles.cases())
    func signaturesAlongThePath(_ testCase: PKITS.TestCase) throws {
        let anchor = try PKITSFiles.certificate(testCase.trust_anchor)
        let path = try testCase.path.map { try PKITSFiles.certificate($0) }
        let candidates = [anchor] + path
        for (index, (file, certificate)) in zip(testCase.path, path).enumerated() {
            let brokenOnPurpose = [
                "BadSignedCACert.crt", "InvalidEESignatureTest3EE.crt", "InvalidDSASignatureTest6EE.crt",
            ]
            .contains { file.hasSuffix($0) }
            // Names that match only under RFC 5280 §7.1 rules (case, whitespace, string type) or that PKITS breaks
            // on purpose (4.3.1, 4.3.2) fall back to the adjacent certificate: name chaining is validation's job.
            var issuers = candidates.filter { $0 != certificate && $0.subject.derBytes == certificate.issuer.derBytes }
            if issuers.isEmpty {
                issuers = [index == 0 ? anchor : path[index - 1]]
            }
            let keys = issuers.compactMap { issuer -> PublicKey? in
                if let key = try? issuer.publicKey() { return key }
                // Inherit DSA parameters from the issuer's issuer (the anchor or the previous path certificate).
                let grandparent = candidates.first { $0.subject.derBytes == issuer.issuer.derBytes && $0 != issuer }
                return try? PublicKey(
                    derRepresentation: Array(issuer.subjectPublicKeyInfoBytes),
                    inheritingDSAParametersFrom: grandparent.flatMap { try? $0.publicKey() }
                )
            }
            #expect(!keys.isEmpty, "\(testCase.id): no issuer key for \(file)")
            let valid = keys.contains { certificate.isSignatureValid(issuerKey: $0) }
            #expect(valid == !brokenOnPurpose, "\(testCase.id): \(file)")
        }
    }

    @Test func typedExtensionsOfACACertificate() throws {
        let ca = try PKITSFiles.certificate("certs/GoodCACert.crt")
        let anchor = try PKITSFiles.certificate("certs/TrustAnchorRootCertificate.crt")
        #expect(try ca.basicConstraints()?.isCA == true)
        #expect(try ca.keyUsage() == [.keyCertSign, .crlSign])
        #expect(ca.extension(ExtensionOID.keyUsage)?.isCritical == true)
        // The CA's authority key identifier is the anchor's subject key identifier.
        #expect(try ca.authorityKeyIdentifier()?.keyIdentifier == anchor.subjectKeyIdentifier())
        let leaf = try PKITSFiles.certificate("certs/ValidCertificatePathTest1EE.crt")
        #expect(try leaf.basicConstraints() == nil)
        #expect(try leaf.authorityKeyIdentifier()?.keyIdentifier == ca.subjectKeyIdentifier())
        let pathLength = try PKITSFiles.certificate("certs/pathLenConstraint0CACert.crt")
        #expect(try pathLength.basicConstraints()?.pathLengthConstraint == 0)
    }

    /// PKITS 4.3 (all 11 cases): the EE's issuer must match its CA's subject under RFC 5280 §7.1 rules in the
    /// valid cases (whitespace, capitalisation, PrintableString→UTF8String rollover, UIDs, attribute types) and
    /// must not in the invalid ones (a different name, a different RDN order).
    @Test(arguments: try PKITSFiles.cases().filter { $0.id.hasPrefix("4.3.") })
    func nameChaining(_ testCase: PKITS.TestCase) throws {
        let ca = try PKITSFiles.certificate(testCase.path[0])
        let ee = try PKITSFiles.certificate(testCase.path[1])
        #expect(
            ee.issuer.matches(ca.subject) == (testCase.expected == "valid"),
            "\(testCase): \(ee.issuer) vs \(ca.subject)"
        )
    }

    @Test func policyAndNameConstraintExtensions() throws {
        let policy1: ASN1ObjectIdentifier = [2, 16, 840, 1, 101, 3, 2, 1, 48, 1]
        let policy2: ASN1ObjectIdentifier = [2, 16, 840, 1, 101, 3, 2, 1, 48, 2]
        let good = try PKITSFiles.certificate("certs/GoodCACert.crt")
        #expect(try good.certificatePolicies()?.policies.map(\.identifier) == [policy1])
        let mapping = try PKITSFiles.certificate("certs/Mapping1to2CACert.crt")
        #expect(
            try mapping.policyMappings()?.mappings == [.init(issuerDomainPolicy: policy1, subjectDomainPolicy: policy2)]
        )
        #expect(
            try PKITSFiles.certificate("certs/requireExplicitPolicy0CACert.crt").policyConstraints()?
                .requireExplicitPolicy
                == 0
        )
        #expect(
            try PKITSFiles.certificate("certs/inhibitPolicyMapping0CACert.crt").policyConstraints()?
                .inhibitPolicyMapping
                == 0
        )
        #expect(try PKITSFiles.certificate("certs/inhibitAnyPolicy0CACert.crt").inhibitAnyPolicy() == 0)
        let constraints = try #require(
            try PKITSFiles.certificate("certs/nameConstraintsDN1CACert.crt").nameConstraints()
        )
        guard case .directoryName(let permitted)? = constraints.permittedSubtrees?.first else {
            Issue.record("expected a permitted directoryName subtree")
            return
        }
        #expect(permitted.description.contains("OU=permittedSubtree1"))
    }

    @Test func everyExtensionOfEveryCertificateDecodesOrIsKeptRaw() throws {
        var decoded = 0
        for file in try PKITSFiles.allCertificateFiles() {
            let certificate = try PKITSFiles.certificate("certs/\(file)")
            _ = try certificate.basicConstraints()
            _ = try certificate.keyUsage()
            _ = try certificate.extendedKeyUsage()
            _ = try certificate.subjectKeyIdentifier()
            _ = try certificate.authorityKeyIdentifier()
            _ = try certificate.subjectAlternativeNames()
            _ = try certificate.certificatePolicies()
            _ = try certificate.policyMappings()
            _ = try certificate.policyConstraints()
            _ = try certificate.inhibitAnyPolicy()
            _ = try certificate.nameConstraints()
            _ = try certificate.crlDistributionPoints()
            _ = try certificate.freshestCRL()
            _ = try certificate.authorityInfoAccess()
            _ = try certificate.qcStatements()
            decoded += 1
        }
        #expect(decoded == 405)
    }

    @Test func truncatedAndGarbageInputIsATypedError() throws {
        let certificate = try PKITSFiles.certificate("certs/GoodCACert.crt").derBytes
        for length in stride(from: 0, to: certificate.count, by: 7) {
            #expect(throws: X509Error.self) { try Certificate(derEncoded: Array(certificate.prefix(length))) }
        }
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<500 {
            var mutated = certificate
            let index = Int.random(in: 0..<mutated.count, using: &generator)
            mutated[index] ^= UInt8.random(in: 1...255, using: &generator)
            // Parsing may succeed (a changed signed byte still parses) but must never crash, and a mutated
            // signed byte must not verify.
            if let parsed = try? Certificate(derEncoded: mutated),
                parsed.tbsCertificateBytes != (try Certificate(derEncoded: certificate)).tbsCertificateBytes,
                let anchor = try? PKITSFiles.certificate("certs/TrustAnchorRootCertificate.crt").publicKey()
            {
                #expect(!parsed.isSignatureValid(issuerKey: anchor))
            }
        }
    }
}

@Suite struct PKITSCRLTests {
    static func crlFiles() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: try Vectors.folder("pkits/crls").path)
            .filter { $0.hasSuffix(".crl") }.sorted()
    }

    @Test func everyCRLParses() throws {
        let files = try Self.crlFiles()
        #expect(files.count == 173)
        var parsed = 0
        for file in files {
            do {
                let crl = try CertificateRevocationList(derEncoded: Array(try Vectors.data("pkits/crls/\(file)")))
                #expect(crl.version == 2 || crl.extensions.isEmpty)
                parsed += 1
            } catch {
                Issue.record("\(file): \(error)")
            }
        }
        #expect(parsed == 173)
    }

    @Test func revokedEntriesAndSignatures() throws {
        let crl = try CertificateRevocationList(derEncoded: Array(try Vectors.data("pkits/crls/GoodCACRL.crl")))
        let ca = try PKITSFiles.certificate("certs/GoodCACert.crt")
        #expect(crl.issuer == ca.subject)
        #expect(crl.isSignatureValid(issuerKey: try ca.publicKey()))
        #expect(!crl.entries.isEmpty)
        let revoked = try PKITSFiles.certificate("certs/InvalidRevokedEETest3EE.crt")
        #expect(crl.entries.contains { $0.serialNumber[...] == revoked.serialNumber })
        let bad = try CertificateRevocationList(
            derEncoded: Array(try Vectors.data("pkits/crls/BadCRLSignatureCACRL.crl"))
        )
        let badIssuer = try PKITSFiles.certificate("certs/BadCRLSignatureCACert.crt")
        #expect(!bad.isSignatureValid(issuerKey: try badIssuer.publicKey()))
    }

    @Test func crlExtensionsOfEveryCRLDecode() throws {
        for file in try Self.crlFiles() {
            let crl = try CertificateRevocationList(derEncoded: Array(try Vectors.data("pkits/crls/\(file)")))
            _ = try crl.issuingDistributionPoint()
            _ = try crl.crlNumber()
            _ = try crl.deltaCRLIndicator()
            for entry in crl.entries {
                _ = try entry.reasonCode()
                _ = try entry.certificateIssuer()
            }
        }
        func crl(_ name: String) throws -> CertificateRevocationList {
            try CertificateRevocationList(derEncoded: Array(try Vectors.data("pkits/crls/\(name)")))
        }
        #expect(try crl("deltaCRLCA1deltaCRL.crl").deltaCRLIndicator() != nil)
        #expect(try crl("deltaCRLCA1CRL.crl").deltaCRLIndicator() == nil)
        #expect(try crl("indirectCRLCA1CRL.crl").issuingDistributionPoint()?.indirectCRL == true)
        #expect(try crl("onlyContainsUserCertsCACRL.crl").issuingDistributionPoint()?.onlyContainsUserCerts == true)
        #expect(try crl("onlyContainsCACertsCACRL.crl").issuingDistributionPoint()?.onlyContainsCACerts == true)
        #expect(
            try crl("onlySomeReasonsCA1compromiseCRL.crl").issuingDistributionPoint()?.onlySomeReasons == [
                .keyCompromise, .caCompromise,
            ]
        )
        #expect(try crl("GoodCACRL.crl").crlNumber() != nil)
    }

    @Test func truncatedCRLsAreTypedErrors() throws {
        let bytes = Array(try Vectors.data("pkits/crls/GoodCACRL.crl"))
        for length in 0..<bytes.count {
            #expect(throws: X509Error.self) { try CertificateRevocationList(derEncoded: Array(bytes.prefix(length))) }
        }
    }
}
