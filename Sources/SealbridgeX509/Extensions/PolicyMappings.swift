public import SwiftASN1

/// `PolicyMappings ::= SEQUENCE SIZE (1..MAX) OF SEQUENCE { issuerDomainPolicy, subjectDomainPolicy }`.
public struct PolicyMappings: Hashable, Sendable {
    /// One mapping.
    public struct Mapping: Hashable, Sendable {
        /// The issuer's policy.
        public let issuerDomainPolicy: ASN1ObjectIdentifier
        /// The subject's equivalent policy.
        public let subjectDomainPolicy: ASN1ObjectIdentifier

        /// Makes a mapping.
        public init(issuerDomainPolicy: ASN1ObjectIdentifier, subjectDomainPolicy: ASN1ObjectIdentifier) {
            self.issuerDomainPolicy = issuerDomainPolicy
            self.subjectDomainPolicy = subjectDomainPolicy
        }
    }

    /// The mappings in order.
    public let mappings: [Mapping]

    /// Reads the extension value.
    ///
    /// - Throws: `X509Error` for malformed DER or an empty list.
    public init(extensionValue bytes: ArraySlice<UInt8>) throws {
        mappings = try decodingExtension("policyMappings") {
            let root = try DER.parse(bytes)
            guard root.identifier == .sequence, case .constructed(let children) = root.content else {
                throw X509Error.malformedDER(reason: "policyMappings must be a SEQUENCE")
            }
            return try children.map { node in
                try DER.sequence(node, identifier: .sequence) { nodes in
                    Mapping(
                        issuerDomainPolicy: try ASN1ObjectIdentifier(derEncoded: &nodes),
                        subjectDomainPolicy: try ASN1ObjectIdentifier(derEncoded: &nodes)
                    )
                }
            }
        }
        guard !mappings.isEmpty else {
            throw X509Error.malformedDER(reason: "policyMappings must not be empty")
        }
    }
}
