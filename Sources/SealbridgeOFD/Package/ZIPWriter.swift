internal import CZlib

/// Writes a ZIP archive (APPNOTE 6.3.10) in memory: new entries deflated, and entries of an archive read with
/// ``ZIPArchive`` copied with their stored bytes unchanged — so that appending a seal to another writer's OFD
/// package leaves every part it signed exactly as it was.
public struct ZIPWriter: Sendable {
    private var output: [UInt8] = []
    private var central: [UInt8] = []
    private var count = 0
    private var names: Set<String> = []

    /// Makes one.
    public init() {}

    /// Adds `bytes` as `name`, deflated (stored when deflate does not make it smaller).
    ///
    /// - Throws: ``ZIPError`` for a repeated name or data too large for a ZIP without ZIP64.
    public mutating func add(_ name: String, _ bytes: [UInt8]) throws(ZIPError) {
        let crc = bytes.withUnsafeBufferPointer { UInt32(truncatingIfNeeded: crc32(0, $0.baseAddress, uInt($0.count))) }
        let deflated = try Self.deflate(bytes)
        let (method, stored): (UInt16, [UInt8]) = deflated.count < bytes.count ? (8, deflated) : (0, bytes)
        try append(name: name, method: method, crc: crc, size: bytes.count, stored: stored[...])
    }

    /// Copies `entry` of `archive` with its stored bytes as they are.
    public mutating func copy(_ entry: ZIPArchive.Entry, from archive: ZIPArchive) throws(ZIPError) {
        try append(
            name: entry.name,
            method: entry.method,
            crc: entry.crc32,
            size: entry.size,
            stored: archive.storedBytes(of: entry)
        )
    }

    /// The archive: entries, central directory, end record.
    public func finished() -> [UInt8] {
        var bytes = output
        let directoryOffset = bytes.count
        bytes += central
        bytes += Self.uint32(0x0605_4B50) + [0, 0, 0, 0] + Self.uint16(UInt16(count)) + Self.uint16(UInt16(count))
        bytes += Self.uint32(UInt32(central.count)) + Self.uint32(UInt32(directoryOffset)) + [0, 0]
        return bytes
    }

    private mutating func append(
        name: String,
        method: UInt16,
        crc: UInt32,
        size: Int,
        stored: ArraySlice<UInt8>
    ) throws(ZIPError) {
        guard names.insert(name).inserted else { throw .malformed("\(name) is added twice") }
        guard count < 0xFFFF, size < 0xFFFF_FFFF, output.count < 0xFFFF_FFFF - stored.count else {
            throw .unsupported("the package would need ZIP64, which Sealbridge does not write")
        }
        let nameBytes = Array(name.utf8)
        guard nameBytes.count <= 0xFFFF else { throw .unsupported("\(name.prefix(40))… is too long a name for ZIP") }
        let offset = UInt32(output.count)
        // Version 2.0, UTF-8 names (bit 11), no data descriptor; a fixed time (1980-01-01) keeps output reproducible.
        let common =
            Self.uint16(20) + Self.uint16(0x0800) + Self.uint16(method) + Self.uint16(0) + Self.uint16(0x21)
            + Self.uint32(crc) + Self.uint32(UInt32(stored.count)) + Self.uint32(UInt32(size))
            + Self.uint16(UInt16(nameBytes.count)) + Self.uint16(0)
        output += Self.uint32(0x0403_4B50) + common + nameBytes
        output += stored
        central +=
            Self.uint32(0x0201_4B50) + Self.uint16(20) + common + Self.uint16(0) + Self.uint16(0)
            + Self.uint16(0) + Self.uint32(0) + Self.uint32(offset) + nameBytes
        count += 1
    }

    static func deflate(_ bytes: [UInt8]) throws(ZIPError) -> [UInt8] {
        var stream = z_stream()
        guard sealbridge_deflateInitRaw(&stream, Z_BEST_COMPRESSION) == Z_OK else {
            throw .malformed("zlib could not start deflating")
        }
        defer { deflateEnd(&stream) }
        var output = [UInt8](repeating: 0, count: Int(deflateBound(&stream, uLong(bytes.count))))
        let status = bytes.withUnsafeBufferPointer { inputBuffer in
            output.withUnsafeMutableBufferPointer { outputBuffer in
                stream.next_in = UnsafeMutablePointer(mutating: inputBuffer.baseAddress)
                stream.avail_in = uInt(inputBuffer.count)
                stream.next_out = outputBuffer.baseAddress
                stream.avail_out = uInt(outputBuffer.count)
                return CZlib.deflate(&stream, Z_FINISH)
            }
        }
        guard status == Z_STREAM_END else { throw .malformed("zlib could not deflate") }
        return Array(output[0..<Int(stream.total_out)])
    }

    static func uint16(_ value: UInt16) -> [UInt8] { [UInt8(value & 0xFF), UInt8(value >> 8)] }
    static func uint32(_ value: UInt32) -> [UInt8] {
        [UInt8(value & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value >> 16 & 0xFF), UInt8(value >> 24)]
    }
}

extension ZIPArchive {
    /// An entry's bytes as stored (compressed), for copying it unchanged.
    public func storedBytes(of entry: Entry) -> ArraySlice<UInt8> {
        bytes[entry.dataOffset..<entry.dataOffset + entry.compressedSize]
    }
}
