/// The consistency rules between recognition agreements and the frameworks they name, applied by
/// `sealbridge agreements check` and by the service when it starts: an agreement that names a framework or level
/// that is not loaded would silently recognise nothing.
public enum AgreementCheck {
    /// One sentence per problem; empty when every agreement fits.
    public static func problems(_ agreements: [RecognitionAgreement], frameworks: [TrustFramework]) -> [String] {
        let known = Dictionary(frameworks.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        var problems: [String] = []
        for agreement in agreements {
            guard let framework = known[agreement.recognisedFramework] else {
                problems.append("\(agreement.id): framework '\(agreement.recognisedFramework)' is not loaded")
                continue
            }
            for level in agreement.levelMapping.keys.sorted() where !framework.levels.contains(level) {
                problems.append("\(agreement.id): level '\(level)' is not a level of \(framework.id)")
            }
            if agreement.recognisingJurisdiction == framework.jurisdiction {
                problems.append("\(agreement.id): \(framework.id) is already domestic in \(framework.jurisdiction)")
            }
        }
        return problems
    }

    /// The agreements in force for a relying party: those of the agreements folder and those the frameworks'
    /// trusted lists publish (``TrustFramework/publishedAgreements``).
    ///
    /// - Throws: `TrustError` when two agreements have the same id.
    public static func combined(
        _ agreements: [RecognitionAgreement],
        frameworks: [TrustFramework]
    ) throws -> [RecognitionAgreement] {
        let all = agreements + frameworks.flatMap(\.publishedAgreements)
        var seen: [String: RecognitionAgreement] = [:]
        for agreement in all {
            if let earlier = seen[agreement.id] {
                throw TrustError(
                    file: "\(agreement.provenance)",
                    field: "id",
                    reason: "'\(agreement.id)' is also the id of the agreement from \(earlier.provenance)"
                )
            }
            seen[agreement.id] = agreement
        }
        return all
    }
}
