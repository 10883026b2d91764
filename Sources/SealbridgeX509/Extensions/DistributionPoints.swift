import SwiftASN1

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
