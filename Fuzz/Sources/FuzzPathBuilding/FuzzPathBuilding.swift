import FuzzSupport
import SealbridgeX509

/// Path building and validation on random certificate pools. The input is a sequence of records (two length bytes,
/// big-endian, then that many bytes); records that parse as certificates form the pool, those that parse as CRLs
/// the CRLs. The first certificate is the trust anchor, the last the end entity. Every profile runs with
/// revocation required: no crash, no hang (the work budget bounds hostile pools).
func fuzzOne(_ data: UnsafePointer<UInt8>?, _ count: Int) -> Int32 {
    let input = bytes(data, count)
    var certificates: [Certificate] = []
    var crls: [CertificateRevocationList] = []
    var offset = 0
    while offset + 2 <= input.count && certificates.count + crls.count < 64 {
        let length = Int(input[offset]) << 8 | Int(input[offset + 1])
        offset += 2
        let end = min(input.count, offset + length)
        let record = Array(input[offset..<end])
        offset = end
        if let certificate = try? Certificate(derEncoded: record) {
            certificates.append(certificate)
        } else if let crl = try? CertificateRevocationList(derEncoded: record) {
            crls.append(crl)
        }
    }
    guard let anchor = certificates.first, let leaf = certificates.last else { return 0 }
    for profile in ValidationOptions.Profile.allCases {
        // PKITS' validation time, so PKITS-derived seeds reach deep into validation.
        var options = ValidationOptions(time: X509Time(secondsSinceEpoch: 1_302_825_600))
        options.profile = profile
        options.revocation = .requireForEveryCertificate
        options.peerNames = [.dns("example.com")]
        let verifier = CertificateVerifier(
            trustAnchors: [anchor],
            intermediates: Array(certificates.dropFirst().dropLast()),
            crls: crls,
            options: options
        )
        _ = verifier.verify(leaf)
    }
    return 0
}

@main
enum FuzzPathBuilding {
    static func main() {
        exit(runFuzzer(fuzzOne))
    }
}

@_silgen_name("exit")
func exit(_ status: Int32) -> Never
