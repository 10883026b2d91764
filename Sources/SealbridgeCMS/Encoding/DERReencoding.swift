import SwiftASN1

/// Re-encodes received BER as the DER a signer should have signed (X.690 §10), for RFC 5652 §5.4's rule that a
/// signature over signed attributes covers "the DER encoding of the SignedAttrs value".
///
/// What changes: lengths become definite and minimal (§10.1), constructed OCTET STRINGs and character strings
/// become primitive (§10.2), and the elements of every SET are put in ascending order of their encodings (§11.6;
/// for a SET of distinct tags this is also the tag order §10.3 asks). Primitive contents are copied as received —
/// a BOOLEAN written `01` stays `01` — since signers that get those wrong are not seen in practice and re-writing
/// values would be guessing.
enum DERReencoding {
    /// The DER re-encoding of one BER element.
    ///
    /// - Throws: `CMSError.malformed` when `bytes` is not one BER element.
    static func reencoded(_ bytes: ArraySlice<UInt8>) throws -> [UInt8] {
        let node = try BERInput.parse(bytes, what: "signed attributes")
        var serializer = DER.Serializer()
        try append(node, to: &serializer)
        return serializer.serializedBytes
    }

    /// String types whose constructed BER form is the concatenation of its segments (X.690 §8.21.5).
    private static let concatenatedStrings: Set<ASN1Identifier> = [
        .octetString, .utf8String, .numericString, .printableString, .teletexString, .videotexString, .ia5String,
        .graphicString, .visibleString, .generalString, .universalString, .bmpString,
    ]

    private static func append(_ node: ASN1Node, to serializer: inout DER.Serializer) throws {
        switch node.content {
        case .primitive(let contents):
            serializer.appendPrimitiveNode(identifier: node.identifier) { $0.append(contentsOf: contents) }
        case .constructed(let children):
            if concatenatedStrings.contains(node.identifier) {
                let contents = try BERInput.octetString(node, identifier: node.identifier)
                serializer.appendPrimitiveNode(identifier: node.identifier) { $0.append(contentsOf: contents) }
                return
            }
            var encodings: [[UInt8]] = []
            for child in children {
                var inner = DER.Serializer()
                try append(child, to: &inner)
                encodings.append(inner.serializedBytes)
            }
            if node.identifier == .set {
                encodings.sort { $0.lexicographicallyPrecedes($1) }
            }
            serializer.appendConstructedNode(identifier: node.identifier) { coder in
                for encoding in encodings { coder.serializeRawBytes(encoding) }
            }
        }
    }
}
