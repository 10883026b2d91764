import FuzzSupport
import SealbridgeSM

/// SM2 ciphertext decoding (GM/T 0009 DER and C1‖C3‖C2) and decryption with a fixed key: no crash, and
/// tampered input never decrypts.
let fuzzKey = SM2PrivateKey()

func fuzzOne(_ data: UnsafePointer<UInt8>?, _ count: Int) -> Int32 {
    let input = bytes(data, count)
    if let ciphertext = try? SM2Ciphertext(derRepresentation: input) {
        precondition((try? SM2Ciphertext(derRepresentation: ciphertext.derRepresentation)) == ciphertext)
        _ = try? fuzzKey.decrypt(ciphertext)
    }
    if let ciphertext = try? SM2Ciphertext(c1c3c2: input) {
        precondition(ciphertext.c1c3c2 == input || input.first != 0x04)
        _ = try? fuzzKey.decrypt(ciphertext)
    }
    return 0
}

@main
enum FuzzSM2Ciphertext {
    static func main() {
        exit(runFuzzer(fuzzOne))
    }
}

@_silgen_name("exit")
func exit(_ status: Int32) -> Never
