public import SealbridgeX509
public import SwiftASN1

/// A `CriteriaList` (ETSI TS 119 612 §5.5.9.2.1): conditions on a certificate's content, combined by `assert`.
/// Trusted lists use it to say which certificates a qualifier applies to; the EU mutual-recognition extension
/// (`mra_schema_v2`) uses it to say which third-country certificates count as EU QcCompliance, QcType or QcQSCD,
/// adding `QcStatementSet` to the `otherCriteriaList`.
///
/// Each child element is one criterion; a criterion that groups several values (a `KeyUsage` with several bits,
/// a `PolicySet`, a `QcStatementSet`) holds when all of them hold, as DSS's `CriteriaListConverter` reads it.
public struct CertificateCriteria: Sendable, Hashable {
    /// `assert`: how the criteria combine.
    public enum Assertion: String, Sendable, Hashable, CaseIterable {
        /// Every criterion holds (no criterion: holds).
        case all
        /// At least one criterion holds (no criterion: does not hold).
        case atLeastOne
        /// No criterion holds.
        case none
    }

    /// One qcStatement the certificate must carry (`mra:QcStatement`).
    public struct QCStatementCriterion: Sendable, Hashable {
        /// The statement's identifier, e.g. QcCompliance 0.4.0.1862.1.1.
        public var id: ASN1ObjectIdentifier
        /// A QcType value the statement must list (`mra:QcStatementInfo/mra:QcType`), e.g. 0.4.0.1862.1.6.1.
        public var type: ASN1ObjectIdentifier?
        /// A QcCClegislation country the statement must list (`mra:QcStatementInfo/mra:QcCClegislation`).
        public var legislation: String?

        /// Makes a criterion.
        public init(id: ASN1ObjectIdentifier, type: ASN1ObjectIdentifier? = nil, legislation: String? = nil) {
            self.id = id
            self.type = type
            self.legislation = legislation
        }
    }

    /// One criterion of the list.
    public enum Criterion: Sendable, Hashable {
        /// `KeyUsage`: each named bit (RFC 5280 names, e.g. `nonRepudiation`) is set or clear as given.
        case keyUsage([String: Bool])
        /// `PolicySet`: every policy is asserted in the certificate's certificatePolicies.
        case policySet([ASN1ObjectIdentifier])
        /// `ExtendedKeyUsage`: every purpose is in the certificate's extKeyUsage.
        case extendedKeyUsage([ASN1ObjectIdentifier])
        /// `CertSubjectDNAttribute`: every attribute type appears in the subject.
        case subjectAttributes([ASN1ObjectIdentifier])
        /// `mra:QcStatementSet`: every statement is in the certificate's qcStatements.
        case qcStatementSet([QCStatementCriterion])
        /// A nested `CriteriaList`.
        case criteria(CertificateCriteria)
    }

    /// How the criteria combine.
    public var assertion: Assertion
    /// The criteria.
    public var criteria: [Criterion]

    /// Makes a list.
    public init(assertion: Assertion, criteria: [Criterion]) {
        self.assertion = assertion
        self.criteria = criteria
    }

    /// The deepest nesting of `CriteriaList` read; real lists nest two or three levels.
    public static let maximumDepth = 8

    /// Whether `certificate` meets the list.
    public func isSatisfied(by certificate: Certificate) -> Bool {
        let content = CertificateContent(certificate)
        return isSatisfied(by: content)
    }

    private func isSatisfied(by content: CertificateContent) -> Bool {
        let results = criteria.lazy.map { $0.isSatisfied(by: content) }
        switch assertion {
        case .all: return results.allSatisfy { $0 }
        case .atLeastOne: return results.contains(true)
        case .none: return !results.contains(true)
        }
    }

    /// The certificate content criteria look at, read once.
    fileprivate struct CertificateContent {
        let keyUsage: KeyUsage
        let policies: Set<ASN1ObjectIdentifier>
        let extendedKeyUsage: Set<ASN1ObjectIdentifier>
        let subjectAttributes: Set<ASN1ObjectIdentifier>
        let qcStatements: QCStatements?

        init(_ certificate: Certificate) {
            // A certificate without keyUsage has no bit set, as DSS's KeyUsageCondition reads it.
            keyUsage = ((try? certificate.keyUsage()) ?? nil) ?? []
            policies = Set(((try? certificate.certificatePolicies()) ?? nil)?.policies.map(\.identifier) ?? [])
            extendedKeyUsage = Set(((try? certificate.extendedKeyUsage()) ?? nil) ?? [])
            subjectAttributes = Set(certificate.subject.relativeNames.joined().map(\.type))
            qcStatements = (try? certificate.qcStatements()) ?? nil
        }
    }
}

extension CertificateCriteria.Criterion {
    fileprivate func isSatisfied(by content: CertificateCriteria.CertificateContent) -> Bool {
        switch self {
        case .keyUsage(let bits):
            return bits.allSatisfy { name, value in
                KeyUsage.named(name).map { content.keyUsage.contains($0) == value } ?? false
            }
        case .policySet(let policies):
            return policies.allSatisfy(content.policies.contains)
        case .extendedKeyUsage(let purposes):
            return purposes.allSatisfy(content.extendedKeyUsage.contains)
        case .subjectAttributes(let types):
            return types.allSatisfy(content.subjectAttributes.contains)
        case .qcStatementSet(let statements):
            guard let present = content.qcStatements else { return false }
            return statements.allSatisfy { statement in
                present.statements.keys.contains(statement.id)
                    && (statement.type.map { present.types.contains($0) } ?? true)
                    && (statement.legislation.map { present.legislationCountries.contains($0.uppercased()) } ?? true)
            }
        case .criteria(let nested):
            return nested.isSatisfied(by: content)
        }
    }
}

extension CertificateCriteria: CustomStringConvertible {
    /// A one-line rendering for reports and `agreements list`, e.g.
    /// `all(qc 0.4.0.1862.1.1 & qc 0.4.0.1862.1.7 legislation ZZ)`.
    public var description: String {
        "\(assertion.rawValue)(\(criteria.map(\.description).joined(separator: ", ")))"
    }
}

extension CertificateCriteria.Criterion: CustomStringConvertible {
    /// One criterion in words.
    public var description: String {
        switch self {
        case .keyUsage(let bits):
            return bits.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " & ")
        case .policySet(let policies):
            return policies.map { "policy \($0.dottedText)" }.joined(separator: " & ")
        case .extendedKeyUsage(let purposes):
            return purposes.map { "eku \($0.dottedText)" }.joined(separator: " & ")
        case .subjectAttributes(let types):
            return types.map { "subject \($0.dottedText)" }.joined(separator: " & ")
        case .qcStatementSet(let statements):
            return statements.map { statement in
                "qc \(statement.id.dottedText)" + (statement.type.map { " type \($0.dottedText)" } ?? "")
                    + (statement.legislation.map { " legislation \($0)" } ?? "")
            }.joined(separator: " & ")
        case .criteria(let nested):
            return nested.description
        }
    }
}
