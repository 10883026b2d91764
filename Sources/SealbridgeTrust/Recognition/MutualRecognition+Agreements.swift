import SealbridgeX509

extension TrustedList.MutualRecognition {
    /// The recognition agreements this extension publishes: one per period of each equivalence (enacted periods
    /// in force, repealed ones terminated), so that "was it recognised when it was signed?" has the answer the
    /// list gave for that time. See `docs/design-notes/eu-mra-agreements.md`.
    ///
    /// Each agreement is made by the list of the lists' territory (`EU`) for `framework` (the pointed list read
    /// through this extension, ``TrustedList/trustFramework(id:jurisdiction:mutualRecognition:)``), maps the level
    /// of the pointing party's service type to the same EU level (`CA/QC` → `qualified`, `CA/PKC` →
    /// `non-qualified`), covers every document kind (an equivalence names services, not documents), and holds
    /// when the signer's certificate meets the pointed party's `QcCompliance` and `QcType` declarations and was
    /// issued in the period — what DSS requires before it translates a certificate (its
    /// `XmlTrustServiceProviderBuilder`). The `QcQSCD` declaration decides in DSS between a qualified signature
    /// and an advanced one with a qualified certificate, a distinction Sealbridge's levels do not make, so it is
    /// not a condition. Equivalences of services that are not CAs (time-stamping) give no agreement.
    ///
    /// - Parameters:
    ///   - listOfTheLists: the list holding the pointer (its territory recognises).
    ///   - pointer: the pointer carrying this extension.
    ///   - pointedTerritory: the pointed list's own territory (the EU pilot's pointer says `XX`, its list `ZZ`).
    ///   - framework: the id of the framework the pointed list gives.
    /// - Returns: the agreements, and in words the equivalences that gave none.
    /// - Throws: `TrustError` when the list of the lists names no territory.
    public func agreements(
        listOfTheLists: TrustedList,
        pointer: TrustedList.Pointer,
        pointedTerritory: String,
        framework: String
    ) throws -> (agreements: [RecognitionAgreement], warnings: [String]) {
        guard let recognising = listOfTheLists.territory else {
            throw TrustError(
                file: "list of the lists #\(listOfTheLists.sequenceNumber)",
                field: "SchemeInformation/SchemeTerritory",
                reason:
                    "is missing, so the jurisdiction that recognises under its mutual-recognition agreements is unknown"
            )
        }
        var agreements: [RecognitionAgreement] = []
        var warnings: [String] = []
        for equivalence in equivalences {
            let base = "mra-\(recognising)-\(pointedTerritory)-\(equivalence.legalIdentifier)".lowercased()
            for period in equivalence.periods {
                let levels = Set(period.pointingTypes.compactMap { TrustedList.level(ofServiceType: $0.type) })
                guard !levels.isEmpty else {
                    warnings.append(
                        "equivalence \(equivalence.legalIdentifier) (from \(period.start)) is for services that are "
                            + "not certification authorities; it gives no recognition agreement"
                    )
                    continue
                }
                var conditions = RecognitionAgreement.Conditions()
                conditions.certificate = period.contents
                    .filter { $0.context != .qcQSCD }
                    .map { RecognitionAgreement.NamedCriteria(name: $0.context.rawValue, criteria: $0.pointed) }
                conditions.certificateIssuedInForce = true
                let isCurrent = period.until == nil
                agreements.append(
                    try RecognitionAgreement(
                        id: isCurrent ? base : "\(base)-\(period.start.description.prefix(10))",
                        title: "\(recognising) recognition of \(pointedTerritory) trust services "
                            + "\(equivalence.legalIdentifier) (mutual-recognition list, \(pointer.territory ?? "?") pointer)",
                        legalBasis: legalBasis(listOfTheLists),
                        recognisingJurisdiction: recognising,
                        recognisedFramework: framework,
                        levelMapping: Dictionary(uniqueKeysWithValues: levels.map { ($0, $0) }),
                        scope: ["any"],
                        effective: period.start,
                        expires: period.until,
                        conditions: conditions,
                        status: period.status == .enacted ? .inForce : .terminated,
                        provenance: .listOfTheLists(
                            territory: recognising,
                            sequenceNumber: listOfTheLists.sequenceNumber,
                            pointerLocation: pointer.location,
                            legalIdentifier: equivalence.legalIdentifier,
                            periodStart: period.start
                        ),
                        source: "list of the lists #\(listOfTheLists.sequenceNumber)"
                    )
                )
            }
        }
        return (agreements, warnings)
    }

    /// eIDAS Art. 14 for the EU list of the lists; Art. 27/37 for the AdES variant (DSS's `QUAL_TL_IMRA_ANS_V1`
    /// and `_V2`); the contracting parties' legislation as the extension names it.
    private func legalBasis(_ listOfTheLists: TrustedList) -> String {
        let article =
            listOfTheLists.type == "http://ec.europa.eu/tools/lotl/mra/ades-lotl-tsl-type"
            ? "Regulation (EU) No 910/2014 (eIDAS) Art. 27 and 37 (advanced signatures and seals)"
            : "Regulation (EU) No 910/2014 (eIDAS) Art. 14 (international aspects)"
        return "\(article); mutual recognition agreement published in the list of the lists "
            + "(pointing party legislation \(pointingLegislation), pointed party legislation \(pointedLegislation))"
    }
}

extension TrustedList {
    /// The level a CA service type confers: `CA/QC` qualified, `CA/PKC` non-qualified; nil for other services.
    public static func level(ofServiceType type: String) -> String? {
        switch type {
        case ServiceType.qualifiedCA: return "qualified"
        case ServiceType.certificateAuthority: return "non-qualified"
        default: return nil
        }
    }
}
