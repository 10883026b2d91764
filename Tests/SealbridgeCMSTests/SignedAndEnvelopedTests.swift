import Foundation
import SealbridgeCMS
import SealbridgeCrypto
import SealbridgeTestVectors
import SealbridgeX509
import SwiftASN1
import Testing

/// PKCS #7 / GB/T 35275 SignedAndEnvelopedData (issue 15 §2): a public SM2/SM4 sample, and an RSA/AES file whose
/// encryption and signature values OpenSSL makes, with the signature encrypted under the content key as RFC 2315
/// §12.2 describes.
@Suite struct SignedAndEnvelopedTests {
    @Test func theGMCertSampleOpensAndItsSignatureVerifies() throws {
        let bytes = Array(try Vectors.data("cms/gmcert-signed-enveloped.pem"))
        #expect(CMSSignedAndEnvelopedData.isSignedAndEnveloped(bytes))
        let message = try CMSSignedAndEnvelopedData(berEncoded: bytes)
        #expect(message.recipients.count == 1)
        #expect(message.contentEncryptionAlgorithm.algorithm == ContentCipher.sm4)
        let key = try PrivateKey(pemOrDER: Array(try Vectors.data("cms/gmcert-signed-enveloped-recipient.key")))
        let opened = try message.opened(with: [key])
        // The content is the owner's SM2 encryption key (the scalar, however many leading zeros it is written with).
        #expect(
            HexEncoding.encode(opened.content.drop { $0 == 0 })
                == "ca1c1d7f42b70273022c46c6075c8c8c92cb95f424184e7776f08fb6db750640"
        )
        #expect(opened.signedData.profile == .gm)
        let result = try #require(CMSVerifier().verify(opened.signedData).signers.first)
        #expect(result.status == .valid, "\(result.status)")
        #expect(result.certificate?.subject.description.contains("CN") == true)

        // Another key does not open it, and says so.
        let other = try PrivateKey.generate(.sm2)
        #expect(throws: CMSError.self) { try message.opened(with: [other]) }
        #expect(throws: CMSError.self) { try message.opened(with: []) }
        // A SignedData reader refuses it with the type named.
        #expect(throws: CMSError.self) { try CMSSignedData(berEncoded: bytes) }
    }
}

@Suite(.enabled(if: TestProcess.openSSLPath != nil, Comment(rawValue: TestProcess.Missing.openSSL)))
struct SignedAndEnvelopedRSATests {
    static let content = Array("Letter of credit LC-2026-88: USD 120,000, confirmed\n".utf8)

    @Test func rsaAESWithAnEncryptedSignatureValueOpensAndVerifies() throws {
        let fixtures = try CMSFixtures.load()
        let folder = try TemporaryFolder()
        let cek = (0..<32).map { _ in UInt8.random(in: 0...255) }
        let iv = (0..<16).map { _ in UInt8.random(in: 0...255) }
        func openssl(_ arguments: [String], input: [UInt8] = []) throws -> [UInt8] {
            let result = try TestProcess.openSSL(arguments, input: input)
            try #require(result.status == 0, "openssl \(arguments.joined(separator: " ")): \(result.error)")
            return result.output
        }
        let aes = ["enc", "-aes-256-cbc", "-K", HexEncoding.encode(cek), "-iv", HexEncoding.encode(iv)]
        let ciphertext = try openssl(aes, input: Self.content)
        let publicKey = folder.path("rsa-pub.pem")
        _ = try openssl(["pkey", "-in", fixtures.rsa.keyPath, "-pubout", "-out", publicKey])
        let encryptedKey = try openssl(
            ["pkeyutl", "-encrypt", "-pubin", "-inkey", publicKey, "-pkeyopt", "rsa_padding_mode:pkcs1"],
            input: cek
        )
        let contentPath = try folder.write("content.txt", Self.content)
        let signature = try openssl(["dgst", "-sha256", "-sign", fixtures.rsa.keyPath, contentPath])
        let encryptedSignature = try openssl(aes, input: signature)
        let certificate = fixtures.rsa.certificate
        let message = try Self.signedAndEnveloped(
            recipient: certificate,
            encryptedKey: encryptedKey,
            iv: iv,
            ciphertext: ciphertext,
            signer: certificate,
            encryptedDigest: encryptedSignature
        )
        let parsed = try CMSSignedAndEnvelopedData(berEncoded: message)
        let opened = try parsed.opened(with: [fixtures.ecdsa.key, fixtures.rsa.key])
        #expect(opened.content == Self.content)
        #expect(opened.notes.contains { $0.contains("RFC 2315 §12.2") })
        let result = try #require(CMSVerifier().verify(opened.signedData).signers.first)
        #expect(result.status == .valid, "\(result.status)")
        // A changed ciphertext no longer opens.
        var damaged = ciphertext
        damaged[damaged.count - 1] ^= 0x01
        let broken = try CMSSignedAndEnvelopedData(
            berEncoded: try Self.signedAndEnveloped(
                recipient: certificate,
                encryptedKey: encryptedKey,
                iv: iv,
                ciphertext: damaged,
                signer: certificate,
                encryptedDigest: encryptedSignature
            )
        )
        #expect(throws: CMSError.self) { try broken.opened(with: [fixtures.rsa.key]) }
    }

    /// A PKCS #7 SignedAndEnvelopedData with one RSA recipient, AES-256-CBC content and one RSA signer.
    static func signedAndEnveloped(
        recipient: Certificate,
        encryptedKey: [UInt8],
        iv: [UInt8],
        ciphertext: [UInt8],
        signer: Certificate,
        encryptedDigest: [UInt8]
    ) throws -> [UInt8] {
        func issuerAndSerial(_ certificate: Certificate, _ coder: inout DER.Serializer) {
            coder.appendConstructedNode(identifier: .sequence) {
                $0.serializeRawBytes(certificate.issuer.derBytes)
                $0.appendPrimitiveNode(identifier: .integer) { $0.append(contentsOf: certificate.serialNumber) }
            }
        }
        func algorithm(
            _ oid: ASN1ObjectIdentifier,
            _ coder: inout DER.Serializer,
            parameters: [UInt8] = [5, 0]
        )
            throws
        {
            try coder.appendConstructedNode(identifier: .sequence) {
                try $0.serialize(oid)
                $0.serializeRawBytes(parameters)
            }
        }
        let rsa: ASN1ObjectIdentifier = [1, 2, 840, 113_549, 1, 1, 1]
        var serializer = DER.Serializer()
        try serializer.appendConstructedNode(identifier: .sequence) { contentInfo in
            try contentInfo.serialize(CMSObjectIdentifier.signedAndEnvelopedData)
            try contentInfo.appendConstructedNode(
                identifier: ASN1Identifier(tagWithNumber: 0, tagClass: .contextSpecific)
            ) { explicit in
                try explicit.appendConstructedNode(identifier: .sequence) { body in
                    try body.serialize(1)
                    try body.appendConstructedNode(identifier: .set) { recipients in
                        try recipients.appendConstructedNode(identifier: .sequence) { info in
                            try info.serialize(0)
                            issuerAndSerial(recipient, &info)
                            try algorithm(rsa, &info)
                            try info.serialize(ASN1OctetString(contentBytes: encryptedKey[...]))
                        }
                    }
                    try body.appendConstructedNode(identifier: .set) { try algorithm(HashFunction.sha256.oid, &$0) }
                    try body.appendConstructedNode(identifier: .sequence) { encrypted in
                        try encrypted.serialize(CMSObjectIdentifier.data)
                        try algorithm(ContentCipher.aes256CBC, &encrypted, parameters: [0x04, 0x10] + iv)
                        encrypted.appendPrimitiveNode(
                            identifier: ASN1Identifier(tagWithNumber: 0, tagClass: .contextSpecific)
                        ) { $0.append(contentsOf: ciphertext) }
                    }
                    body.appendConstructedNode(
                        identifier: ASN1Identifier(tagWithNumber: 0, tagClass: .contextSpecific)
                    ) { $0.serializeRawBytes(signer.derBytes) }
                    try body.appendConstructedNode(identifier: .set) { signers in
                        try signers.appendConstructedNode(identifier: .sequence) { info in
                            try info.serialize(1)
                            issuerAndSerial(signer, &info)
                            try algorithm(HashFunction.sha256.oid, &info)
                            try algorithm(rsa, &info)
                            try info.serialize(ASN1OctetString(contentBytes: encryptedDigest[...]))
                        }
                    }
                }
            }
        }
        return serializer.serializedBytes
    }
}
