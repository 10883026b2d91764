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

/// `NameConstraints ::= SEQUENCE { permittedSubtrees [0] GeneralSubtrees OPTIONAL,
/// excludedSubtrees [1] GeneralSubtrees OPTIONAL }`, `GeneralSubtree ::= SEQUENCE { base GeneralName,
/// minimum [0] DEFAULT 0, maximum [1] OPTIONAL }` (RFC 5280 §4.2.1.10: minimum MUST be 0, maximum absent).
public struct NameConstraints: Hashable, Sendable {
    /// Names every later certificate's names must fall within, when present.
    public let permittedSubtrees: [GeneralName]?
    /// Names no later certificate's names may fall within.
    public let excludedSubtrees: [GeneralName]

    /// Reads the extension value.
    ///
    /// - Throws: `X509Error` for malformed DER, an empty sequence, or minimum/maximum other than RFC 5280 allows.
    public init(extensionValue bytes: ArraySlice<UInt8>) throws {
        (permittedSubtrees, excludedSubtrees) = try decodingExtension("nameConstraints") {
            try DER.sequence(try DER.parse(bytes), identifier: .sequence) { nodes in
                func subtrees(_ node: ASN1Node) throws -> [GeneralName] {
                    guard case .constructed(let children) = node.content else {
                        throw X509Error.malformedDER(reason: "GeneralSubtrees must be constructed")
                    }
                    let names = try children.map { subtree in
                        try DER.sequence(subtree, identifier: .sequence) { fields -> GeneralName in
                            guard let base = fields.next() else {
                                throw X509Error.malformedDER(reason: "a GeneralSubtree has no base")
                            }
                            if fields.next() != nil {
                                throw X509Error.invalidValue(
                                    reason: "GeneralSubtree minimum/maximum must be absent (RFC 5280 §4.2.1.10)"
                                )
                            }
                            return try GeneralName(derEncoded: base)
                        }
                    }
                    guard !names.isEmpty else {
                        throw X509Error.malformedDER(reason: "GeneralSubtrees must not be empty")
                    }
                    return names
                }
                let permitted = try DER.optionalImplicitlyTagged(
                    &nodes,
                    tag: ASN1Identifier(tagWithNumber: 0, tagClass: .contextSpecific),
                    subtrees
                )
                let excluded = try DER.optionalImplicitlyTagged(
                    &nodes,
                    tag: ASN1Identifier(tagWithNumber: 1, tagClass: .contextSpecific),
                    subtrees
                )
                guard permitted != nil || excluded != nil else {
                    throw X509Error.invalidValue(reason: "nameConstraints must not be empty (RFC 5280 §4.2.1.10)")
                }
                return (permitted, excluded ?? [])
            }
        }
    }
}

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
