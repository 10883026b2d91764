public import SealbridgeCrypto
public import SwiftASN1

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
