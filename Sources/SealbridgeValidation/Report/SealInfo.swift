import SealbridgeX509

/// An electronic seal, as the report shows it: a seal is a legal person's signature (eIDAS's e-seal; 电子签章 of
/// an organisation), made with a seal that a seal-making authority issued.
public struct SealInfo: Codable, Sendable, Hashable {
    /// Where the seal is stamped: a page (by its object ID) and a box in millimetres ("x y width height").
    public struct Stamp: Codable, Sendable, Hashable {
        public var page: String
        public var boundary: String

        public init(page: String, boundary: String) {
            self.page = page
            self.boundary = boundary
        }
    }

    /// `GB/T 38540-2020`, `GM/T 0031-2014` or `GM/T 0031-2025`.
    public var standard: String
    public var name: String
    public var esID: String
    public var type: Int
    /// The seal-making vendor's identifier.
    public var vendorID: String
    /// The seal maker's certificate subject.
    public var maker: String?
    /// The seal's validity, RFC 3339.
    public var validFrom: String
    public var validUntil: String
    /// The picture's type (PNG, JPG, GIF, SVG, OFD, …) and size in millimetres.
    public var pictureType: String
    public var pictureWidth: Int
    public var pictureHeight: Int
    public var stamps: [Stamp]

    init(_ seal: SealEvidence) {
        standard = seal.standard
        name = seal.name
        esID = seal.esID
        type = seal.type
        vendorID = seal.vendorID
        maker = seal.makerCertificate.map { "\($0.subject)" }
        validFrom = seal.validStart.description
        validUntil = seal.validEnd.description
        pictureType = seal.pictureType
        pictureWidth = seal.pictureWidth
        pictureHeight = seal.pictureHeight
        stamps = seal.stamps
    }
}
