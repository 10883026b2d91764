public import Foundation
public import ServiceLifecycle

/// The evidence store: every durable fact of a Sealbridge service — stored validation reports, issued
/// time-stamps, audit events and API keys — behind one interface with two implementations:
/// ``SQLiteEvidenceStore`` (one file, the embedded default) and ``PostgresEvidenceStore`` (shared by several
/// service nodes). A write returns only after it has committed, so whatever the service acknowledges survives a
/// crash of the process.
///
/// A store is a `Service`: run it (in a `ServiceGroup`, or a task) for as long as it is used. The PostgreSQL store
/// needs its connection pool running; the SQLite store's `run()` only waits for shutdown.
public protocol EvidenceStore: Service {
    /// Runs what the store needs in the background until the task is cancelled or the service group shuts down.
    func run() async throws

    /// Creates or upgrades the schema. Safe to call on every start and from several nodes at once.
    func migrate() async throws

    /// Throws when the store cannot serve requests (for `/readyz`).
    func checkReadiness() async throws

    /// Stores a validation report.
    func saveReport(_ report: StoredReport) async throws

    /// The report with `id`, or nil.
    func report(id: String) async throws -> StoredReport?

    /// A new time-stamp serial: unique and greater than every serial this store handed out before, across
    /// restarts and — for PostgreSQL — across nodes (a database sequence, not a node counter). Serials may skip
    /// values after a crash; they never repeat.
    func nextTimeStampSerial() async throws -> UInt64

    /// Records an issued token. Returns once the record has committed; a token must not reach its client before.
    func recordTimeStamp(_ record: IssuedTimeStamp) async throws

    /// Issued time-stamps with a serial above `serial`, in serial order, at most `limit`.
    func timeStamps(after serial: UInt64, limit: Int) async throws -> [IssuedTimeStamp]

    /// The time-stamp with `serial`, or nil.
    func timeStamp(serial: UInt64) async throws -> IssuedTimeStamp?

    /// Appends an audit event.
    func recordAudit(_ event: AuditEvent) async throws

    /// The newest audit events first, at most `limit`.
    func auditEvents(limit: Int) async throws -> [AuditEvent]

    /// Stores a new API key (its hash only).
    func saveAPIKey(_ key: APIKeyRecord) async throws

    /// The key whose SHA-256 hash is `hash`, or nil.
    func apiKey(hash: String) async throws -> APIKeyRecord?

    /// Every stored key, oldest first.
    func apiKeys() async throws -> [APIKeyRecord]
}

/// A validation report as stored: the verdict's summary for searching and the renderings as issued.
public struct StoredReport: Sendable, Hashable {
    /// The report's id (used in `/v1/validations/{id}`).
    public var id: String
    /// When the validation ran.
    public var createdAt: Date
    /// SHA-256 of the validated file, lowercase hex.
    public var inputSHA256: String
    /// `TOTAL_PASSED`, `TOTAL_FAILED` or `INDETERMINATE`.
    public var indication: String
    /// The sub-indication, if any.
    public var subIndication: String?
    /// The recognition verdict of the first signature, if a jurisdiction was given.
    public var verdict: String?
    /// The relying jurisdiction, if given.
    public var jurisdiction: String?
    /// The JSON report.
    public var json: String
    /// The ETSI TS 119 102-2 XML report.
    public var xml: String
    /// The HTML report.
    public var html: String

    /// Makes a record.
    public init(
        id: String,
        createdAt: Date,
        inputSHA256: String,
        indication: String,
        subIndication: String?,
        verdict: String?,
        jurisdiction: String?,
        json: String,
        xml: String,
        html: String
    ) {
        self.id = id
        self.createdAt = createdAt
        self.inputSHA256 = inputSHA256
        self.indication = indication
        self.subIndication = subIndication
        self.verdict = verdict
        self.jurisdiction = jurisdiction
        self.json = json
        self.xml = xml
        self.html = html
    }
}

/// An issued RFC 3161 time-stamp token.
public struct IssuedTimeStamp: Sendable, Hashable {
    /// The token's serial number.
    public var serial: UInt64
    /// The token's genTime.
    public var genTime: Date
    /// The policy OID, dotted.
    public var policy: String
    /// The imprint's hash algorithm OID, dotted.
    public var imprintAlgorithm: String
    /// The hashed message, lowercase hex.
    public var imprint: String
    /// The DER token.
    public var token: [UInt8]
    /// The service node that issued it.
    public var node: String

    /// Makes a record.
    public init(
        serial: UInt64,
        genTime: Date,
        policy: String,
        imprintAlgorithm: String,
        imprint: String,
        token: [UInt8],
        node: String
    ) {
        self.serial = serial
        self.genTime = genTime
        self.policy = policy
        self.imprintAlgorithm = imprintAlgorithm
        self.imprint = imprint
        self.token = token
        self.node = node
    }
}

/// Who did what, when, from where.
public struct AuditEvent: Sendable, Hashable {
    /// Assigned by the store; nil before the event is stored.
    public var id: Int64?
    /// When.
    public var at: Date
    /// Who: an API key's id, or `anonymous`.
    public var actor: String
    /// What, e.g. `validation.create`, `signature.create`, `apikey.create`.
    public var action: String
    /// On what, e.g. a report id.
    public var target: String
    /// The client's address, if known.
    public var remoteAddress: String?
    /// Anything else worth keeping (never a secret).
    public var detail: String

    /// Makes an event.
    public init(
        id: Int64? = nil,
        at: Date = Date(),
        actor: String,
        action: String,
        target: String,
        remoteAddress: String? = nil,
        detail: String = ""
    ) {
        self.id = id
        self.at = at
        self.actor = actor
        self.action = action
        self.target = target
        self.remoteAddress = remoteAddress
        self.detail = detail
    }
}

/// Why the store failed.
public struct StoreError: Error, CustomStringConvertible, Sendable {
    /// What went wrong and what to do.
    public let description: String

    /// Makes an error.
    public init(_ description: String) {
        self.description = description
    }
}

/// Milliseconds since 1970, the time unit both stores keep.
extension Date {
    var storeMilliseconds: Int64 {
        Int64((timeIntervalSince1970 * 1_000).rounded())
    }

    init(storeMilliseconds: Int64) {
        self.init(timeIntervalSince1970: Double(storeMilliseconds) / 1_000)
    }
}
