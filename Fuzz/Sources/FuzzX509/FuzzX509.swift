import FuzzSupport
import SealbridgeCrypto
import SealbridgeX509

/// Certificate, CRL and PEM-bundle parsing (PEM in any line layout, bare base64), plus every typed extension
/// decoder, on arbitrary bytes: no crash, no hang; anything that parses keeps its bytes, and PEM we write from
/// what PEMText read is read back the same.
func fuzzOne(_ data: UnsafePointer<UInt8>?, _ count: Int) -> Int32 {
    let input = bytes(data, count)
    if let certificate = try? Certificate(derEncoded: input) {
        precondition(certificate.derBytes == input)
        _ = try? certificate.basicConstraints()
        _ = try? certificate.keyUsage()
        _ = try? certificate.extendedKeyUsage()
        _ = try? certificate.subjectKeyIdentifier()
        _ = try? certificate.authorityKeyIdentifier()
        _ = try? certificate.subjectAlternativeNames()
        _ = try? certificate.certificatePolicies()
        _ = try? certificate.policyMappings()
        _ = try? certificate.policyConstraints()
        _ = try? certificate.inhibitAnyPolicy()
        _ = try? certificate.nameConstraints()
        _ = try? certificate.crlDistributionPoints()
        _ = try? certificate.authorityInfoAccess()
        _ = try? certificate.subjectInfoAccess()
        _ = try? certificate.issuerAlternativeNames()
        _ = try? certificate.privateKeyUsagePeriod()
        _ = try? certificate.freshestCRL()
        _ = (try? certificate.qcStatements())?.types
        _ = certificate.description
        if let key = try? certificate.publicKey() {
            _ = certificate.isSignatureValid(issuerKey: key)
        }
    }
    if let crl = try? CertificateRevocationList(derEncoded: input) {
        precondition(crl.derBytes == input)
        _ = try? crl.issuingDistributionPoint()
        _ = try? crl.crlNumber()
        _ = try? crl.deltaCRLIndicator()
        for entry in crl.entries {
            _ = try? entry.reasonCode()
            _ = try? entry.certificateIssuer()
            _ = try? entry.invalidityDate()
        }
        _ = crl.description
    }
    _ = try? Certificate.readAll(from: input)
    if let documents = try? PEMText.documents(input) {
        for document in documents {
            let again = try? PEMText.documents(Array(document.pemString.utf8))
            precondition(again?.map(\.derBytes) == [document.derBytes], "PEM written is not read back the same")
        }
    }
    _ = PEMText.bareBase64DER(input)
    return 0
}

@main
enum FuzzX509 {
    static func main() {
        exit(runFuzzer(fuzzOne))
    }
}

@_silgen_name("exit")
func exit(_ status: Int32) -> Never
