public import SwiftASN1

/// PEM as people and SDKs really hand it over, read the same way everywhere a certificate, CRL, key or signature
/// is read: RFC 7468's strict and lax forms, and what neither allows but tools write — the whole base64 body on
/// one line, or BEGIN, body and END on a single line (copied from a web form or a JSON string) — and bare base64
/// without the armour, as Chinese SDKs give certificates and signatures.
///
/// swift-asn1's `PEMDocument` parser insists on 64-character lines, so it is used only to write PEM.
public enum PEMText {
    /// Why text that looked like PEM could not be read, in words.
    public struct Failure: Error, CustomStringConvertible, Sendable {
        /// What is wrong and what to do.
        public let description: String
    }

    /// Whether `bytes` start (after whitespace) with a PEM BEGIN line.
    public static func looksLikePEM(_ bytes: some Collection<UInt8>) -> Bool {
        bytes.drop(while: Base64Text.isWhitespace).starts(with: begin)
    }

    /// Every PEM block in `bytes`, in order; text outside the blocks (comments, `openssl x509 -text` output) is
    /// ignored.
    ///
    /// - Throws: ``Failure`` when a block has no END line, a different END label, RFC 1421 headers
    ///   (`Proc-Type:`), or a body that is not base64.
    public static func documents(_ bytes: some Collection<UInt8>) throws -> [PEMDocument] {
        let text = Array(bytes)
        var documents: [PEMDocument] = []
        var index = 0
        while let start = find(begin, in: text, from: index) {
            let labelStart = start + begin.count
            guard let labelEnd = find(dashes, in: text, from: labelStart) else {
                throw Failure(description: "a PEM BEGIN line is not closed by -----")
            }
            let label = String(decoding: text[labelStart..<labelEnd], as: UTF8.self)
            let end = Array("-----END \(label)-----".utf8)
            let bodyStart = labelEnd + dashes.count
            guard let bodyEnd = find(end, in: text, from: bodyStart) else {
                throw Failure(description: "the PEM \(label) block has no matching END line")
            }
            let body = text[bodyStart..<bodyEnd]
            if body.contains(UInt8(ascii: ":")) {
                throw Failure(
                    description: "the PEM \(label) block has RFC 1421 headers (such as Proc-Type), which are not "
                        + "read here; convert it, e.g. with `openssl pkcs8 -topk8`"
                )
            }
            guard let der = Base64Text.decode(body, maximumOutput: nil) else {
                throw Failure(description: "the body of the PEM \(label) block is not base64")
            }
            documents.append(PEMDocument(type: label, derBytes: der))
            index = bodyEnd + end.count
        }
        return documents
    }

    /// The DER `bytes` hold when they are bare base64 (no armour) of a DER SEQUENCE; `nil` otherwise.
    public static func bareBase64DER(_ bytes: some Collection<UInt8>) -> [UInt8]? {
        guard let first = bytes.first(where: { !Base64Text.isWhitespace($0) }), first != 0x30,
            let decoded = Base64Text.decode(bytes, maximumOutput: nil), decoded.first == 0x30
        else { return nil }
        return decoded
    }

    private static let begin = Array("-----BEGIN ".utf8)
    private static let dashes = Array("-----".utf8)

    private static func find(_ needle: [UInt8], in haystack: [UInt8], from start: Int) -> Int? {
        guard needle.count <= haystack.count, start <= haystack.count - needle.count else { return nil }
        var index = start
        while index <= haystack.count - needle.count {
            if haystack[index] == needle[0], haystack[index..<(index + needle.count)].elementsEqual(needle) {
                return index
            }
            index += 1
        }
        return nil
    }
}
