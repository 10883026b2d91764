import SwiftASN1

/// `SES_ESPictrueInfo ::= SEQUENCE { type IA5String, data OCTET STRING, width INTEGER, height INTEGER }`: the
/// seal's image (the standard's spelling "Pictrue" is kept in the ASN.1 name only). Width and height are in
/// millimetres.
public struct SESPicture: Sendable, Hashable {
    /// "PNG", "JPG"/"JPEG", "GIF", "BMP", "SVG" or "OFD", as the seal states it.
    public let type: String
    /// The picture's bytes.
    public let data: [UInt8]
    /// Width in millimetres.
    public let width: Int
    /// Height in millimetres.
    public let height: Int

    init(node: ASN1Node) throws(SESError) {
        let fields = try SESDERReading.sequence(node, "SES_ESPictrueInfo")
        guard fields.count == 4 else { throw SESError("SES_ESPictrueInfo", "has \(fields.count) fields, not 4") }
        type = try SESDERReading.ia5String(fields[0], "SES_ESPictrueInfo.type")
        data = try SESDERReading.octetString(fields[1], "SES_ESPictrueInfo.data")
        width = try SESDERReading.integer(fields[2], "SES_ESPictrueInfo.width")
        height = try SESDERReading.integer(fields[3], "SES_ESPictrueInfo.height")
    }
}
