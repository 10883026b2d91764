import Foundation
import SealbridgeConformance
import SealbridgeTestVectors
import SealbridgeX509
import SwiftASN1
import Testing

/// Parse → serialize round trips for every model over all 405 PKITS certificates and 173 CRLs: certificates and
/// CRLs keep their bytes, names and extensions serialize back to exactly what was read, PEM round-trips.
@Suite struct RoundTripTests {
    static func files(_ folder: String, suffix: String) throws -> [URL] {
        let base = try Vectors.folder("pkits/\(folder)")
        return try FileManager.default.contentsOfDirectory(atPath: base.path).filter { $0.hasSuffix(suffix) }.sorted()
            .map { base.appendingPathComponent($0) }
    }

    @Test func everyCertificateRoundTrips() throws {
        let files = try Self.files("certs", suffix: ".crt")
        #expect(files.count == 405)
        for file in files {
            let bytes = Array(try Data(contentsOf: file))
            let certificate = try Certificate(derEncoded: bytes)
            #expect(certificate.derBytes == bytes)
            #expect(try Certificate(derEncoded: certificate.derBytes) == certificate)
            #expect(try Certificate.readAll(from: Array(certificate.pemRepresentation.utf8)) == [certificate])
            for name in [certificate.subject, certificate.issuer] {
                var serializer = DER.Serializer()
                try serializer.serialize(name)
                #expect(serializer.serializedBytes[...] == name.derBytes, "\(file.lastPathComponent): \(name)")
                #expect(try DistinguishedName(derEncoded: serializer.serializedBytes) == name)
            }
            for item in certificate.extensions {
                var serializer = DER.Serializer()
                try serializer.serialize(item)
                #expect(try Extension(derEncoded: serializer.serializedBytes) == item, "\(file.lastPathComponent)")
                #expect(
                    bytes.firstRange(of: serializer.serializedBytes) != nil,
                    "\(file.lastPathComponent): extension \(item.oid) does not serialize to its received bytes"
                )
            }
        }
    }

    @Test func everyCRLRoundTrips() throws {
        let files = try Self.files("crls", suffix: ".crl")
        #expect(files.count == 173)
        for file in files {
            let bytes = Array(try Data(contentsOf: file))
            let crl = try CertificateRevocationList(derEncoded: bytes)
            #expect(crl.derBytes == bytes)
            #expect(try CertificateRevocationList.readAll(from: Array(crl.pemRepresentation.utf8)) == [crl])
        }
    }
}
