import SealbridgeCrypto
import SealbridgeX509
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
