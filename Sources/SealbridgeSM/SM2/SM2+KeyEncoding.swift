import SwiftASN1

// Key containers for SM2 (GB/T 32918 keys carried in the ordinary EC structures, as OpenSSL and GmSSL do):
//   SubjectPublicKeyInfo  (RFC 5280 §4.1.2.7, RFC 5480): id-ecPublicKey + namedCurve sm2p256v1
//   PKCS #8 PrivateKeyInfo / OneAsymmetricKey (RFC 5208, RFC 5958) wrapping ECPrivateKey
//   ECPrivateKey (SEC 1 v2 §C.4, RFC 5915)

enum SM2KeyOIDs {
    static let ecPublicKey: ASN1ObjectIdentifier = [1, 2, 840, 10045, 2, 1]
    static let sm2Curve: ASN1ObjectIdentifier = [1, 2, 156, 10197, 1, 301]
}

/// `AlgorithmIdentifier` for an EC key: the algorithm OID and, when present, the named-curve OID.
struct ECAlgorithmIdentifier: DERImplicitlyTaggable {
    static var defaultIdentifier: ASN1Identifier { .sequence }
    let algorithm: ASN1ObjectIdentifier
    let namedCurve: ASN1ObjectIdentifier?

    init(algorithm: ASN1ObjectIdentifier, namedCurve: ASN1ObjectIdentifier?) {
        self.algorithm = algorithm
        self.namedCurve = namedCurve
    }

    init(derEncoded node: ASN1Node, withIdentifier identifier: ASN1Identifier) throws {
        self = try DER.sequence(node, identifier: identifier) { nodes in
            let algorithm = try ASN1ObjectIdentifier(derEncoded: &nodes)
            var curve: ASN1ObjectIdentifier?
            if let parameters = nodes.next() {
                // namedCurve OID, or NULL / absent for keys that name the SM2 algorithm itself.
                if parameters.identifier == .objectIdentifier {
                    curve = try ASN1ObjectIdentifier(derEncoded: parameters)
                } else if parameters.identifier != .null {
                    throw SMError.invalidKey(
                        reason: "explicit EC curve parameters are not supported; use a named curve"
                    )
                }
            }
            return ECAlgorithmIdentifier(algorithm: algorithm, namedCurve: curve)
        }
    }

    func serialize(into coder: inout DER.Serializer, withIdentifier identifier: ASN1Identifier) throws {
        try coder.appendConstructedNode(identifier: identifier) { coder in
            try coder.serialize(algorithm)
            if let namedCurve { try coder.serialize(namedCurve) }
        }
    }

    /// Whether this names an SM2 key: id-ecPublicKey with curve sm2p256v1, or the SM2 OID itself (GmSSL 2).
    var isSM2: Bool {
        (algorithm == SM2KeyOIDs.ecPublicKey && namedCurve == SM2KeyOIDs.sm2Curve)
            || (algorithm == SM2KeyOIDs.sm2Curve && (namedCurve == nil || namedCurve == SM2KeyOIDs.sm2Curve))
    }

    static let sm2 = ECAlgorithmIdentifier(algorithm: SM2KeyOIDs.ecPublicKey, namedCurve: SM2KeyOIDs.sm2Curve)
}

/// Wraps a DER decode so that every failure is an `SMError` with the container's name.
func decodingKey<T>(_ what: String, _ body: () throws -> T) throws -> T {
    do {
        return try body()
    } catch let error as SMError {
        throw error
    } catch {
        throw SMError.invalidKey(reason: "the \(what) is not valid DER: \(error)")
    }
}

extension SM2PublicKey {
    /// Reads a DER `SubjectPublicKeyInfo` with id-ecPublicKey and the curve sm2p256v1.
    ///
    /// - Throws: `SMError.invalidKey` when the DER is malformed, the key is not SM2, or the point is invalid.
    public init(derRepresentation bytes: [UInt8]) throws {
        self = try decodingKey("SM2 SubjectPublicKeyInfo") {
            try DER.sequence(try DER.parse(bytes), identifier: .sequence) { nodes in
                let algorithm = try ECAlgorithmIdentifier(derEncoded: &nodes)
                let key = try ASN1BitString(derEncoded: &nodes)
                guard algorithm.isSM2 else {
                    throw SMError.invalidKey(
                        reason: "the public key is not SM2 (algorithm \(algorithm.algorithm), curve "
                            + "\(algorithm.namedCurve.map { "\($0)" } ?? "none")); expected curve \(SM2.curveOID)"
                    )
                }
                guard key.paddingBits == 0 else {
                    throw SMError.invalidKey(reason: "the public key BIT STRING has unused bits")
                }
                return try SM2PublicKey(x963Representation: Array(key.bytes))
            }
        }
    }

    /// Reads a PEM `PUBLIC KEY` block.
    ///
    /// - Throws: `SMError.invalidEncoding` for bad PEM, `SMError.invalidKey` for a bad key.
    public init(pemRepresentation pem: String) throws {
        let document = try pemDocument(pem, expecting: ["PUBLIC KEY"])
        try self.init(derRepresentation: document.derBytes)
    }

    /// The DER `SubjectPublicKeyInfo`.
    public var derRepresentation: [UInt8] {
        var serializer = DER.Serializer()
        try? serializer.appendConstructedNode(identifier: .sequence) { coder in
            try coder.serialize(ECAlgorithmIdentifier.sm2)
            try coder.serialize(ASN1BitString(bytes: ArraySlice(x963Representation)))
        }
        return serializer.serializedBytes
    }

    /// The PEM `PUBLIC KEY` block.
    public var pemRepresentation: String {
        PEMDocument(type: "PUBLIC KEY", derBytes: derRepresentation).pemString
    }
}

extension SM2PrivateKey {
    /// Reads a DER PKCS #8 `PrivateKeyInfo` (as `openssl genpkey -algorithm SM2` writes) or a SEC 1
    /// `ECPrivateKey`. When the container carries the public key too, it must match d·G.
    ///
    /// - Throws: `SMError.invalidKey` when the DER is malformed, the key is not SM2, d is out of range or the
    ///   embedded public key does not match.
    public init(derRepresentation bytes: [UInt8]) throws {
        let root = try decodingKey("SM2 private key") { try DER.parse(bytes) }
        // PKCS #8 starts with INTEGER 0/1 then a SEQUENCE; SEC 1 with INTEGER 1 then an OCTET STRING.
        guard case .constructed(let children) = root.content else {
            throw SMError.invalidKey(reason: "an SM2 private key is a DER SEQUENCE (PKCS #8 or SEC 1)")
        }
        var peek = children.makeIterator()
        _ = peek.next()
        let isPKCS8 = peek.next()?.identifier == .sequence
        self = try decodingKey(isPKCS8 ? "PKCS #8 PrivateKeyInfo" : "SEC 1 ECPrivateKey") {
            isPKCS8 ? try SM2PrivateKey.parsePKCS8(root) : try SM2PrivateKey.parseSEC1(root, curveRequired: false)
        }
    }

    /// Reads a PEM `PRIVATE KEY` (PKCS #8) or `EC PRIVATE KEY` (SEC 1) block. Encrypted PEM is not accepted.
    ///
    /// - Throws: `SMError.invalidEncoding` for bad PEM, `SMError.invalidKey` for a bad key.
    public init(pemRepresentation pem: String) throws {
        let document = try pemDocument(pem, expecting: ["PRIVATE KEY", "EC PRIVATE KEY"])
        try self.init(derRepresentation: document.derBytes)
    }

    private static func parsePKCS8(_ root: ASN1Node) throws -> SM2PrivateKey {
        try DER.sequence(root, identifier: .sequence) { nodes in
            let version = try Int(derEncoded: &nodes)
            guard version == 0 || version == 1 else {
                throw SMError.invalidKey(reason: "PKCS #8 version must be 0 or 1; got \(version)")
            }
            let algorithm = try ECAlgorithmIdentifier(derEncoded: &nodes)
            guard algorithm.isSM2 else {
                throw SMError.invalidKey(
                    reason:
                        "the private key is not SM2 (algorithm \(algorithm.algorithm)); expected curve \(SM2.curveOID)"
                )
            }
            let inner = try ASN1OctetString(derEncoded: &nodes)
            // Attributes [0] and publicKey [1] (RFC 5958) may follow; they are not needed.
            while nodes.next() != nil {}
            return try parseSEC1(try DER.parse(inner.bytes), curveRequired: false)
        }
    }

    private static func parseSEC1(_ node: ASN1Node, curveRequired: Bool) throws -> SM2PrivateKey {
        try DER.sequence(node, identifier: .sequence) { nodes in
            let version = try Int(derEncoded: &nodes)
            guard version == 1 else {
                throw SMError.invalidKey(reason: "ECPrivateKey version must be 1; got \(version)")
            }
            let secret = try ASN1OctetString(derEncoded: &nodes)
            let curve = try DER.optionalExplicitlyTagged(&nodes, tagNumber: 0, tagClass: .contextSpecific) { node in
                try ASN1ObjectIdentifier(derEncoded: node)
            }
            let embedded = try DER.optionalExplicitlyTagged(&nodes, tagNumber: 1, tagClass: .contextSpecific) { node in
                try ASN1BitString(derEncoded: node)
            }
            if let curve, curve != SM2KeyOIDs.sm2Curve {
                throw SMError.invalidKey(reason: "the EC private key is on curve \(curve), not sm2p256v1")
            }
            var secretBytes = Array(secret.bytes)
            defer { secretBytes.zeroize() }
            // SEC 1 says the octet string is ⌈log2 n / 8⌉ = 32 bytes; accept shorter (leading zeros dropped).
            guard secretBytes.count <= 32 else {
                throw SMError.invalidKey(reason: "the SM2 private key is longer than 32 bytes")
            }
            var padded = [UInt8](repeating: 0, count: 32 - secretBytes.count) + secretBytes
            defer { padded.zeroize() }
            let key = try SM2PrivateKey(rawRepresentation: padded)
            if let embedded, Array(embedded.bytes) != key.publicKey.x963Representation {
                throw SMError.invalidKey(reason: "the public key inside the private key does not match d·G")
            }
            return key
        }
    }

    /// The SEC 1 `ECPrivateKey` with the curve and the public key, as OpenSSL writes it.
    public var sec1DERRepresentation: [UInt8] {
        var serializer = DER.Serializer()
        try? serializer.appendConstructedNode(identifier: .sequence) { coder in
            try coder.serialize(1)
            try coder.serialize(ASN1OctetString(contentBytes: ArraySlice(rawRepresentation)))
            try coder.serialize(explicitlyTaggedWithTagNumber: 0, tagClass: .contextSpecific) { coder in
                try coder.serialize(SM2KeyOIDs.sm2Curve)
            }
            try coder.serialize(explicitlyTaggedWithTagNumber: 1, tagClass: .contextSpecific) { coder in
                try coder.serialize(ASN1BitString(bytes: ArraySlice(publicKey.x963Representation)))
            }
        }
        return serializer.serializedBytes
    }

    /// The PKCS #8 `PrivateKeyInfo` (version 0, id-ecPublicKey with sm2p256v1), as `openssl genpkey` writes it.
    public var derRepresentation: [UInt8] {
        // The inner ECPrivateKey omits the curve (it is in the AlgorithmIdentifier), as OpenSSL does.
        var inner = DER.Serializer()
        try? inner.appendConstructedNode(identifier: .sequence) { coder in
            try coder.serialize(1)
            try coder.serialize(ASN1OctetString(contentBytes: ArraySlice(rawRepresentation)))
            try coder.serialize(explicitlyTaggedWithTagNumber: 1, tagClass: .contextSpecific) { coder in
                try coder.serialize(ASN1BitString(bytes: ArraySlice(publicKey.x963Representation)))
            }
        }
        var serializer = DER.Serializer()
        try? serializer.appendConstructedNode(identifier: .sequence) { coder in
            try coder.serialize(0)
            try coder.serialize(ECAlgorithmIdentifier.sm2)
            try coder.serialize(ASN1OctetString(contentBytes: ArraySlice(inner.serializedBytes)))
        }
        return serializer.serializedBytes
    }

    /// The PEM `PRIVATE KEY` (PKCS #8) block.
    public var pemRepresentation: String {
        PEMDocument(type: "PRIVATE KEY", derBytes: derRepresentation).pemString
    }
}

/// Parses one PEM block of an expected type, mapping failures to `SMError.invalidEncoding`.
func pemDocument(_ pem: String, expecting types: [String]) throws -> PEMDocument {
    let document: PEMDocument
    do {
        document = try PEMDocument(pemString: pem)
    } catch {
        throw SMError.invalidEncoding(
            reason: "not a valid PEM block (\(error)); expected \(types.joined(separator: " or "))"
        )
    }
    guard types.contains(document.discriminator) else {
        throw SMError.invalidEncoding(
            reason: "the PEM block is \"\(document.discriminator)\"; expected \(types.joined(separator: " or "))"
        )
    }
    return document
}
