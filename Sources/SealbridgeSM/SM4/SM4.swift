/// The SM4 block cipher (GB/T 32907-2016; ISO/IEC 18033-3:2010/Amd 1:2021): 128-bit blocks, a 128-bit key.
///
/// A value holds the round keys expanded from one key; make it once and reuse it for many messages. The modes are
/// in ``SM4/CBC``, ``SM4/CTR``, ``SM4/GCM`` and ``SM4/CCM``; ``encrypt(_:)`` and ``decrypt(_:)`` are the raw block
/// cipher on whole blocks (ECB), for building other modes and for timing-leak checks.
///
/// - Important: Constant-time in the key, the plaintext and the ciphertext; only lengths are public. The S-box is
///   a boolean circuit (no table is indexed by data, see `SM4SBoxCircuit`), evaluated on the four bytes of a word
///   at once for one or two blocks, and bitsliced across 64 or 128 blocks for longer inputs (see `SM4Bitsliced`).
///   The key schedule uses the same circuit.
public struct SM4: Sendable {
    /// The block size in bytes: 16.
    public static let blockSize = 16
    /// The key size in bytes: 16.
    public static let keySize = 16

    /// The round keys, in one heap object that wipes them when the last copy of this value goes away.
    // @unchecked: written only in init, wiped in deinit when no other reference exists.
    final class RoundKeys: @unchecked Sendable {
        var encryption: [UInt32]
        var decryption: [UInt32]

        init(encryption: [UInt32], decryption: [UInt32]) {
            self.encryption = encryption
            self.decryption = decryption
        }

        deinit {
            encryption.withUnsafeMutableBytes { wipe($0) }
            decryption.withUnsafeMutableBytes { wipe($0) }
        }
    }

    private let roundKeys: RoundKeys

    /// The 32 encryption round keys in round order, with the S-box constants folded in (see `foldConstants`).
    var encryptionKeys: [UInt32] { roundKeys.encryption }
    /// The 32 decryption round keys (the encryption keys reversed), with the S-box constants folded in.
    var decryptionKeys: [UInt32] { roundKeys.decryption }

    /// Expands `key` into round keys.
    ///
    /// - Parameter key: The 16-byte key.
    /// - Throws: `SMError.invalidParameter` when `key` is not 16 bytes long.
    public init(key: [UInt8]) throws {
        guard key.count == SM4.keySize else {
            throw SMError.invalidParameter(reason: "SM4 needs a 16-byte key, got \(key.count) bytes")
        }
        var roundKeys = key.withUnsafeBytes { SM4.expandKey($0) }
        self.roundKeys = RoundKeys(
            encryption: SM4.foldConstants(roundKeys),
            decryption: SM4.foldConstants(roundKeys.reversed())
        )
        roundKeys.withUnsafeMutableBytes { wipe($0) }
    }

    /// Encrypts whole 16-byte blocks, each on its own (ECB).
    ///
    /// - Important: Constant-time in the key and the bytes; their count is public.
    /// - Parameter blocks: One or more 16-byte blocks, back to back; empty gives empty.
    /// - Returns: The ciphertext blocks, as many bytes as `blocks`.
    /// - Throws: `SMError.invalidParameter` when the length is not a multiple of 16.
    public func encrypt(_ blocks: [UInt8]) throws -> [UInt8] {
        var output = blocks
        try output.withUnsafeMutableBytes { try encrypt(inPlace: $0) }
        return output
    }

    /// Decrypts whole 16-byte blocks, each on its own (ECB).
    ///
    /// - Important: Constant-time in the key and the bytes; their count is public.
    /// - Parameter blocks: One or more 16-byte blocks, back to back; empty gives empty.
    /// - Returns: The plaintext blocks, as many bytes as `blocks`.
    /// - Throws: `SMError.invalidParameter` when the length is not a multiple of 16.
    public func decrypt(_ blocks: [UInt8]) throws -> [UInt8] {
        var output = blocks
        try output.withUnsafeMutableBytes { try decrypt(inPlace: $0) }
        return output
    }

    /// Encrypts whole 16-byte blocks in place, each on its own (ECB): the raw block cipher, for timing checks too.
    ///
    /// - Important: Constant-time in the key and the bytes; their count is public.
    /// - Parameter buffer: One or more 16-byte blocks, back to back, overwritten with their encryption.
    /// - Throws: `SMError.invalidParameter` when the length is not a multiple of 16.
    public func encrypt(inPlace buffer: UnsafeMutableRawBufferPointer) throws {
        try SM4.checkWholeBlocks(buffer.count)
        SM4.crypt(buffer, keys: encryptionKeys)
    }

    /// Decrypts whole 16-byte blocks in place, each on its own (ECB).
    ///
    /// - Important: Constant-time in the key and the bytes; their count is public.
    /// - Parameter buffer: One or more 16-byte blocks, back to back, overwritten with their decryption.
    /// - Throws: `SMError.invalidParameter` when the length is not a multiple of 16.
    public func decrypt(inPlace buffer: UnsafeMutableRawBufferPointer) throws {
        try SM4.checkWholeBlocks(buffer.count)
        SM4.crypt(buffer, keys: decryptionKeys)
    }

    static func checkWholeBlocks(_ count: Int) throws(SMError) {
        guard count % SM4.blockSize == 0 else {
            throw SMError.invalidParameter(
                reason: "SM4 works on whole 16-byte blocks, got \(count) bytes; pad the data or use CTR, GCM or CCM"
            )
        }
    }
}

// MARK: - Key schedule

extension SM4 {
    /// FK, the system parameter XORed into the key (GB/T 32907-2016 §7.3).
    static let systemParameter: (UInt32, UInt32, UInt32, UInt32) = (
        0xA3B1_BAC6, 0x56AA_3350, 0x677D_9197, 0xB270_22DC
    )

    /// CK_i, the fixed parameter of round `i`: byte j is (4i + j)·7 mod 256 (GB/T 32907-2016 §7.3).
    @inline(__always)
    static func fixedParameter(_ round: Int) -> UInt32 {
        var value: UInt32 = 0
        for j in 0..<4 {
            value = value &<< 8 | UInt32(UInt8(truncatingIfNeeded: (4 &* round &+ j) &* 7))
        }
        return value
    }

    /// The 32 round keys of `key` (16 bytes), in encryption order; constant-time.
    static func expandKey(_ key: UnsafeRawBufferPointer) -> [UInt32] {
        var k0 = loadWord(key, 0) ^ systemParameter.0
        var k1 = loadWord(key, 4) ^ systemParameter.1
        var k2 = loadWord(key, 8) ^ systemParameter.2
        var k3 = loadWord(key, 12) ^ systemParameter.3
        var roundKeys = [UInt32](repeating: 0, count: 32)
        for round in 0..<32 {
            let b = substitute(k1 ^ k2 ^ k3 ^ fixedParameter(round))
            let next = k0 ^ b ^ rotateLeft(b, 13) ^ rotateLeft(b, 23)
            roundKeys[round] = next
            (k0, k1, k2, k3) = (k1, k2, k3, next)
        }
        return roundKeys
    }

    /// Folds the S-box constants into round keys given in processing order, so that rounds run the constant-free
    /// circuit S″ (see `SM4SBoxCircuit`).
    ///
    /// Round `j` computes X_{j+4} = X_j ⊕ L(S(X_{j+1} ⊕ X_{j+2} ⊕ X_{j+3} ⊕ rk_j)), with S(t) = S″(t ⊕ c′) ⊕ C
    /// bytewise. Dropping the output constant leaves each computed word off by κ_i = L(CCCC) when ⌊i/4⌋ is odd and
    /// by 0 otherwise (κ_{i+4} = κ_i ⊕ L(CCCC)), so X_32…X_35 come out exact. Folding c′ and the offsets of the
    /// three words that feed round `j` into rk_j makes the S-box input exact.
    static func foldConstants<Keys: Collection<UInt32>>(_ keys: Keys) -> [UInt32] {
        let inputConstant = UInt32(SM4SBoxCircuit.inputConstant) &* 0x0101_0101
        let outputOffset = linear(UInt32(SM4SBoxCircuit.outputConstant) &* 0x0101_0101)
        func offset(_ word: Int) -> UInt32 { (word / 4) % 2 == 1 ? outputOffset : 0 }
        var folded: [UInt32] = []
        folded.reserveCapacity(32)
        for (round, key) in keys.enumerated() {
            folded.append(key ^ inputConstant ^ offset(round + 1) ^ offset(round + 2) ^ offset(round + 3))
        }
        return folded
    }
}

// MARK: - One or two blocks at a time

extension SM4 {
    @inline(__always)
    static func rotateLeft(_ value: UInt32, _ count: UInt32) -> UInt32 {
        value &<< count | value &>> (32 &- count)
    }

    /// L, the linear transformation of the round function.
    @inline(__always)
    static func linear(_ b: UInt32) -> UInt32 {
        b ^ rotateLeft(b, 2) ^ rotateLeft(b, 10) ^ rotateLeft(b, 18) ^ rotateLeft(b, 24)
    }

    /// S″ on each of the eight bytes of `word`, through the circuit on planes `word >> i`; constant-time.
    @inline(__always)
    static func substituteBytes(_ word: UInt64) -> UInt64 {
        let y = SM4SBoxCircuit.apply(
            word,
            word &>> 1,
            word &>> 2,
            word &>> 3,
            word &>> 4,
            word &>> 5,
            word &>> 6,
            word &>> 7
        )
        let lanes: UInt64 = 0x0101_0101_0101_0101
        let low = (y.y0 & lanes) | (y.y1 & lanes) &<< 1 | (y.y2 & lanes) &<< 2 | (y.y3 & lanes) &<< 3
        let high = (y.y4 & lanes) &<< 4 | (y.y5 & lanes) &<< 5 | (y.y6 & lanes) &<< 6 | (y.y7 & lanes) &<< 7
        return low | high
    }

    /// τ: SM4's S-box on each byte of `word`, constants included; constant-time.
    @inline(__always)
    static func substitute(_ word: UInt32) -> UInt32 {
        let inputConstant = UInt32(SM4SBoxCircuit.inputConstant) &* 0x0101_0101
        let outputConstant = UInt32(SM4SBoxCircuit.outputConstant) &* 0x0101_0101
        let substituted = substituteBytes(UInt64(word ^ inputConstant))
        return UInt32(truncatingIfNeeded: substituted) ^ outputConstant
    }

    @inline(__always)
    static func loadWord(_ bytes: UnsafeRawBufferPointer, _ offset: Int) -> UInt32 {
        UInt32(bigEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt32.self))
    }

    @inline(__always)
    static func loadWord(_ bytes: UnsafeRawPointer, _ offset: Int) -> UInt32 {
        UInt32(bigEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt32.self))
    }

    @inline(__always)
    static func storeWord(_ word: UInt32, _ bytes: UnsafeMutableRawPointer, _ offset: Int) {
        bytes.storeBytes(of: word.bigEndian, toByteOffset: offset, as: UInt32.self)
    }

    /// Four words of a block.
    typealias Block = (UInt32, UInt32, UInt32, UInt32)

    @inline(__always)
    static func loadBlock(_ bytes: UnsafeRawPointer) -> Block {
        (loadWord(bytes, 0), loadWord(bytes, 4), loadWord(bytes, 8), loadWord(bytes, 12))
    }

    @inline(__always)
    static func loadBlock(_ bytes: UnsafeRawBufferPointer, _ offset: Int = 0) -> Block {
        (
            loadWord(bytes, offset), loadWord(bytes, offset + 4), loadWord(bytes, offset + 8),
            loadWord(bytes, offset + 12)
        )
    }

    @inline(__always)
    static func storeBlock(_ block: Block, _ bytes: UnsafeMutableRawPointer) {
        storeWord(block.0, bytes, 0)
        storeWord(block.1, bytes, 4)
        storeWord(block.2, bytes, 8)
        storeWord(block.3, bytes, 12)
    }

    /// The 32 rounds and the final reversal on one block, with folded `keys`; constant-time.
    static func cryptBlock(_ block: Block, keys: UnsafeBufferPointer<UInt32>) -> Block {
        var (x0, x1, x2, x3) = block
        for round in 0..<32 {
            let t = x1 ^ x2 ^ x3 ^ keys[round]
            let next = x0 ^ linear(UInt32(truncatingIfNeeded: substituteBytes(UInt64(t))))
            (x0, x1, x2, x3) = (x1, x2, x3, next)
        }
        return (x3, x2, x1, x0)
    }

    /// `cryptBlock` on two independent blocks at once: the circuit runs on both blocks' bytes in one word.
    static func cryptBlocks(_ a: Block, _ b: Block, keys: UnsafeBufferPointer<UInt32>) -> (Block, Block) {
        var (a0, a1, a2, a3) = a
        var (b0, b1, b2, b3) = b
        for round in 0..<32 {
            let key = keys[round]
            let t = UInt64(a1 ^ a2 ^ a3 ^ key) &<< 32 | UInt64(b1 ^ b2 ^ b3 ^ key)
            let s = substituteBytes(t)
            let nextA = a0 ^ linear(UInt32(truncatingIfNeeded: s &>> 32))
            let nextB = b0 ^ linear(UInt32(truncatingIfNeeded: s))
            (a0, a1, a2, a3) = (a1, a2, a3, nextA)
            (b0, b1, b2, b3) = (b1, b2, b3, nextB)
        }
        return ((a3, a2, a1, a0), (b3, b2, b1, b0))
    }

    /// Runs the cipher in place on the first blocks at `base` in bitsliced batches, while at least
    /// `SM4Batches.minimumBlocks` remain; returns how many blocks it did.
    static func cryptBatches<Lane: SM4BitslicedLane>(
        _ lane: Lane.Type,
        _ base: UnsafeMutableRawPointer,
        _ blockCount: Int,
        keys: [UInt32]
    ) -> Int {
        typealias Engine = SM4Bitsliced<Lane>
        var done = 0
        Engine.withWorkspace(roundKeys: keys) { workspace in
            while blockCount - done >= SM4Batches.minimumBlocks {
                let count = min(blockCount - done, Engine.batchSize)
                let start = base + done * blockSize
                for index in 0..<Engine.batchSize {
                    // Rows past `count` are filled with the last block; their output is dropped.
                    let source = start + min(index, count - 1) * blockSize
                    let high = UInt64(bigEndian: source.loadUnaligned(as: UInt64.self))
                    let low = UInt64(bigEndian: source.loadUnaligned(fromByteOffset: 8, as: UInt64.self))
                    Engine.setBlock(workspace, index, high: high, low: low)
                }
                Engine.run(workspace)
                for index in 0..<count {
                    let (high, low) = Engine.block(workspace, index)
                    let target = start + index * blockSize
                    target.storeBytes(of: high.bigEndian, as: UInt64.self)
                    target.storeBytes(of: low.bigEndian, toByteOffset: 8, as: UInt64.self)
                }
                done += count
            }
        }
        return done
    }

    /// Runs the cipher in place on whole blocks: bitsliced batches for long runs, pairs for the rest.
    static func crypt(_ buffer: UnsafeMutableRawBufferPointer, keys: [UInt32]) {
        guard let base = buffer.baseAddress else { return }
        let blockCount = buffer.count / blockSize
        var done = 0
        if blockCount > SM4Batches.wideBatchThreshold {
            done = cryptBatches(SIMD2<UInt64>.self, base, blockCount, keys: keys)
        } else if blockCount >= SM4Batches.minimumBlocks {
            done = cryptBatches(UInt64.self, base, blockCount, keys: keys)
        }
        keys.withUnsafeBufferPointer { keys in
            while blockCount - done >= 2 {
                let first = base + done * blockSize
                let second = first + blockSize
                let (a, b) = cryptBlocks(loadBlock(first), loadBlock(second), keys: keys)
                storeBlock(a, first)
                storeBlock(b, second)
                done += 2
            }
            if done < blockCount {
                let block = base + done * blockSize
                storeBlock(cryptBlock(loadBlock(block), keys: keys), block)
            }
        }
    }
}
