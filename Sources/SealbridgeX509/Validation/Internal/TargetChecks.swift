import SealbridgeCrypto
import SwiftASN1

extension PathSearch {
    static let anyExtendedKeyUsage: ASN1ObjectIdentifier = [2, 5, 29, 37, 0]
    static let serverAuth: ASN1ObjectIdentifier = [1, 3, 6, 1, 5, 5, 7, 3, 1]

    /// What the caller asked of the end entity (usages, peer names) and the profile's rules for the whole path.
    func targetProblem(_ target: PreparedCertificate, path: [PreparedCertificate]) -> (PathValidationFailure.Code, String)? {
        if let usage = target.keyUsage, !options.requiredKeyUsage.isEmpty, !usage.isSuperset(of: options.requiredKeyUsage) {
            return (.keyUsage, "keyUsage \(usage.names) lacks \(options.requiredKeyUsage.names)")
        }
        var requiredPurposes = options.requiredExtendedKeyUsages
        if options.profile == .webpki && requiredPurposes.isEmpty { requiredPurposes = [Self.serverAuth] }
        for purpose in requiredPurposes {
            if let problem = extendedKeyUsageProblem(target, purpose: purpose) { return (.extendedKeyUsage, problem) }
        }
        if !options.peerNames.isEmpty {
            let matched = options.peerNames.contains { matches(target, peerName: $0) }
            if !matched {
                let names = target.subjectAlternativeNames.map { $0.map(\.description).joined(separator: ", ") }
                return (
                    .peerNameMismatch,
                    "valid for \(names ?? "no subjectAltName"), not for \(options.peerNames.map(\.description).joined(separator: " or "))"
                )
            }
        }
        if options.profile == .webpki, let problem = webPKIProblem(target, path: path) {
            return (.profileViolation, problem)
        }
        return nil
    }

    /// The end entity's EKU must contain the purpose (or anyExtendedKeyUsage under RFC 5280); an absent extension
    /// allows every purpose under RFC 5280 and none under webpki (BR §7.1.2.7.10).
    func extendedKeyUsageProblem(_ certificate: PreparedCertificate, purpose: ASN1ObjectIdentifier) -> String? {
        guard let usages = certificate.extendedKeyUsage else {
            return options.profile == .webpki ? "the end entity has no extKeyUsage; \(purpose) is required" : nil
        }
        if usages.contains(purpose) { return nil }
        if options.profile == .rfc5280 && usages.contains(Self.anyExtendedKeyUsage) { return nil }
        return "extKeyUsage does not include \(purpose)"
    }

    /// RFC 6125 §6.4 matching against subjectAltName only (the common name is not consulted: BR §7.1.4.3).
    func matches(_ certificate: PreparedCertificate, peerName: ValidationOptions.PeerName) -> Bool {
        let names = certificate.subjectAlternativeNames ?? []
        switch peerName {
        case .dns(let host):
            return names.contains {
                if case .dnsName(let pattern) = $0 { return Self.dnsName(host, matches: pattern) }
                return false
            }
        case .ipAddress(let address):
            return names.contains { $0 == .ipAddress(address) }
        case .email(let address):
            return names.contains {
                if case .rfc822Name(let mailbox) = $0 { return NameMatching.isMailbox(address, within: mailbox) && mailbox.contains("@") }
                return false
            }
        }
    }

    /// A reference DNS name against a presented identifier: case-insensitive, one trailing dot ignored, a
    /// wildcard only as the whole left-most label and matching exactly one label (RFC 6125 §6.4.3).
    static func dnsName(_ host: String, matches pattern: String) -> Bool {
        func normalised(_ name: String) -> [Substring]? {
            var name = NameMatching.lowercased(name)
            if name.hasSuffix(".") { name.removeLast() }
            let labels = name.split(separator: ".", omittingEmptySubsequences: false)
            guard !labels.isEmpty, labels.allSatisfy({ !$0.isEmpty }) else { return nil }
            return labels
        }
        guard let hostLabels = normalised(host), let patternLabels = normalised(pattern),
            hostLabels.count == patternLabels.count, !hostLabels.contains(where: { $0.contains("*") })
        else { return false }
        for (index, (hostLabel, patternLabel)) in zip(hostLabels, patternLabels).enumerated() {
            if index == 0 && patternLabel == "*" {
                // "*.example" style wildcards over a single remaining label are refused (too broad).
                guard patternLabels.count > 2 else { return false }
                continue
            }
            if patternLabel.contains("*") || hostLabel != patternLabel { return false }
        }
        return true
    }

    /// The CA/Browser Forum rules that RFC 5280 leaves open.
    func webPKIProblem(_ target: PreparedCertificate, path: [PreparedCertificate]) -> String? {
        if target.isCA { return "a TLS server certificate must not be a CA (BR §7.1.2.7.8)" }
        for (offset, prepared) in path.enumerated() {
            let certificate = prepared.certificate
            let name = "certificate \(path.count - 1 - offset)"
            if certificate.serialNumber.count > 20 { return "\(name): the serial number is longer than 20 octets" }
            if certificate.version != 3 { return "\(name): only v3 certificates are allowed" }
            if let key = prepared.publicKey {
                switch key.algorithm {
                case .rsa where key.bitCount < 2048: return "\(name): RSA keys must have at least 2048 bits"
                case .rsa, .p256, .p384: break
                default: return "\(name): \(key.algorithm) keys are not allowed (BR §6.1.5)"
                }
            }
            if let algorithm = try? certificate.signatureAlgorithmChecked() {
                switch algorithm.scheme {
                case .ecdsa, .rsaPKCS1v15, .rsaPSS:
                    if algorithm.hash == .insecureSHA1 { return "\(name): SHA-1 signatures are not allowed" }
                default:
                    return "\(name): \(algorithm) signatures are not allowed (BR §7.1.3.2)"
                }
            }
            if prepared !== target {
                guard let constraints = prepared.basicConstraints,
                    certificate.extension(ExtensionOID.basicConstraints)?.isCritical == true, constraints.isCA
                else { return "\(name): a CA certificate needs a critical basicConstraints with cA TRUE" }
                if prepared.subjectKeyIdentifier == nil { return "\(name): a CA certificate needs a subjectKeyIdentifier" }
                if let usages = prepared.extendedKeyUsage,
                    !usages.contains(Self.serverAuth) || usages.contains(Self.anyExtendedKeyUsage)
                {
                    return "\(name): the CA's extKeyUsage must include serverAuth and not anyExtendedKeyUsage"
                }
            } else {
                if prepared.subjectAlternativeNames?.isEmpty ?? true {
                    return "\(name): a TLS server certificate needs a subjectAltName"
                }
                if let usages = prepared.extendedKeyUsage, usages.contains(Self.anyExtendedKeyUsage) {
                    return "\(name): anyExtendedKeyUsage is not allowed in a subscriber certificate"
                }
            }
            if prepared.authorityKeyIdentifier?.keyIdentifier == nil {
                return "\(name): an authorityKeyIdentifier with a keyIdentifier is required"
            }
        }
        return nil
    }
}
