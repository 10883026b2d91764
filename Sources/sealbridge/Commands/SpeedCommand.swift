import ArgumentParser
import Foundation
import SealbridgeCrypto
import SealbridgeSM

/// `sealbridge speed`: single-thread throughput, in the spirit of `openssl speed`.
struct SpeedCommand: ParsableCommand {
    static let configuration = CommandConfiguration.leaf(
        commandName: "speed",
        parent: "sealbridge",
        abstract:
            "Measure single-thread speed: SM2 sign/verify per second, SM3/SM4 MB/s, and the international algorithms.",
        discussion: """
            Algorithms: sm2, sm3, sm4, ecdsap256, ecdsap384, ed25519, rsa2048 (default: all). \
            'sm2 sign' includes the Z value and SM3 of a 20-byte message, as `openssl speed sm2` does; \
            'sm2 sign (e given)' signs a precomputed digest. Build with -c release for meaningful figures.
            """
    )

    @Argument(help: "Algorithms to measure (default: all).")
    var algorithms: [SpeedAlgorithm] = []

    @Option(help: "Seconds per measurement.")
    var seconds: Double = 1.0

    @Flag(help: "Print JSON instead of a table.")
    var json = false

    func validate() throws {
        guard seconds > 0, seconds <= 60 else { throw ValidationError("--seconds is between 0 and 60") }
    }

    mutating func run() throws {
        let selected = algorithms.isEmpty ? SpeedAlgorithm.allCases : algorithms
        var results: [SpeedResult] = []
        let meter = SpeedMeter(seconds: seconds)
        for name in selected {
            try results.append(contentsOf: SpeedSuites.run(name, meter: meter))
        }
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            let report = SpeedReport(
                tool: "sealbridge \(SealbridgeVersion.current)",
                seconds: seconds,
                results: results
            )
            print(String(decoding: try encoder.encode(report), as: UTF8.self))
        } else {
            for result in results {
                let value =
                    result.unit == "ops/s"
                    ? String(format: "%12.1f", result.value) : String(format: "%12.2f", result.value)
                let size = result.bytes.map { "\($0) B" } ?? ""
                print(
                    "\(result.name.padding(toLength: 28, withPad: " ", startingAt: 0)) \(size.padding(toLength: 9, withPad: " ", startingAt: 0)) \(value) \(result.unit)"
                )
            }
        }
    }
}

/// One measurement.
struct SpeedResult: Codable {
    let name: String
    let bytes: Int?
    let value: Double
    let unit: String
}

/// The JSON report.
struct SpeedReport: Codable {
    let tool: String
    let seconds: Double
    let results: [SpeedResult]
}

/// Runs a closure repeatedly for a time budget.
struct SpeedMeter {
    let seconds: Double

    /// Operations per second of `body` (each call does `batch` operations).
    func rate(batch: Int = 1, _ body: () throws -> Void) rethrows -> Double {
        try body()  // warm up (tables, caches)
        let clock = ContinuousClock()
        let start = clock.now
        var operations = 0
        var elapsed = 0.0
        repeat {
            for _ in 0..<16 {
                try body()
            }
            operations += 16 * batch
            let duration = clock.now - start
            elapsed = Double(duration.components.seconds) + Double(duration.components.attoseconds) * 1e-18
        } while elapsed < seconds
        return Double(operations) / elapsed
    }
}

/// Keeps results alive so the optimiser cannot drop the work.
@inline(never)
func blackHole<T>(_ value: T) {
    withExtendedLifetime(value) {}
}

/// The measurements per algorithm.
enum SpeedSuites {
    static let sizes = [16, 64, 1024, 16384]

    static func run(_ algorithm: SpeedAlgorithm, meter: SpeedMeter) throws -> [SpeedResult] {
        switch algorithm {
        case .sm2: return try sm2(meter)
        case .sm3: return sm3(meter)
        case .sm4: return try sm4(meter)
        case .ecdsaP256: return try signature(meter, name: "ecdsa p256", key: PrivateKey.generate(.p256))
        case .ecdsaP384: return try signature(meter, name: "ecdsa p384", key: PrivateKey.generate(.p384))
        case .ed25519: return try signature(meter, name: "ed25519", key: PrivateKey.generate(.ed25519))
        case .rsa2048: return try signature(meter, name: "rsa2048", key: PrivateKey.generate(.rsa, rsaBitCount: 2048))
        }
    }

    static func sm2(_ meter: SpeedMeter) throws -> [SpeedResult] {
        let key = SM2PrivateKey()
        let message = [UInt8](repeating: 0x61, count: 20)
        let digest = try key.publicKey.digest(for: message)
        let signature = try key.signature(forDigest: digest)
        return [
            SpeedResult(
                name: "sm2 sign",
                bytes: nil,
                value: try meter.rate { blackHole(try key.signature(for: message)) },
                unit: "ops/s"
            ),
            SpeedResult(
                name: "sm2 verify",
                bytes: nil,
                value: meter.rate { blackHole(key.publicKey.isValidSignature(signature, for: message)) },
                unit: "ops/s"
            ),
            SpeedResult(
                name: "sm2 sign (e given)",
                bytes: nil,
                value: try meter.rate { blackHole(try key.signature(forDigest: digest)) },
                unit: "ops/s"
            ),
            SpeedResult(
                name: "sm2 verify (e given)",
                bytes: nil,
                value: meter.rate { blackHole(key.publicKey.isValidSignature(signature, forDigest: digest)) },
                unit: "ops/s"
            ),
        ]
    }

    static func sm3(_ meter: SpeedMeter) -> [SpeedResult] {
        sizes.map { size in
            let data = [UInt8](repeating: 0x5A, count: size)
            let rate = data.withUnsafeBytes { buffer in meter.rate { blackHole(SM3.hash(buffer)) } }
            return SpeedResult(name: "sm3", bytes: size, value: rate * Double(size) / 1e6, unit: "MB/s")
        }
    }

    static func sm4(_ meter: SpeedMeter) throws -> [SpeedResult] {
        let key = [UInt8](repeating: 0x11, count: 16)
        let cipher = try SM4(key: key)
        let iv = [UInt8](repeating: 0x22, count: 16)
        let nonce = [UInt8](repeating: 0x33, count: 12)
        var results: [SpeedResult] = []
        for size in sizes {
            let data = [UInt8](repeating: 0x5A, count: size)
            func megabytes(_ rate: Double) -> Double { rate * Double(size) / 1e6 }
            var blocks = data
            let ecb = blocks.withUnsafeMutableBytes { buffer in
                meter.rate { blackHole(try? cipher.encrypt(inPlace: buffer)) }
            }
            results.append(SpeedResult(name: "sm4 ecb", bytes: size, value: megabytes(ecb), unit: "MB/s"))
            let cbc = meter.rate { blackHole(try? SM4.CBC.encrypt(data, using: cipher, iv: iv, noPadding: true)) }
            results.append(SpeedResult(name: "sm4 cbc encrypt", bytes: size, value: megabytes(cbc), unit: "MB/s"))
            let ctr = meter.rate { blackHole(try? SM4.CTR.crypt(data, using: cipher, iv: iv)) }
            results.append(SpeedResult(name: "sm4 ctr", bytes: size, value: megabytes(ctr), unit: "MB/s"))
            let gcm = meter.rate { blackHole(try? SM4.GCM.seal(data, using: cipher, iv: nonce)) }
            results.append(SpeedResult(name: "sm4 gcm", bytes: size, value: megabytes(gcm), unit: "MB/s"))
        }
        return results
    }

    static func signature(_ meter: SpeedMeter, name: String, key: PrivateKey) throws -> [SpeedResult] {
        let message = [UInt8](repeating: 0x61, count: 20)
        let signature = try key.signature(for: message)
        let publicKey = key.publicKey
        return [
            SpeedResult(
                name: "\(name) sign",
                bytes: nil,
                value: try meter.rate { blackHole(try key.signature(for: message)) },
                unit: "ops/s"
            ),
            SpeedResult(
                name: "\(name) verify",
                bytes: nil,
                value: meter.rate { blackHole(publicKey.isValidSignature(signature, for: message)) },
                unit: "ops/s"
            ),
        ]
    }
}
