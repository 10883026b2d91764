import SealbridgeCrypto
import SealbridgeX509
package import SwiftASN1

/// Reads untrusted BER (and so DER) with bounds, for CMS and RFC 3161 input.
///
/// swift-asn1's BER parser handles indefinite lengths and caps nesting at 50 levels; it keeps one node per TLV, so
/// a hostile input made of millions of empty TLVs would cost a hundred bytes of memory per two bytes of input.
/// A linear pre-scan counts the TLV headers first and refuses inputs over ``maximumElementCount``.
package enum BERInput {
    /// The most TLV elements one input may hold. `openssl cms -sign -stream` writes attached content in 4 KiB
    /// chunks, so this still admits about 2 GB of streamed content.
    static let maximumElementCount = 500_000

    /// A `T` read from `bytes` (BER or DER, as received, within the element bound); errors name `what`.
    static func read<T: DERParseable>(_ bytes: [UInt8], as type: T.Type, what: String) throws -> T {
        let root = try parse(bytes[...], what: what)
        return try CMSError.reading(what) { try T(derEncoded: root) }
    }

    /// Parses `bytes` as one BER element with nothing after it.
    ///
    /// - Throws: `CMSError.tooLarge` over the element bound, `CMSError.malformed` for bad BER, naming `what`.
    package static func parse(_ bytes: ArraySlice<UInt8>, what: String) throws -> ASN1Node {
        let count = elementCount(bytes, limit: maximumElementCount + 1)
        guard count <= maximumElementCount else {
            throw CMSError.tooLarge("the \(what) has more than \(maximumElementCount) ASN.1 elements")
        }
        do {
            return try BER.parse(bytes)
        } catch {
            throw CMSError.malformed("the \(what) cannot be read: \(userFacingDescription(of: error))")
        }
    }

    /// One BER header (X.690 §8.1.2–§8.1.3) read at `index`, without its contents: the identifier's first octet,
    /// where the contents start, and their length — `nil` for the indefinite form. `nil` when the header runs past
    /// the end or its length has more than four octets. The one header reader of the walks below and of the
    /// SignedAndEnvelopedData repair; the contents' bounds are the caller's to check.
    struct Header {
        let first: UInt8
        let contents: Int
        let length: Int?

        var isConstructed: Bool { first & 0x20 != 0 }
        var isEndOfContents: Bool { first == 0 && length == 0 }
    }

    static func header(_ bytes: ArraySlice<UInt8>, at start: Int) -> Header? {
        var index = start
        guard index < bytes.endIndex else { return nil }
        let first = bytes[index]
        index += 1
        if first & 0x1F == 0x1F {  // high tag number form: base-128 digits
            while index < bytes.endIndex, bytes[index] & 0x80 != 0 { index += 1 }
            index += 1
        }
        guard index < bytes.endIndex else { return nil }
        let lengthByte = bytes[index]
        index += 1
        if lengthByte == 0x80 { return Header(first: first, contents: index, length: nil) }
        guard lengthByte & 0x80 != 0 else { return Header(first: first, contents: index, length: Int(lengthByte)) }
        let octets = Int(lengthByte & 0x7F)
        guard octets <= 4, index + octets <= bytes.endIndex else { return nil }
        var length = 0
        for _ in 0..<octets {
            length = length << 8 | Int(bytes[index])
            index += 1
        }
        return Header(first: first, contents: index, length: length)
    }

    /// Where the first BER element of `bytes` ends (definite or indefinite length), or `nil` when its headers
    /// run past the end. Used to find padding after a ContentInfo without parsing it twice.
    package static func firstElementEnd(_ bytes: ArraySlice<UInt8>) -> Int? {
        var index = bytes.startIndex
        var open = 0  // indefinite-length elements not yet closed by end-of-contents
        repeat {
            guard let header = header(bytes, at: index) else { return nil }
            index = header.contents
            if header.isEndOfContents {
                guard open > 0 else { return nil }
                open -= 1
                continue
            }
            guard let length = header.length else {
                guard header.isConstructed else { return nil }  // only constructed elements may be indefinite
                open += 1
                continue
            }
            guard length <= bytes.endIndex - index else { return nil }
            index += length
        } while open > 0
        return index
    }

    /// Counts TLV headers without building anything, stopping at `limit`. Structure errors end the count early;
    /// the real parse reports them.
    static func elementCount(_ bytes: ArraySlice<UInt8>, limit: Int) -> Int {
        var index = bytes.startIndex
        var count = 0
        while index < bytes.endIndex, count < limit, let header = header(bytes, at: index) {
            count += 1
            index = header.contents
            // Constructed, indefinite or end-of-contents: the contents (if any) follow as elements.
            guard let length = header.length, !header.isConstructed else { continue }
            guard length <= bytes.endIndex - index else { break }
            index += length  // primitive: skip the contents
        }
        return count
    }

    /// The contents of an OCTET STRING under `identifier`, primitive or (BER, X.690 §8.7.3) constructed from
    /// segments, which may nest. A primitive one's contents are a slice of the input, not a copy.
    static func octetString(_ node: ASN1Node, identifier: ASN1Identifier = .octetString) throws -> ArraySlice<UInt8> {
        guard node.identifier == identifier else {
            throw CMSError.malformed("expected an OCTET STRING, found \(node.identifier)")
        }
        if case .primitive(let bytes) = node.content { return bytes }
        var result: [UInt8] = []
        try appendSegments(of: node, to: &result)
        return result[...]
    }

    private static func appendSegments(of node: ASN1Node, to result: inout [UInt8]) throws {
        switch node.content {
        case .primitive(let bytes):
            result.append(contentsOf: bytes)
        case .constructed(let children):
            for child in children {
                guard child.identifier == .octetString else {
                    throw CMSError.malformed("a constructed OCTET STRING holds a \(child.identifier), not a segment")
                }
                try appendSegments(of: child, to: &result)
            }
        }
    }

    /// The contents octets of `node` (its value without tag and length), for PKCS #7-style content that is not
    /// an OCTET STRING (RFC 5652 §5.2.1: the digest covers the value's contents octets). For an indefinite-length
    /// node the end-of-contents octets are left out.
    static func contentsOctets(_ node: ASN1Node) -> ArraySlice<UInt8> {
        switch node.content {
        case .primitive(let bytes):
            return bytes
        case .constructed(let children):
            var first: ArraySlice<UInt8>.Index?
            var last: ArraySlice<UInt8>.Index?
            for child in children {
                if first == nil { first = child.encodedBytes.startIndex }
                last = child.encodedBytes.endIndex
            }
            guard let first, let last else { return [] }
            return node.encodedBytes[first..<last]
        }
    }

    /// The DER of the first PEM block of one of `types` (e.g. `CMS`, `PKCS7`) in any line layout, of bare base64,
    /// or `bytes` themselves when they are neither (``PEMText``).
    static func derOrPEM(_ bytes: [UInt8], types: [String]) throws -> [UInt8] {
        guard PEMText.looksLikePEM(bytes) else { return PEMText.bareBase64DER(bytes) ?? bytes }
        let documents: [PEMDocument]
        do {
            documents = try PEMText.documents(bytes)
        } catch {
            throw CMSError.malformed("not valid PEM: \(error); check the BEGIN/END lines and base64 body")
        }
        guard let document = documents.first(where: { types.contains($0.discriminator) }) else {
            throw CMSError.malformed("the PEM input holds no \(types.joined(separator: " or ")) block")
        }
        return document.derBytes
    }
}
