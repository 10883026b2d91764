import CZlib

/// A seal's picture made safe to show: the bytes are walked as the PNG, JPEG or GIF their first bytes say they
/// are, every length is checked against what is there, the dimensions are bounded, and only what draws the image
/// is kept — text, metadata, comments, ICC profiles, application blocks and thumbnails are dropped. What comes
/// out is a picture a browser may draw in an `<img>` (never a document that runs): the page and the HTML report
/// show it; any other picture (BMP, SVG, OFD vector drawings) is described, not rendered.
///
/// The walk does not decode pixels, so a picture that is well-formed in structure but broken in its compressed
/// data is shown as the browser shows such a picture (blank or in part), never as an error of Sealbridge.
public struct SealImage: Sendable, Hashable {
    /// The image formats shown.
    public enum Format: String, Sendable, Hashable, CaseIterable {
        case png = "PNG"
        case jpeg = "JPEG"
        case gif = "GIF"

        /// The media type of the sanitised bytes, e.g. `image/png`.
        public var mediaType: String {
            switch self {
            case .png: "image/png"
            case .jpeg: "image/jpeg"
            case .gif: "image/gif"
            }
        }
    }

    /// The largest picture read, in bytes (seal pictures are tens of kilobytes).
    public static let maximumBytes = 1 << 20
    /// The largest width or height, in pixels (a 4,096 × 4,096 RGBA picture decodes to 64 MiB in a browser).
    public static let maximumDimension = 4_096

    /// The format, from the bytes (not from the type the seal states).
    public let format: Format
    /// Width in pixels.
    public let width: Int
    /// Height in pixels.
    public let height: Int
    /// The sanitised picture.
    public let bytes: [UInt8]

    /// Reads and sanitises `data`, or says why it cannot be shown.
    public init(sanitizing data: [UInt8]) throws(SealImageError) {
        guard data.count <= Self.maximumBytes else {
            throw SealImageError("the picture has \(data.count) bytes, more than the \(Self.maximumBytes) shown")
        }
        var reader = ImageReader(data)
        let result: (Format, Int, Int, [UInt8])
        if data.starts(with: PNGWalk.signature) {
            result = try PNGWalk.sanitize(&reader)
        } else if data.starts(with: [0xFF, 0xD8, 0xFF]) {
            result = try JPEGWalk.sanitize(&reader)
        } else if data.starts(with: Array("GIF87a".utf8)) || data.starts(with: Array("GIF89a".utf8)) {
            result = try GIFWalk.sanitize(&reader)
        } else {
            throw SealImageError("the picture is not a PNG, JPEG or GIF image")
        }
        (format, width, height, bytes) = result
        guard (1...Self.maximumDimension).contains(width), (1...Self.maximumDimension).contains(height) else {
            throw SealImageError(
                "the \(format.rawValue) picture is \(width) × \(height) pixels; at most \(Self.maximumDimension) "
                    + "× \(Self.maximumDimension) are shown"
            )
        }
    }
}

/// A cursor over untrusted bytes whose every read is bounds-checked.
struct ImageReader {
    let bytes: [UInt8]
    var offset = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    var remaining: Int { bytes.count - offset }

    mutating func take(_ count: Int, _ what: String) throws(SealImageError) -> ArraySlice<UInt8> {
        guard count >= 0, count <= remaining else { throw SealImageError("the picture ends inside its \(what)") }
        defer { offset += count }
        return bytes[offset..<offset + count]
    }

    mutating func byte(_ what: String) throws(SealImageError) -> UInt8 {
        let slice = try take(1, what)
        return slice[slice.startIndex]
    }

    mutating func bigEndian(_ count: Int, _ what: String) throws(SealImageError) -> Int {
        try take(count, what).reduce(0) { $0 << 8 | Int($1) }
    }

    mutating func littleEndian16(_ what: String) throws(SealImageError) -> Int {
        let pair = try take(2, what)
        return Int(pair[pair.startIndex]) | Int(pair[pair.startIndex + 1]) << 8
    }
}

/// PNG (ISO/IEC 15948): chunks with their lengths and CRCs checked; IHDR first, IEND last; kept are the chunks
/// that draw (IHDR, PLTE, tRNS, IDAT, IEND) and the two of fixed size that set the colours (gAMA, sRGB).
enum PNGWalk {
    static let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
    static let kept: Set<String> = ["IHDR", "PLTE", "tRNS", "IDAT", "IEND", "gAMA", "sRGB"]
    static let maximumChunks = 10_000

    static func sanitize(_ reader: inout ImageReader) throws(SealImageError) -> (SealImage.Format, Int, Int, [UInt8]) {
        var output = Array(try reader.take(8, "signature"))
        var size: (Int, Int)?
        var sawData = false
        for index in 0..<maximumChunks {
            let chunkStart = reader.offset
            let length = try reader.bigEndian(4, "chunk length")
            guard length <= 0x7FFF_FFFF else { throw SealImageError("a PNG chunk declares \(length) bytes") }
            let typeBytes = try reader.take(4, "chunk type")
            guard typeBytes.allSatisfy({ (0x41...0x5A).contains($0) || (0x61...0x7A).contains($0) }) else {
                throw SealImageError("a PNG chunk's type is not four letters")
            }
            let type = String(decoding: typeBytes, as: UTF8.self)
            let body = try reader.take(length, "\(type) chunk")
            let storedCRC = try reader.bigEndian(4, "\(type) chunk's CRC")
            let crc = reader.bytes[typeBytes.startIndex..<body.endIndex].withUnsafeBufferPointer {
                Int(crc32(0, $0.baseAddress, uInt($0.count)))
            }
            guard crc == storedCRC else { throw SealImageError("the PNG \(type) chunk's CRC is wrong") }
            if index == 0 {
                guard type == "IHDR", length == 13 else { throw SealImageError("the PNG does not begin with IHDR") }
                var header = ImageReader(Array(body))
                size = (try header.bigEndian(4, "IHDR"), try header.bigEndian(4, "IHDR"))
            } else if type == "IHDR" {
                throw SealImageError("the PNG has a second IHDR chunk")
            }
            let critical = typeBytes[typeBytes.startIndex] < 0x61  // an upper-case first letter
            if critical && !kept.contains(type) {
                throw SealImageError("the PNG has a critical chunk \(type) that no viewer knows")
            }
            if type == "IDAT" { sawData = true }
            if kept.contains(type) { output += reader.bytes[chunkStart..<reader.offset] }
            if type == "IEND" {
                guard sawData, let size else { throw SealImageError("the PNG has no image data") }
                return (.png, size.0, size.1, output)
            }
        }
        throw SealImageError("the PNG has more than \(maximumChunks) chunks")
    }
}

/// JPEG (ITU-T T.81): marker segments with their lengths checked, up to EOI; kept are the segments that decode
/// (SOFn, DHT, DAC, DQT, DRI, SOS with its entropy-coded data, EOI) and an Adobe APP14 of its fixed size (it
/// tells CMYK from YCCK); APPn metadata (EXIF, XMP, ICC, thumbnails) and comments are dropped.
enum JPEGWalk {
    static let maximumSegments = 10_000

    static func sanitize(_ reader: inout ImageReader) throws(SealImageError) -> (SealImage.Format, Int, Int, [UInt8]) {
        var output = Array(try reader.take(2, "start marker"))
        var size: (width: Int, height: Int)?
        for _ in 0..<maximumSegments {
            guard try reader.byte("markers") == 0xFF else {
                throw SealImageError("the JPEG has data between its markers")
            }
            var marker = try reader.byte("markers")
            while marker == 0xFF { marker = try reader.byte("markers") }  // fill bytes
            let segmentStart = reader.offset - 2  // the last 0xFF and the marker
            switch marker {
            case 0xD9:
                guard let size else { throw SealImageError("the JPEG has no frame header") }
                return (.jpeg, size.width, size.height, output + [0xFF, 0xD9])
            case 0xD0...0xD7, 0x01, 0x00, 0xD8:
                throw SealImageError("the JPEG has a misplaced marker")
            default:
                let length = try reader.bigEndian(2, "segment length")
                guard length >= 2 else { throw SealImageError("a JPEG segment's length is below 2") }
                let body = try reader.take(length - 2, "segment")
                let whole = reader.bytes[segmentStart..<reader.offset]
                switch marker {
                case 0xC0...0xCF where marker != 0xC4 && marker != 0xC8 && marker != 0xCC:
                    guard body.count >= 6 else { throw SealImageError("the JPEG frame header is too short") }
                    var frame = ImageReader(Array(body))
                    _ = try frame.byte("frame header")
                    let height = try frame.bigEndian(2, "frame header")
                    let width = try frame.bigEndian(2, "frame header")
                    guard size == nil else { throw SealImageError("the JPEG has two frame headers") }
                    size = (width, height)
                    output += whole
                case 0xC4, 0xCC, 0xDB, 0xDD:
                    output += whole
                case 0xEE where length == 14 && body.starts(with: Array("Adobe".utf8)):
                    output += whole
                case 0xDA:
                    guard size != nil else { throw SealImageError("the JPEG has scan data before its frame header") }
                    output += whole
                    output += try entropyCodedData(&reader)
                default:
                    break  // APPn, COM, DNL, DHP, EXP, JPGn: not kept
                }
            }
        }
        throw SealImageError("the JPEG has more than \(maximumSegments) segments")
    }

    /// The bytes after a scan header up to the next marker that is neither a stuffed zero nor a restart marker.
    static func entropyCodedData(_ reader: inout ImageReader) throws(SealImageError) -> ArraySlice<UInt8> {
        let start = reader.offset
        var index = start
        let bytes = reader.bytes
        while index + 1 < bytes.count {
            if bytes[index] == 0xFF {
                let next = bytes[index + 1]
                if next != 0x00 && !(0xD0...0xD7).contains(next) && next != 0xFF {
                    reader.offset = index
                    return bytes[start..<index]
                }
            }
            index += 1
        }
        throw SealImageError("the JPEG ends inside its scan data")
    }
}

/// GIF (87a/89a): the screen descriptor, colour tables, image descriptors with their LZW data and graphic control
/// extensions are kept; comments, plain text and application extensions (NETSCAPE looping included) are dropped.
enum GIFWalk {
    static let maximumBlocks = 10_000

    static func sanitize(_ reader: inout ImageReader) throws(SealImageError) -> (SealImage.Format, Int, Int, [UInt8]) {
        var output = Array(try reader.take(6, "header"))
        let screenStart = reader.offset
        let width = try reader.littleEndian16("screen descriptor")
        let height = try reader.littleEndian16("screen descriptor")
        let packed = try reader.byte("screen descriptor")
        _ = try reader.take(2, "screen descriptor")
        output += reader.bytes[screenStart..<reader.offset]
        if packed & 0x80 != 0 { output += try reader.take(3 << (Int(packed & 7) + 1), "global colour table") }
        var frames = 0
        for _ in 0..<maximumBlocks {
            switch try reader.byte("blocks") {
            case 0x3B:
                guard frames > 0 else { throw SealImageError("the GIF has no image") }
                return (.gif, width, height, output + [0x3B])
            case 0x2C:
                let start = reader.offset - 1
                _ = try reader.take(8, "image descriptor")
                let local = try reader.byte("image descriptor")
                output += reader.bytes[start..<reader.offset]
                if local & 0x80 != 0 { output += try reader.take(3 << (Int(local & 7) + 1), "local colour table") }
                let codeSize = try reader.byte("image data")
                guard (2...12).contains(codeSize) else {
                    throw SealImageError("the GIF's LZW code size is \(codeSize)")
                }
                output.append(codeSize)
                output += try subBlocks(&reader)
                frames += 1
            case 0x21:
                let label = try reader.byte("extension")
                let blocks = try subBlocks(&reader)
                if label == 0xF9 { output += [0x21, 0xF9] + blocks }
            default:
                throw SealImageError("the GIF has an unknown block")
            }
        }
        throw SealImageError("the GIF has more than \(maximumBlocks) blocks")
    }

    /// Data sub-blocks up to and including the zero-length terminator.
    static func subBlocks(_ reader: inout ImageReader) throws(SealImageError) -> ArraySlice<UInt8> {
        let start = reader.offset
        while true {
            let count = Int(try reader.byte("data sub-blocks"))
            if count == 0 { return reader.bytes[start..<reader.offset] }
            _ = try reader.take(count, "data sub-blocks")
        }
    }
}
