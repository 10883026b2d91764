import Foundation
import SealbridgeTestVectors
import SealbridgeTrust
import SealbridgeX509
import Testing

/// Hostile trusted lists: each gives a `TrustError` that names the file and the element, or a signature outcome
/// that says what is wrong — never a crash, a hang, a fetch or a read of a local file.
struct TrustedListHostileInputTests {
    static func real() throws -> String {
        String(decoding: try TrustedListTests.bytes("CZ-seq77.xml"), as: UTF8.self)
    }

    static func expectError(_ text: String, field: String, reasonContains: String) throws {
        do {
            _ = try TrustedList(parsing: Array(text.utf8), source: "hostile.xml", anchors: [])
            Issue.record("accepted a hostile list (expected an error on \(field))")
        } catch {
            #expect(error.file == "hostile.xml")
            #expect(error.field == field, "\(error)")
            #expect(error.reason.contains(reasonContains), "\(error)")
        }
    }

    @Test func anXMLBombIsRefusedBeforeAnyEntityIsRead() throws {
        var entities = "<!ENTITY lol0 \"lol\">"
        for level in 1...10 {
            entities += "<!ENTITY lol\(level) \"" + String(repeating: "&lol\(level - 1);", count: 10) + "\">"
        }
        let bomb = "<?xml version=\"1.0\"?><!DOCTYPE lolz [\(entities)]><lolz>&lol10;</lolz>"
        let started = Date()
        try Self.expectError(bomb, field: "(document)", reasonContains: "DOCTYPE")
        #expect(Date().timeIntervalSince(started) < 5)
    }

    @Test func externalEntitiesAreNeverLoaded() throws {
        let folder = try TemporaryFolder()
        let secret = try folder.write("secret.txt", "TOP-SECRET")
        let external = """
            <?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file://\(secret)">]>\
            <TrustServiceStatusList xmlns="http://uri.etsi.org/02231/v2#">&e;</TrustServiceStatusList>
            """
        try Self.expectError(external, field: "(document)", reasonContains: "DOCTYPE")
        let network = """
            <?xml version="1.0"?><!DOCTYPE x SYSTEM "http://127.0.0.1:9/evil.dtd">\
            <TrustServiceStatusList xmlns="http://uri.etsi.org/02231/v2#"/>
            """
        try Self.expectError(network, field: "(document)", reasonContains: "DOCTYPE")
    }

    @Test func malformedAndTruncatedXMLNamesTheLine() throws {
        let real = try Self.real()
        try Self.expectError(String(real.prefix(10_000)), field: "(document)", reasonContains: "not well-formed")
        try Self.expectError("<a><b></a>", field: "(document)", reasonContains: "line 1")
        try Self.expectError("", field: "(document)", reasonContains: "not well-formed")
    }

    @Test func anotherDocumentIsNotATrustedList() throws {
        try Self.expectError("<html/>", field: "(root)", reasonContains: "TrustServiceStatusList")
    }

    @Test func missingAndMalformedFieldsAreNamed() throws {
        let real = try Self.real()
        try Self.expectError(
            real.replacingOccurrences(of: "<TSLSequenceNumber>77</TSLSequenceNumber>", with: ""),
            field: "SchemeInformation/TSLSequenceNumber",
            reasonContains: "missing"
        )
        try Self.expectError(
            real.replacingOccurrences(of: "<TSLVersionIdentifier>5<", with: "<TSLVersionIdentifier>2<"),
            field: "SchemeInformation/TSLVersionIdentifier",
            reasonContains: "versions 3 (TS 102 231 v3) to 6"
        )
        try Self.expectError(
            real.replacingOccurrences(
                of: "<ListIssueDateTime>2019-08-23T08:00:00Z",
                with: "<ListIssueDateTime>yesterday"
            ),
            field: "SchemeInformation/ListIssueDateTime",
            reasonContains: "xsd:dateTime"
        )
        // The first certificate in the list (the list of the lists' first signing certificate), corrupted.
        guard let range = real.range(of: "<X509Certificate>MII") else { throw CocoaError(.fileReadCorruptFile) }
        try Self.expectError(
            real.replacingCharacters(in: range, with: "<X509Certificate>AAAAMII"),
            field:
                "SchemeInformation/PointersToOtherTSL/OtherTSLPointer[1]/ServiceDigitalIdentities/"
                + "ServiceDigitalIdentity[1]/DigitalId[1]/X509Certificate",
            reasonContains: "not an X.509 certificate"
        )
    }

    @Test func anOversizedFileIsRefusedBeforeItIsRead() throws {
        let folder = try TemporaryFolder()
        let path = folder.path("huge.xml")
        #expect(FileManager.default.createFile(atPath: path, contents: nil))
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        try handle.truncate(atOffset: 100 * 1024 * 1024)  // sparse: 100 MB without writing them
        try handle.close()
        do {
            _ = try TrustedList(contentsOf: URL(fileURLWithPath: path), anchors: [])
            Issue.record("accepted a 100 MB list")
        } catch let error as TrustError {
            #expect(error.file == "huge.xml")
            #expect(error.reason.contains("104857600 bytes"), "\(error)")
        }
    }

    // MARK: signature wrapping (each variant of the real list, signer pinned)

    static func outcome(_ text: String) throws -> XMLSignatureVerification.Outcome {
        try TrustedList(parsing: Array(text.utf8), source: "wrapped.xml", anchors: [try TrustedListTests.signer()])
            .signature.outcome
    }

    static func signatureElement(_ text: String) throws -> String {
        guard let start = text.range(of: "<ds:Signature "), let end = text.range(of: "</ds:Signature>") else {
            throw CocoaError(.fileReadCorruptFile)
        }
        return String(text[start.lowerBound..<end.upperBound])
    }

    @Test func aSignatureMovedOutOfTheRootIsRefused() throws {
        let real = try Self.real()
        let signature = try Self.signatureElement(real)
        let moved = real.replacingOccurrences(of: signature, with: "")
            .replacingOccurrences(of: "</SchemeInformation>", with: signature + "</SchemeInformation>")
        guard case .malformed(let reason) = try Self.outcome(moved) else {
            Issue.record("a moved signature was not refused")
            return
        }
        #expect(reason.contains("exactly one"))
    }

    @Test func aSecondSignatureIsRefused() throws {
        let real = try Self.real()
        let signature = try Self.signatureElement(real)
        let doubled = real.replacingOccurrences(of: signature, with: signature + signature)
        guard case .malformed = try Self.outcome(doubled) else {
            Issue.record("two signatures were not refused")
            return
        }
    }

    /// The classic wrapping attack: the signed content is kept inside the signature (where the verifier might
    /// still find it by Id) while the document is replaced.
    @Test func aReferenceToAnElementOutsideTheSignatureIsRefused() throws {
        let real = try Self.real()
        let retargeted = real.replacingOccurrences(
            of: "URI=\"#SignedProperties-1536489189\"",
            with: "URI=\"#X\""
        ).replacingOccurrences(of: "<SchemeInformation>", with: "<SchemeInformation Id=\"X\">")
        guard case .malformed(let reason) = try Self.outcome(retargeted) else {
            Issue.record("a reference outside the signature was not refused")
            return
        }
        #expect(reason.contains("inside the signature"))
    }

    @Test func aDuplicatedIdIsRefused() throws {
        let real = try Self.real()
        let duplicated = real.replacingOccurrences(
            of: "<SchemeInformation>",
            with: "<SchemeInformation Id=\"SignedProperties-1536489189\">"
        )
        guard case .malformed(let reason) = try Self.outcome(duplicated) else {
            Issue.record("a duplicated Id was not refused")
            return
        }
        #expect(reason.contains("names 2"))
    }

    @Test func aKeyValueDoesNotReplaceThePinnedCertificate() throws {
        // The list keeps its valid signature, but the caller pins another certificate: never trusted, whatever
        // KeyInfo/KeyValue says.
        let other = try Certificate(derEncoded: Array(try Vectors.data("pkits/certs/TrustAnchorRootCertificate.crt")))
        let list = try TrustedList(parsing: try TrustedListTests.bytes("CZ-seq77.xml"), anchors: [other])
        guard case .signerNotTrusted = list.signature.outcome else {
            Issue.record("expected signerNotTrusted, got \(list.signature.outcome)")
            return
        }
    }

    @Test func aSHA1DigestIsNotAccepted() throws {
        let real = try Self.real()
        let weakened = real.replacingOccurrences(
            of: "<ds:DigestMethod Algorithm=\"http://www.w3.org/2001/04/xmlenc#sha256\"/><ds:DigestValue>8jGr",
            with: "<ds:DigestMethod Algorithm=\"http://www.w3.org/2000/09/xmldsig#sha1\"/><ds:DigestValue>8jGr"
        )
        #expect(weakened != real)
        #expect(
            try Self.outcome(weakened) == .unsupportedAlgorithm("DigestMethod http://www.w3.org/2000/09/xmldsig#sha1")
        )
    }
}
