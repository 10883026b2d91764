public import SealbridgeX509
public import SwiftASN1

/// A signer's signed or unsigned attributes, in received order, with the received bytes of the whole set.
public struct CMSAttributes: Hashable, Sendable {
    /// The attributes in received order.
    public let attributes: [CMSAttribute]
    /// The encoding as received, under its `[0]`/`[1]` IMPLICIT tag.
    public let receivedBytes: ArraySlice<UInt8>

    /// The most attributes one set may hold.
    public static let maximumCount = 256

    init(node: ASN1Node) throws {
        guard case .constructed(let children) = node.content else {
            throw CMSError.malformed("an attribute set is not constructed")
        }
        var attributes: [CMSAttribute] = []
        for child in children {
            guard attributes.count < CMSAttributes.maximumCount else {
                throw CMSError.tooLarge("more than \(CMSAttributes.maximumCount) attributes in one set")
            }
            attributes.append(try CMSAttribute(derEncoded: child))
        }
        self.attributes = attributes
        self.receivedBytes = node.encodedBytes
    }

    /// Builds a set (DER, sorted) under the IMPLICIT `[tagNumber]` tag.
    ///
    /// - Throws: when an attribute cannot be encoded.
    init(_ attributes: [CMSAttribute], tagNumber: UInt) throws {
        self.attributes = attributes
        var coder = DER.Serializer()
        try coder.serializeSetOf(
            attributes,
            identifier: ASN1Identifier(tagWithNumber: tagNumber, tagClass: .contextSpecific)
        )
        self.receivedBytes = coder.serializedBytes[...]
    }

    /// The attributes of `type`.
    public func all(_ type: ASN1ObjectIdentifier) -> [CMSAttribute] { attributes.filter { $0.type == type } }

    /// The attributes as received under the universal SET tag: the bytes a signature covers when the signer
    /// encoded them in DER, as RFC 5652 §5.4 requires (the received `[0]` tag replaced by SET).
    var signedBytes: [UInt8] {
        var bytes = Array(receivedBytes)
        if !bytes.isEmpty { bytes[0] = 0x31 }
        return bytes
    }

    /// The DER encoding of `SET OF Attribute` that RFC 5652 §5.4 says the signature covers, re-encoded from the
    /// received bytes (``DERReencoding``): equal to ``signedBytes`` unless the sender wrote the set out of DER
    /// order or in BER.
    ///
    /// - Throws: `CMSError.malformed` when the received set cannot be read.
    public func derSignedBytes() throws -> [UInt8] {
        try DERReencoding.reencoded(signedBytes[...])
    }

    /// The single value of a single-valued attribute, or `nil` when absent.
    ///
    /// - Throws: when the attribute appears twice or has other than one value (RFC 5652 §11 and RFC 5035 §5.4
    ///   make content type, message digest, signing time and the ESS attributes single-instance, single-valued).
    func single(_ type: ASN1ObjectIdentifier, name: String) throws -> ASN1Node? {
        let found = all(type)
        guard let attribute = found.first else { return nil }
        guard found.count == 1, attribute.values.count == 1, let value = attribute.values.first else {
            throw CMSError.invalidValue("the \(name) attribute must appear once with one value")
        }
        do {
            return try DER.parse(value)
        } catch {
            throw CMSError.malformed("the \(name) attribute value cannot be read: \(userFacingDescription(of: error))")
        }
    }

    /// The content-type attribute.
    public func contentType() throws -> ASN1ObjectIdentifier? {
        try single(CMSObjectIdentifier.contentType, name: "content-type").map { node in
            try decoded("content-type", node) { try ASN1ObjectIdentifier(derEncoded: $0) }
        }
    }

    /// The message-digest attribute's digest.
    public func messageDigest() throws -> [UInt8]? {
        try single(CMSObjectIdentifier.messageDigest, name: "message-digest").map { node in
            guard node.identifier == .octetString, case .primitive(let bytes) = node.content else {
                throw CMSError.malformed("the message-digest value is not an OCTET STRING")
            }
            return Array(bytes)
        }
    }

    /// The signing-time attribute (UTCTime or GeneralizedTime, RFC 5652 §11.3).
    public func signingTime() throws -> X509Time? {
        try single(CMSObjectIdentifier.signingTime, name: "signing-time").map { node in
            try decoded("signing-time", node) { try X509Time(derEncoded: $0) }
        }
    }

    /// The ESS signing-certificate-v2 attribute (RFC 5035 §3).
    public func signingCertificateV2() throws -> SigningCertificateReference? {
        try single(CMSObjectIdentifier.signingCertificateV2, name: "signing-certificate-v2").map {
            try SigningCertificateReference(node: $0, version: 2)
        }
    }

    /// The ESS signing-certificate attribute (RFC 2634 §5.4; SHA-1 hashes).
    public func signingCertificateV1() throws -> SigningCertificateReference? {
        try single(CMSObjectIdentifier.signingCertificate, name: "signing-certificate").map {
            try SigningCertificateReference(node: $0, version: 1)
        }
    }

    /// The CMSAlgorithmProtection attribute (RFC 6211).
    public func algorithmProtection() throws -> AlgorithmProtection? {
        try single(CMSObjectIdentifier.algorithmProtection, name: "CMSAlgorithmProtection").map {
            try AlgorithmProtection(node: $0)
        }
    }

    /// The commitment-type-indication attribute (ETSI EN 319 122-1 §5.2.3): the commitment type OID.
    public func commitmentType() throws -> ASN1ObjectIdentifier? {
        try single(CMSObjectIdentifier.commitmentType, name: "commitment-type-indication").map { node in
            try decoded("commitment-type-indication", node) { node in
                try DER.sequence(node, identifier: .sequence) { nodes in
                    let oid = try ASN1ObjectIdentifier(derEncoded: &nodes)
                    _ = nodes.next()  // commitmentTypeQualifier: not interpreted
                    return oid
                }
            }
        }
    }

    /// The signer-location attribute (ETSI EN 319 122-1 §5.2.5).
    public func signerLocation() throws -> SignerLocation? {
        try single(CMSObjectIdentifier.signerLocation, name: "signer-location").map { try SignerLocation(node: $0) }
    }

    /// The encoded time-stamp tokens of every signature-time-stamp attribute (RFC 3161 Appendix A; one
    /// attribute may carry several values and several attributes may appear).
    public func signatureTimeStampTokens() -> [ArraySlice<UInt8>] {
        all(CMSObjectIdentifier.signatureTimeStampToken).flatMap(\.values)
    }

    /// The encoded time-stamp tokens of the content-time-stamp attributes (EN 319 122-1 §5.2.8).
    public func contentTimeStampTokens() -> [ArraySlice<UInt8>] {
        all(CMSObjectIdentifier.contentTimeStamp).flatMap(\.values)
    }

    /// The encoded countersignatures (each a `SignerInfo`, RFC 5652 §11.4).
    public func countersignatures() -> [ArraySlice<UInt8>] {
        all(CMSObjectIdentifier.countersignature).flatMap(\.values)
    }

    private func decoded<T>(_ name: String, _ node: ASN1Node, _ body: (ASN1Node) throws -> T) throws -> T {
        try CMSError.reading("the \(name) attribute value") { try body(node) }
    }
}
