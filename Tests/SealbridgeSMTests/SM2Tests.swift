import SealbridgeTestVectors
import Testing

@testable import SealbridgeSM

struct MissingField: Error {}

func required(_ value: String?) throws -> String {
    guard let value else { throw MissingField() }
    return value
}

@Suite struct SM2KnownAnswerTests {
    static let recommended = (try? Vectors.sm2KnownAnswers().filter(\.isRecommendedCurve)) ?? []
    static let exampleCurve = (try? Vectors.sm2KnownAnswers().filter { !$0.isRecommendedCurve }) ?? []

    @Test func allKnownAnswersAreAccountedFor() throws {
        // 6 on the recommended curve run below, the 2 on the GB/T 32918 example curve with SM2Curve.
        #expect(Self.recommended.count + Self.exampleCurve.count == 8)
        #expect(Self.recommended.count == 6)
    }

    @Test(arguments: recommended)
    func knownAnswer(_ vector: SM2KnownAnswer) throws {
        let publicKey = try SM2PublicKey(x963Representation: hexBytes(try required(vector.public_key_hex)))
        if let privateHex = vector.private_key_hex {
            let privateKey = try SM2PrivateKey(rawRepresentation: hexBytes(privateHex))
            #expect(privateKey.publicKey == publicKey, "public key derivation")
        }
        let userID = hexBytes(vector.id_hex ?? hexString(SM2.defaultUserID))
        switch vector.kind {
        case "sign":
            #expect(hexString(try publicKey.zValue(userID: userID)) == vector.z_hex)
            let e = try publicKey.digest(for: hexBytes(try required(vector.msg_hex)), userID: userID)
            #expect(hexString(e) == vector.e_hex)
            let privateKey = try SM2PrivateKey(rawRepresentation: hexBytes(try required(vector.private_key_hex)))
            let k = try #require(Limbs4(bigEndian: hexBytes(try required(vector.k_hex))))
            let eLimbs = try #require(Limbs4(bigEndian: e))
            let signature = try #require(privateKey.sign(digest: eLimbs, nonce: k))
            #expect(hexString(signature.r) == vector.r_hex)
            #expect(hexString(signature.s) == vector.s_hex)
            if let der = vector.sig_der_hex {
                #expect(hexString(signature.derRepresentation) == der)
            }
            #expect(publicKey.isValidSignature(signature, forDigest: e))
        case "z_value":
            #expect(hexString(try publicKey.zValue(userID: userID)) == vector.z_hex)
            if let empty = vector.z_empty_id_hex {
                #expect(hexString(try publicKey.zValue(userID: [])) == empty)
            }
        case "encrypt":
            let privateKey = try SM2PrivateKey(rawRepresentation: hexBytes(try required(vector.private_key_hex)))
            let message = hexBytes(try required(vector.msg_hex))
            let k = try #require(Limbs4(bigEndian: hexBytes(try required(vector.k_hex))))
            let ciphertext = try #require(try publicKey.encrypt(message, nonce: k))
            #expect(hexString(ciphertext.c1.x963Representation) == vector.c1_hex)
            #expect(hexString(ciphertext.c3) == vector.c3_hex)
            #expect(hexString(ciphertext.c2) == vector.c2_hex)
            if let joined = vector.ciphertext_c1c3c2_hex {
                #expect(hexString(ciphertext.c1c3c2) == joined)
                #expect(try privateKey.decrypt(SM2Ciphertext(c1c3c2: hexBytes(joined))) == message)
            }
            if let der = vector.ciphertext_der_hex {
                #expect(hexString(ciphertext.derRepresentation) == der)
                #expect(try privateKey.decrypt(SM2Ciphertext(derRepresentation: hexBytes(der))) == message)
            }
        case "verify_digest":
            let signature = try SM2Signature(derRepresentation: hexBytes(try required(vector.sig_der_hex)))
            let valid = publicKey.isValidSignature(signature, forDigest: hexBytes(try required(vector.e_hex)))
            #expect(valid == (vector.expected ?? "valid" == "valid"))
        default:
            Issue.record("unknown SM2 vector kind \(vector.kind)")
        }
    }

    @Test(arguments: exampleCurve)
    func exampleCurveKnownAnswer(_ vector: SM2KnownAnswer) throws {
        // GB/T 32918.2/.4 Annex A work on a 256-bit example curve, through the explicit-parameter code.
        let parameters = try #require(vector.curve_params)
        func parameter(_ name: String) throws -> [UInt8] { hexBytes(try #require(parameters[name])) }
        let curve = try SM2Curve(
            p: parameter("p"),
            a: parameter("a"),
            b: parameter("b"),
            n: parameter("n"),
            gx: parameter("gx"),
            gy: parameter("gy")
        )
        let privateKey = hexBytes(try required(vector.private_key_hex))
        let publicKey = try curve.publicKey(forPrivateKey: privateKey)
        #expect(hexString(publicKey) == vector.public_key_hex, "public key derivation")
        let k = try #require(Limbs4(bigEndian: hexBytes(try required(vector.k_hex))))
        let d = try #require(Limbs4(bigEndian: privateKey))
        switch vector.kind {
        case "sign":
            let userID = hexBytes(try required(vector.id_hex))
            let z = try curve.zValue(userID: userID, publicKey: publicKey)
            #expect(hexString(z) == vector.z_hex)
            let e = SM3.hash(z + hexBytes(try required(vector.msg_hex)))
            #expect(hexString(e) == vector.e_hex)
            let signature = try #require(try curve.sign(digest: Limbs4(bigEndianBytes: e), privateKey: d, nonce: k))
            #expect(hexString(signature.r) == vector.r_hex)
            #expect(hexString(signature.s) == vector.s_hex)
            #expect(hexString(signature.derRepresentation) == vector.sig_der_hex)
            #expect(curve.isValidSignature(signature, forDigest: e, publicKey: publicKey))
            var tampered = e
            tampered[0] ^= 1
            #expect(!curve.isValidSignature(signature, forDigest: tampered, publicKey: publicKey))
            let fresh = try curve.signature(forDigest: e, privateKey: privateKey)
            #expect(curve.isValidSignature(fresh, forDigest: e, publicKey: publicKey))
        case "encrypt":
            let message = hexBytes(try required(vector.msg_hex))
            let ciphertext = try #require(try curve.encrypt(message, to: publicKey, nonce: k))
            let expected = try required(vector.c1_hex) + required(vector.c3_hex) + required(vector.c2_hex)
            #expect(hexString(ciphertext) == expected)
            #expect(try curve.decrypt(ciphertext, privateKey: privateKey) == message)
            // The GM/T 0009 DER form holds the same x, y, C3 and C2.
            let der = hexBytes(try required(vector.ciphertext_der_hex))
            #expect(
                derFields(der).map(hexString) == [
                    String(expected.prefix(130).dropFirst(2).prefix(64)), String(expected.prefix(130).suffix(64)),
                    try required(vector.c3_hex), try required(vector.c2_hex),
                ]
            )
            var tampered = ciphertext
            tampered[tampered.count - 1] ^= 1
            #expect(throws: SMError.self) { try curve.decrypt(tampered, privateKey: privateKey) }
        default:
            Issue.record("unknown SM2 vector kind \(vector.kind)")
        }
    }

    /// The contents of the elements of a short DER SEQUENCE (lengths below 128 inside), INTEGER sign bytes dropped.
    func derFields(_ der: [UInt8]) -> [[UInt8]] {
        var fields: [[UInt8]] = []
        var index = 2
        while index + 2 <= der.count {
            let tag = der[index]
            let length = Int(der[index + 1])
            var value = Array(der[(index + 2)..<min(der.count, index + 2 + length)])
            if tag == 0x02, value.count == 33, value[0] == 0 { value.removeFirst() }
            fields.append(value)
            index += 2 + length
        }
        return fields
    }
}

/// The explicit-parameter code (``SM2Curve``) on the recommended curve agrees with the specialised code.
@Suite struct SM2CurveTests {
    @Test func recommendedCurveAgreesWithTheSpecialisedCode() throws {
        let curve = SM2Curve.recommended
        for _ in 0..<4 {
            let key = SM2PrivateKey()
            let privateKey = key.rawRepresentation
            let publicKey = try curve.publicKey(forPrivateKey: privateKey)
            #expect(publicKey == key.publicKey.x963Representation)
            let message = Array("bill of lading 42".utf8)
            #expect(try curve.zValue(userID: SM2.defaultUserID, publicKey: publicKey) == key.publicKey.zValue())
            let e = try key.publicKey.digest(for: message)
            let ours = try curve.signature(forDigest: e, privateKey: privateKey)
            #expect(key.publicKey.isValidSignature(ours, forDigest: e))
            let theirs = try key.signature(forDigest: e)
            #expect(curve.isValidSignature(theirs, forDigest: e, publicKey: publicKey))
            let ciphertext = try curve.encrypt(message, to: publicKey)
            #expect(try key.decrypt(SM2Ciphertext(c1c3c2: ciphertext)) == message)
            let specialised = try key.publicKey.encrypt(message)
            #expect(try curve.decrypt(specialised.c1c3c2, privateKey: privateKey) == message)
        }
    }

    @Test func recommendedCurveKnownAnswerWithGivenNonce() throws {
        let vector = try #require(SM2KnownAnswerTests.recommended.first { $0.kind == "sign" && $0.k_hex != nil })
        let e = try #require(Limbs4(bigEndian: hexBytes(try required(vector.e_hex))))
        let d = try #require(Limbs4(bigEndian: hexBytes(try required(vector.private_key_hex))))
        let k = try #require(Limbs4(bigEndian: hexBytes(try required(vector.k_hex))))
        let signature = try #require(try SM2Curve.recommended.sign(digest: e, privateKey: d, nonce: k))
        #expect(hexString(signature.r) == vector.r_hex)
        #expect(hexString(signature.s) == vector.s_hex)
    }

    @Test func badParametersAreRefused() throws {
        let good = SM2Curve.recommended
        let p = good.field.modulus.bigEndianBytes
        let n = good.order.modulus.bigEndianBytes
        let a = good.field.canonical(good.a).bigEndianBytes
        let b = good.field.canonical(good.b).bigEndianBytes
        let gx = good.field.canonical(good.generator.x).bigEndianBytes
        let gy = good.field.canonical(good.generator.y).bigEndianBytes
        var offCurve = gy
        offCurve[31] ^= 1
        var notPrime = p
        notPrime[31] = 0xFD  // p − 2: odd, composite
        var wrongOrder = n
        wrongOrder[31] = 0x25  // n + 2
        let cases: [(String, () throws -> SM2Curve)] = [
            ("G off the curve", { try SM2Curve(p: p, a: a, b: b, n: n, gx: gx, gy: offCurve) }),
            ("singular", { try SM2Curve(p: p, a: [0], b: [0], n: n, gx: gx, gy: gy) }),
            ("p not prime", { try SM2Curve(p: notPrime, a: a, b: b, n: n, gx: gx, gy: gy) }),
            ("n not the order", { try SM2Curve(p: p, a: a, b: b, n: wrongOrder, gx: gx, gy: gy) }),
            ("b not below p", { try SM2Curve(p: p, a: a, b: p, n: n, gx: gx, gy: gy) }),
            ("p too long", { try SM2Curve(p: [1] + p, a: a, b: b, n: n, gx: gx, gy: gy) }),
            ("p even", { try SM2Curve(p: Array(p.dropLast()) + [0xFE], a: a, b: b, n: n, gx: gx, gy: gy) }),
        ]
        for (name, make) in cases {
            #expect(throws: SMError.self, "\(name)") { _ = try make() }
        }
        #expect(throws: SMError.self) { _ = try good.publicKey(forPrivateKey: [UInt8](repeating: 0, count: 32)) }
        #expect(throws: SMError.self) { _ = try good.publicKey(forPrivateKey: n) }
        #expect(
            !good.isValidSignature(
                try SM2Signature(r: [1] + [UInt8](repeating: 0, count: 31), s: gx),
                forDigest: gx,
                publicKey: [4] + gx + offCurve
            )
        )
        #expect(throws: SMError.self) { _ = try good.decrypt([UInt8](repeating: 4, count: 120), privateKey: gx) }
    }
}

@Suite struct SM2DifferentialTests {
    @Test(arguments: try Vectors.sm2Differential())
    func differential(_ vector: SM2DifferentialCase) {
        var accepted = false
        do {
            let key = try SM2PublicKey(x963Representation: hexBytes(vector.public_key_hex))
            let signature = try SM2Signature(derRepresentation: hexBytes(vector.sig_der_hex))
            accepted = key.isValidSignature(signature, for: hexBytes(vector.msg_hex), userID: hexBytes(vector.id_hex))
            // The precomputed (comb-table) verification path gives the same answer on every case.
            let precomputed = key.precomputedForVerification()
            #expect(precomputed.isPrecomputedForVerification)
            #expect(
                precomputed.isValidSignature(signature, for: hexBytes(vector.msg_hex), userID: hexBytes(vector.id_hex))
                    == accepted,
                "precomputed path disagrees on \(vector)"
            )
            if let z = vector.z_hex {
                #expect(hexString(try key.zValue(userID: hexBytes(vector.id_hex))) == z, "Z of \(vector)")
            }
        } catch {
            accepted = false  // a key or signature that does not decode is invalid
        }
        #expect(accepted == (vector.expected == "valid"), "\(vector): \(vector.comment)")
    }
}

@Suite struct SM2PropertyTests {
    @Test(arguments: 0..<40)
    func signVerifyRoundTrip(_ seed: Int) throws {
        let key = SM2PrivateKey()
        var generator = SystemRandomNumberGenerator()
        let message = (0..<Int.random(in: 0...300, using: &generator)).map { _ in UInt8.random(in: 0...255) }
        let userID = seed % 3 == 0 ? [] : SM2.defaultUserID
        let signature = try key.signature(for: message, userID: userID)
        #expect(key.publicKey.isValidSignature(signature, for: message, userID: userID))
        let precomputed = key.publicKey.precomputedForVerification()
        #expect(precomputed.isValidSignature(signature, for: message, userID: userID))
        #expect(precomputed == key.publicKey)
        #expect(try SM2Signature(derRepresentation: signature.derRepresentation) == signature)
        #expect(try SM2Signature(rawRepresentation: signature.rawRepresentation) == signature)

        // Any single-bit change to the message, the signature or the key makes verification fail.
        if !message.isEmpty {
            var tampered = message
            let bit = Int.random(in: 0..<(message.count * 8), using: &generator)
            tampered[bit / 8] ^= 1 << UInt8(bit % 8)
            #expect(!key.publicKey.isValidSignature(signature, for: tampered, userID: userID))
            #expect(!precomputed.isValidSignature(signature, for: tampered, userID: userID))
        }
        var raw = signature.rawRepresentation
        let bit = Int.random(in: 0..<512, using: &generator)
        raw[bit / 8] ^= 1 << UInt8(bit % 8)
        if let tampered = try? SM2Signature(rawRepresentation: raw) {
            #expect(!key.publicKey.isValidSignature(tampered, for: message, userID: userID))
            #expect(!precomputed.isValidSignature(tampered, for: message, userID: userID))
        }
        var keyBytes = key.publicKey.rawRepresentation
        let keyBit = Int.random(in: 0..<512, using: &generator)
        keyBytes[keyBit / 8] ^= 1 << UInt8(keyBit % 8)
        if let otherKey = try? SM2PublicKey(rawRepresentation: keyBytes) {
            #expect(!otherKey.isValidSignature(signature, for: message, userID: userID))
        }
    }

    @Test(arguments: [1, 2, 31, 32, 33, 100, 1000])
    func encryptDecryptRoundTrip(_ length: Int) throws {
        let key = SM2PrivateKey()
        let message = (0..<length).map { _ in UInt8.random(in: 0...255) }
        let ciphertext = try key.publicKey.encrypt(message)
        #expect(try key.decrypt(ciphertext) == message)
        #expect(try key.decrypt(SM2Ciphertext(c1c3c2: ciphertext.c1c3c2)) == message)
        #expect(try key.decrypt(SM2Ciphertext(derRepresentation: ciphertext.derRepresentation)) == message)
        var tampered = ciphertext.c1c3c2
        tampered[tampered.count - 1] ^= 1
        #expect(throws: SMError.invalidCiphertext(reason: "")) { try key.decrypt(SM2Ciphertext(c1c3c2: tampered)) }
        #expect(throws: SMError.invalidCiphertext(reason: "")) { try SM2PrivateKey().decrypt(ciphertext) }
    }

    @Test func safeGCDInversionAgreesWithFermat() {
        var generator = SystemRandomNumberGenerator()
        let p = FieldElement.modulus
        var edges: [Limbs4] = [
            Limbs4(1, 0, 0, 0), Limbs4(2, 0, 0, 0), Limbs4(p.l0 - 1, p.l1, p.l2, p.l3),
            Limbs4(p.l0 - 2, p.l1, p.l2, p.l3),
            Limbs4(0, 0, 0, 1 << 63), Limbs4(UInt64.max, UInt64.max, 0, 0),
            Limbs4(0, 0, UInt64.max, 0x7FFF_FFFF_FFFF_FFFF),
        ]
        for _ in 0..<2000 {
            edges.append(
                FieldElement.reduceOnce(
                    Limbs4(generator.next(), generator.next(), generator.next(), generator.next()),
                    top: 0
                )
            )
        }
        var agreed = 0
        for value in edges {
            let element = FieldElement(montgomery: value)
            let fast = element.inverse
            let slow = element.inverseByFermat
            if fast.limbs == slow.limbs, (fast * element).limbs == FieldElement.one.limbs { agreed += 1 }
        }
        #expect(agreed == edges.count)
        #expect(FieldElement.zero.inverse.limbs == FieldElement.zero.limbs)
    }

    @Test func compressedPointsRoundTrip() throws {
        for _ in 0..<20 {
            let key = SM2PrivateKey().publicKey
            #expect(try SM2PublicKey(x963Representation: key.compressedRepresentation) == key)
        }
    }

    @Test func scalarMultiplicationsAgree() throws {
        // k·G by the comb equals k·G by the generic ladder and by s·G + 0·P in the verifier's routine.
        for _ in 0..<20 {
            var generator = SystemRandomNumberGenerator()
            let k = Scalar(reducing: Limbs4(generator.next(), generator.next(), generator.next(), generator.next()))
                .canonical
            let comb = try #require(CurveArithmetic.multiplyGenerator(k).affine)
            let ladder = try #require(CurveArithmetic.multiply(.generator, by: k).affine)
            #expect(comb.x.isEqual(to: ladder.x) && comb.y.isEqual(to: ladder.y))
        }
        // n − 1 is the largest scalar: (n − 1)·G = −G.
        let minusG = try #require(CurveArithmetic.multiplyGenerator(Scalar.orderMinusOne).affine)
        #expect(minusG.x.isEqual(to: AffinePoint.generator.x))
        #expect(minusG.y.isEqual(to: -AffinePoint.generator.y))
    }
}

@Suite struct SM2BadInputTests {
    @Test(arguments: [
        [], [0x04], [0x05] + [UInt8](repeating: 1, count: 64), [0x04] + [UInt8](repeating: 0xFF, count: 64),
        [0x04] + [UInt8](repeating: 0, count: 64), [0x02] + [UInt8](repeating: 0, count: 31),
    ])
    func badPublicKeys(_ bytes: [UInt8]) {
        #expect(throws: SMError.invalidKey(reason: "")) { try SM2PublicKey(x963Representation: bytes) }
    }

    @Test func badPrivateKeys() {
        let n = Scalar.order.bigEndianBytes
        let nMinusOne = Scalar.orderMinusOne.bigEndianBytes
        for bytes in [[UInt8](repeating: 0, count: 32), n, nMinusOne, [1], [UInt8](repeating: 0xFF, count: 32)] {
            #expect(throws: SMError.invalidKey(reason: "")) { try SM2PrivateKey(rawRepresentation: bytes) }
        }
        #expect((try? SM2PrivateKey(rawRepresentation: Scalar.orderMinusTwo.bigEndianBytes)) != nil)
    }

    @Test(arguments: [
        "", "30", "3000", "3006020100020101", "3006020101020100", "30060201ff020101",
        "302502210100000000000000000000000000000000000000000000000000000000000000000201", "3006020101020101ff",
    ])
    func badSignatures(_ hex: String) {
        #expect(throws: SMError.invalidSignatureEncoding(reason: "")) {
            try SM2Signature(derRepresentation: hexBytes(hex))
        }
    }
}
