public import Foundation
import SealbridgeX509
import Synchronization

/// Where a time-stamp authority's serial numbers come from. Serials must be unique and strictly increasing for the
/// life of the TSA, across restarts (RFC 3161 §2.4.2 requires uniqueness; increasing serials make a TSA's tokens
/// orderable and its audit log checkable). The service adds SQLite and PostgreSQL stores.
public protocol TimeStampSerialStore: Sendable {
    /// The next serial, greater than every one returned before (including before a restart).
    ///
    /// - Throws: `CMSError.storageFailed` when the store cannot record the reservation.
    func nextSerialNumber() throws -> UInt64
}

/// Serials kept in memory only: for tests and benchmarks, not for a TSA whose tokens outlive the process.
public final class InMemorySerialNumberStore: TimeStampSerialStore {
    private let counter: Mutex<UInt64>

    /// Starts after `last`.
    public init(startingAfter last: UInt64 = 0) {
        counter = Mutex(last)
    }

    /// The next serial.
    public func nextSerialNumber() throws -> UInt64 {
        try counter.withLock { value in
            guard value < UInt64.max else {
                throw CMSError(code: .storageFailed, reason: "the serial numbers are exhausted")
            }
            value += 1
            return value
        }
    }
}

/// Serials persisted in a small file, reserved in blocks the way database sequences cache values: the file holds
/// the highest serial that may have been handed out, written and synced to disk *before* any serial of the block
/// is used. After a crash the TSA resumes above the file's value — serials skip the unused rest of a block but
/// never repeat or go backwards.
public final class FileSerialNumberStore: TimeStampSerialStore {
    private struct State {
        var next: UInt64
        var reservedThrough: UInt64
    }

    private let url: URL
    private let blockSize: UInt64
    private let state: Mutex<State>

    /// Opens (or creates) the store at `url`.
    ///
    /// - Parameters:
    ///   - url: The file.
    ///   - blockSize: How many serials one disk write reserves (1 writes and syncs for every token).
    /// - Throws: `CMSError.storageFailed` when the file exists but does not hold a serial number.
    public init(url: URL, blockSize: UInt64 = 1_000) throws {
        self.url = url
        self.blockSize = max(1, blockSize)
        var last: UInt64 = 0
        if FileManager.default.fileExists(atPath: url.path) {
            let text: String
            do {
                text = try String(contentsOf: url, encoding: .utf8)
            } catch {
                throw CMSError(
                    code: .storageFailed,
                    reason: "cannot read the serial file \(url.path): \(userFacingDescription(of: error))"
                )
            }
            guard let value = UInt64(text.trimmingCharacters(in: .whitespacesAndNewlines)) else {
                throw CMSError(
                    code: .storageFailed,
                    reason:
                        "the serial file \(url.path) does not hold a number; restore it from backup rather than reset it"
                )
            }
            last = value
        }
        state = Mutex(State(next: last + 1, reservedThrough: last))
    }

    /// The next serial; every `blockSize` serials this writes and syncs the file.
    public func nextSerialNumber() throws -> UInt64 {
        try state.withLock { state in
            if state.next > state.reservedThrough {
                let (through, overflow) = state.reservedThrough.addingReportingOverflow(blockSize)
                guard !overflow else {
                    throw CMSError(code: .storageFailed, reason: "the serial numbers are exhausted")
                }
                try persist(through)
                state.reservedThrough = through
            }
            let serial = state.next
            state.next += 1
            return serial
        }
    }

    /// Writes `value` to a temporary file, syncs it, and renames it over the store (atomic on POSIX).
    private func persist(_ value: UInt64) throws {
        let temporary = url.appendingPathExtension("tmp")
        let bytes = Array("\(value)\n".utf8)
        let descriptor = open(temporary.path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        guard descriptor >= 0 else {
            throw CMSError(
                code: .storageFailed,
                reason: "cannot write the serial file \(temporary.path) (errno \(errno))"
            )
        }
        let written = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        let synced = fsync(descriptor)
        close(descriptor)
        guard written == bytes.count, synced == 0, rename(temporary.path, url.path) == 0 else {
            throw CMSError(code: .storageFailed, reason: "cannot persist the serial file \(url.path) (errno \(errno))")
        }
        // The rename is durable only once the directory entry is on disk too.
        let directory = open(url.deletingLastPathComponent().path, O_RDONLY)
        guard directory >= 0 else {
            throw CMSError(code: .storageFailed, reason: "cannot open the serial file's folder (errno \(errno))")
        }
        defer { close(directory) }
        guard fsync(directory) == 0 else {
            throw CMSError(code: .storageFailed, reason: "cannot sync the serial file's folder (errno \(errno))")
        }
    }
}
