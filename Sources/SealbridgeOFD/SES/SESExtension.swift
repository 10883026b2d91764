public import SwiftASN1

/// `ExtData ::= SEQUENCE { extnID OBJECT IDENTIFIER, critical BOOLEAN DEFAULT FALSE, extnValue OCTET STRING }`, as
/// in X.509 (GB/T 38540-2020 §6.2.3).
public struct SESExtension: Sendable, Hashable {
    /// The extension's object identifier.
    public let oid: ASN1ObjectIdentifier
    /// Whether a reader that does not know the extension must refuse the seal.
    public let isCritical: Bool
    /// The extension's value (DER).
    public let value: [UInt8]

    /// `ExtensionDatas ::= SEQUENCE OF ExtData`.
    static func list(_ node: ASN1Node, _ field: String) throws(SESError) -> [SESExtension] {
        var extensions: [SESExtension] = []
        for (index, item) in try SESDERReading.sequence(node, field).enumerated() {
            let fields = try SESDERReading.sequence(item, "\(field)[\(index)]")
            guard fields.count == 2 || fields.count == 3 else {
                throw SESError("\(field)[\(index)]", "is not { extnID, critical, extnValue }")
            }
            var critical = false
            if fields.count == 3 {
                do { critical = try Bool(derEncoded: fields[1]) } catch {
                    throw SESError("\(field)[\(index)].critical", "is not a BOOLEAN")
                }
            }
            extensions.append(
                SESExtension(
                    oid: try SESDERReading.objectIdentifier(fields[0], "\(field)[\(index)].extnID"),
                    isCritical: critical,
                    value: try SESDERReading.octetString(fields[fields.count - 1], "\(field)[\(index)].extnValue")
                )
            )
        }
        return extensions
    }
}
