import Foundation
import SealbridgeTestVectors
import SealbridgeTrust
import SealbridgeX509
import Testing

/// Trusted lists as they exist beyond today's EU format (issue 15 §3): a 2019 list whose XAdES
/// `SigningCertificate` names its signer by SHA-1, and the German health-sector TSL — version 3, no
/// `SchemeTerritory`, brainpool ECDSA.
struct OlderTrustedListTests {
    static func bytes(_ name: String) throws -> [UInt8] { Array(try Vectors.data("trustlists/\(name)")) }

    static func list(_ name: String, signer: String) throws -> TrustedList {
        let anchor = try #require(try Certificate.readAll(from: try bytes(signer)).first)
        return try TrustedList(parsing: try bytes(name), source: name, anchors: [anchor])
    }

    @Test func aSHA1CertDigestIdentifiesTheSigningCertificate() throws {
        let list = try Self.list("DK-seq21.xml", signer: "DK-seq21-signer.pem")
        #expect(list.territory == "DK" && list.version == 5 && list.sequenceNumber == 21)
        #expect(list.signature.signingCertificateVersion == 1)
        #expect(list.signature.outcome == .valid, "\(list.signature.outcome)")
        #expect(list.warnings.isEmpty)
    }

    @Test func aChangedListIsAHashFailureWhateverElseFails() throws {
        let changed = try Self.list("DK-seq21-broken-sig.xml", signer: "DK-seq21-signer.pem")
        guard case .referenceDigestMismatch = changed.signature.outcome else {
            Issue.record("expected a reference digest mismatch, got \(changed.signature.outcome)")
            return
        }
        // Even against the wrong anchor — a second failure — the changed content is what is reported.
        let other = try TrustedList(
            parsing: try Self.bytes("DK-seq21-broken-sig.xml"),
            source: "DK-seq21-broken-sig.xml",
            anchors: [try #require(try Certificate.readAll(from: try Self.bytes("CZ-seq77-signer.pem")).first)]
        )
        guard case .referenceDigestMismatch = other.signature.outcome else {
            Issue.record("expected a reference digest mismatch, got \(other.signature.outcome)")
            return
        }
    }

    @Test func aVersion3SectorListWithoutTerritoryIsReadWithWarnings() throws {
        let list = try Self.list("DE-gematik-tsl-10180.xml", signer: "DE-gematik-tsl-10180-signer.pem")
        #expect(list.version == 3)
        #expect(list.territory == nil)
        #expect(list.warnings.contains { $0.contains("TS 102 231 v3") })
        #expect(list.warnings.contains { $0.contains("no SchemeTerritory") })
        #expect(list.signature.outcome == .valid, "brainpoolP256r1 ECDSA: \(list.signature.outcome)")
        #expect(!list.providers.isEmpty)
        // Without a territory it names no jurisdiction of its own: a framework.toml gives one.
        #expect(throws: TrustError.self) { try list.trustFramework() }
        #expect(try list.trustFramework(id: "de-health", jurisdiction: "DE").jurisdiction == "DE")
    }
}

/// The EU mutual-recognition pilot: its list of the lists points to the third-country list under the code `XX`,
/// while that list names itself `ZZ` (issue 15 §3: pointers matched by certificates and location, not only by
/// territory).
struct MutualRecognitionPilotListTests {
    static func pilotLOTL() throws -> TrustedList {
        let signer = try #require(
            try Certificate.readAll(from: try OlderTrustedListTests.bytes("EU-mra-pilot-lotl-signer.pem")).first
        )
        return try TrustedList(
            parsing: try OlderTrustedListTests.bytes("EU-mra-pilot-lotl.xml"),
            source: "EU-mra-pilot-lotl.xml",
            anchors: [signer]
        )
    }

    @Test func theThirdCountryListIsFoundByItsSigningCertificate() throws {
        let lotl = try Self.pilotLOTL()
        #expect(lotl.signature.outcome == .valid, "\(lotl.signature.outcome)")
        #expect(lotl.pointer(toTerritory: "ZZ") == nil)
        let list = try TrustedList(
            parsing: try OlderTrustedListTests.bytes("ZZ-mra-pilot-tl.xml"),
            source: "ZZ-mra-pilot-tl.xml",
            announcedBy: lotl
        )
        #expect(list.territory == "ZZ")
        #expect(list.signature.outcome == .valid, "\(list.signature.outcome)")
        #expect(
            list.warnings.contains { $0.contains("pointer for XX") && $0.contains("mra_tl_zz.xml") },
            "\(list.warnings)"
        )
        // By location too, when the caller says where the list came from.
        let byLocation = try TrustedList(
            parsing: try OlderTrustedListTests.bytes("ZZ-mra-pilot-tl.xml"),
            source: "ZZ-mra-pilot-tl.xml",
            announcedBy: lotl,
            location: "https://esignature.ec.europa.eu/efda/intl-pilot/api/v1/intl-pilot/tl/mra_tl_zz.xml"
        )
        #expect(byLocation.signature.outcome == .valid)
    }

    /// Matching by certificates never accepts a key the pointing list does not announce: the Czech list points
    /// only to the EU LOTL, whose signers did not sign the ZZ list.
    @Test func aListSignedByAnUnannouncedKeyIsNotTrusted() throws {
        let czech = try TrustedListTests.czech()
        try #require(czech.signature.isValid)
        let list = try TrustedList(
            parsing: try OlderTrustedListTests.bytes("ZZ-mra-pilot-tl.xml"),
            source: "ZZ-mra-pilot-tl.xml",
            announcedBy: czech
        )
        #expect(!list.signature.isValid, "\(list.signature.outcome)")
        #expect(!list.warnings.contains { $0.contains("pointer for") })
    }
}
