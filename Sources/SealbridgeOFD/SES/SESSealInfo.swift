import SwiftASN1

/// `SES_SealInfo ::= SEQUENCE { header, esID IA5String, property, picture, extDatas OPTIONAL }` (GB/T 38540-2020
/// §6.2.1, GM/T 0031-2014 §5.2.1): the seal's content, which the seal maker signs.
public struct SESSealInfo: Sendable, Hashable {
    /// The header: "ES", version and vendor.
    public let header: SESHeader
    /// The seal's code, unique for the maker (电子印章标识).
    public let esID: String
    /// What the seal is, whose certificates may use it and when.
    public let property: SESPropertyInfo
    /// The seal's picture.
    public let picture: SESPicture
    /// The extensions (`ExtensionDatas`).
    public let extensions: [SESExtension]

    init(node: ASN1Node) throws(SESError) {
        let fields = try SESDERReading.sequence(node, "SES_SealInfo")
        guard fields.count == 4 || fields.count == 5 else {
            throw SESError("SES_SealInfo", "has \(fields.count) fields, not 4 or 5")
        }
        header = try SESHeader(node: fields[0])
        esID = try SESDERReading.ia5String(fields[1], "SES_SealInfo.esID")
        property = try SESPropertyInfo(node: fields[2])
        picture = try SESPicture(node: fields[3])
        extensions = fields.count == 5 ? try SESExtension.list(fields[4], "SES_SealInfo.extDatas") : []
    }
}
