public import SealbridgeX509
import SwiftASN1

/// `SES_ESPropertyInfo` (GB/T 38540-2020 §6.2.4; GM/T 0031-2014 §5.2.4 without `certListType`): what the seal is,
/// whose certificates may use it and when.
public struct SESPropertyInfo: Sendable, Hashable {
    /// The seal's type: 1 official (法定名称章), 2 financial, 3 invoice, 4 contract, 5 business, … (vendors use more).
    public let type: Int
    /// The seal's name, e.g. the company's name with the seal's purpose.
    public let name: String
    /// The certificates allowed to sign with the seal.
    public let certificates: SESCertificateList
    /// When the seal was made.
    public let createDate: X509Time
    /// The seal's validity.
    public let validStart: X509Time
    /// The end of the seal's validity.
    public let validEnd: X509Time

    init(node: ASN1Node) throws(SESError) {
        let fields = try SESDERReading.sequence(node, "SES_ESPropertyInfo")
        type = try SESDERReading.integer(fields.first ?? node, "SES_ESPropertyInfo.type")
        // GB/T 38540 puts certListType (an INTEGER) before the list; GM/T 0031 has the list straight after the name.
        let hasListType = fields.count >= 7 && fields[2].identifier == .integer
        guard fields.count == (hasListType ? 7 : 6) else {
            throw SESError("SES_ESPropertyInfo", "has \(fields.count) fields")
        }
        name = try SESDERReading.text(fields[1], "SES_ESPropertyInfo.name")
        let listType = hasListType ? try SESDERReading.integer(fields[2], "SES_ESPropertyInfo.certListType") : 1
        let rest = fields[(hasListType ? 3 : 2)...]
        certificates = try SESCertificateList(node: rest[rest.startIndex], listType: listType)
        createDate = try SESDERReading.time(rest[rest.startIndex + 1], "SES_ESPropertyInfo.createDate")
        validStart = try SESDERReading.time(rest[rest.startIndex + 2], "SES_ESPropertyInfo.validStart")
        validEnd = try SESDERReading.time(rest[rest.startIndex + 3], "SES_ESPropertyInfo.validEnd")
    }
}
