import SwiftASN1

extension Certificate {
    /// Reads every certificate in PEM (`-----BEGIN CERTIFICATE-----` blocks; other blocks are ignored) or a single
    /// DER certificate, whichever `bytes` hold.
    ///
    /// - Throws: `X509Error` when the input holds no certificate or one is malformed.
    public static func readAll(from bytes: [UInt8]) throws -> [Certificate] {
        let trimmed = bytes.drop(while: { $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 })
        guard trimmed.starts(with: Array("-----BEGIN ".utf8)) else {
            return [try Certificate(derEncoded: bytes)]
        }
        let documents: [PEMDocument]
        do {
            documents = try PEMDocument.parseMultiple(pemString: String(decoding: bytes, as: UTF8.self))
        } catch {
            throw X509Error.invalidPEM(reason: "not valid PEM (\(error)); check the BEGIN/END lines and base64 body")
        }
        let certificates = try documents.filter { $0.discriminator == "CERTIFICATE" }.map {
            try Certificate(derEncoded: $0.derBytes)
        }
        guard !certificates.isEmpty else {
            throw X509Error.invalidPEM(reason: "the PEM input holds no CERTIFICATE block")
        }
        return certificates
    }

    /// The PEM `CERTIFICATE` block.
    public var pemRepresentation: String {
        PEMDocument(type: "CERTIFICATE", derBytes: derBytes).pemString
    }
}
