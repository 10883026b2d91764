public import SealbridgeX509

extension TrustedList {
    /// The EU mutual-recognition extension of a list of the lists' pointer (`mra:MutualRecognitionAgreementInformation`,
    /// namespace `http://ec.europa.eu/tools/lotl/mra/schema/v2#`, carried in the pointer's `AdditionalInformation`):
    /// how the trust services of the pointed (third-country) list are equivalent to the pointing (EU) list's.
    ///
    /// "Pointing party" is the list holding the pointer (the EU LOTL), "pointed party" the third-country list.
    /// Sealbridge turns each equivalence period into a ``RecognitionAgreement`` (see
    /// `docs/design-notes/eu-mra-agreements.md`).
    public struct MutualRecognition: Sendable {
        /// `@technicalType`.
        public let technicalType: Int
        /// `@version`.
        public let version: Int
        /// `@MRADepth`: how far recognition reaches through the pointed list; Sealbridge recognises only the
        /// services the pointed list itself lists (depth 1), whatever the value — DSS reads no further either.
        public let depth: Int
        /// `@pointingContractingPartyLegislation`.
        public let pointingLegislation: String
        /// `@pointedContractingPartyLegislation`.
        public let pointedLegislation: String
        /// One entry per `TrustServiceEquivalenceInformation`.
        public let equivalences: [ServiceEquivalence]
    }

    /// One `TrustServiceEquivalenceInformation`: a kind of trust service of the pointed party held equivalent to
    /// one of the pointing party's, over time.
    public struct ServiceEquivalence: Sendable {
        /// `TrustServiceLegalIdentifier`, e.g. `QCForESig`.
        public let legalIdentifier: String
        /// The current information and each `TrustServiceEquivalenceHistoryInstance`, oldest first.
        public let periods: [EquivalencePeriod]

        /// The newest period.
        public var current: EquivalencePeriod { periods[periods.count - 1] }
    }

    /// `TrustServiceEquivalenceStatus`.
    public enum EquivalenceStatus: String, Sendable, Hashable, CaseIterable {
        /// `http://ec.europa.eu/tools/lotl/mra/enacted`.
        case enacted
        /// `http://ec.europa.eu/tools/lotl/mra/repealed`.
        case repealed

        /// The status URI.
        public var uri: String { "http://ec.europa.eu/tools/lotl/mra/\(rawValue)" }

        /// The status a URI names, or nil for one the schema does not define.
        public init?(uri: String) {
            guard let status = EquivalenceStatus.allCases.first(where: { $0.uri == uri }) else { return nil }
            self = status
        }
    }

    /// A service type with its `AdditionalServiceInformation` (e.g. `CA/QC` for e-signatures).
    public struct ServiceTypeReference: Sendable, Hashable {
        /// `ServiceTypeIdentifier`.
        public let type: String
        /// `AdditionalServiceInformation/URI` values.
        public let additionalInformation: [String]
    }

    /// Statuses of the pointed party held equivalent to statuses of the pointing party.
    public struct StatusEquivalence: Sendable, Hashable {
        /// From `TrustServiceTSLStatusValidEquivalence` (true) or `…InvalidEquivalence` (false).
        public let isValid: Bool
        /// The pointing party's statuses.
        public let pointing: [String]
        /// The pointed party's statuses.
        public let pointed: [String]
    }

    /// `CertificateContentReferenceEquivalenceContext`: what a content equivalence stands for.
    public enum ContentContext: String, Sendable, Hashable, CaseIterable {
        /// The certificate counts as qualified (EU QcCompliance).
        case qcCompliance = "QcCompliance"
        /// The certificate's type (QcType e-signature, e-seal, web).
        case qcType = "QcType"
        /// The key is in a qualified device (QcSSCD).
        case qcQSCD = "QcQSCD"

        /// The context URI.
        public var uri: String { "http://ec.europa.eu/tools/lotl/mra/\(rawValue)" }

        /// The context a URI names, or nil for one Sealbridge does not know (skipped with a warning, as DSS does).
        public init?(uri: String) {
            guard let context = ContentContext.allCases.first(where: { $0.uri == uri }) else { return nil }
            self = context
        }
    }

    /// `CertificateContentReferenceEquivalence`: a pointed-party certificate matching `pointed` is read as one
    /// matching `pointing`.
    public struct ContentEquivalence: Sendable, Hashable {
        /// What it stands for.
        public let context: ContentContext
        /// `CertificateContentDeclarationPointingParty`.
        public let pointing: CertificateCriteria
        /// `CertificateContentDeclarationPointedParty`: the condition on the third-country certificate.
        public let pointed: CertificateCriteria
    }

    /// An equivalence as it stood from `start` until the next period began.
    public struct EquivalencePeriod: Sendable {
        /// Enacted or repealed.
        public let status: EquivalenceStatus
        /// `TrustServiceEquivalenceStatusStartingTime`.
        public let start: X509Time
        /// The start of the next period; nil for the current one.
        public let until: X509Time?
        /// The pointing party's service types.
        public let pointingTypes: [ServiceTypeReference]
        /// The pointed party's service types.
        public let pointedTypes: [ServiceTypeReference]
        /// The status equivalences, valid ones first.
        public let statuses: [StatusEquivalence]
        /// The certificate content equivalences of known contexts.
        public let contents: [ContentEquivalence]
        /// Pointed qualifier URI → pointing qualifier URI.
        public let qualifiers: [String: String]
    }
}

extension TrustedList.EquivalencePeriod {
    /// What a pointed-party service state is, read through this equivalence: the pointing type it stands for and
    /// whether its status counts as a valid (granted) one; nil when the type or the status is not covered.
    ///
    /// A pointed type matches the service's type when its `AdditionalServiceInformation`, if given, is among the
    /// service's (DSS's `XmlTrustServiceProviderBuilder.getMRAServiceEquivalences`).
    public func translate(_ state: TrustedList.ServiceState) -> (type: TrustedList.ServiceTypeReference, isValid: Bool)?
    {
        let typeMatches = pointedTypes.contains { pointed in
            pointed.type == state.type
                && pointed.additionalInformation.allSatisfy(state.extensions.additionalServiceInformation.contains)
        }
        guard typeMatches, let pointing = pointingTypes.first,
            let status = statuses.first(where: { $0.pointed.contains(state.status) })
        else { return nil }
        return (pointing, status.isValid)
    }
}
