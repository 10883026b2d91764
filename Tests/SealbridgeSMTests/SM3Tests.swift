import SealbridgeSM
import SealbridgeTestVectors
import Testing

@Suite struct SM3Tests {
    @Test(arguments: try Vectors.sm3())
    func knownAnswer(_ vector: SM3Vector) {
        let message = vector.message
        #expect(message.count == vector.msg_len)
        #expect(hexString(SM3.hash(message)) == vector.digest_hex, "vector \(vector.id): \(vector.description)")
    }

    @Test(arguments: try Vectors.sm3())
    func incrementalMatchesOneShot(_ vector: SM3Vector) {
        let message = vector.message
        var generator = SystemRandomNumberGenerator()
        var hasher = SM3()
        var index = 0
        while index < message.count {
            let step = Int.random(in: 1...97, using: &generator)
            let end = min(index + step, message.count)
            hasher.update(message[index..<end])
            index = end
        }
        #expect(hexString(hasher.finalize()) == vector.digest_hex, "vector \(vector.id)")
    }

    @Test func finalizeLeavesHasherUsable() {
        var hasher = SM3()
        hasher.update(Array("ab".utf8))
        _ = hasher.finalize()
        hasher.update(Array("c".utf8))
        #expect(hexString(hasher.finalize()) == "66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0")
    }

    @Test(
        arguments: try Vectors.wycheproof("hmac_sm3_test", group: WycheproofMACGroup.self, test: WycheproofMACTest.self)
    )
    func wycheproofHMAC(_ vector: WycheproofCase<WycheproofMACGroup, WycheproofMACTest>) {
        let tag = hexBytes(vector.test.tag)
        let accepted =
            HMACSM3.isValidAuthenticationCode(
                tag,
                for: hexBytes(vector.test.msg),
                key: hexBytes(vector.test.key)
            ) && tag.count * 8 == vector.group.tagSize
        #expect(vector.test.result.allows(accepted: accepted), "\(vector)")
    }
}
