public import SwiftASN1

/// The OIDs of the certificate extensions RFC 5280 §4.2 defines.
public enum ExtensionOID {
    /// subjectKeyIdentifier.
    public static let subjectKeyIdentifier: ASN1ObjectIdentifier = [2, 5, 29, 14]
    /// keyUsage.
    public static let keyUsage: ASN1ObjectIdentifier = [2, 5, 29, 15]
    /// subjectAltName.
    public static let subjectAlternativeName: ASN1ObjectIdentifier = [2, 5, 29, 17]
    /// issuerAltName.
    public static let issuerAlternativeName: ASN1ObjectIdentifier = [2, 5, 29, 18]
    /// basicConstraints.
    public static let basicConstraints: ASN1ObjectIdentifier = [2, 5, 29, 19]
    /// nameConstraints.
    public static let nameConstraints: ASN1ObjectIdentifier = [2, 5, 29, 30]
    /// cRLDistributionPoints.
    public static let crlDistributionPoints: ASN1ObjectIdentifier = [2, 5, 29, 31]
    /// certificatePolicies.
    public static let certificatePolicies: ASN1ObjectIdentifier = [2, 5, 29, 32]
    /// policyMappings.
    public static let policyMappings: ASN1ObjectIdentifier = [2, 5, 29, 33]
    /// authorityKeyIdentifier.
    public static let authorityKeyIdentifier: ASN1ObjectIdentifier = [2, 5, 29, 35]
    /// policyConstraints.
    public static let policyConstraints: ASN1ObjectIdentifier = [2, 5, 29, 36]
    /// extKeyUsage.
    public static let extendedKeyUsage: ASN1ObjectIdentifier = [2, 5, 29, 37]
    /// inhibitAnyPolicy.
    public static let inhibitAnyPolicy: ASN1ObjectIdentifier = [2, 5, 29, 54]
    /// authorityInfoAccess.
    public static let authorityInfoAccess: ASN1ObjectIdentifier = [1, 3, 6, 1, 5, 5, 7, 1, 1]
    /// cRLNumber (a CRL extension, RFC 5280 §5.2.3).
    public static let crlNumber: ASN1ObjectIdentifier = [2, 5, 29, 20]
    /// deltaCRLIndicator (RFC 5280 §5.2.4).
    public static let deltaCRLIndicator: ASN1ObjectIdentifier = [2, 5, 29, 27]
    /// issuingDistributionPoint (RFC 5280 §5.2.5).
    public static let issuingDistributionPoint: ASN1ObjectIdentifier = [2, 5, 29, 28]
}

/// `BasicConstraints ::= SEQUENCE { cA BOOLEAN DEFAULT FALSE, pathLenConstraint INTEGER (0..MAX) OPTIONAL }`.
public struct BasicConstraints: Hashable, Sendable, DERSerializable {
    /// Whether the subject is a CA.
    public let isCA: Bool
    /// The most non-self-issued intermediates that may follow, when limited.
    public let pathLengthConstraint: Int?

    /// Makes the extension's value; a path length only means something for a CA.
    public init(isCA: Bool, pathLengthConstraint: Int? = nil) {
        self.isCA = isCA
        self.pathLengthConstraint = isCA ? pathLengthConstraint : nil
    }

    /// Writes `SEQUENCE { cA BOOLEAN DEFAULT FALSE, pathLenConstraint INTEGER OPTIONAL }` (the default left out).
    public func serialize(into coder: inout DER.Serializer) throws {
        try coder.appendConstructedNode(identifier: .sequence) { coder in
            if isCA {
                try coder.serialize(true)
                if let pathLengthConstraint { try coder.serialize(pathLengthConstraint) }
            }
        }
    }

    /// Reads the extension value.
    ///
    /// - Throws: `X509Error` for malformed DER, an explicit `cA FALSE`, or a negative length.
    public init(extensionValue bytes: ArraySlice<UInt8>) throws {
        (isCA, pathLengthConstraint) = try decodingExtension("basicConstraints") {
            try DER.sequence(try DER.parse(bytes), identifier: .sequence) { nodes in
                var isCA = false
                if let flag = try DER.optionalImplicitlyTagged(&nodes, tag: .boolean, { try Bool(derEncoded: $0) }) {
                    guard flag else {
                        throw X509Error.malformedDER(reason: "basicConstraints encodes the default cA FALSE")
                    }
                    isCA = true
                }
                let length = try DER.optionalImplicitlyTagged(&nodes, tag: .integer, { try Int(derEncoded: $0) })
                if let length, length < 0 {
                    throw X509Error.invalidValue(reason: "pathLenConstraint must not be negative")
                }
                return (isCA, length)
            }
        }
    }
}

/// `KeyUsage ::= BIT STRING { digitalSignature (0), nonRepudiation (1), keyEncipherment (2), dataEncipherment (3),
/// keyAgreement (4), keyCertSign (5), cRLSign (6), encipherOnly (7), decipherOnly (8) }`.
public struct KeyUsage: OptionSet, Hashable, Sendable, DERSerializable {
    /// The bits, bit 0 (digitalSignature) as the lowest.
    public let rawValue: UInt16

    /// Makes a set from bits.
    public init(rawValue: UInt16) { self.rawValue = rawValue }

    /// digitalSignature (0).
    public static let digitalSignature = KeyUsage(rawValue: 1 << 0)
    /// nonRepudiation / contentCommitment (1).
    public static let nonRepudiation = KeyUsage(rawValue: 1 << 1)
    /// keyEncipherment (2).
    public static let keyEncipherment = KeyUsage(rawValue: 1 << 2)
    /// dataEncipherment (3).
    public static let dataEncipherment = KeyUsage(rawValue: 1 << 3)
    /// keyAgreement (4).
    public static let keyAgreement = KeyUsage(rawValue: 1 << 4)
    /// keyCertSign (5).
    public static let keyCertSign = KeyUsage(rawValue: 1 << 5)
    /// cRLSign (6).
    public static let crlSign = KeyUsage(rawValue: 1 << 6)
    /// encipherOnly (7).
    public static let encipherOnly = KeyUsage(rawValue: 1 << 7)
    /// decipherOnly (8).
    public static let decipherOnly = KeyUsage(rawValue: 1 << 8)

    /// Reads the extension value.
    ///
    /// - Throws: `X509Error` for malformed DER or bits beyond decipherOnly.
    public init(extensionValue bytes: ArraySlice<UInt8>) throws {
        rawValue = try decodingExtension("keyUsage") {
            let bits = try ASN1BitString(derEncoded: try DER.parse(bytes))
            guard bits.bytes.count <= 2 else {
                throw X509Error.invalidValue(reason: "keyUsage has bits beyond decipherOnly")
            }
            var value: UInt16 = 0
            for (byteIndex, byte) in bits.bytes.enumerated() {
                for bit in 0..<8 where byte & (0x80 >> UInt8(bit)) != 0 {
                    value |= 1 << UInt16(byteIndex * 8 + bit)
                }
            }
            guard value >> 9 == 0 else {
                throw X509Error.invalidValue(reason: "keyUsage has bits beyond decipherOnly")
            }
            return value
        }
    }

    /// Writes the BIT STRING with trailing zero bits removed (X.690 §11.2.2).
    public func serialize(into coder: inout DER.Serializer) throws {
        try coder.serialize(ASN1BitString(namedBits: rawValue))
    }

    /// Each bit with its RFC 5280 §4.2.1.3 name and the name `openssl x509 -text` writes.
    private static let bitNames: [(bit: KeyUsage, asn1: String, display: String)] = [
        (.digitalSignature, "digitalSignature", "Digital Signature"),
        (.nonRepudiation, "nonRepudiation", "Non Repudiation"),
        (.keyEncipherment, "keyEncipherment", "Key Encipherment"),
        (.dataEncipherment, "dataEncipherment", "Data Encipherment"),
        (.keyAgreement, "keyAgreement", "Key Agreement"), (.keyCertSign, "keyCertSign", "Certificate Sign"),
        (.crlSign, "cRLSign", "CRL Sign"), (.encipherOnly, "encipherOnly", "Encipher Only"),
        (.decipherOnly, "decipherOnly", "Decipher Only"),
    ]

    /// The names of the set bits, as `openssl x509 -text` writes them.
    public var names: [String] {
        KeyUsage.bitNames.filter { contains($0.bit) }.map(\.display)
    }

    /// The bit RFC 5280 names `name` (e.g. `nonRepudiation`; `contentCommitment` is its newer name), or `nil`.
    public static func named(_ name: String) -> KeyUsage? {
        if name == "contentCommitment" { return .nonRepudiation }
        return bitNames.first { $0.asn1.lowercased() == name.lowercased() }?.bit
    }
}

/// `AuthorityKeyIdentifier ::= SEQUENCE { keyIdentifier [0] OPTIONAL, authorityCertIssuer [1] GeneralNames
/// OPTIONAL, authorityCertSerialNumber [2] OPTIONAL }`.
public struct AuthorityKeyIdentifier: Hashable, Sendable, DERSerializable {
    /// The issuer's key identifier.
    public let keyIdentifier: [UInt8]?
    /// The issuer's issuer names.
    public let authorityCertIssuer: [GeneralName]?
    /// The issuer certificate's serial number (content bytes).
    public let authorityCertSerialNumber: [UInt8]?

    /// Makes the extension's value (usually the key identifier alone, RFC 5280 §4.2.1.1).
    public init(
        keyIdentifier: [UInt8]?,
        authorityCertIssuer: [GeneralName]? = nil,
        authorityCertSerialNumber: [UInt8]? = nil
    ) {
        self.keyIdentifier = keyIdentifier
        self.authorityCertIssuer = authorityCertIssuer
        self.authorityCertSerialNumber = authorityCertSerialNumber
    }

    /// Writes the fields present, each `[n] IMPLICIT`; the serial as its content octets.
    public func serialize(into coder: inout DER.Serializer) throws {
        try coder.appendConstructedNode(identifier: .sequence) { coder in
            if let keyIdentifier {
                coder.appendPrimitiveNode(identifier: ASN1Identifier(tagWithNumber: 0, tagClass: .contextSpecific)) {
                    $0.append(contentsOf: keyIdentifier)
                }
            }
            if let authorityCertIssuer {
                try coder.serializeSequenceOf(
                    authorityCertIssuer,
                    identifier: ASN1Identifier(tagWithNumber: 1, tagClass: .contextSpecific)
                )
            }
            if let authorityCertSerialNumber {
                coder.appendPrimitiveNode(identifier: ASN1Identifier(tagWithNumber: 2, tagClass: .contextSpecific)) {
                    $0.append(contentsOf: authorityCertSerialNumber)
                }
            }
        }
    }

    /// Reads the extension value.
    ///
    /// - Throws: `X509Error` for malformed DER.
    public init(extensionValue bytes: ArraySlice<UInt8>) throws {
        (keyIdentifier, authorityCertIssuer, authorityCertSerialNumber) = try decodingExtension(
            "authorityKeyIdentifier"
        ) {
            try DER.sequence(try DER.parse(bytes), identifier: .sequence) { nodes in
                let keyID = try DER.optionalImplicitlyTagged(
                    &nodes,
                    tag: ASN1Identifier(tagWithNumber: 0, tagClass: .contextSpecific)
                ) {
                    node -> [UInt8] in
                    guard case .primitive(let content) = node.content else {
                        throw X509Error.malformedDER(reason: "keyIdentifier must be primitive")
                    }
                    return Array(content)
                }
                let issuer = try DER.optionalImplicitlyTagged(
                    &nodes,
                    tag: ASN1Identifier(tagWithNumber: 1, tagClass: .contextSpecific)
                ) {
                    node -> [GeneralName] in
                    guard case .constructed(let children) = node.content else {
                        throw X509Error.malformedDER(reason: "authorityCertIssuer must be constructed")
                    }
                    return try children.map { try GeneralName(derEncoded: $0) }
                }
                let serial = try DER.optionalImplicitlyTagged(
                    &nodes,
                    tag: ASN1Identifier(tagWithNumber: 2, tagClass: .contextSpecific)
                ) {
                    node -> [UInt8] in
                    guard case .primitive(let content) = node.content else {
                        throw X509Error.malformedDER(reason: "authorityCertSerialNumber must be primitive")
                    }
                    return Array(content)
                }
                return (keyID, issuer, serial)
            }
        }
    }
}

extension Certificate {
    /// basicConstraints, when present.
    ///
    /// - Throws: `X509Error` when the extension is malformed.
    public func basicConstraints() throws -> BasicConstraints? {
        try `extension`(ExtensionOID.basicConstraints).map { try BasicConstraints(extensionValue: $0.value) }
    }

    /// keyUsage, when present.
    ///
    /// - Throws: `X509Error` when the extension is malformed.
    public func keyUsage() throws -> KeyUsage? {
        try `extension`(ExtensionOID.keyUsage).map { try KeyUsage(extensionValue: $0.value) }
    }

    /// extKeyUsage purposes, when present.
    ///
    /// - Throws: `X509Error` when the extension is malformed.
    public func extendedKeyUsage() throws -> [ASN1ObjectIdentifier]? {
        try `extension`(ExtensionOID.extendedKeyUsage).map { item in
            try decodingExtension("extKeyUsage") {
                try DER.sequence(
                    of: ASN1ObjectIdentifier.self,
                    identifier: .sequence,
                    rootNode: try DER.parse(item.value)
                )
            }
        }
    }

    /// subjectKeyIdentifier, when present.
    ///
    /// - Throws: `X509Error` when the extension is malformed.
    public func subjectKeyIdentifier() throws -> [UInt8]? {
        try `extension`(ExtensionOID.subjectKeyIdentifier).map { item in
            try decodingExtension("subjectKeyIdentifier") {
                Array(try ASN1OctetString(derEncoded: try DER.parse(item.value)).bytes)
            }
        }
    }

    /// authorityKeyIdentifier, when present.
    ///
    /// - Throws: `X509Error` when the extension is malformed.
    public func authorityKeyIdentifier() throws -> AuthorityKeyIdentifier? {
        try `extension`(ExtensionOID.authorityKeyIdentifier).map {
            try AuthorityKeyIdentifier(extensionValue: $0.value)
        }
    }

    /// subjectAltName entries, when present.
    ///
    /// - Throws: `X509Error` when the extension is malformed.
    public func subjectAlternativeNames() throws -> [GeneralName]? {
        try `extension`(ExtensionOID.subjectAlternativeName).map { item in
            try decodingExtension("subjectAltName") { try GeneralName.sequence(try DER.parse(item.value)) }
        }
    }
}

/// Maps decoding failures of an extension to `X509Error.malformedDER` naming it.
func decodingExtension<T>(_ name: String, _ body: () throws -> T) throws -> T {
    do {
        return try body()
    } catch let error as X509Error {
        throw error
    } catch {
        throw X509Error.malformedDER(
            reason: "the \(name) extension is not valid DER: \(ASN1ErrorWording.detail(of: error))"
        )
    }
}
