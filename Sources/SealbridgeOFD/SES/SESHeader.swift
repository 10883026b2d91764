import SwiftASN1

/// `SES_Header ::= SEQUENCE { ID IA5String ("ES"), version INTEGER, Vid IA5String }` (GB/T 38540-2020 §6.2.2,
/// GM/T 0031-2014 §5.2.2).
public struct SESHeader: Sendable, Hashable {
    /// Always "ES" for an electronic seal.
    public let identifier: String
    /// 4 (GB/T 38540) or 1 (GM/T 0031); vendors also write 2 and 3.
    public let version: Int
    /// The seal-making vendor's identifier.
    public let vendorID: String

    init(node: ASN1Node) throws(SESError) {
        let fields = try SESDERReading.sequence(node, "SES_Header")
        guard fields.count == 3 else { throw SESError("SES_Header", "has \(fields.count) fields, not 3") }
        identifier = try SESDERReading.ia5String(fields[0], "SES_Header.ID")
        version = try SESDERReading.integer(fields[1], "SES_Header.version")
        vendorID = try SESDERReading.ia5String(fields[2], "SES_Header.Vid")
        guard identifier == "ES" else {
            throw SESError("SES_Header.ID", "is \(identifier.debugDescription), not \"ES\": not an electronic seal")
        }
    }
}
