import Benchmark
import Foundation
import SealbridgeCrypto
import SealbridgeSM
import SealbridgeX509

// Our own figures (throughput, allocations). Ratios against OpenSSL come from scripts/bench-vs-openssl.
let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.throughput, .wallClock, .mallocCountTotal],
        maxDuration: .seconds(2),
        maxIterations: 1_000_000
    )

    let sm2Key = SM2PrivateKey()
    let message = [UInt8](repeating: 0x61, count: 20)
    // swift-format-ignore: NeverUseForceTry
    let digest = try! sm2Key.publicKey.digest(for: message)
    // swift-format-ignore: NeverUseForceTry
    let sm2Signature = try! sm2Key.signature(forDigest: digest)

    // A typical TLS leaf (P-256, SKI/AKI/KU/EKU/SAN; from the x509-limbo suite). The bar: fewer than 20
    // allocations per parse.
    // swift-format-ignore: NeverForceUnwrap
    let leafDER = [UInt8](
        Data(
            base64Encoded:
                "MIIB/TCCAaOgAwIBAgIUAJJ8/nXULJfFm4nC2EplepxWzAwwCgYIKoZIzj0EAwIwZzE5MDcGA1UECwwwMjYzNjMyNjE3OTQ1Mjg0NDU2ODEzMzkzNzQyNjg1OTE0NDE0MTkyMjM5OTMzMTA0MSowKAYDVQQDDCF4NTA5LWxpbWJvLWludGVybWVkaWF0ZS1wYXRobGVuLTAwIBcNNzAwMTAxMDAwMDAxWhgPMjk2OTA1MDMwMDAwMDFaMBYxFDASBgNVBAMMC2V4YW1wbGUuY29tMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEsknhO2Iko/1Wxj7ajV4N6YaIVtHsT1bvNnqT7abqsnQSXMuXda8siblNt79nq60d7xQF3+v079MnmMlP8MCD8qN8MHowHQYDVR0OBBYEFG82bt+8rxwRGr5rqB+Of72vkrxsMB8GA1UdIwQYMBaAFGVau9mvpScpSLzKKMOCRxlRRmKBMAsGA1UdDwQEAwIHgDATBgNVHSUEDDAKBggrBgEFBQcDATAWBgNVHREEDzANggtleGFtcGxlLmNvbTAKBggqhkjOPQQDAgNIADBFAiEA7WyEZbYunnd/nu8Qkz39y4cv9EN1RwNQOXPhlox+jEQCIGgh6yuZni4oiEj0EthSr2BwYG9OZ2HWImNpDu6hoO4L"
        )!
    )
    Benchmark("X.509 parse (typical leaf)") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(try Certificate(derEncoded: leafDER))
        }
    }

    Benchmark("SM2 sign (Z + SM3 of 20 bytes)") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(try sm2Key.signature(for: message))
        }
    }
    Benchmark("SM2 sign (e given)") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(try sm2Key.signature(forDigest: digest))
        }
    }
    Benchmark("SM2 verify (e given)") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(sm2Key.publicKey.isValidSignature(sm2Signature, forDigest: digest))
        }
    }
    Benchmark("SM2 encrypt 32 bytes") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(try sm2Key.publicKey.encrypt(digest))
        }
    }

    for size in [64, 1024, 16384] {
        let data = [UInt8](repeating: 0x5A, count: size)
        Benchmark("SM3 \(size) B", configuration: .init(scalingFactor: .kilo)) { benchmark in
            for _ in benchmark.scaledIterations {
                blackHole(SM3.hash(data))
            }
        }
    }

    // swift-format-ignore: NeverUseForceTry
    let p256 = try! PrivateKey.generate(.p256)
    // swift-format-ignore: NeverUseForceTry
    let p256Signature = try! p256.signature(for: message)
    let p256Public = p256.publicKey
    Benchmark("ECDSA P-256 verify") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(p256Public.isValidSignature(p256Signature, for: message))
        }
    }

    let spki = sm2Key.publicKey.derRepresentation
    Benchmark("SM2 SubjectPublicKeyInfo parse") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(try SM2PublicKey(derRepresentation: spki))
        }
    }
}
