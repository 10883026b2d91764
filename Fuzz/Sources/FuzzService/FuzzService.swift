import FuzzSupport
import SealbridgeFormData

/// The service's own parsers of request bytes: Content-Type values and multipart/form-data bodies (the web page's
/// uploads). The first byte picks how much of the input is a Content-Type header; the rest is the body.
func fuzzOne(_ data: UnsafePointer<UInt8>?, _ count: Int) -> Int32 {
    let input = bytes(data, count)
    guard let first = input.first else { return 0 }
    let split = min(Int(first), input.count - 1)
    let header = String(decoding: input[1..<(1 + split)], as: UTF8.self)
    let body = Array(input[(1 + split)...])
    let mediaType = MediaTypeText(header)
    _ = try? FormParts(bytes: body, boundary: mediaType.parameter("boundary") ?? "sealbridge")
    _ = try? FormParts(bytes: body, boundary: "sealbridge")
    return 0
}

@main
enum FuzzService {
    static func main() {
        exit(runFuzzer(fuzzOne))
    }
}

@_silgen_name("exit")
func exit(_ status: Int32) -> Never
