import Foundation
import SealbridgeCrypto
import SealbridgeTestVectors
import SealbridgeX509
import SwiftASN1
import Testing

@testable import SealbridgeCMS

/// CMS as real signers write it, one class per test (issue 15 §2): signed attributes out of DER order, ESS
/// references whose issuer is re-encoded, RSA DigestInfo without NULL, SHA-3. Each file is made here — by the
/// `openssl` CLI where it can make the form, by hand where only other software does.
@Suite(.enabled(if: TestProcess.openSSLPath != nil, Comment(rawValue: TestProcess.Missing.openSSL)))
struct RealSignerFormTests {
    static let content = Array("Certificate of origin CO-2026-118: machine parts, origin CN, to NL\n".utf8)

    /// Which encoding of the signed attributes a signature is made over.
    enum SignedForm { case der, received }

    /// A `SignerInfo` like `template`'s, with `attributes` encoded in exactly the order given and the signature
    /// `sign` makes over the bytes it is handed (the DER-sorted or the received encoding).
    func signerInfo(
        like template: CMSSignerInfo,
        attributes: [CMSAttribute],
        signatureAlgorithm: AlgorithmIdentifier? = nil,
        over form: SignedForm,
        sign: ([UInt8]) throws -> [UInt8]
    ) throws -> CMSSignerInfo {
        var serializer = DER.Serializer()
        try serializer.appendConstructedNode(identifier: ASN1Identifier(tagWithNumber: 0, tagClass: .contextSpecific)) {
            for attribute in attributes { try $0.serialize(attribute) }
        }
        let set = try CMSAttributes(node: DER.parse(serializer.serializedBytes))
        let message = form == .der ? try set.derSignedBytes() : set.signedBytes
        return CMSSignerInfo(
            version: template.version,
            signerIdentifier: template.signerIdentifier,
            digestAlgorithm: template.digestAlgorithm,
            signedAttributes: set,
            signatureAlgorithm: signatureAlgorithm ?? template.signatureAlgorithm,
            signature: try sign(message),
            unsignedAttributes: nil
        )
    }

    func verified(_ signed: CMSSignedData, _ info: CMSSignerInfo) throws -> CMSSignerResult {
        let rebuilt = try CMSSignedData(berEncoded: signed.replacingSignerInfos([info]).derRepresentation)
        return try #require(CMSVerifier().verify(rebuilt).signers.first)
    }

    func failure(_ result: CMSSignerResult) -> CMSSignerFailure? {
        if case .invalid(let failure) = result.status { return failure }
        return nil
    }

    // MARK: - Signed attributes out of DER order (RFC 5652 §5.4)

    @Test func signedAttributesOutOfDEROrderAreCheckedOverTheirDEREncoding() throws {
        let fixtures = try CMSFixtures.load()
        let signer = try fixtures.ecdsa.signer()
        let signed = try CMSSignedDataBuilder.sign(.bytes(Self.content), signers: [signer], options: CMSSignOptions())
        let template = try #require(signed.signerInfos.first)
        let sorted = try #require(template.signedAttributes?.attributes)
        let shuffled = Array(sorted.reversed())
        let shuffledBytes = try shuffled.map { try $0.serializedDER() }
        try #require(shuffledBytes != (try sorted.map { try $0.serializedDER() }))

        // Signed as RFC 5652 requires (over DER), sent in another order: valid, and the report says so.
        let overDER = try signerInfo(like: template, attributes: shuffled, over: .der) {
            try signer.key.signature(for: $0, algorithm: signer.signatureAlgorithm)
        }
        try #require(overDER.signedAttributes?.signedBytes != (try overDER.signedAttributes?.derSignedBytes()))
        let accepted = try verified(signed, overDER)
        #expect(accepted.status == .valid, "\(accepted.status)")
        #expect(accepted.notes.contains { $0.contains("not sent in DER form") })

        // Signed over the bytes as sent, which are not DER: refused, with the reason.
        let overReceived = try signerInfo(
            like: template,
            attributes: shuffled,
            over: .received
        ) {
            try signer.key.signature(for: $0, algorithm: signer.signatureAlgorithm)
        }
        let refused = try verified(signed, overReceived)
        #expect(failure(refused)?.code == .signatureInvalid)
        #expect(failure(refused)?.reason.contains("not in DER form") == true)
    }

    @Test func berLengthsInSignedAttributesAreReencoded() throws {
        // An indefinite-length SET inside an attribute: DER re-encoding makes it definite.
        let ber: [UInt8] = [0x31, 0x80, 0x04, 0x01, 0x02, 0x04, 0x01, 0x01, 0x00, 0x00]
        #expect(try DERReencoding.reencoded(ber[...]) == [0x31, 0x06, 0x04, 0x01, 0x01, 0x04, 0x01, 0x02])
        // A constructed OCTET STRING becomes primitive.
        let segmented: [UInt8] = [0x24, 0x80, 0x04, 0x01, 0x41, 0x04, 0x01, 0x42, 0x00, 0x00]
        #expect(try DERReencoding.reencoded(segmented[...]) == [0x04, 0x02, 0x41, 0x42])
        #expect(throws: CMSError.self) { try DERReencoding.reencoded([0x31, 0x05, 0x04][...]) }
    }

    // MARK: - ESS issuerSerial compared by name matching (RFC 5280 §7.1)

    /// signing-certificate-v2 with an issuerSerial whose issuer is `issuerName` (a DER Name).
    func signingCertificateV2(_ certificate: Certificate, issuerName: [UInt8]) throws -> CMSAttribute {
        var serializer = DER.Serializer()
        try serializer.appendConstructedNode(identifier: .sequence) { signingCertificate in
            try signingCertificate.appendConstructedNode(identifier: .sequence) { certs in
                try certs.appendConstructedNode(identifier: .sequence) { essCertID in
                    try essCertID.serialize(
                        ASN1OctetString(contentBytes: HashFunction.sha256.digest(certificate.derBytes)[...])
                    )
                    essCertID.appendConstructedNode(identifier: .sequence) { issuerSerial in
                        issuerSerial.appendConstructedNode(identifier: .sequence) { generalNames in
                            generalNames.appendConstructedNode(
                                identifier: ASN1Identifier(tagWithNumber: 4, tagClass: .contextSpecific)
                            ) { $0.serializeRawBytes(issuerName) }
                        }
                        issuerSerial.appendPrimitiveNode(identifier: .integer) {
                            $0.append(contentsOf: certificate.serialNumber)
                        }
                    }
                }
            }
        }
        return CMSAttribute(type: CMSObjectIdentifier.signingCertificateV2, values: [serializer.serializedBytes])
    }

    /// `Name ::= SEQUENCE { SET { SEQUENCE { id-at-commonName, PrintableString cn } } }`.
    func printableCommonName(_ cn: String) throws -> [UInt8] {
        var serializer = DER.Serializer()
        try serializer.appendConstructedNode(identifier: .sequence) { name in
            try name.appendConstructedNode(identifier: .set) { rdn in
                try rdn.appendConstructedNode(identifier: .sequence) { attribute in
                    try attribute.serialize(ASN1ObjectIdentifier("2.5.4.3"))
                    attribute.appendPrimitiveNode(identifier: .printableString) { $0.append(contentsOf: cn.utf8) }
                }
            }
        }
        return serializer.serializedBytes
    }

    @Test func essIssuerSerialMatchesByNameNotBytes() throws {
        let fixtures = try CMSFixtures.load()
        let signer = try fixtures.ecdsa.signer()
        let signed = try CMSSignedDataBuilder.sign(.bytes(Self.content), signers: [signer], options: CMSSignOptions())
        let template = try #require(signed.signerInfos.first)
        // OpenSSL wrote the CA's CN as a UTF8String "Sealbridge Test CA"; the signer's software re-encoded it.
        try #require(fixtures.ecdsa.certificate.issuer.description.contains("Sealbridge Test CA"))
        func result(issuer cn: String) throws -> CMSSignerResult {
            let reference = try signingCertificateV2(fixtures.ecdsa.certificate, issuerName: printableCommonName(cn))
            let attributes = try #require(template.signedAttributes?.attributes).map {
                $0.type == CMSObjectIdentifier.signingCertificateV2 ? reference : $0
            }
            let info = try signerInfo(
                like: template,
                attributes: CMSAttributes(attributes, tagNumber: 0).attributes,
                over: .der
            ) { try signer.key.signature(for: $0, algorithm: signer.signatureAlgorithm) }
            return try verified(signed, info)
        }
        let reencoded = try result(issuer: "  SEALBRIDGE   test ca ")
        #expect(reencoded.status == .valid, "\(reencoded.status)")
        #expect(reencoded.referencesSigningCertificate)
        #expect(failure(try result(issuer: "Sealbridge Other CA"))?.code == .signingCertificateMismatch)
    }

    // MARK: - RSA PKCS #1 v1.5 DigestInfo without NULL (RFC 8017 §9.2 note 1)

    /// An RSA PKCS #1 v1.5 signature made by `openssl pkeyutl` over a DigestInfo written without NULL.
    func rsaSignatureWithoutNull(_ fixtures: CMSFixtures, message: [UInt8]) throws -> [UInt8] {
        let digest = HashFunction.sha256.digest(message)
        let digestInfo: [UInt8] =
            [0x30, 0x2F, 0x30, 0x0B, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01, 0x04, 0x20]
            + digest
        let result = try TestProcess.openSSL(
            ["pkeyutl", "-sign", "-inkey", fixtures.rsa.keyPath, "-pkeyopt", "rsa_padding_mode:pkcs1"],
            input: digestInfo
        )
        try #require(result.status == 0, "\(result.error)")
        return result.output
    }

    @Test func rsaDigestInfoWithoutNullIsAccepted() throws {
        let fixtures = try CMSFixtures.load()
        let signer = try fixtures.rsa.signer()
        let signed = try CMSSignedDataBuilder.sign(.bytes(Self.content), signers: [signer], options: CMSSignOptions())
        let template = try #require(signed.signerInfos.first)
        let info = try signerInfo(
            like: template,
            attributes: try #require(template.signedAttributes?.attributes),
            over: .der
        ) { try rsaSignatureWithoutNull(fixtures, message: $0) }
        let result = try verified(signed, info)
        #expect(result.status == .valid, "\(result.status)")
        // The same block under another digest still fails: only the encoding of the parameters is lenient.
        let key = try fixtures.rsa.certificate.publicKey()
        let signature = try rsaSignatureWithoutNull(fixtures, message: Self.content)
        #expect(key.isValidSignature(signature, for: Self.content, algorithm: .sha256WithRSAEncryption))
        #expect(!key.isValidSignature(signature, for: Self.content + [0], algorithm: .sha256WithRSAEncryption))
    }

    // MARK: - SHA-3

    @Test func sha3KnownAnswers() {
        // FIPS 202 examples for "abc".
        let abc = Array("abc".utf8)
        #expect(
            HexEncoding.encode(HashFunction.sha3_256.digest(abc))
                == "3a985da74fe225b2045c172d6bd390bd855f086e3e9d525b46bfe24511431532"
        )
        #expect(
            HexEncoding.encode(HashFunction.sha3_512.digest(abc))
                == "b751850b1a57168a5693cd924b6b096e08f621827444f70d884f5d0240d2712e10e116e9192af3c91a7ec57647e39"
                + "34057340b4cf408d5a56592f8274eec53f0"
        )
        #expect(HashFunction(oid: [2, 16, 840, 1, 101, 3, 4, 2, 9]) == .sha3_384)
    }

    @Test(arguments: ["sha3-256", "sha3-512"])
    func opensslRSAWithSHA3Verifies(_ digest: String) throws {
        let fixtures = try CMSFixtures.load()
        let input = fixtures.path("sha3-\(digest).txt")
        try Data(Self.content).write(to: URL(fileURLWithPath: input))
        let made = try TestProcess.openSSL([
            "cms", "-sign", "-md", digest, "-signer", fixtures.rsa.certificatePath, "-inkey", fixtures.rsa.keyPath,
            "-in", input, "-binary", "-nodetach", "-outform", "DER",
        ])
        try #require(made.status == 0, "\(made.error)")
        let signed = try CMSSignedData(berEncoded: made.output)
        let result = try #require(CMSVerifier().verify(signed).signers.first)
        #expect(result.status == .valid, "\(result.status)")
        #expect(result.signatureAlgorithm?.hash?.rawValue == digest)
    }

    @Test func ecdsaWithSHA3SignsAndOpenSSLAgrees() throws {
        let fixtures = try CMSFixtures.load()
        let signer = try fixtures.ecdsa.signer(.ecdsaWithSHA3_256)
        let signed = try CMSSignedDataBuilder.sign(.bytes(Self.content), signers: [signer], options: CMSSignOptions())
        let reread = try CMSSignedData(berEncoded: signed.derRepresentation)
        let result = try #require(CMSVerifier().verify(reread).signers.first)
        #expect(result.status == .valid, "\(result.status)")
        #expect(result.signatureAlgorithm == .ecdsaWithSHA3_256)
        // OpenSSL 3.0's CMS cannot make or read ECDSA-with-SHA-3, but its signature layer checks the value.
        let info = try #require(reread.signerInfos.first)
        let attributesPath = fixtures.path("ecdsa-sha3.attrs")
        let signaturePath = fixtures.path("ecdsa-sha3.sig")
        try Data(try #require(info.signedAttributes).signedBytes).write(to: URL(fileURLWithPath: attributesPath))
        try Data(info.signature).write(to: URL(fileURLWithPath: signaturePath))
        let publicKeyPath = fixtures.path("ecdsa-pub.pem")
        let exported = try TestProcess.openSSL([
            "pkey", "-in", fixtures.ecdsa.keyPath, "-pubout", "-out", publicKeyPath,
        ])
        try #require(exported.status == 0)
        let check = try TestProcess.openSSL([
            "dgst", "-sha3-256", "-verify", publicKeyPath, "-signature", signaturePath, attributesPath,
        ])
        #expect(check.status == 0, "\(check.error)")
    }

    @Test func rsaPSSWithSHA3FromOpenSSLVerifies() throws {
        let fixtures = try CMSFixtures.load()
        let signer = try fixtures.rsa.signer(.rsaPSS(hash: .sha256, saltLength: 32))
        var options = CMSSignOptions()
        options.includesAlgorithmProtection = false
        let signed = try CMSSignedDataBuilder.sign(.bytes(Self.content), signers: [signer], options: options)
        let template = try #require(signed.signerInfos.first)
        // The same attributes with a SHA3-256 message digest, signed by OpenSSL with PSS over SHA3-256.
        var digestValue = DER.Serializer()
        try digestValue.serialize(ASN1OctetString(contentBytes: HashFunction.sha3_256.digest(Self.content)[...]))
        let sha3Digest = digestValue.serializedBytes
        let attributes = try #require(template.signedAttributes?.attributes).map {
            $0.type == CMSObjectIdentifier.messageDigest
                ? CMSAttribute(type: $0.type, values: [sha3Digest]) : $0
        }
        let pss = try CMSSignedDataBuilder.algorithmIdentifier(
            .rsaPSS(hash: .sha3_256, saltLength: 32),
            profile: .rfc5652
        )
        let template3 = CMSSignerInfo(
            version: template.version,
            signerIdentifier: template.signerIdentifier,
            digestAlgorithm: AlgorithmIdentifier(algorithm: HashFunction.sha3_256.oid, parameters: nil),
            signedAttributes: nil,
            signatureAlgorithm: pss,
            signature: [],
            unsignedAttributes: nil
        )
        let info = try signerInfo(
            like: template3,
            attributes: CMSAttributes(attributes, tagNumber: 0).attributes,
            over: .der
        ) { message in
            let path = fixtures.path("pss-sha3.attrs")
            try Data(message).write(to: URL(fileURLWithPath: path))
            let made = try TestProcess.openSSL([
                "dgst", "-sha3-256", "-sign", fixtures.rsa.keyPath, "-sigopt", "rsa_padding_mode:pss", "-sigopt",
                "rsa_pss_saltlen:32", path,
            ])
            try #require(made.status == 0, "\(made.error)")
            return made.output
        }
        let result = try verified(signed, info)
        #expect(result.status == .valid, "\(result.status)")
        #expect(result.signatureAlgorithm?.hash == .sha3_256)
    }
}

extension RealSignerFormTests {
    // MARK: - Zero padding after the ContentInfo

    @Test func zeroPaddingAfterTheContentInfoIsCountedAndOtherDataRefused() throws {
        let fixtures = try CMSFixtures.load()
        let signed = try CMSSignedDataBuilder.sign(
            .bytes(Self.content),
            signers: [try fixtures.ecdsa.signer()],
            options: CMSSignOptions()
        ).derRepresentation
        let padded = try CMSSignedData(berEncoded: signed + [UInt8](repeating: 0, count: 37))
        #expect(padded.trailingZeroByteCount == 37)
        #expect(CMSVerifier().verify(padded).isValid)
        #expect(try CMSSignedData(berEncoded: signed).trailingZeroByteCount == 0)
        #expect(throws: CMSError.self) { try CMSSignedData(berEncoded: signed + [0, 0, 0x01]) }
        // BER with indefinite lengths (openssl cms -stream) ends in end-of-contents zeros that are not padding.
        let input = fixtures.path("padding.txt")
        try Data(Self.content).write(to: URL(fileURLWithPath: input))
        let streamed = try TestProcess.openSSL([
            "cms", "-sign", "-stream", "-signer", fixtures.ecdsa.certificatePath, "-inkey", fixtures.ecdsa.keyPath,
            "-in", input, "-binary", "-nodetach", "-outform", "DER",
        ])
        try #require(streamed.status == 0, "\(streamed.error)")
        try #require(Array(streamed.output.suffix(2)) == [0, 0])
        #expect(try CMSSignedData(berEncoded: streamed.output).trailingZeroByteCount == 0)
        let streamedPadded = try CMSSignedData(berEncoded: streamed.output + [0, 0, 0, 0])
        #expect(streamedPadded.trailingZeroByteCount == 4)
        #expect(CMSVerifier().verify(streamedPadded).isValid)
    }
}
