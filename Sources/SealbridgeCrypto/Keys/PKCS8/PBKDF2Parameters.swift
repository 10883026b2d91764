import SwiftASN1

/// `PBKDF2-params` (RFC 8018 A.2), with an explicit salt (the `otherSource` choice is refused):
///
/// ```
/// PBKDF2-params ::= SEQUENCE { salt CHOICE { specified OCTET STRING, otherSource AlgorithmIdentifier },
///     iterationCount INTEGER (1..MAX), keyLength INTEGER (1..MAX) OPTIONAL,
///     prf AlgorithmIdentifier DEFAULT algid-hmacWithSHA1 }
/// ```
struct PBKDF2Parameters: Hashable, Sendable, DERImplicitlyTaggable {
    static var defaultIdentifier: ASN1Identifier { .sequence }

    var salt: [UInt8]
    var iterationCount: Int
    var keyLength: Int?
    /// The PRF; written with NULL parameters, read with any.
    var prf: ASN1ObjectIdentifier

    init(salt: [UInt8], iterationCount: Int, keyLength: Int? = nil, prf: ASN1ObjectIdentifier) {
        self.salt = salt
        self.iterationCount = iterationCount
        self.keyLength = keyLength
        self.prf = prf
    }

    /// - Throws: `CryptoError.invalidKey` when the salt is not explicit; swift-asn1's error for malformed DER.
    init(derEncoded node: ASN1Node, withIdentifier identifier: ASN1Identifier) throws {
        self = try DER.sequence(node, identifier: identifier) { nodes in
            guard let saltNode = nodes.next(), saltNode.identifier == .octetString,
                case .primitive(let salt) = saltNode.content
            else {
                throw EncryptedPrivateKey.malformed("PBKDF2 needs an explicit salt")
            }
            let iterations = try Int(derEncoded: &nodes)
            var keyLength: Int?
            var prf = EncryptedPrivateKey.hmacWithSHA1  // RFC 8018 A.2: the default PRF
            while let field = nodes.next() {
                if field.identifier == .integer, keyLength == nil {
                    keyLength = try Int(derEncoded: field)
                } else {
                    prf = try AlgorithmIdentifier(derEncoded: field).algorithm
                }
            }
            return PBKDF2Parameters(salt: Array(salt), iterationCount: iterations, keyLength: keyLength, prf: prf)
        }
    }

    func serialize(into coder: inout DER.Serializer, withIdentifier identifier: ASN1Identifier) throws {
        try coder.appendConstructedNode(identifier: identifier) { coder in
            try coder.serialize(ASN1OctetString(contentBytes: salt[...]))
            try coder.serialize(iterationCount)
            if let keyLength { try coder.serialize(keyLength) }
            try coder.serialize(AlgorithmIdentifier(algorithm: prf, parameters: [0x05, 0x00]))
        }
    }
}
