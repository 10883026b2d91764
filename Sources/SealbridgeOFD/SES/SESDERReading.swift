import SealbridgeCMS
import SealbridgeX509
import SwiftASN1

/// The few DER readers the seal structures share, each failing with the field's name.
enum SESDERReading {
    /// A node's children, for a SEQUENCE.
    static func sequence(_ node: ASN1Node, _ field: String) throws(SESError) -> [ASN1Node] {
        guard node.identifier == .sequence, case .constructed(let children) = node.content else {
            throw SESError(field, "is not a SEQUENCE")
        }
        return Array(children)
    }

    static func integer(_ node: ASN1Node, _ field: String) throws(SESError) -> Int {
        do { return try Int(derEncoded: node) } catch { throw SESError(field, "is not a small INTEGER") }
    }

    static func ia5String(_ node: ASN1Node, _ field: String) throws(SESError) -> String {
        do { return String(try ASN1IA5String(derEncoded: node)) } catch {
            // Vendors put PrintableString or UTF8String where IA5String is specified; the text is what matters.
            if let text = try? text(node, field) { return text }
            throw SESError(field, "is not an IA5String")
        }
    }

    /// UTF8String as specified; IA5String or PrintableString read too (vendor variants).
    static func text(_ node: ASN1Node, _ field: String) throws(SESError) -> String {
        if let utf8 = try? ASN1UTF8String(derEncoded: node) { return String(utf8) }
        if let ia5 = try? ASN1IA5String(derEncoded: node) { return String(ia5) }
        if let printable = try? ASN1PrintableString(derEncoded: node) { return String(printable) }
        throw SESError(field, "is not a character string")
    }

    static func octetString(_ node: ASN1Node, _ field: String) throws(SESError) -> [UInt8] {
        do { return Array(try ASN1OctetString(derEncoded: node).bytes) } catch {
            throw SESError(field, "is not an OCTET STRING")
        }
    }

    static func objectIdentifier(_ node: ASN1Node, _ field: String) throws(SESError) -> ASN1ObjectIdentifier {
        do { return try ASN1ObjectIdentifier(derEncoded: node) } catch {
            throw SESError(field, "is not an OBJECT IDENTIFIER")
        }
    }

    /// A BIT STRING's bytes. Writers disagree on the unused-bits octet of a byte-aligned value (0 as DER requires,
    /// or a stray count over bits that are in fact used); the bytes are the signature or digest either way, so the
    /// count is returned for a note instead of refusing the value.
    static func bitStringBytes(
        _ node: ASN1Node,
        _ field: String,
        identifier: ASN1Identifier = .bitString
    ) throws(SESError) -> (bytes: [UInt8], unusedBits: UInt8) {
        guard node.identifier == identifier, case .primitive(let contents) = node.content, let first = contents.first,
            first < 8
        else { throw SESError(field, "is not a BIT STRING") }
        return (Array(contents.dropFirst()), first)
    }

    /// GeneralizedTime (GB/T 38540) or UTCTime (GM/T 0031).
    static func time(_ node: ASN1Node, _ field: String) throws(SESError) -> X509Time {
        do { return try X509Time(derEncoded: node) } catch {
            // X.509's reader refuses fractions of a second; RFC 3161's GeneralizedTime reads them.
            if let precise = try? PreciseTime(derEncoded: node) { return precise.x509Time }
            throw SESError(field, "is not a GeneralizedTime or UTCTime")
        }
    }
}

extension SESDERReading {
    /// The first value in `bytes` and how many bytes follow it (writers leave padding; ofdrw reads past it too).
    /// Parsed by the CMS layer's bounded reader: a hostile file of millions of empty TLVs is refused before swift-asn1
    /// builds a node for each.
    static func firstNode(_ bytes: [UInt8], _ field: String) throws(SESError) -> (ASN1Node, trailing: Int) {
        let end = BERInput.firstElementEnd(bytes[...]) ?? bytes.endIndex
        return (try node(bytes[..<end], field), bytes.endIndex - end)
    }

    /// One value, nothing after it, within the CMS layer's element bound.
    static func node(_ bytes: ArraySlice<UInt8>, _ field: String) throws(SESError) -> ASN1Node {
        do { return try BERInput.parse(bytes, what: field) } catch let error as CMSError {
            throw SESError(field, error.reason)
        } catch { throw SESError(field, "is not DER") }
    }

    /// `[0] EXPLICIT BIT STRING` (a time-stamp token in a BIT STRING); an IMPLICIT `[0]` is read as well.
    static func explicitBitString(_ node: ASN1Node, _ field: String) throws(SESError) -> [UInt8] {
        let tag = ASN1Identifier(tagWithNumber: 0, tagClass: .contextSpecific)
        guard node.identifier == tag else { throw SESError(field, "is not tagged [0]") }
        switch node.content {
        case .constructed(let inner):
            guard let bitString = inner.first(where: { _ in true }) else { throw SESError(field, "is empty") }
            return try bitStringBytes(bitString, field).bytes
        case .primitive:
            return try bitStringBytes(node, field, identifier: tag).bytes
        }
    }

    /// A BIT STRING's bytes, or an OCTET STRING's (GM/T 0031 writers use either for `timeInfo` and `dataHash`).
    static func opaqueBytes(_ node: ASN1Node, _ field: String) throws(SESError) -> [UInt8] {
        if node.identifier == .octetString { return try octetString(node, field) }
        return try bitStringBytes(node, field).bytes
    }

    /// GM/T 0031's `timeInfo`: a DER UTCTime/GeneralizedTime, or the text "yyyy-MM-dd HH:mm:ss" / "yyyyMMddHHmmss[Z]".
    static func looseTime(_ bytes: [UInt8]) -> (X509Time?, String?) {
        if let node = try? node(bytes[...], "timeInfo"), let time = try? time(node, "timeInfo") { return (time, nil) }
        let text = String(decoding: bytes, as: UTF8.self)
        let digits = text.filter(\.isNumber).compactMap { Int(String($0)) }
        guard digits.count >= 14 else { return (nil, text) }
        func number(_ range: Range<Int>) -> Int { digits[range].reduce(0) { $0 * 10 + $1 } }
        guard (1...12).contains(number(4..<6)), (1...31).contains(number(6..<8)), number(8..<10) < 24,
            number(10..<12) < 60, number(12..<14) < 61
        else { return (nil, text) }
        let time = X509Time(
            year: number(0..<4),
            month: number(4..<6),
            day: number(6..<8),
            hour: number(8..<10),
            minute: number(10..<12),
            second: number(12..<14)
        )
        return (time, text)
    }
}
