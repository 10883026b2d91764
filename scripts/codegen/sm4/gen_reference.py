import sys
sys.path.insert(0, 'tools')
from sm4_field import SBOX
rows = []
for i in range(0, 256, 16):
    rows.append("        " + ", ".join(f"0x{v:02X}" for v in SBOX[i:i + 16]) + ",")
table = "\n".join(rows)
src = '''@testable import SealbridgeSM

/// A plain table-driven SM4 (GB/T 32907-2016), for tests only: it indexes the S-box by data, which the library
/// must never do, and serves to check the constant-time circuit and bitsliced paths.
enum ReferenceSM4 {
    static let sbox: [UInt8] = [
TABLE
    ]

    static func rotateLeft(_ x: UInt32, _ n: UInt32) -> UInt32 { x << n | x >> (32 - n) }

    static func tau(_ x: UInt32) -> UInt32 {
        var out: UInt32 = 0
        for shift in stride(from: 24, through: 0, by: -8) {
            out |= UInt32(sbox[Int((x >> UInt32(shift)) & 0xFF)]) << UInt32(shift)
        }
        return out
    }

    static func roundKeys(_ key: [UInt8]) -> [UInt32] {
        let fk: [UInt32] = [0xA3B1_BAC6, 0x56AA_3350, 0x677D_9197, 0xB270_22DC]
        var k = (0..<4).map { i in word(key, 4 * i) ^ fk[i] }
        var rk: [UInt32] = []
        for i in 0..<32 {
            var ck: UInt32 = 0
            for j in 0..<4 { ck = ck << 8 | UInt32(((4 * i + j) * 7) % 256) }
            let b = tau(k[i + 1] ^ k[i + 2] ^ k[i + 3] ^ ck)
            k.append(k[i] ^ b ^ rotateLeft(b, 13) ^ rotateLeft(b, 23))
            rk.append(k[i + 4])
        }
        return rk
    }

    static func word(_ bytes: [UInt8], _ offset: Int) -> UInt32 {
        UInt32(bytes[offset]) << 24 | UInt32(bytes[offset + 1]) << 16 | UInt32(bytes[offset + 2]) << 8
            | UInt32(bytes[offset + 3])
    }

    static func crypt(_ block: [UInt8], roundKeys: [UInt32]) -> [UInt8] {
        var x = (0..<4).map { i in word(block, 4 * i) }
        for i in 0..<32 {
            let b = tau(x[i + 1] ^ x[i + 2] ^ x[i + 3] ^ roundKeys[i])
            x.append(x[i] ^ b ^ rotateLeft(b, 2) ^ rotateLeft(b, 10) ^ rotateLeft(b, 18) ^ rotateLeft(b, 24))
        }
        var out: [UInt8] = []
        for word in [x[35], x[34], x[33], x[32]] {
            out += [UInt8(word >> 24), UInt8((word >> 16) & 0xFF), UInt8((word >> 8) & 0xFF), UInt8(word & 0xFF)]
        }
        return out
    }

    static func encrypt(_ block: [UInt8], key: [UInt8]) -> [UInt8] { crypt(block, roundKeys: roundKeys(key)) }

    static func decrypt(_ block: [UInt8], key: [UInt8]) -> [UInt8] {
        crypt(block, roundKeys: roundKeys(key).reversed())
    }
}
'''.replace("TABLE", table)
open('Tests/SealbridgeSMTests/SM4Reference.swift', 'w').write(src)
