public import SealbridgeX509

/// The verification of a list of the lists from the certificates an Official Journal announcement published, through
/// its pivots: the EU list of the lists names in `SchemeInformationURI`, newest first, the earlier lists ("pivots")
/// at which its signing certificates changed, then the Official Journal announcement. The oldest pivot is verified
/// with the announced certificates; each pivot's pointer to the list of the lists announces the certificates that
/// verify the next one; the last of them verifies the current list (DSS's `LOTLWithPivotsAnalysis`).
///
/// A pivot that cannot be found, read or verified is reported and skipped: the certificates stay those of the
/// last pivot that verified, so the walk ends in a list that verifies only when the chain of announcements holds.
public struct PivotWalk: Sendable {
    /// What happened to one pivot.
    public enum Outcome: Sendable, Hashable, CustomStringConvertible {
        /// Its signature verified with the certificates of the step before; it announced `signers` certificates.
        case verified(signer: String, announced: Int)
        /// Its signature verified, but it has no pointer to a list of the lists, so the certificates stay.
        case announcesNothing(signer: String)
        /// No file was given for it.
        case missing
        /// It is not a trusted list that could be read.
        case unreadable(String)
        /// Its signature did not verify with the certificates of the step before.
        case notVerified(XMLSignatureVerification.Outcome)

        /// In words.
        public var description: String {
            switch self {
            case .verified(let signer, let count):
                return "verified (signer \(signer)); announces \(count) certificate(s) for the next list"
            case .announcesNothing(let signer):
                return "verified (signer \(signer)), but it points to no list of the lists; the certificates stay"
            case .missing:
                return "not found; skipped, the certificates stay those of the step before"
            case .unreadable(let reason):
                return "cannot be read (\(reason)); skipped"
            case .notVerified(let outcome):
                return "does not verify with the certificates of the step before (\(outcome)); skipped"
            }
        }
    }

    /// One pivot and what happened to it.
    public struct Step: Sendable {
        /// Its location, as the list names it.
        public let location: String
        /// The outcome.
        public let outcome: Outcome
    }

    /// The most pivots walked: the EU list names a handful (about one a year); more is not a real list.
    public static let maximumPivots = 64

    /// The pivots, oldest first.
    public let steps: [Step]
    /// The certificates the walk ended with, which the current list was verified with.
    public let certificates: [Certificate]
    /// The current list, its signature checked against ``certificates``.
    public let list: TrustedList

    /// Verifies the list of the lists in `bytes` from `announcedCertificates` through its pivots.
    ///
    /// - Parameters:
    ///   - bytes: the current list of the lists.
    ///   - source: its name, for errors.
    ///   - announcedCertificates: the certificates the Official Journal announcement published.
    ///   - announcement: the announcement's URI, where the pivots end (by default the first `eur-lex.europa.eu`
    ///     URI).
    ///   - maximumSize: larger lists are refused.
    ///   - pivot: the bytes of the pivot at a location, or nil when there is none (offline: a file named after
    ///     the location's last path segment).
    /// - Throws: `TrustError` when the current list cannot be read or names more than ``maximumPivots`` pivots.
    public init(
        parsing bytes: [UInt8],
        source: String,
        announcedCertificates: [Certificate],
        announcement: String? = nil,
        maximumSize: Int = TrustedList.defaultMaximumSize,
        pivot: (String) -> [UInt8]?
    ) throws(TrustError) {
        let unverified = try TrustedList(parsing: bytes, source: source, anchors: [], maximumSize: maximumSize)
        let locations = unverified.pivotLocations(announcement: announcement)
        guard locations.count <= PivotWalk.maximumPivots else {
            throw TrustError(
                file: source,
                field: "SchemeInformation/SchemeInformationURI",
                reason: "names \(locations.count) pivots; more than \(PivotWalk.maximumPivots) are not walked"
            )
        }
        var certificates = announcedCertificates
        var steps: [Step] = []
        for location in locations.reversed() {
            let outcome: Outcome
            if let pivotBytes = pivot(location) {
                do {
                    let list = try TrustedList(
                        parsing: pivotBytes,
                        source: location,
                        anchors: certificates,
                        maximumSize: maximumSize
                    )
                    if let signer = list.signature.signerCertificate, list.signature.isValid {
                        let announced = list.listOfTheListsSigners
                        if announced.isEmpty {
                            outcome = .announcesNothing(signer: signer.subject.description)
                        } else {
                            certificates = announced
                            outcome = .verified(signer: signer.subject.description, announced: announced.count)
                        }
                    } else {
                        outcome = .notVerified(list.signature.outcome)
                    }
                } catch {
                    outcome = .unreadable("\(error.field.isEmpty ? "" : "\(error.field): ")\(error.reason)")
                }
            } else {
                outcome = .missing
            }
            steps.append(Step(location: location, outcome: outcome))
        }
        self.steps = steps
        self.certificates = certificates
        self.list = try TrustedList(parsing: bytes, source: source, anchors: certificates, maximumSize: maximumSize)
    }
}

extension TrustedList {
    /// The pivots a list of the lists names, newest first: its `SchemeInformationURI` values that end in `.xml`,
    /// up to the Official Journal announcement (`announcement`, or else the first `eur-lex.europa.eu` URI).
    public func pivotLocations(announcement: String? = nil) -> [String] {
        var locations: [String] = []
        for uri in schemeInformationURIs {
            if let announcement, uri == announcement { break }
            if announcement == nil, uri.contains("://eur-lex.europa.eu/") { break }
            if uri.hasSuffix(".xml") { locations.append(uri) }
        }
        return locations
    }

    /// The certificates a list of the lists announces for the next list of the lists: those of its pointer to an
    /// XML list of the lists (TS 119 612 §5.3.13; the EU list points to itself).
    public var listOfTheListsSigners: [Certificate] {
        let lists = pointers.filter { $0.type?.lowercased().hasSuffix("listofthelists") ?? false }
        let pointer = lists.first { $0.mimeType == "application/vnd.etsi.tsl+xml" } ?? lists.first
        return pointer?.signingCertificates ?? []
    }
}
