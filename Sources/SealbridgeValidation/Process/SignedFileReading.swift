import Foundation

/// The first decision about a file given to `validate`: a signature Sealbridge reads (with bare base64 decoded),
/// a signature format it does not validate yet (named), or no signature at all (named).
enum SignedFileReading {
    /// What the file is.
    enum Classification {
        /// CMS/CAdES, as bytes the CMS parser reads (DER, BER or PEM; bare base64 decoded).
        case signature([UInt8])
        /// An OFD package (GB/T 33190), with its seals and signatures (bare base64 decoded).
        case ofd([UInt8])
        /// An XML document, which may hold XML-DSig / XAdES signatures anywhere in it.
        case xml([UInt8])
        /// A JWS, compact or JSON (JAdES).
        case jws([UInt8])
        /// A signature format not validated yet: its name ("a PDF document") and the sentence that says so.
        case unsupported(name: String, description: String)
        /// Not a signature, in words.
        case notASignature(String)
    }

    static func classify(_ bytes: [UInt8]) -> Classification {
        var bytes = bytes
        var kind = InputKind.detect(bytes)
        // Bare base64 (CFCA-style SDKs) is text; binary input is never decoded a second time.
        if case .base64 = kind, let decoded = InputKind.unwrapBareBase64(bytes) {
            bytes = decoded
            kind = InputKind.detect(decoded)
        }
        if kind == .ofd { return .ofd(bytes) }
        if kind == .compactJWS || kind == .jadesJSON { return .jws(bytes) }
        // A JWS JSON serialisation whose members come after what detection reads (a long payload first).
        if kind == .json, Self.looksLikeJWSJSON(bytes) { return .jws(bytes) }
        // Trusted lists are XML-DSig signed documents too.
        if kind == .xmlSignature || kind == .trustedList { return .xml(bytes) }
        // An enveloped signature sits at the end of the document, past what detection reads.
        if case .xml = kind { return .xml(bytes) }
        if kind.isSupportedSignature { return .signature(bytes) }
        // Text that names the XML-DSig namespace but did not read as XML (a broken prolog, a DOCTYPE first): the XML
        // reader says what is wrong with it.
        if kind == .text || kind.isUnknown, Self.mentionsXMLSignature(bytes) { return .xml(bytes) }
        if kind.isSignatureFormat { return .unsupported(name: kind.name, description: kind.description) }
        if kind.isUnknown { return .signature(bytes) }
        return .notASignature(kind.name)
    }

    /// Whether the first 64 KiB name the XML-DSig namespace.
    static func mentionsXMLSignature(_ bytes: [UInt8]) -> Bool {
        let marker = Array("http://www.w3.org/2000/09/xmldsig#".utf8)
        let head = bytes.prefix(1 << 16)
        guard head.count >= marker.count else { return false }
        return head.indices.dropLast(marker.count - 1).contains { start in
            head[start] == marker[0] && head[start..<start + marker.count].elementsEqual(marker)
        }
    }

    /// Whether a JSON document names the members of a JWS JSON serialisation anywhere (``InputKind`` looks only at
    /// its first 16 KiB).
    static func looksLikeJWSJSON(_ bytes: [UInt8]) -> Bool {
        TextSniffer.namesJWSMembers(String(decoding: bytes, as: UTF8.self)[...])
    }
}
