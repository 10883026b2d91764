extension BuildingBlocks {
    /// §5.2.2 format checking: the signature can be processed at all.
    public static func formatChecking(_ evidence: SignatureEvidence) -> BlockResult {
        switch evidence.structure {
        case .wellFormed(let what): return .passed(what)
        case .malformed(let why): return .failing(.formatFailure, why)
        }
    }
}
