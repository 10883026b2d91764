import FuzzSupport
import SealbridgeCrypto
import SealbridgeSM

/// Signature decoding (DER and raw) and verification with a fixed key: no crash, and a decoded signature
/// re-encodes to the same value.
let fuzzKey = SM2PrivateKey()

func fuzzOne(_ data: UnsafePointer<UInt8>?, _ count: Int) -> Int32 {
    let input = bytes(data, count)
    if let signature = try? SM2Signature(derRepresentation: input) {
        precondition((try? SM2Signature(derRepresentation: signature.derRepresentation)) == signature)
        _ = fuzzKey.publicKey.isValidSignature(signature, for: input)
    }
    if let signature = try? SM2Signature(rawRepresentation: input) {
        precondition(signature.rawRepresentation == input)
    }
    if let raw = try? SignatureEncoding.raw(fromDER: input, componentByteCount: 32) {
        _ = try? SignatureEncoding.der(fromRaw: raw)
    }
    return 0
}

@main
enum FuzzSM2Signature {
    static func main() {
        exit(runFuzzer(fuzzOne))
    }
}

@_silgen_name("exit")
func exit(_ status: Int32) -> Never
