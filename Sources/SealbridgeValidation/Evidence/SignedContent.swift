public import Foundation
import SealbridgeCrypto

/// A document given for a signature: the content of a detached signature, or a document the relying party wants
/// compared with an attached signature's content. The one content type of the validation API.
public enum SignedContent: Sendable {
    /// Bytes in memory.
    case bytes([UInt8], name: String)
    /// A file, streamed in 1 MiB pieces (any size in constant memory).
    case file(URL)

    /// Its name, for the report.
    public var name: String {
        switch self {
        case .bytes(_, let name): return name
        case .file(let url): return url.lastPathComponent
        }
    }

    /// Feeds the content to `body` piece by piece and returns its size and SHA-256.
    ///
    /// - Throws: ``ValidationInputError`` when a file is missing or cannot be read.
    func stream(_ body: (UnsafeRawBufferPointer) -> Void) throws -> (size: Int, sha256: [UInt8]) {
        var sha256 = StreamingHasher(.sha256)
        var size = 0
        func feed(_ buffer: UnsafeRawBufferPointer) {
            size += buffer.count
            sha256.update(buffer)
            body(buffer)
        }
        switch self {
        case .bytes(let bytes, _):
            bytes.withUnsafeBytes(feed)
        case .file(let url):
            guard FileManager.default.fileExists(atPath: url.path) else {
                throw ValidationInputError(
                    .notFound,
                    "the content file \(url.path) does not exist; check the path given for the document"
                )
            }
            guard let handle = try? FileHandle(forReadingFrom: url) else {
                throw ValidationInputError(
                    .unreadable,
                    "cannot read the content file \(url.path); check its permissions"
                )
            }
            defer { try? handle.close() }
            while true {
                let chunk: Data?
                do {
                    chunk = try handle.read(upToCount: 1 << 20)
                } catch {
                    throw ValidationInputError(.unreadable, "reading \(url.path) failed: \(error.localizedDescription)")
                }
                guard let chunk, !chunk.isEmpty else { break }
                chunk.withUnsafeBytes(feed)
            }
        }
        return (size, sha256.finalize())
    }
}

/// A failure of the validation's own inputs (not of the signature): a content file that is missing or unreadable.
public struct ValidationInputError: Error, CustomStringConvertible, Sendable {
    /// What kind of input failure.
    public enum Kind: Sendable, Hashable {
        /// The file does not exist (the CLI's exit 66).
        case notFound
        /// It exists but cannot be read (exit 74).
        case unreadable
    }

    /// The kind.
    public let kind: Kind
    /// What went wrong and what to do.
    public let description: String

    init(_ kind: Kind, _ description: String) {
        self.kind = kind
        self.description = description
    }
}
