@testable import SealbridgeSM

/// Plain, slow versions of the modes over `ReferenceSM4`, written straight from the standards, for tests only.
enum SM4ReferenceModes {
    static func xor(_ a: [UInt8], _ b: [UInt8]) -> [UInt8] { zip(a, b).map { $0 ^ $1 } }

    /// The 16-byte block `block` plus `count` (mod 2^128) or, with `wraps32`, plus `count` in the last 4 bytes only.
    static func add(_ block: [UInt8], _ count: UInt64, wraps32: Bool = false) -> [UInt8] {
        var out = block
        var carry = count
        for index in stride(from: 15, through: wraps32 ? 12 : 0, by: -1) {
            let sum = UInt64(out[index]) + (carry & 0xFF)
            out[index] = UInt8(sum & 0xFF)
            carry = (carry >> 8) + (sum >> 8)
        }
        return out
    }

    static func ctr(_ data: [UInt8], key: [UInt8], iv: [UInt8], wraps32: Bool = false) -> [UInt8] {
        var out: [UInt8] = []
        for (blockIndex, start) in stride(from: 0, to: data.count, by: 16).enumerated() {
            let keystream = ReferenceSM4.encrypt(add(iv, UInt64(blockIndex), wraps32: wraps32), key: key)
            out += xor(Array(data[start..<min(start + 16, data.count)]), keystream)
        }
        return out
    }

    static func cbcEncrypt(_ plaintext: [UInt8], key: [UInt8], iv: [UInt8]) -> [UInt8] {
        let padding = 16 - plaintext.count % 16
        let padded = plaintext + [UInt8](repeating: UInt8(padding), count: padding)
        var chain = iv
        var out: [UInt8] = []
        for start in stride(from: 0, to: padded.count, by: 16) {
            chain = ReferenceSM4.encrypt(xor(Array(padded[start..<start + 16]), chain), key: key)
            out += chain
        }
        return out
    }

    /// X · Y in GF(2^128) with GCM's bit order (SP 800-38D §6.3, Algorithm 1), bit by bit.
    static func gfMultiply(_ x: [UInt8], _ y: [UInt8]) -> [UInt8] {
        var z = [UInt8](repeating: 0, count: 16)
        var v = y
        for bit in 0..<128 {
            if (x[bit / 8] >> (7 - UInt8(bit % 8))) & 1 == 1 {
                z = xor(z, v)
            }
            let lsb = v[15] & 1
            for index in stride(from: 15, to: 0, by: -1) {
                v[index] = v[index] >> 1 | v[index - 1] << 7
            }
            v[0] >>= 1
            if lsb == 1 {
                v[0] ^= 0xE1
            }
        }
        return z
    }

    static func ghash(_ h: [UInt8], _ data: [UInt8]) -> [UInt8] {
        var y = [UInt8](repeating: 0, count: 16)
        for start in stride(from: 0, to: data.count, by: 16) {
            var block = Array(data[start..<min(start + 16, data.count)])
            block += [UInt8](repeating: 0, count: 16 - block.count)
            y = gfMultiply(xor(y, block), h)
        }
        return y
    }

    static func lengthBlock(_ a: Int, _ b: Int) -> [UInt8] {
        (0..<8).map { UInt8((UInt64(a) * 8) >> (56 - 8 * UInt64($0)) & 0xFF) }
            + (0..<8).map { UInt8((UInt64(b) * 8) >> (56 - 8 * UInt64($0)) & 0xFF) }
    }

    static func padded(_ bytes: [UInt8]) -> [UInt8] {
        bytes + [UInt8](repeating: 0, count: (16 - bytes.count % 16) % 16)
    }

    static func gcmSeal(
        _ plaintext: [UInt8],
        key: [UInt8],
        iv: [UInt8],
        aad: [UInt8]
    ) -> (ciphertext: [UInt8], tag: [UInt8]) {
        let h = ReferenceSM4.encrypt([UInt8](repeating: 0, count: 16), key: key)
        let j0 =
            iv.count == 12
            ? iv + [0, 0, 0, 1]
            : ghash(h, padded(iv) + lengthBlock(0, iv.count))
        let ciphertext = ctr(plaintext, key: key, iv: add(j0, 1, wraps32: true), wraps32: true)
        let s = ghash(h, padded(aad) + padded(ciphertext) + lengthBlock(aad.count, ciphertext.count))
        return (ciphertext, xor(s, ReferenceSM4.encrypt(j0, key: key)))
    }

    static func ccmSeal(
        _ plaintext: [UInt8],
        key: [UInt8],
        nonce: [UInt8],
        aad: [UInt8],
        tagLength: Int
    ) -> (ciphertext: [UInt8], tag: [UInt8]) {
        let q = 15 - nonce.count
        var b0 = [UInt8((aad.isEmpty ? 0 : 64) + 8 * ((tagLength - 2) / 2) + (q - 1))] + nonce
        b0 += (0..<q).map { index in
            let shift = 8 * (q - 1 - index)
            return shift >= 64 ? 0 : UInt8((UInt64(plaintext.count) >> UInt64(shift)) & 0xFF)
        }
        var header: [UInt8] = []
        if !aad.isEmpty {
            if aad.count < 0xFF00 {
                header = [UInt8(aad.count >> 8), UInt8(aad.count & 0xFF)]
            } else {
                header = [0xFF, 0xFE] + (0..<4).map { UInt8((aad.count >> (24 - 8 * $0)) & 0xFF) }
            }
            header = padded(header + aad)
        }
        let blocks = b0 + header + padded(plaintext)
        var chain = [UInt8](repeating: 0, count: 16)
        for start in stride(from: 0, to: blocks.count, by: 16) {
            chain = ReferenceSM4.encrypt(xor(chain, Array(blocks[start..<start + 16])), key: key)
        }
        let a0 = [UInt8(q - 1)] + nonce + [UInt8](repeating: 0, count: q)
        let ciphertext = ctr(plaintext, key: key, iv: add(a0, 1))
        let tag = xor(Array(chain.prefix(tagLength)), ReferenceSM4.encrypt(a0, key: key))
        return (ciphertext, tag)
    }
}
