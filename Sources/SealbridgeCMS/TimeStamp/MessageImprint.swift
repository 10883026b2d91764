public import SealbridgeCrypto
public import SwiftASN1

/// `MessageImprint ::= SEQUENCE { hashAlgorithm AlgorithmIdentifier, hashedMessage OCTET STRING }` (RFC 3161 §2.4.1).
public struct MessageImprint: Hashable, Sendable, DERImplicitlyTaggable {
    /// The universal tag it is written with unless tagged otherwise.
    public static var defaultIdentifier: ASN1Identifier { .sequence }

    /// The hash algorithm as written.
    public let hashAlgorithm: AlgorithmIdentifier
    /// The hash value.
    public let hashedMessage: [UInt8]

    /// An imprint of `hash` over data already hashed; the algorithm is written without parameters.
    public init(hash: HashFunction, hashedMessage: [UInt8]) {
        self.hashAlgorithm = AlgorithmIdentifier(algorithm: hash.oid, parameters: nil)
        self.hashedMessage = hashedMessage
    }

    /// The imprint of `data` under `hash`.
    public init(hashing data: [UInt8], with hash: HashFunction) {
        self.init(hash: hash, hashedMessage: hash.digest(data))
    }

    /// The hash function, when known and its parameters absent or NULL.
    public var hashFunction: HashFunction? {
        guard hashAlgorithm.hasNoOrNullParameters else { return nil }
        return HashFunction(oid: hashAlgorithm.algorithm)
    }

    /// Equal in algorithm (NULL and absent parameters alike) and value.
    public func matches(_ other: MessageImprint) -> Bool {
        hashAlgorithm.algorithm == other.hashAlgorithm.algorithm && hashedMessage == other.hashedMessage
            && hashAlgorithm.hasNoOrNullParameters == other.hashAlgorithm.hasNoOrNullParameters
    }

    /// Reads it from a parsed node carrying `identifier`.
    ///
    /// - Throws: `CMSError` naming the bad field.
    public init(derEncoded node: ASN1Node, withIdentifier identifier: ASN1Identifier) throws {
        (hashAlgorithm, hashedMessage) = try DER.sequence(node, identifier: identifier) { nodes in
            let algorithm = try AlgorithmIdentifier(derEncoded: &nodes)
            guard let value = nodes.next() else { throw CMSError.malformed("MessageImprint has no hashedMessage") }
            return (algorithm, Array(try BERInput.octetString(value)))
        }
    }

    /// Writes its DER under `identifier`.
    public func serialize(into coder: inout DER.Serializer, withIdentifier identifier: ASN1Identifier) throws {
        try coder.appendConstructedNode(identifier: identifier) { coder in
            try coder.serialize(hashAlgorithm)
            try coder.serialize(ASN1OctetString(contentBytes: hashedMessage[...]))
        }
    }
}
