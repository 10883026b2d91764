public import SealbridgeCrypto
public import SealbridgeX509
public import SwiftASN1

/// `Attribute ::= SEQUENCE { attrType OBJECT IDENTIFIER, attrValues SET OF AttributeValue }` (RFC 5652 §5.3),
/// with each value kept as its received encoding; the typed readers on ``CMSAttributes`` decode them.
public struct CMSAttribute: Hashable, Sendable, DERImplicitlyTaggable {
    /// SEQUENCE.
    public static var defaultIdentifier: ASN1Identifier { .sequence }

    /// The attribute type.
    public let type: ASN1ObjectIdentifier
    /// Each value's full encoding (tag, length, contents) as received.
    public let values: [ArraySlice<UInt8>]

    /// Makes an attribute from encoded values.
    public init(type: ASN1ObjectIdentifier, values: [[UInt8]]) {
        self.type = type
        self.values = values.map { $0[...] }
    }

    /// Reads an attribute from a parsed node carrying `identifier`.
    ///
    /// - Throws: `CMSError` naming the bad field.
    public init(derEncoded node: ASN1Node, withIdentifier identifier: ASN1Identifier) throws {
        (type, values) = try DER.sequence(node, identifier: identifier) { nodes in
            let type = try ASN1ObjectIdentifier(derEncoded: &nodes)
            guard let set = nodes.next(), set.identifier == .set, case .constructed(let children) = set.content else {
                throw CMSError.malformed("attribute \(type.displayText) has no SET OF values")
            }
            guard nodes.next() == nil else {
                throw CMSError.malformed("attribute \(type.displayText) has extra fields")
            }
            return (type, children.map(\.encodedBytes))
        }
    }

    /// Writes the type and the values as they are, sorted as DER's SET OF requires (X.690 §11.6).
    public func serialize(into coder: inout DER.Serializer, withIdentifier identifier: ASN1Identifier) throws {
        try coder.appendConstructedNode(identifier: identifier) { coder in
            try coder.serialize(type)
            try coder.serializeSetOf(values.map(DEREncoded.init))
        }
    }
}

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

/// The ESS signing-certificate(-v2) attribute: references to the signer's certificate (and possibly the chain)
/// by hash and, optionally, issuer and serial (RFC 5035 §4, RFC 2634 §5.4).
public struct SigningCertificateReference: Hashable, Sendable {
    /// One `ESSCertID`/`ESSCertIDv2`.
    public struct CertificateID: Hashable, Sendable {
        /// The hash over the whole certificate's DER: SHA-1 for v1, `hashAlgorithm` (default SHA-256) for v2.
        public let hash: HashAlgorithmReference
        /// The hash value.
        public let certificateHash: [UInt8]
        /// `issuerSerial.issuer`, when present.
        public let issuer: [GeneralName]?
        /// `issuerSerial.serialNumber`'s content bytes, when present.
        public let serialNumber: [UInt8]?
    }

    /// 1 (`signingCertificate`) or 2 (`signingCertificateV2`).
    public let version: Int
    /// The references; the first is the signer's certificate (RFC 5035 §5.4).
    public let certificates: [CertificateID]

    init(node: ASN1Node, version: Int) throws {
        self.version = version
        certificates = try CMSError.reading("the signing-certificate attribute") {
            try DER.sequence(node, identifier: .sequence) { nodes in
                guard let certs = nodes.next() else { throw CMSError.malformed("SigningCertificate has no certs") }
                guard certs.identifier == .sequence, case .constructed(let items) = certs.content else {
                    throw CMSError.malformed("SigningCertificate certs is not a SEQUENCE")
                }
                return try items.map { item in
                    try DER.sequence(item, identifier: .sequence) { fields in
                        var hash = HashAlgorithmReference(oid: HashFunction.insecureSHA1.oid, hasNullParameters: false)
                        if version == 2 {
                            hash = HashAlgorithmReference(oid: HashFunction.sha256.oid, hasNullParameters: false)
                            if let peek = fields.next() {
                                if peek.identifier == .sequence {
                                    let identifier = try AlgorithmIdentifier(derEncoded: peek)
                                    hash = HashAlgorithmReference(
                                        oid: identifier.algorithm,
                                        hasNullParameters: identifier.parameters != nil
                                    )
                                    guard let digestNode = fields.next() else {
                                        throw CMSError.malformed("ESSCertIDv2 has no certHash")
                                    }
                                    return try CertificateID.read(hash: hash, digestNode: digestNode, rest: &fields)
                                }
                                return try CertificateID.read(hash: hash, digestNode: peek, rest: &fields)
                            }
                            throw CMSError.malformed("ESSCertIDv2 is empty")
                        }
                        guard let digestNode = fields.next() else { throw CMSError.malformed("ESSCertID is empty") }
                        return try CertificateID.read(hash: hash, digestNode: digestNode, rest: &fields)
                    }
                }
            }
        }
    }

    init(version: Int, certificates: [CertificateID]) {
        self.version = version
        self.certificates = certificates
    }
}

extension SigningCertificateReference.CertificateID {
    fileprivate static func read(
        hash: HashAlgorithmReference,
        digestNode: ASN1Node,
        rest: inout ASN1NodeCollection.Iterator
    ) throws -> Self {
        guard digestNode.identifier == .octetString, case .primitive(let digest) = digestNode.content else {
            throw CMSError.malformed("certHash is not an OCTET STRING")
        }
        var issuer: [GeneralName]?
        var serial: [UInt8]?
        if let issuerSerial = rest.next() {
            (issuer, serial) = try DER.sequence(issuerSerial, identifier: .sequence) { parts in
                guard let names = parts.next(), let serialNode = parts.next(), serialNode.identifier == .integer,
                    case .primitive(let serialBytes) = serialNode.content
                else {
                    throw CMSError.malformed("IssuerSerial needs issuer and serialNumber")
                }
                return (try GeneralName.sequence(names), Array(serialBytes))
            }
        }
        return Self(hash: hash, certificateHash: Array(digest), issuer: issuer, serialNumber: serial)
    }

    /// Whether this reference names `certificate`: the hash over its DER matches and, when present, the issuer
    /// (as a directoryName) and serial number match (RFC 5035 §5.4). The issuer is compared by RFC 5280 §7.1
    /// name matching, not by bytes: signers re-encode it (UTF8String for PrintableString, other case or spacing),
    /// and the certificate hash already binds the certificate itself.
    public func matches(_ certificate: Certificate) -> Bool {
        guard let function = hash.function, function.digest(certificate.derBytes) == certificateHash else {
            return false
        }
        if let serialNumber, serialNumber[...] != certificate.serialNumber { return false }
        if let issuer {
            let named = issuer.contains { name in
                if case .directoryName(let directory) = name {
                    return directory.matches(certificate.issuer)
                }
                return false
            }
            if !named { return false }
        }
        return true
    }
}

/// A hash algorithm as an attribute names it, known or not.
public struct HashAlgorithmReference: Hashable, Sendable, CustomStringConvertible {
    /// The OID.
    public let oid: ASN1ObjectIdentifier
    /// Whether the parameters were present (a NULL).
    public let hasNullParameters: Bool

    /// The hash function, when Sealbridge has it.
    public var function: HashFunction? { HashFunction(oid: oid) }

    /// The function's name, or the OID.
    public var description: String { function?.rawValue ?? oid.dottedText }
}

/// `CMSAlgorithmProtection ::= SEQUENCE { digestAlgorithm, signatureAlgorithm [1] IMPLICIT OPTIONAL,
/// macAlgorithm [2] IMPLICIT OPTIONAL }` (RFC 6211 §2).
public struct AlgorithmProtection: Hashable, Sendable, DERSerializable {
    /// The digest algorithm the signer used.
    public let digestAlgorithm: AlgorithmIdentifier
    /// The signature algorithm the signer used.
    public let signatureAlgorithm: AlgorithmIdentifier?

    init(node: ASN1Node) throws {
        (digestAlgorithm, signatureAlgorithm) = try CMSError.reading("the CMSAlgorithmProtection attribute") {
            try DER.sequence(node, identifier: .sequence) { nodes in
                let digest = try AlgorithmIdentifier(derEncoded: &nodes)
                var signature: AlgorithmIdentifier?
                while let next = nodes.next() {
                    if next.identifier == ASN1Identifier(tagWithNumber: 1, tagClass: .contextSpecific) {
                        signature = try AlgorithmIdentifier(
                            derEncoded: next,
                            withIdentifier: ASN1Identifier(tagWithNumber: 1, tagClass: .contextSpecific)
                        )
                    }
                }
                return (digest, signature)
            }
        }
    }

    init(digestAlgorithm: AlgorithmIdentifier, signatureAlgorithm: AlgorithmIdentifier) {
        self.digestAlgorithm = digestAlgorithm
        self.signatureAlgorithm = signatureAlgorithm
    }

    /// `CMSAlgorithmProtection ::= SEQUENCE { digestAlgorithm, signatureAlgorithm [1] IMPLICIT OPTIONAL, … }`
    /// (RFC 6211 §2), the signature algorithm written (the digest algorithm's when none was read).
    public func serialize(into coder: inout DER.Serializer) throws {
        try coder.appendConstructedNode(identifier: .sequence) { coder in
            try coder.serialize(digestAlgorithm)
            try (signatureAlgorithm ?? digestAlgorithm).serialize(
                into: &coder,
                withIdentifier: ASN1Identifier(tagWithNumber: 1, tagClass: .contextSpecific)
            )
        }
    }
}

/// `SignerLocation ::= SEQUENCE { countryName [0] DirectoryString OPTIONAL, localityName [1] DirectoryString
/// OPTIONAL, postalAddress [2] SEQUENCE SIZE(1..6) OF DirectoryString OPTIONAL }` (ETSI EN 319 122-1 §5.2.5,
/// explicit tags).
public struct SignerLocation: Hashable, Sendable, DERSerializable {
    /// The country.
    public let countryName: String?
    /// The locality.
    public let localityName: String?
    /// The postal address lines.
    public let postalAddress: [String]

    /// Makes a location.
    public init(countryName: String?, localityName: String?, postalAddress: [String] = []) {
        self.countryName = countryName
        self.localityName = localityName
        self.postalAddress = postalAddress
    }

    init(node: ASN1Node) throws {
        var country: String?
        var locality: String?
        var address: [String] = []
        guard node.identifier == .sequence, case .constructed(let children) = node.content else {
            throw CMSError.malformed("SignerLocation is not a SEQUENCE")
        }
        for child in children {
            guard child.identifier.tagClass == .contextSpecific, case .constructed(let inner) = child.content,
                let value = inner.first(where: { _ in true })
            else {
                throw CMSError.malformed("SignerLocation has an unexpected field \(child.identifier)")
            }
            switch child.identifier.tagNumber {
            case 0: country = try DirectoryString.text(value)
            case 1: locality = try DirectoryString.text(value)
            case 2:
                guard case .constructed(let lines) = value.content else {
                    throw CMSError.malformed("postalAddress is not a SEQUENCE OF DirectoryString")
                }
                address = try lines.prefix(6).map(DirectoryString.text)
            default:
                throw CMSError.malformed("SignerLocation has an unexpected field [\(child.identifier.tagNumber)]")
            }
        }
        self.init(countryName: country, localityName: locality, postalAddress: address)
    }

    /// Writes the fields that are set, as UTF8Strings under their explicit tags (at most six address lines).
    public func serialize(into coder: inout DER.Serializer) throws {
        try coder.appendConstructedNode(identifier: .sequence) { coder in
            if let countryName {
                try coder.serialize(
                    ASN1UTF8String(countryName),
                    explicitlyTaggedWithTagNumber: 0,
                    tagClass: .contextSpecific
                )
            }
            if let localityName {
                try coder.serialize(
                    ASN1UTF8String(localityName),
                    explicitlyTaggedWithTagNumber: 1,
                    tagClass: .contextSpecific
                )
            }
            if !postalAddress.isEmpty {
                try coder.serialize(explicitlyTaggedWithTagNumber: 2, tagClass: .contextSpecific) { coder in
                    try coder.serializeSequenceOf(postalAddress.prefix(6).map { ASN1UTF8String($0) })
                }
            }
        }
    }
}

/// DirectoryString text (X.520): UTF8String, PrintableString, IA5String, TeletexString (read as Latin-1),
/// BMPString (UTF-16BE) or UniversalString (UTF-32BE).
enum DirectoryString {
    static func text(_ node: ASN1Node) throws -> String {
        guard case .primitive(let bytes) = node.content else {
            throw CMSError.malformed("a DirectoryString is not primitive")
        }
        switch node.identifier {
        case .utf8String, .printableString, .ia5String:
            return String(decoding: bytes, as: UTF8.self)
        case ASN1Identifier(tagWithNumber: 20, tagClass: .universal):  // TeletexString
            return String(bytes.map { Character(Unicode.Scalar($0)) })
        case .bmpString:
            let units = stride(from: bytes.startIndex, to: bytes.endIndex - 1, by: 2).map {
                UInt16(bytes[$0]) << 8 | UInt16(bytes[$0 + 1])
            }
            return String(decoding: units, as: UTF16.self)
        case .universalString:
            var scalars = String.UnicodeScalarView()
            for start in stride(from: bytes.startIndex, to: bytes.endIndex - 3, by: 4) {
                var value: UInt32 = 0
                for byte in bytes[start..<(start + 4)] { value = value << 8 | UInt32(byte) }
                if let scalar = Unicode.Scalar(value) { scalars.append(scalar) }
            }
            return String(scalars)
        default:
            throw CMSError.malformed("\(node.identifier) is not a DirectoryString")
        }
    }
}
