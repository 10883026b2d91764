import SwiftASN1

extension Certificate {
    /// certificatePolicies, when present.
    ///
    /// - Throws: `X509Error` when the extension is malformed.
    public func certificatePolicies() throws -> CertificatePolicies? {
        try `extension`(ExtensionOID.certificatePolicies).map { try CertificatePolicies(extensionValue: $0.value) }
    }

    /// policyMappings, when present.
    ///
    /// - Throws: `X509Error` when the extension is malformed.
    public func policyMappings() throws -> PolicyMappings? {
        try `extension`(ExtensionOID.policyMappings).map { try PolicyMappings(extensionValue: $0.value) }
    }

    /// policyConstraints, when present.
    ///
    /// - Throws: `X509Error` when the extension is malformed.
    public func policyConstraints() throws -> PolicyConstraints? {
        try `extension`(ExtensionOID.policyConstraints).map { try PolicyConstraints(extensionValue: $0.value) }
    }

    /// inhibitAnyPolicy's SkipCerts, when present.
    ///
    /// - Throws: `X509Error` when the extension is malformed or negative.
    public func inhibitAnyPolicy() throws -> Int? {
        try `extension`(ExtensionOID.inhibitAnyPolicy).map { item in
            let skip = try decodingExtension("inhibitAnyPolicy") { try Int(derEncoded: try DER.parse(item.value)) }
            guard skip >= 0 else { throw X509Error.invalidValue(reason: "inhibitAnyPolicy must not be negative") }
            return skip
        }
    }

    /// nameConstraints, when present.
    ///
    /// - Throws: `X509Error` when the extension is malformed.
    public func nameConstraints() throws -> NameConstraints? {
        try `extension`(ExtensionOID.nameConstraints).map { try NameConstraints(extensionValue: $0.value) }
    }
}
