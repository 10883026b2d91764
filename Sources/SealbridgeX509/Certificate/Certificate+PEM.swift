import SealbridgeCrypto
import SwiftASN1

extension Certificate {
    /// Reads every certificate in PEM (`-----BEGIN CERTIFICATE-----` blocks; other blocks are ignored) or a single
    /// DER certificate, whichever `bytes` hold.
    ///
    /// - Throws: `X509Error` when the input holds no certificate or one is malformed.
    public static func readAll(from bytes: [UInt8]) throws -> [Certificate] {
        try PEMBundle.read(bytes, blockType: "CERTIFICATE", parse: Certificate.init(derEncoded:))
    }

    /// The PEM `CERTIFICATE` block.
    public var pemRepresentation: String {
        PEMDocument(type: "CERTIFICATE", derBytes: derBytes).pemString
    }
}

extension CertificateRevocationList {
    /// Reads every CRL in PEM (`-----BEGIN X509 CRL-----` blocks; other blocks are ignored) or a single DER CRL.
    ///
    /// - Throws: `X509Error` when the input holds no CRL or one is malformed.
    public static func readAll(from bytes: [UInt8]) throws -> [CertificateRevocationList] {
        try PEMBundle.read(bytes, blockType: "X509 CRL", parse: CertificateRevocationList.init(derEncoded:))
    }

    /// The PEM `X509 CRL` block.
    public var pemRepresentation: String {
        PEMDocument(type: "X509 CRL", derBytes: derBytes).pemString
    }
}

/// PEM bundles or a single DER object, for every X.509 object type.
enum PEMBundle {
    static func read<Object>(
        _ bytes: [UInt8],
        blockType: String,
        parse: ([UInt8]) throws -> Object
    ) throws -> [Object] {
        guard PEMText.looksLikePEM(bytes) else {
            return [try parse(PEMText.bareBase64DER(bytes) ?? bytes)]
        }
        let documents: [PEMDocument]
        do {
            documents = try PEMText.documents(bytes)
        } catch {
            throw X509Error.invalidPEM(reason: "not valid PEM: \(error); check the BEGIN/END lines and base64 body")
        }
        let objects = try documents.filter { $0.discriminator == blockType }.map { try parse($0.derBytes) }
        guard !objects.isEmpty else {
            throw X509Error.invalidPEM(reason: "the PEM input holds no \(blockType) block")
        }
        return objects
    }
}
