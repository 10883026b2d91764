import CMemcheck
import Glibc
@_spi(ConstantTimeProbes) import SealbridgeSM

/// Checks under valgrind's memcheck that no branch and no memory address depends on a secret (ctgrind, A. Langley
/// 2010): each case marks its secrets (keys, nonces, plaintexts) undefined, runs the operation, marks the results
/// public again, and counts the distinct places memcheck reported ("conditional jump depends on uninitialised
/// value", "use of uninitialised value" in an address). Unlike a timing measurement, this sees the code, not the
/// machine: it cannot be fooled by noise, and it cannot see data-dependent timing inside one instruction.
///
/// Some places are expected: a check whose outcome is public by design (a retry when r = 0, a point at infinity,
/// a decryption accepted or refused). Their source lines carry a `ct-public:` comment (on the line or the line
/// above) saying why; `scripts/secret-flow` runs this tool under memcheck and fails on any other place.
@main
enum SecretFlow {
    struct Case {
        let name: String
        let run: () throws -> Void
    }

    static func secret<T>(_ value: inout T) {
        withUnsafeMutableBytes(of: &value) { sb_mark_secret($0.baseAddress, $0.count) }
    }

    static func secret(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { sb_mark_secret($0.baseAddress, $0.count) }
    }

    static func published(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { sb_mark_public($0.baseAddress, $0.count) }
    }

    static func published<T>(_ value: inout T) {
        withUnsafeMutableBytes(of: &value) { sb_mark_public($0.baseAddress, $0.count) }
    }

    static func main() throws {
        guard sb_under_memcheck() != 0 else {
            print("SecretFlow must run under valgrind's memcheck (scripts/secret-flow); nothing checked")
            exit(2)
        }
        var generator = SystemRandomNumberGenerator()
        func random(_ count: Int) -> [UInt8] { (0..<count).map { _ in UInt8.random(in: 0...255, using: &generator) } }
        let iv = random(16)
        let nonce12 = random(12)
        let cases: [Case] = [
            Case(name: "SM4 key schedule and one block") {
                let key = random(16)
                let block = random(16)
                secret(key)
                secret(block)
                let output = try SM4(key: key).encrypt(block)
                published(output)
            },
            Case(name: "SM4 16 blocks (bitsliced)") {
                let cipher = try SM4(key: random(16))
                let blocks = random(256)
                secret(blocks)
                published(try cipher.encrypt(blocks))
            },
            Case(name: "SM4-CBC encrypt 1,000 bytes") {
                let key = random(16)
                let data = random(1_000)
                secret(key)
                secret(data)
                published(try SM4.CBC.encrypt(data, key: key, iv: iv))
            },
            Case(name: "SM4-CTR 1,000 bytes") {
                let key = random(16)
                let data = random(1_000)
                secret(key)
                secret(data)
                published(try SM4.CTR.crypt(data, key: key, iv: iv))
            },
            Case(name: "SM4-GCM seal 1,000 bytes") {
                let key = random(16)
                let data = random(1_000)
                secret(key)
                secret(data)
                let (ciphertext, tag) = try SM4.GCM.seal(data, key: key, iv: nonce12)
                published(ciphertext)
                published(tag)
            },
            Case(name: "SM2 sign (secret d, (1 + d)^-1, k)") {
                let key = SM2PrivateKey()
                let digest = random(32)
                let nonce = random(32)
                ConstantTimeProbes.markSecrets(of: key) { sb_mark_secret($0.baseAddress, $0.count) }
                secret(nonce)
                var signature = ConstantTimeProbes.sign(key, digest: digest, nonce: nonce)
                published(&signature)
            },
            Case(name: "SM2 decrypt (secret d)") {
                let key = SM2PrivateKey()
                let ciphertext = try key.publicKey.encrypt(random(100))
                ConstantTimeProbes.markSecrets(of: key) { sb_mark_secret($0.baseAddress, $0.count) }
                published(try key.decrypt(ciphertext))
            },
            Case(name: "SM2 over explicit parameters: sign (secret d, k)") {
                let d = random(32)
                let k = random(32)
                secret(d)
                secret(k)
                var signature = d.withUnsafeBytes { dBytes in
                    k.withUnsafeBytes { kBytes in
                        ConstantTimeProbes.sign(
                            on: .recommended,
                            digest: random(32),
                            privateKey: dBytes,
                            nonce: kBytes
                        )
                    }
                }
                published(&signature)
            },
        ]
        for testCase in cases {
            // A first run outside the count initialises lazily built tables and runtime metadata on public data.
            try testCase.run()
            let before = sb_error_count()
            try testCase.run()
            print("\(testCase.name): \(sb_error_count() - before) secret-dependent place(s)")
        }
    }
}
