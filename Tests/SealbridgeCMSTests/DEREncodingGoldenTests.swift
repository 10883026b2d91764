import Foundation
import SealbridgeCMS
import SealbridgeCrypto
import SealbridgeX509
import SwiftASN1
import Testing

/// Every structure Sealbridge writes in DER, made from fixed keys, times and serials (RSA PKCS #1 v1.5 and Ed25519
/// signatures are deterministic) and compared byte for byte with `Tests/Vectors/golden/der/NAME.der`: certificates
/// with every extension the issuer writes, a CRL, CMS SignedData in each form, a countersignature, time-stamp
/// requests, TSTInfo, tokens and responses. They guard the encoders while they change; the OpenSSL, BouncyCastle and
/// xmlsec1 interop suites guard what the bytes mean. `SEALBRIDGE_UPDATE_GOLDEN=1` rewrites the files (then read the
/// diff with `openssl asn1parse -inform DER`).
@Suite struct DEREncodingGoldenTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Vectors/golden/der")

    static func key(_ name: String) throws -> PrivateKey {
        try PrivateKey(
            pemRepresentation: String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
        )
    }

    static func expectGolden(
        _ name: String,
        _ bytes: [UInt8],
        sourceLocation: SourceLocation = #_sourceLocation
    )
        throws
    {
        let url = folder.appendingPathComponent("\(name).der")
        if ProcessInfo.processInfo.environment["SEALBRIDGE_UPDATE_GOLDEN"] == "1" {
            try Data(bytes).write(to: url)
        }
        let expected = Array(try Data(contentsOf: url))
        #expect(bytes == expected, "\(name) differs from its golden DER", sourceLocation: sourceLocation)
    }

    static let notBefore = X509Time(year: 2026, month: 1, day: 2, hour: 3, minute: 4, second: 5)
    static let notAfter = X509Time(year: 2051, month: 1, day: 2, hour: 3, minute: 4, second: 5)  // GeneralizedTime

    /// A CA (RSA, self-signed) and a signer and a TSA under it, with every extension the issuer writes.
    struct PKI {
        let caKey: PrivateKey
        let ca: Certificate
        let leafKey: PrivateKey
        let leaf: Certificate
        let tsa: Certificate
    }

    static func pki() throws -> PKI {
        let caKey = try key("golden-rsa-2048.key.pem")
        let leafKey = try key("golden-ed25519.key.pem")
        var caTemplate = CertificateTemplate(
            subject: try DistinguishedName([
                (NameAttribute.country, "HK"), (NameAttribute.organization, "Sealbridge Golden"),
                (NameAttribute.commonName, "Golden Root CA"),
            ]),
            serialNumber: [0x00, 0x81, 0x02],
            notBefore: notBefore,
            notAfter: notAfter,
            publicKey: caKey.publicKey
        )
        caTemplate.isCertificateAuthority = true
        caTemplate.pathLength = 1
        caTemplate.keyUsage = [.keyCertSign, .crlSign]
        let ca = try CertificateIssuer.issue(caTemplate, issuer: nil, issuerKey: caKey)

        var leafTemplate = CertificateTemplate(
            subject: try DistinguishedName([
                (NameAttribute.country, "CN"), (NameAttribute.organizationIdentifier, "NTRCN-91440300"),
                (NameAttribute.commonName, "Golden Signer 签章"),
            ]),
            serialNumber: [0x7F, 0xFF],
            notBefore: notBefore,
            notAfter: X509Time(year: 2030, month: 6, day: 30, hour: 23, minute: 59, second: 59),
            publicKey: leafKey.publicKey
        )
        leafTemplate.keyUsage = [.digitalSignature, .nonRepudiation]
        leafTemplate.extendedKeyUsages = [[1, 3, 6, 1, 5, 5, 7, 3, 4]]
        leafTemplate.policies = [[0, 4, 0, 194_112, 1, 2], [2, 16, 344, 8, 2, 2008, 810, 2, 2026, 1, 0]]
        leafTemplate.qcStatements = [[0, 4, 0, 1862, 1, 1]]
        leafTemplate.crlDistributionPoints = ["http://crl.example/golden.crl", "ldap://ldap.example/cn=golden"]
        leafTemplate.additionalExtensions = [
            .text([1, 2, 3, 4], "printable text"), .text([1, 2, 3, 5], "UTF-8 文本"),
            CertificateTemplate.AdditionalExtension(oid: [1, 2, 3, 6], critical: true, value: [0x05, 0x00]),
        ]
        let leaf = try CertificateIssuer.issue(leafTemplate, issuer: ca, issuerKey: caKey)

        var tsaTemplate = CertificateTemplate(
            subject: try DistinguishedName([(NameAttribute.commonName, "Golden TSA")]),
            serialNumber: [0x01],
            notBefore: notBefore,
            notAfter: notAfter,
            publicKey: caKey.publicKey
        )
        tsaTemplate.extendedKeyUsages = [CMSObjectIdentifier.timeStampingUsage]
        tsaTemplate.extendedKeyUsageCritical = true
        let tsa = try CertificateIssuer.issue(tsaTemplate, issuer: ca, issuerKey: caKey)
        return PKI(caKey: caKey, ca: ca, leafKey: leafKey, leaf: leaf, tsa: tsa)
    }

    @Test func certificatesAndCRLs() throws {
        let pki = try Self.pki()
        try Self.expectGolden("ca-certificate", pki.ca.derBytes)
        try Self.expectGolden("leaf-certificate", pki.leaf.derBytes)
        try Self.expectGolden("tsa-certificate", pki.tsa.derBytes)
        let crl = try CertificateIssuer.issueCRL(
            issuer: pki.ca,
            issuerKey: pki.caKey,
            thisUpdate: Self.notBefore,
            nextUpdate: X509Time(year: 2026, month: 2, day: 2, hour: 0, minute: 0, second: 0),
            number: 300,
            revoked: [
                .init(serialNumber: [0x7F, 0xFF], revocationDate: Self.notBefore, reason: 1),
                .init(serialNumber: [0x80], revocationDate: Self.notBefore),
            ]
        )
        try Self.expectGolden("crl", crl.derBytes)
        let emptyCRL = try CertificateIssuer.issueCRL(
            issuer: pki.ca,
            issuerKey: pki.caKey,
            thisUpdate: Self.notBefore,
            nextUpdate: Self.notAfter,
            number: 0,
            revoked: []
        )
        try Self.expectGolden("crl-empty", emptyCRL.derBytes)
        var pss = DER.Serializer()
        try pss.serialize(try SignatureAlgorithm.rsaPSS(hash: .sha384, saltLength: 48).algorithmIdentifier())
        try Self.expectGolden("rsa-pss-sha384-algorithm-identifier", pss.serializedBytes)
    }

    @Test func signedData() throws {
        let pki = try Self.pki()
        let signer = try CMSSigner(key: pki.caKey, certificate: pki.ca)
        let content = Array("An invoice, signed for the golden files.".utf8)
        var options = CMSSignOptions(signingTime: Self.notBefore)
        options.commitmentType = [1, 2, 840, 113_549, 1, 9, 16, 6, 1]
        options.signerLocation = SignerLocation(countryName: "HK", localityName: "Kowloon", postalAddress: ["1 Pier"])
        let attached = try CMSSignedDataBuilder.sign(.bytes(content), signers: [signer], options: options)
        try Self.expectGolden("signed-data-attached", attached.derRepresentation)

        var detached = CMSSignOptions(
            signingTime: X509Time(year: 2060, month: 1, day: 1, hour: 0, minute: 0, second: 0)
        )
        detached.detached = true
        detached.signerIdentifier = .subjectKeyIdentifier
        detached.includesAlgorithmProtection = false
        let detachedSignature = try CMSSignedDataBuilder.sign(.bytes(content), signers: [signer], options: detached)
        try Self.expectGolden("signed-data-detached-ski", detachedSignature.derRepresentation)

        var bare = CMSSignOptions(signingTime: nil)
        bare.usesSignedAttributes = false
        bare.includesCertificates = false
        bare.profile = .gm
        let gm = try CMSSignedDataBuilder.sign(.bytes(content), signers: [signer], options: bare)
        try Self.expectGolden("signed-data-gm-no-attributes", gm.derRepresentation)

        let counterSigned = try CMSSignedDataBuilder.countersign(
            attached,
            signerAt: 0,
            with: signer,
            signingTime: Self.notBefore
        )
        try Self.expectGolden("signed-data-countersigned", counterSigned.derRepresentation)
    }

    struct FixedSerials: TimeStampSerialStore {
        func nextSerialNumber() throws -> UInt64 { 0x80_0000_0000_0001 }
    }

    @Test func timeStamps() throws {
        let pki = try Self.pki()
        let imprint = MessageImprint(hashing: Array("golden".utf8), with: .sha256)
        let request = TimeStampRequest(
            messageImprint: imprint,
            policy: [1, 3, 6, 1, 4, 1, 99999, 1],
            nonce: [0x00, 0xF1, 0x02],
            certificateRequested: true
        )
        try Self.expectGolden("timestamp-request", request.derRepresentation)
        let minimal = TimeStampRequest(messageImprint: imprint, nonce: nil, certificateRequested: false)
        try Self.expectGolden("timestamp-request-minimal", minimal.derRepresentation)

        let info = TSTInfo(
            policy: [1, 3, 6, 1, 4, 1, 99999, 1],
            messageImprint: imprint,
            serialNumber: [0x01, 0x00],
            genTime: PreciseTime(secondsSinceEpoch: 1_767_323_045, nanoseconds: 120_000_000),
            accuracy: TimeStampAccuracy(seconds: 1, milliseconds: 500, microseconds: 7),
            ordering: true,
            nonce: [0x00, 0xF1, 0x02],
            tsaName: .directoryName(pki.tsa.subject),
            extensions: [Extension(oid: [1, 2, 3, 7], isCritical: false, value: [0x05, 0x00])]
        )
        try Self.expectGolden("tstinfo-every-field", info.derRepresentation(fractionDigits: 6))

        let authority = try TimeStampAuthority(
            key: pki.caKey,
            certificate: pki.tsa,
            chain: [pki.ca],
            policy: [1, 3, 6, 1, 4, 1, 99999, 2],
            accuracy: TimeStampAccuracy(milliseconds: 100),
            serialStore: FixedSerials(),
            includesTSAName: true,
            clock: { PreciseTime(secondsSinceEpoch: 1_767_323_045, nanoseconds: 5_000_000) }
        )
        let granted = authority.response(to: TimeStampRequest(messageImprint: imprint, nonce: [0x42]))
        try Self.expectGolden("timestamp-response-granted", granted.derRepresentation)
        let refused = authority.response(to: Array("not a request".utf8))
        try Self.expectGolden("timestamp-response-rejected", refused.derRepresentation)
    }
}
