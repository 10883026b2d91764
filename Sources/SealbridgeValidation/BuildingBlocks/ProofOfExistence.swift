import SealbridgeCMS
public import SealbridgeX509

/// The times §5.5.4 works with: best-signature-time from the valid signature time-stamps, and the latest valid
/// content time-stamp (the signature was made after it).
public struct ProofOfExistence: Sendable, Hashable {
    /// The earliest time the signature is proven to exist; the validation time without a valid time-stamp.
    public var bestSignatureTime: X509Time
    /// The latest valid content time-stamp's time, when there is one.
    public var contentTime: X509Time?
    /// How many signature time-stamps are valid.
    public var validSignatureTimeStamps: Int
    /// How many signature time-stamps there are.
    public var signatureTimeStamps: Int
    /// The genTimes of the valid signature time-stamps.
    public var signatureTimeStampTimes: [X509Time]

    /// The times.
    public init(bestSignatureTime: X509Time, contentTime: X509Time?, signatureTimeStampTimes: [X509Time], all: Int) {
        self.bestSignatureTime = bestSignatureTime
        self.contentTime = contentTime
        self.validSignatureTimeStamps = signatureTimeStampTimes.count
        self.signatureTimeStamps = all
        self.signatureTimeStampTimes = signatureTimeStampTimes
    }
}

extension BuildingBlocks {
    /// §5.5.4 steps 1 and 3: best-signature-time from the valid signature time-stamps (invalid or untrusted
    /// tokens are set aside, 3b), and the content time from the valid content time-stamps (EN 319 122-1 §5.2.8).
    public static func proofOfExistence(_ evidence: SignatureEvidence, at time: X509Time) -> ProofOfExistence {
        let valid = evidence.signatureTimeStamps.filter(\.status.isValid).compactMap { $0.genTime?.x509Time }
        let content = evidence.contentTimeStamps.filter(\.status.isValid).compactMap { $0.genTime?.x509Time }
        return ProofOfExistence(
            bestSignatureTime: min(valid.min() ?? time, time),
            contentTime: content.max(),
            signatureTimeStampTimes: valid,
            all: evidence.signatureTimeStamps.count
        )
    }

    /// The time-stamp check of the report (§5.4 for each token, §5.5.4 step 3); nil without time-stamps.
    public static func signatureTimeStamps(_ poe: ProofOfExistence) -> BlockResult? {
        guard poe.signatureTimeStamps > 0 else { return nil }
        let setAside =
            poe.validSignatureTimeStamps < poe.signatureTimeStamps
            ? " (invalid or untrusted tokens are set aside, §5.5.4 3b)" : ""
        let detail =
            "\(poe.validSignatureTimeStamps) of \(poe.signatureTimeStamps) valid; best-signature-time "
            + "\(poe.bestSignatureTime)\(setAside)"
        return poe.validSignatureTimeStamps > 0 ? .passed(detail) : .failing(.noPOE, detail)
    }

    /// §5.5.4 4e: every signature time-stamp comes after every content time-stamp.
    public static func timeStampOrder(_ poe: ProofOfExistence) -> BlockResult {
        guard let contentTime = poe.contentTime else { return .notRun("no content time-stamp") }
        if let early = poe.signatureTimeStampTimes.first(where: { $0 < contentTime }) {
            return .failing(
                .timestampOrderFailure,
                "a signature time-stamp (\(early)) precedes the content time-stamp (\(contentTime))"
            )
        }
        return .passed("the signature time-stamps follow the content time-stamp (\(contentTime))")
    }
}
