import SwiftASN1

/// `IssuingDistributionPoint` (RFC 5280 §5.2.5): the scope of a CRL.
public struct IssuingDistributionPoint: Hashable, Sendable {
    /// The distribution point this CRL is for.
    public let name: DistributionPointName?
    /// Only end-entity certificates.
    public let onlyContainsUserCerts: Bool
    /// Only CA certificates.
    public let onlyContainsCACerts: Bool
    /// Only these reasons.
    public let onlySomeReasons: ReasonFlags?
    /// An indirect CRL: entries may name another certificate issuer.
    public let indirectCRL: Bool
    /// Only attribute certificates.
    public let onlyContainsAttributeCerts: Bool

    /// Reads the extension value.
    ///
    /// - Throws: `X509Error` for malformed DER, explicit FALSE defaults, or more than one "only" flag set.
    public init(extensionValue bytes: ArraySlice<UInt8>) throws {
        var flags = [Bool](repeating: false, count: 6)
        var parsedName: DistributionPointName?
        var reasons: ReasonFlags?
        try decodingExtension("issuingDistributionPoint") {
            try DER.sequence(try DER.parse(bytes), identifier: .sequence) { nodes in
                parsedName = try DER.optionalExplicitlyTagged(&nodes, tagNumber: 0, tagClass: .contextSpecific) {
                    try DistributionPointName(derEncoded: $0)
                }
                for tag in 1...5 {
                    let identifier = ASN1Identifier(tagWithNumber: UInt(tag), tagClass: .contextSpecific)
                    if tag == 3 {
                        reasons = try DER.optionalImplicitlyTagged(&nodes, tag: identifier) {
                            try ReasonFlags(bitString: $0)
                        }
                        continue
                    }
                    if let value = try DER.optionalImplicitlyTagged(
                        &nodes,
                        tag: identifier,
                        {
                            try Bool(derEncoded: $0, withIdentifier: $0.identifier)
                        }
                    ) {
                        guard value else {
                            throw X509Error.malformedDER(reason: "issuingDistributionPoint encodes a default FALSE")
                        }
                        flags[tag] = true
                    }
                }
            }
        }
        name = parsedName
        onlyContainsUserCerts = flags[1]
        onlyContainsCACerts = flags[2]
        onlySomeReasons = reasons
        indirectCRL = flags[4]
        onlyContainsAttributeCerts = flags[5]
        guard [onlyContainsUserCerts, onlyContainsCACerts, onlyContainsAttributeCerts].filter({ $0 }).count <= 1 else {
            throw X509Error.invalidValue(reason: "at most one of onlyContainsUserCerts/CACerts/AttributeCerts (§5.2.5)")
        }
    }
}
