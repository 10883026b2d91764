import Foundation
import SealbridgeCMS
import SealbridgeCrypto
import SealbridgeX509
import SwiftASN1

/// The bounded look behind ``InputKind/detect(_:)``: magic numbers, a DER walk over the first bytes, text forms,
/// ZIP entry names.
struct InputSniffer {
    /// The first bytes (at most ``InputKind/zipHeadSize``).
    let head: [UInt8]
    /// The input's length.
    let totalCount: Int
    /// The last bytes (at most ``InputKind/zipTailSize``; the whole input when it is short).
    let tail: [UInt8]

    /// The window for structure and text.
    var window: ArraySlice<UInt8> { head.prefix(InputKind.windowSize) }
    /// Whether the window is the whole input.
    var windowIsWhole: Bool { totalCount <= InputKind.windowSize }

    func kind(allowingBase64: Bool) -> InputKind {
        guard !head.isEmpty else { return .empty }
        if let kind = magic() { return kind }
        let derKind = head[0] == 0x30 ? DERSniffer(bytes: Array(window)).kind() : nil
        if let derKind { return derKind }
        if let kind = TextSniffer(window: window, isWhole: windowIsWhole).kind() {
            if kind != .text || !allowingBase64 { return kind }
            if let inner = base64Inner() { return .base64(inner: inner) }
            return .text
        }
        if head[0] == 0x30, DERSniffer(bytes: Array(window)).hasPlausibleHeader { return .unknownASN1 }
        return .unknownBinary
    }

    /// Formats with a magic number at the start.
    private func magic() -> InputKind? {
        if head.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return .image(.png) }
        if head.starts(with: [0xFF, 0xD8, 0xFF]) { return .image(.jpeg) }
        if head.starts(with: Array("GIF87a".utf8)) || head.starts(with: Array("GIF89a".utf8)) { return .image(.gif) }
        if head.starts(with: Array("RIFF".utf8)), head.count >= 12, head[8..<12].elementsEqual("WEBP".utf8) {
            return .image(.webP)
        }
        // ISO 32000-1 §7.5.2: `%PDF-1.n`; readers accept the header anywhere in the first 1,024 bytes.
        if let header = head.prefix(1024).firstRange(of: Array("%PDF-".utf8)), header.upperBound < head.count,
            (UInt8(ascii: "1")...UInt8(ascii: "2")).contains(head[header.upperBound])
        {
            return .pdf
        }
        if head.starts(with: [0x50, 0x4B, 0x03, 0x04]) || head.starts(with: [0x50, 0x4B, 0x05, 0x06]) {
            return ZIPSniffer(head: head, totalCount: totalCount, tail: tail).kind()
        }
        return nil
    }

    /// What the start of bare base64 text decodes to, when it decodes to a binary structure.
    private func base64Inner() -> InputKind? {
        var text = Array(window)
        if !windowIsWhole {
            // Decode whole quanta only: drop whitespace-free characters beyond the last multiple of four.
            let significant = text.filter { !Base64Text.isWhitespace($0) }.count
            var surplus = significant % 4
            while surplus > 0, let last = text.last {
                text.removeLast()
                if !Base64Text.isWhitespace(last) { surplus -= 1 }
            }
        }
        guard text.filter({ !Base64Text.isWhitespace($0) }).count >= 16,
            let decoded = Base64Text.decode(text, maximumOutput: InputKind.windowSize)
        else { return nil }
        let inner = InputSniffer(head: decoded, totalCount: decoded.count, tail: decoded).kind(allowingBase64: false)
        return inner.isDecodedBinary ? inner : nil
    }
}

/// A walk over DER/BER headers in a window of bytes: tags, lengths and the first fields of the structures people
/// send. Every read is bounds-checked; an element past the window simply is not there.
struct DERSniffer {
    /// One element's header.
    struct Element {
        /// The identifier octet (low tag numbers only).
        let tag: UInt8
        /// Where the header starts.
        let start: Int
        /// Where the contents start.
        let contentStart: Int
        /// The contents' length; `nil` for BER's indefinite length.
        let length: Int?

        /// Where the contents end, when the length is definite.
        var end: Int? { length.map { contentStart + $0 } }
    }

    let bytes: [UInt8]

    /// Whether the input starts with a SEQUENCE header whose length fits the input, or is indefinite.
    var hasPlausibleHeader: Bool { element(at: 0, within: nil) != nil }

    func kind() -> InputKind? {
        guard let outer = element(at: 0, within: nil), outer.tag == 0x30, let first = firstChild(of: outer) else {
            return nil
        }
        switch first.tag {
        case 0x06: return contentInfo(outer: outer, contentType: first)
        case 0x02: return startingWithInteger(outer: outer, first: first)
        case 0x30: return startingWithSequence(outer: outer, first: first)
        default: return nil
        }
    }

    /// `ContentInfo ::= SEQUENCE { contentType OBJECT IDENTIFIER, content [0] EXPLICIT ANY OPTIONAL }` (RFC 5652 §3).
    private func contentInfo(outer: Element, contentType: Element) -> InputKind? {
        guard let type = objectIdentifier(contentType) else { return nil }
        let content = next(after: contentType, in: outer)
        guard content == nil || content?.tag == 0xA0 else { return nil }
        let profile: InputKind.SignedDataProfile
        switch type {
        case CMSObjectIdentifier.signedData: profile = .rfc5652
        case CMSObjectIdentifier.gmSignedData: profile = .gbt35275
        default:
            guard DERSniffer.otherContentTypes.contains(type) else { return nil }
            return .cmsMessage(contentType: type.readableName ?? type.dottedText)
        }
        // SignedData ::= SEQUENCE { version, digestAlgorithms SET, encapContentInfo SEQUENCE { eContentType, … } … }
        if let content, let signedData = firstChild(of: content), signedData.tag == 0x30,
            let version = firstChild(of: signedData), version.tag == 0x02,
            let digests = next(after: version, in: signedData), digests.tag == 0x31,
            let encapsulated = next(after: digests, in: signedData), encapsulated.tag == 0x30,
            let eContentType = firstChild(of: encapsulated),
            objectIdentifier(eContentType) == CMSObjectIdentifier.tstInfo
        {
            return .timeStampToken
        }
        return .cmsSignedData(profile)
    }

    /// PKCS #8, SEC 1 and PKCS #1 private keys, PKCS #12, RFC 3161 requests.
    private func startingWithInteger(outer: Element, first: Element) -> InputKind? {
        let value = smallInteger(first)
        guard let second = next(after: first, in: outer) else { return nil }
        switch second.tag {
        case 0x30:
            guard let inner = firstChild(of: second) else { return nil }
            // PrivateKeyInfo / OneAsymmetricKey: version, AlgorithmIdentifier, OCTET STRING (RFC 5958).
            if value == 0 || value == 1, inner.tag == 0x06, next(after: second, in: outer)?.tag == 0x04 {
                return .privateKey
            }
            // PFX: version 3, authSafe ContentInfo (RFC 7292 §4).
            if value == 3, inner.tag == 0x06 { return .pkcs12 }
            // TimeStampReq: version 1, MessageImprint { AlgorithmIdentifier, OCTET STRING } (RFC 3161 §2.4.1).
            if value == 1, inner.tag == 0x30, next(after: inner, in: second)?.tag == 0x04 { return .timeStampRequest }
            return nil
        case 0x04:
            // ECPrivateKey: version 1, privateKey OCTET STRING (SEC 1 §C.4).
            return value == 1 ? .privateKey : nil
        case 0x02:
            let third = next(after: second, in: outer)
            // RSAPrivateKey: version 0, modulus, publicExponent, … (RFC 8017 §A.1.2).
            if value == 0, third?.tag == 0x02 { return .privateKey }
            guard third == nil, let firstLength = first.length, let secondLength = second.length else { return nil }
            // RSAPublicKey ::= SEQUENCE { modulus, publicExponent } (RFC 8017 §A.1.1).
            if firstLength >= 64, secondLength <= 8 { return .publicKey }
            // Ecdsa-Sig-Value / SM2Signature / Dss-Sig-Value ::= SEQUENCE { r INTEGER, s INTEGER }.
            if (16...67).contains(firstLength), (16...67).contains(secondLength) { return .signatureValue }
            return nil
        default:
            return nil
        }
    }

    /// Certificates, CRLs, requests, public keys, encrypted private keys, RFC 3161 responses, GB/T 38540 seals.
    private func startingWithSequence(outer: Element, first: Element) -> InputKind? {
        guard let inner = firstChild(of: first) else { return nil }
        switch inner.tag {
        case 0x06:
            // AlgorithmIdentifier first: SubjectPublicKeyInfo, or EncryptedPrivateKeyInfo (RFC 5958 §3).
            switch next(after: first, in: outer)?.tag {
            case 0x03: return .publicKey
            case 0x04: return .privateKey
            default: return nil
            }
        case 0xA0:
            // TBSCertificate with [0] EXPLICIT version.
            return firstChild(of: inner)?.tag == 0x02 ? .certificate : nil
        case 0x30:
            // SESeal ::= SEQUENCE { SES_SealInfo ::= SEQUENCE { SES_Header ::= SEQUENCE { ID IA5String "ES", … } … } … }
            if let version = sealHeaderVersion(inner) { return .electronicSeal(version: version) }
            // TBSCertList v1: AlgorithmIdentifier, Name, thisUpdate.
            if firstChild(of: inner)?.tag == 0x06, let issuer = next(after: inner, in: first), issuer.tag == 0x30,
                let time = next(after: issuer, in: first), time.tag == 0x17 || time.tag == 0x18
            {
                return .certificateRevocationList
            }
            return nil
        case 0x02:
            return afterLeadingInteger(outer: outer, first: first, integer: inner)
        default:
            return nil
        }
    }

    /// The SEQUENCE `first` starts with an INTEGER: a seal signature's TBS_Sign, a PKIStatusInfo, a v1 certificate,
    /// a v2 CRL or a certification request.
    private func afterLeadingInteger(outer: Element, first: Element, integer: Element) -> InputKind? {
        let following = next(after: integer, in: first)
        // TBS_Sign ::= SEQUENCE { version INTEGER, eseal SESeal, … } (GB/T 38540 §7.2, GM/T 0031 §8).
        if let seal = following, seal.tag == 0x30, let sealInfo = firstChild(of: seal), sealInfo.tag == 0x30,
            let header = firstChild(of: sealInfo), let version = sealHeaderVersion(header)
        {
            return .electronicSealSignature(version: version ?? smallInteger(integer))
        }
        // PKIStatusInfo ::= SEQUENCE { status INTEGER (0..5), statusString SEQUENCE OF UTF8String OPTIONAL,
        // failInfo BIT STRING OPTIONAL } as the first field of a TimeStampResp (RFC 3161 §2.4.2).
        if let status = smallInteger(integer), (0...5).contains(status) {
            let isEnd = following == nil && integer.end == first.end && integer.end != nil
            let isStatusString = following?.tag == 0x30 && following.flatMap { firstChild(of: $0) }?.tag == 0x0C
            if isEnd || isStatusString || following?.tag == 0x03 { return .timeStampResponse }
        }
        guard let second = following, second.tag == 0x30 else { return nil }
        let secondFirst = firstChild(of: second)
        if secondFirst?.tag == 0x06 {
            // TBSCertificate v1 (serial, signature, issuer, validity) or TBSCertList v2 (version, signature, issuer,
            // thisUpdate).
            guard let issuer = next(after: second, in: first), issuer.tag == 0x30,
                let fourth = next(after: issuer, in: first)
            else { return nil }
            if fourth.tag == 0x30 { return .certificate }
            if fourth.tag == 0x17 || fourth.tag == 0x18 { return .certificateRevocationList }
            return nil
        }
        // CertificationRequestInfo: version 0, subject Name (SET OF or empty), SubjectPublicKeyInfo (RFC 2986 §4.1).
        if smallInteger(integer) == 0, secondFirst == nil || secondFirst?.tag == 0x31,
            next(after: second, in: first)?.tag == 0x30
        {
            return .certificationRequest
        }
        return nil
    }

    /// `SES_Header ::= SEQUENCE { ID IA5String ("ES"), version INTEGER, Vid IA5String }`: the version (`nil` when
    /// unreadable) when `element` is one, else `nil` wrapped in `nil`.
    private func sealHeaderVersion(_ element: Element) -> Int?? {
        guard element.tag == 0x30, let identifier = firstChild(of: element), identifier.tag == 0x16,
            let text = contents(identifier), text.elementsEqual("ES".utf8)
        else { return nil }
        return .some(next(after: identifier, in: element).flatMap(smallInteger))
    }

    /// The content types of CMS messages that are not signatures (RFC 5652, RFC 5083, GB/T 35275).
    private static let otherContentTypes: Set<ASN1ObjectIdentifier> = [
        CMSObjectIdentifier.data, CMSObjectIdentifier.gmData,
        [1, 2, 840, 113_549, 1, 7, 3], [1, 2, 840, 113_549, 1, 7, 5], [1, 2, 840, 113_549, 1, 7, 6],
        [1, 2, 840, 113_549, 1, 9, 16, 1, 2], [1, 2, 840, 113_549, 1, 9, 16, 1, 23],
        [1, 2, 156, 10197, 6, 1, 4, 2, 3], [1, 2, 156, 10197, 6, 1, 4, 2, 4], [1, 2, 156, 10197, 6, 1, 4, 2, 5],
    ]

    // MARK: Headers

    /// The element whose header starts at `offset`, if the header lies in the window and the declared length fits
    /// within `limit` (the parent's end).
    func element(at offset: Int, within limit: Int?) -> Element? {
        guard offset >= 0, offset + 1 < bytes.count, limit.map({ offset < $0 }) ?? true else { return nil }
        let tag = bytes[offset]
        guard tag & 0x1F != 0x1F else { return nil }  // high tag numbers: none of the structures sniffed here
        let first = bytes[offset + 1]
        var length: Int?
        var headerLength = 2
        switch first {
        case 0..<0x80:
            length = Int(first)
        case 0x80:
            guard tag & 0x20 != 0 else { return nil }  // indefinite length only for constructed encodings
            length = nil
        default:
            let octets = Int(first & 0x7F)
            guard (1...4).contains(octets), offset + 2 + octets <= bytes.count else { return nil }
            length = bytes[(offset + 2)..<(offset + 2 + octets)].reduce(0) { $0 << 8 | Int($1) }
            headerLength = 2 + octets
        }
        let contentStart = offset + headerLength
        if let length, let limit, contentStart + length > limit { return nil }
        return Element(tag: tag, start: offset, contentStart: contentStart, length: length)
    }

    /// The first element inside a constructed one.
    func firstChild(of parent: Element) -> Element? {
        guard parent.tag & 0x20 != 0, parent.length != 0 else { return nil }
        return element(at: parent.contentStart, within: parent.end)
    }

    /// The element after `element` inside `parent`; `nil` at the parent's end or when `element`'s length is
    /// indefinite.
    func next(after element: Element, in parent: Element) -> Element? {
        guard let end = element.end else { return nil }
        if let parentEnd = parent.end, end >= parentEnd { return nil }
        // Two zero octets end an indefinite-length parent.
        if parent.end == nil, end + 1 < bytes.count, bytes[end] == 0, bytes[end + 1] == 0 { return nil }
        return self.element(at: end, within: parent.end)
    }

    /// A primitive element's contents, when all of them lie in the window.
    func contents(_ element: Element) -> ArraySlice<UInt8>? {
        guard let end = element.end, end <= bytes.count else { return nil }
        return bytes[element.contentStart..<end]
    }

    /// An INTEGER of at most two octets, as a number.
    func smallInteger(_ element: Element) -> Int? {
        guard element.tag == 0x02, let octets = contents(element), (1...2).contains(octets.count),
            let first = octets.first, first & 0x80 == 0
        else { return nil }
        return octets.reduce(0) { $0 << 8 | Int($1) }
    }

    /// An OBJECT IDENTIFIER element, read by swift-asn1.
    func objectIdentifier(_ element: Element) -> ASN1ObjectIdentifier? {
        guard element.tag == 0x06, let end = element.end, end <= bytes.count else { return nil }
        return try? ASN1ObjectIdentifier(derEncoded: DER.parse(Array(bytes[element.start..<end])))
    }
}

/// PEM, XML, JSON, compact JWS / SD-JWT and plain text, judged on the window.
struct TextSniffer {
    let window: ArraySlice<UInt8>
    let isWhole: Bool

    /// The text's kind, or `nil` when the window is not text (invalid UTF-8, control characters).
    func kind() -> InputKind? {
        guard let text = decodedText() else { return nil }
        let trimmed = text.drop { $0.isWhitespace }
        if trimmed.hasPrefix("<") { return xmlKind(trimmed) }
        if trimmed.hasPrefix("{") || trimmed.hasPrefix("[") { return jsonKind(trimmed) }
        if let label = pemLabel(text) { return .pem(label: label) }
        if let kind = jwsKind(trimmed) { return kind }
        return .text
    }

    /// The window as UTF-8 text (a UTF-8 BOM dropped, a sequence cut by the window's end allowed), when it is text.
    private func decodedText() -> Substring? {
        var bytes = window
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        if !isWhole {
            // Drop a multi-byte sequence cut by the window's end.
            var back = 0
            while back < 3, back < bytes.count, bytes[bytes.endIndex - 1 - back] & 0xC0 == 0x80 { back += 1 }
            if back < bytes.count, bytes[bytes.endIndex - 1 - back] >= 0xC0 { bytes = bytes.dropLast(back + 1) }
        }
        guard let text = String(validating: bytes, as: UTF8.self) else { return nil }
        let isText = text.unicodeScalars.allSatisfy { scalar in
            scalar.value >= 0x20 && scalar.value != 0x7F || [0x09, 0x0A, 0x0C, 0x0D].contains(scalar.value)
        }
        return isText ? Substring(text) : nil
    }

    /// The label of the first `-----BEGIN …-----` line.
    private func pemLabel(_ text: Substring) -> String? {
        guard let begin = text.range(of: "-----BEGIN ") else { return nil }
        let rest = text[begin.upperBound...]
        guard let end = rest.range(of: "-----") else { return nil }
        let label = rest[..<end.lowerBound]
        guard !label.isEmpty, label.count <= 64, label.allSatisfy({ $0.isLetter || $0.isNumber || $0 == " " }) else {
            return nil
        }
        return String(label)
    }

    /// XML: the root element after the prolog, comments and the DOCTYPE.
    private func xmlKind(_ text: Substring) -> InputKind {
        var rest = text
        while true {
            rest = rest.drop { $0.isWhitespace }
            if rest.hasPrefix("<?") {
                guard let end = rest.range(of: "?>") else { return .text }
                rest = rest[end.upperBound...]
            } else if rest.hasPrefix("<!--") {
                guard let end = rest.range(of: "-->") else { return .text }
                rest = rest[end.upperBound...]
            } else if rest.hasPrefix("<!") {
                guard let end = rest.firstIndex(of: ">") else { return .text }
                rest = rest[rest.index(after: end)...]
            } else {
                break
            }
        }
        guard rest.hasPrefix("<") else { return .text }
        let name = rest.dropFirst().prefix { !$0.isWhitespace && $0 != ">" && $0 != "/" }
        guard !name.isEmpty, name.count <= 256 else { return .text }
        let localName = name.split(separator: ":").last.map(String.init) ?? String(name)
        if localName == "Signature" { return .xmlSignature }
        if localName == "TrustServiceStatusList" { return .trustedList }
        if localName.lowercased() == "html" { return .html }
        if text.contains("http://www.w3.org/2000/09/xmldsig#"), containsSignatureElement(text) { return .xmlSignature }
        return .xml(rootElement: String(name))
    }

    /// Whether an element named `Signature` (any prefix) starts somewhere in `text`.
    private func containsSignatureElement(_ text: Substring) -> Bool {
        var rest = text
        while let found = rest.range(of: "Signature") {
            let before = rest[..<found.lowerBound]
            let after = rest[found.upperBound...].first
            let ends = after.map { $0.isWhitespace || $0 == ">" || $0 == "/" } ?? false
            if ends, let opening = before.lastIndex(of: "<") {
                let prefix = before[before.index(after: opening)...]
                if prefix.isEmpty
                    || (prefix.hasSuffix(":") && prefix.dropLast().allSatisfy { $0.isLetter || $0.isNumber })
                {
                    return true
                }
            }
            rest = rest[found.upperBound...]
        }
        return false
    }

    /// JSON: JAdES's JSON serialisation carries `signatures` (general) or `protected` and `signature` (flattened).
    private func jsonKind(_ text: Substring) -> InputKind {
        Self.namesJWSMembers(text) ? .jadesJSON : .json
    }

    /// Whether JSON text names the members of a JWS JSON serialisation.
    static func namesJWSMembers(_ text: Substring) -> Bool {
        text.contains("\"signatures\"") || (text.contains("\"protected\"") && text.contains("\"signature\""))
    }

    /// Compact JWS (RFC 7515 §7.1) and SD-JWT (RFC 9901): base64url parts joined by dots, then `~` disclosures.
    private func jwsKind(_ text: Substring) -> InputKind? {
        // Byte-wise (UTF-8): Character properties cost more than the rest of a JWS's validation.
        let bytes = text.utf8
        func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || (0x09...0x0D).contains(byte) }
        let token = bytes.prefix { !isSpace($0) }
        guard token.count == bytes.count || bytes[token.endIndex...].allSatisfy(isSpace) || !isWhole,
            token.allSatisfy({
                $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "~") || Base64Text.value($0, urlSafe: true) != nil
            })
        else { return nil }
        let jws = token.prefix { $0 != UInt8(ascii: "~") }
        let parts = jws.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        // A header carrying x5c runs to kilobytes: its first 4,096 digits (whole quanta) show `{"alg"…` as well.
        guard let header = parts.first, !header.isEmpty,
            let decoded = Base64Text.decodeURL(Substring(String(decoding: header.prefix(4_096), as: UTF8.self))),
            let json = String(validating: decoded, as: UTF8.self),
            json.drop(while: \.isWhitespace).hasPrefix("{"), json.contains("\"alg\"")
        else { return nil }
        let isComplete = isWhole || jws.count < token.count
        guard isComplete ? parts.count == 3 : parts.count <= 3 else { return nil }
        return jws.count < token.count ? .sdJWT : .compactJWS
    }
}

/// ZIP archives (APPNOTE 6.3): ASiC by its `mimetype` first entry, OFD by an `OFD.xml` entry.
struct ZIPSniffer {
    let head: [UInt8]
    let totalCount: Int
    let tail: [UInt8]

    /// The most entry names read.
    private static let maximumNames = 10_000

    func kind() -> InputKind {
        if let form = asicForm() { return .asic(form) }
        if entryNames().contains(where: { $0.lowercased() == "ofd.xml" }) { return .ofd }
        return .zip
    }

    /// ETSI EN 319 162-1 §4.4.4: the first entry is `mimetype`, stored, with the container's media type.
    private func asicForm() -> ASiCForm? {
        guard let nameLength = le16(head, 26), let extraLength = le16(head, 28), let size = le32(head, 18),
            le16(head, 8) == 0, 30 + nameLength <= head.count,
            head[30..<(30 + nameLength)].elementsEqual("mimetype".utf8)
        else { return nil }
        let start = 30 + nameLength + extraLength
        guard start <= head.count else { return nil }
        let type = head[start..<min(head.count, start + min(size, 128))]
        if type.elementsEqual("application/vnd.etsi.asic-s+zip".utf8) { return .simple }
        if type.elementsEqual("application/vnd.etsi.asic-e+zip".utf8) { return .extended }
        return nil
    }

    typealias ASiCForm = InputKind.ContainerForm

    /// Entry names from local file headers in the head and from the central directory in the tail.
    private func entryNames() -> [String] {
        var names: [String] = []
        // Local file headers: "PK\3\4", name length at 26, name at 30.
        var offset = 0
        while names.count < ZIPSniffer.maximumNames,
            let found = head[offset...].firstRange(of: [0x50, 0x4B, 0x03, 0x04])
        {
            let start = found.lowerBound
            if let length = le16(head, start + 26), start + 30 + length <= head.count {
                names.append(String(decoding: head[(start + 30)..<(start + 30 + length)], as: UTF8.self))
            }
            offset = found.upperBound
        }
        names += centralDirectoryNames(limit: ZIPSniffer.maximumNames - names.count)
        return names
    }

    /// Names from the central directory, found through the end-of-central-directory record in the tail.
    private func centralDirectoryNames(limit: Int) -> [String] {
        let tailStart = totalCount - tail.count
        // The record is 22 bytes plus a comment of at most 65,535.
        let searchStart = max(0, tail.count - 22 - 65_535)
        guard tail.count >= 22,
            let record = (searchStart...(tail.count - 22)).reversed().first(where: {
                tail[$0..<($0 + 4)].elementsEqual([0x50, 0x4B, 0x05, 0x06])
            }),
            let directorySize = le32(tail, record + 12), let directoryOffset = le32(tail, record + 16)
        else { return [] }
        var position = directoryOffset - tailStart
        let end = position + directorySize
        guard position >= 0, end <= tail.count else { return [] }
        var names: [String] = []
        while names.count < limit, position + 46 <= end,
            tail[position..<(position + 4)].elementsEqual([0x50, 0x4B, 0x01, 0x02]),
            let nameLength = le16(tail, position + 28), let extraLength = le16(tail, position + 30),
            let commentLength = le16(tail, position + 32), position + 46 + nameLength <= end
        {
            names.append(String(decoding: tail[(position + 46)..<(position + 46 + nameLength)], as: UTF8.self))
            position += 46 + nameLength + extraLength + commentLength
        }
        return names
    }

    private func le16(_ bytes: [UInt8], _ offset: Int) -> Int? {
        guard offset >= 0, offset + 2 <= bytes.count else { return nil }
        return Int(bytes[offset]) | Int(bytes[offset + 1]) << 8
    }

    private func le32(_ bytes: [UInt8], _ offset: Int) -> Int? {
        guard offset >= 0, offset + 4 <= bytes.count else { return nil }
        return (0..<4).reduce(0) { $0 | Int(bytes[offset + $1]) << (8 * $1) }
    }
}
