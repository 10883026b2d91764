import Foundation
import SealbridgeCrypto
import SealbridgeSM
import SwiftASN1

/// An error in words for the person who gave the input: no Swift type names, no `file.swift:line`.
///
/// Sealbridge's own errors (`X509Error`, `CryptoError`, `SMError`, and the `CMSError`, `TrustError`, … of the layers
/// above, whose descriptions start `CMSError.malformed: `) give their reason. swift-asn1's `ASN1Error`, whose
/// description is `ASN1Error.truncatedASN1Field:  SwiftASN1/ASN1.swift:158`, becomes "the DER encoding is malformed:
/// the data ends in the middle of a field". Reasons that carry such text from a lower layer (a CMS reason quoting
/// a certificate's ASN1Error) are cleaned the same way, and swift-asn1's `ASN1Identifier(tagNumber: 16, tagClass:
/// universal)` becomes `SEQUENCE`. Foundation's errors give their localized description.
///
/// - Parameter error: any error.
/// - Returns: one line for a message, a report or a problem's `detail`.
public func userFacingDescription(of error: any Error) -> String {
    let text: String
    switch error {
    case let error as ASN1Error: return ASN1ErrorWording.sentence(for: error)
    case let error as X509Error: text = error.reason
    case let error as CryptoError: text = error.reason
    case let error as SMError: text = error.reason
    case let error as DecodingError: text = UserFacingText.decodingError(error)
    case let error as CocoaError: text = error.localizedDescription
    case let error as POSIXError: text = error.localizedDescription
    default: text = String(describing: error)
    }
    return UserFacingText.clean(text)
}

/// Words for swift-asn1's error codes.
enum ASN1ErrorWording {
    /// The whole sentence for an `ASN1Error`.
    static func sentence(for error: ASN1Error) -> String {
        let detail = detail(code: error.code, reason: reason(of: error))
        return error.code == .invalidPEMDocument
            ? "the PEM text is malformed: \(detail)" : "the DER encoding is malformed: \(detail)"
    }

    /// What went wrong, for a code and swift-asn1's reason (which may be empty).
    static func detail(code: ASN1Error.ErrorCode, reason: String) -> String {
        let reason = UserFacingText.tagNames(reason.trimmingCharacters(in: .whitespaces))
        // swift-asn1's own reason, where it gives one, is plain English ("INTEGER not encoded in fewest number of
        // octets"); these words stand in where it gives none or a Swift value.
        func otherwise(_ words: String) -> String { reason.isEmpty ? words : lowercasedFirst(reason) }
        switch code {
        case .truncatedASN1Field: return "the data ends in the middle of a field; is the file complete?"
        case .unexpectedFieldType: return reason.isEmpty ? "a field has an unexpected type" : "unexpected \(reason)"
        case .invalidASN1IntegerEncoding: return otherwise("an INTEGER is not in its shortest encoding")
        case .unsupportedFieldLength: return otherwise("a length is not in its shortest form or is too large")
        case .invalidStringRepresentation: return otherwise("a value is not valid text")
        case .invalidPEMDocument: return otherwise("the BEGIN/END lines or the base64 body are wrong")
        case .tooFewOIDComponents: return "an object identifier has fewer than two arcs"
        default: return otherwise("the structure is not valid")
        }
    }

    /// swift-asn1's reason, read back from `ASN1Error.<code>: <reason> <file>:<line>` (the field is private).
    static func reason(of error: ASN1Error) -> String {
        var text = Substring(String(describing: error))
        let prefix = "ASN1Error.\(error.code): "
        if text.hasPrefix(prefix) { text = text.dropFirst(prefix.count) }
        if let space = text.lastIndex(of: " "), UserFacingText.isSourceLocation(text[text.index(after: space)...]) {
            text = text[..<space]
        } else if UserFacingText.isSourceLocation(text) {
            text = ""
        }
        return String(text)
    }

    private static func lowercasedFirst(_ text: String) -> String {
        guard let first = text.first, first.isUppercase, text.dropFirst().first?.isUppercase != true else {
            return text
        }
        return first.lowercased() + text.dropFirst()
    }
}

/// Cleaning of reason text that quotes lower layers' errors.
enum UserFacingText {
    /// `text` without error type prefixes and source locations, with swift-asn1's errors and identifiers in words.
    static func clean(_ text: String) -> String {
        var result = Substring(text)
        result = Substring(embeddedASN1Errors(result))
        result = Substring(tagNames(String(result)))
        result = Substring(withoutTypePrefixes(result))
        return libraryFallback(String(result).trimmingCharacters(in: .whitespaces))
    }

    /// Another library's error that still reads as Swift (`CryptoKitError.incorrectKeySize`,
    /// `SomeError(code: 3)`): said as such, with its case name.
    static func libraryFallback(_ text: String) -> String {
        let name = text.prefix { $0.isLetter || $0.isNumber }
        guard name.first?.isUppercase == true, name.hasSuffix("Error"),
            let next = text[name.endIndex...].first, next == "." || next == "("
        else { return text }
        let detail = text[name.endIndex...].dropFirst().prefix { $0.isLetter || $0.isNumber }
        return "an unexpected error in a library Sealbridge uses" + (detail.isEmpty ? "" : " (\(detail))")
    }

    /// Whether `token` is a `#fileID` location: `Module/File.swift:123`.
    static func isSourceLocation(_ token: Substring) -> Bool {
        guard let colon = token.lastIndex(of: ":") else { return false }
        let digits = token[token.index(after: colon)...]
        return token[..<colon].hasSuffix(".swift") && !digits.isEmpty
            && digits.allSatisfy({ $0.isASCII && $0.isNumber })
    }

    /// Each `ASN1Error.<code>: <reason> <file>:<line>` inside `text`, in words.
    static func embeddedASN1Errors(_ text: Substring) -> String {
        var output = ""
        var rest = text
        while let found = rest.range(of: "ASN1Error.") {
            output += rest[..<found.lowerBound]
            var after = rest[found.upperBound...]
            let codeName = after.prefix { $0.isLetter || $0.isNumber }
            after = after[codeName.endIndex...]
            if after.hasPrefix(":") { after = after.dropFirst() }
            // The reason runs to the source location that ends the description, or to the end.
            var reason = after
            var remainder = after[after.endIndex...]
            if let location = after.range(of: ".swift:") {
                let tokenStart = after[..<location.lowerBound].lastIndex(of: " ") ?? after.startIndex
                let digitsEnd =
                    after[location.upperBound...].firstIndex { !($0.isASCII && $0.isNumber) } ?? after.endIndex
                reason = after[..<tokenStart]
                remainder = after[digitsEnd...]
            }
            let code = ASN1ErrorWording.code(named: String(codeName))
            output += ASN1ErrorWording.detail(code: code, reason: String(reason))
            rest = remainder
        }
        return output + rest
    }

    /// `ASN1Identifier(tagNumber: 16, tagClass: universal)` as `SEQUENCE`, `[0]`, `[APPLICATION 1]`.
    static func tagNames(_ text: String) -> String {
        var output = ""
        var rest = Substring(text)
        let opening = "ASN1Identifier(tagNumber: "
        while let found = rest.range(of: opening), let close = rest[found.upperBound...].firstIndex(of: ")") {
            output += rest[..<found.lowerBound]
            let fields = rest[found.upperBound..<close].split(separator: ",").map {
                $0.trimmingCharacters(in: .whitespaces)
            }
            let number = fields.first.flatMap { UInt($0) }
            let tagClass = fields.dropFirst().first.map { $0.replacingOccurrences(of: "tagClass: ", with: "") }
            output += tagName(number: number, tagClass: tagClass ?? "")
            rest = rest[rest.index(after: close)...]
        }
        return output + rest
    }

    private static func tagName(number: UInt?, tagClass: String) -> String {
        guard let number else { return "an element" }
        switch tagClass {
        case "contextSpecific": return "[\(number)]"
        case "application": return "[APPLICATION \(number)]"
        case "private": return "[PRIVATE \(number)]"
        default:
            let names: [UInt: String] = [
                1: "BOOLEAN", 2: "INTEGER", 3: "BIT STRING", 4: "OCTET STRING", 5: "NULL", 6: "OBJECT IDENTIFIER",
                10: "ENUMERATED", 12: "UTF8String", 16: "SEQUENCE", 17: "SET", 19: "PrintableString",
                20: "TeletexString", 22: "IA5String", 23: "UTCTime", 24: "GeneralizedTime", 30: "BMPString",
            ]
            return names[number] ?? "[UNIVERSAL \(number)]"
        }
    }

    /// `text` without `CMSError.malformed: `-style prefixes, wherever a description was quoted.
    static func withoutTypePrefixes(_ text: Substring) -> String {
        var output = ""
        var rest = text
        while let found = rest.range(of: "Error.") {
            let before = rest[..<found.lowerBound]
            let nameStart =
                before.lastIndex { !($0.isLetter || $0.isNumber) }.map { before.index(after: $0) }
                ?? before.startIndex
            let typeName = before[nameStart...]
            let code = rest[found.upperBound...].prefix { $0.isLetter || $0.isNumber }
            let afterCode = rest[code.endIndex...]
            guard typeName.first?.isUppercase == true, !code.isEmpty, afterCode.hasPrefix(": ") else {
                output += rest[..<found.upperBound]
                rest = rest[found.upperBound...]
                continue
            }
            output += before[..<nameStart]
            rest = afterCode.dropFirst(2)
        }
        return output + rest
    }

    /// A `DecodingError` (JSON, TOML through Codable) without its Swift structure.
    static func decodingError(_ error: DecodingError) -> String {
        switch error {
        case .dataCorrupted(let context), .keyNotFound(_, let context), .typeMismatch(_, let context),
            .valueNotFound(_, let context):
            let path = context.codingPath.map(\.stringValue).joined(separator: ".")
            return path.isEmpty ? context.debugDescription : "\(path): \(context.debugDescription)"
        @unknown default:
            return "the document could not be decoded"
        }
    }
}

extension ASN1ErrorWording {
    /// What went wrong in `error` without the "the DER encoding is malformed" lead, for reasons that already say
    /// what is not valid DER; other errors as ``userFacingDescription(of:)`` words them.
    static func detail(of error: any Error) -> String {
        guard let error = error as? ASN1Error else { return userFacingDescription(of: error) }
        return detail(code: error.code, reason: reason(of: error))
    }

    /// The code a name in an `ASN1Error` description stands for.
    static func code(named name: String) -> ASN1Error.ErrorCode {
        let codes: [ASN1Error.ErrorCode] = [
            .unexpectedFieldType, .invalidASN1Object, .invalidASN1IntegerEncoding, .truncatedASN1Field,
            .unsupportedFieldLength, .invalidPEMDocument, .invalidStringRepresentation, .tooFewOIDComponents,
        ]
        return codes.first { "\($0)" == name } ?? .invalidASN1Object
    }
}
