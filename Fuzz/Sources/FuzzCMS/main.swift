import FuzzSupport
import SealbridgeCMS

/// CMS SignedData (BER and DER) on arbitrary bytes: parsing, every attribute reader, verification with and
/// without content, DER re-encoding (of the whole and of signed attributes) and the readable text — no crash, no hang, bounded memory.
func fuzzOne(_ data: UnsafePointer<UInt8>?, _ count: Int) -> Int32 {
    let input = bytes(data, count)
    // PKCS #7 / GB/T 35275 SignedAndEnvelopedData: the header walk that repairs empty recipient issuers, the
    // parser, and opening without a key (which must fail cleanly).
    if CMSSignedAndEnvelopedData.isSignedAndEnveloped(input),
        let message = try? CMSSignedAndEnvelopedData(berEncoded: input)
    {
        _ = try? message.opened(with: [])
    }
    guard let signed = try? CMSSignedData(berEncoded: input) else { return 0 }
    for signer in signed.signerInfos {
        for attributes in [signer.signedAttributes, signer.unsignedAttributes].compactMap({ $0 }) {
            _ = try? attributes.contentType()
            _ = try? attributes.messageDigest()
            _ = try? attributes.signingTime()
            _ = try? attributes.signingCertificateV2()
            _ = try? attributes.signingCertificateV1()
            _ = try? attributes.algorithmProtection()
            _ = try? attributes.commitmentType()
            _ = try? attributes.signerLocation()
            for token in attributes.signatureTimeStampTokens() { _ = try? TimeStampToken(derEncoded: Array(token)) }
        }
        // RFC 5652 §5.4's DER form of the signed attributes, re-encoded from whatever was received.
        _ = try? signer.signedAttributes?.derSignedBytes()
        _ = try? signer.resolvedSignatureAlgorithm()
    }
    _ = CMSVerifier().verify(signed, detachedContent: [0x61])
    // What we read, we write; what we write, we read back the same.
    guard let reencoded = try? signed.derRepresentation else {
        preconditionFailure("a SignedData that parsed does not re-encode")
    }
    if let again = try? CMSSignedData(berEncoded: reencoded) {
        precondition((try? again.derRepresentation) == reencoded, "DER re-encoding is not stable")
    } else {
        preconditionFailure("our DER re-encoding does not parse")
    }
    return 0
}

@main
enum FuzzCMS {
    static func main() {
        exit(runFuzzer(fuzzOne))
    }
}

@_silgen_name("exit")
func exit(_ status: Int32) -> Never
