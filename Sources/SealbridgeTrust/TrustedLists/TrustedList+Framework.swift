import SealbridgeX509

extension TrustedList {
    /// Service type URIs Sealbridge maps to levels (TS 119 612 §5.5.1.1).
    public enum ServiceType {
        /// A qualified CA issuing qualified certificates.
        public static let qualifiedCA = "http://uri.etsi.org/TrstSvc/Svctype/CA/QC"
        /// A CA issuing non-qualified public-key certificates.
        public static let certificateAuthority = "http://uri.etsi.org/TrstSvc/Svctype/CA/PKC"
        /// A qualified time-stamping authority.
        public static let qualifiedTimeStamping = "http://uri.etsi.org/TrstSvc/Svctype/TSA/QTST"
        /// A (non-qualified) time-stamping authority.
        public static let timeStamping = "http://uri.etsi.org/TrstSvc/Svctype/TSA"
    }

    /// The levels a trusted list's framework has, lowest first.
    public static let levels = ["non-qualified", "qualified"]

    /// Whether a status (its last URI segment) is one under which the service's output is relied on: `granted`
    /// and `recognisedatnationallevel` (TS 119 612 v5 §5.5.4), and the pre-2016 statuses `undersupervision`,
    /// `supervisionincessation`, `accredited` and `setbynationallaw` (TS 119 612 v1 — they appear in histories).
    public static func isPositive(status: String) -> Bool {
        [
            "granted", "recognisedatnationallevel", "undersupervision", "supervisionincessation", "accredited",
            "setbynationallaw",
        ].contains(lastSegment(of: status))
    }

    /// The trust framework this list publishes.
    ///
    /// Every CA service becomes anchors — each certificate of its digital identity once per period of its history
    /// in which its status was positive — with the window of that period as the anchor's constraint, so that
    /// ``TrustFramework/level(for:at:)`` decides the level at the signing time from the status history (the
    /// rule of TS 119 615 §4.4 and DSS). `CA/QC` confers `qualified`, `CA/PKC` `non-qualified`. A history instance
    /// that names the service only by subject name and key identifier (as most do) is taken to be the same key as
    /// the current certificates. Time-stamping services with a positive status at any time give the framework's
    /// TSAs. A list from an EU member state gives an `EU` framework (eIDAS Art. 25(3) and 35(3)).
    ///
    /// A third country's list announced by the EU list of the lists with a mutual-recognition extension is read
    /// through it: a service whose type and status the newest period of exactly one equivalence covers counts as
    /// the EU type it is equivalent to (`…/zz…/CA/QC/for-eSig` → `CA/QC`, `qualified`) with an EU status (valid
    /// or not); a service two equivalences cover is left out (DSS warns and applies neither); one none covers is
    /// read as it is. Whether the EU recognises the level is then the agreements' question
    /// (``MutualRecognition/agreements(listOfTheLists:pointer:pointedTerritory:framework:)``).
    ///
    /// - Parameters:
    ///   - id: the framework id; by default `tl-` and the territory, e.g. `tl-cz`.
    ///   - jurisdiction: the jurisdiction when the list names no territory (a framework.toml's).
    ///   - mutualRecognition: the extension of the pointer that announced this list, if any.
    /// - Returns: the framework, levels `non-qualified` and `qualified`.
    /// - Throws: `TrustError` when the territory is not a jurisdiction code, or there is neither.
    public func trustFramework(
        id: String? = nil,
        jurisdiction: String? = nil,
        mutualRecognition: MutualRecognition? = nil
    ) throws -> TrustFramework {
        guard let name = territory ?? jurisdiction else {
            throw TrustError(
                file: "trusted list #\(sequenceNumber)",
                field: "SchemeInformation/SchemeTerritory",
                reason: "is missing; declare the list in a framework.toml with its jurisdiction"
            )
        }
        var anchors: [TrustFramework.Anchor] = []
        var timeStampingAuthorities: [Certificate] = []
        for service in services {
            let currentCertificates = service.current.identity.certificates
            for (original, until) in service.periods {
                guard let state = Self.read(original, through: mutualRecognition) else { continue }
                let certificates =
                    state.identity.certificates.isEmpty ? currentCertificates : state.identity.certificates
                if state.type == ServiceType.qualifiedTimeStamping || state.type == ServiceType.timeStamping {
                    timeStampingAuthorities += certificates.filter { !timeStampingAuthorities.contains($0) }
                    continue
                }
                guard let level = TrustedList.level(ofServiceType: state.type) else { continue }
                var constraints = TrustFramework.AnchorConstraints()
                constraints.validFrom = state.statusStartingTime
                constraints.validUntil = until
                anchors += certificates.map { .init(certificate: $0, level: level, constraints: constraints) }
            }
        }
        // An EU member state's list confers an EU framework; a list without a territory takes the one given as is.
        let conferred =
            territory != nil && (Jurisdiction.europeanUnion.contains(name) || name == "EL") ? "EU" : name
        return try TrustFramework(
            id: id ?? "tl-\(name.lowercased())",
            jurisdiction: conferred,
            name: "\(operatorName) trusted list (\(name), sequence \(sequenceNumber))"
                + (mutualRecognition == nil ? "" : ", read through the mutual-recognition equivalences"),
            legalBasis: conferred == "EU"
                ? "Regulation (EU) No 910/2014 (eIDAS) Art. 22; Implementing Decision (EU) 2015/1505"
                : "ETSI TS 119 612 trusted list",
            levels: TrustedList.levels,
            anchors: anchors,
            timeStampingAuthorities: timeStampingAuthorities,
            source: "trusted list \(name) #\(sequenceNumber)"
        )
    }

    /// The state as the relying party reads it: as published, or as a mutual-recognition equivalence translates
    /// it; nil when its status is not one under which the service is relied on, or two equivalences cover it.
    private static func read(_ state: ServiceState, through recognition: MutualRecognition?) -> ServiceState? {
        guard let recognition else { return isPositive(status: state.status) ? state : nil }
        let translations = recognition.equivalences.compactMap { $0.current.translate(state) }
        guard let translation = translations.first else { return isPositive(status: state.status) ? state : nil }
        guard translations.count == 1, translation.isValid else { return nil }
        return ServiceState(
            type: translation.type.type,
            names: state.names,
            identity: state.identity,
            status: state.status,
            statusStartingTime: state.statusStartingTime,
            extensions: state.extensions
        )
    }
}
