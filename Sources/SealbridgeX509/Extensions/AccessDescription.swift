public import SwiftASN1

/// `AccessDescription ::= SEQUENCE { accessMethod OBJECT IDENTIFIER, accessLocation GeneralName }` of
/// authorityInfoAccess / subjectInfoAccess (RFC 5280 §4.2.2).
public struct AccessDescription: Hashable, Sendable {
    /// id-ad-ocsp (1.3.6.1.5.5.7.48.1).
    public static let ocsp: ASN1ObjectIdentifier = [1, 3, 6, 1, 5, 5, 7, 48, 1]
    /// id-ad-caIssuers (1.3.6.1.5.5.7.48.2).
    public static let caIssuers: ASN1ObjectIdentifier = [1, 3, 6, 1, 5, 5, 7, 48, 2]

    /// What the location is for.
    public let method: ASN1ObjectIdentifier
    /// Where.
    public let location: GeneralName

    /// Reads the SEQUENCE OF AccessDescription.
    ///
    /// - Throws: `X509Error` for malformed DER.
    public static func list(extensionValue bytes: ArraySlice<UInt8>) throws -> [AccessDescription] {
        try decodingExtension("authorityInfoAccess") {
            let root = try DER.parse(bytes)
            guard root.identifier == .sequence, case .constructed(let children) = root.content else {
                throw X509Error.malformedDER(reason: "an InfoAccess extension must be a SEQUENCE")
            }
            guard children.contains(where: { _ in true }) else {
                throw X509Error.malformedDER(reason: "an InfoAccess extension must hold at least one AccessDescription")
            }
            return try children.map { node in
                try DER.sequence(node, identifier: .sequence) { nodes in
                    let method = try ASN1ObjectIdentifier(derEncoded: &nodes)
                    guard let location = nodes.next() else {
                        throw X509Error.malformedDER(reason: "an AccessDescription has no location")
                    }
                    return AccessDescription(method: method, location: try GeneralName(derEncoded: location))
                }
            }
        }
    }
}
