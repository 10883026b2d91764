public import SealbridgeX509

/// What a seal-making authority puts in a GB/T 38540-2020 seal (`SES_SealInfo`).
public struct SESealRequest: Sendable {
    /// The maker's vendor identifier (`SES_Header.Vid`).
    public var vendorID: String
    /// The seal's code (电子印章标识), unique for the maker.
    public var esID: String
    /// 1 official, 2 financial, 3 invoice, 4 contract, 5 business, …
    public var type: Int
    /// The seal's name, e.g. the company's name and the seal's purpose.
    public var name: String
    /// The certificates (DER) allowed to sign with the seal.
    public var signerCertificates: [[UInt8]]
    /// When the seal was made.
    public var createDate: X509Time
    /// The start of the seal's validity.
    public var validStart: X509Time
    /// The end of the seal's validity.
    public var validEnd: X509Time
    /// The picture: "PNG", "JPG", "GIF", "SVG" or "OFD", its bytes and its size in millimetres.
    public var pictureType: String
    /// The seal's picture.
    public var picture: [UInt8]
    /// The picture's width in millimetres.
    public var pictureWidth: Int
    /// The picture's height in millimetres.
    public var pictureHeight: Int

    /// Makes one.
    public init(
        vendorID: String,
        esID: String,
        type: Int,
        name: String,
        signerCertificates: [[UInt8]],
        createDate: X509Time,
        validStart: X509Time,
        validEnd: X509Time,
        pictureType: String,
        picture: [UInt8],
        pictureWidth: Int,
        pictureHeight: Int
    ) {
        self.vendorID = vendorID
        self.esID = esID
        self.type = type
        self.name = name
        self.signerCertificates = signerCertificates
        self.createDate = createDate
        self.validStart = validStart
        self.validEnd = validEnd
        self.pictureType = pictureType
        self.picture = picture
        self.pictureWidth = pictureWidth
        self.pictureHeight = pictureHeight
    }
}
