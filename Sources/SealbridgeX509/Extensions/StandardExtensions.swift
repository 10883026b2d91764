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
