import Foundation
import SealbridgeOFD
import SealbridgeTestVectors
import Testing

/// The seal-picture sanitiser: what draws the image is kept byte for byte, metadata is dropped, and any picture
/// whose structure does not hold is refused with a reason.
@Suite struct SealImageTests {
    static func picture(_ name: String) throws -> [UInt8] { Array(try Vectors.data("pictures/\(name)")) }

    @Test(
        "PNG, JPEG and GIF: format and size from the bytes; metadata dropped, the rest unchanged",
        arguments: [("png", SealImage.Format.png), ("jpg", .jpeg), ("gif", .gif)]
    )
    func sanitisesEachFormat(_ suffix: String, _ format: SealImage.Format) throws {
        let plain = try SealImage(sanitizing: Self.picture("seal.\(suffix)"))
        let withMetadata = try SealImage(sanitizing: Self.picture("seal-with-metadata.\(suffix)"))
        #expect(plain.format == format && withMetadata.format == format)
        #expect(plain.width == 64 && plain.height == 48)
        // The metadata the second file adds is gone: both sanitise to the same bytes.
        #expect(withMetadata.bytes == plain.bytes)
        #expect(try withMetadata.bytes.count < Self.picture("seal-with-metadata.\(suffix)").count)
        let text = String(decoding: withMetadata.bytes, as: UTF8.self)
        #expect(!text.contains("script") && !text.contains("comment") && !text.contains("Exif"))
        #expect(!text.contains("NETSCAPE"))
    }

    @Test("a PNG with only the chunks that draw comes out unchanged; ImageIO's JFIF APP0 is dropped from the JPEG")
    func unchangedWhereNothingIsDropped() throws {
        let png = try Self.picture("seal.png")
        #expect(try SealImage(sanitizing: png).bytes == png)
        let jpeg = try Self.picture("seal.jpg")
        let sanitised = try SealImage(sanitizing: jpeg).bytes
        #expect(sanitised.starts(with: [0xFF, 0xD8, 0xFF, 0xDB]))  // SOI, then DQT: APP0 gone
        #expect(sanitised.count == jpeg.count - 18)  // APP0 "JFIF": marker, length 16
        #expect(sanitised.suffix(2) == [0xFF, 0xD9])
    }

    @Test("every truncation of each picture is refused with a reason, never read past its end")
    func truncated() throws {
        for name in ["seal.png", "seal.jpg", "seal.gif"] {
            let bytes = try Self.picture(name)
            for length in stride(from: 0, to: bytes.count - 1, by: 7) {
                #expect(throws: SealImageError.self, "\(name) cut at \(length)") {
                    try SealImage(sanitizing: Array(bytes.prefix(length)))
                }
            }
        }
    }

    @Test("refused: a wrong CRC, an unknown critical chunk, a picture too large, an unknown format")
    func refused() throws {
        var png = try Self.picture("seal.png")
        png[30] ^= 0x01  // inside IHDR: its CRC no longer matches
        #expect(try reason(png).contains("CRC"))

        // IHDR claiming 5,000 × 48 pixels, with a CRC that matches.
        var wide = try Self.picture("seal.png")
        wide.replaceSubrange(16..<20, with: [0, 0, 0x13, 0x88])
        wide.replaceSubrange(29..<33, with: crc(Array(wide[12..<29])))
        #expect(try reason(wide).contains("5000 × 48 pixels"))

        // A critical chunk (upper-case first letter) no viewer knows, inserted after IHDR.
        var unknown = try Self.picture("seal.png")
        let body: [UInt8] = Array("ABCDxyz".utf8)
        let chunk = [0, 0, 0, 3] + body + crc(body)
        unknown.insert(contentsOf: chunk, at: 33)
        #expect(try reason(unknown).contains("critical chunk ABCD"))

        #expect(try reason(Array("<svg xmlns='http://www.w3.org/2000/svg'/>".utf8)).contains("not a PNG, JPEG or GIF"))
        #expect(try reason([0x42, 0x4D] + [UInt8](repeating: 0, count: 60)).contains("not a PNG, JPEG or GIF"))
        #expect(try reason([UInt8](repeating: 0, count: SealImage.maximumBytes + 1)).contains("more than"))

        // A GIF whose screen is 0 pixels wide.
        var gif = try Self.picture("seal.gif")
        gif.replaceSubrange(6..<8, with: [0, 0])
        #expect(try reason(gif).contains("0 × 48"))

        // A JPEG with its scan before any frame header.
        let scanFirst: [UInt8] = [0xFF, 0xD8, 0xFF, 0xDA, 0x00, 0x02, 0x00, 0xFF, 0xD9]
        #expect(try reason(scanFirst).contains("before its frame header"))
    }

    func reason(_ bytes: [UInt8]) throws -> String {
        let error = #expect(throws: SealImageError.self) { try SealImage(sanitizing: bytes) }
        return error?.description ?? ""
    }

    /// CRC-32 as PNG uses it (ISO 3309), big-endian.
    func crc(_ bytes: [UInt8]) -> [UInt8] {
        var value: UInt32 = 0xFFFF_FFFF
        for byte in bytes {
            value ^= UInt32(byte)
            for _ in 0..<8 { value = value & 1 == 1 ? (value >> 1) ^ 0xEDB8_8320 : value >> 1 }
        }
        value ^= 0xFFFF_FFFF
        return [24, 16, 8, 0].map { UInt8(truncatingIfNeeded: value >> $0) }
    }
}
