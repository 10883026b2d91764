internal import CZlib
import Foundation

/// A ZIP archive read from memory (PKWARE APPNOTE 6.3.10), as an OFD package is one (GB/T 33190-2016 §7.4): the
/// central directory is the index, each entry's local header is checked against it, and nothing is inflated until
/// asked for.
///
/// Every package is untrusted. What the reader refuses, and why:
/// - more entries, larger entries or a larger total than ``ZIPLimits`` allows, or an entry that inflates far beyond
///   its compressed size (a bomb);
/// - entries whose data overlap (the "better zip bomb", and two names for the same bytes);
/// - two entries with the same name (which one was signed?), names with `..`, a NUL or a drive letter (zip-slip);
/// - encrypted entries, compression other than stored and deflate, ZIP64 and split archives.
///
/// What it tolerates, because Chinese OFD writers produce it (ofdrw's issues show each): names in GBK/GB 18030
/// without the UTF-8 flag; bytes before the archive (a prefixed package: every offset is shifted by the same
/// amount); a CRC-32 that does not match the data (the signature's own digests protect the content; the mismatch is
/// returned with the entry's contents); local headers that leave sizes to a data descriptor.
public struct ZIPArchive: Sendable {
    /// One entry of the central directory.
    public struct Entry: Sendable, Hashable {
        /// The name, decoded (UTF-8 when flagged or valid, else GB 18030), without a leading `/`.
        public let name: String
        /// How the name's bytes were read.
        public let nameEncoding: NameEncoding
        /// 0 stored, 8 deflate; anything else is refused when the entry is read.
        public let method: UInt16
        /// The CRC-32 the central directory states.
        public let crc32: UInt32
        /// Bytes of stored data.
        public let compressedSize: Int
        /// Bytes once inflated.
        public let size: Int
        /// Where the entry's local header starts in the archive's bytes.
        let localHeaderOffset: Int
        /// Where the entry's data starts in the archive's bytes.
        let dataOffset: Int
        /// Whether the entry is a folder (a name ending in `/` with no data).
        public var isDirectory: Bool { name.hasSuffix("/") && size == 0 }
    }

    /// How an entry name's bytes were decoded.
    public enum NameEncoding: Sendable, Hashable {
        /// UTF-8 (flagged by general-purpose bit 11, or valid UTF-8 without it).
        case utf8
        /// GB 18030 (which includes GBK), what Chinese writers use without saying so.
        case gb18030
    }

    /// The entries in central-directory order.
    public let entries: [Entry]
    /// Bytes found before the archive (a prefixed package), 0 when none.
    public let prefixLength: Int
    let bytes: [UInt8]
    private let limits: ZIPLimits
    private let index: [String: Int]
    /// Names lower-cased (unique: names differing only in case are refused).
    private let foldedIndex: [String: Int]

    /// Reads the central directory of `bytes` and checks every local header against it.
    ///
    /// - Throws: ``ZIPError`` saying what is wrong with the package.
    public init(bytes: [UInt8], limits: ZIPLimits = .standard) throws(ZIPError) {
        guard bytes.count <= limits.maximumArchiveSize else {
            throw .tooLarge("the package is \(bytes.count) bytes; the limit is \(limits.maximumArchiveSize)")
        }
        let end = try Self.endOfCentralDirectory(in: bytes)
        // Bytes before the archive shift every offset the directory states by the same amount.
        let directoryEnd = end.offset
        let statedStart = Int(end.directoryOffset)
        let size = Int(end.directorySize)
        guard size <= directoryEnd, statedStart <= directoryEnd - size else {
            throw .malformed("the central directory lies outside the package")
        }
        let shift = directoryEnd - size - statedStart
        guard Int(end.entryCount) <= limits.maximumEntries else {
            throw .tooLarge("the package has \(end.entryCount) entries; the limit is \(limits.maximumEntries)")
        }
        var reader = ByteReader(bytes, from: directoryEnd - size, to: directoryEnd)
        var entries: [Entry] = []
        var index: [String: Int] = [:]
        var foldedIndex: [String: Int] = [:]
        var total = 0
        entries.reserveCapacity(Int(end.entryCount))
        for _ in 0..<end.entryCount {
            let entry = try Self.centralEntry(from: &reader, in: bytes, shift: shift, limits: limits)
            guard index[entry.name] == nil else {
                throw .malformed("two entries are named \(entry.name); a package must not be ambiguous about its parts")
            }
            // Viewers on case-insensitive file systems would read either one.
            let folded = entry.name.lowercased()
            guard foldedIndex[folded] == nil else {
                throw .malformed(
                    "two entries differ only in case (\(entry.name)); a package must not be ambiguous about its parts"
                )
            }
            foldedIndex[folded] = entries.count
            total += entry.size
            guard total <= limits.maximumTotalSize else {
                throw .tooLarge("the entries inflate to more than \(limits.maximumTotalSize) bytes in all")
            }
            index[entry.name] = entries.count
            entries.append(entry)
        }
        try Self.refuseOverlaps(entries, directoryStart: directoryEnd - size)
        self.entries = entries
        self.index = index
        self.foldedIndex = foldedIndex
        self.prefixLength = shift
        self.bytes = bytes
        self.limits = limits
    }

    /// The entry named `name` (with or without a leading `/`), if any.
    public func entry(named name: String) -> Entry? {
        let key = name.hasPrefix("/") ? String(name.dropFirst()) : name
        return index[key].map { entries[$0] }
    }

    /// The entry whose name equals `name` ignoring case: writers differ in the case of folder names (`Signs` /
    /// `signs`), and names differing only in case are refused, so at most one matches.
    public func entry(namedIgnoringCase name: String) -> Entry? {
        let key = (name.hasPrefix("/") ? String(name.dropFirst()) : name).lowercased()
        return foldedIndex[key].map { entries[$0] }
    }

    /// The entry's inflated bytes; `crcMatches` says whether they match the stated CRC-32.
    ///
    /// - Throws: ``ZIPError`` for a method Sealbridge does not read, deflate data that is corrupt or inflates to a
    ///   size other than stated.
    public func contents(of entry: Entry) throws(ZIPError) -> (bytes: [UInt8], crcMatches: Bool) {
        let stored = bytes[entry.dataOffset..<entry.dataOffset + entry.compressedSize]
        let data: [UInt8]
        switch entry.method {
        case 0:
            guard entry.compressedSize == entry.size else {
                throw .malformed("\(entry.name) is stored uncompressed but states two different sizes")
            }
            data = Array(stored)
        case 8:
            data = try Inflater.inflate(stored, expectedSize: entry.size, name: entry.name)
        default:
            throw .unsupported(
                "\(entry.name) is compressed with method \(entry.method); only stored and deflate are read"
            )
        }
        let crc = data.withUnsafeBufferPointer { buffer in
            UInt32(truncatingIfNeeded: CZlib.crc32(0, buffer.baseAddress, uInt(buffer.count)))
        }
        return (data, crc == entry.crc32)
    }

    /// The entry's inflated bytes, for the entry named `name`.
    public func contents(ofEntryNamed name: String) throws(ZIPError) -> [UInt8]? {
        guard let entry = entry(named: name) else { return nil }
        return try contents(of: entry).bytes
    }

    // MARK: Reading the directory

    private struct EndOfCentralDirectory {
        let offset: Int
        let entryCount: UInt16
        let directorySize: UInt32
        let directoryOffset: UInt32
    }

    /// The end-of-central-directory record: the last `PK\5\6` whose comment reaches exactly to the end (APPNOTE
    /// §4.3.16), searched in the last 64 KiB + 22 bytes only.
    private static func endOfCentralDirectory(in bytes: [UInt8]) throws(ZIPError) -> EndOfCentralDirectory {
        guard bytes.count >= 22 else { throw .notAZIP }
        let lowest = max(0, bytes.count - 22 - 0xFFFF)
        var position = bytes.count - 22
        while position >= lowest {
            if bytes[position] == 0x50, bytes[position + 1] == 0x4B, bytes[position + 2] == 0x05,
                bytes[position + 3] == 0x06
            {
                var reader = ByteReader(bytes, from: position + 4, to: bytes.count)
                let disk = reader.uint16()
                let directoryDisk = reader.uint16()
                let entriesOnDisk = reader.uint16()
                let entryCount = reader.uint16()
                let size = reader.uint32()
                let offset = reader.uint32()
                let commentLength = Int(reader.uint16())
                if position + 22 + commentLength == bytes.count {
                    guard disk == 0, directoryDisk == 0, entriesOnDisk == entryCount else {
                        throw .unsupported("split (multi-disk) archives are not read")
                    }
                    guard entryCount != 0xFFFF, size != 0xFFFF_FFFF, offset != 0xFFFF_FFFF else {
                        throw .unsupported("ZIP64 packages are not read; OFD packages of this size are not expected")
                    }
                    return EndOfCentralDirectory(
                        offset: position,
                        entryCount: entryCount,
                        directorySize: size,
                        directoryOffset: offset
                    )
                }
            }
            position -= 1
        }
        throw .notAZIP
    }

    private static func centralEntry(
        from reader: inout ByteReader,
        in bytes: [UInt8],
        shift: Int,
        limits: ZIPLimits
    ) throws(ZIPError) -> Entry {
        guard reader.remaining >= 46, reader.uint32() == 0x0201_4B50 else {
            throw .malformed("the central directory is truncated or not where the package says")
        }
        reader.skip(4)  // versions made by / needed
        let flags = reader.uint16()
        let method = reader.uint16()
        reader.skip(4)  // time, date
        let crc = reader.uint32()
        let compressedSize = Int(reader.uint32())
        let size = Int(reader.uint32())
        let nameLength = Int(reader.uint16())
        let extraLength = Int(reader.uint16())
        let commentLength = Int(reader.uint16())
        reader.skip(8)  // disk, internal and external attributes
        let localOffset = Int(reader.uint32()) + shift
        guard reader.remaining >= nameLength + extraLength + commentLength else {
            throw .malformed("the central directory is truncated")
        }
        let rawName = reader.bytes(nameLength)
        reader.skip(extraLength + commentLength)
        guard flags & 0x0001 == 0 else {
            throw .unsupported("an entry is encrypted; an OFD package is never encrypted entry by entry")
        }
        guard compressedSize != 0xFFFF_FFFF, size != 0xFFFF_FFFF else {
            throw .unsupported("ZIP64 entries are not read")
        }
        let (name, encoding) = try decodeName(rawName, flaggedUTF8: flags & 0x0800 != 0)
        guard size <= limits.maximumEntrySize else {
            throw .tooLarge("\(name) inflates to \(size) bytes; the limit per entry is \(limits.maximumEntrySize)")
        }
        if method == 8, size > limits.ratioCheckThreshold,
            size / max(compressedSize, 1) > limits.maximumCompressionRatio
        {
            throw .tooLarge(
                "\(name) inflates \(size / max(compressedSize, 1)) times its stored size (a compression bomb); the "
                    + "limit is \(limits.maximumCompressionRatio)"
            )
        }
        // The local header: its own name and extra field lengths decide where the data starts (APPNOTE §4.3.7).
        guard localOffset >= 0, localOffset <= bytes.count - 30 else {
            throw .malformed("\(name)'s local header lies outside the package")
        }
        var local = ByteReader(bytes, from: localOffset, to: bytes.count)
        guard local.uint32() == 0x0403_4B50 else {
            throw .malformed("\(name)'s local header is missing where the directory says it is")
        }
        local.skip(22)
        let localNameLength = Int(local.uint16())
        let localExtraLength = Int(local.uint16())
        guard local.remaining >= localNameLength + localExtraLength else {
            throw .malformed("\(name)'s local header is truncated")
        }
        guard local.bytes(localNameLength) == rawName else {
            throw .malformed(
                "\(name)'s local header names another entry; a package must not give one entry two names"
            )
        }
        let dataOffset = localOffset + 30 + localNameLength + localExtraLength
        guard compressedSize <= bytes.count - dataOffset else {
            throw .malformed("\(name)'s data runs past the end of the package (a truncated file?)")
        }
        return Entry(
            name: name,
            nameEncoding: encoding,
            method: method,
            crc32: crc,
            compressedSize: compressedSize,
            size: size,
            localHeaderOffset: localOffset,
            dataOffset: dataOffset
        )
    }

    /// UTF-8 when flagged or valid; otherwise GB 18030 (a superset of GBK and of ASCII). Names that climb out of the
    /// package, are absolute on Windows or carry a NUL are refused.
    private static func decodeName(_ raw: [UInt8], flaggedUTF8: Bool) throws(ZIPError) -> (String, NameEncoding) {
        var name: String
        var encoding = NameEncoding.utf8
        if let utf8 = String(validating: raw, as: UTF8.self) {
            name = utf8
        } else if !flaggedUTF8, let gb = String(bytes: raw, encoding: .gb18030) {
            name = gb
            encoding = .gb18030
        } else {
            throw .malformed("an entry name is neither UTF-8 nor GB 18030")
        }
        name = name.replacingOccurrences(of: "\\", with: "/")
        let isFolder = name.hasSuffix("/")
        // "./", "//" and a leading "/" name the same part as without them; normalised so that duplicates show.
        let parts = name.split(separator: "/").filter { $0 != "." }
        guard !parts.isEmpty, !name.contains("\0"), !parts.contains(".."), !(parts.first?.contains(":") ?? false)
        else {
            throw .malformed("the entry name \(name.debugDescription) would leave the package (zip-slip)")
        }
        return (parts.joined(separator: "/") + (isFolder ? "/" : ""), encoding)
    }

    /// No two entries' local headers and data may share bytes, and none may reach into the central directory.
    private static func refuseOverlaps(_ entries: [Entry], directoryStart: Int) throws(ZIPError) {
        let sorted = entries.sorted { $0.dataOffset < $1.dataOffset }
        var previousEnd = 0
        var previousName = ""
        for entry in sorted {
            guard entry.localHeaderOffset >= previousEnd || previousName.isEmpty else {
                throw .malformed(
                    "\(entry.name) overlaps \(previousName) in the package (one stored stream under two names, as "
                        + "zip bombs and ambiguity attacks use)"
                )
            }
            previousEnd = entry.dataOffset + entry.compressedSize
            previousName = entry.name
            guard previousEnd <= directoryStart else {
                throw .malformed("\(entry.name)'s data runs into the central directory")
            }
        }
    }
}

extension String.Encoding {
    /// GB 18030-2000 (Core Foundation's kCFStringEncodingGB_18030_2000), which Foundation decodes on every platform.
    static let gb18030 = String.Encoding(rawValue: 0x8000_0632)
}

/// Little-endian fields, read within bounds the caller checked.
struct ByteReader {
    let bytes: [UInt8]
    private(set) var position: Int
    private let end: Int

    init(_ bytes: [UInt8], from start: Int, to end: Int) {
        self.bytes = bytes
        self.position = start
        self.end = end
    }

    var remaining: Int { end - position }

    mutating func uint16() -> UInt16 {
        guard remaining >= 2 else {
            position = end
            return 0
        }
        defer { position += 2 }
        return UInt16(bytes[position]) | UInt16(bytes[position + 1]) << 8
    }

    mutating func uint32() -> UInt32 {
        guard remaining >= 4 else {
            position = end
            return 0
        }
        defer { position += 4 }
        let low = UInt32(bytes[position]) | UInt32(bytes[position + 1]) << 8
        let high = UInt32(bytes[position + 2]) | UInt32(bytes[position + 3]) << 8
        return low | high << 16
    }

    mutating func bytes(_ count: Int) -> [UInt8] {
        let taken = min(count, remaining)
        defer { position += taken }
        return Array(bytes[position..<position + taken])
    }

    mutating func skip(_ count: Int) { position = min(end, position + count) }
}
