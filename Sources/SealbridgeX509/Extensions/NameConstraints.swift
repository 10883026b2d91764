import SwiftASN1

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
