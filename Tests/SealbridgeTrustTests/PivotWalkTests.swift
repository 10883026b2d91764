import Foundation
import SealbridgeTestVectors
import SealbridgeTrust
import SealbridgeX509
import Testing

/// Pivot lists of the lists (issue 15 §3): the EU list of the lists of 2019 (sequence 247) verifies from the
/// certificate the Official Journal announced in 2016 (C 233) through its pivots 172, 191 and 226 — DSS's
/// `LOTLWithPivotsRefreshTest` with the same public lists.
struct PivotWalkTests {
    static let base = "https://ec.europa.eu/information_society/policy/esignature/trusted-list/"

    static func pivotFile(_ name: String) throws -> [UInt8] {
        Array(try Vectors.gunzipped("trustlists/pivots/\(name).xml.gz"))
    }

    static func announced() throws -> [Certificate] {
        try Certificate.readAll(from: Array(try Vectors.data("trustlists/pivots/oj-2016-c233-signer.pem")))
    }

    /// The pivots available, by location (a location absent from `names` has no file).
    static func pivots(_ names: [String: String]) throws -> [String: [UInt8]] {
        try names.reduce(into: [:]) { result, entry in result[base + entry.key] = try pivotFile(entry.value) }
    }

    static let all = [
        "tl-pivot-172-mp.xml": "tl-pivot-172-mp", "tl-pivot-191-mp.xml": "tl-pivot-191-mp",
        "tl-pivot-226-mp.xml": "tl-pivot-226-mp", "tl-pivot-247-mp.xml": "tl-pivot-247-mp",
    ]

    static func walk(_ available: [String: [UInt8]], anchors: [Certificate]? = nil) throws -> PivotWalk {
        try PivotWalk(
            parsing: try pivotFile("tl-pivot-247-mp"),
            source: "tl-pivot-247-mp.xml",
            announcedCertificates: try anchors ?? announced(),
            pivot: { available[$0] }
        )
    }

    @Test func thePivotsAreNamedNewestFirstUpToTheAnnouncement() throws {
        let list = try TrustedList(parsing: try Self.pivotFile("tl-pivot-247-mp"), source: "247", anchors: [])
        let expected = ["247", "226", "191", "172"].map { Self.base + "tl-pivot-\($0)-mp.xml" }
        #expect(list.pivotLocations() == expected)
        #expect(list.pivotLocations(announcement: Self.base + "tl-pivot-191-mp.xml") == Array(expected.prefix(2)))
        #expect(list.listOfTheListsSigners.count == 8)
    }

    @Test func todaysListVerifiesFromTheAnnouncedCertificate() throws {
        let walk = try Self.walk(try Self.pivots(Self.all))
        #expect(walk.steps.map(\.location) == ["172", "191", "226", "247"].map { Self.base + "tl-pivot-\($0)-mp.xml" })
        for step in walk.steps {
            guard case .verified = step.outcome else {
                Issue.record("\(step.location): \(step.outcome)")
                continue
            }
        }
        #expect(walk.list.signature.outcome == .valid, "\(walk.list.signature.outcome)")
        #expect(walk.list.sequenceNumber == 247)
        // Without the pivots, the announced certificate does not verify today's list.
        let direct = try TrustedList(
            parsing: try Self.pivotFile("tl-pivot-247-mp"),
            source: "247",
            anchors: try Self.announced()
        )
        #expect(!direct.signature.isValid)
    }

    /// A missing link breaks the chain (DSS: INDETERMINATE), and says which.
    @Test func missingPivotsLeaveTheListUnverified() throws {
        let available = try Self.pivots([
            "tl-pivot-172-mp.xml": "tl-pivot-172-mp", "tl-pivot-247-mp.xml": "tl-pivot-247-mp",
        ])
        let walk = try Self.walk(available)
        #expect(walk.steps.map(\.outcome.isVerified) == [true, false, false, false])
        #expect(walk.steps[1].outcome == .missing)
        guard case .notVerified(.signerNotTrusted) = walk.steps[3].outcome else {
            Issue.record("247: \(walk.steps[3].outcome)")
            return
        }
        guard case .signerNotTrusted = walk.list.signature.outcome else {
            Issue.record("the list: \(walk.list.signature.outcome)")
            return
        }
    }

    @Test func aChangedPivotOrAWrongAnchorBreaksTheChain() throws {
        var broken = Self.all
        broken["tl-pivot-191-mp.xml"] = "tl-pivot-191-mp-broken-sig"
        let walk = try Self.walk(try Self.pivots(broken))
        guard case .notVerified(.referenceDigestMismatch) = walk.steps[1].outcome else {
            Issue.record("191: \(walk.steps[1].outcome)")
            return
        }
        #expect(!walk.list.signature.isValid)

        let czech = try Certificate.readAll(from: Array(try Vectors.data("trustlists/CZ-seq77-signer.pem")))
        let wrong = try Self.walk(try Self.pivots(Self.all), anchors: czech)
        #expect(wrong.steps.allSatisfy { !$0.outcome.isVerified })
        #expect(!wrong.list.signature.isValid)
    }

    /// A list naming thousands of pivots is refused before any is looked up.
    @Test func tooManyPivotsAreRefused() throws {
        let text = String(decoding: try Self.pivotFile("tl-pivot-172-mp"), as: UTF8.self)
        let extra = (0..<70).map { "<URI xml:lang=\"en\">https://example.org/p\($0).xml</URI>" }.joined()
        let marker = "<SchemeInformationURI>"
        let changed = text.replacingOccurrences(of: marker, with: marker + extra)
        var looked = 0
        #expect(throws: TrustError.self) {
            try PivotWalk(
                parsing: Array(changed.utf8),
                source: "many.xml",
                announcedCertificates: try Self.announced(),
                pivot: { _ in
                    looked += 1
                    return nil
                }
            )
        }
        #expect(looked == 0)
    }
}

extension PivotWalk.Outcome {
    fileprivate var isVerified: Bool {
        if case .verified = self { return true }
        return false
    }
}
