import Foundation
import SealbridgeCMS
import SealbridgeCrypto
import SealbridgeSM
import SealbridgeTestVectors
import SealbridgeX509

/// Keys and certificates made once per test run with the `openssl` CLI (the interoperability peer): a P-256 CA
/// with ECDSA, RSA and RSA-PSS-capable signers and ECDSA and RSA TSAs, and an SM2 CA (SM3withSM2, default ID)
/// with an SM2 signer and an SM2 TSA. Files stay in one folder under the temporary directory for the peers.
struct CMSFixtures: Sendable {
    /// A key, its certificate and the files OpenSSL reads.
    struct Identity: Sendable {
        let key: PrivateKey
        let certificate: Certificate
        let keyPath: String
        let certificatePath: String

        func signer(_ algorithm: SignatureAlgorithm? = nil) throws -> CMSSigner {
            try CMSSigner(key: key, certificate: certificate, signatureAlgorithm: algorithm)
        }
    }

    let directory: String
    let caPath: String
    let ca: Certificate
    let ecdsa: Identity
    let rsa: Identity
    let ecdsaTSA: Identity
    let rsaTSA: Identity
    let sm2CAPath: String
    let sm2CA: Certificate
    let sm2: Identity
    let sm2TSA: Identity

    func path(_ name: String) -> String { directory + "/" + name }

    static let shared: Result<CMSFixtures, any Error> = Result { try CMSFixtures() }

    static func load() throws -> CMSFixtures { try shared.get() }

    private init() throws {
        directory =
            FileManager.default.temporaryDirectory.appendingPathComponent("sealbridge-cms-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let dir = directory
        func run(_ arguments: [String]) throws {
            let result = try TestProcess.openSSL(arguments)
            guard result.status == 0 else {
                throw FixtureError("openssl \(arguments.joined(separator: " ")) failed: \(result.error)")
            }
        }
        func write(_ name: String, _ text: String) throws -> String {
            try text.write(toFile: dir + "/" + name, atomically: true, encoding: .utf8)
            return dir + "/" + name
        }
        let leafExtensions = try write(
            "leaf.ext",
            "basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature,nonRepudiation\nsubjectKeyIdentifier=hash\n"
        )
        let tsaExtensions = try write(
            "tsa.ext",
            "basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=critical,timeStamping\n"
        )
        // The P-256 CA and its subjects.
        try run(["genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", dir + "/ca.key"])
        try run([
            "req", "-x509", "-new", "-key", dir + "/ca.key", "-subj", "/CN=Sealbridge Test CA", "-days", "3650",
            "-extensions", "v3_ca", "-addext", "keyUsage=critical,keyCertSign,cRLSign", "-out", dir + "/ca.pem",
        ])
        func issue(_ name: String, keyArguments: [String], subject: String, extensions: String) throws -> Identity {
            try run(["genpkey"] + keyArguments + ["-out", "\(dir)/\(name).key"])
            try run(["req", "-new", "-key", "\(dir)/\(name).key", "-subj", subject, "-out", "\(dir)/\(name).csr"])
            try run([
                "x509", "-req", "-in", "\(dir)/\(name).csr", "-CA", dir + "/ca.pem", "-CAkey", dir + "/ca.key",
                "-CAcreateserial", "-days", "825", "-extfile", extensions, "-out", "\(dir)/\(name).pem",
            ])
            return try Self.identity(dir, name)
        }
        let ec = ["-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256"]
        let rsaKey = ["-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048"]
        ecdsa = try issue(
            "ecdsa",
            keyArguments: ec,
            subject: "/CN=ECDSA Signer/O=Exporter Ltd",
            extensions: leafExtensions
        )
        rsa = try issue(
            "rsa",
            keyArguments: rsaKey,
            subject: "/CN=RSA Signer/O=Importer GmbH",
            extensions: leafExtensions
        )
        ecdsaTSA = try issue("ecdsa-tsa", keyArguments: ec, subject: "/CN=ECDSA TSA", extensions: tsaExtensions)
        rsaTSA = try issue("rsa-tsa", keyArguments: rsaKey, subject: "/CN=RSA TSA", extensions: tsaExtensions)
        caPath = dir + "/ca.pem"
        ca = try Self.certificate(caPath)

        // The SM2 CA: OpenSSL 3 signs SM2 with an empty ID unless told, so every step names the default ID.
        let id = "distid:1234567812345678"
        try run(["genpkey", "-algorithm", "SM2", "-out", dir + "/sm2-ca.key"])
        try run([
            "req", "-x509", "-new", "-key", dir + "/sm2-ca.key", "-sm3", "-sigopt", id, "-subj",
            "/CN=Sealbridge Test SM2 CA/C=CN", "-days", "3650", "-extensions", "v3_ca", "-out", dir + "/sm2-ca.pem",
        ])
        func issueSM2(_ name: String, subject: String, extensions: String) throws -> Identity {
            try run(["genpkey", "-algorithm", "SM2", "-out", "\(dir)/\(name).key"])
            try run([
                "req", "-new", "-key", "\(dir)/\(name).key", "-sm3", "-sigopt", id, "-subj", subject, "-out",
                "\(dir)/\(name).csr",
            ])
            try run([
                "x509", "-req", "-in", "\(dir)/\(name).csr", "-CA", dir + "/sm2-ca.pem", "-CAkey", dir + "/sm2-ca.key",
                "-CAcreateserial", "-days", "825", "-sm3", "-sigopt", id, "-vfyopt", id, "-extfile", extensions,
                "-out", "\(dir)/\(name).pem",
            ])
            return try Self.identity(dir, name)
        }
        sm2 = try issueSM2("sm2", subject: "/CN=SM2 Signer/O=Shenzhen Trading Co/C=CN", extensions: leafExtensions)
        sm2TSA = try issueSM2("sm2-tsa", subject: "/CN=SM2 TSA/C=CN", extensions: tsaExtensions)
        sm2CAPath = dir + "/sm2-ca.pem"
        sm2CA = try Self.certificate(sm2CAPath)
    }

    private static func certificate(_ path: String) throws -> Certificate {
        guard let first = try Certificate.readAll(from: Array(Data(contentsOf: URL(fileURLWithPath: path)))).first
        else {
            throw FixtureError("\(path) holds no certificate")
        }
        return first
    }

    private static func identity(_ dir: String, _ name: String) throws -> Identity {
        let keyPath = "\(dir)/\(name).key"
        let certificatePath = "\(dir)/\(name).pem"
        return Identity(
            key: try PrivateKey(pemOrDER: Array(Data(contentsOf: URL(fileURLWithPath: keyPath)))),
            certificate: try certificate(certificatePath),
            keyPath: keyPath,
            certificatePath: certificatePath
        )
    }
}

/// Reads a file the tests wrote.
func readFile(_ path: String) throws -> [UInt8] { Array(try Data(contentsOf: URL(fileURLWithPath: path))) }

/// Writes a file for a peer.
func writeFile(_ path: String, _ bytes: [UInt8]) throws { try Data(bytes).write(to: URL(fileURLWithPath: path)) }

/// A fixture could not be made.
struct FixtureError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
