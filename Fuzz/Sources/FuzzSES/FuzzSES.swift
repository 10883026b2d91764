import Foundation
import FuzzSupport
import SealbridgeCMS
import SealbridgeOFD

/// GB/T 38540 / GM/T 0031 seal structures on arbitrary bytes: `SES_Signature` (V1, V4, V5, with trailing bytes),
/// `SESeal`, and every verification step over what parsed (certificates, SM2 values in DER, raw and sign-less
/// forms, the seal's certificate list, the time-stamp).
func fuzzOne(_ data: UnsafePointer<UInt8>?, _ count: Int) -> Int32 {
    let input = bytes(data, count)
    if let signature = try? SESSignature(derEncoded: input) {
        _ = OFDSealVerification(
            signature,
            signedFile: input,
            sealFile: signature.toSign.seal.encoded,
            timeStampOptions: TimeStampVerificationOptions()
        )
    }
    _ = try? SESeal(derEncoded: input)
    return 0
}

@main
enum FuzzSES {
    static func main() {
        exit(runFuzzer(fuzzOne))
    }
}
