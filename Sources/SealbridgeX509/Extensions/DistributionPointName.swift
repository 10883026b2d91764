public import SwiftASN1

/// `DistributionPointName ::= CHOICE { fullName [0] GeneralNames, nameRelativeToCRLIssuer [1] RDN }`.
public enum DistributionPointName: Hashable, Sendable, DERSerializable {
    /// The full names (usually URIs or a directory name).
    case fullName([GeneralName])
    /// A name relative to the CRL issuer, as the RDN's DER.
    case nameRelativeToCRLIssuer([UInt8])

    init(derEncoded node: ASN1Node) throws {
        guard node.identifier.tagClass == .contextSpecific, case .constructed(let children) = node.content else {
            throw X509Error.malformedDER(reason: "a DistributionPointName must be [0] or [1], constructed")
        }
        switch node.identifier.tagNumber {
        case 0: self = .fullName(try children.map { try GeneralName(derEncoded: $0) })
        case 1: self = .nameRelativeToCRLIssuer(Array(node.encodedBytes))
        default: throw X509Error.malformedDER(reason: "unknown DistributionPointName tag")
        }
    }
}

extension DistributionPointName {
    /// Writes `fullName [0] IMPLICIT GeneralNames`, or the received `nameRelativeToCRLIssuer` as it is.
    public func serialize(into coder: inout DER.Serializer) throws {
        switch self {
        case .fullName(let names):
            try coder.serializeSequenceOf(
                names,
                identifier: ASN1Identifier(tagWithNumber: 0, tagClass: .contextSpecific)
            )
        case .nameRelativeToCRLIssuer(let bytes):
            coder.serializeRawBytes(bytes)
        }
    }
}
