/// The one schema of the evidence store, in the two SQL dialects. Times are milliseconds since 1970 (UTC) in
/// both, so the stores read and write the same values; binary columns are BLOB / BYTEA.
///
/// A new version is a new list appended here and a new migration in both stores; a released version is never
/// edited.
enum EvidenceSchema {
    static let sqliteVersion1 = [
        """
        CREATE TABLE reports (
            id TEXT PRIMARY KEY NOT NULL,
            created_ms INTEGER NOT NULL,
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
            serial INTEGER PRIMARY KEY NOT NULL,
            gen_time_ms INTEGER NOT NULL,
            policy TEXT NOT NULL,
            imprint_algorithm TEXT NOT NULL,
            imprint TEXT NOT NULL,
            token BLOB NOT NULL,
            node TEXT NOT NULL)
        """,
        "CREATE TABLE sequences (name TEXT PRIMARY KEY NOT NULL, value INTEGER NOT NULL)",
        """
        CREATE TABLE audit_events (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            at_ms INTEGER NOT NULL,
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
            created_ms INTEGER NOT NULL,
            revoked_ms INTEGER)
        """,
    ]

    static let postgresVersion1 = [
        """
        CREATE TABLE reports (
            id TEXT PRIMARY KEY,
            created_ms BIGINT NOT NULL,
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
        // The serial source every node shares (RFC 3161 §2.4.2: unique serials); NO CYCLE so it never wraps.
        "CREATE SEQUENCE timestamp_serial AS BIGINT START 1 NO CYCLE",
        """
        CREATE TABLE timestamps (
            serial BIGINT PRIMARY KEY,
            gen_time_ms BIGINT NOT NULL,
            policy TEXT NOT NULL,
            imprint_algorithm TEXT NOT NULL,
            imprint TEXT NOT NULL,
            token BYTEA NOT NULL,
            node TEXT NOT NULL)
        """,
        """
        CREATE TABLE audit_events (
            id BIGSERIAL PRIMARY KEY,
            at_ms BIGINT NOT NULL,
            actor TEXT NOT NULL,
            action TEXT NOT NULL,
            target TEXT NOT NULL,
            remote_address TEXT,
            detail TEXT NOT NULL)
        """,
        """
        CREATE TABLE api_keys (
            id TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            key_hash TEXT NOT NULL UNIQUE,
            scopes TEXT NOT NULL,
            created_ms BIGINT NOT NULL,
            revoked_ms BIGINT)
        """,
    ]
}
