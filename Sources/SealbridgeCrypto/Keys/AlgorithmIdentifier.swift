public import SwiftASN1

/// `AlgorithmIdentifier ::= SEQUENCE { algorithm OBJECT IDENTIFIER, parameters ANY DEFINED BY algorithm OPTIONAL }`
/// (RFC 5280 §4.1.1.2), with the parameters kept as their DER bytes. Keys, certificates, CRLs and CMS share it.
public struct AlgorithmIdentifier: Hashable, Sendable, DERImplicitlyTaggable {
    /// The algorithm.
    public let algorithm: ASN1ObjectIdentifier
    /// The parameters' full DER encoding (tag, length, value), or `nil` when absent.
    public let parameters: [UInt8]?

    /// The ASN.1 tag, `SEQUENCE`.
    public static var defaultIdentifier: ASN1Identifier { .sequence }

    /// Makes an identifier.
    public init(algorithm: ASN1ObjectIdentifier, parameters: [UInt8]?) {
        self.algorithm = algorithm
        self.parameters = parameters
    }

    /// Reads the DER form.
    ///
    /// - Throws: `ASN1Error` for malformed DER.
    public init(derEncoded node: ASN1Node, withIdentifier identifier: ASN1Identifier) throws {
        self = try DER.sequence(node, identifier: identifier) { nodes in
            let algorithm = try ASN1ObjectIdentifier(derEncoded: &nodes)
            let parameters = nodes.next().map { Array($0.encodedBytes) }
            return AlgorithmIdentifier(algorithm: algorithm, parameters: parameters)
        }
    }

    /// Writes the DER form.
    public func serialize(into coder: inout DER.Serializer, withIdentifier identifier: ASN1Identifier) throws {
        try coder.appendConstructedNode(identifier: identifier) { coder in
            try coder.serialize(algorithm)
            if let parameters {
                coder.serializeRawBytes(parameters)
            }
        }
    }

    /// The parameters as an OID, when they are one (the named curve of an EC key, RFC 5480 §2.1.1).
    public var parameterOID: ASN1ObjectIdentifier? {
        guard let parameters, let node = try? DER.parse(parameters), node.identifier == .objectIdentifier else {
            return nil
        }
        return try? ASN1ObjectIdentifier(derEncoded: node)
    }

    /// Whether the parameters are absent or an ASN.1 NULL (the two forms RFC 5754 / RFC 4055 allow for hashes and
    /// RSA PKCS #1 v1.5).
    public var hasNoOrNullParameters: Bool {
        parameters == nil || parameters == [0x05, 0x00]
    }
}
