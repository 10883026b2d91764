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

/// `ReasonFlags ::= BIT STRING { unused (0), keyCompromise (1), cACompromise (2), affiliationChanged (3),
/// superseded (4), cessationOfOperation (5), certificateHold (6), privilegeWithdrawn (7), aACompromise (8) }`.
public struct ReasonFlags: OptionSet, Hashable, Sendable {
    /// The bits, bit 0 lowest.
    public let rawValue: UInt16

    /// Makes a set from bits.
    public init(rawValue: UInt16) { self.rawValue = rawValue }

    /// keyCompromise (1).
    public static let keyCompromise = ReasonFlags(rawValue: 1 << 1)
    /// cACompromise (2).
    public static let caCompromise = ReasonFlags(rawValue: 1 << 2)
    /// affiliationChanged (3).
    public static let affiliationChanged = ReasonFlags(rawValue: 1 << 3)
    /// superseded (4).
    public static let superseded = ReasonFlags(rawValue: 1 << 4)
    /// cessationOfOperation (5).
    public static let cessationOfOperation = ReasonFlags(rawValue: 1 << 5)
    /// certificateHold (6).
    public static let certificateHold = ReasonFlags(rawValue: 1 << 6)
    /// privilegeWithdrawn (7).
    public static let privilegeWithdrawn = ReasonFlags(rawValue: 1 << 7)
    /// aACompromise (8).
    public static let aaCompromise = ReasonFlags(rawValue: 1 << 8)
    /// Every reason (RFC 5280 §6.3.3 "all-reasons").
    public static let all = ReasonFlags(rawValue: 0x1FE)

    init(bitString node: ASN1Node) throws {
        let bits = try ASN1BitString(derEncoded: node, withIdentifier: node.identifier)
        var value: UInt16 = 0
        for (byteIndex, byte) in bits.bytes.prefix(2).enumerated() {
            for bit in 0..<8 where byte & (0x80 >> UInt8(bit)) != 0 {
                value |= 1 << UInt16(byteIndex * 8 + bit)
            }
        }
        self.init(rawValue: value)
    }
}

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

extension Certificate {
    /// cRLDistributionPoints, when present.
    ///
    /// - Throws: `X509Error` when the extension is malformed.
    public func crlDistributionPoints() throws -> [DistributionPoint]? {
        try `extension`(ExtensionOID.crlDistributionPoints).map { try DistributionPoint.list(extensionValue: $0.value) }
    }

    /// freshestCRL (delta CRL locations), when present.
    ///
    /// - Throws: `X509Error` when the extension is malformed.
    public func freshestCRL() throws -> [DistributionPoint]? {
        try `extension`([2, 5, 29, 46]).map { try DistributionPoint.list(extensionValue: $0.value) }
    }

    /// authorityInfoAccess, when present.
    ///
    /// - Throws: `X509Error` when the extension is malformed.
    public func authorityInfoAccess() throws -> [AccessDescription]? {
        try `extension`(ExtensionOID.authorityInfoAccess).map { try AccessDescription.list(extensionValue: $0.value) }
    }

    /// subjectInfoAccess (1.3.6.1.5.5.7.1.11), when present.
    ///
    /// - Throws: `X509Error` when the extension is malformed.
    public func subjectInfoAccess() throws -> [AccessDescription]? {
        try `extension`([1, 3, 6, 1, 5, 5, 7, 1, 11]).map { try AccessDescription.list(extensionValue: $0.value) }
    }

    /// issuerAltName, when present.
    ///
    /// - Throws: `X509Error` when the extension is malformed.
    public func issuerAlternativeNames() throws -> [GeneralName]? {
        try `extension`(ExtensionOID.issuerAlternativeName).map { item in
            try decodingExtension("issuerAltName") { try GeneralName.sequence(try DER.parse(item.value)) }
        }
    }

    /// privateKeyUsagePeriod (2.5.29.16, RFC 3280 §4.2.1.4): `SEQUENCE { notBefore [0] GeneralizedTime OPTIONAL,
    /// notAfter [1] GeneralizedTime OPTIONAL }`, at least one present.
    ///
    /// - Throws: `X509Error` when the extension is malformed.
    public func privateKeyUsagePeriod() throws -> (notBefore: X509Time?, notAfter: X509Time?)? {
        try `extension`([2, 5, 29, 16]).map { item in
            try decodingExtension("privateKeyUsagePeriod") {
                try DER.sequence(try DER.parse(item.value), identifier: .sequence) { nodes in
                    func time(_ tag: UInt) throws -> X509Time? {
                        try DER.optionalImplicitlyTagged(
                            &nodes,
                            tag: ASN1Identifier(tagWithNumber: tag, tagClass: .contextSpecific)
                        ) { node in
                            X509Time(try GeneralizedTime(derEncoded: node, withIdentifier: node.identifier))
                        }
                    }
                    let notBefore = try time(0)
                    let notAfter = try time(1)
                    guard notBefore != nil || notAfter != nil else {
                        throw X509Error.invalidValue(reason: "privateKeyUsagePeriod must give notBefore or notAfter")
                    }
                    return (notBefore, notAfter)
                }
            }
        }
    }
}

extension CertificateRevocationList {
    /// issuingDistributionPoint, when present.
    ///
    /// - Throws: `X509Error` when the extension is malformed.
    public func issuingDistributionPoint() throws -> IssuingDistributionPoint? {
        try `extension`(ExtensionOID.issuingDistributionPoint).map {
            try IssuingDistributionPoint(extensionValue: $0.value)
        }
    }

    /// cRLNumber's content bytes, when present.
    ///
    /// - Throws: `X509Error` when the extension is malformed.
    public func crlNumber() throws -> [UInt8]? {
        try `extension`(ExtensionOID.crlNumber).map { item in
            try decodingExtension("cRLNumber") { Array(try ArraySlice<UInt8>(derEncoded: try DER.parse(item.value))) }
        }
    }

    /// deltaCRLIndicator's base CRL number, when this is a delta CRL.
    ///
    /// - Throws: `X509Error` when the extension is malformed.
    public func deltaCRLIndicator() throws -> [UInt8]? {
        try `extension`(ExtensionOID.deltaCRLIndicator).map { item in
            try decodingExtension("deltaCRLIndicator") {
                Array(try ArraySlice<UInt8>(derEncoded: try DER.parse(item.value)))
            }
        }
    }
}

extension CertificateRevocationList.Entry {
    /// reasonCode (CRLReason ENUMERATED), when present.
    ///
    /// - Throws: `X509Error` when the extension is malformed.
    public func reasonCode() throws -> Int? {
        try `extension`([2, 5, 29, 21]).map { item in
            try decodingExtension("reasonCode") {
                let node = try DER.parse(item.value)
                guard node.identifier == .enumerated else {
                    throw X509Error.malformedDER(reason: "reasonCode must be ENUMERATED")
                }
                return try Int(derEncoded: node, withIdentifier: .enumerated)
            }
        }
    }

    /// invalidityDate (2.5.29.24, GeneralizedTime), when present: when the key was known or suspected compromised.
    ///
    /// - Throws: `X509Error` when the extension is malformed.
    public func invalidityDate() throws -> X509Time? {
        try `extension`([2, 5, 29, 24]).map { item in
            try decodingExtension("invalidityDate") {
                let node = try DER.parse(item.value)
                guard node.identifier == .generalizedTime else {
                    throw X509Error.malformedDER(reason: "invalidityDate must be GeneralizedTime")
                }
                return try X509Time(derEncoded: node)
            }
        }
    }

    /// certificateIssuer (indirect CRLs), when present.
    ///
    /// - Throws: `X509Error` when the extension is malformed.
    public func certificateIssuer() throws -> [GeneralName]? {
        try `extension`([2, 5, 29, 29]).map { item in
            try decodingExtension("certificateIssuer") { try GeneralName.sequence(try DER.parse(item.value)) }
        }
    }
}
