import Foundation

/// A Content-Type (or Content-Disposition) value: its type, lower-cased, and its parameters.
public struct MediaTypeText: Sendable {
    /// The type, e.g. `multipart/form-data`; empty when the header is absent.
    public let type: String
    private let parameters: [String: String]

    /// Reads a header value.
    public init(_ header: String?) {
        let pieces = (header ?? "").split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
        type = pieces.first?.lowercased() ?? ""
        var parameters = [String: String]()
        for piece in pieces.dropFirst() {
            let pair = piece.split(separator: "=", maxSplits: 1)
            guard pair.count == 2 else { continue }
            var value = String(pair[1])
            if value.hasPrefix("\""), value.hasSuffix("\""), value.count >= 2 {
                value = String(value.dropFirst().dropLast())
            }
            parameters[pair[0].lowercased()] = value
        }
        self.parameters = parameters
    }

    /// A parameter's value (quotes removed); names are matched lower-cased.
    public func parameter(_ name: String) -> String? { parameters[name] }
}

/// The parts of a multipart/form-data body (RFC 7578), by field name; at most 16 parts. Takes untrusted bytes:
/// anything malformed is a ``FormDataError`` (the service answers 400 with its reason).
public struct FormParts: Sendable {
    /// One part.
    public struct Part: Sendable {
        /// The `filename` of its Content-Disposition, if any.
        public var filename: String?
        /// Its content.
        public var bytes: [UInt8]
    }

    /// The parts by their `name`.
    public var values: [String: Part] = [:]

    /// At most this many parts.
    public static let maximumPartCount = 16
    /// At most this many bytes of headers per part.
    public static let maximumHeaderBytes = 8 * 1_024

    /// Parses a whole body (RFC 2046 §5.1.1: preamble, `--boundary` lines, parts of headers and content, the closing
    /// `--boundary--`). Written here rather than taken from multipart-kit, whose 4.7.1 parser traps on a header
    /// name with a byte over 127 (found by `FuzzService`; pinned in `Tests/Vectors/fuzz-crashers`).
    ///
    /// - Throws: ``FormDataError`` saying what is wrong.
    public init(bytes body: [UInt8], boundary: String) throws(FormDataError) {
        guard !boundary.isEmpty, boundary.utf8.count <= 70 else {
            throw FormDataError("the multipart boundary must be 1 to 70 characters (RFC 2046 §5.1.1)")
        }
        let delimiter = Array("\r\n--\(boundary)".utf8)
        let finder = SubsequenceFinder(delimiter)
        // The first delimiter may open the body without the CRLF before it.
        var position: Int
        if body.starts(with: delimiter.dropFirst(2)) {
            position = delimiter.count - 2
        } else if let found = finder.firstIndex(in: body, from: 0) {
            position = found + delimiter.count
        } else {
            throw FormDataError(
                "the multipart/form-data body has no --\(boundary) line (is the boundary right?)"
            )
        }
        var parts: [([(String, String)], ArraySlice<UInt8>)] = []
        while true {
            // After a delimiter: "--" closes the body; otherwise optional padding, then CRLF.
            if body[position...].starts(with: [0x2D, 0x2D]) { break }
            while position < body.count, body[position] == 0x20 || body[position] == 0x09 { position += 1 }
            guard body[position...].starts(with: [0x0D, 0x0A]) else {
                throw FormDataError("a multipart boundary line is not followed by CRLF")
            }
            position += 2
            guard let end = finder.firstIndex(in: body, from: position) else {
                throw FormDataError("the multipart/form-data body ends inside a part (no closing boundary)")
            }
            guard parts.count < Self.maximumPartCount else {
                throw FormDataError("the form has more than \(Self.maximumPartCount) parts")
            }
            parts.append(try Self.part(body[position..<end]))
            position = end + delimiter.count
        }
        for (headers, content) in parts {
            guard let disposition = headers.first(where: { $0.0 == "content-disposition" })?.1 else { continue }
            let fields = MediaTypeText(disposition)
            guard fields.type == "form-data", let name = fields.parameter("name") else { continue }
            values[name] = Part(filename: fields.parameter("filename"), bytes: Array(content))
        }
    }

    /// A part's headers (lower-cased names) and content.
    private static func part(
        _ bytes: ArraySlice<UInt8>
    ) throws(FormDataError) -> ([(String, String)], ArraySlice<UInt8>) {
        let separator: [UInt8] = [0x0D, 0x0A, 0x0D, 0x0A]
        if bytes.starts(with: [0x0D, 0x0A]) { return ([], bytes.dropFirst(2)) }  // no headers
        guard let end = SubsequenceFinder(separator).firstIndex(in: bytes, from: bytes.startIndex),
            end - bytes.startIndex <= maximumHeaderBytes
        else {
            throw FormDataError("a multipart part has no end of headers within \(maximumHeaderBytes) bytes")
        }
        var headers: [(String, String)] = []
        for line in bytes[bytes.startIndex..<end].split(separator: 0x0A) {
            let text = String(decoding: line.last == 0x0D ? line.dropLast() : line, as: UTF8.self)
            guard let colon = text.firstIndex(of: ":") else {
                throw FormDataError("a multipart header line has no colon")
            }
            let name = text[..<colon].trimmingCharacters(in: .whitespaces).lowercased()
            let value = text[text.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            headers.append((name, value))
        }
        return (headers, bytes[(end + separator.count)...])
    }
}

/// Finds a byte string in a larger one in linear time (Knuth–Morris–Pratt), so that no body, however hostile,
/// costs more than one pass per search.
struct SubsequenceFinder {
    let pattern: [UInt8]
    private let failure: [Int]

    init(_ pattern: [UInt8]) {
        self.pattern = pattern
        var failure = [Int](repeating: 0, count: pattern.count)
        var k = 0
        for index in pattern.indices.dropFirst() {
            while k > 0, pattern[index] != pattern[k] { k = failure[k - 1] }
            if pattern[index] == pattern[k] { k += 1 }
            failure[index] = k
        }
        self.failure = failure
    }

    /// The index where `pattern` first starts in `haystack` at or after `start`, or nil.
    func firstIndex<Bytes: RandomAccessCollection<UInt8>>(in haystack: Bytes, from start: Bytes.Index) -> Bytes.Index?
    where Bytes.Index == Int {
        guard !pattern.isEmpty else { return start }
        var matched = 0
        var index = start
        while index < haystack.endIndex {
            let byte = haystack[index]
            while matched > 0, byte != pattern[matched] { matched = failure[matched - 1] }
            if byte == pattern[matched] { matched += 1 }
            if matched == pattern.count { return index - pattern.count + 1 }
            index += 1
        }
        return nil
    }
}

/// Why a multipart/form-data body cannot be read, in words for the person who sent it.
public struct FormDataError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What is wrong.
    public let reason: String

    init(_ reason: String) { self.reason = reason }

    /// The reason in words.
    public var description: String { reason }
}
