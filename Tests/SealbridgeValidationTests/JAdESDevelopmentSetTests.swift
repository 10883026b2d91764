import Foundation
import SealbridgeCMS
import SealbridgeJAdES
import SealbridgeTestVectors
import SealbridgeValidation
import Testing

/// DSS's JAdES test files (`Tests/Vectors/formats/jades`): every asserted key Sealbridge's facts can answer is
/// compared and counted; each disagreement is listed with its reason, and the test fails on a new one or on a listed
/// one that went away.
@Suite struct JAdESDevelopmentSetTests {
    static let expectedDisagreements: [String: String] = {
        let why =
            "crit marks nbf critical, which Sealbridge does not understand: RFC 7515 §4.1.11 says such a JWS is "
            + "invalid (MUST), so Sealbridge stops at FORMAT_FAILURE before the signature; DSS only lowers the level "
            + "to JSON_NOT_ETSI and checks the signature"
        return [
            "dss2620_jades-with-notBefore-header-in-crit.json: signature_intact": why,
            "dss2620_jades-with-notBefore-header-in-crit.json: signature_valid": why,
            "dss2620_jades-with-notBefore-header-in-crit.json: b_level_technically_valid": why,
            "dss2620_jades-with-notBefore-header-in-crit.json: signing_certificate_identified": why,
        ]
    }()

    typealias Entry = XAdESDevelopmentSetTests.Entry
    typealias JSONValue = XAdESDevelopmentSetTests.JSONValue

    static func answers(for entry: Entry) throws -> [String: JSONValue] {
        let bytes = Array(try Vectors.data("formats/\(entry.path)"))
        let message: JWSMessage
        do {
            message = try JWSMessage(bytes)
        } catch {
            return ["parse_error": .bool(true), "rejected_as_malformed": .bool(true), "supported": .bool(false)]
        }
        let results = JAdESVerifier(options: JAdESVerificationOptions()).verify(message)
        var answers: [String: JSONValue] = [
            "parse_error": .bool(false), "supported": .bool(true), "signatures": .number(Double(results.count)),
            "contains_signatures": .bool(!results.isEmpty),
        ]
        guard let first = results.first else { return answers }
        let intact = first.signatureValue == .verified
        answers["signature_intact"] = .bool(intact)
        answers["signature_valid"] = .bool(intact && first.structureProblem == nil)
        answers["b_level_technically_valid"] = answers["signature_valid"]
        answers["signing_certificate_identified"] = .bool(first.certificateBinding == .bound)
        answers["rejected_as_malformed"] = .bool(first.structureProblem != nil)
        answers["all_timestamps_intact_and_valid"] = .bool(first.signatureTimeStamps.allSatisfy(\.status.isValid))
        switch first.level {
        case .baselineB: answers["signature_format"] = .string("JAdES_BASELINE_B")
        case .baselineT: answers["signature_format"] = .string("JAdES_BASELINE_T")
        case .notETSI: answers["signature_format"] = .string("JSON_NOT_ETSI")
        }
        return answers
    }

    @Test func agreementWithDSSIsCounted() throws {
        let disagreements = try XAdESDevelopmentSetTests.compare(
            manifest: "formats/jades/MANIFEST.json",
            label: "JAdES",
            answers: Self.answers
        )
        #expect(Set(disagreements.keys) == Set(Self.expectedDisagreements.keys))
    }

    /// Every file reaches the JWS reader through `validate`, however long its header (x5c) or payload: the input
    /// sniffer reads only the first 16 KiB.
    @Test func everyFileIsReadAsAJWS() throws {
        let manifest = try JSONDecoder().decode(
            XAdESDevelopmentSetTests.Manifest.self,
            from: try Vectors.data("formats/jades/MANIFEST.json")
        )
        let validator = SignatureValidator(context: ValidationContext(), precomputesAnchorKeys: false)
        for entry in manifest.files where entry.kind == "signed-file" {
            let bytes = Array(try Vectors.data("formats/\(entry.path)"))
            do {
                let report = try validator.validate(bytes, name: entry.path)
                #expect(report.document.format == .jws, "\(entry.path)")
            } catch let error as NotASignatureError {
                #expect(error.what.contains("JWS"), "\(entry.path): \(error)")
            }
        }
    }
}
