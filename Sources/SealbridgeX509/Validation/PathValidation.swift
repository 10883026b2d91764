import SealbridgeCrypto
public import SwiftASN1

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
        /// The signature or key algorithm is not supported.
        public static let unsupportedAlgorithm = Code("unsupportedAlgorithm")
        /// The validation time is outside the certificate's validity (§6.1.3 (a)(2)).
        public static let expiredOrNotYetValid = Code("expiredOrNotYetValid")
        /// The issuer name does not match the previous subject (§6.1.3 (a)(4)).
        public static let nameChaining = Code("nameChaining")
        /// An intermediate is not a CA (§6.1.4 (k)).
        public static let notACA = Code("notACA")
        /// The path is longer than a pathLenConstraint allows (§6.1.4 (l)).
        public static let pathLengthExceeded = Code("pathLengthExceeded")
        /// An intermediate's keyUsage lacks keyCertSign (§6.1.4 (n)).
        public static let keyUsage = Code("keyUsage")
        /// A critical extension is not recognised (§6.1.4 (o), §6.1.5 (f)).
        public static let unrecognizedCriticalExtension = Code("unrecognizedCriticalExtension")
        /// The certificate is revoked (§6.1.3 (a)(3)).
        public static let revoked = Code("revoked")
        /// Revocation status could not be determined (no valid, current CRL).
        public static let revocationUnknown = Code("revocationUnknown")
        /// A certificate could not be parsed.
        public static let malformed = Code("malformed")

        /// The code's name.
        public var description: String { name }
    }

    /// The kind of failure.
    public let code: Code
    /// The position in the path (0 = the certificate the anchor issued).
    public let certificateIndex: Int
    /// What went wrong.
    public let reason: String

    /// `code at index: reason`.
    public var description: String { "\(code) at certificate \(certificateIndex): \(reason)" }
}

/// RFC 5280 §6.1 path validation of a given path, anchor side first, at a given time. This first version checks
/// signatures, validity, name chaining, basicConstraints and pathLenConstraint (self-issued exemption), keyUsage
/// keyCertSign and cRLSign, unknown critical extensions, and revocation from complete CRLs signed by the
/// certificate's issuer. Not yet: policy processing (§6.1.3 (d)–(f)), name constraints (§6.1.3 (b)–(c)), CRL
/// scope from distribution points, indirect and delta CRLs (§6.3), and path building.
public struct PathValidator: Sendable {
    /// The extensions this validator recognises when critical.
    public static let recognizedCriticalExtensions: Set<ASN1ObjectIdentifier> = [
        ExtensionOID.basicConstraints, ExtensionOID.keyUsage, ExtensionOID.extendedKeyUsage,
        ExtensionOID.subjectAlternativeName, ExtensionOID.issuerAlternativeName, ExtensionOID.certificatePolicies,
        ExtensionOID.policyMappings, ExtensionOID.policyConstraints, ExtensionOID.inhibitAnyPolicy,
        ExtensionOID.nameConstraints, ExtensionOID.crlDistributionPoints, ExtensionOID.subjectKeyIdentifier,
        ExtensionOID.authorityKeyIdentifier,
    ]

    /// The validation time.
    public let time: X509Time
    /// Whether revocation must be established for every certificate (a missing CRL fails the path).
    public let requireRevocationInformation: Bool

    /// Makes a validator for `time`.
    public init(time: X509Time, requireRevocationInformation: Bool = true) {
        self.time = time
        self.requireRevocationInformation = requireRevocationInformation
    }

    /// Validates `path` (anchor side first, end entity last) from `anchor` using `crls`.
    ///
    /// - Returns: `nil` when the path is valid, else the first failure found.
    public func validate(
        path: [Certificate],
        anchor: Certificate,
        crls: [CertificateRevocationList]
    ) -> PathValidationFailure? {
        // Each key is parsed once (an RSA key costs a Montgomery setup): index 0 is the anchor, i + 1 is path[i].
        let chain = [anchor] + path
        let keys = chain.map { try? $0.publicKey() }
        guard var workingKey = keys[0] else {
            return PathValidationFailure(code: .unsupportedAlgorithm, certificateIndex: -1, reason: "the anchor's key")
        }
        var workingIssuer = anchor
        var maximumPathLength = path.count
        for (index, certificate) in path.enumerated() {
            let isLast = index == path.count - 1
            func failure(_ code: PathValidationFailure.Code, _ reason: String) -> PathValidationFailure {
                PathValidationFailure(code: code, certificateIndex: index, reason: reason)
            }
            // (a)(1) signature.
            guard (try? certificate.signatureAlgorithmChecked()) != nil else {
                return failure(.unsupportedAlgorithm, "signature algorithm \(certificate.signatureAlgorithm.algorithm)")
            }
            guard certificate.isSignatureValid(issuerKey: workingKey) else {
                return failure(.badSignature, "the signature does not verify with the issuer's key")
            }
            // (a)(2) validity.
            guard certificate.notBefore <= time, time <= certificate.notAfter else {
                return failure(
                    .expiredOrNotYetValid,
                    "valid \(certificate.notBefore)…\(certificate.notAfter), not at \(time)"
                )
            }
            // (a)(4) name chaining.
            guard certificate.issuer.matches(workingIssuer.subject) else {
                return failure(.nameChaining, "issuer \(certificate.issuer) is not \(workingIssuer.subject)")
            }
            // (a)(3) revocation.
            // CRL signers: any certificate of this path with the issuer's name — the issuer itself, or across a
            // self-issued key rollover the old or the new key, which PKITS 4.5 uses (RFC 5280 §6.3.3 (f) in its
            // simplest form: every candidate is itself validated as part of this path).
            let signers = chain.indices.filter { chain[$0].subject.matches(certificate.issuer) }.compactMap {
                index -> PublicKey? in
                if let usage = try? chain[index].keyUsage(), !usage.contains(.crlSign) { return nil }
                return keys[index]
            }
            if let revocationFailure = checkRevocation(certificate, signerKeys: signers, crls: crls) {
                return failure(revocationFailure.0, revocationFailure.1)
            }
            // (o) / (f) critical extensions.
            for item in certificate.extensions
            where item.isCritical && !Self.recognizedCriticalExtensions.contains(item.oid) {
                return failure(.unrecognizedCriticalExtension, "critical extension \(item.oid)")
            }
            if isLast { break }
            // (k) basic constraints.
            guard let constraints = try? certificate.basicConstraints(), constraints.isCA else {
                return failure(.notACA, "an intermediate must have basicConstraints cA TRUE")
            }
            // (l) path length, self-issued certificates exempt.
            if !certificate.isSelfIssuedByName {
                guard maximumPathLength > 0 else {
                    return failure(.pathLengthExceeded, "a pathLenConstraint is exceeded")
                }
                maximumPathLength -= 1
            }
            // (m)
            if let limit = constraints.pathLengthConstraint, limit < maximumPathLength {
                maximumPathLength = limit
            }
            // (n) keyUsage.
            if let usage = try? certificate.keyUsage(), !usage.contains(.keyCertSign) {
                return failure(.keyUsage, "keyUsage lacks keyCertSign")
            }
            guard let key = keys[index + 1] else {
                return failure(
                    .unsupportedAlgorithm,
                    "subject key algorithm \(certificate.publicKeyAlgorithm.algorithm)"
                )
            }
            workingKey = key
            workingIssuer = certificate
        }
        return nil
    }

    /// A complete CRL for the certificate's issuer, signed by one of `signerKeys` (certificates whose keyUsage
    /// allows cRLSign), current at `time`; then the serial.
    private func checkRevocation(
        _ certificate: Certificate,
        signerKeys keys: [PublicKey],
        crls: [CertificateRevocationList]
    ) -> (PathValidationFailure.Code, String)? {
        let candidates = crls.filter { crl in
            crl.issuer.matches(certificate.issuer) && (try? crl.deltaCRLIndicator()) == nil
        }
        var sawValidCRL = false
        for crl in candidates {
            guard keys.contains(where: { crl.isSignatureValid(issuerKey: $0) }) else { continue }
            guard crl.thisUpdate <= time, crl.nextUpdate.map({ time <= $0 }) ?? true else { continue }
            guard !crl.extensions.contains(where: { $0.isCritical && $0.oid != [2, 5, 29, 20] }) else { continue }
            sawValidCRL = true
            if let entry = crl.entries.first(where: { $0.serialNumber == certificate.serialNumber }),
                entry.revocationDate <= time
            {
                // removeFromCRL (8) only appears on delta CRLs; certificateHold (6) still counts as revoked here.
                return (.revoked, "revoked on \(entry.revocationDate) (CRL of \(crl.issuer))")
            }
        }
        if !sawValidCRL && requireRevocationInformation {
            return (.revocationUnknown, "no valid, current CRL from \(certificate.issuer)")
        }
        return nil
    }
}

extension Certificate {
    /// Whether subject and issuer match under RFC 5280 §7.1 (a self-issued certificate, §6.1).
    public var isSelfIssuedByName: Bool { subject.matches(issuer) }
}
