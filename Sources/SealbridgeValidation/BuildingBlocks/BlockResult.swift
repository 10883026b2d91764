/// What one EN 319 102-1 building block concluded: PASSED, a failing sub-indication (whose main indication is
/// TOTAL_FAILED or INDETERMINATE, Table 5), or not run; with the detail in words.
public struct BlockResult: Sendable, Hashable {
    /// The block's status.
    public enum Status: Sendable, Hashable {
        /// PASSED.
        case passed
        /// FAILED or INDETERMINATE, by the sub-indication's main indication.
        case failing(SubIndication)
        /// Not run: an earlier block decided, or it does not apply.
        case notRun
    }

    /// The status.
    public var status: Status
    /// What was found, in words.
    public var detail: String

    /// PASSED.
    public static func passed(_ detail: String) -> BlockResult { BlockResult(status: .passed, detail: detail) }
    /// A failing sub-indication.
    public static func failing(_ sub: SubIndication, _ detail: String) -> BlockResult {
        BlockResult(status: .failing(sub), detail: detail)
    }
    /// Not run.
    public static func notRun(_ detail: String) -> BlockResult { BlockResult(status: .notRun, detail: detail) }

    /// Whether PASSED.
    public var isPassed: Bool { status == .passed }
    /// The sub-indication, when failing.
    public var subIndication: SubIndication? {
        if case .failing(let sub) = status { return sub }
        return nil
    }
    /// TOTAL_PASSED, TOTAL_FAILED or INDETERMINATE; nil when not run.
    public var indication: Indication? {
        switch status {
        case .passed: return .totalPassed
        case .failing(let sub): return sub.indication
        case .notRun: return nil
        }
    }
    /// The report's check result.
    var checkResult: CheckResult {
        switch indication {
        case .totalPassed?: return .passed
        case .totalFailed?: return .failed
        case .indeterminate?: return .indeterminate
        case nil: return .notRun
        }
    }
}

/// The EN 319 102-1 building blocks (§5.2) and the time-related steps of §5.5: small functions of evidence and
/// context, each returning a ``BlockResult``. ``conclusion(_:)`` holds the §5.3.4 precedence.
public enum BuildingBlocks {}
