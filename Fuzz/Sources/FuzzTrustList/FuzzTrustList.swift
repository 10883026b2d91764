import FuzzSupport
import SealbridgeTrust

/// ETSI TS 119 612 trusted lists on arbitrary bytes: parsing (libxml2 with no DOCTYPE, no network), every element
/// read, the XML-DSig check, and the framework built from what parsed; for a pointer with the EU
/// mutual-recognition extension, the agreements it publishes and the list read through it (a list of the lists
/// that points to itself stands in for the third-country list).
func fuzzOne(_ data: UnsafePointer<UInt8>?, _ count: Int) -> Int32 {
    let input = bytes(data, count)
    if let list = try? TrustedList(parsing: input, source: "fuzz.xml", anchors: []) {
        _ = try? list.trustFramework()
        for service in list.services {
            _ = service.state(at: list.issued)
        }
        // The pivot walk, each pivot being the input itself (a few, to keep the fuzzer fast; the limit on many
        // is a unit test).
        if list.pivotLocations().count <= 4 {
            _ = try? PivotWalk(parsing: input, source: "fuzz.xml", announcedCertificates: [], pivot: { _ in input })
        }
        for pointer in list.pointers {
            guard let recognition = pointer.mutualRecognition else { continue }
            _ = try? recognition.agreements(
                listOfTheLists: list,
                pointer: pointer,
                pointedTerritory: "ZZ",
                framework: "tl-zz"
            )
            _ = try? list.trustFramework(id: "tl-zz", jurisdiction: "ZZ", mutualRecognition: recognition)
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
