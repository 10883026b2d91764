import SwiftASN1

/// `PolicyConstraints ::= SEQUENCE { requireExplicitPolicy [0] SkipCerts OPTIONAL,
/// inhibitPolicyMapping [1] SkipCerts OPTIONAL }` — RFC 5280 §4.2.1.11 forbids an empty sequence.
public struct PolicyConstraints: Hashable, Sendable {
    /// Certificates after which an explicit policy is required.
    public let requireExplicitPolicy: Int?
    /// Certificates after which policy mapping is inhibited.
    public let inhibitPolicyMapping: Int?

    /// Reads the extension value.
    ///
    /// - Throws: `X509Error` for malformed DER, an empty sequence or negative counts.
    public init(extensionValue bytes: ArraySlice<UInt8>) throws {
        (requireExplicitPolicy, inhibitPolicyMapping) = try decodingExtension("policyConstraints") {
            try DER.sequence(try DER.parse(bytes), identifier: .sequence) { nodes in
                let require = try DER.optionalImplicitlyTagged(
                    &nodes,
                    tag: ASN1Identifier(tagWithNumber: 0, tagClass: .contextSpecific)
                ) { try Int(derEncoded: $0, withIdentifier: $0.identifier) }
                let inhibit = try DER.optionalImplicitlyTagged(
                    &nodes,
                    tag: ASN1Identifier(tagWithNumber: 1, tagClass: .contextSpecific)
                ) { try Int(derEncoded: $0, withIdentifier: $0.identifier) }
                return (require, inhibit)
            }
        }
        guard requireExplicitPolicy != nil || inhibitPolicyMapping != nil else {
            throw X509Error.invalidValue(reason: "policyConstraints must not be empty (RFC 5280 §4.2.1.11)")
        }
        guard (requireExplicitPolicy ?? 0) >= 0, (inhibitPolicyMapping ?? 0) >= 0 else {
            throw X509Error.invalidValue(reason: "policyConstraints counts must not be negative")
        }
    }
}
