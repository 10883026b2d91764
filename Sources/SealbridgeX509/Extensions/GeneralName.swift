public import SwiftASN1

/// `GeneralName` (RFC 5280 §4.2.1.6): every form, with the ones path validation compares decoded and the rest kept
/// as bytes.
///
/// ```
/// GeneralName ::= CHOICE { otherName [0], rfc822Name [1] IA5String, dNSName [2] IA5String, x400Address [3],
///     directoryName [4] Name, ediPartyName [5], uniformResourceIdentifier [6] IA5String,
///     iPAddress [7] OCTET STRING, registeredID [8] OBJECT IDENTIFIER }
/// ```
public enum GeneralName: Hashable, Sendable, CustomStringConvertible, DERSerializable {
    /// `otherName [0]`: the type OID and the DER of the value.
    case otherName(type: ASN1ObjectIdentifier, valueBytes: [UInt8])
    /// `rfc822Name [1]`: an e-mail address.
    case rfc822Name(String)
    /// `dNSName [2]`.
    case dnsName(String)
    /// `x400Address [3]`, kept as DER.
    case x400Address([UInt8])
    /// `directoryName [4]`.
    case directoryName(DistinguishedName)
    /// `ediPartyName [5]`, kept as DER.
    case ediPartyName([UInt8])
    /// `uniformResourceIdentifier [6]`.
    case uniformResourceIdentifier(String)
    /// `iPAddress [7]`: 4 or 16 bytes in a SAN; 8 or 32 (address ‖ mask) in name constraints.
    case ipAddress([UInt8])
    /// `registeredID [8]`.
    case registeredID(ASN1ObjectIdentifier)

    /// Reads one GeneralName.
    ///
    /// - Throws: `X509Error.malformedDER` for an unknown tag or bad contents.
    public init(derEncoded node: ASN1Node) throws {
        guard node.identifier.tagClass == .contextSpecific else {
            throw X509Error.malformedDER(reason: "a GeneralName must be context-tagged; got \(node.identifier)")
        }
        func ia5() throws -> String {
            guard case .primitive(let content) = node.content, content.allSatisfy({ $0 < 0x80 }) else {
                throw X509Error.malformedDER(reason: "a GeneralName string must be a primitive IA5String")
            }
            return String(decoding: content, as: UTF8.self)
        }
        switch node.identifier.tagNumber {
        case 0:
            self = try DER.sequence(node, identifier: node.identifier) { nodes in
                let type = try ASN1ObjectIdentifier(derEncoded: &nodes)
                guard let value = nodes.next() else {
                    throw X509Error.malformedDER(reason: "otherName has no value")
                }
                return .otherName(type: type, valueBytes: Array(value.encodedBytes))
            }
        case 1: self = .rfc822Name(try ia5())
        case 2: self = .dnsName(try ia5())
        case 3: self = .x400Address(Array(node.encodedBytes))
        case 4:
            // directoryName is EXPLICIT (Name is a CHOICE).
            guard case .constructed(let inner) = node.content, let nameNode = inner.first(where: { _ in true }) else {
                throw X509Error.malformedDER(reason: "directoryName must wrap a Name")
            }
            self = .directoryName(try DistinguishedName(derEncoded: nameNode))
        case 5: self = .ediPartyName(Array(node.encodedBytes))
        case 6: self = .uniformResourceIdentifier(try ia5())
        case 7:
            guard case .primitive(let content) = node.content, [4, 8, 16, 32].contains(content.count) else {
                throw X509Error.malformedDER(reason: "iPAddress must be 4, 8, 16 or 32 bytes")
            }
            self = .ipAddress(Array(content))
        case 8:
            self = .registeredID(try ASN1ObjectIdentifier(derEncoded: node, withIdentifier: node.identifier))
        default:
            throw X509Error.malformedDER(reason: "unknown GeneralName tag [\(node.identifier.tagNumber)]")
        }
    }

    /// Writes the name under its context tag (directoryName EXPLICIT, the rest IMPLICIT), the forms kept as
    /// received (otherName's value, x400Address, ediPartyName) as their bytes.
    public func serialize(into coder: inout DER.Serializer) throws {
        func tag(_ number: UInt) -> ASN1Identifier { ASN1Identifier(tagWithNumber: number, tagClass: .contextSpecific) }
        switch self {
        case .otherName(let type, let valueBytes):
            try coder.appendConstructedNode(identifier: tag(0)) { coder in
                try coder.serialize(type)
                coder.serializeRawBytes(valueBytes)
            }
        case .rfc822Name(let text): coder.appendPrimitiveNode(identifier: tag(1)) { $0.append(contentsOf: text.utf8) }
        case .dnsName(let text): coder.appendPrimitiveNode(identifier: tag(2)) { $0.append(contentsOf: text.utf8) }
        case .x400Address(let bytes), .ediPartyName(let bytes): coder.serializeRawBytes(bytes)
        case .directoryName(let name): try coder.serialize(name, explicitlyTaggedWithIdentifier: tag(4))
        case .uniformResourceIdentifier(let text):
            coder.appendPrimitiveNode(identifier: tag(6)) { $0.append(contentsOf: text.utf8) }
        case .ipAddress(let bytes): coder.appendPrimitiveNode(identifier: tag(7)) { $0.append(contentsOf: bytes) }
        case .registeredID(let oid): try oid.serialize(into: &coder, withIdentifier: tag(8))
        }
    }

    /// Reads `GeneralNames ::= SEQUENCE SIZE (1..MAX) OF GeneralName`.
    ///
    /// - Throws: `X509Error.malformedDER` for an empty or malformed sequence.
    public static func sequence(_ node: ASN1Node) throws -> [GeneralName] {
        guard node.identifier == .sequence, case .constructed(let children) = node.content else {
            throw X509Error.malformedDER(reason: "GeneralNames must be a SEQUENCE")
        }
        let names = try children.map { try GeneralName(derEncoded: $0) }
        guard !names.isEmpty else {
            throw X509Error.malformedDER(reason: "GeneralNames must not be empty")
        }
        return names
    }

    /// `DNS:example.com`, `email:…`, `URI:…`, `IP:…`, `DirName:…` as `openssl x509 -text` writes them.
    public var description: String {
        switch self {
        case .otherName(let type, _): return "othername:\(type.dottedText)"
        case .rfc822Name(let value): return "email:\(value)"
        case .dnsName(let value): return "DNS:\(value)"
        case .x400Address: return "X400Name"
        case .directoryName(let name): return "DirName:\(name)"
        case .ediPartyName: return "EdiPartyName"
        case .uniformResourceIdentifier(let value): return "URI:\(value)"
        case .ipAddress(let bytes):
            if bytes.count == 4 { return "IP:" + bytes.map(String.init).joined(separator: ".") }
            return "IP:" + hex(bytes)
        case .registeredID(let oid): return "RID:\(oid.dottedText)"
        }
    }
}
