import FuzzSupport
import SealbridgeCrypto
import SealbridgeSM

/// Key parsing: PEM and DER, PKCS #8, SEC 1, SubjectPublicKeyInfo, raw SM2 points. Anything that parses must
/// re-encode to something that parses to the same key.
func fuzzOne(_ data: UnsafePointer<UInt8>?, _ count: Int) -> Int32 {
    let input = bytes(data, count)
    if let key = try? SM2PublicKey(derRepresentation: input) {
        precondition((try? SM2PublicKey(derRepresentation: key.derRepresentation)) == key)
    }
    _ = try? SM2PublicKey(x963Representation: input)
    _ = try? SM2PublicKey(pemRepresentation: String(decoding: input, as: UTF8.self))
    if let key = try? SM2PrivateKey(derRepresentation: input) {
        precondition(
            (try? SM2PrivateKey(derRepresentation: key.derRepresentation))?.publicKey == key.publicKey
        )
    }
    _ = try? SM2PrivateKey(pemRepresentation: String(decoding: input, as: UTF8.self))
    if let key = try? PublicKey(pemOrDER: input) {
        precondition((try? PublicKey(derRepresentation: key.derRepresentation)) == key)
    }
    _ = try? PrivateKey(pemOrDER: input)
    return 0
}

@main
enum FuzzKeys {
    static func main() {
        exit(runFuzzer(fuzzOne))
    }
}

@_silgen_name("exit")
func exit(_ status: Int32) -> Never
