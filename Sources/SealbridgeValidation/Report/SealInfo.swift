import Foundation
import SealbridgeOFD
import SealbridgeX509

/// An electronic seal, as the report shows it: a seal is a legal person's signature (eIDAS's e-seal; 电子签章 of
/// an organisation), made with a seal that a seal-making authority issued.
public struct SealInfo: Codable, Sendable, Hashable {
    /// Where the seal is stamped: a page (by its object ID) and a box in millimetres ("x y width height").
    public struct Stamp: Codable, Sendable, Hashable {
        /// The page's object ID.
        public var page: String
        /// "x y width height" in millimetres.
        public var boundary: String

        /// A stamp.
        public init(page: String, boundary: String) {
            self.page = page
            self.boundary = boundary
        }
    }

    /// The seal's picture as the report shows it: sanitised (only what draws the image is kept) and bounded.
    public struct Picture: Codable, Sendable, Hashable {
        /// `image/png`, `image/jpeg` or `image/gif`.
        public var mediaType: String
        /// Width in pixels.
        public var width: Int
        /// Height in pixels.
        public var height: Int
        /// The sanitised picture, base64.
        public var data: String
    }

    /// `GB/T 38540-2020`, `GM/T 0031-2014` or `GM/T 0031-2025`.
    public var standard: String
    /// The seal's name (印章名称).
    public var name: String
    /// The seal's code (电子印章标识).
    public var esID: String
    /// The seal's type number (1 official, 2 financial, 3 invoice, 4 contract, 5 business, …).
    public var type: Int
    /// The seal-making vendor's identifier.
    public var vendorID: String
    /// The seal maker's certificate subject.
    public var maker: String?
    /// The start of the seal's validity, RFC 3339.
    public var validFrom: String
    /// The end of the seal's validity, RFC 3339.
    public var validUntil: String
    /// The picture's type (PNG, JPG, GIF, SVG, OFD, …).
    public var pictureType: String
    /// The picture's width in millimetres.
    public var pictureWidth: Int
    /// The picture's height in millimetres.
    public var pictureHeight: Int
    /// The picture, when it is a PNG, JPEG or GIF that could be sanitised.
    public var picture: Picture?
    /// Why the picture is described rather than shown, when it is.
    public var pictureNotShown: String?
    /// Where the seal is stamped.
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
        switch seal.picture {
        case .success(let image):
            picture = Picture(
                mediaType: image.format.mediaType,
                width: image.width,
                height: image.height,
                data: Data(image.bytes).base64EncodedString()
            )
        case .failure(let reason):
            pictureNotShown = reason.description
        }
        stamps = seal.stamps
    }
}
