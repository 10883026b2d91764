internal import CZlib

/// Raw deflate (RFC 1951) through zlib, never producing more than the entry says it holds: a bomb that lies about
/// its size stops at the stated size plus one byte.
enum Inflater {
    static func inflate(_ stored: ArraySlice<UInt8>, expectedSize: Int, name: String) throws(ZIPError) -> [UInt8] {
        var stream = z_stream()
        guard sealbridge_inflateInitRaw(&stream) == Z_OK else {
            throw .malformed("zlib could not start inflating \(name)")
        }
        defer { inflateEnd(&stream) }
        // One byte more than stated, to notice data that goes on.
        var output = [UInt8](repeating: 0, count: expectedSize + 1)
        // zlib only reads next_in (it is `z_const` in the header); the stored bytes are not copied.
        let status: Int32 = stored.withUnsafeBufferPointer { inputBuffer in
            output.withUnsafeMutableBufferPointer { outputBuffer in
                stream.next_in = UnsafeMutablePointer(mutating: inputBuffer.baseAddress)
                stream.avail_in = uInt(inputBuffer.count)
                stream.next_out = outputBuffer.baseAddress
                stream.avail_out = uInt(outputBuffer.count)
                return CZlib.inflate(&stream, Z_FINISH)
            }
        }
        let produced = Int(stream.total_out)
        guard produced <= expectedSize else {
            throw .malformed("\(name) inflates to more than the \(expectedSize) bytes the package states")
        }
        switch status {
        case Z_STREAM_END where produced == expectedSize:
            output.removeLast()
            return output
        case Z_STREAM_END:
            throw .malformed("\(name) inflates to \(produced) bytes, not the \(expectedSize) the package states")
        case Z_BUF_ERROR:
            throw .malformed("\(name)'s compressed data ends early (a truncated package?)")
        default:
            throw .malformed("\(name)'s compressed data is corrupt")
        }
    }
}
