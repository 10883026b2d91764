public import SwiftASN1

/// One `DistributionPoint ::= SEQUENCE { distributionPoint [0] OPTIONAL, reasons [1] ReasonFlags OPTIONAL,
/// cRLIssuer [2] GeneralNames OPTIONAL }` of cRLDistributionPoints or freshestCRL (RFC 5280 §4.2.1.13).
public struct DistributionPoint: Hashable, Sendable, DERSerializable {
    /// Where the CRL is.
    public let name: DistributionPointName?
    /// The reasons this point covers; `nil` means all.
    public let reasons: ReasonFlags?
    /// The CRL issuer when it is not the certificate issuer (indirect CRLs).
    public let crlIssuer: [GeneralName]?

    /// Makes a point; RFC 5280 §4.2.1.13 wants a name or a CRL issuer.
    public init(name: DistributionPointName?, reasons: ReasonFlags? = nil, crlIssuer: [GeneralName]? = nil) {
        self.name = name
        self.reasons = reasons
        self.crlIssuer = crlIssuer
    }

    /// Writes `SEQUENCE { distributionPoint [0] EXPLICIT, reasons [1] IMPLICIT, cRLIssuer [2] IMPLICIT }`, the
    /// fields present.
    public func serialize(into coder: inout DER.Serializer) throws {
        try coder.appendConstructedNode(identifier: .sequence) { coder in
            if let name { try coder.serialize(name, explicitlyTaggedWithTagNumber: 0, tagClass: .contextSpecific) }
            if let reasons {
                try ASN1BitString(namedBits: reasons.rawValue).serialize(
                    into: &coder,
                    withIdentifier: ASN1Identifier(tagWithNumber: 1, tagClass: .contextSpecific)
                )
            }
            if let crlIssuer {
                try coder.serializeSequenceOf(
                    crlIssuer,
                    identifier: ASN1Identifier(tagWithNumber: 2, tagClass: .contextSpecific)
                )
            }
        }
    }

    /// Reads `CRLDistributionPoints ::= SEQUENCE SIZE (1..MAX) OF DistributionPoint`.
    ///
    /// - Throws: `X509Error` for malformed DER or a point with neither a name nor a CRL issuer (§4.2.1.13).
    public static func list(extensionValue bytes: ArraySlice<UInt8>) throws -> [DistributionPoint] {
        try decodingExtension("cRLDistributionPoints") {
            let root = try DER.parse(bytes)
            guard root.identifier == .sequence, case .constructed(let children) = root.content else {
                throw X509Error.malformedDER(reason: "cRLDistributionPoints must be a SEQUENCE")
            }
            let points = try children.map { node in
                try DER.sequence(node, identifier: .sequence) { nodes -> DistributionPoint in
                    let name = try DER.optionalExplicitlyTagged(&nodes, tagNumber: 0, tagClass: .contextSpecific) {
                        try DistributionPointName(derEncoded: $0)
                    }
                    let reasons = try DER.optionalImplicitlyTagged(
                        &nodes,
                        tag: ASN1Identifier(tagWithNumber: 1, tagClass: .contextSpecific)
                    ) { try ReasonFlags(bitString: $0) }
                    let issuer = try DER.optionalImplicitlyTagged(
                        &nodes,
                        tag: ASN1Identifier(tagWithNumber: 2, tagClass: .contextSpecific)
                    ) { node -> [GeneralName] in
                        guard case .constructed(let names) = node.content else {
                            throw X509Error.malformedDER(reason: "cRLIssuer must be constructed")
                        }
                        return try names.map { try GeneralName(derEncoded: $0) }
                    }
                    guard name != nil || issuer != nil else {
                        throw X509Error.invalidValue(reason: "a DistributionPoint needs a name or a cRLIssuer")
                    }
                    return DistributionPoint(name: name, reasons: reasons, crlIssuer: issuer)
                }
            }
            guard !points.isEmpty else { throw X509Error.malformedDER(reason: "no distribution points") }
            return points
        }
    }
}
