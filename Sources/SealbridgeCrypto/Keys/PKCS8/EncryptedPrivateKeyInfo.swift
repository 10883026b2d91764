import SwiftASN1

/// `EncryptedPrivateKeyInfo ::= SEQUENCE { encryptionAlgorithm EncryptionAlgorithmIdentifier, encryptedData
/// OCTET STRING }` (RFC 5958 §3).
struct EncryptedPrivateKeyInfo: Hashable, Sendable, DERImplicitlyTaggable {
    static var defaultIdentifier: ASN1Identifier { .sequence }

    var encryptionAlgorithm: AlgorithmIdentifier
    var encryptedData: [UInt8]

    init(encryptionAlgorithm: AlgorithmIdentifier, encryptedData: [UInt8]) {
        self.encryptionAlgorithm = encryptionAlgorithm
        self.encryptedData = encryptedData
    }

    init(derEncoded node: ASN1Node, withIdentifier identifier: ASN1Identifier) throws {
        self = try DER.sequence(node, identifier: identifier) { nodes in
            let algorithm = try AlgorithmIdentifier(derEncoded: &nodes)
            let data = try ASN1OctetString(derEncoded: &nodes)
            return EncryptedPrivateKeyInfo(encryptionAlgorithm: algorithm, encryptedData: Array(data.bytes))
        }
    }

    func serialize(into coder: inout DER.Serializer, withIdentifier identifier: ASN1Identifier) throws {
        try coder.appendConstructedNode(identifier: identifier) { coder in
            try coder.serialize(encryptionAlgorithm)
            try coder.serialize(ASN1OctetString(contentBytes: encryptedData[...]))
        }
    }
}
