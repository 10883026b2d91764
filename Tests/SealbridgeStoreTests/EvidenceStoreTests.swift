import Foundation
import Logging
import SealbridgeStore
import Testing

/// The PostgreSQL server the store tests use: `SEALBRIDGE_TEST_POSTGRES_URL` (`.ci/run` starts one on loopback).
let postgresURL = ProcessInfo.processInfo.environment["SEALBRIDGE_TEST_POSTGRES_URL"]

/// Opens a fresh SQLite store in a temporary folder.
func temporarySQLiteStore(serialBlockSize: UInt64 = 256) throws -> (SQLiteEvidenceStore, URL) {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sealbridge-store-\(UUID())")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let store = try SQLiteEvidenceStore(
        path: folder.appendingPathComponent("evidence.sqlite").path,
        serialBlockSize: serialBlockSize
    )
    return (store, folder)
}

/// Runs `body` with `store` running and migrated.
func withRunning<T: Sendable>(
    _ store: any EvidenceStore,
    _ body: @Sendable (any EvidenceStore) async throws -> T
) async throws -> T {
    try await withThrowingTaskGroup(of: Void.self) { group in
        group.addTask { try await store.run() }
        defer { group.cancelAll() }
        try await store.migrate()
        return try await body(store)
    }
}

/// The behaviour every evidence store must have, run against each kind.
enum StoreConformance {
    static func all(_ store: any EvidenceStore) async throws {
        try await reports(store)
        try await serialsIncrease(store)
        try await timeStamps(store)
        try await concurrentRecords(store)
        try await audit(store)
        try await apiKeys(store)
    }

    static func reports(_ store: any EvidenceStore) async throws {
        let id = "r-\(UUID())"
        let report = StoredReport(
            id: id,
            createdAt: Date(timeIntervalSince1970: 1_800_000_000.123),
            inputSHA256: String(repeating: "ab", count: 32),
            indication: "TOTAL_FAILED",
            subIndication: "HASH_FAILURE",
            verdict: nil,
            jurisdiction: "HK",
            json: "{\"indication\":\"TOTAL_FAILED\"}",
            xml: "<r/>",
            html: "<p>é 中文</p>"
        )
        try await store.saveReport(report)
        #expect(try await store.report(id: id) == report)
        #expect(try await store.report(id: "r-missing-\(UUID())") == nil)
        await #expect(throws: (any Error).self, "a report id is stored once") { try await store.saveReport(report) }
    }

    static func serialsIncrease(_ store: any EvidenceStore) async throws {
        let serials = try await withThrowingTaskGroup(of: UInt64.self) { group in
            for _ in 0..<300 { group.addTask { try await store.nextTimeStampSerial() } }
            return try await group.reduce(into: [UInt64]()) { $0.append($1) }
        }
        #expect(Set(serials).count == 300, "no serial is handed out twice")
        let later = try await store.nextTimeStampSerial()
        #expect(serials.allSatisfy { $0 < later }, "a later serial is greater than every earlier one")
    }

    static func timeStamps(_ store: any EvidenceStore) async throws {
        let first = try await store.nextTimeStampSerial()
        var written = [IssuedTimeStamp]()
        for index in 0..<5 {
            let serial = index == 0 ? first : try await store.nextTimeStampSerial()
            let record = IssuedTimeStamp(
                serial: serial,
                genTime: Date(timeIntervalSince1970: 1_800_000_000 + Double(index)),
                policy: "1.2.3.4",
                imprintAlgorithm: "2.16.840.1.101.3.4.2.1",
                imprint: String(repeating: "0\(index)", count: 32),
                token: [0x30, 0x03, 0x02, 0x01, UInt8(index)],
                node: "test"
            )
            try await store.recordTimeStamp(record)
            written.append(record)
        }
        let read = try await store.timeStamps(after: first - 1, limit: 1_000).filter { $0.serial >= first }
        #expect(read.prefix(5).map(\.serial) == written.map(\.serial))
        #expect(Array(read.prefix(5)) == written)
        #expect(try await store.timeStamp(serial: written[2].serial) == written[2])
        #expect(try await store.timeStamps(after: first - 1, limit: 2).count == 2)
        await #expect(throws: (any Error).self, "a serial is recorded once") {
            try await store.recordTimeStamp(written[0])
        }
    }

    static func concurrentRecords(_ store: any EvidenceStore) async throws {
        let serials = try await withThrowingTaskGroup(of: UInt64.self) { group in
            for index in 0..<400 {
                group.addTask {
                    let serial = try await store.nextTimeStampSerial()
                    try await store.recordTimeStamp(
                        IssuedTimeStamp(
                            serial: serial,
                            genTime: Date(),
                            policy: "1.2.3.4",
                            imprintAlgorithm: "1.2.156.10197.1.401",
                            imprint: String(format: "%064x", index),
                            token: [0x05, 0x00],
                            node: "concurrent"
                        )
                    )
                    return serial
                }
            }
            return try await group.reduce(into: [UInt64]()) { $0.append($1) }
        }
        for serial in serials {
            #expect(try await store.timeStamp(serial: serial)?.node == "concurrent", "serial \(serial) was recorded")
        }
    }

    static func audit(_ store: any EvidenceStore) async throws {
        let marker = UUID().uuidString
        for action in ["validation.create", "signature.create", "apikey.create"] {
            try await store.recordAudit(
                AuditEvent(actor: "key_test", action: action, target: marker, remoteAddress: "127.0.0.1", detail: "d")
            )
        }
        let events = try await store.auditEvents(limit: 3)
        #expect(events.map(\.action) == ["apikey.create", "signature.create", "validation.create"], "newest first")
        #expect(events.allSatisfy { $0.target == marker && $0.id != nil && $0.remoteAddress == "127.0.0.1" })
    }

    static func apiKeys(_ store: any EvidenceStore) async throws {
        let (secret, record) = APIKey.generate(name: "ci signer", scopes: [.sign, .timestamp])
        #expect(APIKey.looksLikeKey(secret))
        #expect(!record.keyHash.contains(secret) && record.keyHash != secret)
        try await store.saveAPIKey(record)
        let found = try #require(try await store.apiKey(hash: APIKey.hash(secret)))
        #expect(found.id == record.id && found.scopes == [.sign, .timestamp] && found.name == "ci signer")
        #expect(found.grants(.sign) && found.grants(.timestamp) && !found.grants(.admin) && !found.grants(.validate))
        #expect(try await store.apiKey(hash: APIKey.hash(secret + "x")) == nil)
        #expect(try await store.apiKeys().contains { $0.id == record.id })
    }
}

@Suite("Evidence store: SQLite")
struct SQLiteEvidenceStoreTests {
    @Test("reports, serials, time-stamps, audit events and API keys behave as the protocol says")
    func conformance() async throws {
        let (store, folder) = try temporarySQLiteStore()
        defer { try? FileManager.default.removeItem(at: folder) }
        try await withRunning(store) { store in
            try await store.migrate()  // a second migration finds nothing to do
            try await StoreConformance.all(store)
        }
    }

    @Test("after a reopen, serials continue above every serial handed out or recorded before")
    func serialsSurviveReopen() async throws {
        let (store, folder) = try temporarySQLiteStore(serialBlockSize: 10)
        defer { try? FileManager.default.removeItem(at: folder) }
        let before = try await withRunning(store) { store in
            var last: UInt64 = 0
            for _ in 0..<3 { last = try await store.nextTimeStampSerial() }
            return last
        }
        let reopened = try SQLiteEvidenceStore(path: store.path, serialBlockSize: 10)
        let after = try await withRunning(reopened) { try await $0.nextTimeStampSerial() }
        #expect(after > before, "\(after) follows \(before) (the rest of the reserved block is skipped)")
    }

    @Test("with small serial blocks and many callers, each caller's serials still increase (no block applied late)")
    func smallBlocksStayOrdered() async throws {
        let (store, folder) = try temporarySQLiteStore(serialBlockSize: 3)
        defer { try? FileManager.default.removeItem(at: folder) }
        let perCaller = try await withRunning(store) { store in
            try await withThrowingTaskGroup(of: [UInt64].self) { group in
                for _ in 0..<20 {
                    group.addTask { try await (0..<20).asyncMap { _ in try await store.nextTimeStampSerial() } }
                }
                return try await group.reduce(into: [[UInt64]]()) { $0.append($1) }
            }
        }
        for serials in perCaller {
            #expect(zip(serials, serials.dropFirst()).allSatisfy { $0 < $1 }, "\(serials)")
        }
        #expect(Set(perCaller.joined()).count == 400)
    }

    @Test("a file that is not a SQLite database is refused with a message naming it")
    func notADatabase() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sealbridge-store-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("junk.sqlite").path
        try Data(repeating: 0x41, count: 8_192).write(to: URL(fileURLWithPath: path))
        let error = await #expect(throws: StoreError.self) {
            let store = try SQLiteEvidenceStore(path: path)
            try await withRunning(store) { _ in }
        }
        #expect(error?.description.contains("junk.sqlite") == true)
    }

    @Test("store locations parse; passwords never appear in their descriptions")
    func locations() throws {
        #expect(try StoreLocation("sqlite:/tmp/x.sqlite") == .sqlite(path: "/tmp/x.sqlite"))
        let postgres = try StoreLocation("postgres://sb:s3cret@127.0.0.1:5432/evidence?sslmode=disable")
        #expect(!postgres.description.contains("s3cret"))
        for bad in [
            "", "sqlite:", "mysql://a@b/c", "postgres://127.0.0.1/db", "postgres://u@h/", "postgres://u@h/d?sslmode=x",
        ] {
            #expect(throws: StoreError.self, "\(bad)") { try StoreLocation(bad) }
        }
        let error = #expect(throws: StoreError.self) { try StoreLocation("postgres://u:hunter2@h:1/") }
        #expect(error?.description.contains("hunter2") == false)
    }
}

@Suite(
    "Evidence store: PostgreSQL (a real server)",
    .serialized,
    .enabled(if: postgresURL != nil, "set SEALBRIDGE_TEST_POSTGRES_URL to a PostgreSQL database (.ci/run does)")
)
struct PostgresEvidenceStoreTests {
    /// Generous: the other suites keep every core busy (under AddressSanitizer for minutes), and the server is local.
    static let startupTimeout: Duration = .seconds(300)

    @Test("reports, serials, time-stamps, audit events and API keys behave as the protocol says")
    func conformance() async throws {
        let store = try PostgresEvidenceStore(url: try #require(postgresURL), startupTimeout: Self.startupTimeout)
        try await withRunning(store) { store in
            try await store.migrate()
            try await StoreConformance.all(store)
        }
    }

    @Test("two nodes migrate at once and share one serial sequence: unique, each node's serials increasing")
    func twoNodes() async throws {
        let url = try #require(postgresURL)
        let nodeA = try PostgresEvidenceStore(url: url, startupTimeout: Self.startupTimeout)
        let nodeB = try PostgresEvidenceStore(url: url, startupTimeout: Self.startupTimeout)
        let (fromA, fromB) = try await withRunning(nodeA) { nodeA in
            try await withRunning(nodeB) { nodeB in
                async let a: [UInt64] = (0..<200).asyncMap { _ in try await nodeA.nextTimeStampSerial() }
                async let b: [UInt64] = (0..<200).asyncMap { _ in try await nodeB.nextTimeStampSerial() }
                return try await (a, b)
            }
        }
        #expect(Set(fromA + fromB).count == 400, "no serial is handed out to both nodes")
        #expect(fromA == fromA.sorted() && fromB == fromB.sorted())
        #expect(zip(fromA, fromA.dropFirst()).allSatisfy { $0 < $1 })
    }

    @Test("a wrong password is a clear error, not a hang")
    func wrongPassword() async throws {
        let url = try #require(postgresURL)
        var components = try #require(URLComponents(string: url))
        components.password = "not-the-password"
        var quiet = Logger(label: "test")
        quiet.logLevel = .critical
        let store = try PostgresEvidenceStore(
            url: try #require(components.string),
            logger: quiet,
            startupTimeout: .seconds(2)
        )
        let error = await #expect(throws: StoreError.self) {
            try await withRunning(store) { _ in }
        }
        #expect(error?.description.contains("did not accept a connection") == true)
        #expect(error?.description.contains("not-the-password") == false)
    }
}

extension Sequence where Element: Sendable {
    func asyncMap<T>(_ transform: (Element) async throws -> T) async rethrows -> [T] {
        var out = [T]()
        for element in self { out.append(try await transform(element)) }
        return out
    }
}
