import FuzzSupport
import SealbridgeValidation

/// The input-kind detector on arbitrary bytes: a kind for everything, bounded work, no crash; bare base64 that it
/// unwraps decodes to bytes it recognises again.
func fuzzOne(_ data: UnsafePointer<UInt8>?, _ count: Int) -> Int32 {
    let input = bytes(data, count)
    let kind = InputKind.detect(input)
    _ = kind.description
    _ = kind.isSupportedSignature
    if let decoded = InputKind.unwrapBareBase64(input) {
        let inner = InputKind.detect(decoded)
        precondition(inner != .text && inner != .unknownBinary && inner != .empty, "unwrapped base64 of nothing")
    }
    _ = InputKind.detect(input.prefix(count / 2))
    return 0
}

@main
enum FuzzInputKind {
    static func main() {
        exit(runFuzzer(fuzzOne))
    }
}

@_silgen_name("exit")
func exit(_ status: Int32) -> Never
