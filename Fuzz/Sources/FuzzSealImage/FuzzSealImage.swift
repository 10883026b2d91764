import Foundation
import FuzzSupport
import SealbridgeOFD

/// The seal-picture sanitiser on arbitrary bytes: PNG chunks, JPEG segments and scans, GIF blocks. What it keeps
/// must sanitise again to itself (sanitising is idempotent), within the size limits.
func fuzzOne(_ data: UnsafePointer<UInt8>?, _ count: Int) -> Int32 {
    let input = bytes(data, count)
    guard let image = try? SealImage(sanitizing: input) else { return 0 }
    guard image.bytes.count <= input.count, let again = try? SealImage(sanitizing: image.bytes),
        again.bytes == image.bytes, again.format == image.format
    else { fatalError("sanitising a sanitised picture changed it or refused it") }
    return 0
}

@main
enum FuzzSealImage {
    static func main() {
        exit(runFuzzer(fuzzOne))
    }
}
