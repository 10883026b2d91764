import SealbridgeSM

/// SM4: the all-zero key and plaintext against random keys and plaintexts, through the one-block path (the
/// byte-sliced circuit) and the bitsliced many-block path. Both classes get a freshly scheduled key and have their
/// data copied into the same buffer before the clock starts, so memory placement cannot differ by class.
enum TimingLeaksSM4 {
    static func run(samples: Int, worst: inout Double) {
        var generator = SystemRandomNumberGenerator()
        func randomBytes(_ count: Int) -> [UInt8] {
            (0..<count).map { _ in UInt8.random(in: 0...255, using: &generator) }
        }
        let fixedKey = randomBytes(16)
        let fixedData = randomBytes(256)
        // Which input matters: fixed key with random data, and random key with fixed data.
        let splitBuffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 256, alignment: 64)
        defer { splitBuffer.deallocate() }
        for (label, fixKey) in [("SM4 16 blocks, fixed key only", true), ("SM4 16 blocks, fixed data only", false)] {
            worst = max(
                worst,
                dudect(
                    "\(label) vs random",
                    samples: samples / 4,
                    prepare: { secretClass -> SM4? in
                        // Both classes draw (getrandom system calls disturb caches and predictors); class 0
                        // then uses the fixed value, so only the secret differs between the classes.
                        let (randomKey, randomData) = (randomBytes(16), randomBytes(256))
                        let (fixedKeyCopy, fixedDataCopy) = (fixedKey.map { $0 }, fixedData.map { $0 })
                        let key = secretClass == 0 && fixKey ? fixedKeyCopy : randomKey
                        let data = secretClass == 0 && !fixKey ? fixedDataCopy : randomData
                        splitBuffer.copyBytes(from: data)
                        return try? SM4(key: key)
                    },
                    operation: { cipher in blackHole(try? cipher?.encrypt(inPlace: splitBuffer)) }
                )
            )
        }
        // Control: both classes random. A |t| above 4.5 here means the harness or the machine, not the code.
        let controlBuffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 256, alignment: 64)
        defer { controlBuffer.deallocate() }
        _ = dudect(
            "SM4 16 blocks, CONTROL random vs random",
            samples: samples / 4,
            prepare: { _ -> SM4? in
                controlBuffer.copyBytes(from: randomBytes(256))
                return try? SM4(key: randomBytes(16))
            },
            operation: { cipher in blackHole(try? cipher?.encrypt(inPlace: controlBuffer)) }
        )
        for (label, byteCount, zero) in [
            ("SM4 1 block x8, zero", 16, true), ("SM4 1 block x8, fixed", 16, false),
            ("SM4 16 blocks, zero", 256, true), ("SM4 16 blocks, fixed", 256, false),
        ] {
            let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: byteCount, alignment: 64)
            defer { buffer.deallocate() }
            let result = dudect(
                "\(label) key+data vs random",
                samples: byteCount == 16 ? samples : samples / 4,
                prepare: { secretClass -> SM4? in
                    let fixed = (
                        zero ? [UInt8](repeating: 0, count: 16) : fixedKey,
                        zero ? [UInt8](repeating: 0, count: byteCount) : Array(fixedData.prefix(byteCount))
                    )
                    let (randomKey, randomData) = (randomBytes(16), randomBytes(byteCount))
                    let key = secretClass == 0 ? fixed.0 : randomKey
                    let data = secretClass == 0 ? fixed.1 : randomData
                    buffer.copyBytes(from: data)
                    return try? SM4(key: key)
                },
                operation: { cipher in
                    for _ in 0..<(byteCount == 16 ? 8 : 1) {
                        blackHole(try? cipher?.encrypt(inPlace: buffer))
                    }
                }
            )
            worst = max(worst, result)
        }
    }
}
