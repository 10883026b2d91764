public import Foundation
public import SealbridgeCrypto

/// A document given for a signature: the content of a detached signature, or a document the relying party wants
/// compared with an attached signature's content. The one content type of the validation API.
public enum SignedContent: Sendable {
    /// Bytes in memory.
    case bytes([UInt8], name: String)
    /// A file, streamed in 1 MiB pieces (any size in constant memory).
    case file(URL)
    /// The document given only by its digest, for a relying party that will not hand over the document itself
    /// (`--content-digest sha256:HEX`): the signature's digest is compared with it; signers that digest with
    /// another hash, or SM2 signers without signed attributes, need the document and stay INDETERMINATE.
    case digest(HashFunction, [UInt8])

    /// Its name, for the report.
    public var name: String {
        switch self {
        case .bytes(_, let name): return name
        case .file(let url): return url.lastPathComponent
        case .digest: return "the document, given only by its digest"
        }
    }

    /// Reads `ALGORITHM:HEX` (`sha256:9f86…`, `sha3-256:…`, `sm3:…`) as a document given by its digest.
    ///
    /// - Throws: ``ValidationInputError`` (`.invalidDigest`) saying what is wrong.
    public static func digest(text: String) throws -> SignedContent {
        let parts = text.split(separator: ":", maxSplits: 1).map(String.init)
        let names = HashFunction.allCases.map(\.rawValue).joined(separator: ", ")
        guard parts.count == 2, let function = HashFunction(rawValue: parts[0].lowercased()) else {
            throw ValidationInputError(
                .invalidDigest,
                "the content digest '\(text)' is not ALGORITHM:HEX with ALGORITHM one of \(names)"
            )
        }
        guard let bytes = HexEncoding.decode(parts[1]), bytes.count == function.byteCount else {
            throw ValidationInputError(
                .invalidDigest,
                "the \(function.rawValue) content digest must be \(function.byteCount * 2) hexadecimal digits"
            )
        }
        return .digest(function, bytes)
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
        case .digest:
            // Callers branch on `.digest` first; there are no bytes to stream.
            break
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

/// A document compared with the content an attached signature carries.
public struct AttachedContentComparison: Sendable {
    /// The document given, as the report lists it.
    public let supplied: ValidationReport.CheckedDocument
    /// Why the document is not the signed one, in words; nil when it is.
    public let substitution: String?
}

extension SignedContent {
    /// Streams this document and compares it with an attached signature's content: the document a relying party
    /// holds must be the one that was signed, or nothing about it has been checked (`validate` and `cms verify`).
    ///
    /// - Parameters:
    ///   - attachedSize: the attached content's length.
    ///   - attachedDigest: the attached content's digest with a hash (the reader computes them in the pass that
    ///     also digests for the signers).
    /// - Returns: the document as the report lists it, and why it is not the signed one when it is not.
    /// - Throws: ``ValidationInputError`` when a file is missing or cannot be read.
    public func compare(
        withAttachedSize attachedSize: Int,
        digest attachedDigest: (HashFunction) -> [UInt8]
    ) throws -> AttachedContentComparison {
        if case .digest(let function, let given) = self {
            let attached = attachedDigest(function)
            return AttachedContentComparison(
                supplied: .init(
                    name: name,
                    digestAlgorithm: function.rawValue,
                    digest: HexEncoding.encode(given)
                ),
                substitution: attached == given
                    ? nil
                    : "the document given by its \(function.rawValue) digest (\(HexEncoding.encode(given))) is not "
                        + "the one that was signed: the signature carries its own content (\(function.rawValue) "
                        + "\(HexEncoding.encode(attached)))"
            )
        }
        let attachedSHA256 = attachedDigest(.sha256)
        let supplied = try stream { _ in }
        let same = supplied.size == attachedSize && supplied.sha256 == attachedSHA256
        return AttachedContentComparison(
            supplied: .init(
                role: .suppliedContent,
                name: name,
                size: supplied.size,
                sha256: HexEncoding.encode(supplied.sha256)
            ),
            substitution: same
                ? nil
                : "the document supplied (\(name), SHA-256 \(HexEncoding.encode(supplied.sha256))) is not the one "
                    + "that was signed: the signature carries its own content (SHA-256 "
                    + "\(HexEncoding.encode(attachedSHA256)))"
        )
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
        /// A content digest that is not `ALGORITHM:HEX` of the right length (exit 64).
        case invalidDigest
        /// A document given for a signed file that carries everything it signs, such as an OFD package (exit 64).
        case notApplicable
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
