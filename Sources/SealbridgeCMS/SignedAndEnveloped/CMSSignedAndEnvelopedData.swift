public import SealbridgeCrypto
import SealbridgeX509
public import SwiftASN1

/// A PKCS #7 `SignedAndEnvelopedData` (RFC 2315 §12; GB/T 35275-2017 §9 for SM2/SM4): content encrypted for
/// recipients and signed by signers, as Chinese banking and CA toolkits still send it (CFCA's SADK, the
/// gmcert.org test service) — the usual payload is an encryption key pair for its owner.
///
/// ```
/// SignedAndEnvelopedData ::= SEQUENCE { version Version, recipientInfos RecipientInfos,
///     digestAlgorithms DigestAlgorithmIdentifiers, encryptedContentInfo EncryptedContentInfo,
///     certificates [0] IMPLICIT ExtendedCertificatesAndCertificates OPTIONAL,
///     crls [1] IMPLICIT CertificateRevocationLists OPTIONAL, signerInfos SignerInfos }
/// RecipientInfo ::= SEQUENCE { version Version, issuerAndSerialNumber IssuerAndSerialNumber,
///     keyEncryptionAlgorithm AlgorithmIdentifier, encryptedKey OCTET STRING }
/// EncryptedContentInfo ::= SEQUENCE { contentType ContentType, contentEncryptionAlgorithm AlgorithmIdentifier,
///     encryptedContent [0] IMPLICIT OCTET STRING OPTIONAL }
/// ```
///
/// Verifying needs the content, so a recipient's private key: ``opened(with:)`` decrypts it and gives back an
/// ordinary attached ``CMSSignedData`` for the one validation path.
public struct CMSSignedAndEnvelopedData: Sendable {
    /// One recipient: who (as written; some producers leave the issuer empty), how, and the encrypted key.
    public struct Recipient: Sendable {
        /// The `issuerAndSerialNumber` as received.
        public let identifier: ArraySlice<UInt8>
        /// The key-transport algorithm (SM2 encryption, rsaEncryption, RSAES-OAEP).
        public let keyEncryptionAlgorithm: AlgorithmIdentifier
        /// The content-encryption key, encrypted to the recipient.
        public let encryptedKey: [UInt8]
    }

    /// The outer content type: RFC 2315's or GB/T 35275's.
    public let contentInfoType: ASN1ObjectIdentifier
    /// The recipients.
    public let recipients: [Recipient]
    /// The type of the encrypted content (id-data or GB/T 35275 data).
    public let contentType: ASN1ObjectIdentifier
    /// How the content is encrypted.
    public let contentEncryptionAlgorithm: AlgorithmIdentifier
    /// The encrypted content.
    public let encryptedContent: [UInt8]
    /// What the message carries for validation.
    let carried: CMSSignedData.Carried
    /// The digest algorithms.
    let digestAlgorithms: [AlgorithmIdentifier]
    /// The signers; their signatures cover the decrypted content.
    public let signerInfos: [CMSSignerInfo]

    /// Whether `bytes` (DER, BER or PEM) are a ContentInfo of either signedAndEnvelopedData type, judged from the
    /// outer header and content type alone: every validation asks, so nothing is parsed.
    public static func isSignedAndEnveloped(_ bytes: [UInt8]) -> Bool {
        guard let der = try? BERInput.derOrPEM(bytes, types: ["PKCS7", "CMS"]),
            let outer = BERInput.header(der[...], at: 0), outer.first == 0x30,
            let type = BERInput.header(der[...], at: outer.contents), type.first == 0x06, let length = type.length,
            length <= der.count - type.contents
        else { return false }
        let oid = der[type.contents..<(type.contents + length)]
        return oid.elementsEqual(Self.signedAndEnvelopedContents)
            || oid.elementsEqual(Self.gmSignedAndEnvelopedContents)
    }

    /// The contents octets of `1.2.840.113549.1.7.4` and `1.2.156.10197.6.1.4.2.4`.
    private static let signedAndEnvelopedContents: [UInt8] = [0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x07, 0x04]
    private static let gmSignedAndEnvelopedContents: [UInt8] = [
        0x2A, 0x81, 0x1C, 0xCF, 0x55, 0x06, 0x01, 0x04, 0x02, 0x04,
    ]

    /// Reads a `ContentInfo` holding a SignedAndEnvelopedData (DER, BER or PEM `PKCS7`).
    ///
    /// - Throws: `CMSError` naming what is malformed.
    public init(berEncoded bytes: [UInt8]) throws {
        guard bytes.count <= CMSSignedData.maximumByteCount else {
            throw CMSError.tooLarge("a CMS object of \(bytes.count) bytes is over the 2 GiB limit")
        }
        var der = try BERInput.derOrPEM(bytes, types: ["PKCS7", "CMS"])
        Self.repairEmptyRecipientIssuers(&der)
        let root = try BERInput.parse(der[...], what: "PKCS #7 ContentInfo")
        self = try CMSError.reading("the SignedAndEnvelopedData") {
            try DER.sequence(root, identifier: .sequence) { nodes in
                let type = try ASN1ObjectIdentifier(derEncoded: &nodes)
                guard
                    type == CMSObjectIdentifier.signedAndEnvelopedData
                        || type == CMSObjectIdentifier.gmSignedAndEnvelopedData
                else {
                    throw CMSError.invalidValue("the ContentInfo holds \(type.displayText), not SignedAndEnvelopedData")
                }
                guard let explicit = nodes.next(),
                    explicit.identifier == ASN1Identifier(tagWithNumber: 0, tagClass: .contextSpecific),
                    case .constructed(let inner) = explicit.content, let body = inner.first(where: { _ in true })
                else {
                    throw CMSError.malformed("the ContentInfo has no [0] content")
                }
                return try Self.read(body, contentInfoType: type)
            }
        }
    }

    /// Some GB/T 35275 producers (the gmcert.org service among them) write a recipient's issuer as the two
    /// bytes `00 00`, which is not DER (X.690 §8.1.5 reserves them for end-of-contents). Go's and OpenSSL's
    /// readers take it as an empty value; here it is rewritten in place as `30 00`, an empty Name, before
    /// parsing — the same length, so nothing else moves. Only the first field of an `issuerAndSerialNumber` at
    /// `ContentInfo.content.recipientInfos[i].issuerAndSerialNumber` is touched, found by walking the headers.
    static func repairEmptyRecipientIssuers(_ der: inout [UInt8]) {
        /// (contents start, contents end) of the definite-length element at `index`, or nil.
        func element(at index: Int) -> (start: Int, end: Int)? {
            guard let header = BERInput.header(der[...], at: index), let length = header.length,
                length <= der.count - header.contents
            else { return nil }
            return (header.contents, header.contents + length)
        }
        // ContentInfo SEQUENCE → [1] [0] EXPLICIT → SignedAndEnvelopedData SEQUENCE → version, recipientInfos SET.
        guard let contentInfo = element(at: 0), let type = element(at: contentInfo.start),
            let explicit = element(at: type.end), let body = element(at: explicit.start),
            let version = element(at: body.start), let recipients = element(at: version.end),
            der[version.end] == 0x31
        else { return }
        var index = recipients.start
        while index < recipients.end, let recipient = element(at: index) {
            if let recipientVersion = element(at: recipient.start), recipientVersion.end < recipient.end,
                der[recipientVersion.end] == 0x30, let issuerAndSerial = element(at: recipientVersion.end),
                issuerAndSerial.start + 1 < issuerAndSerial.end, der[issuerAndSerial.start] == 0x00,
                der[issuerAndSerial.start + 1] == 0x00
            {
                der[issuerAndSerial.start] = 0x30
            }
            index = recipient.end
        }
    }

    private init(
        contentInfoType: ASN1ObjectIdentifier,
        recipients: [Recipient],
        contentType: ASN1ObjectIdentifier,
        contentEncryptionAlgorithm: AlgorithmIdentifier,
        encryptedContent: [UInt8],
        carried: CMSSignedData.Carried,
        digestAlgorithms: [AlgorithmIdentifier],
        signerInfos: [CMSSignerInfo]
    ) {
        self.contentInfoType = contentInfoType
        self.recipients = recipients
        self.contentType = contentType
        self.contentEncryptionAlgorithm = contentEncryptionAlgorithm
        self.encryptedContent = encryptedContent
        self.carried = carried
        self.digestAlgorithms = digestAlgorithms
        self.signerInfos = signerInfos
    }

    private static func read(_ node: ASN1Node, contentInfoType: ASN1ObjectIdentifier) throws -> Self {
        try DER.sequence(node, identifier: .sequence) { nodes in
            let version = try Int(derEncoded: &nodes)
            guard version == 1 || version == 0 else {
                throw CMSError.invalidValue("SignedAndEnvelopedData version \(version) is not 1 (RFC 2315 §12)")
            }
            let recipients = try CMSSignedData.elements(of: nodes.next(), tag: .set, what: "recipientInfos").map {
                try readRecipient($0)
            }
            let digests = try CMSSignedData.elements(of: nodes.next(), tag: .set, what: "digestAlgorithms").map {
                try AlgorithmIdentifier(derEncoded: $0)
            }
            guard let encrypted = nodes.next() else {
                throw CMSError.malformed("SignedAndEnvelopedData has no encryptedContentInfo")
            }
            let (contentType, algorithm, ciphertext) = try readEncryptedContentInfo(encrypted)
            var next = nodes.next()
            let carried = try CMSSignedData.readCarried(&next, &nodes)
            let signers = try CMSSignedData.elements(of: next, tag: .set, what: "signerInfos").map {
                try CMSSignerInfo(derEncoded: $0)
            }
            guard nodes.next() == nil else {
                throw CMSError.malformed("SignedAndEnvelopedData has fields after signerInfos")
            }
            return Self(
                contentInfoType: contentInfoType,
                recipients: recipients,
                contentType: contentType,
                contentEncryptionAlgorithm: algorithm,
                encryptedContent: ciphertext,
                carried: carried,
                digestAlgorithms: digests,
                signerInfos: signers
            )
        }
    }

    private static func readRecipient(_ node: ASN1Node) throws -> Recipient {
        try DER.sequence(node, identifier: .sequence) { fields in
            _ = try Int(derEncoded: &fields)
            guard let identifier = fields.next() else { throw CMSError.malformed("a RecipientInfo has no recipient") }
            let algorithm = try AlgorithmIdentifier(derEncoded: &fields)
            guard let keyNode = fields.next() else { throw CMSError.malformed("a RecipientInfo has no encryptedKey") }
            let encryptedKey = try BERInput.octetString(keyNode)
            guard fields.next() == nil else { throw CMSError.malformed("a RecipientInfo has extra fields") }
            return Recipient(
                identifier: identifier.encodedBytes,
                keyEncryptionAlgorithm: algorithm,
                encryptedKey: Array(encryptedKey)
            )
        }
    }

    private static func readEncryptedContentInfo(
        _ node: ASN1Node
    ) throws -> (ASN1ObjectIdentifier, AlgorithmIdentifier, [UInt8]) {
        try DER.sequence(node, identifier: .sequence) { fields in
            let type = try ASN1ObjectIdentifier(derEncoded: &fields)
            let algorithm = try AlgorithmIdentifier(derEncoded: &fields)
            guard let content = fields.next() else {
                throw CMSError.unsupported("the encrypted content is detached; give a file that carries it")
            }
            let ciphertext = try BERInput.octetString(
                content,
                identifier: ASN1Identifier(
                    tagWithNumber: 0,
                    tagClass: .contextSpecific
                )
            )
            guard fields.next() == nil else { throw CMSError.malformed("encryptedContentInfo has extra fields") }
            return (type, algorithm, Array(ciphertext))
        }
    }

    /// The message opened with one of `keys`: the content decrypted and an attached SignedData of it, ready for
    /// the ordinary validation.
    public struct Opened: Sendable {
        /// The decrypted content.
        public let content: [UInt8]
        /// The content signed, as an attached SignedData with the signers, certificates and CRLs carried.
        public let signedData: CMSSignedData
        /// What the reader should know (which recipient, signature values that were encrypted).
        public let notes: [String]
    }

    /// Decrypts the content with the first of `keys` that recovers a recipient's content-encryption key.
    ///
    /// A signer's `encryptedDigest` is, per RFC 2315 §12.2, itself encrypted under the content-encryption key;
    /// GB/T 35275 producers (and most others) leave it as a plain signature. A value whose shape is not a plain
    /// signature (not a DER `SEQUENCE`, or 16 bytes longer than an RSA modulus) is decrypted, and noted.
    ///
    /// - Throws: `CMSError.unsupported` when no key recovers a content-encryption key (none given, none fits);
    ///   `CMSError.invalidValue` when the content does not decrypt.
    public func opened(with keys: [PrivateKey]) throws -> Opened {
        var failures: [String] = []
        for (index, recipient) in recipients.enumerated() {
            for key in keys {
                let cek: [UInt8]
                do {
                    cek = try key.insecureDecryptContentEncryptionKey(
                        recipient.encryptedKey,
                        algorithm: recipient.keyEncryptionAlgorithm.algorithm
                    )
                } catch {
                    failures.append(userFacingDescription(of: error))
                    continue
                }
                let content: [UInt8]
                do {
                    content = try ContentCipher.decrypt(
                        encryptedContent,
                        algorithm: contentEncryptionAlgorithm,
                        key: cek,
                        allowingUnpaddedECB: true
                    )
                } catch {
                    failures.append(userFacingDescription(of: error))
                    continue
                }
                var notes = ["the content was decrypted with the key of recipient \(index + 1) of \(recipients.count)"]
                if content.count == encryptedContent.count {  // only unpadded ECB keeps the length
                    notes.append(
                        "the SM4-ECB content has no PKCS #7 padding (whole blocks, as GM/T 0016 key envelopes are "
                            + "written); only the signature shows it decrypted correctly"
                    )
                }
                let signers = signerInfos.map { signer -> CMSSignerInfo in
                    guard Self.looksEncrypted(signer.signature),
                        let plain = try? ContentCipher.decrypt(
                            signer.signature,
                            algorithm: contentEncryptionAlgorithm,
                            key: cek
                        )
                    else { return signer }
                    notes.append("a signature value was encrypted under the content-encryption key (RFC 2315 §12.2)")
                    return signer.replacingSignature(plain)
                }
                let gm = contentInfoType == CMSObjectIdentifier.gmSignedAndEnvelopedData
                let signedData = CMSSignedData(
                    contentInfoType: gm ? CMSObjectIdentifier.gmSignedData : CMSObjectIdentifier.signedData,
                    version: 1,
                    digestAlgorithms: digestAlgorithms,
                    encapsulatedContentType: contentType,
                    encapsulatedContent: content[...],
                    carried: carried,
                    signerInfos: signers
                )
                return Opened(content: content, signedData: signedData, notes: notes)
            }
        }
        if keys.isEmpty {
            throw CMSError.unsupported(
                "the signed content is encrypted (SignedAndEnvelopedData); give a recipient's private key to decrypt it"
            )
        }
        throw CMSError.unsupported(
            "none of the \(keys.count) keys given opens the message for any of its \(recipients.count) recipients"
                + (failures.first.map { " (\($0))" } ?? "")
        )
    }

    /// Whether a signature value cannot be a plain one: not DER (ECDSA, SM2, DSA) and not an RSA block of a usual
    /// modulus size, but 16 bytes longer than one (PKCS #7 padding of a whole number of blocks).
    static func looksEncrypted(_ signature: [UInt8]) -> Bool {
        if signature.first == 0x30, (try? DER.parse(signature)) != nil { return false }
        return signature.count % 16 == 0 && [128, 256, 384, 512].contains(signature.count - 16)
    }
}
