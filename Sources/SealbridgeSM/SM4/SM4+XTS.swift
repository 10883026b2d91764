extension SM4 {
    /// SM4 in XTS mode (XEX with ciphertext stealing) for data units such as disk sectors: GB/T 17964-2021 §12 and
    /// IEEE Std 1619-2007. The 32-byte key is key₁ (data) ‖ key₂ (tweak); the 16-byte tweak names the data unit.
    ///
    /// The two standards differ only in how the tweak is multiplied by α between blocks, so the rule is a
    /// parameter: GB/T 17964 (OpenSSL's default for SM4-XTS) treats the tweak as a big-endian polynomial and
    /// shifts right, reducing with 0xE1; IEEE 1619 treats it as little-endian, shifts left and reduces with 0x87.
    ///
    /// - Important: Constant-time in the keys, the tweak and the data; the length is public.
    public enum XTS {
        /// How the tweak is multiplied by α from one block to the next.
        public enum TweakRule: Sendable {
            /// GB/T 17964-2021 (big-endian bit order, reduction 0xE1).
            case gbt17964
            /// IEEE Std 1619-2007 (little-endian, reduction 0x87).
            case ieee1619
        }

        /// Encrypts one data unit of at least 16 bytes.
        ///
        /// - Returns: The ciphertext, as long as the plaintext (the last partial block is handled by stealing).
        /// - Throws: `SMError.invalidParameter` for a key other than 32 bytes, a tweak other than 16, or fewer than
        ///   16 bytes of data.
        public static func encrypt(
            _ plaintext: [UInt8],
            key: [UInt8],
            tweak: [UInt8],
            rule: TweakRule = .gbt17964
        ) throws -> [UInt8] {
            try crypt(plaintext, key: key, tweak: tweak, rule: rule, encrypting: true)
        }

        /// Decrypts one data unit of at least 16 bytes.
        ///
        /// - Returns: The plaintext.
        /// - Throws: `SMError.invalidParameter` for a key other than 32 bytes, a tweak other than 16, or fewer than
        ///   16 bytes of data.
        public static func decrypt(
            _ ciphertext: [UInt8],
            key: [UInt8],
            tweak: [UInt8],
            rule: TweakRule = .gbt17964
        ) throws -> [UInt8] {
            try crypt(ciphertext, key: key, tweak: tweak, rule: rule, encrypting: false)
        }

        /// A 16-byte value as two big-endian 64-bit halves of its bytes.
        private typealias Bytes16 = (UInt64, UInt64)

        private static func crypt(
            _ input: [UInt8],
            key: [UInt8],
            tweak: [UInt8],
            rule: TweakRule,
            encrypting: Bool
        ) throws -> [UInt8] {
            guard key.count == 32 else {
                throw SMError.invalidParameter(reason: "SM4-XTS takes a 32-byte key (key1 ‖ key2); got \(key.count)")
            }
            guard tweak.count == 16 else {
                throw SMError.invalidParameter(reason: "SM4-XTS takes a 16-byte tweak; got \(tweak.count)")
            }
            guard input.count >= 16 else {
                throw SMError.invalidParameter(reason: "SM4-XTS needs at least one 16-byte block; got \(input.count)")
            }
            let dataCipher = try SM4(key: Array(key[0..<16]))
            let tweakCipher = try SM4(key: Array(key[16..<32]))
            var t = tweakCipher.encryptionKeys.withUnsafeBufferPointer { keys in
                tweak.withUnsafeBytes { bytes in block(SM4.cryptBlock(SM4.loadBlock(bytes), keys: keys)) }
            }
            let keys = encrypting ? dataCipher.encryptionKeys : dataCipher.decryptionKeys
            var output = input
            let tail = input.count % 16
            // With a partial last block, the last full block is handled together with it (stealing).
            let plainBlocks = input.count / 16 - (tail == 0 ? 0 : 1)
            keys.withUnsafeBufferPointer { keys in
                output.withUnsafeMutableBytes { out in
                    for index in 0..<plainBlocks {
                        let offset = index * 16
                        let result = xex(load(out, offset), t, keys)
                        store(result, out, offset)
                        t = multiplyByAlpha(t, rule)
                    }
                    guard tail > 0 else { return }
                    let offset = plainBlocks * 16
                    // Encrypting uses T(m−1) then T(m); decrypting uses them the other way round.
                    let next = multiplyByAlpha(t, rule)
                    let (first, second) = encrypting ? (t, next) : (next, t)
                    let stolen = xex(load(out, offset), first, keys)
                    var stolenBytes = [UInt8](repeating: 0, count: 16)
                    store(stolen, &stolenBytes)
                    // The short last block takes the head of `stolen`; its own bytes plus the rest of `stolen`
                    // make the block that goes where the last full block was.
                    var merged = stolenBytes
                    for index in 0..<tail {
                        merged[index] = out[offset + 16 + index]
                        out[offset + 16 + index] = stolenBytes[index]
                    }
                    let last = xex(merged.withUnsafeBytes { load($0, 0) }, second, keys)
                    store(last, out, offset)
                }
            }
            return output
        }

        /// E(P ⊕ T) ⊕ T (or D with decryption keys).
        private static func xex(_ value: Bytes16, _ t: Bytes16, _ keys: UnsafeBufferPointer<UInt32>) -> Bytes16 {
            let input = (value.0 ^ t.0, value.1 ^ t.1)
            let result = block(SM4.cryptBlock(words(input), keys: keys))
            return (result.0 ^ t.0, result.1 ^ t.1)
        }

        /// Multiplies the tweak by α in GF(2^128) under `rule`, without branching on it.
        private static func multiplyByAlpha(_ t: Bytes16, _ rule: TweakRule) -> Bytes16 {
            switch rule {
            case .gbt17964:
                // Big-endian value V: V >> 1, and 0xE1 into the top byte when the bit shifted out was set.
                let mask = 0 &- (t.1 & 1)
                return ((t.0 >> 1) ^ (0xE100_0000_0000_0000 & mask), (t.1 >> 1) | (t.0 << 63))
            case .ieee1619:
                // Little-endian value: work on the byte-swapped halves, shift left, 0x87 into the low byte.
                let low = t.0.byteSwapped
                let high = t.1.byteSwapped
                let mask = 0 &- (high >> 63)
                let newLow = (low << 1) ^ (0x87 & mask)
                let newHigh = (high << 1) | (low >> 63)
                return (newLow.byteSwapped, newHigh.byteSwapped)
            }
        }

        private static func load(_ buffer: UnsafeRawBufferPointer, _ offset: Int) -> Bytes16 {
            (
                UInt64(bigEndian: buffer.loadUnaligned(fromByteOffset: offset, as: UInt64.self)),
                UInt64(bigEndian: buffer.loadUnaligned(fromByteOffset: offset + 8, as: UInt64.self))
            )
        }

        private static func load(_ buffer: UnsafeMutableRawBufferPointer, _ offset: Int) -> Bytes16 {
            load(UnsafeRawBufferPointer(buffer), offset)
        }

        private static func store(_ value: Bytes16, _ buffer: UnsafeMutableRawBufferPointer, _ offset: Int) {
            buffer.storeBytes(of: value.0.bigEndian, toByteOffset: offset, as: UInt64.self)
            buffer.storeBytes(of: value.1.bigEndian, toByteOffset: offset + 8, as: UInt64.self)
        }

        private static func store(_ value: Bytes16, _ bytes: inout [UInt8]) {
            bytes.withUnsafeMutableBytes { store(value, $0, 0) }
        }

        private static func block(_ words: Block) -> Bytes16 {
            (UInt64(words.0) << 32 | UInt64(words.1), UInt64(words.2) << 32 | UInt64(words.3))
        }

        private static func words(_ value: Bytes16) -> Block {
            (
                UInt32(truncatingIfNeeded: value.0 >> 32), UInt32(truncatingIfNeeded: value.0),
                UInt32(truncatingIfNeeded: value.1 >> 32), UInt32(truncatingIfNeeded: value.1)
            )
        }
    }
}
