import FuzzSupport
import SealbridgeValidation

/// The XML signature reader (XML-DSig references, transforms, XPath Filter 2.0, manifests, XAdES properties,
/// counter-signatures) through the validator, with a detached document given so that external references resolve,
/// and every rendering of the report. Seeds: DSS's XAdES test files (`Fuzz/Seeds/FuzzXMLSignature`).
func fuzzOne(_ data: UnsafePointer<UInt8>?, _ count: Int) -> Int32 {
    let input = bytes(data, count)
    let detached = SignedContent.bytes(Array("<doc>detached</doc>".utf8), name: "sample.xml")
    for content in [nil, detached] {
        guard
            let report = try? SignatureValidator(context: ValidationContext(), precomputesAnchorKeys: false)
                .validate(input, name: "fuzz.xml", content: content)
        else { continue }
        _ = report.json()
        _ = report.html()
    }
    return 0
}

@main
enum FuzzXMLSignature {
    static func main() {
        exit(runFuzzer(fuzzOne))
    }
}

@_silgen_name("exit")
func exit(_ status: Int32) -> Never
