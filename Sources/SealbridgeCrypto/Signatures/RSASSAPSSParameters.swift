package import SwiftASN1

/// `RSASSA-PSS-params` (RFC 4055 §3.1, RFC 8017 A.2.3):
///
/// ```
/// RSASSA-PSS-params ::= SEQUENCE { hashAlgorithm [0] HashAlgorithm DEFAULT sha1,
///     maskGenAlgorithm [1] MaskGenAlgorithm DEFAULT mgf1SHA1, saltLength [2] INTEGER DEFAULT 20,
///     trailerField [3] TrailerField DEFAULT trailerFieldBC }
/// ```
///
/// Read with its defaults (SHA-1, MGF1-SHA-1, salt 20, trailer 1); written with the hash, the MGF1 hash and the salt
/// length always present (what OpenSSL writes), the hashes with NULL parameters.
package struct RSASSAPSSParameters: Hashable, Sendable, DERImplicitlyTaggable {
    /// id-RSASSA-PSS, whose AlgorithmIdentifier carries these parameters.
    package static let algorithm: ASN1ObjectIdentifier = [1, 2, 840, 113_549, 1, 1, 10]
    /// id-mgf1.
    package static let mgf1: ASN1ObjectIdentifier = [1, 2, 840, 113_549, 1, 1, 8]

    package static var defaultIdentifier: ASN1Identifier { .sequence }

    package var hash: HashFunction = .insecureSHA1
    package var mgfHash: HashFunction = .insecureSHA1
    package var saltLength = 20

    package init(hash: HashFunction, mgfHash: HashFunction, saltLength: Int) {
        self.hash = hash
        self.mgfHash = mgfHash
        self.saltLength = saltLength
    }

    /// - Throws: `CryptoError.unsupportedAlgorithm` for parameters the standard forbids or Sealbridge does not
    ///   support; swift-asn1's error for malformed DER.
    package init(derEncoded node: ASN1Node, withIdentifier identifier: ASN1Identifier) throws {
        var parsed = RSASSAPSSParameters(hash: .insecureSHA1, mgfHash: .insecureSHA1, saltLength: 20)
        try DER.sequence(node, identifier: identifier) { nodes in
            if let hash = try DER.optionalExplicitlyTagged(
                &nodes,
                tagNumber: 0,
                tagClass: .contextSpecific,
                {
                    try AlgorithmIdentifier(derEncoded: $0)
                }
            ) {
                parsed.hash = try RSASSAPSSParameters.hashFunction(hash)
            }
            if let mgf = try DER.optionalExplicitlyTagged(
                &nodes,
                tagNumber: 1,
                tagClass: .contextSpecific,
                {
                    try AlgorithmIdentifier(derEncoded: $0)
                }
            ) {
                guard mgf.algorithm == RSASSAPSSParameters.mgf1, let inner = mgf.parameters else {
                    throw CryptoError.unsupportedAlgorithm(reason: "PSS mask generation must be MGF1 with a hash")
                }
                parsed.mgfHash = try RSASSAPSSParameters.hashFunction(
                    try AlgorithmIdentifier(derEncoded: try DER.parse(inner))
                )
            }
            if let salt = try DER.optionalExplicitlyTagged(
                &nodes,
                tagNumber: 2,
                tagClass: .contextSpecific,
                {
                    try Int(derEncoded: $0)
                }
            ) {
                guard (0...1024).contains(salt) else {
                    throw CryptoError.unsupportedAlgorithm(reason: "PSS salt length \(salt) is out of range")
                }
                parsed.saltLength = salt
            }
            if let trailer = try DER.optionalExplicitlyTagged(
                &nodes,
                tagNumber: 3,
                tagClass: .contextSpecific,
                {
                    try Int(derEncoded: $0)
                }
            ), trailer != 1 {
                throw CryptoError.unsupportedAlgorithm(reason: "PSS trailerField must be 1 (RFC 4055 §3.1)")
            }
        }
        self = parsed
    }

    package func serialize(into coder: inout DER.Serializer, withIdentifier identifier: ASN1Identifier) throws {
        try coder.appendConstructedNode(identifier: identifier) { coder in
            try coder.serialize(
                AlgorithmIdentifier(algorithm: hash.oid, parameters: [0x05, 0x00]),
                explicitlyTaggedWithTagNumber: 0,
                tagClass: .contextSpecific
            )
            try coder.serialize(explicitlyTaggedWithTagNumber: 1, tagClass: .contextSpecific) { coder in
                try coder.appendConstructedNode(identifier: .sequence) { coder in
                    try coder.serialize(RSASSAPSSParameters.mgf1)
                    try coder.serialize(AlgorithmIdentifier(algorithm: mgfHash.oid, parameters: [0x05, 0x00]))
                }
            }
            try coder.serialize(saltLength, explicitlyTaggedWithTagNumber: 2, tagClass: .contextSpecific)
        }
    }

    private static func hashFunction(_ identifier: AlgorithmIdentifier) throws -> HashFunction {
        guard identifier.hasNoOrNullParameters else {
            throw CryptoError.unsupportedAlgorithm(
                reason: "hash algorithm \(identifier.algorithm) has unexpected parameters"
            )
        }
        guard let hash = HashFunction(oid: identifier.algorithm) else {
            throw CryptoError.unsupportedAlgorithm(reason: "unsupported hash algorithm \(identifier.algorithm)")
        }
        return hash
    }
}
