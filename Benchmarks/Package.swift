// swift-tools-version:6.1
import PackageDescription

// A separate package so the main build never fetches benchmark code (STYLE.md §11).
// Run: swift package --disable-sandbox benchmark
let package = Package(
    name: "SealbridgeBenchmarks",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(name: "Sealbridge", path: "../"),
        .package(url: "https://github.com/ordo-one/package-benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        .executableTarget(
            name: "SealbridgeBenchmarks",
            dependencies: [
                .product(name: "Benchmark", package: "package-benchmark"),
                .product(name: "SealbridgeSM", package: "Sealbridge"),
                .product(name: "SealbridgeCrypto", package: "Sealbridge"),
                .product(name: "SealbridgeX509", package: "Sealbridge"),
            ],
            path: "Benchmarks/SealbridgeBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "package-benchmark")]
        ),
        .executableTarget(
            name: "ChainBench",
            dependencies: [.product(name: "SealbridgeX509", package: "Sealbridge")],
            path: "Sources/ChainBench"
        ),
        .executableTarget(
            name: "TSABench",
            dependencies: [
                .product(name: "SealbridgeCMS", package: "Sealbridge"),
                .product(name: "SealbridgeCrypto", package: "Sealbridge"),
                .product(name: "SealbridgeX509", package: "Sealbridge"),
            ],
            path: "Sources/TSABench"
        ),
        // Valgrind's memcheck as a secret-flow checker (scripts/secret-flow); the headers come from Debian's
        // valgrind package and are optional at build time.
        .target(name: "CMemcheck", path: "Sources/CMemcheck"),
        .executableTarget(
            name: "SecretFlow",
            dependencies: ["CMemcheck", .product(name: "SealbridgeSM", package: "Sealbridge")],
            path: "Sources/SecretFlow"
        ),
        .executableTarget(
            name: "TimingLeaks",
            dependencies: [
                .product(name: "SealbridgeSM", package: "Sealbridge")
            ],
            path: "Sources/TimingLeaks"
        ),
    ]
)
