import SealbridgeCrypto
import SwiftASN1

/// A certificate with everything path building and validation read from it decoded once: extensions, key, name
/// keys. A malformed extension is recorded, not thrown, so that the certificate can still be named in a failure.
final class PreparedCertificate: Sendable {
    let certificate: Certificate
    /// Index keys for §7.1 name matching (equal keys ⇔ matching names).
    let subjectKey: String
    let issuerKey: String
    let isSelfIssued: Bool
    /// The subject key, parsed up front for certificates that may issue (anchors and the pool); an end entity's
    /// key is parsed when first asked for, since validation itself never needs it.
    private let parsedKey: PublicKey?
    private let parsesKeyOnDemand: Bool
    var publicKey: PublicKey? {
        if let parsedKey { return parsedKey }
        return parsesKeyOnDemand ? try? certificate.publicKey() : nil
    }
    /// A DSA key without parameters: they come from the issuer's key (RFC 3279 §2.3.2).
    let inheritsDSAParameters: Bool
    let basicConstraints: BasicConstraints?
    let keyUsage: KeyUsage?
    let extendedKeyUsage: [ASN1ObjectIdentifier]?
    let subjectKeyIdentifier: [UInt8]?
    let authorityKeyIdentifier: AuthorityKeyIdentifier?
    let subjectAlternativeNames: [GeneralName]?
    let certificatePolicies: CertificatePolicies?
    let policyMappings: PolicyMappings?
    let policyConstraints: PolicyConstraints?
    let inhibitAnyPolicy: Int?
    let nameConstraints: NameConstraints?
    let crlDistributionPoints: [DistributionPoint]?
    let freshestCRL: [DistributionPoint]?
    /// The first extension that failed to decode, or a repeated extension (RFC 5280 §4.2).
    let extensionError: String?

    convenience init(_ certificate: Certificate) {
        self.init(certificate, parsesKeyNow: true)
    }

    /// - Parameters:
    ///   - certificate: The certificate.
    ///   - parsesKeyNow: Parse the key up front (issuers) or on demand (an end entity).
    ///   - precomputesKey: Prepare the key for many verifications (trust anchors: an SM2 key gets its comb table).
    init(_ certificate: Certificate, parsesKeyNow: Bool, precomputesKey: Bool = false) {
        self.certificate = certificate
        subjectKey = certificate.subject.matchingKey
        issuerKey = certificate.issuer.matchingKey
        isSelfIssued = subjectKey == issuerKey
        let key = parsesKeyNow ? try? certificate.publicKey() : nil
        parsedKey = precomputesKey ? key?.precomputedForVerification() : key
        parsesKeyOnDemand = !parsesKeyNow
        inheritsDSAParameters =
            certificate.publicKeyAlgorithm.algorithm == [1, 2, 840, 10040, 4, 1]
            && certificate.publicKeyAlgorithm.hasNoOrNullParameters
        var error: String?
        func decode<T>(_ name: String, _ body: () throws -> T?) -> T? {
            do {
                return try body()
            } catch {
                if errorMessage == nil { errorMessage = "\(name): \(error)" }
                return nil
            }
        }
        var errorMessage: String? {
            get { error }
            set { error = newValue }
        }
        basicConstraints = decode("basicConstraints") { try certificate.basicConstraints() }
        keyUsage = decode("keyUsage") { try certificate.keyUsage() }
        extendedKeyUsage = decode("extKeyUsage") { try certificate.extendedKeyUsage() }
        subjectKeyIdentifier = decode("subjectKeyIdentifier") { try certificate.subjectKeyIdentifier() }
        authorityKeyIdentifier = decode("authorityKeyIdentifier") { try certificate.authorityKeyIdentifier() }
        subjectAlternativeNames = decode("subjectAltName") { try certificate.subjectAlternativeNames() }
        certificatePolicies = decode("certificatePolicies") { try certificate.certificatePolicies() }
        policyMappings = decode("policyMappings") { try certificate.policyMappings() }
        policyConstraints = decode("policyConstraints") { try certificate.policyConstraints() }
        inhibitAnyPolicy = decode("inhibitAnyPolicy") { try certificate.inhibitAnyPolicy() }
        nameConstraints = decode("nameConstraints") { try certificate.nameConstraints() }
        crlDistributionPoints = decode("cRLDistributionPoints") { try certificate.crlDistributionPoints() }
        freshestCRL = decode("freshestCRL") { try certificate.freshestCRL() }
        _ = decode("authorityInfoAccess") { try certificate.authorityInfoAccess() }
        var seen: Set<ASN1ObjectIdentifier> = []
        for item in certificate.extensions where !seen.insert(item.oid).inserted {
            if error == nil { error = "the extension \(item.oid.displayText) appears more than once (RFC 5280 §4.2)" }
        }
        extensionError = error
    }

    var isCA: Bool { basicConstraints?.isCA ?? false }
}

extension DistinguishedName {
    /// A string that is equal for two names exactly when `matches` says they match (RFC 5280 §7.1): each RDN's
    /// attributes as type=prepared-value, sorted, RDNs in order. Used to index certificates by name.
    var matchingKey: String {
        // type (hex of its DER) '=' prepared text, or '#' hex of the value's DER; RDNs joined by ',', the
        // attributes of a multi-valued RDN sorted and joined by '+'. All bytes are valid UTF-8.
        func part(_ attribute: Attribute) -> [UInt8] {
            var bytes = Array(hex(attribute.typeBytes).utf8)
            if let text = attribute.text {
                bytes.append(0x3D)
                bytes += DistinguishedName.prepared(text).utf8
            } else {
                bytes.append(0x23)
                bytes += hex(attribute.valueBytes).utf8
            }
            return bytes
        }
        var key: [UInt8] = []
        key.reserveCapacity(derBytes.count * 2)
        for (index, rdn) in relativeNames.enumerated() {
            if index > 0 { key.append(0x2C) }
            if rdn.count == 1 {
                key += part(rdn[0])
                continue
            }
            let parts = rdn.map(part).sorted { $0.lexicographicallyPrecedes($1) }
            for (position, bytes) in parts.enumerated() {
                if position > 0 { key.append(0x2B) }
                key += bytes
            }
        }
        return String(decoding: key, as: UTF8.self)
    }
}
