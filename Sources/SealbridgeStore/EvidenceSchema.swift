/// The one schema of the evidence store, written once and rendered in the two SQL dialects. Times are
/// milliseconds since 1970 (UTC) in both, so the stores read and write the same values.
///
/// A new version is a new list appended here and a new migration in both stores; a released version is never
/// edited.
enum EvidenceSchema {
    /// What differs between the dialects.
    struct Dialect {
        let integer: String
        let blob: String
        let autoIncrementKey: String
        /// Where time-stamp serials come from: a table row (SQLite) or a sequence (PostgreSQL).
        let serialSource: String
    }

    static let sqlite = Dialect(
        integer: "INTEGER",
        blob: "BLOB",
        autoIncrementKey: "INTEGER PRIMARY KEY AUTOINCREMENT",
        serialSource: "CREATE TABLE sequences (name TEXT PRIMARY KEY NOT NULL, value INTEGER NOT NULL)"
    )

    static let postgres = Dialect(
        integer: "BIGINT",
        blob: "BYTEA",
        autoIncrementKey: "BIGSERIAL PRIMARY KEY",
        // The serial source every node shares (RFC 3161 §2.4.2: unique serials); NO CYCLE so it never wraps.
        serialSource: "CREATE SEQUENCE timestamp_serial AS BIGINT START 1 NO CYCLE"
    )

    static func version1(_ dialect: Dialect) -> [String] {
        let integer = dialect.integer
        return [
            """
            CREATE TABLE reports (
                id TEXT PRIMARY KEY NOT NULL,
                created_ms \(integer) NOT NULL,
                input_sha256 TEXT NOT NULL,
                indication TEXT NOT NULL,
                sub_indication TEXT,
                verdict TEXT,
                jurisdiction TEXT,
                report_json TEXT NOT NULL,
                report_xml TEXT NOT NULL,
                report_html TEXT NOT NULL)
            """,
            "CREATE INDEX reports_by_input ON reports (input_sha256)",
            """
            CREATE TABLE timestamps (
                serial \(integer) PRIMARY KEY NOT NULL,
                gen_time_ms \(integer) NOT NULL,
                policy TEXT NOT NULL,
                imprint_algorithm TEXT NOT NULL,
                imprint TEXT NOT NULL,
                token \(dialect.blob) NOT NULL,
                node TEXT NOT NULL)
            """,
            dialect.serialSource,
            """
            CREATE TABLE audit_events (
                id \(dialect.autoIncrementKey),
                at_ms \(integer) NOT NULL,
                actor TEXT NOT NULL,
                action TEXT NOT NULL,
                target TEXT NOT NULL,
                remote_address TEXT,
                detail TEXT NOT NULL)
            """,
            """
            CREATE TABLE api_keys (
                id TEXT PRIMARY KEY NOT NULL,
                name TEXT NOT NULL,
                key_hash TEXT NOT NULL UNIQUE,
                scopes TEXT NOT NULL,
                created_ms \(integer) NOT NULL,
                revoked_ms \(integer))
            """,
        ]
    }
}
