import SwiftASN1

/// `PBES2-params ::= SEQUENCE { keyDerivationFunc AlgorithmIdentifier {{PBES2-KDFs}}, encryptionScheme
/// AlgorithmIdentifier {{PBES2-Encs}} }` (RFC 8018 A.4), with PBKDF2 as the only key derivation function.
struct PBES2Parameters: Hashable, Sendable, DERImplicitlyTaggable {
    static var defaultIdentifier: ASN1Identifier { .sequence }

    var keyDerivation: PBKDF2Parameters
    /// The cipher with its IV parameter (AES-CBC or SM4-CBC), as ``ContentCipher`` takes it.
    var encryptionScheme: AlgorithmIdentifier

    init(keyDerivation: PBKDF2Parameters, encryptionScheme: AlgorithmIdentifier) {
        self.keyDerivation = keyDerivation
        self.encryptionScheme = encryptionScheme
    }

    /// - Throws: `CryptoError.invalidKey` for another key derivation function; swift-asn1's error for malformed DER.
    init(derEncoded node: ASN1Node, withIdentifier identifier: ASN1Identifier) throws {
        self = try DER.sequence(node, identifier: identifier) { nodes in
            guard let kdfNode = nodes.next() else {
                throw EncryptedPrivateKey.malformed(EncryptedPrivateKey.notPBKDF2AndCipher)
            }
            let derivation = try DER.sequence(kdfNode, identifier: .sequence) { kdf in
                guard try ASN1ObjectIdentifier(derEncoded: &kdf) == EncryptedPrivateKey.pbkdf2 else {
                    throw EncryptedPrivateKey.malformed(EncryptedPrivateKey.notPBKDF2AndCipher)
                }
                return try PBKDF2Parameters(derEncoded: &kdf)
            }
            let scheme = try AlgorithmIdentifier(derEncoded: &nodes)
            return PBES2Parameters(keyDerivation: derivation, encryptionScheme: scheme)
        }
    }

    func serialize(into coder: inout DER.Serializer, withIdentifier identifier: ASN1Identifier) throws {
        try coder.appendConstructedNode(identifier: identifier) { coder in
            try coder.appendConstructedNode(identifier: .sequence) { coder in
                try coder.serialize(EncryptedPrivateKey.pbkdf2)
                try coder.serialize(keyDerivation)
            }
            try coder.serialize(encryptionScheme)
        }
    }
}
