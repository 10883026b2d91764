import SealbridgeCrypto
import SwiftASN1

/// Why a certification path failed, and which certificate it concerns.
public struct PathValidationFailure: Error, Hashable, Sendable, CustomStringConvertible {
    /// The kind of failure.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private let name: String

        private init(_ name: String) {
            self.name = name
        }

        /// A signature did not verify (RFC 5280 §6.1.3 (a)(1)).
        public static let badSignature = Code("badSignature")
        /// The signature or key algorithm is not supported, or not allowed by the options.
        public static let unsupportedAlgorithm = Code("unsupportedAlgorithm")
        /// The key is weaker than the options allow.
        public static let weakKey = Code("weakKey")
        /// The validation time is outside the certificate's validity (§6.1.3 (a)(2)).
        public static let expiredOrNotYetValid = Code("expiredOrNotYetValid")
        /// The issuer name does not match the previous subject (§6.1.3 (a)(4)).
        public static let nameChaining = Code("nameChaining")
        /// An intermediate is not a CA (§6.1.4 (k)).
        public static let notACA = Code("notACA")
        /// The path is longer than a pathLenConstraint allows (§6.1.4 (l)).
        public static let pathLengthExceeded = Code("pathLengthExceeded")
        /// The path has more intermediates than the options allow.
        public static let pathTooLong = Code("pathTooLong")
        /// A keyUsage does not allow the use (§6.1.4 (n), or the caller's required usage).
        public static let keyUsage = Code("keyUsage")
        /// The end entity's extKeyUsage does not allow the required purpose.
        public static let extendedKeyUsage = Code("extendedKeyUsage")
        /// A critical extension is not recognised (§6.1.4 (o), §6.1.5 (f)).
        public static let unrecognizedCriticalExtension = Code("unrecognizedCriticalExtension")
        /// A name falls outside the permitted or inside the excluded subtrees (§6.1.3 (b)–(c)).
        public static let nameConstraints = Code("nameConstraints")
        /// No valid policy remains where one is required (§6.1.3 (f), §6.1.5 (g)), or a mapping maps anyPolicy.
        public static let policy = Code("policy")
        /// The certificate is revoked (§6.1.3 (a)(3)).
        public static let revoked = Code("revoked")
        /// Revocation status could not be determined (no valid, current CRL covers the certificate).
        public static let revocationUnknown = Code("revocationUnknown")
        /// The end entity is not valid for the expected peer name.
        public static let peerNameMismatch = Code("peerNameMismatch")
        /// A rule of the chosen profile (e.g. webpki) is broken.
        public static let profileViolation = Code("profileViolation")
        /// A certificate or extension could not be parsed, or breaks an RFC 5280 encoding rule.
        public static let malformed = Code("malformed")
        /// No trust anchor could be reached from the end entity.
        public static let noPathToTrustAnchor = Code("noPathToTrustAnchor")
        /// Path building spent its budget (hostile or pathological input).
        public static let workLimitExceeded = Code("workLimitExceeded")

        /// The code's name.
        public var description: String { name }
    }

    /// The kind of failure.
    public let code: Code
    /// The position of the certificate concerned: 0 is the end entity, 1 its issuer, and so on.
    public let certificateIndex: Int
    /// The certificate concerned.
    public let certificate: Certificate
    /// What went wrong.
    public let reason: String
    /// How many certificates the failing path had (used to pick the most telling failure).
    let pathLength: Int
    /// When the failure is on a complete path to a trust anchor (a revoked or expired certificate, a broken
    /// constraint): that path, end entity first, so that a report can say the chain was found and what failed
    /// on it. Empty when path building failed.
    public internal(set) var chain: [Certificate] = []
    /// The trust anchor of ``chain``.
    public internal(set) var trustAnchor: Certificate?
    /// The revocation status found for the certificate concerned, when it was looked up (revoked with date and
    /// reason; good for an expired certificate that a CRL still covers).
    public internal(set) var revocation: CertificateRevocationStatus?
    /// The revocation facts along ``chain`` (same order): what was established before the path failed; nil for a
    /// certificate validation did not reach.
    public internal(set) var chainRevocation: [CertificateRevocationStatus?] = []

    init(
        _ code: Code,
        _ index: Int,
        _ certificate: PreparedCertificate,
        _ reason: String,
        pathLength: Int
    ) {
        self.code = code
        self.certificateIndex = index
        self.certificate = certificate.certificate
        self.reason = reason
        self.pathLength = pathLength
    }

    /// `code at certificate N (subject): reason`.
    public var description: String {
        "\(code) at certificate \(certificateIndex) (\(certificate.subject)): \(reason)"
    }
}

extension PathSearch {
    /// The extensions this validator processes, and so may be critical.
    static let recognizedCriticalExtensions: Set<ASN1ObjectIdentifier> = [
        ExtensionOID.basicConstraints, ExtensionOID.keyUsage, ExtensionOID.extendedKeyUsage,
        ExtensionOID.subjectAlternativeName, ExtensionOID.issuerAlternativeName, ExtensionOID.certificatePolicies,
        ExtensionOID.policyMappings, ExtensionOID.policyConstraints, ExtensionOID.inhibitAnyPolicy,
        ExtensionOID.nameConstraints, ExtensionOID.crlDistributionPoints, ExtensionOID.subjectKeyIdentifier,
        ExtensionOID.authorityKeyIdentifier, [2, 5, 29, 46],
    ]

    /// The qcStatements Sealbridge reads (EN 319 412-5 §4.2–4.3: QcCompliance, QcLimitValue, QcRetentionPeriod,
    /// QcSSCD, QcPDS, QcType, QcCClegislation; RFC 3739 §3.2.6 pkixQCSyntax-v1 and -v2; PSD2's EN 319 412-5
    /// extension 0.4.0.19495.2).
    static let recognizedQCStatements: Set<ASN1ObjectIdentifier> = [
        [0, 4, 0, 1862, 1, 1], [0, 4, 0, 1862, 1, 2], [0, 4, 0, 1862, 1, 3], [0, 4, 0, 1862, 1, 4],
        [0, 4, 0, 1862, 1, 5], [0, 4, 0, 1862, 1, 6], [0, 4, 0, 1862, 1, 7], [1, 3, 6, 1, 5, 5, 7, 11, 1],
        [1, 3, 6, 1, 5, 5, 7, 11, 2], [0, 4, 0, 19_495, 2],
    ]

    /// Whether a critical extension is one this validator processes (RFC 5280 §6.1.4 (o), §6.1.5 (f)). A critical
    /// qcStatements (qualified certificates under some schemes mark it so) is, when every statement in it is
    /// known: RFC 3739 §3.2.6 makes each statement of a critical qcStatements critical.
    static func isRecognizedCritical(_ item: Extension) -> Bool {
        if recognizedCriticalExtensions.contains(item.oid) { return true }
        guard item.oid == [1, 3, 6, 1, 5, 5, 7, 1, 3], let statements = try? QCStatements(extensionValue: item.value)
        else { return false }
        return statements.statements.keys.allSatisfy(recognizedQCStatements.contains)
    }

    /// RFC 5280 §6.1 for one path, anchor side first (`path[0]` was issued by `anchor`, the last is the target).
    ///
    /// What a path that validated yields: the user-constrained policy set and the revocation facts.
    struct PathOutput {
        var policies: Set<ASN1ObjectIdentifier>
        /// One per certificate of the path, anchor side first (as `path`).
        var revocation: [CertificateRevocationStatus]
    }

    /// - Returns: the user-constrained policy set and revocation facts, or the first failure.
    func validate(
        path: [PreparedCertificate],
        anchor: PreparedCertificate,
        checkTargetProfile: Bool = true
    ) -> Result<PathOutput, PathValidationFailure> {
        let n = path.count
        let time = options.time
        // §6.1.2 initialisation.
        var graph = PolicyGraph()
        var explicitPolicy = options.requireExplicitPolicy ? 0 : n + 1
        var inhibitAnyPolicy = options.inhibitAnyPolicy ? 0 : n + 1
        var policyMapping = options.inhibitPolicyMapping ? 0 : n + 1
        var nameConstraints = NameConstraintsState()
        var workingIssuer = anchor
        var workingKey = anchor.publicKey
        var maximumPathLength = n
        var revocation_: [CertificateRevocationStatus] = []
        do {
            // A trust anchor given as a certificate binds what it issues with its own constraints (RFC 5937 §2,
            // and what OpenSSL, Go and pyca/cryptography do): its nameConstraints and pathLenConstraint apply.
            if let constraints = anchor.nameConstraints {
                if let problem = nameConstraintsProblem(constraints), let first = path.first {
                    return .failure(
                        PathValidationFailure(.malformed, n - 1, first, "the trust anchor's \(problem)", pathLength: n)
                    )
                }
                nameConstraints.add(constraints)
            }
            if let limit = anchor.basicConstraints?.pathLengthConstraint, limit < maximumPathLength {
                maximumPathLength = limit
            }
        }

        for (offset, prepared) in path.enumerated() {
            let i = offset + 1
            let certificate = prepared.certificate
            let isTarget = i == n
            func failure(
                _ code: PathValidationFailure.Code,
                _ reason: String,
                revocation: CertificateRevocationStatus? = nil
            ) -> PathValidationFailure {
                var failure = PathValidationFailure(code, n - i, prepared, reason, pathLength: n)
                failure.chain = path.reversed().map(\.certificate)
                failure.trustAnchor = anchor.certificate
                failure.revocation = revocation
                let established = path.indices.map {
                    $0 < revocation_.count ? revocation_[$0] : $0 == offset ? revocation : nil
                }
                failure.chainRevocation = established.reversed()
                return failure
            }
            if let problem = prepared.extensionError {
                return .failure(failure(.malformed, problem))
            }
            if let problem = encodingProblem(prepared, isTarget: isTarget) {
                return .failure(failure(.malformed, problem))
            }
            // (a)(1) signature, with the algorithm policy.
            if let problem = algorithmProblem(certificate, issuerKey: workingKey) {
                return .failure(failure(problem.0, problem.1))
            }
            guard let issuerKey = workingKey, isSignature(of: certificate, validWithKey: issuerKey) else {
                return .failure(failure(.badSignature, "the signature does not verify with the issuer's key"))
            }
            // (a)(2) validity.
            guard certificate.notBefore <= time, time <= certificate.notAfter else {
                // The revocation fact is still looked up: an expired certificate that a current CRL covers and
                // does not list is OUT_OF_BOUNDS_NOT_REVOKED rather than OUT_OF_BOUNDS_NO_POE (EN 319 102-1).
                let known = revocationStatus(of: prepared, path: path, index: offset, anchor: anchor).status
                return .failure(
                    failure(
                        .expiredOrNotYetValid,
                        "valid from \(certificate.notBefore) to \(certificate.notAfter), so not at \(time)",
                        revocation: known
                    )
                )
            }
            // (a)(4) name chaining.
            guard prepared.issuerKey == workingIssuer.subjectKey else {
                return .failure(
                    failure(.nameChaining, "issuer \(certificate.issuer) is not \(workingIssuer.certificate.subject)")
                )
            }
            // (a)(3) revocation.
            let check = revocationStatus(of: prepared, path: path, index: offset, anchor: anchor)
            if let problem = check.failure {
                return .failure(failure(problem.code, problem.reason, revocation: check.status))
            }
            revocation_.append(check.status)
            // (b)–(c) name constraints; self-issued intermediates are exempt.
            if !(prepared.isSelfIssued && !isTarget) && !nameConstraints.isEmpty {
                let names = NameConstraintsState.names(
                    subject: certificate.subject,
                    alternativeNames: prepared.subjectAlternativeNames
                )
                if let problem = nameConstraints.check(names) {
                    return .failure(failure(.nameConstraints, problem))
                }
            }
            // (d)–(e) policies; (f).
            graph.processCertificate(
                policies: prepared.certificatePolicies,
                anyPolicyAllowed: inhibitAnyPolicy > 0 || (!isTarget && prepared.isSelfIssued)
            )
            guard explicitPolicy > 0 || !graph.isNull else {
                return .failure(
                    failure(.policy, "no valid certificate policy remains and an explicit policy is required")
                )
            }

            if isTarget {
                // §6.1.5 wrap-up (a)–(b).
                if explicitPolicy != 0 { explicitPolicy -= 1 }
                if prepared.policyConstraints?.requireExplicitPolicy == 0 { explicitPolicy = 0 }
                // (f) critical extensions.
                for item in certificate.extensions
                where item.isCritical && !Self.isRecognizedCritical(item) {
                    return .failure(
                        failure(.unrecognizedCriticalExtension, "critical extension \(item.oid.displayText)")
                    )
                }
                // (g) the user-constrained policy set.
                let policies = graph.userConstrainedPolicies(initialPolicySet: options.initialPolicySet)
                guard explicitPolicy > 0 || !policies.isEmpty else {
                    return .failure(
                        failure(
                            .policy,
                            "the path is valid for none of the acceptable policies \(options.initialPolicySet.map(\.description).sorted())"
                        )
                    )
                }
                if checkTargetProfile, let problem = targetProblem(prepared, path: path, anchor: anchor) {
                    return .failure(failure(problem.0, problem.1))
                }
                return .success(PathOutput(policies: policies, revocation: revocation_))
            }

            // §6.1.4 preparation for certificate i + 1.
            if let mappings = prepared.policyMappings {
                // (a)
                if mappings.mappings.contains(where: {
                    $0.issuerDomainPolicy == PolicyGraph.anyPolicy || $0.subjectDomainPolicy == PolicyGraph.anyPolicy
                }) {
                    return .failure(failure(.policy, "policyMappings must not map to or from anyPolicy"))
                }
                // (b)
                graph.applyMappings(mappings, mappingAllowed: policyMapping > 0)
            }
            // (g) name constraints.
            if let constraints = prepared.nameConstraints {
                if let problem = nameConstraintsProblem(constraints) {
                    return .failure(failure(.malformed, problem))
                }
                nameConstraints.add(constraints)
            }
            // (h)
            if !prepared.isSelfIssued {
                if explicitPolicy != 0 { explicitPolicy -= 1 }
                if policyMapping != 0 { policyMapping -= 1 }
                if inhibitAnyPolicy != 0 { inhibitAnyPolicy -= 1 }
            }
            // (i)
            if let constraints = prepared.policyConstraints {
                if let require = constraints.requireExplicitPolicy, require < explicitPolicy {
                    explicitPolicy = require
                }
                if let inhibit = constraints.inhibitPolicyMapping, inhibit < policyMapping {
                    policyMapping = inhibit
                }
            }
            // (j)
            if let skip = prepared.inhibitAnyPolicy, skip < inhibitAnyPolicy {
                inhibitAnyPolicy = skip
            }
            // (k) a CA: v3 with basicConstraints cA; v1/v2 certificates cannot be shown to be CAs.
            guard prepared.isCA else {
                return .failure(failure(.notACA, "an intermediate must have basicConstraints cA TRUE"))
            }
            // (l) path length, self-issued certificates exempt.
            if !prepared.isSelfIssued {
                guard maximumPathLength > 0 else {
                    return .failure(failure(.pathLengthExceeded, "a pathLenConstraint is exceeded"))
                }
                maximumPathLength -= 1
            }
            // (m)
            if let limit = prepared.basicConstraints?.pathLengthConstraint, limit < maximumPathLength {
                maximumPathLength = limit
            }
            // (n)
            if let usage = prepared.keyUsage, !usage.contains(.keyCertSign) {
                return .failure(failure(.keyUsage, "keyUsage lacks keyCertSign"))
            }
            // (o)
            for item in certificate.extensions
            where item.isCritical && !Self.isRecognizedCritical(item) {
                return .failure(failure(.unrecognizedCriticalExtension, "critical extension \(item.oid.displayText)"))
            }
            // The working key; a DSA key may inherit the issuer's parameters (§6.1.4 (e)–(f)).
            let key =
                prepared.publicKey
                ?? (prepared.inheritsDSAParameters
                    ? try? PublicKey(
                        derRepresentation: Array(certificate.subjectPublicKeyInfoBytes),
                        inheritingDSAParametersFrom: workingKey
                    ) : nil)
            guard let key else {
                return .failure(
                    failure(
                        .unsupportedAlgorithm,
                        "subject key algorithm \(certificate.publicKeyAlgorithm.algorithm.displayText)"
                    )
                )
            }
            if prepared.publicKey == nil { inheritedKeys[certificate.derBytes] = key }
            workingIssuer = prepared
            workingKey = key
        }
        // An empty path: nothing to validate (the target is the anchor itself).
        return .success(PathOutput(policies: [PolicyGraph.anyPolicy], revocation: []))
    }

    /// RFC 5280 rules on a certificate's own contents that a validator enforces under every profile.
    func encodingProblem(_ prepared: PreparedCertificate, isTarget: Bool) -> String? {
        let certificate = prepared.certificate
        // §4.1.2.1: extensions only in v3.
        if certificate.version < 3 && !certificate.extensions.isEmpty {
            return "a v\(certificate.version) certificate must not have extensions"
        }
        // §4.1.2.2: a positive serial number.
        if certificate.serialNumber.first.map({ $0 & 0x80 != 0 }) ?? true {
            return "the serial number must be positive (RFC 5280 §4.1.2.2)"
        }
        // §4.1.2.4: a non-empty issuer.
        if certificate.issuer.isEmpty { return "the issuer name must not be empty (RFC 5280 §4.1.2.4)" }
        // §4.1.2.6: a CA has a non-empty subject; an empty subject needs a critical subjectAltName (§4.2.1.6).
        if certificate.subject.isEmpty {
            if prepared.isCA { return "a CA certificate must have a non-empty subject (RFC 5280 §4.1.2.6)" }
            guard let san = certificate.extension(ExtensionOID.subjectAlternativeName), san.isCritical else {
                return "an empty subject requires a critical subjectAltName (RFC 5280 §4.2.1.6)"
            }
        }
        // §4.2.1.1, §4.2.1.2: key identifiers are never critical.
        for oid in [ExtensionOID.authorityKeyIdentifier, ExtensionOID.subjectKeyIdentifier]
        where certificate.extension(oid)?.isCritical == true {
            return "the extension \(oid.displayText) must not be critical (RFC 5280 §4.2.1.1–2)"
        }
        // §4.2.1.3: a keyUsage has at least one bit set.
        if let usage = prepared.keyUsage, usage.isEmpty {
            return "keyUsage must assert at least one usage (RFC 5280 §4.2.1.3)"
        }
        // §4.2.2.1: authorityInfoAccess is never critical.
        if certificate.extension(ExtensionOID.authorityInfoAccess)?.isCritical == true {
            return "authorityInfoAccess must not be critical (RFC 5280 §4.2.2.1)"
        }
        // §4.2.1.10: nameConstraints only in CA certificates.
        if prepared.nameConstraints != nil && !prepared.isCA {
            return "nameConstraints may appear only in CA certificates (RFC 5280 §4.2.1.10)"
        }
        // §4.2.1.3 and §4.2.1.9: keyCertSign only with cA TRUE.
        if let usage = prepared.keyUsage, usage.contains(.keyCertSign), !prepared.isCA {
            return "keyUsage asserts keyCertSign but basicConstraints cA is not TRUE (RFC 5280 §4.2.1.3)"
        }
        return nil
    }

    /// The options' algorithm and key rules for a certificate signed by `issuerKey`.
    func algorithmProblem(_ certificate: Certificate, issuerKey: PublicKey?) -> (PathValidationFailure.Code, String)? {
        guard let algorithm = try? certificate.signatureAlgorithmChecked() else {
            return (
                .unsupportedAlgorithm,
                "signature algorithm \(certificate.signatureAlgorithm.algorithm.displayText) is unknown or its parameters are wrong"
            )
        }
        if let allowed = options.allowedSignatureAlgorithms, !allowed.contains(algorithm.oid) {
            return (.unsupportedAlgorithm, "\(algorithm) is not among the allowed signature algorithms")
        }
        // SHA-1 and DSA are legacy: accepted only as ValidationOptions.legacyAlgorithms says.
        let isDSA: Bool
        if case .dsa = algorithm.scheme { isDSA = true } else { isDSA = false }
        if algorithm.hash == .insecureSHA1 || isDSA {
            let what = isDSA ? "DSA signatures" : "SHA-1 signatures"
            switch options.legacyAlgorithms {
            case .always: break
            case .never: return (.unsupportedAlgorithm, "\(what) are not accepted (legacyAlgorithms is .never)")
            case .before(let cutoff):
                if options.time >= cutoff {
                    return (.unsupportedAlgorithm, "\(what) are accepted only at validation times before \(cutoff)")
                }
            }
        }
        guard let issuerKey else {
            return (.unsupportedAlgorithm, "the issuer's key algorithm is not supported")
        }
        if let problem = keySizeProblem(issuerKey) { return (.weakKey, "the issuer's \(problem)") }
        return nil
    }

    /// The options' minimum key sizes (RSA modulus bits; curve bits for ECDSA, SM2 and Ed25519).
    func keySizeProblem(_ key: PublicKey) -> String? {
        let minimumRSA = options.profile == .webpki ? max(options.minimumRSABits, 2048) : options.minimumRSABits
        switch key.algorithm {
        case .rsa where key.bitCount < minimumRSA:
            return "RSA key has \(key.bitCount) bits; at least \(minimumRSA) are required"
        case .dsa where key.bitCount < minimumRSA:
            return "DSA key has \(key.bitCount) bits; at least \(minimumRSA) are required"
        case .rsa, .dsa:
            return nil
        default:
            guard key.bitCount >= options.minimumEllipticCurveBits else {
                return
                    "\(key.algorithm) key has \(key.bitCount) bits; at least \(options.minimumEllipticCurveBits) are required"
            }
            return nil
        }
    }

    /// Name-constraint encodings that cannot be evaluated: iPAddress subtrees that are not an address and a
    /// prefix mask of the same family; rfc822Name subtrees with more than one `@`; and, under webpki, dNSName
    /// subtrees with a wildcard or a leading dot (BR §7.1.2.10.8 takes them as plain DNS names).
    func nameConstraintsProblem(_ constraints: NameConstraints) -> String? {
        for subtree in (constraints.permittedSubtrees ?? []) + constraints.excludedSubtrees {
            switch subtree {
            case .ipAddress(let range):
                guard NameMatching.hasContiguousMask(range) else {
                    return "the iPAddress name constraint \(subtree) is not an address and a prefix mask"
                }
            case .rfc822Name(let mailbox):
                if mailbox.filter({ $0 == "@" }).count > 1 {
                    return "the rfc822Name name constraint \(mailbox) is malformed"
                }
            case .dnsName(let name):
                if options.profile == .webpki && (name.contains("*") || name.hasPrefix(".")) {
                    return "the dNSName name constraint \(name) is malformed (no wildcards or leading dots)"
                }
            default:
                break
            }
        }
        return nil
    }
}
