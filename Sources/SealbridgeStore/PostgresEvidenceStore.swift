import Foundation
public import Logging
import NIOCore
import PostgresNIO

/// The evidence store for several service nodes: PostgreSQL through postgres-nio.
///
/// Nodes are stateless; every durable fact is here. Time-stamp serials come from the database sequence
/// `timestamp_serial`, so they are unique and increasing across nodes. Each write is its own committed statement
/// (or transaction), acknowledged by the server only after it is durable (`synchronous_commit` as the server is
/// configured, `on` by default).
public final class PostgresEvidenceStore: EvidenceStore {
    private let client: PostgresClient
    private let logger: Logger
    private let startupTimeout: Duration
    /// The connection URL without its password, for messages.
    public let redactedURL: String

    /// Connects (lazily) to the database at `url`: `postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE`, with an
    /// optional `?sslmode=disable|prefer|require` (default `prefer`).
    ///
    /// - Throws: `StoreError` when the URL is not of that shape.
    /// - Parameters:
    ///   - url: The database URL.
    ///   - logger: Where the connection pool logs.
    ///   - startupTimeout: How long ``migrate()`` waits for the server before it gives up (the connection pool
    ///     itself retries forever, which at start-up looks like a hang).
    public init(
        url: String,
        logger: Logger = Logger(label: "sealbridge.store"),
        startupTimeout: Duration = .seconds(15)
    ) throws {
        let parsed = try PostgresURL(url)
        self.redactedURL = parsed.redacted
        var configuration = PostgresClient.Configuration(
            host: parsed.host,
            port: parsed.port,
            username: parsed.user,
            password: parsed.password,
            database: parsed.database,
            tls: parsed.tls
        )
        configuration.options.maximumConnections = 16
        self.logger = logger
        self.startupTimeout = startupTimeout
        self.client = PostgresClient(configuration: configuration, backgroundLogger: logger)
    }

    /// Runs the connection pool until the task is cancelled or the service group shuts down.
    public func run() async throws {
        await client.run()
    }

    /// Creates or upgrades the schema (see ``EvidenceStore/migrate()``).
    public func migrate() async throws {
        let timeout = startupTimeout
        let url = redactedURL
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await self.applyMigrations() }
            group.addTask {
                try await Task.sleep(for: timeout)
                throw StoreError(
                    "PostgreSQL at \(url) did not accept a connection within \(timeout); check that the server runs, "
                        + "the user, password and database in the URL, and pg_hba.conf (the server log says why)"
                )
            }
            defer { group.cancelAll() }
            try await group.next()
        }
    }

    private func applyMigrations() async throws {
        let migrations = [
            (1, "reports, time-stamps, audit events, API keys", EvidenceSchema.version1(EvidenceSchema.postgres))
        ]
        do {
            try await client.withTransaction(logger: logger) { connection in
                // One node migrates at a time; the others wait here and then find nothing to do.
                try await connection.query("SELECT pg_advisory_xact_lock(7355608)", logger: logger)
                try await connection.query(
                    """
                    CREATE TABLE IF NOT EXISTS schema_migrations (
                        version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_ms BIGINT NOT NULL)
                    """,
                    logger: logger
                )
                var applied = Set<Int>()
                for try await version in try await connection.query(
                    "SELECT version FROM schema_migrations",
                    logger: logger
                ).decode(Int.self) {
                    applied.insert(version)
                }
                for (version, name, statements) in migrations where !applied.contains(version) {
                    for statement in statements {
                        try await connection.query(PostgresQuery(unsafeSQL: statement), logger: logger)
                    }
                    let now = Date().storeMilliseconds
                    try await connection.query(
                        "INSERT INTO schema_migrations (version, name, applied_ms) VALUES (\(version), \(name), \(now))",
                        logger: logger
                    )
                }
            }
        } catch {
            throw StoreError("cannot migrate the PostgreSQL store at \(redactedURL): \(String(reflecting: error))")
        }
    }

    /// Throws when the database cannot answer a query.
    public func checkReadiness() async throws {
        for try await _ in try await client.query("SELECT 1", logger: logger).decode(Int.self) {}
    }

    /// Stores a validation report; returns once it committed.
    public func saveReport(_ report: StoredReport) async throws {
        let created = report.createdAt.storeMilliseconds
        try await client.query(
            """
            INSERT INTO reports (id, created_ms, input_sha256, indication, sub_indication, verdict, jurisdiction,
                                 report_json, report_xml, report_html)
            VALUES (\(report.id), \(created), \(report.inputSHA256), \(report.indication), \(report.subIndication),
                    \(report.verdict), \(report.jurisdiction), \(report.json), \(report.xml), \(report.html))
            """,
            logger: logger
        )
    }

    /// The report with `id`, or nil.
    public func report(id: String) async throws -> StoredReport? {
        let rows = try await client.query(
            """
            SELECT id, created_ms, input_sha256, indication, sub_indication, verdict, jurisdiction,
                   report_json, report_xml, report_html
            FROM reports WHERE id = \(id)
            """,
            logger: logger
        )
        for try await row in rows.decode(
            (String, Int64, String, String, String?, String?, String?, String, String, String).self
        ) {
            return StoredReport(
                id: row.0,
                createdAt: Date(storeMilliseconds: row.1),
                inputSHA256: row.2,
                indication: row.3,
                subIndication: row.4,
                verdict: row.5,
                jurisdiction: row.6,
                json: row.7,
                xml: row.8,
                html: row.9
            )
        }
        return nil
    }

    /// A new time-stamp serial, unique and increasing (see ``EvidenceStore/nextTimeStampSerial()``).
    public func nextTimeStampSerial() async throws -> UInt64 {
        for try await value in try await client.query("SELECT nextval('timestamp_serial')", logger: logger)
            .decode(Int64.self)
        {
            return UInt64(clamping: value)
        }
        throw StoreError("the database returned no value from the sequence timestamp_serial")
    }

    /// Records an issued token; returns once it committed.
    public func recordTimeStamp(_ record: IssuedTimeStamp) async throws {
        guard let serial = Int64(exactly: record.serial) else {
            throw StoreError("serial \(record.serial) does not fit a signed 64-bit column")
        }
        let genTime = record.genTime.storeMilliseconds
        let token = ByteBuffer(bytes: record.token)
        try await client.query(
            """
            INSERT INTO timestamps (serial, gen_time_ms, policy, imprint_algorithm, imprint, token, node)
            VALUES (\(serial), \(genTime), \(record.policy), \(record.imprintAlgorithm), \(record.imprint),
                    \(token), \(record.node))
            """,
            logger: logger
        )
    }

    /// Issued time-stamps with a serial above `serial`, in serial order, at most `limit`.
    public func timeStamps(after serial: UInt64, limit: Int) async throws -> [IssuedTimeStamp] {
        let after = Int64(clamping: serial)
        let count = max(0, limit)
        return try await timeStamps(
            """
            SELECT serial, gen_time_ms, policy, imprint_algorithm, imprint, token, node FROM timestamps
            WHERE serial > \(after) ORDER BY serial LIMIT \(count)
            """
        )
    }

    /// The time-stamp with `serial`, or nil.
    public func timeStamp(serial: UInt64) async throws -> IssuedTimeStamp? {
        guard let serial = Int64(exactly: serial) else { return nil }
        return try await timeStamps(
            """
            SELECT serial, gen_time_ms, policy, imprint_algorithm, imprint, token, node FROM timestamps
            WHERE serial = \(serial)
            """
        ).first
    }

    private func timeStamps(_ query: PostgresQuery) async throws -> [IssuedTimeStamp] {
        var out = [IssuedTimeStamp]()
        for try await row in try await client.query(query, logger: logger).decode(
            (Int64, Int64, String, String, String, ByteBuffer, String).self
        ) {
            out.append(
                IssuedTimeStamp(
                    serial: UInt64(clamping: row.0),
                    genTime: Date(storeMilliseconds: row.1),
                    policy: row.2,
                    imprintAlgorithm: row.3,
                    imprint: row.4,
                    token: Array(row.5.readableBytesView),
                    node: row.6
                )
            )
        }
        return out
    }

    /// Appends an audit event; returns once it committed.
    public func recordAudit(_ event: AuditEvent) async throws {
        let at = event.at.storeMilliseconds
        try await client.query(
            """
            INSERT INTO audit_events (at_ms, actor, action, target, remote_address, detail)
            VALUES (\(at), \(event.actor), \(event.action), \(event.target), \(event.remoteAddress), \(event.detail))
            """,
            logger: logger
        )
    }

    /// The newest audit events first, at most `limit`.
    public func auditEvents(limit: Int) async throws -> [AuditEvent] {
        let count = max(0, limit)
        var out = [AuditEvent]()
        for try await row in try await client.query(
            """
            SELECT id, at_ms, actor, action, target, remote_address, detail FROM audit_events
            ORDER BY id DESC LIMIT \(count)
            """,
            logger: logger
        ).decode((Int64, Int64, String, String, String, String?, String).self) {
            out.append(
                AuditEvent(
                    id: row.0,
                    at: Date(storeMilliseconds: row.1),
                    actor: row.2,
                    action: row.3,
                    target: row.4,
                    remoteAddress: row.5,
                    detail: row.6
                )
            )
        }
        return out
    }

    /// Stores a new API key (its hash only).
    public func saveAPIKey(_ key: APIKeyRecord) async throws {
        let created = key.createdAt.storeMilliseconds
        let revoked = key.revokedAt?.storeMilliseconds
        try await client.query(
            """
            INSERT INTO api_keys (id, name, key_hash, scopes, created_ms, revoked_ms)
            VALUES (\(key.id), \(key.name), \(key.keyHash), \(key.scopeList), \(created), \(revoked))
            """,
            logger: logger
        )
    }

    /// The key whose SHA-256 hash is `hash`, or nil.
    public func apiKey(hash: String) async throws -> APIKeyRecord? {
        try await apiKeys(
            "SELECT id, name, key_hash, scopes, created_ms, revoked_ms FROM api_keys WHERE key_hash = \(hash)"
        ).first
    }

    /// Every stored key, oldest first.
    public func apiKeys() async throws -> [APIKeyRecord] {
        try await apiKeys(
            "SELECT id, name, key_hash, scopes, created_ms, revoked_ms FROM api_keys ORDER BY created_ms, id"
        )
    }

    private func apiKeys(_ query: PostgresQuery) async throws -> [APIKeyRecord] {
        var out = [APIKeyRecord]()
        for try await row in try await client.query(query, logger: logger).decode(
            (String, String, String, String, Int64, Int64?).self
        ) {
            out.append(
                APIKeyRecord(
                    id: row.0,
                    name: row.1,
                    keyHash: row.2,
                    scopes: APIKeyRecord.scopes(from: row.3),
                    createdAt: Date(storeMilliseconds: row.4),
                    revokedAt: row.5.map(Date.init(storeMilliseconds:))
                )
            )
        }
        return out
    }
}

/// `postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE[?sslmode=…]`, parsed.
struct PostgresURL {
    let user: String
    let password: String?
    let host: String
    let port: Int
    let database: String
    let tls: PostgresClient.Configuration.TLS
    let redacted: String

    init(_ text: String) throws {
        guard let components = URLComponents(string: text),
            components.scheme == "postgres" || components.scheme == "postgresql",
            let host = components.host, !host.isEmpty,
            let user = components.user, !user.isEmpty
        else {
            throw StoreError(
                "\"\(Self.redact(text))\" is not a PostgreSQL URL; write postgres://USER:PASSWORD@HOST:PORT/DATABASE"
            )
        }
        let database = String(components.path.drop(while: { $0 == "/" }))
        guard !database.isEmpty else {
            throw StoreError("the PostgreSQL URL names no database; end it with /DATABASE")
        }
        let mode = components.queryItems?.first(where: { $0.name == "sslmode" })?.value ?? "prefer"
        switch mode {
        case "disable": tls = .disable
        case "prefer": tls = .prefer(.makeClientConfiguration())
        case "require": tls = .require(.makeClientConfiguration())
        default:
            throw StoreError("sslmode \"\(mode)\" is not supported; use disable, prefer or require")
        }
        self.user = user
        self.password = components.password
        self.host = host
        self.port = components.port ?? 5432
        self.database = database
        self.redacted = Self.redact(text)
    }

    /// The URL with any password replaced by `***`, for logs and errors.
    static func redact(_ text: String) -> String {
        guard var components = URLComponents(string: text), components.password != nil else { return text }
        components.password = "***"
        return components.string ?? "postgres://***"
    }
}
