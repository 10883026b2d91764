import SealbridgeCrypto
public import SwiftASN1

/// `Name ::= RDNSequence`, `RDNSequence ::= SEQUENCE OF RelativeDistinguishedName`,
/// `RelativeDistinguishedName ::= SET SIZE (1..MAX) OF AttributeTypeAndValue` (RFC 5280 §4.1.2.4).
///
/// The received DER is kept: names are compared and hashed by it here; the RFC 5280 §7.1 comparison rules
/// (case-folding, whitespace) belong to path validation.
public struct DistinguishedName: Hashable, Sendable, DERImplicitlyTaggable, CustomStringConvertible {
    /// `AttributeTypeAndValue ::= SEQUENCE { type OBJECT IDENTIFIER, value ANY }`.
    public struct Attribute: Hashable, Sendable {
        /// The attribute type (e.g. 2.5.4.3, commonName).
        public let type: ASN1ObjectIdentifier
        /// The value's full DER (tag, length, content), a view into the bytes the name was read from.
        public let valueBytes: ArraySlice<UInt8>
        /// The value as text when it is one of the string types X.520 uses (UTF8String, PrintableString,
        /// IA5String, TeletexString, BMPString, UniversalString, VisibleString, NumericString); decoded on each
        /// access, so that parsing a name allocates no strings.
        public var text: String? {
            guard let node = try? DER.parse(valueBytes) else { return nil }
            return DirectoryString.text(node)
        }
        /// The DER of `type`, as received (used to index names quickly).
        let typeBytes: ArraySlice<UInt8>

        /// Equal when type and value bytes are equal.
        public static func == (lhs: Attribute, rhs: Attribute) -> Bool {
            lhs.type == rhs.type && lhs.valueBytes == rhs.valueBytes
        }

        /// Hashes type and value.
        public func hash(into hasher: inout Hasher) {
            hasher.combine(type)
            hasher.combine(valueBytes)
        }
    }

    /// The relative distinguished names, most significant (e.g. country) first.
    public let relativeNames: [[Attribute]]
    /// The DER of the whole name as received (a view into the enclosing object's bytes).
    public let derBytes: ArraySlice<UInt8>

    /// The ASN.1 tag, `SEQUENCE`.
    public static var defaultIdentifier: ASN1Identifier { .sequence }

    /// The most RDNs or attributes a name may have before it is refused (hostile input bound).
    public static let maximumAttributeCount = 256

    /// Reads the DER form.
    ///
    /// - Throws: `ASN1Error` for malformed DER; `X509Error.tooLarge` past 256 attributes.
    public init(derEncoded node: ASN1Node, withIdentifier identifier: ASN1Identifier) throws {
        guard node.identifier == identifier, case .constructed(let rdns) = node.content else {
            throw X509Error.malformedDER(reason: "a Name must be a SEQUENCE of RelativeDistinguishedName")
        }
        var count = 0
        let names: [[Attribute]] = try rdns.map { rdnNode in
            guard rdnNode.identifier == .set, case .constructed(let members) = rdnNode.content else {
                throw X509Error.malformedDER(reason: "a RelativeDistinguishedName must be a SET")
            }
            var attributes: [Attribute] = []
            for member in members {
                count += 1
                guard count <= DistinguishedName.maximumAttributeCount else {
                    throw X509Error.tooLarge(
                        reason: "the name has more than \(DistinguishedName.maximumAttributeCount) attributes"
                    )
                }
                attributes.append(
                    try DER.sequence(member, identifier: .sequence) { nodes in
                        guard let typeNode = nodes.next() else {
                            throw X509Error.malformedDER(reason: "an AttributeTypeAndValue has no type")
                        }
                        let type = try ASN1ObjectIdentifier(derEncoded: typeNode)
                        guard let value = nodes.next() else {
                            throw X509Error.malformedDER(reason: "an AttributeTypeAndValue has no value")
                        }
                        return Attribute(
                            type: type,
                            valueBytes: value.encodedBytes,
                            typeBytes: typeNode.encodedBytes
                        )
                    }
                )
            }
            guard !attributes.isEmpty else {
                throw X509Error.malformedDER(reason: "a RelativeDistinguishedName must not be empty")
            }
            return attributes
        }
        self.relativeNames = names
        self.derBytes = node.encodedBytes
    }

    /// Writes the received DER back.
    public func serialize(into coder: inout DER.Serializer, withIdentifier identifier: ASN1Identifier) throws {
        coder.serializeRawBytes(derBytes)
    }

    /// An empty name (`SEQUENCE {}`), as some end-entity certificates carry.
    public var isEmpty: Bool { relativeNames.isEmpty }

    /// RFC 4514-style text, most specific first: `CN=Signer,O=Example,C=CN`.
    public var description: String {
        relativeNames.reversed().map { rdn in
            rdn.map { "\(DistinguishedName.shortName($0.type))=\($0.text ?? "#" + hex($0.valueBytes))" }.joined(
                separator: "+"
            )
        }.joined(separator: ",")
    }

    static func shortName(_ oid: ASN1ObjectIdentifier) -> String {
        switch oid {
        case [2, 5, 4, 3]: return "CN"
        case [2, 5, 4, 6]: return "C"
        case [2, 5, 4, 7]: return "L"
        case [2, 5, 4, 8]: return "ST"
        case [2, 5, 4, 10]: return "O"
        case [2, 5, 4, 11]: return "OU"
        case [2, 5, 4, 4]: return "SN"
        case [2, 5, 4, 42]: return "GN"
        case [2, 5, 4, 12]: return "title"
        case [2, 5, 4, 5]: return "serialNumber"
        case [2, 5, 4, 97]: return "organizationIdentifier"
        case [0, 9, 2342, 19_200_300, 100, 1, 25]: return "DC"
        case [1, 2, 840, 113_549, 1, 9, 1]: return "emailAddress"
        default: return oid.dottedText
        }
    }
}

/// Decoding of the X.520 string types.
enum DirectoryString {
    static func text(_ node: ASN1Node) -> String? {
        guard case .primitive(let content) = node.content, node.identifier.tagClass == .universal else { return nil }
        switch node.identifier.tagNumber {
        case 12, 19, 22, 26, 18:  // UTF8String, PrintableString, IA5String, VisibleString, NumericString
            return String(validating: content, as: UTF8.self)
        case 20:  // TeletexString (T.61): in practice Latin-1; decode byte-for-byte.
            return String(content.map { Character(Unicode.Scalar($0)) })
        case 30:  // BMPString: UTF-16BE
            guard content.count % 2 == 0 else { return nil }
            let units = stride(from: content.startIndex, to: content.endIndex, by: 2).map {
                UInt16(content[$0]) << 8 | UInt16(content[$0 + 1])
            }
            return String(validating: units, as: UTF16.self)
        case 28:  // UniversalString: UTF-32BE
            guard content.count % 4 == 0 else { return nil }
            var scalars = String.UnicodeScalarView()
            for offset in stride(from: content.startIndex, to: content.endIndex, by: 4) {
                let value =
                    UInt32(content[offset]) << 24 | UInt32(content[offset + 1]) << 16
                    | UInt32(content[offset + 2]) << 8 | UInt32(content[offset + 3])
                guard let scalar = Unicode.Scalar(value) else { return nil }
                scalars.append(scalar)
            }
            return String(scalars)
        default:
            return nil
        }
    }
}

/// Lowercase hex.
func hex(_ bytes: some Collection<UInt8>) -> String { HexEncoding.encode(bytes) }
