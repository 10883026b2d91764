import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import SealbridgeCMS
import SealbridgeCrypto
import SealbridgeStore
import Testing

@testable import SealbridgeService

/// A store that works like the SQLite one but fails where a test says.
final class FailingStore: EvidenceStore {
    let inner: SQLiteEvidenceStore
    let failsReadiness: Bool
    let failsReports: Bool

    init(failsReadiness: Bool = false, failsReports: Bool = false) throws {
        inner = try SQLiteEvidenceStore(
            path: FileManager.default.temporaryDirectory.appendingPathComponent("sealbridge-\(UUID()).sqlite").path
        )
        self.failsReadiness = failsReadiness
        self.failsReports = failsReports
    }

    func run() async throws { try await inner.run() }
    func migrate() async throws { try await inner.migrate() }
    func checkReadiness() async throws {
        if failsReadiness { throw StoreError("the disk is gone (a test double)") }
    }
    func saveReport(_ report: StoredReport) async throws {
        if failsReports { throw StoreError("secret internal detail: /var/lib/db is read-only") }
        try await inner.saveReport(report)
    }
    func report(id: String) async throws -> StoredReport? { try await inner.report(id: id) }
    func nextTimeStampSerial() async throws -> UInt64 { try await inner.nextTimeStampSerial() }
    func recordTimeStamp(_ record: IssuedTimeStamp) async throws { try await inner.recordTimeStamp(record) }
    func timeStamps(after serial: UInt64, limit: Int) async throws -> [IssuedTimeStamp] {
        try await inner.timeStamps(after: serial, limit: limit)
    }
    func timeStamp(serial: UInt64) async throws -> IssuedTimeStamp? { try await inner.timeStamp(serial: serial) }
    func recordAudit(_ event: AuditEvent) async throws { try await inner.recordAudit(event) }
    func auditEvents(limit: Int) async throws -> [AuditEvent] { try await inner.auditEvents(limit: limit) }
    func saveAPIKey(_ key: APIKeyRecord) async throws { try await inner.saveAPIKey(key) }
    func apiKey(hash: String) async throws -> APIKeyRecord? { try await inner.apiKey(hash: hash) }
    func apiKeys() async throws -> [APIKeyRecord] { try await inner.apiKeys() }
}

extension LiveService {
    @Suite("Service: the remaining problem types")
    struct ServiceFailureTests {
        @Test("a store that does not answer: /readyz 503 store-unavailable; a failed write: 500 without its details")
        func storeFailures() async throws {
            let folder = try await DemoWorldFolder.shared.url()
            let (configuration, _) = try demoConfiguration(folder)
            let body = try await demoFile("signed/invoice-hk-rsa-bb.p7s")
            let unready = try ServiceState(configuration: configuration, store: try FailingStore(failsReadiness: true))
            try await withService(unready) { client in
                try await client.execute(uri: "/readyz", method: .get) {
                    try expectProblem($0, "store-unavailable", 503)
                }
                try await client.execute(uri: "/healthz", method: .get) { #expect($0.status == .ok) }
            }
            let broken = try ServiceState(configuration: configuration, store: try FailingStore(failsReports: true))
            try await withService(broken) { client in
                try await client.execute(uri: "/v1/validations", method: .post, headers: pkcs7, body: body) {
                    (response: TestResponse) async throws in
                    try expectProblem(response, "internal", 500)
                    #expect(!String(buffer: response.body).contains("read-only"), "internals stay in the log")
                }
            }
        }

        @Test("no TSA or signer configured: 501 not-configured")
        func notConfigured() async throws {
            let state = try await demoState {
                $0.timeStampAuthority = nil
                $0.signers = []
            }
            try await withService(state) { client in
                let request = TimeStampRequest(messageImprint: MessageImprint(hashing: [1], with: .sha256))
                try await client.execute(
                    uri: "/v1/timestamp",
                    method: .post,
                    headers: headers([(.contentType, "application/timestamp-query")]),
                    body: ByteBuffer(bytes: request.derRepresentation)
                ) { try expectProblem($0, "not-configured", 501) }
                let key = try await apiKey(state, [.sign])
                try await client.execute(
                    uri: "/v1/signatures",
                    method: .post,
                    headers: headers([(.authorization, "Bearer \(key)")]),
                    body: ByteBuffer(string: "x")
                ) { try expectProblem($0, "not-configured", 501) }
            }
        }

        @Test("all validation slots busy: 503 overloaded with Retry-After")
        func overloaded() async throws {
            let state = try await demoState { $0.limits.maxConcurrentValidations = 1 }
            let body = try await demoFile("signed/invoice-hk-rsa-bb.p7s")
            let (stream, release) = AsyncStream<Void>.makeStream()
            let holder = Task { try await state.gate.run { for await _ in stream { break } } }
            while state.gate.inFlight == 0 { await Task.yield() }
            try await withService(state) { client in
                try await client.execute(uri: "/v1/validations", method: .post, headers: pkcs7, body: body) {
                    (response: TestResponse) async throws in
                    try expectProblem(response, "overloaded", 503)
                    #expect(response.headers[.retryAfter] == "1")
                }
            }
            release.yield()
            try await holder.value
        }

        @Test("a validation over its time limit: 503 timeout; a body that stops arriving: 408")
        func timeouts() async throws {
            let slow = try await demoState {
                $0.limits.requestTimeout = .nanoseconds(1)
                $0.limits.bodyTimeout = .seconds(30)
            }
            let body = try await demoFile("signed/invoice-cn-sm2-bt.p7s")
            try await withService(slow) { client in
                try await client.execute(uri: "/v1/validations", method: .post, headers: pkcs7, body: body) {
                    try expectProblem($0, "timeout", 503)
                }
            }
            let stalled = try await demoState { $0.limits.bodyTimeout = .milliseconds(500) }
            let application = try SealbridgeServer.application(state: stalled)
            try await application.test(.live) { client in
                let port = try #require(client.port)
                let answer = try RawHTTP.exchange(
                    port: port,
                    "POST /v1/validations HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/pkcs7-signature\r\n"
                        + "Content-Length: 4000\r\n\r\n" + String(repeating: "0", count: 100)
                )
                #expect(answer.hasPrefix("HTTP/1.1 408"), "\(answer.prefix(80))")
                #expect(answer.contains("request-timeout"))
            }
        }
    }
}
