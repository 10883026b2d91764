import SealbridgeTestVectors
import Testing

@testable import SealbridgeSM

@Suite struct SM4BlockTests {
    @Test func standardExample() throws {
        let key = hexBytes("0123456789abcdeffedcba9876543210")
        let cipher = try SM4(key: key)
        #expect(hexString(try cipher.encrypt(key)) == "681edf34d206965e86b3e94f536e4246")
        #expect(ReferenceSM4.encrypt(key, key: key) == hexBytes("681edf34d206965e86b3e94f536e4246"))
        #expect(try cipher.decrypt(hexBytes("681edf34d206965e86b3e94f536e4246")) == key)
    }

    @Test(arguments: [1, 2, 3, 7, 8, 9, 63, 64, 65, 127, 128, 129, 200])
    func agreesWithReference(blockCount: Int) throws {
        var generator = SystemRandomNumberGenerator()
        let key = (0..<16).map { _ in UInt8.random(in: 0...255, using: &generator) }
        let data = (0..<(16 * blockCount)).map { _ in UInt8.random(in: 0...255, using: &generator) }
        let cipher = try SM4(key: key)
        let encrypted = try cipher.encrypt(data)
        var expected: [UInt8] = []
        for start in stride(from: 0, to: data.count, by: 16) {
            expected += ReferenceSM4.encrypt(Array(data[start..<start + 16]), key: key)
        }
        #expect(encrypted == expected)
        #expect(try cipher.decrypt(encrypted) == data)
    }
}
