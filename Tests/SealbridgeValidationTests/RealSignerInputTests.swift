import Foundation
import SealbridgeCMS
import SealbridgeCrypto
import SealbridgeTrust
import SealbridgeValidation
import SealbridgeX509
import Testing

/// Signature files as real software hands them over (issue 15 §2), end to end through the validator.
@Suite struct RealSignerInputTests {
    let f: ValidationFixtures

    init() throws { f = try ValidationFixtures() }

    @Test func zeroPaddingAfterTheSignatureIsToleratedAndNoted() async throws {
        let signed = try await f.sign()
        // A PDF /Contents hex string or a fixed 8 KiB buffer leaves zeros after the ContentInfo.
        let padded = signed + [UInt8](repeating: 0, count: 8192 - signed.count % 8192)
        let report = try f.validate(padded)
        #expect(report.outcome == "TOTAL_PASSED")
        #expect(report.signatures.first?.notes.contains { $0.contains("zero bytes after the signature") } == true)
        // Anything else after it is still a format failure.
        for tail: [UInt8] in [[0, 0, 1], [0x30, 0x00]] {
            let report = try f.validate(signed + tail)
            #expect(report.outcome == "TOTAL_FAILED/FORMAT_FAILURE")
            #expect(report.headline.contains("follow the CMS signature and are not zero padding"))
        }
    }
}
