public import SwiftASN1

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
