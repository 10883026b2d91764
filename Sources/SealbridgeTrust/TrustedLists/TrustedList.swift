public import SealbridgeX509

/// An ETSI TS 119 612 trusted list (versions 5 and 6): the scheme, its trust service providers and their services
/// with status history, the pointers to other lists (a list of the lists), and the result of checking its own
/// signature.
public struct TrustedList: Sendable {
    /// A text in one language (`xml:lang`).
    public struct LocalizedText: Sendable, Hashable {
        /// The language tag, e.g. `en`.
        public let language: String
        /// The text.
        public let value: String
    }

    /// A pointer to another trusted list (TS 119 612 §5.3.13): in a list of the lists, the member states' lists.
    public struct Pointer: Sendable {
        /// Where the list is published.
        public let location: String
        /// The pointed list's territory.
        public let territory: String?
        /// The pointed list's `TSLType`.
        public let type: String?
        /// Its MIME type (`application/vnd.etsi.tsl+xml` for XML lists).
        public let mimeType: String?
        /// The certificates allowed to sign the pointed list.
        public let signingCertificates: [Certificate]
        /// The EU mutual-recognition extension (`mra:MutualRecognitionAgreementInformation`), when the pointer
        /// carries one: the pointed list is a third country's, recognised under an agreement.
        public let mutualRecognition: MutualRecognition?
    }

    /// A service's digital identity (TS 119 612 §5.5.3): certificates, subject names, key identifiers.
    public struct DigitalIdentity: Sendable, Hashable {
        /// `X509Certificate` values.
        public var certificates: [Certificate] = []
        /// `X509SubjectName` values.
        public var subjectNames: [String] = []
        /// `X509SKI` values (the key identifier bytes).
        public var subjectKeyIdentifiers: [[UInt8]] = []
    }

    /// A qualification element of the `Qualifications` extension (TS 119 612 §5.5.9.2): qualifiers that apply to
    /// the certificates matching the criteria.
    public struct Qualification: Sendable, Hashable {
        /// Qualifier URIs, e.g. `…/SvcInfoExt/QCQSCDStatusAsInCert`.
        public let qualifiers: [String]
        /// `CriteriaList/@assert`: `all`, `atLeastOne` or `none`.
        public let assert: String
        /// Certificate-policy identifiers named by the criteria (dotted OIDs, `urn:oid:` removed).
        public let policies: [String]
    }

    /// A service's extensions that Sealbridge reads.
    public struct ServiceExtensions: Sendable, Hashable {
        /// `Qualifications` elements.
        public var qualifications: [Qualification] = []
        /// `AdditionalServiceInformation` URIs, e.g. `…/SvcInfoExt/ForeSignatures`.
        public var additionalServiceInformation: [String] = []
    }

    /// A service's state over one period: the current information or one history instance (§5.5, §5.6).
    public struct ServiceState: Sendable {
        /// The service type URI, e.g. `http://uri.etsi.org/TrstSvc/Svctype/CA/QC`.
        public let type: String
        /// The service's names.
        public let names: [LocalizedText]
        /// The digital identity.
        public let identity: DigitalIdentity
        /// The status URI, e.g. `…/TrustedList/Svcstatus/granted`.
        public let status: String
        /// From when this status holds.
        public let statusStartingTime: X509Time
        /// Its extensions.
        public let extensions: ServiceExtensions

        /// The last path segment of the status URI (`granted`, `withdrawn`, `accredited`, …).
        public var statusName: String { lastSegment(of: status) }
    }

    /// A trust service of a provider: its current state and its history, newest first.
    public struct Service: Sendable {
        /// The current state.
        public let current: ServiceState
        /// Earlier states (`ServiceHistory`), in document order (newest first in published lists).
        public let history: [ServiceState]

        /// The state in force at `time`: the one with the latest starting time not after it, or nil when the
        /// service was not yet listed (TS 119 612 §5.6).
        public func state(at time: X509Time) -> ServiceState? {
            ([current] + history)
                .filter { $0.statusStartingTime <= time }
                .max { $0.statusStartingTime < $1.statusStartingTime }
        }

        /// Every period `[start, end)` of the service's history, oldest first; `end` nil for the current one.
        public var periods: [(state: ServiceState, until: X509Time?)] {
            let ordered = ([current] + history).sorted { $0.statusStartingTime < $1.statusStartingTime }
            return ordered.enumerated().map { index, state in
                (state, index + 1 < ordered.count ? ordered[index + 1].statusStartingTime : nil)
            }
        }
    }

    /// A trust service provider.
    public struct Provider: Sendable {
        /// `TSPName` in each language.
        public let names: [LocalizedText]
        /// `TSPTradeName` values.
        public let tradeNames: [LocalizedText]
        /// Its services.
        public let services: [Service]
    }

    /// `TSLVersionIdentifier`: 3 (TS 102 231 v3), 4 (TS 119 612 v1), 5 or 6.
    public let version: Int
    /// `TSLSequenceNumber`.
    public let sequenceNumber: Int
    /// `TSLType`.
    public let type: String
    /// `SchemeOperatorName`.
    public let operatorNames: [LocalizedText]
    /// `SchemeTerritory` (ISO 3166-1 alpha-2, `EU` for the list of the lists; Greece publishes `EL`); `nil` for
    /// the lists that leave it out (sector lists such as the German health-sector TSL), with a warning.
    public let territory: String?
    /// What the list does that the current TS 119 612 does not allow but that was tolerated (a missing
    /// `SchemeTerritory`, an older version), in words.
    public internal(set) var warnings: [String]
    /// `ListIssueDateTime`.
    public let issued: X509Time
    /// `NextUpdate`; nil for a closed list.
    public let nextUpdate: X509Time?
    /// `DistributionPoints`.
    public let distributionPoints: [String]
    /// `SchemeInformationURI` values in document order; a list of the lists names its pivots here, newest first,
    /// then the Official Journal announcement of its signing certificates.
    public let schemeInformationURIs: [String]
    /// `PointersToOtherTSL`.
    public let pointers: [Pointer]
    /// `TrustServiceProviderList`.
    public let providers: [Provider]
    /// The check of the list's own signature.
    public internal(set) var signature: XMLSignatureVerification

    /// Whether `time` is past `NextUpdate` (a stale list; TS 119 612 §5.3.15). A closed list is never fresh.
    public func isFresh(at time: X509Time) -> Bool {
        guard let nextUpdate else { return false }
        return time <= nextUpdate && issued <= time
    }

    /// Whether this is a list of the lists (`TSLType` `…/EUlistofthelists` or a non-EU `…listofthelists`).
    public var isListOfTheLists: Bool { type.lowercased().hasSuffix("listofthelists") }

    /// The pointer to `territory`'s XML list (a list of the lists points to each member state's list, TS 119 612
    /// §5.3.13; PDF twins are skipped).
    public func pointer(toTerritory territory: String) -> Pointer? {
        let candidates = pointers.filter { $0.territory == territory }
        return candidates.first { $0.mimeType == "application/vnd.etsi.tsl+xml" } ?? candidates.first
    }

    /// The pointers a list of `territory` fetched from `location` may be announced by: those naming its territory;
    /// else those at `location`; else every pointer (the list's signer then says which one it is).
    func candidatePointers(territory: String?, location: String?) -> [Pointer] {
        let byTerritory = territory.map { territory in pointers.filter { $0.territory == territory } } ?? []
        if !byTerritory.isEmpty { return byTerritory }
        let byLocation = location.map { location in pointers.filter { $0.location == location } } ?? []
        if !byLocation.isEmpty { return byLocation }
        return pointers
    }

    /// The pointer that announced `list`: among those it may be announced by (``candidatePointers(territory:location:)``),
    /// the one naming the certificate that signed it; nil when the list's signer is none of theirs.
    public func pointer(announcing list: TrustedList, location: String? = nil) -> Pointer? {
        pointer(announcing: list, among: candidatePointers(territory: list.territory, location: location))
    }

    func pointer(announcing list: TrustedList, among candidates: [Pointer]) -> Pointer? {
        guard let signer = list.signature.signerCertificate else { return nil }
        return candidates.first { $0.signingCertificates.contains(signer) }
    }

    /// Every service of every provider.
    public var services: [Service] { providers.flatMap(\.services) }

    /// The operator's name in English, else the first one given.
    public var operatorName: String { operatorNames.preferred }
}

extension Array where Element == TrustedList.LocalizedText {
    /// The English text, else the first one given, else `(unnamed)`.
    public var preferred: String {
        (first { $0.language.lowercased() == "en" } ?? first)?.value ?? "(unnamed)"
    }
}

/// The last path segment of a TS 119 612 URI (`…/Svctype/CA/QC` → `QC`, `…/Svcstatus/granted` → `granted`).
public func lastSegment(of uri: String) -> String {
    uri.split(separator: "/").last.map(String.init) ?? uri
}
