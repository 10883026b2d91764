public import Logging

/// Where the evidence store lives, as written on the command line: `sqlite:PATH` or
/// `postgres://USER:PASSWORD@HOST:PORT/DATABASE`.
public enum StoreLocation: Sendable, Hashable, CustomStringConvertible {
    /// A SQLite file.
    case sqlite(path: String)
    /// A PostgreSQL database.
    case postgres(url: String)

    /// Parses `text`.
    ///
    /// - Throws: `StoreError` naming the accepted forms.
    public init(_ text: String) throws {
        if text.hasPrefix("sqlite:") {
            let path = String(text.dropFirst("sqlite:".count))
            guard !path.isEmpty else { throw StoreError("sqlite: needs a file path, e.g. sqlite:sealbridge.sqlite") }
            self = .sqlite(path: path)
        } else if text.hasPrefix("postgres://") || text.hasPrefix("postgresql://") {
            _ = try PostgresURL(text)
            self = .postgres(url: text)
        } else {
            throw StoreError(
                "\"\(PostgresURL.redact(text))\" is not a store location; write sqlite:PATH or "
                    + "postgres://USER:PASSWORD@HOST:PORT/DATABASE"
            )
        }
    }

    /// The location with any password hidden.
    public var description: String {
        switch self {
        case .sqlite(let path): "sqlite:\(path)"
        case .postgres(let url): PostgresURL.redact(url)
        }
    }

    /// Opens the store (not yet migrated; call ``EvidenceStore/migrate()`` once it runs).
    public func open(logger: Logger = Logger(label: "sealbridge.store")) throws -> any EvidenceStore {
        switch self {
        case .sqlite(let path): try SQLiteEvidenceStore(path: path)
        case .postgres(let url): try PostgresEvidenceStore(url: url, logger: logger)
        }
    }
}
