// A dudect-style timing-leak test (Reparaz, Balasch, Verbauwhede, "Dude, is my code constant time?", 2017):
// run an operation many times on inputs from two classes of secrets — one fixed, one random — interleaved at
// random, time each run, and compare the two timing distributions with Welch's t-test, on the whole set and on
// sets cropped at several percentiles (to cut the long tail of interrupts). |t| above 4.5 means the timing
// depends on the secret class with high confidence; below it, no leak was detected at this sample size.
//
// Run: swift run -c release --package-path Benchmarks TimingLeaks [samples-per-test]
import Foundation
@_spi(ConstantTimeProbes) import SealbridgeSM

#if canImport(Glibc)
import Glibc
#endif

/// Online mean and variance (Welford).
struct RunningMoments {
    var count = 0.0
    var mean = 0.0
    var m2 = 0.0

    mutating func add(_ x: Double) {
        count += 1
        let delta = x - mean
        mean += delta / count
        m2 += delta * (x - mean)
    }

    var variance: Double { count > 1 ? m2 / (count - 1) : 0 }
}

/// Welch's t statistic between two samples.
func welchT(_ a: RunningMoments, _ b: RunningMoments) -> Double {
    let denominator = (a.variance / a.count + b.variance / b.count).squareRoot()
    return denominator == 0 ? 0 : (a.mean - b.mean) / denominator
}

@inline(__always)
func nanoseconds() -> UInt64 {
    var spec = timespec()
    clock_gettime(CLOCK_MONOTONIC_RAW, &spec)
    return UInt64(spec.tv_sec) &* 1_000_000_000 &+ UInt64(spec.tv_nsec)
}

@inline(never)
func blackHole<T>(_ value: T) { withExtendedLifetime(value) {} }

/// Runs one test: `prepare(class)` makes an input outside the timed region; `operation` is timed.
func dudect<Input>(
    _ name: String,
    samples: Int,
    prepare: (Int) -> Input,
    operation: (Input) -> Void
) -> Double {
    var classes: [Int] = []
    var times: [Double] = []
    classes.reserveCapacity(samples)
    times.reserveCapacity(samples)
    var generator = SystemRandomNumberGenerator()
    for _ in 0..<(samples / 10) {  // warm-up
        operation(prepare(Int.random(in: 0...1, using: &generator)))
    }
    for _ in 0..<samples {
        let secretClass = Int.random(in: 0...1, using: &generator)
        let input = prepare(secretClass)
        let start = nanoseconds()
        operation(input)
        let end = nanoseconds()
        classes.append(secretClass)
        times.append(Double(end &- start))
    }
    let sorted = times.sorted()
    var worst = 0.0
    var line = "\(name.padding(toLength: 44, withPad: " ", startingAt: 0)) n=\(samples)"
    for percentile in [0.5, 0.75, 0.9, 0.99, 1.0] {
        let threshold = sorted[min(sorted.count - 1, Int(Double(sorted.count) * percentile))]
        var moments = [RunningMoments(), RunningMoments()]
        for index in 0..<times.count where times[index] <= threshold {
            moments[classes[index]].add(times[index])
        }
        let t = welchT(moments[0], moments[1])
        worst = max(worst, abs(t))
        line += String(format: "  t@%3.0f%%=%6.2f", percentile * 100, t)
    }
    var all = [RunningMoments(), RunningMoments()]
    for index in 0..<times.count where times[index] <= sorted[sorted.count / 2] {
        all[classes[index]].add(times[index])
    }
    line += String(
        format: "  max|t|=%5.2f %@ (median-crop means %.1f vs %.1f ns)",
        worst,
        worst > 4.5 ? "LEAK?" : "ok",
        all[0].mean,
        all[1].mean
    )
    print(line)
    return worst
}

@main
enum TimingLeaks {
    static func main() throws {
        let samples = CommandLine.arguments.dropFirst().first.flatMap(Int.init) ?? 100_000
        var generator = SystemRandomNumberGenerator()
        func randomBytes(_ count: Int) -> [UInt8] {
            (0..<count).map { _ in UInt8.random(in: 0...255, using: &generator) }
        }
        var worst = 0.0

        // SM2 signing, secret = the nonce k: k = 1 (42 of 43 comb windows zero) against random k.
        let key = SM2PrivateKey()
        let digest = randomBytes(32)
        let one = [UInt8](repeating: 0, count: 31) + [1]
        worst = max(
            worst,
            dudect(
                "SM2 sign: nonce k = 1 vs random k",
                samples: samples,
                prepare: { c in
                    // The same work in both classes — a fresh array, and the random draw, whose getrandom system
                    // calls disturb caches and predictors — so that only the secret differs.
                    let (fixed, random) = (one.map { $0 }, randomBytes(32))
                    return c == 0 ? fixed : random
                },
                operation: { nonce in blackHole(ConstantTimeProbes.sign(key, digest: digest, nonce: nonce)) }
            )
        )

        // SM2 signing, secret = the key d: d = 2 against random keys (fresh nonces in both classes). Both keys
        // are made afresh for every sample, in both classes, so neither the work before the timed region nor
        // the keys' places in memory differ by class (two fixed sets of keys once did: a 0.01% difference).
        let two = [UInt8](repeating: 0, count: 31) + [2]
        worst = max(
            worst,
            dudect(
                "SM2 sign: key d = 2 vs random d",
                samples: samples,
                prepare: { c -> SM2PrivateKey? in
                    let keys = (try? SM2PrivateKey(rawRepresentation: two), SM2PrivateKey())
                    return c == 0 ? keys.0 : keys.1
                },
                operation: { signer in blackHole(try? signer?.signature(forDigest: digest)) }
            )
        )

        let smallKeys = try (0..<64).map { _ in try SM2PrivateKey(rawRepresentation: two) }
        let randomKeys = (0..<64).map { _ in SM2PrivateKey() }

        // SM2 decryption, secret = d: the variable-base k·P multiplication.
        let message = randomBytes(32)
        let smallPairs = try smallKeys.map { ($0, try $0.publicKey.encrypt(message)) }
        let randomPairs = try randomKeys.map { ($0, try $0.publicKey.encrypt(message)) }
        worst = max(
            worst,
            dudect(
                "SM2 decrypt: key d = 2 vs random d",
                samples: samples / 2,
                prepare: { c in c == 0 ? smallPairs[Int.random(in: 0..<64)] : randomPairs[Int.random(in: 0..<64)] },
                operation: { pair in blackHole(try? pair.0.decrypt(pair.1)) }
            )
        )

        TimingLeaksSM4.run(samples: samples * 2, worst: &worst)
        print(String(format: "\nlargest |t| = %.2f (threshold 4.5)", worst))
    }
}
