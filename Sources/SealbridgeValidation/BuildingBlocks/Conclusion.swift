/// The results of the building blocks for one signature, in the order the process ran them.
public struct BlockResults: Sendable, Hashable {
    /// §5.2.2.
    public var formatChecking: BlockResult
    /// §5.2.3.
    public var identification: BlockResult
    /// §5.2.4.
    public var contextInitialisation: BlockResult
    /// §5.2.6 with §5.5.4 step 4.
    public var x509Validation: BlockResult
    /// §5.2.7.
    public var cryptographicVerification: BlockResult
    /// §5.2.8 with §5.5.4 4c.
    public var signatureAcceptance: BlockResult
    /// §5.5.4 4e.
    public var timeStampOrder: BlockResult
    /// §5.2.6 run over the seal maker's certificate (GB/T 38540-2020 §7.3: the seal's maker must be trusted as the
    /// signer is); not run for a signature made without a seal.
    public var sealMakerValidation: BlockResult

    /// The results; blocks not given are PASSED (the §5.5.4 4e one: not run).
    public init(
        formatChecking: BlockResult = .passed(""),
        identification: BlockResult = .passed(""),
        contextInitialisation: BlockResult = .passed(""),
        x509Validation: BlockResult = .passed(""),
        cryptographicVerification: BlockResult = .passed(""),
        signatureAcceptance: BlockResult = .passed(""),
        timeStampOrder: BlockResult = .notRun(""),
        sealMakerValidation: BlockResult = .notRun("")
    ) {
        self.formatChecking = formatChecking
        self.identification = identification
        self.contextInitialisation = contextInitialisation
        self.x509Validation = x509Validation
        self.cryptographicVerification = cryptographicVerification
        self.signatureAcceptance = signatureAcceptance
        self.timeStampOrder = timeStampOrder
        self.sealMakerValidation = sealMakerValidation
    }
}

extension BuildingBlocks {
    /// The §5.3.4 / §5.5.4 precedence: the first block that did not pass decides, in this order — format,
    /// signing certificate, context; then a *proven* failure of the signature itself (HASH_FAILURE,
    /// SIG_CRYPTO_FAILURE), because a forged or altered document is invalid whatever its chain; then a proven
    /// failure of the chain with time (REVOKED, EXPIRED, NOT_YET_VALID, §5.3.4 step 4); then cryptographic
    /// verification that could not be done, the chain, acceptance, and the time-stamp order. This is also the
    /// order DSS applies.
    public static func conclusion(_ blocks: BlockResults) -> BlockResult {
        let proven: [BlockResult] = [
            blocks.cryptographicVerification, blocks.x509Validation, blocks.sealMakerValidation,
        ].filter { $0.indication == .totalFailed }
        let order =
            [blocks.formatChecking, blocks.identification, blocks.contextInitialisation] + proven
            + [
                blocks.cryptographicVerification, blocks.x509Validation, blocks.sealMakerValidation,
                blocks.signatureAcceptance,
            ]
        if let first = order.first(where: { $0.status != .passed && $0.status != .notRun }) { return first }
        if case .failing = blocks.timeStampOrder.status { return blocks.timeStampOrder }
        if blocks.cryptographicVerification.status == .notRun {
            return .failing(.formatFailure, "the signature value could not be checked")
        }
        return .passed("the signature is valid")
    }
}
