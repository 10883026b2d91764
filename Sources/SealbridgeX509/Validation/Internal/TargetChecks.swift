import SealbridgeCrypto
import SwiftASN1

extension PathSearch {
    static let anyExtendedKeyUsage: ASN1ObjectIdentifier = [2, 5, 29, 37, 0]
    static let serverAuth: ASN1ObjectIdentifier = [1, 3, 6, 1, 5, 5, 7, 3, 1]

    /// What the caller asked of the end entity (usages, peer names) and the profile's rules for the whole path.
    func targetProblem(
        _ target: PreparedCertificate,
        path: [PreparedCertificate],
        anchor: PreparedCertificate
    ) -> (PathValidationFailure.Code, String)? {
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
        if options.profile == .webpki, let problem = webPKIProblem(path: path, anchor: anchor) {
            return (.profileViolation, problem)
        }
        return nil
    }

    /// The end entity's EKU must contain the purpose (or anyExtendedKeyUsage under RFC 5280); an absent extension
    /// allows every purpose (RFC 5280 §4.2.1.12).
    func extendedKeyUsageProblem(_ certificate: PreparedCertificate, purpose: ASN1ObjectIdentifier) -> String? {
        guard let usages = certificate.extendedKeyUsage else { return nil }
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

    /// The CA/Browser Forum Baseline Requirements (and RFC 5280 MUSTs that the BRs make checkable) for every
    /// certificate of the path, the trust anchor included: a WebPKI root is itself a certificate profile.
    func webPKIProblem(path: [PreparedCertificate], anchor: PreparedCertificate) -> String? {
        let chain = [anchor] + path
        for (offset, prepared) in chain.enumerated() {
            let certificate = prepared.certificate
            let isAnchor = offset == 0
            let isTarget = offset == chain.count - 1
            let name = isAnchor ? "the trust anchor" : "certificate \(chain.count - 1 - offset)"
            if certificate.version != 3 { return "\(name): only v3 certificates are allowed (BR §7.1.1)" }
            if certificate.serialNumber.count > 20 { return "\(name): the serial number is longer than 20 octets" }
            if certificate.serialNumber.allSatisfy({ $0 == 0 }) { return "\(name): the serial number must not be zero" }
            if let problem = prepared.extensionError { return "\(name): \(problem)" }
            if isAnchor, let problem = encodingProblem(prepared, isTarget: false) { return "\(name): \(problem)" }
            if isAnchor {
                for item in certificate.extensions
                where item.isCritical && !Self.recognizedCriticalExtensions.contains(item.oid) {
                    return "\(name): critical extension \(item.oid) is not recognised"
                }
            }
            guard let key = prepared.publicKey else {
                return "\(name): the key algorithm \(certificate.publicKeyAlgorithm.algorithm) is not allowed (BR §6.1.5)"
            }
            switch key.algorithm {
            case .rsa where key.bitCount < 2048 || key.bitCount % 8 != 0:
                return "\(name): RSA keys must have at least 2048 bits, a multiple of 8 (BR §6.1.5)"
            case .rsa, .p256, .p384, .p521: break
            default: return "\(name): \(key.algorithm) keys are not allowed (BR §6.1.5)"
            }
            if !isAnchor, let algorithm = try? certificate.signatureAlgorithmChecked() {
                switch algorithm.scheme {
                case .ecdsa, .rsaPKCS1v15, .rsaPSS:
                    if algorithm.hash == .insecureSHA1 || algorithm.hash == .sm3 {
                        return "\(name): \(algorithm) signatures are not allowed (BR §7.1.3.2)"
                    }
                default:
                    return "\(name): \(algorithm) signatures are not allowed (BR §7.1.3.2)"
                }
            }
            if let san = certificate.extension(ExtensionOID.subjectAlternativeName), san.isCritical,
                !certificate.subject.isEmpty
            {
                return "\(name): subjectAltName must not be critical when the subject is not empty (BR §7.1.2.7.12)"
            }
            // cA TRUE without keyCertSign is inconsistent (RFC 5280 §4.2.1.3, §4.2.1.9; BR §7.1.2.7.8).
            if prepared.isCA, let usage = prepared.keyUsage, !usage.contains(.keyCertSign) {
                return "\(name): basicConstraints cA is TRUE but keyUsage lacks keyCertSign"
            }
            let isCA = isAnchor || !isTarget
            if isCA {
                guard let constraints = prepared.basicConstraints, constraints.isCA,
                    certificate.extension(ExtensionOID.basicConstraints)?.isCritical == true
                else { return "\(name): a CA certificate needs a critical basicConstraints with cA TRUE" }
                guard let usage = prepared.keyUsage, usage.contains(.keyCertSign) else {
                    return "\(name): a CA certificate needs keyUsage with keyCertSign (RFC 5280 §4.2.1.3, BR §7.1.2.10.7)"
                }
                guard let ski = prepared.subjectKeyIdentifier else {
                    return "\(name): a CA certificate needs a subjectKeyIdentifier (RFC 5280 §4.2.1.2)"
                }
                if isAnchor {
                    if prepared.extendedKeyUsage != nil {
                        return "\(name): a root certificate must not have extKeyUsage (BR §7.1.2.1.2)"
                    }
                    if let aki = prepared.authorityKeyIdentifier {
                        guard aki.authorityCertIssuer == nil, aki.authorityCertSerialNumber == nil,
                            aki.keyIdentifier == ski
                        else {
                            return "\(name): a root's authorityKeyIdentifier may only hold its own key identifier (BR §7.1.2.1.3)"
                        }
                    }
                } else if let usages = prepared.extendedKeyUsage,
                    !usages.contains(Self.serverAuth) || usages.contains(Self.anyExtendedKeyUsage)
                {
                    return "\(name): a CA's extKeyUsage must include serverAuth and not anyExtendedKeyUsage"
                }
            } else {
                if prepared.subjectAlternativeNames?.isEmpty ?? true {
                    return "\(name): a TLS server certificate needs a subjectAltName (BR §7.1.2.7.12)"
                }
                if let usages = prepared.extendedKeyUsage, usages.contains(Self.anyExtendedKeyUsage) {
                    return "\(name): anyExtendedKeyUsage is not allowed in a subscriber certificate"
                }
            }
            // RFC 5280 §4.2.1.1: every certificate not self-signed carries an AKI with a keyIdentifier.
            if !prepared.isSelfIssued, prepared.authorityKeyIdentifier?.keyIdentifier == nil {
                return "\(name): an authorityKeyIdentifier with a keyIdentifier is required (RFC 5280 §4.2.1.1)"
            }
        }
        return nil
    }
}
