import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import SealbridgeCMS
import SealbridgeCrypto
import SealbridgeService
import SealbridgeStore
import Testing

/// Checks that `response` is the RFC 9457 problem `slug` with `status`.
func expectProblem(
    _ response: TestResponse,
    _ slug: String,
    _ status: Int,
    sourceLocation: SourceLocation = #_sourceLocation
) throws {
    #expect(Int(response.status.code) == status, "status", sourceLocation: sourceLocation)
    #expect(response.headers[.contentType] == "application/problem+json", sourceLocation: sourceLocation)
    let body = try json(response.body)
    #expect(body["type"] as? String == "https://sealbridge.dev/problems/\(slug)", sourceLocation: sourceLocation)
    #expect(body["status"] as? Int == status, sourceLocation: sourceLocation)
    #expect((body["title"] as? String)?.isEmpty == false, sourceLocation: sourceLocation)
    #expect((body["detail"] as? String)?.isEmpty == false, sourceLocation: sourceLocation)
}

let pkcs7 = headers([(.contentType, "application/pkcs7-signature")])

extension LiveService {
    @Suite("Service: validations")
    struct ValidationEndpointTests {
        @Test("POST a demo invoice: 201, its id, the report; GET it back as JSON, XML and HTML")
        func createAndFetch() async throws {
            let state = try await demoState()
            let body = try await demoFile("signed/invoice-cn-sm2-bt.p7s")
            try await withService(state) { client in
                let location = try await client.execute(
                    uri: "/v1/validations?jurisdiction=HK&documentKind=invoice",
                    method: .post,
                    headers: pkcs7,
                    body: body
                ) { (response: TestResponse) async throws in
                    #expect(response.status == .created)
                    let envelope = try json(response.body)
                    #expect(envelope["indication"] as? String == "TOTAL_PASSED")
                    #expect(envelope["verdict"] as? String == "recognised")
                    let report = try #require(envelope["report"] as? [String: Any])
                    let signatures = try #require(report["signatures"] as? [[String: Any]])
                    let recognition = try #require(signatures.first?["recognition"] as? [String: Any])
                    #expect(recognition["agreement"] as? String == "gdhk-hk-recognises-cn")
                    let id = try #require(envelope["id"] as? String)
                    #expect(response.headers[.location] == "/v1/validations/\(id)")
                    return "/v1/validations/\(id)"
                }
                try await client.execute(uri: location, method: .get) { (response: TestResponse) async throws in
                    #expect(response.status == .ok)
                    #expect(try json(response.body)["indication"] as? String == "TOTAL_PASSED")
                }
                try await client.execute(uri: location + "?format=xml", method: .get) {
                    (response: TestResponse) async throws in
                    #expect(response.headers[.contentType]?.hasPrefix("application/xml") == true)
                    #expect(String(buffer: response.body).contains("urn:etsi:019102:mainindication:total-passed"))
                }
                try await client.execute(uri: location + "?format=html", method: .get) {
                    (response: TestResponse) async throws in
                    #expect(response.headers[.contentType]?.hasPrefix("text/html") == true)
                    #expect(response.headers[.contentSecurityPolicy]?.contains("default-src 'none'") == true)
                }
                try await client.execute(uri: location + "?format=pdf", method: .get) {
                    try expectProblem($0, "bad-request", 400)
                }
                try await client.execute(uri: "/v1/validations/no-such-report", method: .get) {
                    try expectProblem($0, "not-found", 404)
                }
            }
        }

        @Test("the demo README's verdicts come back over HTTP (tampered, unknown CA, EU origin)")
        func demoVerdicts() async throws {
            let state = try await demoState()
            let cases: [(String, String, String, String, String?)] = [
                ("invoice-cn-tampered.p7s", "HK", "invoice", "TOTAL_FAILED", "HASH_FAILURE"),
                ("invoice-unknown-ca.p7s", "HK", "invoice", "INDETERMINATE", "NO_CERTIFICATE_CHAIN_FOUND"),
                ("origin-cn-sm2-bt.p7s", "DE", "certificate-of-origin", "TOTAL_PASSED", nil),
                ("invoice-hk-rsa-bt.p7s", "CN", "invoice", "TOTAL_PASSED", nil),
            ]
            for (file, jurisdiction, kind, indication, subIndication) in cases {
                let body = try await demoFile("signed/" + file)
                try await withService(state) { client in
                    try await client.execute(
                        uri: "/v1/validations?jurisdiction=\(jurisdiction)&documentKind=\(kind)",
                        method: .post,
                        headers: pkcs7,
                        body: body
                    ) { (response: TestResponse) async throws in
                        let envelope = try json(response.body)
                        #expect(envelope["indication"] as? String == indication, "\(file)")
                        #expect(envelope["subIndication"] as? String == subIndication, "\(file)")
                    }
                }
            }
        }

        @Test("a detached signature with its content as multipart: passes with the right content, fails with other")
        func multipartDetached() async throws {
            let state = try await demoState()
            let document = Array("invoice 42: 1,200.00 EUR".utf8)
            try await withService(state) { client in
                let key = try await apiKey(state, [.sign])
                let signature = try await signThroughService(
                    client,
                    key: key,
                    query: "signer=eu-signer-p256&level=b-t&detached=true",
                    document: document
                )
                for (content, indication) in [(document, "TOTAL_PASSED"), (Array("other".utf8), "TOTAL_FAILED")] {
                    let boundary = "sealbridge-\(UUID())"
                    try await client.execute(
                        uri: "/v1/validations",
                        method: .post,
                        headers: headers([(.contentType, "multipart/form-data; boundary=\(boundary)")]),
                        body: formData(
                            [
                                ("signature", "invoice.p7s", signature), ("content", "invoice.txt", content),
                                ("jurisdiction", nil, Array("DE".utf8)), ("documentKind", nil, Array("invoice".utf8)),
                            ],
                            boundary: boundary
                        )
                    ) { (response: TestResponse) async throws in
                        #expect(response.status == .created)
                        let envelope = try json(response.body)
                        #expect(envelope["indication"] as? String == indication)
                        let report = try #require(envelope["report"] as? [String: Any])
                        let signatures = try #require(report["signatures"] as? [[String: Any]])
                        if indication == "TOTAL_PASSED" {
                            #expect(
                                signatures.first?["format"] as? String == "CAdES-BASELINE-T",
                                "signed at B-T by the server"
                            )
                        }
                    }
                }
            }
        }

        @Test("wrong media type 415, not a signature 422, bad fields 400, empty 400, too large 413 before reading")
        func refusals() async throws {
            let state = try await demoState { $0.limits.maxBodyBytes = 2_048 }
            let invoice = try await demoFile("documents/invoice-cn.json")
            try await withService(state) { client in
                try await client.execute(
                    uri: "/v1/validations",
                    method: .post,
                    headers: headers([(.contentType, "text/plain")]),
                    body: invoice
                ) { (response: TestResponse) async throws in
                    try expectProblem(response, "unsupported-media-type", 415)
                    #expect((try json(response.body)["accepted"] as? [String])?.contains("multipart/form-data") == true)
                }
                try await client.execute(uri: "/v1/validations", method: .post, headers: pkcs7, body: invoice) {
                    try expectProblem($0, "invalid-input", 422)
                }
                for query in ["jurisdiction=hongkong", "documentKind=Invoice!", "validationTime=yesterday"] {
                    try await client.execute(
                        uri: "/v1/validations?\(query)",
                        method: .post,
                        headers: pkcs7,
                        body: invoice
                    ) {
                        try expectProblem($0, "bad-request", 400)
                    }
                }
                try await client.execute(uri: "/v1/validations", method: .post, headers: pkcs7, body: ByteBuffer()) {
                    try expectProblem($0, "bad-request", 400)
                }
                try await client.execute(
                    uri: "/v1/validations",
                    method: .post,
                    headers: pkcs7,
                    body: ByteBuffer(repeating: 0x30, count: 4_096)
                ) { (response: TestResponse) async throws in
                    try expectProblem(response, "body-too-large", 413)
                    #expect(try json(response.body)["limit"] as? Int == 2_048)
                }
                let boundary = "b"
                try await client.execute(
                    uri: "/v1/validations",
                    method: .post,
                    headers: headers([(.contentType, "multipart/form-data; boundary=\(boundary)")]),
                    body: formData([("content", "x", [1, 2, 3])], boundary: boundary)
                ) { try expectProblem($0, "bad-request", 400) }
                try await client.execute(
                    uri: "/v1/validations",
                    method: .post,
                    headers: headers([(.contentType, "multipart/form-data; boundary=zz")]),
                    body: ByteBuffer(string: "--zz\r\nContent-Disposition: form-data; name=\"signature\"\r\n\r\nabc")
                ) { try expectProblem($0, "bad-request", 400) }
            }
        }

        @Test("keyed validation refuses anonymous requests (401) and wrong keys (401), accepts a validate key")
        func keyedValidation() async throws {
            let state = try await demoState { $0.validationAccess = .keyed }
            let body = try await demoFile("signed/invoice-hk-rsa-bb.p7s")
            try await withService(state) { client in
                try await client.execute(uri: "/v1/validations", method: .post, headers: pkcs7, body: body) {
                    (response: TestResponse) async throws in
                    try expectProblem(response, "unauthorized", 401)
                    #expect(response.headers[.wwwAuthenticate]?.hasPrefix("Bearer") == true)
                }
                let wrong = "sb_" + String(repeating: "A", count: 43)
                var withWrong = pkcs7
                withWrong[.authorization] = "Bearer \(wrong)"
                try await client.execute(uri: "/v1/validations", method: .post, headers: withWrong, body: body) {
                    try expectProblem($0, "unauthorized", 401)
                }
                var withKey = pkcs7
                withKey[.authorization] = "Bearer \(try await apiKey(state, [.validate]))"
                try await client.execute(uri: "/v1/validations", method: .post, headers: withKey, body: body) {
                    #expect($0.status == .created)
                }
            }
        }
    }
}

extension LiveService {
    @Suite("Service: signing, time-stamps, admin")
    struct SigningAndAdminTests {
        @Test(
            "an OFD invoice sealed over HTTP (format=ofd, b-t) validates and is recognised; what cannot be sealed is said"
        )
        func sealingOFD() async throws {
            let state = try await demoState()
            let invoice = try await demoFile("documents/invoice-cn.ofd")
            try await withService(state) { client in
                let key = try await apiKey(state, [.sign, .validate])
                let auth = headers([(.authorization, "Bearer \(key)"), (.contentType, "application/ofd")])
                let sealed = try await client.execute(
                    uri: "/v1/signatures?signer=cn-invoice-seal&format=ofd&level=b-t&page=1&x=120&y=60&size=42",
                    method: .post,
                    headers: auth,
                    body: invoice
                ) { (response: TestResponse) async throws in
                    #expect(response.status == .ok)
                    #expect(response.headers[.contentType] == "application/ofd")
                    return response.body
                }
                try await client.execute(
                    uri: "/v1/validations?jurisdiction=HK&documentKind=invoice",
                    method: .post,
                    headers: headers([(.contentType, "application/octet-stream")]),
                    body: sealed
                ) { (response: TestResponse) async throws in
                    #expect(response.status == .created)
                    let envelope = try json(response.body)
                    #expect(envelope["indication"] as? String == "TOTAL_PASSED")
                    let report = try #require(envelope["report"] as? [String: Any])
                    let signature = try #require((report["signatures"] as? [[String: Any]])?.first)
                    #expect(signature["format"] as? String == "OFD/SES-V4")
                    #expect((signature["recognition"] as? [String: Any])?["verdict"] as? String == "recognised")
                    #expect((signature["timeStamps"] as? [Any])?.count == 1)
                    let seal = try #require(signature["seal"] as? [String: Any])
                    let stamp = try #require((seal["stamps"] as? [[String: Any]])?.first)
                    #expect(stamp["boundary"] as? String == "120 60 42 42")
                    #expect((seal["picture"] as? [String: Any])?["mediaType"] as? String == "image/png")
                }
                // What cannot be sealed: a signer without a seal, a body that is not OFD, a page the document lacks,
                // parameters that are not what they should be.
                let refusals: [(String, ByteBuffer, String, Int, String)] = [
                    ("signer=cn-signer-sm2&format=ofd", invoice, "bad-request", 400, "holds no seal"),
                    (
                        "signer=cn-invoice-seal&format=ofd", ByteBuffer(string: "an invoice"), "invalid-input", 422,
                        "cannot be sealed"
                    ),
                    ("signer=cn-invoice-seal&format=ofd&page=9", invoice, "invalid-input", 422, "there is no page 9"),
                    ("signer=cn-invoice-seal&format=ofd&page=0", invoice, "bad-request", 400, "page counts from 1"),
                    ("signer=cn-invoice-seal&format=ofd&x=left", invoice, "bad-request", 400, "x is a number"),
                    ("signer=cn-invoice-seal&format=pdf", invoice, "bad-request", 400, "format is cms"),
                ]
                try await expectSigningRefusals(refusals, client: client, headers: auth)
            }
        }

        @Test(
            "an XML invoice signed over HTTP (format=xades, b-t) validates and is recognised; what cannot be signed is said"
        )
        func signingXAdES() async throws {
            let state = try await demoState()
            let invoice = try await demoFile("documents/invoice-eu.xml")
            try await withService(state) { client in
                let key = try await apiKey(state, [.sign, .validate])
                let auth = headers([(.authorization, "Bearer \(key)"), (.contentType, "application/xml")])
                let signed = try await client.execute(
                    uri: "/v1/signatures?signer=eu-signer-p256&format=xades&level=b-t",
                    method: .post,
                    headers: auth,
                    body: invoice
                ) { (response: TestResponse) async throws in
                    #expect(response.status == .ok)
                    #expect(response.headers[.contentType] == "application/xml")
                    return response.body
                }
                try await client.execute(
                    uri: "/v1/validations?jurisdiction=DE&documentKind=invoice",
                    method: .post,
                    headers: headers([(.contentType, "application/xml")]),
                    body: signed
                ) { (response: TestResponse) async throws in
                    #expect(response.status == .created)
                    let envelope = try json(response.body)
                    #expect(envelope["indication"] as? String == "TOTAL_PASSED")
                    let report = try #require(envelope["report"] as? [String: Any])
                    let signature = try #require((report["signatures"] as? [[String: Any]])?.first)
                    #expect(signature["format"] as? String == "XAdES-BASELINE-T")
                    #expect((signature["recognition"] as? [String: Any])?["verdict"] as? String == "domestic")
                }
                let refusals: [(String, ByteBuffer, String, Int, String)] = [
                    (
                        "signer=eu-signer-p256&format=xades&packaging=enveloped", ByteBuffer(string: "an invoice"),
                        "invalid-input", 422, "not XML"
                    ),
                    (
                        "signer=eu-signer-p256&format=xades&packaging=inside", invoice, "bad-request", 400,
                        "packaging is"
                    ),
                ]
                try await expectSigningRefusals(refusals, client: client, headers: auth)
            }
        }

        @Test("signing needs a key with the sign scope: 401 without, 403 with another scope, then a signature")
        func signingScopes() async throws {
            let state = try await demoState()
            try await withService(state) { client in
                let document = ByteBuffer(string: "certificate of origin 7")
                let uri = "/v1/signatures?signer=cn-signer-sm2&profile=gm&detached=false"
                try await client.execute(uri: uri, method: .post, body: document) {
                    try expectProblem($0, "unauthorized", 401)
                }
                let validateOnly = try await apiKey(state, [.validate, .timestamp])
                try await client.execute(
                    uri: uri,
                    method: .post,
                    headers: headers([(.authorization, "Bearer \(validateOnly)")]),
                    body: document
                ) { try expectProblem($0, "forbidden", 403) }
                let signer = try await apiKey(state, [.sign])
                let signature = try await client.execute(
                    uri: uri,
                    method: .post,
                    headers: headers([(.authorization, "Bearer \(signer)")]),
                    body: document
                ) { (response: TestResponse) async throws in
                    #expect(response.status == .ok)
                    return Array(buffer: response.body)
                }
                let parsed = try CMSSignedData(berEncoded: signature)
                #expect(parsed.profile == .gm)
                #expect(parsed.encapsulatedContent.map(Array.init) == Array("certificate of origin 7".utf8))
                for query in ["signer=nobody", "signer=cn-signer-sm2&level=b-z", "signer=cn-signer-sm2&detached=maybe"]
                {
                    try await client.execute(
                        uri: "/v1/signatures?\(query)",
                        method: .post,
                        headers: headers([(.authorization, "Bearer \(signer)")]),
                        body: document
                    ) { try expectProblem($0, "bad-request", 400) }
                }
                // Admin endpoints: never open.
                try await client.execute(uri: "/v1/audit", method: .get) { try expectProblem($0, "unauthorized", 401) }
                try await client.execute(
                    uri: "/v1/audit",
                    method: .get,
                    headers: headers([(.authorization, "Bearer \(signer)")])
                ) { try expectProblem($0, "forbidden", 403) }
                let admin = try await apiKey(state, [.admin])
                try await client.execute(
                    uri: "/v1/audit?limit=10",
                    method: .get,
                    headers: headers([(.authorization, "Bearer \(admin)")])
                ) { (response: TestResponse) async throws in
                    let events = try #require(try json(response.body)["events"] as? [[String: Any]])
                    #expect(events.contains { $0["action"] as? String == "signature.create" })
                }
            }
        }

        @Test("RFC 3161 over HTTP: a granted token recorded in the store with increasing serials; 415 and rejections")
        func timeStamps() async throws {
            let state = try await demoState()
            try await withService(state) { client in
                var serials = [UInt64]()
                for index in 0..<3 {
                    let request = TimeStampRequest(
                        messageImprint: MessageImprint(hashing: Array("document \(index)".utf8), with: .sha256),
                        nonce: TimeStampRequest.randomNonce(),
                        certificateRequested: true
                    )
                    try await client.execute(
                        uri: "/v1/timestamp",
                        method: .post,
                        headers: headers([(.contentType, "application/timestamp-query")]),
                        body: ByteBuffer(bytes: request.derRepresentation)
                    ) { (response: TestResponse) async throws in
                        #expect(response.status == .ok)
                        #expect(response.headers[.contentType] == "application/timestamp-reply")
                        let reply = try TimeStampResponse(derEncoded: Array(buffer: response.body))
                        #expect(reply.status.status == .granted)
                        let tokenBytes = try #require(reply.tokenBytes)
                        let info = try TimeStampToken(derEncoded: tokenBytes).info
                        let serial = info.serialNumber.reduce(UInt64(0)) { ($0 << 8) | UInt64($1) }
                        serials.append(serial)
                        let stored = try await state.store.timeStamp(serial: serial)
                        #expect(stored?.token == reply.tokenBytes, "the token was recorded before it was sent")
                    }
                }
                #expect(serials == serials.sorted() && Set(serials).count == 3)
                try await client.execute(
                    uri: "/v1/timestamp",
                    method: .post,
                    headers: pkcs7,
                    body: ByteBuffer(string: "x")
                ) {
                    try expectProblem($0, "unsupported-media-type", 415)
                }
                try await client.execute(
                    uri: "/v1/timestamp",
                    method: .post,
                    headers: headers([(.contentType, "application/timestamp-query")]),
                    body: ByteBuffer(string: "not DER")
                ) { (response: TestResponse) async throws in
                    #expect(
                        response.status == .ok,
                        "RFC 3161 answers a bad request with a rejection, not an HTTP error"
                    )
                    let reply = try TimeStampResponse(derEncoded: Array(buffer: response.body))
                    #expect(reply.status.status == .rejection && reply.status.failureInfo.contains(.badDataFormat))
                }
                let admin = try await apiKey(state, [.admin])
                try await client.execute(
                    uri: "/v1/timestamps?after=0&limit=10",
                    method: .get,
                    headers: headers([(.authorization, "Bearer \(admin)")])
                ) { (response: TestResponse) async throws in
                    let listed = try #require(try json(response.body)["timestamps"] as? [[String: Any]])
                    #expect(listed.compactMap { ($0["serial"] as? NSNumber)?.uint64Value } == serials)
                }
                try await client.execute(
                    uri: "/v1/timestamps?limit=0",
                    method: .get,
                    headers: headers([(.authorization, "Bearer \(admin)")])
                ) { try expectProblem($0, "bad-request", 400) }
            }
        }

        @Test("per-key rate limit: the burst passes, the next is 429 with Retry-After")
        func rateLimit() async throws {
            let state = try await demoState {
                // One token per 1,000 s: however slowly a busy test runner serves these requests, none refills.
                $0.limits.requestsPerSecondPerKey = 0.001
                $0.limits.burstPerKey = 2
                $0.validationAccess = .keyed
            }
            let body = try await demoFile("signed/invoice-hk-rsa-bb.p7s")
            try await withService(state) { client in
                var fields = pkcs7
                fields[.authorization] = "Bearer \(try await apiKey(state, [.validate]))"
                for _ in 0..<2 {
                    try await client.execute(uri: "/v1/validations", method: .post, headers: fields, body: body) {
                        #expect($0.status == .created)
                    }
                }
                try await client.execute(uri: "/v1/validations", method: .post, headers: fields, body: body) {
                    (response: TestResponse) async throws in
                    try expectProblem(response, "rate-limited", 429)
                    #expect(Int(response.headers[.retryAfter] ?? "") ?? 0 >= 1)
                }
                // Another key has its own bucket.
                fields[.authorization] = "Bearer \(try await apiKey(state, [.validate]))"
                try await client.execute(uri: "/v1/validations/unknown-id", method: .get, headers: fields) {
                    try expectProblem($0, "not-found", 404)
                }
            }
        }
    }
}

extension LiveService {
    @Suite("Service: trust data, health, metrics, page")
    struct ServiceReadOnlyTests {
        @Test("frameworks and agreements, listed and one by one; unknown ids 404")
        func trustData() async throws {
            let state = try await demoState()
            try await withService(state) { client in
                try await client.execute(uri: "/v1/frameworks", method: .get) { (response: TestResponse) async throws in
                    let list = try #require(try json(response.body)["frameworks"] as? [[String: Any]])
                    #expect(Set(list.compactMap { $0["id"] as? String }) == ["cn-esl", "eu-qualified", "hk-eto"])
                }
                try await client.execute(uri: "/v1/frameworks/cn-esl", method: .get) {
                    (response: TestResponse) async throws in
                    #expect(try json(response.body)["jurisdiction"] as? String == "CN")
                }
                try await client.execute(uri: "/v1/agreements", method: .get) { (response: TestResponse) async throws in
                    let list = try #require(try json(response.body)["agreements"] as? [[String: Any]])
                    #expect(list.count == 3)
                }
                try await client.execute(uri: "/v1/agreements/eu-cn-origin", method: .get) {
                    (response: TestResponse) async throws in
                    #expect(try json(response.body)["recognisingJurisdiction"] as? String == "EU")
                }
                try await client.execute(uri: "/v1/frameworks/nope", method: .get) {
                    try expectProblem($0, "not-found", 404)
                }
                try await client.execute(uri: "/v1/agreements/nope", method: .get) {
                    try expectProblem($0, "not-found", 404)
                }
                try await client.execute(uri: "/no/such/page", method: .get) { try expectProblem($0, "not-found", 404) }
                try await client.execute(uri: "/v1/frameworks/cn-esl", method: .delete) {
                    (response: TestResponse) async throws in
                    try expectProblem(response, "method-not-allowed", 405)
                    #expect(response.headers[.allow] == "GET")
                }
                try await client.execute(uri: "/v1/validations", method: .get) {
                    (response: TestResponse) async throws in
                    try expectProblem(response, "method-not-allowed", 405)
                    #expect(response.headers[.allow] == "POST")
                }
            }
        }

        @Test("health, readiness, metrics (requests, validations by indication, tokens), the page and the spec")
        func healthMetricsPage() async throws {
            let state = try await demoState()
            let body = try await demoFile("signed/invoice-cn-sm2-bb.p7s")
            try await withService(state) { client in
                try await client.execute(uri: "/healthz", method: .get) { #expect($0.status == .ok) }
                try await client.execute(uri: "/readyz", method: .get) { #expect($0.status == .ok) }
                try await client.execute(
                    uri: "/v1/validations?jurisdiction=CN",
                    method: .post,
                    headers: pkcs7,
                    body: body
                ) {
                    #expect($0.status == .created)
                }
                let request = TimeStampRequest(messageImprint: MessageImprint(hashing: [1], with: .sha256))
                try await client.execute(
                    uri: "/v1/timestamp",
                    method: .post,
                    headers: headers([(.contentType, "application/timestamp-query")]),
                    body: ByteBuffer(bytes: request.derRepresentation)
                ) { #expect($0.status == .ok) }
                try await client.execute(uri: "/metrics", method: .get) { (response: TestResponse) async throws in
                    let text = String(buffer: response.body)
                    #expect(response.headers[.contentType]?.hasPrefix("text/plain") == true)
                    #expect(text.contains(#"sealbridge_validations_total{indication="TOTAL_PASSED"} 1"#))
                    #expect(text.contains("sealbridge_timestamps_issued_total 1"))
                    #expect(
                        text.contains(
                            #"sealbridge_http_requests_total{route="/v1/validations",method="POST",status="201"} 1"#
                        )
                    )
                    #expect(text.contains("sealbridge_http_request_duration_seconds_bucket"))
                }
                try await client.execute(uri: "/", method: .get) { (response: TestResponse) async throws in
                    #expect(response.headers[.contentType] == "text/html; charset=utf-8")
                    #expect(response.headers[.contentSecurityPolicy]?.contains("default-src 'self'") == true)
                    #expect(String(buffer: response.body).contains("<html"))
                }
                try await client.execute(uri: "/openapi.yaml", method: .get) { (response: TestResponse) async throws in
                    #expect(response.headers[.contentType] == "application/yaml")
                    #expect(String(buffer: response.body).contains("openapi: 3.1"))
                }
            }
        }
    }
}

/// Posts each `(query, body, problem slug, status, words)` to /v1/signatures and expects that problem, its words
/// in the answer.
func expectSigningRefusals(
    _ refusals: [(String, ByteBuffer, String, Int, String)],
    client: any TestClientProtocol,
    headers: HTTPFields
) async throws {
    for (query, body, slug, status, words) in refusals {
        try await client.execute(uri: "/v1/signatures?\(query)", method: .post, headers: headers, body: body) {
            try expectProblem($0, slug, status)
            #expect(String(buffer: $0.body).contains(words), "\(query): \(String(buffer: $0.body))")
        }
    }
}
