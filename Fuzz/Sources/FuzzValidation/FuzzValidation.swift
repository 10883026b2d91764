import FuzzSupport
import SealbridgeValidation

/// The EN 319 102-1 validation on arbitrary bytes, and every rendering of the report.
func fuzzOne(_ data: UnsafePointer<UInt8>?, _ count: Int) -> Int32 {
    let input = bytes(data, count)
    if let report = try? SignatureValidator(context: ValidationContext(), precomputesAnchorKeys: false)
        .validate(input, name: "fuzz.p7s")
    {
        _ = report.json()
        _ = report.xml()
        _ = report.html()
        _ = report.text()
    }
    return 0
}

@main
enum FuzzValidation {
    static func main() {
        exit(runFuzzer(fuzzOne))
    }
}

@_silgen_name("exit")
func exit(_ status: Int32) -> Never
