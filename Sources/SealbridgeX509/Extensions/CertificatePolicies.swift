public import SwiftASN1

/// `certificatePolicies ::= SEQUENCE SIZE (1..MAX) OF PolicyInformation` (RFC 5280 §4.2.1.4).
public struct CertificatePolicies: Hashable, Sendable, DERSerializable {
    /// `PolicyInformation ::= SEQUENCE { policyIdentifier CertPolicyId, policyQualifiers SEQUENCE OF
    /// PolicyQualifierInfo OPTIONAL }`.
    public struct Policy: Hashable, Sendable, DERSerializable {
        /// The policy OID (2.5.29.32.0 is anyPolicy).
        public let identifier: ASN1ObjectIdentifier
        /// Each qualifier's OID (id-qt-cps, id-qt-unotice) and the DER of its value.
        public let qualifiers: [(oid: ASN1ObjectIdentifier, valueBytes: [UInt8])]

        /// Equal when identifiers and qualifier bytes are equal.
        public static func == (lhs: Policy, rhs: Policy) -> Bool {
            lhs.identifier == rhs.identifier && lhs.qualifiers.map(\.oid) == rhs.qualifiers.map(\.oid)
                && lhs.qualifiers.map(\.valueBytes) == rhs.qualifiers.map(\.valueBytes)
        }

        /// Hashes the identifier.
        public func hash(into hasher: inout Hasher) { hasher.combine(identifier) }

        /// Makes a policy, by default without qualifiers.
        public init(
            identifier: ASN1ObjectIdentifier,
            qualifiers: [(oid: ASN1ObjectIdentifier, valueBytes: [UInt8])] = []
        ) {
            self.identifier = identifier
            self.qualifiers = qualifiers
        }

        /// Writes `SEQUENCE { policyIdentifier, policyQualifiers SEQUENCE OF { id, qualifier } OPTIONAL }`, each
        /// qualifier's value as its bytes.
        public func serialize(into coder: inout DER.Serializer) throws {
            try coder.appendConstructedNode(identifier: .sequence) { coder in
                try coder.serialize(identifier)
                if !qualifiers.isEmpty {
                    try coder.appendConstructedNode(identifier: .sequence) { coder in
                        for qualifier in qualifiers {
                            try coder.appendConstructedNode(identifier: .sequence) { coder in
                                try coder.serialize(qualifier.oid)
                                coder.serializeRawBytes(qualifier.valueBytes)
                            }
                        }
                    }
                }
            }
        }
    }

    /// Makes the extension's value from policies in order.
    public init(policies: [Policy]) { self.policies = policies }

    /// Writes `SEQUENCE OF PolicyInformation`.
    public func serialize(into coder: inout DER.Serializer) throws { try coder.serializeSequenceOf(policies) }

    /// anyPolicy, 2.5.29.32.0.
    public static let anyPolicy: ASN1ObjectIdentifier = [2, 5, 29, 32, 0]

    /// The policies in order.
    public let policies: [Policy]

    /// Reads the extension value.
    ///
    /// - Throws: `X509Error` for malformed DER, an empty list or a policy that appears twice (RFC 5280 §4.2.1.4).
    public init(extensionValue bytes: ArraySlice<UInt8>) throws {
        policies = try decodingExtension("certificatePolicies") {
            let root = try DER.parse(bytes)
            guard root.identifier == .sequence, case .constructed(let children) = root.content else {
                throw X509Error.malformedDER(reason: "certificatePolicies must be a SEQUENCE")
            }
            return try children.map { node in
                try DER.sequence(node, identifier: .sequence) { nodes in
                    let identifier = try ASN1ObjectIdentifier(derEncoded: &nodes)
                    var qualifiers: [(ASN1ObjectIdentifier, [UInt8])] = []
                    if let list = nodes.next() {
                        guard list.identifier == .sequence, case .constructed(let items) = list.content else {
                            throw X509Error.malformedDER(reason: "policyQualifiers must be a SEQUENCE")
                        }
                        for item in items {
                            qualifiers.append(
                                try DER.sequence(item, identifier: .sequence) { fields in
                                    let oid = try ASN1ObjectIdentifier(derEncoded: &fields)
                                    guard let value = fields.next() else {
                                        throw X509Error.malformedDER(reason: "a policy qualifier has no value")
                                    }
                                    return (oid, Array(value.encodedBytes))
                                }
                            )
                        }
                    }
                    return Policy(identifier: identifier, qualifiers: qualifiers)
                }
            }
        }
        guard !policies.isEmpty else {
            throw X509Error.malformedDER(reason: "certificatePolicies must not be empty")
        }
        var seen = Set<ASN1ObjectIdentifier>()
        for policy in policies where !seen.insert(policy.identifier).inserted {
            throw X509Error.invalidValue(
                reason: "policy \(policy.identifier.displayText) appears twice (RFC 5280 §4.2.1.4)"
            )
        }
    }
}
