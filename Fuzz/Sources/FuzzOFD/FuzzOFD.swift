import Foundation
import FuzzSupport
import SealbridgeOFD
import SealbridgeValidation

/// OFD packages on arbitrary bytes: the ZIP reader (limits, overlaps, names), OFD.xml and the signature lists and
/// descriptions (libxml2 with no DOCTYPE), every part inflated, every reference checked, and the whole validation
/// of what parsed.
func fuzzOne(_ data: UnsafePointer<UInt8>?, _ count: Int) -> Int32 {
    let input = bytes(data, count)
    if let archive = try? ZIPArchive(bytes: input) {
        for entry in archive.entries.prefix(64) { _ = try? archive.contents(of: entry) }
    }
    if let document = try? OFDDocument(bytes: input), let signatures = try? document.signatures() {
        for signature in signatures {
            if case .success(let description) = signature.description, let function = description.checkFunction {
                _ = OFDReferenceCheck.check(description, in: document, function: function)
            }
        }
        _ = try? validator.validate(input, name: "fuzz.ofd")
    }
    return 0
}

let validator = SignatureValidator(context: ValidationContext(), precomputesAnchorKeys: false)

@main
enum FuzzOFD {
    static func main() {
        exit(runFuzzer(fuzzOne))
    }
}
