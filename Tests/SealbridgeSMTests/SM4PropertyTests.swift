import SealbridgeTestVectors
import Testing

@testable import SealbridgeSM

/// Random inputs against the test-only table-driven reference, round trips, tampering and typed errors.
@Suite struct SM4PropertyTests {
    static func bytes(_ count: Int, _ generator: inout SeededGenerator) -> [UInt8] {
        (0..<count).map { _ in UInt8.random(in: 0...255, using: &generator) }
    }

    static func expectCode(_ code: SMError.Code, _ body: () throws -> Void) {
        do {
            try body()
            Issue.record("expected SMError.\(code), got success")
        } catch let error as SMError {
            #expect(error.code == code, "\(error)")
        } catch {
            Issue.record("expected SMError.\(code), got \(error)")
        }
    }

    // MARK: Block cipher

    @Test func blockPathsAgreeWithReferenceOnThousandsOfBlocks() throws {
        var generator = SeededGenerator(seed: 1)
        // Bitsliced batches (full and partial), pairs and single blocks all take part.
        for blockCount in [1, 2, 3, 13, 14, 15, 64, 65, 200, 1000, 2777] {
            let key = Self.bytes(16, &generator)
            let data = Self.bytes(16 * blockCount, &generator)
            let cipher = try SM4(key: key)
            let encrypted = try cipher.encrypt(data)
            let roundKeys = ReferenceSM4.roundKeys(key)
            var expected: [UInt8] = []
            for start in stride(from: 0, to: data.count, by: 16) {
                expected += ReferenceSM4.crypt(Array(data[start..<start + 16]), roundKeys: roundKeys)
            }
            #expect(encrypted == expected, "\(blockCount) blocks")
            #expect(try cipher.decrypt(encrypted) == data, "\(blockCount) blocks")
        }
    }

    @Test func keyScheduleAgreesWithReferenceOnRandomKeys() throws {
        var generator = SeededGenerator(seed: 2)
        for _ in 0..<300 {
            let key = Self.bytes(16, &generator)
            let block = Self.bytes(16, &generator)
            let expected = ReferenceSM4.encrypt(block, key: key)
            #expect(try SM4(key: key).encrypt(block) == expected, "key \(key)")
            #expect(try SM4(key: key).decrypt(expected) == block, "key \(key)")
        }
    }

    @Test(arguments: [0, 1, 15, 17, 32])
    func keyOfWrongLengthIsRejected(length: Int) {
        Self.expectCode(.invalidParameter) { _ = try SM4(key: [UInt8](repeating: 1, count: length)) }
        do {
            _ = try SM4(key: [UInt8](repeating: 1, count: length))
        } catch let error as SMError {
            #expect(error.reason.contains("got \(length) bytes"))
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test(arguments: [1, 15, 17, 33])
    func partialBlocksAreRejected(length: Int) throws {
        let cipher = try SM4(key: [UInt8](repeating: 7, count: 16))
        Self.expectCode(.invalidParameter) { _ = try cipher.encrypt([UInt8](repeating: 0, count: length)) }
        Self.expectCode(.invalidParameter) { _ = try cipher.decrypt([UInt8](repeating: 0, count: length)) }
    }

    // MARK: CBC

    @Test(arguments: [0, 1, 15, 16, 17, 31, 32, 100, 223, 224, 225, 1000, 4099])
    func cbcRoundTripsAndMatchesReference(length: Int) throws {
        var generator = SeededGenerator(seed: UInt64(length) &+ 3)
        let (key, iv) = (Self.bytes(16, &generator), Self.bytes(16, &generator))
        let plaintext = Self.bytes(length, &generator)
        let ciphertext = try SM4.CBC.encrypt(plaintext, key: key, iv: iv)
        #expect(ciphertext == SM4ReferenceModes.cbcEncrypt(plaintext, key: key, iv: iv))
        #expect(try SM4.CBC.decrypt(ciphertext, key: key, iv: iv) == plaintext)
    }

    @Test func cbcPaddingCheckAcceptsExactlyWellFormedPadding() throws {
        let key = [UInt8](repeating: 9, count: 16)
        let iv = [UInt8](repeating: 4, count: 16)
        for last in 0...255 {
            for filler in [UInt8(0), 1, 2, 15, 16, 17, 0xFF] {
                // A plaintext block ending in `last`, preceded by `filler` bytes, with one valid-looking run.
                var block = [UInt8](repeating: filler, count: 16)
                block[15] = UInt8(last)
                let ciphertext = try SM4.CBC.encrypt(block, key: key, iv: iv, noPadding: true)
                let expectedValid = (1...16).contains(last) && block.suffix(last).allSatisfy { Int($0) == last }
                do {
                    let plaintext = try SM4.CBC.decrypt(ciphertext, key: key, iv: iv)
                    #expect(expectedValid, "last \(last), filler \(filler)")
                    #expect(plaintext == Array(block.prefix(16 - last)))
                } catch let error as SMError {
                    #expect(!expectedValid, "last \(last), filler \(filler)")
                    #expect(error.code == .authenticationFailure)
                }
            }
        }
    }

    @Test func cbcRejectsBadLengthsWithTypedErrors() throws {
        let key = [UInt8](repeating: 1, count: 16)
        let iv = [UInt8](repeating: 2, count: 16)
        Self.expectCode(.invalidParameter) { _ = try SM4.CBC.encrypt([1, 2, 3], key: key, iv: iv, noPadding: true) }
        Self.expectCode(.invalidParameter) { _ = try SM4.CBC.encrypt([1, 2, 3], key: key, iv: [1]) }
        Self.expectCode(.invalidParameter) { _ = try SM4.CBC.decrypt([1, 2, 3], key: key, iv: iv) }
        Self.expectCode(.invalidParameter) { _ = try SM4.CBC.decrypt([], key: key, iv: iv) }
        Self.expectCode(.invalidParameter) {
            _ = try SM4.CBC.decrypt([UInt8](repeating: 0, count: 16), key: key, iv: [])
        }
        Self.expectCode(.invalidParameter) {
            _ = try SM4.CBC.decrypt([UInt8](repeating: 0, count: 16), key: [1], iv: iv)
        }
        #expect(try SM4.CBC.decrypt([], key: key, iv: iv, noPadding: true) == [])
    }

    // MARK: CTR

    @Test(arguments: [0, 1, 15, 16, 17, 100, 223, 224, 225, 1024, 1500, 4111])
    func ctrMatchesReference(length: Int) throws {
        var generator = SeededGenerator(seed: UInt64(length) &+ 4)
        let (key, iv) = (Self.bytes(16, &generator), Self.bytes(16, &generator))
        let data = Self.bytes(length, &generator)
        let encrypted = try SM4.CTR.crypt(data, key: key, iv: iv)
        #expect(encrypted == SM4ReferenceModes.ctr(data, key: key, iv: iv))
        #expect(try SM4.CTR.crypt(encrypted, key: key, iv: iv) == data)
    }

    @Test(arguments: [
        "ffffffffffffffffffffffffffffffe0",  // wraps modulo 2^128 mid-message
        "0000000000000000ffffffffffffffe0",  // carries into the high half
        "00000000000000000000000000000000",
    ])
    func ctrCounterCarriesAcrossTheWhole128Bits(ivHex: String) throws {
        let iv = stride(from: 0, to: 32, by: 2).map { offset -> UInt8 in
            let start = ivHex.index(ivHex.startIndex, offsetBy: offset)
            return UInt8(ivHex[start..<ivHex.index(start, offsetBy: 2)], radix: 16) ?? 0
        }
        var generator = SeededGenerator(seed: 5)
        let key = Self.bytes(16, &generator)
        for length in [40 * 16, 40 * 16 + 5, 3 * 16] {
            let data = Self.bytes(length, &generator)
            #expect(try SM4.CTR.crypt(data, key: key, iv: iv) == SM4ReferenceModes.ctr(data, key: key, iv: iv))
        }
    }

    @Test func ctrInPiecesEqualsCtrInOneGo() throws {
        var generator = SeededGenerator(seed: 6)
        let (key, iv) = (Self.bytes(16, &generator), Self.bytes(16, &generator))
        let data = Self.bytes(5000, &generator)
        let cipher = try SM4(key: key)
        let whole = try SM4.CTR.crypt(data, using: cipher, iv: iv)
        var pieces = data
        try pieces.withUnsafeMutableBytes { buffer in
            for (start, end) in [(0, 16), (16, 1616), (1616, 1632), (1632, 5000)] {
                let piece = UnsafeMutableRawBufferPointer(rebasing: buffer[start..<end])
                try SM4.CTR.crypt(piece, using: cipher, iv: iv, blockOffset: UInt64(start / 16))
            }
        }
        #expect(pieces == whole)
        Self.expectCode(.invalidParameter) { _ = try SM4.CTR.crypt(data, key: key, iv: Array(iv.prefix(12))) }
    }

    // MARK: GCM

    @Test(arguments: [0, 1, 16, 17, 63, 64, 65, 127, 128, 129, 300, 1024, 1500])
    func gcmMatchesReference(length: Int) throws {
        var generator = SeededGenerator(seed: UInt64(length) &+ 7)
        for (ivLength, aadLength) in [(12, 0), (12, 20), (1, 64), (16, 65), (60, 200)] {
            let key = Self.bytes(16, &generator)
            let iv = Self.bytes(ivLength, &generator)
            let aad = Self.bytes(aadLength, &generator)
            let plaintext = Self.bytes(length, &generator)
            let sealed = try SM4.GCM.seal(plaintext, key: key, iv: iv, authenticating: aad)
            let expected = SM4ReferenceModes.gcmSeal(plaintext, key: key, iv: iv, aad: aad)
            #expect(sealed.ciphertext == expected.ciphertext, "iv \(ivLength), aad \(aadLength)")
            #expect(sealed.tag == expected.tag, "iv \(ivLength), aad \(aadLength)")
            let opened = try SM4.GCM.open(sealed.ciphertext, key: key, iv: iv, tag: sealed.tag, authenticating: aad)
            #expect(opened == plaintext)
            let short = Array(sealed.tag.prefix(4 + length % 13))
            #expect(try SM4.GCM.open(sealed.ciphertext, key: key, iv: iv, tag: short, authenticating: aad) == plaintext)
        }
    }

    @Test func gcmCounterWrapsInTheLow32BitsOnly() throws {
        var generator = SeededGenerator(seed: 8)
        let key = Self.bytes(16, &generator)
        // A 16-byte IV hashes to some J0; search a few for one whose counter wraps within 40 blocks is needless:
        // instead check a 12-byte IV against the reference, whose J0 ends in 00000001, over 2^5 blocks, and a
        // hashed IV over a long message, where the reference applies inc32 independently.
        for ivLength in [12, 16, 33] {
            let iv = Self.bytes(ivLength, &generator)
            let plaintext = Self.bytes(40 * 16 + 3, &generator)
            let sealed = try SM4.GCM.seal(plaintext, key: key, iv: iv)
            let expected = SM4ReferenceModes.gcmSeal(plaintext, key: key, iv: iv, aad: [])
            #expect(sealed.ciphertext == expected.ciphertext && sealed.tag == expected.tag)
        }
        // inc32 itself, at the wrap.
        let counter = SM4.Counter(high: 7, low: 0x1234_5678_FFFF_FFFE, wrapsLow32Bits: true).advanced(by: 3)
        #expect(counter.high == 7 && counter.low == 0x1234_5678_0000_0001)
    }

    @Test func gcmRejectsTamperingAndBadParameters() throws {
        var generator = SeededGenerator(seed: 9)
        let (key, iv) = (Self.bytes(16, &generator), Self.bytes(12, &generator))
        let (aad, plaintext) = (Self.bytes(33, &generator), Self.bytes(77, &generator))
        let sealed = try SM4.GCM.seal(plaintext, key: key, iv: iv, authenticating: aad)
        for bit in stride(from: 0, to: plaintext.count * 8, by: 7) {
            var ciphertext = sealed.ciphertext
            ciphertext[bit / 8] ^= 1 << UInt8(bit % 8)
            Self.expectCode(.authenticationFailure) {
                _ = try SM4.GCM.open(ciphertext, key: key, iv: iv, tag: sealed.tag, authenticating: aad)
            }
        }
        for bit in 0..<128 {
            var tag = sealed.tag
            tag[bit / 8] ^= 1 << UInt8(bit % 8)
            Self.expectCode(.authenticationFailure) {
                _ = try SM4.GCM.open(sealed.ciphertext, key: key, iv: iv, tag: tag, authenticating: aad)
            }
        }
        var otherAAD = aad
        otherAAD[0] ^= 0x80
        Self.expectCode(.authenticationFailure) {
            _ = try SM4.GCM.open(sealed.ciphertext, key: key, iv: iv, tag: sealed.tag, authenticating: otherAAD)
        }
        Self.expectCode(.authenticationFailure) {
            _ = try SM4.GCM.open(sealed.ciphertext, key: key, iv: iv + [0], tag: sealed.tag, authenticating: aad)
        }
        Self.expectCode(.authenticationFailure) {
            _ = try SM4.GCM.open(Array(sealed.ciphertext.dropLast()), key: key, iv: iv, tag: sealed.tag)
        }
        for length in [0, 3, 17] {
            Self.expectCode(.invalidParameter) {
                _ = try SM4.GCM.open(sealed.ciphertext, key: key, iv: iv, tag: Array(repeating: 0, count: length))
            }
        }
        Self.expectCode(.invalidParameter) { _ = try SM4.GCM.seal(plaintext, key: key, iv: []) }
        Self.expectCode(.invalidParameter) { _ = try SM4.GCM.seal(plaintext, key: Array(key.prefix(8)), iv: iv) }
    }

    // MARK: CCM

    @Test(arguments: 7...13)
    func ccmMatchesReference(nonceLength: Int) throws {
        var generator = SeededGenerator(seed: UInt64(nonceLength) &+ 10)
        for tagLength in stride(from: 4, through: 16, by: 2) {
            for (length, aadLength) in [(0, 0), (1, 0), (16, 1), (77, 31), (300, 15)] {
                let key = Self.bytes(16, &generator)
                let nonce = Self.bytes(nonceLength, &generator)
                let aad = Self.bytes(aadLength, &generator)
                let plaintext = Self.bytes(length, &generator)
                let sealed = try SM4.CCM.seal(
                    plaintext,
                    key: key,
                    nonce: nonce,
                    authenticating: aad,
                    tagLength: tagLength
                )
                let expected = SM4ReferenceModes.ccmSeal(
                    plaintext,
                    key: key,
                    nonce: nonce,
                    aad: aad,
                    tagLength: tagLength
                )
                #expect(sealed.ciphertext == expected.ciphertext && sealed.tag == expected.tag, "tag \(tagLength)")
                let opened = try SM4.CCM.open(
                    sealed.ciphertext,
                    key: key,
                    nonce: nonce,
                    tag: sealed.tag,
                    authenticating: aad
                )
                #expect(opened == plaintext)
            }
        }
    }

    @Test func ccmLongAssociatedDataUsesTheSixByteLengthEncoding() throws {
        var generator = SeededGenerator(seed: 11)
        let (key, nonce) = (Self.bytes(16, &generator), Self.bytes(12, &generator))
        let aad = Self.bytes(0xFF00 + 5, &generator)
        let plaintext = Self.bytes(40, &generator)
        let sealed = try SM4.CCM.seal(plaintext, key: key, nonce: nonce, authenticating: aad)
        let expected = SM4ReferenceModes.ccmSeal(plaintext, key: key, nonce: nonce, aad: aad, tagLength: 16)
        #expect(sealed.ciphertext == expected.ciphertext && sealed.tag == expected.tag)
    }

    @Test func ccmRejectsTamperingAndBadParameters() throws {
        var generator = SeededGenerator(seed: 12)
        let (key, nonce) = (Self.bytes(16, &generator), Self.bytes(12, &generator))
        let (aad, plaintext) = (Self.bytes(20, &generator), Self.bytes(50, &generator))
        let sealed = try SM4.CCM.seal(plaintext, key: key, nonce: nonce, authenticating: aad, tagLength: 8)
        for bit in stride(from: 0, to: plaintext.count * 8, by: 5) {
            var ciphertext = sealed.ciphertext
            ciphertext[bit / 8] ^= 1 << UInt8(bit % 8)
            Self.expectCode(.authenticationFailure) {
                _ = try SM4.CCM.open(ciphertext, key: key, nonce: nonce, tag: sealed.tag, authenticating: aad)
            }
        }
        for bit in 0..<64 {
            var tag = sealed.tag
            tag[bit / 8] ^= 1 << UInt8(bit % 8)
            Self.expectCode(.authenticationFailure) {
                _ = try SM4.CCM.open(sealed.ciphertext, key: key, nonce: nonce, tag: tag, authenticating: aad)
            }
        }
        Self.expectCode(.authenticationFailure) {
            _ = try SM4.CCM.open(sealed.ciphertext, key: key, nonce: nonce, tag: sealed.tag, authenticating: [])
        }
        for length in [0, 6, 14, 16] {
            Self.expectCode(.invalidParameter) {
                _ = try SM4.CCM.seal(plaintext, key: key, nonce: Array(repeating: 1, count: length))
            }
        }
        for tagLength in [0, 2, 3, 5, 15, 17, 18] {
            Self.expectCode(.invalidParameter) {
                _ = try SM4.CCM.seal(plaintext, key: key, nonce: nonce, tagLength: tagLength)
            }
            Self.expectCode(.invalidParameter) {
                _ = try SM4.CCM.open(plaintext, key: key, nonce: nonce, tag: Array(repeating: 0, count: tagLength))
            }
        }
        // A 13-byte nonce leaves a 2-byte length field: at most 65,535 bytes.
        let long = [UInt8](repeating: 0, count: 65_536)
        Self.expectCode(.invalidParameter) {
            _ = try SM4.CCM.seal(long, key: key, nonce: Array(repeating: 1, count: 13))
        }
        #expect(
            try SM4.CCM.seal(Array(long.dropLast()), key: key, nonce: Array(repeating: 1, count: 13)).tag.count == 16
        )
    }
}
