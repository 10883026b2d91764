extension SM4 {
    /// SM4 in counter mode (NIST SP 800-38A §6.5), with the whole 16-byte IV as a big-endian 128-bit counter
    /// that wraps modulo 2¹²⁸, as OpenSSL's `sm4-ctr` does.
    ///
    /// Encryption and decryption are the same operation. Never reuse an IV with the same key: the keystream
    /// would repeat. CTR does not authenticate; prefer ``SM4/GCM`` or ``SM4/CCM`` unless something else does.
    ///
    /// - Important: Constant-time in the key and the data; lengths, the IV and the block offset are public.
    public enum CTR {
        /// Encrypts or decrypts `data` under a new key schedule for `key`.
        ///
        /// - Parameters:
        ///   - data: Any number of bytes.
        ///   - key: The 16-byte key.
        ///   - iv: The 16-byte initial counter block.
        /// - Returns: `data` XORed with the keystream, as many bytes as `data`.
        /// - Throws: `SMError.invalidParameter` when the key or IV is not 16 bytes long.
        public static func crypt(_ data: [UInt8], key: [UInt8], iv: [UInt8]) throws -> [UInt8] {
            try crypt(data, using: SM4(key: key), iv: iv)
        }

        /// Encrypts or decrypts `data` with an expanded key.
        ///
        /// - Parameters:
        ///   - data: Any number of bytes.
        ///   - cipher: The key schedule.
        ///   - iv: The 16-byte initial counter block.
        /// - Returns: `data` XORed with the keystream, as many bytes as `data`.
        /// - Throws: `SMError.invalidParameter` when the IV is not 16 bytes long.
        public static func crypt(_ data: [UInt8], using cipher: SM4, iv: [UInt8]) throws -> [UInt8] {
            var output = data
            try output.withUnsafeMutableBytes { try crypt($0, using: cipher, iv: iv) }
            return output
        }

        /// Encrypts or decrypts `buffer` in place, starting the keystream `blockOffset` blocks into the stream.
        ///
        /// For a large file handled in pieces, pass each piece with `blockOffset` = its byte offset / 16; every
        /// piece but the last must then be a whole number of blocks.
        ///
        /// - Parameters:
        ///   - buffer: The bytes to overwrite with themselves XORed with the keystream.
        ///   - cipher: The key schedule.
        ///   - iv: The 16-byte initial counter block.
        ///   - blockOffset: How many keystream blocks to skip: the first block uses counter `iv + blockOffset`.
        /// - Throws: `SMError.invalidParameter` when the IV is not 16 bytes long.
        public static func crypt(
            _ buffer: UnsafeMutableRawBufferPointer,
            using cipher: SM4,
            iv: [UInt8],
            blockOffset: UInt64 = 0
        ) throws {
            guard iv.count == SM4.blockSize else {
                throw SMError.invalidParameter(reason: "SM4-CTR needs a 16-byte IV, got \(iv.count) bytes")
            }
            let (high, low) = iv.withUnsafeBytes { iv in
                (
                    UInt64(bigEndian: iv.loadUnaligned(as: UInt64.self)),
                    UInt64(bigEndian: iv.loadUnaligned(fromByteOffset: 8, as: UInt64.self))
                )
            }
            let counter = SM4.Counter(high: high, low: low, wrapsLow32Bits: false).advanced(by: blockOffset)
            SM4.counterMode(buffer, keys: cipher.encryptionKeys, counter: counter)
        }
    }
}

// MARK: - The counter-mode engine (CTR, GCM, CCM)

extension SM4 {
    /// A counter block, and how it steps: the whole 128 bits (CTR, CCM) or only the last 32 (GCM's inc32).
    struct Counter {
        var high: UInt64
        var low: UInt64
        let wrapsLow32Bits: Bool

        /// The counter `count` steps on; counters are public, so the carry may branch.
        @inline(__always)
        func advanced(by count: UInt64) -> Counter {
            if wrapsLow32Bits {
                let word = UInt32(truncatingIfNeeded: low) &+ UInt32(truncatingIfNeeded: count)
                return Counter(
                    high: high,
                    low: low & 0xFFFF_FFFF_0000_0000 | UInt64(word),
                    wrapsLow32Bits: true
                )
            }
            let (sum, carry) = low.addingReportingOverflow(count)
            return Counter(high: carry ? high &+ 1 : high, low: sum, wrapsLow32Bits: false)
        }

        var block: Block {
            (
                UInt32(truncatingIfNeeded: high &>> 32), UInt32(truncatingIfNeeded: high),
                UInt32(truncatingIfNeeded: low &>> 32), UInt32(truncatingIfNeeded: low)
            )
        }
    }

    /// XORs the start of `buffer` with keystream made in bitsliced batches, while at least
    /// `SM4Batches.minimumBlocks` blocks remain; returns how many bytes it did and the next counter.
    static func counterBatches<Lane: SM4BitslicedLane>(
        _ lane: Lane.Type,
        _ buffer: UnsafeMutableRawBufferPointer,
        keys: [UInt32],
        counter: Counter
    ) -> (offset: Int, counter: Counter) {
        typealias Engine = SM4Bitsliced<Lane>
        guard let base = buffer.baseAddress else { return (0, counter) }
        let count = buffer.count
        let threshold = SM4Batches.minimumBlocks * blockSize
        var offset = 0
        var counter = counter
        Engine.withWorkspace(roundKeys: keys) { workspace in
            while count - offset >= threshold {
                let blocks = min(Engine.batchSize, (count - offset + blockSize - 1) / blockSize)
                for index in 0..<Engine.batchSize {
                    let block = counter.advanced(by: UInt64(index))
                    Engine.setBlock(workspace, index, high: block.high, low: block.low)
                }
                Engine.run(workspace)
                let bytes = min(count - offset, blocks * blockSize)
                let target = base + offset
                for index in 0..<(bytes / blockSize) {
                    let (high, low) = Engine.block(workspace, index)
                    xorBlock(target + index * blockSize, high: high, low: low)
                }
                if bytes % blockSize != 0 {
                    let (high, low) = Engine.block(workspace, bytes / blockSize)
                    xorPartialBlock(target + bytes - bytes % blockSize, bytes % blockSize, high: high, low: low)
                }
                offset += bytes
                counter = counter.advanced(by: UInt64(blocks))
            }
        }
        return (offset, counter)
    }

    /// XORs `buffer` with the keystream E(counter), E(counter + 1), …; constant-time in the key and data.
    static func counterMode(_ buffer: UnsafeMutableRawBufferPointer, keys: [UInt32], counter: Counter) {
        guard let base = buffer.baseAddress else { return }
        let count = buffer.count
        var offset = 0
        var counter = counter
        let blockCount = (count + blockSize - 1) / blockSize
        if blockCount > SM4Batches.wideBatchThreshold {
            (offset, counter) = counterBatches(SIMD2<UInt64>.self, buffer, keys: keys, counter: counter)
        } else if blockCount >= SM4Batches.minimumBlocks {
            (offset, counter) = counterBatches(UInt64.self, buffer, keys: keys, counter: counter)
        }
        keys.withUnsafeBufferPointer { keys in
            while count - offset > blockSize {
                let (first, second) = cryptBlocks(counter.block, counter.advanced(by: 1).block, keys: keys)
                xorBlock(base + offset, first)
                offset += blockSize
                let length = min(blockSize, count - offset)
                xorPartialBlock(base + offset, length, second)
                offset += length
                counter = counter.advanced(by: 2)
            }
            if offset < count {
                xorPartialBlock(base + offset, count - offset, cryptBlock(counter.block, keys: keys))
            }
        }
    }

    @inline(__always)
    static func xorBlock(_ target: UnsafeMutableRawPointer, high: UInt64, low: UInt64) {
        let first = target.loadUnaligned(as: UInt64.self) ^ high.bigEndian
        let second = target.loadUnaligned(fromByteOffset: 8, as: UInt64.self) ^ low.bigEndian
        target.storeBytes(of: first, as: UInt64.self)
        target.storeBytes(of: second, toByteOffset: 8, as: UInt64.self)
    }

    @inline(__always)
    static func xorBlock(_ target: UnsafeMutableRawPointer, _ block: Block) {
        xorBlock(
            target,
            high: UInt64(block.0) &<< 32 | UInt64(block.1),
            low: UInt64(block.2) &<< 32 | UInt64(block.3)
        )
    }

    /// XORs the first `length` (≤ 16, public) bytes at `target` with the keystream block `high ‖ low`.
    static func xorPartialBlock(_ target: UnsafeMutableRawPointer, _ length: Int, high: UInt64, low: UInt64) {
        for index in 0..<length {
            let word = index < 8 ? high : low
            let key = UInt8(truncatingIfNeeded: word &>> UInt64(56 &- 8 &* (index & 7)))
            let byte = target.load(fromByteOffset: index, as: UInt8.self)
            target.storeBytes(of: byte ^ key, toByteOffset: index, as: UInt8.self)
        }
    }

    static func xorPartialBlock(_ target: UnsafeMutableRawPointer, _ length: Int, _ block: Block) {
        xorPartialBlock(
            target,
            length,
            high: UInt64(block.0) &<< 32 | UInt64(block.1),
            low: UInt64(block.2) &<< 32 | UInt64(block.3)
        )
    }
}
