import FuzzSupport
import SealbridgeValidation

/// The JWS / JAdES reader (compact and JSON serialisations, the protected header's duplicate-name scan, crit,
/// etsiU in both forms, x5c, sigTst) through the validator, with a detached payload given and without, and every
/// rendering of the report. Seeds: DSS's JAdES test files (`Fuzz/Seeds/FuzzJWS`).
func fuzzOne(_ data: UnsafePointer<UInt8>?, _ count: Int) -> Int32 {
    let input = bytes(data, count)
    let detached = SignedContent.bytes(Array("{\"documentKind\":\"invoice\"}".utf8), name: "payload.json")
    for content in [nil, detached] {
        guard
            let report = try? SignatureValidator(context: ValidationContext(), precomputesAnchorKeys: false)
                .validate(input, name: "fuzz.jws", content: content)
        else { continue }
        _ = report.json()
        _ = report.html()
    }
    return 0
}

@main
enum FuzzJWS {
    static func main() {
        exit(runFuzzer(fuzzOne))
    }
}

@_silgen_name("exit")
func exit(_ status: Int32) -> Never
