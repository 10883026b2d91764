public import SealbridgeOFD
public import SealbridgeX509

/// What an electronic seal (电子印章, GB/T 38540-2020 / GM/T 0031) adds to a signature's evidence: the seal itself,
/// who made it and whether its maker's signature holds, whom it lists, when it is valid, where it is stamped.
/// The building blocks judge it with the signature (``BuildingBlocks``); the report shows it as ``SealInfo``.
public struct SealEvidence: Sendable {
    /// `GB/T 38540-2020`, `GM/T 0031-2014` or `GM/T 0031-2025`.
    public var standard: String
    /// The seal's name (印章名称).
    public var name: String
    /// The seal's code (电子印章标识, esID).
    public var esID: String
    /// The seal's type number (1 official, 2 financial, 3 invoice, 4 contract, 5 business, …).
    public var type: Int
    /// The seal-making vendor's identifier (`SES_Header.Vid`).
    public var vendorID: String
    /// The start of the seal's validity.
    public var validStart: X509Time
    /// The end of the seal's validity.
    public var validEnd: X509Time
    /// The seal maker's certificate, when readable.
    public var makerCertificate: Certificate?
    /// The maker's signature over the seal.
    public var makerSignature: SignatureValueFinding
    /// The picture's type as the seal states it.
    public var pictureType: String
    /// The picture's width in millimetres.
    public var pictureWidth: Int
    /// The picture's height in millimetres.
    public var pictureHeight: Int
    /// The picture made safe to show (PNG, JPEG or GIF, sanitised), or why it is described instead.
    public var picture: Result<SealImage, SealImageError>
    /// Where the seal is stamped.
    public var stamps: [SealInfo.Stamp]
    /// The critical extensions of the seal and of the signature made with it (dotted OIDs): constraints
    /// Sealbridge does not evaluate, so a signature with any is not accepted.
    public var criticalExtensions: [String]

    /// Evidence of a seal, as a format reader found it.
    public init(
        standard: String,
        name: String,
        esID: String,
        type: Int,
        vendorID: String,
        validStart: X509Time,
        validEnd: X509Time,
        makerCertificate: Certificate?,
        makerSignature: SignatureValueFinding,
        pictureType: String,
        pictureWidth: Int,
        pictureHeight: Int,
        picture: Result<SealImage, SealImageError>,
        stamps: [SealInfo.Stamp],
        criticalExtensions: [String] = []
    ) {
        self.standard = standard
        self.name = name
        self.esID = esID
        self.type = type
        self.vendorID = vendorID
        self.validStart = validStart
        self.validEnd = validEnd
        self.makerCertificate = makerCertificate
        self.makerSignature = makerSignature
        self.pictureType = pictureType
        self.pictureWidth = pictureWidth
        self.pictureHeight = pictureHeight
        self.picture = picture
        self.stamps = stamps
        self.criticalExtensions = criticalExtensions
    }
}
