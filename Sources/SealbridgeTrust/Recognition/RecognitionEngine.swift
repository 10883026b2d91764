public import SealbridgeCrypto
public import SealbridgeX509
public import SwiftASN1

/// What the recognition engine needs to know about a validated signature.
public struct RecognitionQuery: Sendable {
    /// The framework whose anchor the signer's chain reached.
    public var framework: TrustFramework
    /// The level that anchor conferred.
    public var level: String
    /// Where the relying party is (ISO 3166-1 alpha-2, or `EU`).
    public var relyingJurisdiction: String
    /// The kind of document (e.g. `invoice`, `certificate-of-origin`, `bill-of-lading`, `contract`).
    public var documentKind: String
    /// The time the question is asked for (the signing time when proven, else the validation time).
    public var time: X509Time
    /// The certificate policies valid for the path.
    public var policies: Set<ASN1ObjectIdentifier>
    /// The signature algorithm.
    public var signatureAlgorithm: ASN1ObjectIdentifier
    /// The signer's key.
    public var signerKey: PublicKey
    /// The qcStatements in the signer's certificate (statement identifiers and QcType values).
    public var qcStatements: Set<ASN1ObjectIdentifier>
    /// The signer's certificate, for the conditions on its content and issuance; without it those conditions fail.
    public var signerCertificate: Certificate?
    /// A legal person's seal or a natural person's signature, when the signature's facts establish it.
    public var signatureType: SignatureType?

    /// Makes a query.
    public init(
        framework: TrustFramework,
        level: String,
        relyingJurisdiction: String,
        documentKind: String,
        time: X509Time,
        policies: Set<ASN1ObjectIdentifier>,
        signatureAlgorithm: ASN1ObjectIdentifier,
        signerKey: PublicKey,
        qcStatements: Set<ASN1ObjectIdentifier> = [],
        signerCertificate: Certificate? = nil,
        signatureType: SignatureType? = nil
    ) {
        self.framework = framework
        self.level = level
        self.relyingJurisdiction = relyingJurisdiction
        self.documentKind = documentKind
        self.time = time
        self.policies = policies
        self.signatureAlgorithm = signatureAlgorithm
        self.signerKey = signerKey
        self.qcStatements = qcStatements
        self.signerCertificate = signerCertificate
        self.signatureType = signatureType
    }
}

/// The legal answer for a relying party, reported beside the EN 319 102-1 indication and never mixed into it.
public enum RecognitionVerdict: Sendable, Hashable {
    /// The framework is the relying jurisdiction's own (or an EU framework relied on in a member state).
    case domestic(framework: String, level: String)
    /// Recognised under an agreement, at a domestic level.
    case recognised(agreement: String, legalBasis: String, domesticLevel: String)
    /// Not recognised, with every reason found.
    case notRecognised([NonRecognitionReason])
}

/// Why a signature is not recognised in a jurisdiction.
public enum NonRecognitionReason: Sendable, Hashable, CustomStringConvertible {
    /// No agreement of the relying jurisdiction covers the framework.
    case noAgreement(framework: String, jurisdiction: String)
    /// The agreement is not in force as published.
    case notInForce(agreement: String, status: RecognitionAgreement.Status)
    /// The time is before the agreement takes effect.
    case notYetInForce(agreement: String, effective: X509Time)
    /// The time is at or after the agreement's expiry.
    case expired(agreement: String, expires: X509Time)
    /// The document kind is outside the agreement's scope.
    case outOfScope(agreement: String, documentKind: String)
    /// The agreement does not map the level the anchor conferred.
    case levelNotCovered(agreement: String, level: String)
    /// A named condition failed.
    case conditionFailed(agreement: String, condition: String, detail: String)

    /// One sentence.
    public var description: String {
        switch self {
        case .noAgreement(let framework, let jurisdiction):
            return "no recognition agreement of \(jurisdiction) covers framework \(framework)"
        case .notInForce(let agreement, let status):
            return "agreement \(agreement) is \(status.rawValue), not in force"
        case .notYetInForce(let agreement, let effective):
            return "agreement \(agreement) takes effect only at \(effective)"
        case .expired(let agreement, let expires):
            return "agreement \(agreement) expired at \(expires)"
        case .outOfScope(let agreement, let kind):
            return "agreement \(agreement) does not cover documents of kind '\(kind)'"
        case .levelNotCovered(let agreement, let level):
            return "agreement \(agreement) does not map level '\(level)'"
        case .conditionFailed(let agreement, let condition, let detail):
            return "agreement \(agreement): condition \(condition) failed: \(detail)"
        }
    }
}

/// Decides recognition from agreements (DESIGN.md; PRC Electronic Signature Law Art. 26, eIDAS Art. 14 and
/// Art. 25(3)): domestic first, then every agreement of the relying jurisdiction for the framework; the first
/// that holds wins, otherwise every reason from every candidate is reported.
public struct RecognitionEngine: Sendable {
    /// The agreements known.
    public let agreements: [RecognitionAgreement]

    /// Makes an engine.
    public init(agreements: [RecognitionAgreement]) {
        self.agreements = agreements
    }

    /// The verdict for `query`.
    public func verdict(for query: RecognitionQuery) -> RecognitionVerdict {
        if Jurisdiction.isDomestic(framework: query.framework.jurisdiction, relying: query.relyingJurisdiction) {
            return .domestic(framework: query.framework.id, level: query.level)
        }
        let candidates = agreements.filter {
            $0.recognisedFramework == query.framework.id
                && Jurisdiction.binds(recognising: $0.recognisingJurisdiction, relying: query.relyingJurisdiction)
        }
        guard !candidates.isEmpty else {
            return .notRecognised([.noAgreement(framework: query.framework.id, jurisdiction: query.relyingJurisdiction)]
            )
        }
        var reasons: [NonRecognitionReason] = []
        for agreement in candidates {
            let failures = check(agreement, query)
            if failures.isEmpty, let domestic = agreement.levelMapping[query.level] {
                return .recognised(agreement: agreement.id, legalBasis: agreement.legalBasis, domesticLevel: domestic)
            }
            reasons += failures
        }
        return .notRecognised(reasons)
    }

    private func check(_ agreement: RecognitionAgreement, _ query: RecognitionQuery) -> [NonRecognitionReason] {
        var reasons: [NonRecognitionReason] = []
        if agreement.status != .inForce {
            reasons.append(.notInForce(agreement: agreement.id, status: agreement.status))
        }
        if query.time < agreement.effective {
            reasons.append(.notYetInForce(agreement: agreement.id, effective: agreement.effective))
        }
        if let expires = agreement.expires, query.time >= expires {
            reasons.append(.expired(agreement: agreement.id, expires: expires))
        }
        if !agreement.scope.contains("any"), !agreement.scope.contains(query.documentKind) {
            reasons.append(.outOfScope(agreement: agreement.id, documentKind: query.documentKind))
        }
        if agreement.levelMapping[query.level] == nil {
            reasons.append(.levelNotCovered(agreement: agreement.id, level: query.level))
        }
        let conditions = agreement.conditions
        if !conditions.policies.isEmpty,
            !query.policies.contains(where: { policy in conditions.policies.contains { $0.matches(policy) } })
        {
            reasons.append(
                .conditionFailed(
                    agreement: agreement.id,
                    condition: "policies",
                    detail:
                        "none of \(conditions.policies.map(\.description).joined(separator: ", ")) is valid for the path"
                )
            )
        }
        if !conditions.signatureAlgorithms.isEmpty, !conditions.signatureAlgorithms.contains(query.signatureAlgorithm) {
            reasons.append(
                .conditionFailed(
                    agreement: agreement.id,
                    condition: "signature_algorithms",
                    detail: "\(query.signatureAlgorithm.displayText) is not allowed"
                )
            )
        }
        let bits = query.signerKey.bitCount
        if query.signerKey.algorithm == .rsa, let minimum = conditions.minimumRSABits, bits < minimum {
            reasons.append(
                .conditionFailed(agreement: agreement.id, condition: "minimum_rsa_bits", detail: "\(bits) < \(minimum)")
            )
        }
        if query.signerKey.algorithm != .rsa, query.signerKey.algorithm != .ed25519,
            let minimum = conditions.minimumEllipticCurveBits, bits < minimum
        {
            reasons.append(
                .conditionFailed(agreement: agreement.id, condition: "minimum_ec_bits", detail: "\(bits) < \(minimum)")
            )
        }
        let missing = conditions.qcStatements.filter { !query.qcStatements.contains($0) }
        if !missing.isEmpty {
            reasons.append(
                .conditionFailed(
                    agreement: agreement.id,
                    condition: "qc_statements",
                    detail: "missing \(missing.map(\.displayText).joined(separator: ", "))"
                )
            )
        }
        if !conditions.signatureTypes.isEmpty, !(query.signatureType.map(conditions.signatureTypes.contains) ?? false) {
            let allowed = conditions.signatureTypes.map { $0.rawValue }.sorted().joined(separator: ", ")
            reasons.append(
                .conditionFailed(
                    agreement: agreement.id,
                    condition: "signature_types",
                    detail: query.signatureType.map { "a \($0.rawValue) is not covered (only \(allowed))" }
                        ?? "nothing establishes whether this is a seal or a signature (the agreement covers \(allowed))"
                )
            )
        }
        reasons += certificateConditions(agreement, query)
        return reasons
    }

    /// The conditions on the signer's certificate itself: its content (named criteria lists) and when it was
    /// issued.
    private func certificateConditions(
        _ agreement: RecognitionAgreement,
        _ query: RecognitionQuery
    ) -> [NonRecognitionReason] {
        let conditions = agreement.conditions
        guard !conditions.certificate.isEmpty || conditions.certificateIssuedInForce else { return [] }
        guard let certificate = query.signerCertificate else {
            return [
                .conditionFailed(
                    agreement: agreement.id,
                    condition: "certificate",
                    detail: "the signer's certificate is not known, so its content cannot be checked"
                )
            ]
        }
        var reasons: [NonRecognitionReason] = []
        for named in conditions.certificate where !named.criteria.isSatisfied(by: certificate) {
            reasons.append(
                .conditionFailed(
                    agreement: agreement.id,
                    condition: "certificate \(named.name)",
                    detail: "the signer's certificate does not meet \(named.criteria)"
                )
            )
        }
        if conditions.certificateIssuedInForce {
            let issued = certificate.notBefore
            if issued < agreement.effective || agreement.expires.map({ issued >= $0 }) ?? false {
                let term = "\(agreement.effective) – \(agreement.expires.map(\.description) ?? "open-ended")"
                reasons.append(
                    .conditionFailed(
                        agreement: agreement.id,
                        condition: "certificate_issued_in_force",
                        detail: "the signer's certificate was issued at \(issued), outside the agreement's term \(term)"
                    )
                )
            }
        }
        return reasons
    }
}
