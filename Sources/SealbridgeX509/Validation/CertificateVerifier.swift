import SealbridgeCrypto
import SealbridgeSM
public import SwiftASN1

/// A path that validated: the certificates from the end entity up to (not including) the trust anchor, the
/// anchor, and what RFC 5280 §6.1.6 outputs.
public struct VerifiedPath: Sendable, Hashable {
    /// End entity first, the certificate the anchor issued last.
    public let certificates: [Certificate]
    /// The trust anchor the path ends at.
    public let trustAnchor: Certificate
    /// The user-constrained policy set (§6.1.5 (g)); `[anyPolicy]` when every policy is acceptable, empty when
    /// the path asserts no policy and none was required.
    public let validPolicies: Set<ASN1ObjectIdentifier>
    /// Things the caller should know that did not fail the path (e.g. a lenient SM2 user ID).
    public let notes: [String]
    /// The revocation status found for each of ``certificates``, in the same order (end entity first): good with
    /// the CRL that says so, revoked (dated after a tolerated time), or not checked and why.
    public let revocation: [CertificateRevocationStatus]
}

/// Trust anchors, decoded once and indexed by subject, to share across verifiers (a relying party's trust store).
public struct TrustStore: Sendable {
    let anchors: [PreparedCertificate]
    let anchorsBySubject: [String: [Int]]
    /// Signature results shared by every verification over this store, when it is long-lived.
    let signatureResults: SignatureResultCache?

    /// The certificates whose name and key are trusted. Under RFC 5280 their own validity and extensions are not
    /// checked (§6.1.1 (d): an anchor is a name and a key); the webpki profile checks them as the BRs require.
    /// An SM2 anchor's key gets a precomputed table (88 KiB, about a millisecond), which makes every signature it
    /// verifies about three times cheaper; a one-shot check (a command-line run) passes `precomputesKeys: false`.
    /// A long-lived store (`precomputesKeys: true`) also shares signature results between the verifications made
    /// over it: the intermediates, CRLs and TSA certificates that come back with every document are verified
    /// once, keyed by the SHA-256 of the whole signed object and the key (``SignatureResultCache``).
    public init(_ certificates: [Certificate], precomputesKeys: Bool = true) {
        let anchors = certificates.map { PreparedCertificate($0, parsesKeyNow: true, precomputesKey: precomputesKeys) }
        self.anchors = anchors
        anchorsBySubject = Dictionary(grouping: anchors.indices, by: { anchors[$0].subjectKey })
        signatureResults = precomputesKeys ? SignatureResultCache() : nil
    }

    /// The anchors.
    public var certificates: [Certificate] { anchors.map(\.certificate) }
}

/// The answer of ``CertificateVerifier/verify(_:)``: a validated path, or why none exists.
public enum VerificationResult: Sendable, Hashable {
    /// A path to a trust anchor validated.
    case valid(VerifiedPath)
    /// No path validated; the failure of the most promising one (or of path building).
    case invalid(PathValidationFailure)

    /// Whether a path validated.
    public var isValid: Bool {
        if case .valid = self { return true }
        return false
    }
}

/// Builds and validates certification paths (RFC 5280 §6; RFC 4158 for building) from an end-entity certificate
/// through any of the supplied intermediates to any trust anchor, with backtracking over every candidate issuer
/// (cross-certificates, re-keyed CAs, loops, irrelevant certificates) and revocation from the supplied CRLs.
///
/// The work one call can do is bounded by ``ValidationOptions/maximumSignatureChecks``,
/// ``ValidationOptions/maximumCandidatePaths`` and ``ValidationOptions/maximumIntermediates``; signature results are
/// cached per (issuer key, signed object) within a call, so a repeated intermediate costs one verification.
///
/// ```swift
/// let verifier = CertificateVerifier(trustAnchors: roots, intermediates: pool, crls: crls, options: options)
/// switch verifier.verify(leaf) { case .valid(let path): … case .invalid(let failure): … }
/// ```
public struct CertificateVerifier: Sendable {
    let trustStore: TrustStore
    let pool: [PreparedCertificate]
    let crls: [CertificateRevocationList]
    /// The options every call uses.
    public let options: ValidationOptions
    let poolBySubject: [String: [Int]]

    var anchors: [PreparedCertificate] { trustStore.anchors }
    var anchorsBySubject: [String: [Int]] { trustStore.anchorsBySubject }

    /// Makes a verifier. The certificates are decoded once here, so one verifier can check many leaves.
    ///
    /// - Parameters:
    ///   - trustAnchors: Certificates whose name and key are trusted; their own validity and extensions are not
    ///     checked (RFC 5280 §6.1.1 (d): an anchor is a name and a key).
    ///   - intermediates: Untrusted certificates that may be used to build a path, in any order.
    ///   - crls: CRLs for revocation checking.
    ///   - options: What to check.
    public init(
        trustAnchors: [Certificate],
        intermediates: [Certificate] = [],
        crls: [CertificateRevocationList] = [],
        options: ValidationOptions
    ) {
        self.init(trustStore: TrustStore(trustAnchors), intermediates: intermediates, crls: crls, options: options)
    }

    /// Makes a verifier over a shared trust store.
    ///
    /// - Parameters:
    ///   - trustStore: The trust anchors.
    ///   - intermediates: Untrusted certificates that may be used to build a path, in any order.
    ///   - crls: CRLs for revocation checking.
    ///   - options: What to check.
    public init(
        trustStore: TrustStore,
        intermediates: [Certificate] = [],
        crls: [CertificateRevocationList] = [],
        options: ValidationOptions
    ) {
        let pool = intermediates.map(PreparedCertificate.init)
        self.trustStore = trustStore
        self.pool = pool
        self.crls = crls
        self.options = options
        poolBySubject = Dictionary(grouping: pool.indices, by: { pool[$0].subjectKey })
    }

    /// Finds a valid path for `leaf`.
    ///
    /// - Returns: The first path that validates, or the failure that best explains why none does.
    public func verify(_ leaf: Certificate) -> VerificationResult {
        verify(leaf, options: options)
    }

    /// Finds a valid path for `leaf` under other options (another time, another revocation rule), reusing the
    /// certificates and CRLs this verifier decoded: a signature validated at the current time and at a proven
    /// earlier time needs one verifier, not two.
    public func verify(_ leaf: Certificate, options: ValidationOptions) -> VerificationResult {
        let prepared = PreparedCertificate(leaf, parsesKeyNow: false)
        if options.trustsAnchorAsEndEntity,
            let anchor = (anchorsBySubject[prepared.subjectKey] ?? []).lazy.map({ self.anchors[$0] })
                .first(where: { $0.certificate.derBytes == leaf.derBytes })
        {
            return Self.directlyTrusted(anchor, at: options.time)
        }
        return PathSearch(verifier: self, options: options).verify(prepared)
    }

    /// The path of an end entity that is itself a trust anchor: the anchor alone, within its validity period.
    private static func directlyTrusted(_ anchor: PreparedCertificate, at time: X509Time) -> VerificationResult {
        let certificate = anchor.certificate
        guard certificate.notBefore <= time, time <= certificate.notAfter else {
            return .invalid(
                .init(
                    .expiredOrNotYetValid,
                    0,
                    anchor,
                    "the certificate, trusted directly, is valid from \(certificate.notBefore) to "
                        + "\(certificate.notAfter), not at \(time)",
                    pathLength: 1
                )
            )
        }
        return .valid(
            VerifiedPath(
                certificates: [],
                trustAnchor: certificate,
                validPolicies: [CertificatePolicies.anyPolicy],
                notes: ["the end-entity certificate is itself a trust anchor and is trusted directly"],
                revocation: []
            )
        )
    }
}

/// One verification's mutable state: the signature cache and the work budget.
final class PathSearch {
    let verifier: CertificateVerifier
    let options: ValidationOptions
    private var signatureCache: [SignatureCacheKey: SignatureResultCache.Outcome] = [:]
    private(set) var signatureChecks = 0
    private var candidatePaths = 0
    /// Certificates whose CRL-signer path is being validated (guards circular CRL-issuer dependencies, PKITS
    /// 4.14.30: such a certificate is accepted provisionally as a CRL signer while its own path is checked).
    var crlSignersInProgress: Set<[UInt8]> = []
    /// Certificates whose SM2 signature verified only with an empty user ID.
    var emptyUserIDSignatures: Set<[UInt8]> = []
    /// DSA keys completed with inherited parameters during validation, by certificate DER.
    var inheritedKeys: [[UInt8]: PublicKey] = [:]

    struct SignatureCacheKey: Hashable {
        let issuerKey: [UInt8]
        let signedObject: [UInt8]

        /// Hashes the lengths and the last 32 bytes of each (the key's point or modulus tail and the signature
        /// value), which differ between distinct inputs in practice; equality still compares everything. Hashing
        /// whole certificates byte by byte cost 9% of a cold chain validation.
        func hash(into hasher: inout Hasher) {
            hasher.combine(issuerKey.count)
            hasher.combine(signedObject.count)
            issuerKey.suffix(32).withUnsafeBytes { hasher.combine(bytes: $0) }
            signedObject.suffix(32).withUnsafeBytes { hasher.combine(bytes: $0) }
        }
    }

    init(verifier: CertificateVerifier, options: ValidationOptions) {
        self.verifier = verifier
        self.options = options
    }

    /// Candidate issuers looked at (a pool of thousands of same-named certificates costs work even when loop
    /// detection or the signature cache answers quickly).
    var candidateSteps = 0
    static let maximumCandidateSteps = 200_000

    var isOverBudget: Bool {
        signatureChecks > options.maximumSignatureChecks || candidatePaths > options.maximumCandidatePaths
            || candidateSteps > Self.maximumCandidateSteps
    }

    /// Whether `certificate` is signed by `issuer`'s key, cached. A DSA issuer whose key inherits its parameters
    /// cannot be checked before its own issuer is known: path building lets it through and validation, which
    /// walks from the anchor with the inherited parameters, decides.
    func isSignature(of certificate: Certificate, validWith issuer: PreparedCertificate) -> Bool {
        guard let key = issuer.publicKey else { return issuer.inheritsDSAParameters }
        return isSignature(of: certificate, validWithKey: key)
    }

    /// Whether `certificate` is signed by `key`, cached. SM2 signatures use the default ID; with
    /// ``SM2Compatibility/insecureEmptyUserID`` in ``ValidationOptions/sm2Compatibility`` an empty ID is tried next and noted.
    func isSignature(of certificate: Certificate, validWithKey key: PublicKey) -> Bool {
        let cacheKey = SignatureCacheKey(issuerKey: key.derRepresentation, signedObject: certificate.derBytes)
        let outcome = signatureOutcome(cacheKey) {
            if certificate.isSignatureValid(issuerKey: key) { return .valid }
            guard options.sm2Compatibility.contains(.insecureEmptyUserID), key.algorithm == .sm2,
                certificate.signatureUnusedBits == 0,
                certificate.signatureAlgorithm == certificate.tbsSignatureAlgorithm,
                let algorithm = try? SignatureAlgorithm(identifier: certificate.signatureAlgorithm),
                key.isValidSignature(
                    Array(certificate.signature),
                    for: Array(certificate.tbsCertificateBytes),
                    algorithm: algorithm,
                    sm2UserID: []
                )
            else { return .invalid }
            return .validWithEmptyUserID
        }
        if outcome == .validWithEmptyUserID { emptyUserIDSignatures.insert(certificate.derBytes) }
        return outcome != .invalid
    }

    /// Whether `crl` is signed by `signer`'s key, cached.
    func isSignature(of crl: CertificateRevocationList, validWith signer: PreparedCertificate) -> Bool {
        guard let key = signer.publicKey ?? inheritedKeys[signer.certificate.derBytes] else { return false }
        let cacheKey = SignatureCacheKey(issuerKey: key.derRepresentation, signedObject: crl.derBytes)
        return signatureOutcome(cacheKey) { crl.isSignatureValid(issuerKey: key) ? .valid : .invalid } == .valid
    }

    /// The outcome for a signed object: from this search's cache, else from the store's shared results (when it
    /// shares them), else from `check` — counted against the budget and recorded in both.
    func signatureOutcome(
        _ cacheKey: SignatureCacheKey,
        check: () -> SignatureResultCache.Outcome
    ) -> SignatureResultCache.Outcome {
        if let known = signatureCache[cacheKey] { return known }
        let shared = verifier.trustStore.signatureResults
        let sharedKey = shared.map { _ in
            SignatureResultCache.Key(
                issuerKey: cacheKey.issuerKey,
                signedObject: cacheKey.signedObject,
                compatibility: options.sm2Compatibility
            )
        }
        if let shared, let sharedKey, let outcome = shared.outcome(for: sharedKey) {
            signatureCache[cacheKey] = outcome
            return outcome
        }
        signatureChecks += 1
        let outcome = check()
        signatureCache[cacheKey] = outcome
        if let shared, let sharedKey { shared.record(outcome, for: sharedKey) }
        return outcome
    }

    /// Candidate issuers of `certificate`: anchors first, then intermediates, each ordered so that a subject key
    /// identifier equal to the certificate's authority key identifier comes first and a different one last.
    func issuerCandidates(of certificate: PreparedCertificate) -> [(PreparedCertificate, isAnchor: Bool)] {
        let wanted = certificate.authorityKeyIdentifier?.keyIdentifier
        func rank(_ candidate: PreparedCertificate) -> Int {
            guard let wanted, let identifier = candidate.subjectKeyIdentifier else { return 1 }
            return identifier == wanted ? 0 : 2
        }
        let anchors = (verifier.anchorsBySubject[certificate.issuerKey] ?? []).map { verifier.anchors[$0] }
        let pool = (verifier.poolBySubject[certificate.issuerKey] ?? []).map { verifier.pool[$0] }
        return anchors.sorted { rank($0) < rank($1) }.map { ($0, true) }
            + pool.sorted { rank($0) < rank($1) }.map { ($0, false) }
    }

    func verify(_ leaf: PreparedCertificate) -> VerificationResult {
        var best: PathValidationFailure?
        var bestRank = -1
        var found: VerifiedPath?
        // The path so far, end entity first.
        var chain: [PreparedCertificate] = [leaf]

        func consider(_ failure: PathValidationFailure, complete: Bool = false) {
            // Prefer a complete path's failure to a building failure, then the longest path: the one the caller
            // most likely meant.
            let rank = (complete ? 1 << 20 : 0) + failure.pathLength
            if best == nil || rank > bestRank {
                best = failure
                bestRank = rank
            }
        }

        func extend() {
            guard found == nil, !isOverBudget, let current = chain.last else { return }
            let candidates = issuerCandidates(of: current)
            if candidates.isEmpty {
                consider(
                    .init(
                        .noPathToTrustAnchor,
                        chain.count - 1,
                        current,
                        "no trust anchor or intermediate is named \(current.certificate.issuer)",
                        pathLength: chain.count
                    )
                )
            }
            /// Whether `candidate`'s key signed the current certificate; a failure is remembered.
            func isSigned(by candidate: PreparedCertificate) -> Bool {
                if isSignature(of: current.certificate, validWith: candidate) { return true }
                consider(
                    .init(
                        .badSignature,
                        chain.count - 1,
                        current,
                        "the signature does not verify with the key of \(candidate.certificate.subject)",
                        pathLength: chain.count
                    )
                )
                return false
            }
            for (candidate, isAnchor) in candidates {
                candidateSteps += 1
                guard found == nil, !isOverBudget else { return }
                if isAnchor {
                    guard isSigned(by: candidate) else { continue }
                    candidatePaths += 1
                    let path = Array(chain.reversed())
                    switch validate(path: path, anchor: candidate) {
                    case .success(let output):
                        let notes = chain.filter { emptyUserIDSignatures.contains($0.certificate.derBytes) }.map {
                            "\($0.certificate.subject): SM2 signature made with an empty user ID (OpenSSL 3.0's default), "
                                + "accepted by the insecure empty-user-ID option; GM/T 0015 asks for 1234567812345678"
                        }
                        found = VerifiedPath(
                            certificates: chain.map(\.certificate),
                            trustAnchor: candidate.certificate,
                            validPolicies: output.policies,
                            notes: notes,
                            revocation: output.revocation.reversed()
                        )
                        return
                    case .failure(let failure):
                        consider(failure, complete: true)
                    }
                    continue
                }
                // An intermediate: no loops, not longer than allowed, and it must have signed the current one.
                // A certificate, or the same subject and key in another certificate, appears at most once (RFC 4158
                // §2.4.2 loop detection; cross-signing cycles end here).
                guard
                    !chain.contains(where: {
                        $0 === candidate || $0.certificate == candidate.certificate
                            || $0.subjectKey == candidate.subjectKey
                                && $0.certificate.subjectPublicKeyInfoBytes
                                    == candidate.certificate.subjectPublicKeyInfoBytes
                    })
                else { continue }
                // The intermediate count excludes self-issued certificates (key rollovers are one logical CA, as
                // RFC 5280 §6.1.4 (l) counts them); a hard cap still bounds a chain of self-issued ones.
                let logicalIntermediates =
                    chain.dropFirst().filter { !$0.isSelfIssued }.count + (candidate.isSelfIssued ? 0 : 1)
                guard logicalIntermediates <= options.maximumIntermediates,
                    chain.count <= 2 * options.maximumIntermediates + 2
                else {
                    consider(
                        .init(
                            .pathTooLong,
                            chain.count,
                            candidate,
                            "more than \(options.maximumIntermediates) intermediates",
                            pathLength: chain.count + 1
                        )
                    )
                    continue
                }
                guard isSigned(by: candidate) else { continue }
                chain.append(candidate)
                extend()
                chain.removeLast()
            }
        }

        extend()
        if let found { return .valid(found) }
        if isOverBudget {
            return .invalid(
                .init(
                    .workLimitExceeded,
                    0,
                    leaf,
                    "path building gave up after \(signatureChecks) signature checks, \(candidatePaths) candidate paths and \(candidateSteps) candidate issuers",
                    pathLength: 0
                )
            )
        }
        return .invalid(
            best
                ?? .init(
                    .noPathToTrustAnchor,
                    0,
                    leaf,
                    "no trust anchor or intermediate is named \(leaf.certificate.issuer)",
                    pathLength: 0
                )
        )
    }
}
