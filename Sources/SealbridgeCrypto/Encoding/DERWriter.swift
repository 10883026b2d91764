package import SwiftASN1

/// Small DER builders for structures written from parts, some of which are already-encoded bytes (received
/// certificates, signed attributes) that must be copied as they are. Shared by the X.509 and CMS layers.
package enum DERWriter {
    /// A tag and length header for `length` content octets (X.690 §8.1.3, definite form, minimal).
    package static func header(_ tag: UInt8, length: Int) -> [UInt8] {
        if length < 0x80 { return [tag, UInt8(length)] }
        var octets: [UInt8] = []
        var remaining = length
        while remaining > 0 {
            octets.insert(UInt8(remaining & 0xFF), at: 0)
            remaining >>= 8
        }
        return [tag, 0x80 | UInt8(octets.count)] + octets
    }

    /// `tag` around the concatenated `contents`.
    package static func wrap(_ tag: UInt8, _ contents: [[UInt8]]) -> [UInt8] {
        let length = contents.reduce(0) { $0 + $1.count }
        var bytes = header(tag, length: length)
        bytes.reserveCapacity(bytes.count + length)
        for part in contents { bytes.append(contentsOf: part) }
        return bytes
    }

    /// A SEQUENCE of encoded elements.
    package static func sequence(_ elements: [[UInt8]]) -> [UInt8] { wrap(0x30, elements) }

    /// A SET OF encoded elements in DER order: ascending as octet strings (X.690 §11.6).
    package static func setOf(_ elements: [[UInt8]], tag: UInt8 = 0x31) -> [UInt8] {
        wrap(tag, elements.sorted { $0.lexicographicallyPrecedes($1) })
    }

    /// `[number]` EXPLICIT around one encoded element.
    package static func explicit(_ number: UInt8, _ element: [UInt8]) -> [UInt8] { wrap(0xA0 | number, [element]) }

    /// An OCTET STRING.
    package static func octetString<Bytes: Collection<UInt8>>(_ bytes: Bytes) -> [UInt8] {
        header(0x04, length: bytes.count) + Array(bytes)
    }

    /// A UTF8String.
    package static func utf8String(_ text: String) -> [UInt8] {
        header(0x0C, length: text.utf8.count) + Array(text.utf8)
    }

    /// An INTEGER from its content octets (already two's complement and minimal).
    package static func integer(contents: [UInt8]) -> [UInt8] { header(0x02, length: contents.count) + contents }

    /// An INTEGER from a small non-negative value.
    package static func integer(_ value: Int) -> [UInt8] { encode(value) }

    /// A BOOLEAN.
    package static func boolean(_ value: Bool) -> [UInt8] { [0x01, 0x01, value ? 0xFF : 0x00] }

    /// The DER of any swift-asn1 serializable value.
    package static func encode<Value: DERSerializable>(_ value: Value) -> [UInt8] {
        var serializer = DER.Serializer()
        // Serializing values that came from parsing or from our own constructors cannot fail: swift-asn1 throws
        // only for values that violate their own invariants (e.g. an OID with one arc), which ours never do.
        do {
            try serializer.serialize(value)
        } catch {
            preconditionFailure("DER serialization of a well-formed value failed: \(error)")
        }
        return serializer.serializedBytes
    }

    /// The content octets of a non-negative integer given as big-endian magnitude (leading zeros removed, a zero
    /// octet prepended when the top bit is set).
    package static func unsignedIntegerContents<Bytes: Collection<UInt8>>(_ magnitude: Bytes) -> [UInt8] {
        var bytes = Array(magnitude.drop(while: { $0 == 0 }))
        if bytes.isEmpty { return [0] }
        if let first = bytes.first, first & 0x80 != 0 { bytes.insert(0, at: 0) }
        return bytes
    }
}

extension SignatureAlgorithm {
    /// The AlgorithmIdentifier a signature by this algorithm is labelled with in certificates, CRLs and CMS: no
    /// parameters for SM2, ECDSA, EdDSA and DSA (RFC 5758 §3.2, RFC 8410 §3); NULL for RSA PKCS #1 v1.5 (RFC 4055
    /// §5); explicit RSASSA-PSS-params for PSS (RFC 4055 §3.1).
    ///
    /// - Throws: `CryptoError.unsupportedAlgorithm` for PSS without a hash.
    package func algorithmIdentifier() throws -> AlgorithmIdentifier {
        switch scheme {
        case .sm2, .ecdsa, .ed25519, .dsa:
            return AlgorithmIdentifier(algorithm: oid, parameters: nil)
        case .rsaPKCS1v15:
            return AlgorithmIdentifier(algorithm: oid, parameters: [0x05, 0x00])
        case .rsaPSS(let mgfHash, let saltLength):
            guard let hash else { throw CryptoError.unsupportedAlgorithm(reason: "RSASSA-PSS needs a hash") }
            func hashIdentifier(_ function: HashFunction) -> [UInt8] {
                DERWriter.encode(AlgorithmIdentifier(algorithm: function.oid, parameters: [0x05, 0x00]))
            }
            let mgf1: ASN1ObjectIdentifier = [1, 2, 840, 113_549, 1, 1, 8]
            let parameters = DERWriter.sequence([
                DERWriter.explicit(0, hashIdentifier(hash)),
                DERWriter.explicit(1, DERWriter.sequence([DERWriter.encode(mgf1), hashIdentifier(mgfHash)])),
                DERWriter.explicit(2, DERWriter.integer(saltLength ?? hash.byteCount)),
            ])
            return AlgorithmIdentifier(algorithm: oid, parameters: parameters)
        }
    }
}
