import SealbridgeTestVectors
import Testing

@testable import SealbridgeSM

/// Every SM4 known answer in `sm/sm4.json` whose mode SealbridgeSM implements, counted case by case.
@Suite struct SM4VectorTests {
    static let implementedModes: Set<String> = ["ECB", "ECB-iterated", "CBC", "CTR", "GCM", "CCM", "OFB", "CFB", "XTS"]

    static var vectors: [SM4Vector] {
        get throws { try Vectors.sm4().filter { implementedModes.contains($0.mode) } }
    }

    static var notImplemented: [SM4Vector] {
        get throws { try Vectors.sm4().filter { !implementedModes.contains($0.mode) } }
    }

    @Test func everyVectorIsAccountedFor() throws {
        #expect(try Self.vectors.count == 15)
        #expect(try Self.notImplemented.isEmpty)
    }

    @Test(arguments: try vectors)
    func knownAnswer(_ vector: SM4Vector) throws {
        let key = hexBytes(vector.key_hex)
        let iv = hexBytes(vector.iv_hex ?? "")
        let aad = hexBytes(vector.aad_hex ?? "")
        let plaintext = hexBytes(vector.plaintext_hex)
        let ciphertext = hexBytes(vector.ciphertext_hex)
        switch vector.mode {
        case "ECB":
            let cipher = try SM4(key: key)
            #expect(try cipher.encrypt(plaintext) == ciphertext, "id \(vector.id)")
            #expect(try cipher.decrypt(ciphertext) == plaintext, "id \(vector.id)")
        case "ECB-iterated":
            let cipher = try SM4(key: key)
            let iterations = try #require(vector.iterations)
            var block = plaintext
            try block.withUnsafeMutableBytes { block in
                for _ in 0..<iterations { try cipher.encrypt(inPlace: block) }
            }
            #expect(block == ciphertext, "id \(vector.id)")
            try block.withUnsafeMutableBytes { block in
                for _ in 0..<iterations { try cipher.decrypt(inPlace: block) }
            }
            #expect(block == plaintext, "id \(vector.id)")
        case "CBC":
            #expect(try SM4.CBC.encrypt(plaintext, key: key, iv: iv, noPadding: true) == ciphertext, "id \(vector.id)")
            #expect(try SM4.CBC.decrypt(ciphertext, key: key, iv: iv, noPadding: true) == plaintext, "id \(vector.id)")
        case "OFB":
            #expect(try SM4.OFB.crypt(plaintext, key: key, iv: iv) == ciphertext, "id \(vector.id)")
            #expect(try SM4.OFB.crypt(ciphertext, key: key, iv: iv) == plaintext, "id \(vector.id)")
        case "CFB":
            #expect(try SM4.CFB.encrypt(plaintext, key: key, iv: iv) == ciphertext, "id \(vector.id)")
            #expect(try SM4.CFB.decrypt(ciphertext, key: key, iv: iv) == plaintext, "id \(vector.id)")
            // Any length: a truncated message is the truncated ciphertext.
            let cut = max(1, plaintext.count - 5)
            #expect(
                try SM4.CFB.encrypt(Array(plaintext.prefix(cut)), key: key, iv: iv) == Array(ciphertext.prefix(cut))
            )
        case "XTS":
            let rule: SM4.XTS.TweakRule = vector.xts_standard == "IEEE" ? .ieee1619 : .gbt17964
            #expect(try SM4.XTS.encrypt(plaintext, key: key, tweak: iv, rule: rule) == ciphertext, "id \(vector.id)")
            #expect(try SM4.XTS.decrypt(ciphertext, key: key, tweak: iv, rule: rule) == plaintext, "id \(vector.id)")
        case "CTR":
            #expect(try SM4.CTR.crypt(plaintext, key: key, iv: iv) == ciphertext, "id \(vector.id)")
            #expect(try SM4.CTR.crypt(ciphertext, key: key, iv: iv) == plaintext, "id \(vector.id)")
        case "GCM":
            let tag = hexBytes(try #require(vector.tag_hex))
            let sealed = try SM4.GCM.seal(plaintext, key: key, iv: iv, authenticating: aad)
            #expect(sealed.ciphertext == ciphertext, "id \(vector.id)")
            #expect(sealed.tag == tag, "id \(vector.id)")
            #expect(try SM4.GCM.open(ciphertext, key: key, iv: iv, tag: tag, authenticating: aad) == plaintext)
        case "CCM":
            let tag = hexBytes(try #require(vector.tag_hex))
            let sealed = try SM4.CCM.seal(plaintext, key: key, nonce: iv, authenticating: aad, tagLength: tag.count)
            #expect(sealed.ciphertext == ciphertext, "id \(vector.id)")
            #expect(sealed.tag == tag, "id \(vector.id)")
            #expect(try SM4.CCM.open(ciphertext, key: key, nonce: iv, tag: tag, authenticating: aad) == plaintext)
        default:
            Issue.record("id \(vector.id): mode \(vector.mode) was filtered in but has no check")
        }
    }
}

/// Wycheproof's SM4-GCM and SM4-CCM files, counted case by case: `valid` must open to `msg` and seal to `ct`‖`tag`,
/// `invalid` must fail to open or be rejected at the parameter check, `acceptable` passes either way.
@Suite struct SM4WycheproofTests {
    typealias AEADCase = WycheproofCase<WycheproofAEADGroup, WycheproofAEADTest>

    @Test(
        arguments: try Vectors.wycheproof(
            "sm4_gcm_test",
            group: WycheproofAEADGroup.self,
            test: WycheproofAEADTest.self
        )
    )
    func gcm(_ vector: AEADCase) throws {
        let test = vector.test
        let (key, iv, aad) = (hexBytes(test.key), hexBytes(test.iv), hexBytes(test.aad))
        let (message, ciphertext, tag) = (hexBytes(test.msg), hexBytes(test.ct), hexBytes(test.tag))
        let opened = try? SM4.GCM.open(ciphertext, key: key, iv: iv, tag: tag, authenticating: aad)
        #expect(test.result.allows(accepted: opened == message), "\(vector)")
        if test.result == .valid {
            let sealed = try SM4.GCM.seal(message, key: key, iv: iv, authenticating: aad)
            #expect(sealed.ciphertext == ciphertext && Array(sealed.tag.prefix(tag.count)) == tag, "\(vector)")
        }
    }

    @Test(
        arguments: try Vectors.wycheproof(
            "sm4_ccm_test",
            group: WycheproofAEADGroup.self,
            test: WycheproofAEADTest.self
        )
    )
    func ccm(_ vector: AEADCase) throws {
        let test = vector.test
        let (key, nonce, aad) = (hexBytes(test.key), hexBytes(test.iv), hexBytes(test.aad))
        let (message, ciphertext, tag) = (hexBytes(test.msg), hexBytes(test.ct), hexBytes(test.tag))
        let opened = try? SM4.CCM.open(ciphertext, key: key, nonce: nonce, tag: tag, authenticating: aad)
        #expect(test.result.allows(accepted: opened == message), "\(vector)")
        if test.result == .valid {
            let sealed = try SM4.CCM.seal(message, key: key, nonce: nonce, authenticating: aad, tagLength: tag.count)
            #expect(sealed.ciphertext == ciphertext && sealed.tag == tag, "\(vector)")
        }
    }
}

@Suite struct SM4FeedbackModeTests {
    @Test(arguments: [0, 1, 15, 16, 17, 31, 32, 33, 100, 1000])
    func roundTripAnyLength(_ length: Int) throws {
        let key = (0..<16).map { _ in UInt8.random(in: 0...255) }
        let iv = (0..<16).map { _ in UInt8.random(in: 0...255) }
        let message = (0..<length).map { _ in UInt8.random(in: 0...255) }
        let ofb = try SM4.OFB.crypt(message, key: key, iv: iv)
        #expect(ofb.count == length)
        #expect(try SM4.OFB.crypt(ofb, key: key, iv: iv) == message)
        let cfb = try SM4.CFB.encrypt(message, key: key, iv: iv)
        #expect(cfb.count == length)
        #expect(try SM4.CFB.decrypt(cfb, key: key, iv: iv) == message)
        #expect(throws: SMError.invalidParameter(reason: "")) { try SM4.OFB.crypt(message, key: key, iv: [1, 2, 3]) }
        #expect(throws: SMError.invalidParameter(reason: "")) { try SM4.CFB.encrypt(message, key: [0], iv: iv) }
        guard length >= 16 else {
            #expect(throws: SMError.invalidParameter(reason: "")) {
                try SM4.XTS.encrypt(message, key: key + key, tweak: iv)
            }
            return
        }
        for rule in [SM4.XTS.TweakRule.gbt17964, .ieee1619] {
            let xts = try SM4.XTS.encrypt(message, key: key + iv, tweak: iv, rule: rule)
            #expect(xts.count == length)
            #expect(try SM4.XTS.decrypt(xts, key: key + iv, tweak: iv, rule: rule) == message)
        }
    }
}
