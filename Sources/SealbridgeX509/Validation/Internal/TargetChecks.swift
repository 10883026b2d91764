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
        // The end entity's own key meets the minimum sizes too (the issuers' keys were checked as they signed).
        if let key = target.publicKey, let problem = keySizeProblem(key) {
            return (.weakKey, "the end entity's \(problem)")
        }
        if let usage = target.keyUsage, !options.requiredKeyUsage.isEmpty,
            !usage.isSuperset(of: options.requiredKeyUsage)
        {
            return (.keyUsage, "keyUsage \(usage.names) lacks \(options.requiredKeyUsage.names)")
        }
        var requiredPurposes = options.requiredExtendedKeyUsages
        if options.profile == .webpki && requiredPurposes.isEmpty { requiredPurposes = [Self.serverAuth] }
        for purpose in requiredPurposes {
            if let problem = extendedKeyUsageProblem(target, purpose: purpose) { return (.extendedKeyUsage, problem) }
        }
        if !options.peerNames.isEmpty {
            let matched =
                options.requiresEveryPeerName
                ? options.peerNames.allSatisfy { matches(target, peerName: $0) }
                : options.peerNames.contains { matches(target, peerName: $0) }
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
        if options.profile == .smime, let problem = smimeProblem(path: path, anchor: anchor) {
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
        return "extKeyUsage does not include \(purpose.displayText)"
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
                if case .rfc822Name(let mailbox) = $0 {
                    return NameMatching.isMailbox(address, within: mailbox) && mailbox.contains("@")
                }
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

    /// The anchor and the path in order, each with its role and how failures name it.
    static func positions(
        path: [PreparedCertificate],
        anchor: PreparedCertificate
    ) -> [(PreparedCertificate, isAnchor: Bool, isTarget: Bool, name: String)] {
        let chain = [anchor] + path
        return chain.enumerated().map { offset, prepared in
            let isAnchor = offset == 0
            return (
                prepared, isAnchor, offset == chain.count - 1,
                isAnchor ? "the trust anchor" : "certificate \(chain.count - 1 - offset)"
            )
        }
    }

    /// The key rules both Baseline Requirements share (TLS §6.1.5, S/MIME §6.1.5): RSA of at least 2048 bits and a
    /// whole number of bytes, or ECDSA on P-256, P-384 or P-521 by named curve.
    static func baselineKeyProblem(_ prepared: PreparedCertificate) -> String? {
        guard let key = prepared.publicKey else {
            return
                "the key algorithm \(prepared.certificate.publicKeyAlgorithm.algorithm.displayText) is not allowed (BR §6.1.5)"
        }
        switch key.algorithm {
        case .rsa where key.bitCount < 2048 || key.bitCount % 8 != 0:
            return "RSA keys must have at least 2048 bits, a multiple of 8 (BR §6.1.5)"
        case .rsa, .p256, .p384, .p521: return nil
        default: return "\(key.algorithm) keys are not allowed (BR §6.1.5)"
        }
    }

    /// The S/MIME Baseline Requirements (v1.0) rules a relying party can check: keys, v3, an end entity that is not
    /// a CA, has a keyUsage without keyCertSign and an rfc822Name; CAs with keyCertSign and cRLSign.
    func smimeProblem(path: [PreparedCertificate], anchor: PreparedCertificate) -> String? {
        for (prepared, isAnchor, isTarget, name) in Self.positions(path: path, anchor: anchor) {
            let certificate = prepared.certificate
            if certificate.version != 3 { return "\(name): only v3 certificates are allowed (S/MIME BR §7.1.1)" }
            if isAnchor || !isTarget {
                if isAnchor, let problem = Self.baselineKeyProblem(prepared) { return "\(name): \(problem)" }
                if !isAnchor {
                    guard let usage = prepared.keyUsage, usage.contains(.keyCertSign), usage.contains(.crlSign) else {
                        return "\(name): an S/MIME CA needs keyUsage keyCertSign and cRLSign (S/MIME BR §7.1.2.2)"
                    }
                }
                continue
            }
            if let constraints = prepared.basicConstraints, constraints.isCA || constraints.pathLengthConstraint != nil
            {
                return "\(name): an S/MIME certificate must not be a CA (S/MIME BR §7.1.2.3)"
            }
            guard let usage = prepared.keyUsage else { return "\(name): an S/MIME certificate needs keyUsage" }
            if usage.contains(.keyCertSign) || usage.contains(.crlSign) {
                return "\(name): an S/MIME certificate must not assert keyCertSign or cRLSign"
            }
            guard let names = prepared.subjectAlternativeNames,
                names.contains(where: {
                    if case .rfc822Name = $0 { return true }
                    return false
                })
            else { return "\(name): an S/MIME certificate needs an rfc822Name subjectAltName" }
            if let san = certificate.extension(ExtensionOID.subjectAlternativeName), san.isCritical,
                !certificate.subject.isEmpty
            {
                return "\(name): subjectAltName must not be critical when the subject is not empty"
            }
        }
        return nil
    }

    static let precertificateSigning: ASN1ObjectIdentifier = [1, 3, 6, 1, 4, 1, 11129, 2, 4, 4]
    static let forbiddenWithServerAuth: Set<ASN1ObjectIdentifier> = [
        [1, 3, 6, 1, 5, 5, 7, 3, 3], [1, 3, 6, 1, 5, 5, 7, 3, 4], [1, 3, 6, 1, 5, 5, 7, 3, 8],
        [1, 3, 6, 1, 5, 5, 7, 3, 9], precertificateSigning, anyExtendedKeyUsage,
    ]

    /// BR §7.1.2.7 subscriber (TLS server) certificate rules.
    func subscriberProblem(_ prepared: PreparedCertificate) -> String? {
        let certificate = prepared.certificate
        if prepared.basicConstraints?.isCA == true {
            return "a TLS server certificate must not be a CA (BR §7.1.2.7.8: cA MUST be FALSE)"
        }
        guard let names = prepared.subjectAlternativeNames, !names.isEmpty else {
            return "a TLS server certificate needs a subjectAltName (BR §7.1.2.7.12)"
        }
        for name in names {
            switch name {
            case .dnsName(let value):
                guard Self.isPresentedDNSName(value) else {
                    return
                        "the subjectAltName \(name) is not a valid DNS name (LDH labels, '*' only as the whole first label)"
                }
            case .ipAddress(let bytes):
                guard bytes.count == 4 || bytes.count == 16 else {
                    return "the subjectAltName \(name) is not an address"
                }
            default:
                break
            }
        }
        guard let usages = prepared.extendedKeyUsage else {
            return "a TLS server certificate needs extKeyUsage with serverAuth (BR §7.1.2.7.10)"
        }
        if certificate.extension(ExtensionOID.extendedKeyUsage)?.isCritical == true {
            return "extKeyUsage must not be critical in a TLS server certificate (BR §7.1.2.7.10)"
        }
        if let forbidden = usages.first(where: { Self.forbiddenWithServerAuth.contains($0) }) {
            return "extKeyUsage \(forbidden) is not allowed in a TLS server certificate (BR §7.1.2.7.10)"
        }
        return commonNameProblem(prepared, names: names)
    }

    /// BR §7.1.4.3: a subject commonName, when present, repeats one subjectAltName byte for byte (an IP address
    /// in its canonical text). Checked narrowly — only where the CN is evidently one of the certificate's presented
    /// identifiers written differently: non-ASCII, a case variant of a SAN, an address that a lenient parser reads
    /// as one of the iPAddress SANs but written otherwise (hex, leading zeros, upper case, uncompressed), or an
    /// A-label name missing from the SAN. A CN naming an address the SANs do not carry is, like a DNS name missing
    /// from them, not matched and not refused: names are matched against the SAN only (RFC 6125 §6.4.4), and
    /// x509-limbo's BetterTLS cases and pyca/cryptography accept such certificates.
    func commonNameProblem(_ prepared: PreparedCertificate, names: [GeneralName]) -> String? {
        let commonNames = prepared.certificate.subject.relativeNames.joined()
            .filter { $0.type == [2, 5, 4, 3] }.compactMap(\.text)
        let dnsNames = names.compactMap { name -> String? in
            if case .dnsName(let value) = name { return value }
            return nil
        }
        let addresses = names.compactMap { name -> [UInt8]? in
            if case .ipAddress(let bytes) = name { return bytes }
            return nil
        }
        for commonName in commonNames {
            if dnsNames.contains(commonName) { continue }
            if commonName.unicodeScalars.contains(where: { !$0.isASCII }) {
                return "the commonName \(commonName) is not ASCII; it must repeat a subjectAltName (BR §7.1.4.3)"
            }
            if dnsNames.contains(where: { NameMatching.lowercased($0) == NameMatching.lowercased(commonName) }) {
                return "the commonName \(commonName) differs in case from its subjectAltName (BR §7.1.4.3)"
            }
            if Self.looksLikeIPAddress(commonName) {
                if let address = Self.leniently(parsedAddress: commonName), addresses.contains(address),
                    GeneralName.ipAddress(address).canonicalAddressText != commonName
                {
                    return "the commonName \(commonName) is the iPAddress subjectAltName "
                        + "\(GeneralName.ipAddress(address).canonicalAddressText) written otherwise; it must repeat "
                        + "its canonical text (BR §7.1.4.3)"
                }
                continue
            }
            if commonName.split(separator: ".").contains(where: {
                NameMatching.lowercased(String($0)).hasPrefix("xn--")
            }) {
                return "the commonName \(commonName) is not among the subjectAltNames (BR §7.1.4.3)"
            }
        }
        return nil
    }

    /// The address a lenient parser (inet_aton for IPv4: one to four parts, each decimal, `0x` hex or `0` octal;
    /// RFC 4291 text for IPv6, any case, compressed or not) reads in `text`.
    static func leniently(parsedAddress text: String) -> [UInt8]? {
        if let address = ValidationOptions.PeerName.ipv6(text) { return address }
        var values: [UInt64] = []
        for part in NameMatching.lowercased(text).split(separator: ".", omittingEmptySubsequences: false) {
            let value: UInt64?
            if part.hasPrefix("0x") {
                value = UInt64(part.dropFirst(2), radix: 16)
            } else if part.count > 1, part.hasPrefix("0") {
                value = UInt64(part.dropFirst(), radix: 8)
            } else {
                value = UInt64(part, radix: 10)
            }
            guard let value, value <= UInt64(UInt32.max) else { return nil }
            values.append(value)
        }
        guard let last = values.popLast(), values.count <= 3, values.allSatisfy({ $0 <= 255 }) else { return nil }
        let tailBits = UInt64(8 * (4 - values.count))
        guard last < (UInt64(1) << tailBits) else { return nil }
        let address = values.reduce(UInt64(0)) { $0 << 8 | $1 } << tailBits | last
        return (0..<4).map { UInt8(truncatingIfNeeded: address >> UInt64(24 - 8 * $0)) }
    }

    /// Text a lenient parser would take for an IP address: digits, dots and hex as IPv4 forms, or anything with a
    /// colon and hex digits.
    static func looksLikeIPAddress(_ text: String) -> Bool {
        let lower = NameMatching.lowercased(text)
        if lower.contains(":") { return lower.allSatisfy { $0.isHexDigit || $0 == ":" || $0 == "." } }
        if lower.hasPrefix("0x") { return lower.dropFirst(2).allSatisfy(\.isHexDigit) }
        let parts = lower.split(separator: ".", omittingEmptySubsequences: false)
        return (1...4).contains(parts.count) && parts.allSatisfy { !$0.isEmpty && $0.allSatisfy(\.isNumber) }
    }

    /// A dNSName as a certificate presents it: ASCII letters, digits and hyphens in non-empty labels of at most 63
    /// characters, no leading or trailing hyphen, `*` only as the whole first label.
    static func isPresentedDNSName(_ name: String) -> Bool {
        let labels = name.split(separator: ".", omittingEmptySubsequences: false)
        guard !labels.isEmpty, name.utf8.count <= 253 else { return false }
        for (index, label) in labels.enumerated() {
            if index == 0 && label == "*" && labels.count > 1 { continue }
            guard !label.isEmpty, label.utf8.count <= 63, !label.hasPrefix("-"), !label.hasSuffix("-"),
                label.utf8.allSatisfy({ byte in
                    (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
                        || byte == 0x2D || byte == 0x5F
                })
            else { return false }
        }
        return true
    }

    /// The CA/Browser Forum Baseline Requirements (and RFC 5280 MUSTs that the BRs make checkable) for every
    /// certificate of the path, the trust anchor included: a WebPKI root is itself a certificate profile.
    func webPKIProblem(path: [PreparedCertificate], anchor: PreparedCertificate) -> String? {
        for (prepared, isAnchor, isTarget, name) in Self.positions(path: path, anchor: anchor) {
            let certificate = prepared.certificate
            if certificate.version != 3 { return "\(name): only v3 certificates are allowed (BR §7.1.1)" }
            // Serial rules bind what CAs issue now (BR §7.1); a trust anchor is trusted by configuration, and real
            // roots in every store have serial 0 (Starfield Root G2).
            if !isAnchor {
                if certificate.serialNumber.count > 20 { return "\(name): the serial number is longer than 20 octets" }
                if certificate.serialNumber.allSatisfy({ $0 == 0 }) {
                    return "\(name): the serial number must not be zero"
                }
            }
            if let problem = prepared.extensionError { return "\(name): \(problem)" }
            if isAnchor, let problem = encodingProblem(prepared, isTarget: false) { return "\(name): \(problem)" }
            if isAnchor {
                // A WebPKI root is used only within its validity, and its identifiers must agree (§4.1.1.2); its
                // self-signature itself is not checked (roots from 1998 still sign with SHA-1).
                guard certificate.notBefore <= options.time, options.time <= certificate.notAfter else {
                    return "\(name): valid \(certificate.notBefore)…\(certificate.notAfter), not at \(options.time)"
                }
                guard certificate.signatureAlgorithm == certificate.tbsSignatureAlgorithm else {
                    return "\(name): signatureAlgorithm differs from tbsCertificate.signature (RFC 5280 §4.1.1.2)"
                }
            }
            if isAnchor {
                for item in certificate.extensions
                where item.isCritical && !Self.recognizedCriticalExtensions.contains(item.oid) {
                    return "\(name): critical extension \(item.oid.displayText) is not recognised"
                }
            }
            if let problem = Self.baselineKeyProblem(prepared) { return "\(name): \(problem)" }
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
            // RFC 5280 §4.2.1.11 and §4.2.1.14 require these critical; PKITS has non-critical ones, so only the
            // WebPKI profile enforces it.
            for oid in [ExtensionOID.policyConstraints, ExtensionOID.inhibitAnyPolicy]
            where certificate.extension(oid).map({ !$0.isCritical }) ?? false {
                return "\(name): the extension \(oid.displayText) must be critical (RFC 5280 §4.2.1.11, §4.2.1.14)"
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
                    return
                        "\(name): a CA certificate needs keyUsage with keyCertSign (RFC 5280 §4.2.1.3, BR §7.1.2.10.7)"
                }
                guard let ski = prepared.subjectKeyIdentifier else {
                    return "\(name): a CA certificate needs a subjectKeyIdentifier (RFC 5280 §4.2.1.2)"
                }
                if isAnchor {
                    if prepared.extendedKeyUsage != nil {
                        return "\(name): a root certificate must not have extKeyUsage (BR §7.1.2.1.2)"
                    }
                    // A self-signed root's AKI, when present, names its own key; an anchor that is itself an
                    // intermediate (trusted directly) keeps its issuer's.
                    if prepared.isSelfIssued, let aki = prepared.authorityKeyIdentifier {
                        guard aki.authorityCertIssuer == nil, aki.authorityCertSerialNumber == nil,
                            aki.keyIdentifier == ski
                        else {
                            return
                                "\(name): a root's authorityKeyIdentifier may only hold its own key identifier (BR §7.1.2.1.3)"
                        }
                    }
                } else if let usages = prepared.extendedKeyUsage,
                    !usages.contains(Self.serverAuth) || usages.contains(Self.anyExtendedKeyUsage)
                {
                    return "\(name): a CA's extKeyUsage must include serverAuth and not anyExtendedKeyUsage"
                }
            } else if let problem = subscriberProblem(prepared) {
                return "\(name): \(problem)"
            }
            // RFC 5280 §4.2.1.1: every certificate not self-signed carries an AKI with a keyIdentifier.
            if !prepared.isSelfIssued, prepared.authorityKeyIdentifier?.keyIdentifier == nil {
                return "\(name): an authorityKeyIdentifier with a keyIdentifier is required (RFC 5280 §4.2.1.1)"
            }
        }
        return nil
    }
}
