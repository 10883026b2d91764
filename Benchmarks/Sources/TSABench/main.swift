import Foundation
import SealbridgeCMS
import SealbridgeCrypto
import SealbridgeX509

// Issues RFC 3161 tokens in-process on one thread for a few seconds and prints tokens per second; every token is
// parsed back once at the end and its serial checked unique. Usage: TSABench KEY CERT [SECONDS]
// (scripts/bench-cms-vs-openssl makes the P-256 and SM2 TSA certificates and runs this).

func load(_ path: String) throws -> [UInt8] { Array(try Data(contentsOf: URL(fileURLWithPath: path))) }

let arguments = CommandLine.arguments
guard arguments.count >= 3 else {
    FileHandle.standardError.write(Data("usage: TSABench KEY CERT [SECONDS]\n".utf8))
    exit(64)
}
let seconds = arguments.count > 3 ? Double(arguments[3]) ?? 3 : 3
do {
    let key = try PrivateKey(pemOrDER: try load(arguments[1]))
    guard let certificate = try Certificate.readAll(from: try load(arguments[2])).first else {
        throw CMSError(code: .invalidValue, reason: "no certificate in \(arguments[2])")
    }
    let authority = try TimeStampAuthority(
        key: key,
        certificate: certificate,
        policy: [1, 2, 3, 4, 1],
        serialStore: InMemorySerialNumberStore()
    )
    let hash: HashFunction = key.algorithm == .sm2 ? .sm3 : .sha256
    var requests: [TimeStampRequest] = []
    for index in 0..<1_024 {
        let imprint = MessageImprint(hashing: Array("document \(index)".utf8), with: hash)
        requests.append(TimeStampRequest(messageImprint: imprint, certificateRequested: true))
    }
    var tokens: [[UInt8]] = []
    tokens.reserveCapacity(200_000)
    let start = DispatchTime.now().uptimeNanoseconds
    var elapsed: UInt64 = 0
    while Double(elapsed) < seconds * 1e9 {
        for request in requests.prefix(64) {
            tokens.append(try authority.issue(for: request))
        }
        requests.append(requests.removeFirst())
        elapsed = DispatchTime.now().uptimeNanoseconds - start
    }
    let rate = Double(tokens.count) / (Double(elapsed) / 1e9)
    var serials = Set<[UInt8]>()
    for token in tokens {
        serials.insert(try TimeStampToken(derEncoded: token).info.serialNumber)
    }
    guard serials.count == tokens.count else {
        throw CMSError(code: .invalidValue, reason: "\(tokens.count - serials.count) duplicate serials")
    }
    print(
        "\(key.algorithm) TSA: \(tokens.count) tokens in \(String(format: "%.2f", Double(elapsed) / 1e9)) s = "
            + "\(Int(rate)) tokens/s, every serial unique"
    )
} catch {
    FileHandle.standardError.write(Data("TSABench: \(error)\n".utf8))
    exit(1)
}
