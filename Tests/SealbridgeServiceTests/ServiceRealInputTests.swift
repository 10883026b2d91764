import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import SealbridgeCrypto
import SealbridgeService
import SealbridgeStore
import SealbridgeX509
import Testing

@testable import SealbridgeCMS

/// The API takes what real relying parties have (issue 15 §2): a signature that does not carry its signer's
/// certificate, and a document they give only by its digest.
extension LiveService {
    @Suite("Service: signer certificate and content digest") struct ServiceRealInputTests {
        @Test func signerCertificatePartAndContentDigest() async throws {
            let state = try await demoState()
            let document = Array("invoice 77: 3,400.00 EUR".utf8)
            try await withService(state) { client in
                let key = try await apiKey(state, [.sign])
                let signed = try CMSSignedData(
                    berEncoded: try await signThroughService(
                        client,
                        key: key,
                        query: "signer=eu-signer-p256&level=b-b&detached=true",
                        document: document
                    )
                )
                // The same signature without the certificates it carried.
                var bare = signed
                bare.certificates = []
                let chain = signed.certificates.map(\.pemRepresentation).joined(separator: "\n")
                let digest = "sha256:" + HexEncoding.encode(HashFunction.sha256.digest(document))
                let signature: FormPart = try ("signature", "bare.p7s", bare.derRepresentation)
                func validate(_ parts: [FormPart]) async throws -> [String: Any] {
                    let body = try await postValidationForm(client, [signature] + parts) { response in
                        #expect(response.status == .created, "\(String(buffer: response.body))")
                        return response.body
                    }
                    return try json(body)
                }
                let withoutCertificate = try await validate([("contentDigest", nil, Array(digest.utf8))])
                #expect(withoutCertificate["subIndication"] as? String == "NO_SIGNING_CERTIFICATE_FOUND")
                let given = try await validate([
                    ("contentDigest", nil, Array(digest.utf8)), ("signerCertificate", "chain.pem", Array(chain.utf8)),
                ])
                #expect(given["indication"] as? String == "TOTAL_PASSED", "\(given)")
                let report = try #require(given["report"] as? [String: Any])
                let documents = try #require(report["documents"] as? [[String: Any]])
                #expect(documents.contains { $0["role"] as? String == "content-digest" && $0["size"] == nil })

                // A wrong digest is a hash failure; a malformed one, and a digest beside the content, are 400.
                let wrong = try await validate([
                    ("contentDigest", nil, Array(("sha256:" + String(repeating: "0", count: 64)).utf8)),
                    ("signerCertificate", "chain.pem", Array(chain.utf8)),
                ])
                #expect(wrong["subIndication"] as? String == "HASH_FAILURE")
                for parts: [FormPart] in [
                    [("contentDigest", nil, Array("sha256:12".utf8))],
                    [("contentDigest", nil, Array(digest.utf8)), ("content", "x.txt", document)],
                ] {
                    try await postValidationForm(client, [signature] + parts) {
                        try expectProblem($0, "bad-request", 400)
                    }
                }
                try await postValidationForm(client, [signature, ("signerCertificate", "x.pem", [1, 2, 3])]) {
                    try expectProblem($0, "invalid-input", 422)
                }
            }
        }
    }
}
