import FuzzSupport
import SealbridgeTrust

/// ETSI TS 119 612 trusted lists on arbitrary bytes: parsing (libxml2 with no DOCTYPE, no network), every element
/// read, the XML-DSig check, and the framework built from what parsed.
func fuzzOne(_ data: UnsafePointer<UInt8>?, _ count: Int) -> Int32 {
    let input = bytes(data, count)
    if let list = try? TrustedList(parsing: input, source: "fuzz.xml", anchors: []) {
        _ = try? list.trustFramework()
        for service in list.services {
            _ = service.state(at: list.issued)
        }
    }
    return 0
}

@main
enum FuzzTrustList {
    static func main() {
        exit(runFuzzer(fuzzOne))
    }
}

@_silgen_name("exit")
func exit(_ status: Int32) -> Never
