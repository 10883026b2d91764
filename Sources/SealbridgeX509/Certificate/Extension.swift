public import SwiftASN1

/// `Extension ::= SEQUENCE { extnID OBJECT IDENTIFIER, critical BOOLEAN DEFAULT FALSE, extnValue OCTET STRING }`
/// (RFC 5280 §4.1.2.9). The value is kept as its bytes; typed decoders read it on demand, so that an unknown
/// non-critical extension is carried along and an unknown critical one can be refused by validation.
public struct Extension: Hashable, Sendable, DERImplicitlyTaggable {
    /// The extension's OID.
    public let oid: ASN1ObjectIdentifier
    /// Whether it is marked critical.
    public let isCritical: Bool
    /// The contents of `extnValue` (the DER of the extension's own type), a view into the certificate's bytes.
    public let value: ArraySlice<UInt8>

    /// The ASN.1 tag, `SEQUENCE`.
    public static var defaultIdentifier: ASN1Identifier { .sequence }

    /// Makes an extension.
    public init(oid: ASN1ObjectIdentifier, isCritical: Bool, value: ArraySlice<UInt8>) {
        self.oid = oid
        self.isCritical = isCritical
        self.value = value
    }

    /// Makes an extension from an array.
    public init(oid: ASN1ObjectIdentifier, isCritical: Bool, value: [UInt8]) {
        self.init(oid: oid, isCritical: isCritical, value: value[...])
    }

    /// Makes an extension whose extnValue is the DER of `value`.
    ///
    /// - Throws: when `value` cannot be encoded.
    public init(oid: ASN1ObjectIdentifier, isCritical: Bool, encoding value: some DERSerializable) throws {
        var coder = DER.Serializer()
        try coder.serialize(value)
        self.init(oid: oid, isCritical: isCritical, value: coder.serializedBytes)
    }

    /// Reads the DER form. DER forbids encoding the default: `critical FALSE` written out is refused (X.690 §11.5).
    ///
    /// - Throws: `ASN1Error` for malformed DER; `X509Error.malformedDER` for an explicit FALSE.
    public init(derEncoded node: ASN1Node, withIdentifier identifier: ASN1Identifier) throws {
        self = try DER.sequence(node, identifier: identifier) { nodes in
            let oid = try ASN1ObjectIdentifier(derEncoded: &nodes)
            var critical = false
            if let flag = try DER.optionalImplicitlyTagged(&nodes, tag: .boolean, { try Bool(derEncoded: $0) }) {
                guard flag else {
                    throw X509Error.malformedDER(
                        reason: "extension \(oid.displayText) encodes the default critical FALSE, which DER forbids"
                    )
                }
                critical = true
            }
            let value = try ASN1OctetString(derEncoded: &nodes)
            return Extension(oid: oid, isCritical: critical, value: value.bytes)
        }
    }

    /// Writes the DER form.
    public func serialize(into coder: inout DER.Serializer, withIdentifier identifier: ASN1Identifier) throws {
        try coder.appendConstructedNode(identifier: identifier) { coder in
            try coder.serialize(oid)
            if isCritical {
                try coder.serialize(true)
            }
            try coder.serialize(ASN1OctetString(contentBytes: value))
        }
    }
}

extension DER {
    /// Reads an optional element with a universal tag (here: the BOOLEAN of an extension).
    static func optionalImplicitlyTagged<T>(
        _ nodes: inout ASN1NodeCollection.Iterator,
        tag: ASN1Identifier,
        _ builder: (ASN1Node) throws -> T
    ) throws -> T? {
        var lookahead = nodes
        guard let next = lookahead.next(), next.identifier == tag else { return nil }
        nodes = lookahead
        return try builder(next)
    }
}
