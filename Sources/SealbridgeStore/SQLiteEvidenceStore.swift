import Foundation
import GRDB
import ServiceLifecycle
import Synchronization

/// The embedded evidence store: one SQLite file in WAL mode through GRDB.
///
/// Durability: `synchronous = FULL`, so a commit is on disk (the WAL fsynced) before a write returns — an
/// acknowledged token or report survives a crash of the process *and* of the machine. To keep that affordable
/// under load, writes are grouped: concurrent writes wait for one transaction and one fsync (group commit), and
/// time-stamp serials are reserved in blocks, each block committed before any of its serials is used (like a
/// database sequence's cache). After a crash serials skip the rest of a block; they never repeat.
public final class SQLiteEvidenceStore: EvidenceStore {
    /// The database file.
    public let path: String
    private let pool: DatabasePool
    private let writer: GroupCommitWriter
    private let serials: SerialBlocks

    /// Opens (creating if needed) the store at `path`.
    ///
    /// - Parameters:
    ///   - path: The database file.
    ///   - serialBlockSize: How many time-stamp serials one committed reservation covers.
    /// - Throws: `StoreError` when the file cannot be opened as a SQLite database.
    public init(path: String, serialBlockSize: UInt64 = 256) throws {
        self.path = path
        var configuration = Configuration()
        configuration.busyMode = .timeout(10)
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = FULL")
        }
        do {
            pool = try DatabasePool(path: path, configuration: configuration)
        } catch {
            throw StoreError(
                "cannot open the SQLite store at \(path): \(error); check the path and that it is a Sealbridge store"
            )
        }
        writer = GroupCommitWriter(pool: pool)
        serials = SerialBlocks(pool: pool, blockSize: max(1, serialBlockSize))
    }

    /// Waits until shutdown; the store needs no background work.
    public func run() async throws {
        try? await gracefulShutdown()
    }

    /// Creates or upgrades the schema (see ``EvidenceStore/migrate()``).
    public func migrate() async throws {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1: reports, time-stamps, audit events, API keys") { db in
            for statement in EvidenceSchema.version1(EvidenceSchema.sqlite) {
                try db.execute(sql: statement)
            }
        }
        do {
            try migrator.migrate(pool)
        } catch {
            throw StoreError("cannot migrate the SQLite store at \(path): \(error)")
        }
    }

    /// Throws when the database cannot answer a query.
    public func checkReadiness() async throws {
        _ = try await pool.read { db in try Int.fetchOne(db, sql: "SELECT 1") }
    }

    /// Stores a validation report; returns once it committed.
    public func saveReport(_ report: StoredReport) async throws {
        try await writer.write { db in
            try db.execute(
                sql: """
                    INSERT INTO reports (id, created_ms, input_sha256, indication, sub_indication, verdict,
                                         jurisdiction, report_json, report_xml, report_html)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    report.id, report.createdAt.storeMilliseconds, report.inputSHA256, report.indication,
                    report.subIndication, report.verdict, report.jurisdiction, report.json, report.xml, report.html,
                ]
            )
        }
    }

    /// The report with `id`, or nil.
    public func report(id: String) async throws -> StoredReport? {
        try await pool.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM reports WHERE id = ?", arguments: [id]).map { row in
                StoredReport(
                    id: row["id"],
                    createdAt: Date(storeMilliseconds: row["created_ms"]),
                    inputSHA256: row["input_sha256"],
                    indication: row["indication"],
                    subIndication: row["sub_indication"],
                    verdict: row["verdict"],
                    jurisdiction: row["jurisdiction"],
                    json: row["report_json"],
                    xml: row["report_xml"],
                    html: row["report_html"]
                )
            }
        }
    }

    /// A new time-stamp serial, unique and increasing (see ``EvidenceStore/nextTimeStampSerial()``).
    public func nextTimeStampSerial() async throws -> UInt64 {
        try await serials.next()
    }

    /// Records an issued token; returns once it committed.
    public func recordTimeStamp(_ record: IssuedTimeStamp) async throws {
        guard let serial = Int64(exactly: record.serial) else {
            throw StoreError("serial \(record.serial) does not fit a signed 64-bit column")
        }
        try await writer.write { db in
            try db.execute(
                sql: """
                    INSERT INTO timestamps (serial, gen_time_ms, policy, imprint_algorithm, imprint, token, node)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    serial, record.genTime.storeMilliseconds, record.policy, record.imprintAlgorithm,
                    record.imprint, Data(record.token), record.node,
                ]
            )
        }
    }

    /// Issued time-stamps with a serial above `serial`, in serial order, at most `limit`.
    public func timeStamps(after serial: UInt64, limit: Int) async throws -> [IssuedTimeStamp] {
        let after = Int64(clamping: serial)
        return try await pool.read { db in
            try Row.fetchAll(
                db,
                sql: "SELECT * FROM timestamps WHERE serial > ? ORDER BY serial LIMIT ?",
                arguments: [after, max(0, limit)]
            ).map(Self.timeStamp(from:))
        }
    }

    /// The time-stamp with `serial`, or nil.
    public func timeStamp(serial: UInt64) async throws -> IssuedTimeStamp? {
        guard let serial = Int64(exactly: serial) else { return nil }
        return try await pool.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM timestamps WHERE serial = ?", arguments: [serial])
                .map(Self.timeStamp(from:))
        }
    }

    private static func timeStamp(from row: Row) -> IssuedTimeStamp {
        let serial: Int64 = row["serial"]
        let token: Data = row["token"]
        return IssuedTimeStamp(
            serial: UInt64(clamping: serial),
            genTime: Date(storeMilliseconds: row["gen_time_ms"]),
            policy: row["policy"],
            imprintAlgorithm: row["imprint_algorithm"],
            imprint: row["imprint"],
            token: Array(token),
            node: row["node"]
        )
    }

    /// Appends an audit event; returns once it committed.
    public func recordAudit(_ event: AuditEvent) async throws {
        try await writer.write { db in
            try db.execute(
                sql: """
                    INSERT INTO audit_events (at_ms, actor, action, target, remote_address, detail)
                    VALUES (?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    event.at.storeMilliseconds, event.actor, event.action, event.target, event.remoteAddress,
                    event.detail,
                ]
            )
        }
    }

    /// The newest audit events first, at most `limit`.
    public func auditEvents(limit: Int) async throws -> [AuditEvent] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM audit_events ORDER BY id DESC LIMIT ?", arguments: [max(0, limit)])
                .map { row in
                    AuditEvent(
                        id: row["id"],
                        at: Date(storeMilliseconds: row["at_ms"]),
                        actor: row["actor"],
                        action: row["action"],
                        target: row["target"],
                        remoteAddress: row["remote_address"],
                        detail: row["detail"]
                    )
                }
        }
    }

    /// Stores a new API key (its hash only).
    public func saveAPIKey(_ key: APIKeyRecord) async throws {
        try await writer.write { db in
            try db.execute(
                sql: """
                    INSERT INTO api_keys (id, name, key_hash, scopes, created_ms, revoked_ms)
                    VALUES (?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    key.id, key.name, key.keyHash, key.scopeList, key.createdAt.storeMilliseconds,
                    key.revokedAt?.storeMilliseconds,
                ]
            )
        }
    }

    /// The key whose SHA-256 hash is `hash`, or nil.
    public func apiKey(hash: String) async throws -> APIKeyRecord? {
        try await pool.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM api_keys WHERE key_hash = ?", arguments: [hash])
                .map(Self.apiKey(from:))
        }
    }

    /// Every stored key, oldest first.
    public func apiKeys() async throws -> [APIKeyRecord] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM api_keys ORDER BY created_ms, id").map(Self.apiKey(from:))
        }
    }

    private static func apiKey(from row: Row) -> APIKeyRecord {
        let revoked: Int64? = row["revoked_ms"]
        return APIKeyRecord(
            id: row["id"],
            name: row["name"],
            keyHash: row["key_hash"],
            scopes: APIKeyRecord.scopes(from: row["scopes"]),
            createdAt: Date(storeMilliseconds: row["created_ms"]),
            revokedAt: revoked.map(Date.init(storeMilliseconds:))
        )
    }
}

/// Group commit: writes that arrive while a transaction is being committed wait and go together into the next
/// one, so N concurrent writers cost one fsync, not N. Each caller returns only after its write committed.
final class GroupCommitWriter: Sendable {
    typealias Operation = @Sendable (Database) throws -> Void

    private struct Pending {
        var operations: [(Operation, CheckedContinuation<Void, any Error>)] = []
        var draining = false
    }

    private let pool: DatabasePool
    private let pending = Mutex(Pending())
    /// At most this many writes go into one transaction.
    private let batchLimit = 512

    init(pool: DatabasePool) {
        self.pool = pool
    }

    func write(_ operation: @escaping Operation) async throws {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            let startsDrain = pending.withLock { state -> Bool in
                state.operations.append((operation, continuation))
                guard !state.draining else { return false }
                state.draining = true
                return true
            }
            if startsDrain {
                Task { await self.drain() }
            }
        }
    }

    private func drain() async {
        while true {
            let batch = pending.withLock { state -> [(Operation, CheckedContinuation<Void, any Error>)] in
                let taken = Array(state.operations.prefix(batchLimit))
                state.operations.removeFirst(taken.count)
                if taken.isEmpty { state.draining = false }
                return taken
            }
            guard !batch.isEmpty else { return }
            let operations = batch.map(\.0)
            do {
                try await pool.write { db in
                    for operation in operations { try operation(db) }
                }
                for (_, continuation) in batch { continuation.resume() }
            } catch {
                // One bad write must not fail its neighbours: retry each alone and report each its own outcome.
                for (operation, continuation) in batch {
                    do {
                        try await pool.write { db in try operation(db) }
                        continuation.resume()
                    } catch {
                        continuation.resume(throwing: error)
                    }
                }
            }
        }
    }
}

/// Time-stamp serials reserved in committed blocks (see ``SQLiteEvidenceStore``).
actor SerialBlocks {
    private let pool: DatabasePool
    private let blockSize: UInt64
    private var next: UInt64 = 1
    private var reservedThrough: UInt64 = 0

    init(pool: DatabasePool, blockSize: UInt64) {
        self.pool = pool
        self.blockSize = blockSize
    }

    /// The reservation being committed, which every caller that finds the block used up waits for: an actor is
    /// reentrant across `await`, and two reservations finishing out of order would hand out a lower serial after
    /// a higher one.
    private var reserving: Task<Int64, any Error>?

    func next() async throws -> UInt64 {
        while next > reservedThrough {
            let task: Task<Int64, any Error>
            if let reserving {
                task = reserving
            } else {
                task = Task { [pool, blockSize] in try await Self.reserve(pool: pool, blockSize: blockSize) }
                reserving = task
            }
            let end: UInt64
            do {
                end = UInt64(clamping: try await task.value)
            } catch {
                if reserving == task { reserving = nil }
                throw error
            }
            if reserving == task { reserving = nil }
            // Whoever resumes first applies the block; the others find it applied.
            if end > reservedThrough {
                next = end - blockSize + 1
                reservedThrough = end
            }
        }
        let serial = next
        next += 1
        return serial
    }

    /// Commits the next block and returns its last serial.
    private static func reserve(pool: DatabasePool, blockSize: UInt64) async throws -> Int64 {
        let size = Int64(clamping: blockSize)
        return try await pool.write { db -> Int64 in
            // Never below the highest recorded serial, even if the sequence row was lost or edited.
            let recorded = try Int64.fetchOne(db, sql: "SELECT MAX(serial) FROM timestamps") ?? 0
            let current =
                try Int64.fetchOne(db, sql: "SELECT value FROM sequences WHERE name = 'timestamp_serial'") ?? 0
            let start = max(recorded, current)
            let (end, overflow) = start.addingReportingOverflow(size)
            guard !overflow else { throw StoreError("the time-stamp serial numbers are exhausted") }
            try db.execute(
                sql: """
                    INSERT INTO sequences (name, value) VALUES ('timestamp_serial', ?)
                    ON CONFLICT(name) DO UPDATE SET value = excluded.value
                    """,
                arguments: [end]
            )
            return end
        }
    }
}
