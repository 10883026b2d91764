import SwiftASN1

/// DirectoryString text (X.520): UTF8String, PrintableString, IA5String, TeletexString (read as Latin-1),
/// BMPString (UTF-16BE) or UniversalString (UTF-32BE).
enum DirectoryString {
    static func text(_ node: ASN1Node) throws -> String {
        guard case .primitive(let bytes) = node.content else {
            throw CMSError.malformed("a DirectoryString is not primitive")
        }
        switch node.identifier {
        case .utf8String, .printableString, .ia5String:
            return String(decoding: bytes, as: UTF8.self)
        case ASN1Identifier(tagWithNumber: 20, tagClass: .universal):  // TeletexString
            return String(bytes.map { Character(Unicode.Scalar($0)) })
        case .bmpString:
            let units = stride(from: bytes.startIndex, to: bytes.endIndex - 1, by: 2).map {
                UInt16(bytes[$0]) << 8 | UInt16(bytes[$0 + 1])
            }
            return String(decoding: units, as: UTF16.self)
        case .universalString:
            var scalars = String.UnicodeScalarView()
            for start in stride(from: bytes.startIndex, to: bytes.endIndex - 3, by: 4) {
                var value: UInt32 = 0
                for byte in bytes[start..<(start + 4)] { value = value << 8 | UInt32(byte) }
                if let scalar = Unicode.Scalar(value) { scalars.append(scalar) }
            }
            return String(scalars)
        default:
            throw CMSError.malformed("\(node.identifier) is not a DirectoryString")
        }
    }
}
