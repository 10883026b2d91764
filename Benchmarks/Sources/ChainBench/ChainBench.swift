import Foundation
import SealbridgeX509

/// `ChainBench DIR SECONDS`: parse + build + validate the 3-level chain in DIR (root.der, intermediate.der,
/// leaf.der) in a loop, cold — every iteration parses the leaf and the intermediate and starts with an empty
/// signature cache; only the trust anchor is decoded once, as a relying party's trust store is. The OpenSSL side is
/// scripts/openssl-chain-bench.c; scripts/bench-chain-vs-openssl runs both and prints the ratios.
@main
struct ChainBench {
    static func main() throws {
        let arguments = CommandLine.arguments
        guard arguments.count == 3, let seconds = Double(arguments[2]) else {
            FileHandle.standardError.write(Data("usage: ChainBench DIR SECONDS\n".utf8))
            exit(64)
        }
        let folder = URL(fileURLWithPath: arguments[1])
        func bytes(_ name: String) throws -> [UInt8] {
            Array(try Data(contentsOf: folder.appendingPathComponent(name)))
        }
        let rootBytes = try bytes("root.der")
        let intermediateBytes = try bytes("intermediate.der")
        let leafBytes = try bytes("leaf.der")
        let store = TrustStore([try Certificate(derEncoded: rootBytes)])
        // 2030-01-01, inside the chains' validity (make-bench-chains.sh).
        var options = ValidationOptions(time: X509Time(secondsSinceEpoch: 1_893_456_000))
        options.profile = .rfc5280
        options.requiredExtendedKeyUsages = [[1, 3, 6, 1, 5, 5, 7, 3, 1]]

        func once() throws {
            let leaf = try Certificate(derEncoded: leafBytes)
            let intermediate = try Certificate(derEncoded: intermediateBytes)
            let verifier = CertificateVerifier(trustStore: store, intermediates: [intermediate], options: options)
            guard case .valid = verifier.verify(leaf) else {
                FileHandle.standardError.write(Data("the chain in \(folder.path) does not validate\n".utf8))
                exit(1)
            }
        }
        try once()
        let start = Date()
        var iterations = 0
        while Date().timeIntervalSince(start) < seconds {
            for _ in 0..<16 { try once() }
            iterations += 16
        }
        let elapsed = Date().timeIntervalSince(start)
        let name = folder.lastPathComponent
        print(
            "{\"chain\":\"\(name)\",\"iterations\":\(iterations),\"seconds\":\(elapsed),\"per_second\":\(Double(iterations) / elapsed)}"
        )
    }
}
