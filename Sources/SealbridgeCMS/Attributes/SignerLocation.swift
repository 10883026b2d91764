public import SwiftASN1

/// `SignerLocation ::= SEQUENCE { countryName [0] DirectoryString OPTIONAL, localityName [1] DirectoryString
/// OPTIONAL, postalAddress [2] SEQUENCE SIZE(1..6) OF DirectoryString OPTIONAL }` (ETSI EN 319 122-1 §5.2.5,
/// explicit tags).
public struct SignerLocation: Hashable, Sendable, DERSerializable {
    /// The country.
    public let countryName: String?
    /// The locality.
    public let localityName: String?
    /// The postal address lines.
    public let postalAddress: [String]

    /// Makes a location.
    public init(countryName: String?, localityName: String?, postalAddress: [String] = []) {
        self.countryName = countryName
        self.localityName = localityName
        self.postalAddress = postalAddress
    }

    init(node: ASN1Node) throws {
        var country: String?
        var locality: String?
        var address: [String] = []
        guard node.identifier == .sequence, case .constructed(let children) = node.content else {
            throw CMSError.malformed("SignerLocation is not a SEQUENCE")
        }
        for child in children {
            guard child.identifier.tagClass == .contextSpecific, case .constructed(let inner) = child.content,
                let value = inner.first(where: { _ in true })
            else {
                throw CMSError.malformed("SignerLocation has an unexpected field \(child.identifier)")
            }
            switch child.identifier.tagNumber {
            case 0: country = try DirectoryString.text(value)
            case 1: locality = try DirectoryString.text(value)
            case 2:
                guard case .constructed(let lines) = value.content else {
                    throw CMSError.malformed("postalAddress is not a SEQUENCE OF DirectoryString")
                }
                address = try lines.prefix(6).map(DirectoryString.text)
            default:
                throw CMSError.malformed("SignerLocation has an unexpected field [\(child.identifier.tagNumber)]")
            }
        }
        self.init(countryName: country, localityName: locality, postalAddress: address)
    }

    /// Writes the fields that are set, as UTF8Strings under their explicit tags (at most six address lines).
    public func serialize(into coder: inout DER.Serializer) throws {
        try coder.appendConstructedNode(identifier: .sequence) { coder in
            if let countryName {
                try coder.serialize(
                    ASN1UTF8String(countryName),
                    explicitlyTaggedWithTagNumber: 0,
                    tagClass: .contextSpecific
                )
            }
            if let localityName {
                try coder.serialize(
                    ASN1UTF8String(localityName),
                    explicitlyTaggedWithTagNumber: 1,
                    tagClass: .contextSpecific
                )
            }
            if !postalAddress.isEmpty {
                try coder.serialize(explicitlyTaggedWithTagNumber: 2, tagClass: .contextSpecific) { coder in
                    try coder.serializeSequenceOf(postalAddress.prefix(6).map { ASN1UTF8String($0) })
                }
            }
        }
    }
}
