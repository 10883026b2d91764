package import SwiftASN1

/// An element already in DER — received bytes that must be copied as they are (a certificate, an attribute value,
/// a signed-attributes set) — written back with `serializeRawBytes`, so it can sit in swift-asn1's SEQUENCE OF and
/// SET OF writers beside typed values.
package struct DEREncoded: DERSerializable, Hashable, Sendable {
    /// The element's whole encoding: tag, length, contents.
    package let bytes: ArraySlice<UInt8>

    /// Shares the received storage; nothing is copied.
    package init(_ bytes: ArraySlice<UInt8>) { self.bytes = bytes }

    package init(_ bytes: [UInt8]) { self.bytes = bytes[...] }

    package func serialize(into coder: inout DER.Serializer) throws { coder.serializeRawBytes(bytes) }
}

extension DERSerializable {
    /// This value's DER.
    ///
    /// - Throws: swift-asn1's error when the value cannot be encoded (an object identifier of fewer than two arcs).
    package func serializedDER() throws -> [UInt8] {
        var coder = DER.Serializer()
        try coder.serialize(self)
        return coder.serializedBytes
    }
}

/// `SEQUENCE OF` values of one type, for an extension value or a field that is nothing more (extKeyUsage,
/// cRLDistributionPoints); written with `serializeSequenceOf`, in order.
package struct DERSequenceOf<Element: DERSerializable>: DERSerializable {
    package let elements: [Element]

    package init(_ elements: [Element]) { self.elements = elements }

    package func serialize(into coder: inout DER.Serializer) throws { try coder.serializeSequenceOf(elements) }
}
