// swift-tools-version:6.1
import PackageDescription

// hummingbird 2.28.1's upcoming features (STYLE.md §12).
let settings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
    name: "Sealbridge",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "SealbridgeSM", targets: ["SealbridgeSM"]),
        .library(name: "SealbridgeCrypto", targets: ["SealbridgeCrypto"]),
        .library(name: "SealbridgeX509", targets: ["SealbridgeX509"]),
        .library(name: "SealbridgeCMS", targets: ["SealbridgeCMS"]),
        .library(name: "SealbridgeTimeStampClient", targets: ["SealbridgeTimeStampClient"]),
        .library(name: "SealbridgeOFD", targets: ["SealbridgeOFD"]),
        .library(name: "SealbridgeXAdES", targets: ["SealbridgeXAdES"]),
        .library(name: "SealbridgeJAdES", targets: ["SealbridgeJAdES"]),
        .library(name: "SealbridgeTrust", targets: ["SealbridgeTrust"]),
        .library(name: "SealbridgeValidation", targets: ["SealbridgeValidation"]),
        .library(name: "SealbridgeStore", targets: ["SealbridgeStore"]),
        .library(name: "SealbridgeService", targets: ["SealbridgeService"]),
        .library(name: "SealbridgeFormData", targets: ["SealbridgeFormData"]),
        .executable(name: "sealbridge", targets: ["sealbridge"]),
        .executable(name: "sealbridge-server", targets: ["sealbridge-server"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-asn1.git", from: "1.7.4"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "4.5.2"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/attaswift/BigInt.git", from: "6.0.1"),
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/LebJe/TOMLKit.git", from: "0.6.0"),
        // The service (issue 6). Hummingbird 2: the HTTP server; its swift-configuration trait is off because the
        // service reads plain TOML with TOMLKit, which the trust layer already uses.
        .package(
            url: "https://github.com/hummingbird-project/hummingbird.git",
            from: "2.28.1",
            traits: ["FullFoundation"]
        ),
        // GRDB: the embedded SQLite evidence store (WAL, migrations). postgres-nio: the store for several nodes.
        .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.10.0"),
        .package(url: "https://github.com/vapor/postgres-nio.git", from: "1.33.2"),
        // Prometheus text for /metrics; swift-log and service-lifecycle come with Hummingbird.
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        // TLS for `serve --tls-cert/--tls-key` (already in the graph through async-http-client and Hummingbird).
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.37.6"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.8.0"),
    ],
    targets: [
        .target(
            name: "SealbridgeSM",
            dependencies: [.product(name: "SwiftASN1", package: "swift-asn1")],
            swiftSettings: settings
        ),
        .target(
            name: "SealbridgeCrypto",
            dependencies: [
                "SealbridgeSM",
                .product(name: "SwiftASN1", package: "swift-asn1"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
                .product(name: "BigInt", package: "BigInt"),
            ],
            swiftSettings: settings
        ),
        .target(
            name: "SealbridgeX509",
            dependencies: [
                "SealbridgeSM",
                "SealbridgeCrypto",
                .product(name: "SwiftASN1", package: "swift-asn1"),
            ],
            swiftSettings: settings
        ),
        .target(
            name: "SealbridgeCMS",
            dependencies: [
                "SealbridgeSM",
                "SealbridgeCrypto",
                "SealbridgeX509",
                .product(name: "SwiftASN1", package: "swift-asn1"),
            ],
            swiftSettings: settings
        ),
        .target(
            name: "SealbridgeTimeStampClient",
            dependencies: [
                "SealbridgeCMS",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            swiftSettings: settings
        ),
        // libxml2 parses and canonicalises trusted lists (W3C C14N 1.0/1.1/exclusive); Debian's libxml2-dev.
        .systemLibrary(
            name: "CLibXML2",
            path: "Sources/CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"]), .brew(["libxml2"])]
        ),
        // zlib inflates OFD packages' entries (and deflates the ones Sealbridge writes); Debian's zlib1g-dev, which
        // Swift on Linux already requires.
        .systemLibrary(
            name: "CZlib",
            path: "Sources/CZlib",
            pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"]), .brew(["zlib"])]
        ),
        // OFD documents (GB/T 33190) and electronic seals (GB/T 38540, GM/T 0031): the package, the signature
        // descriptions and the SES structures.
        .target(
            name: "SealbridgeOFD",
            dependencies: [
                "CZlib",
                "SealbridgeXML",
                "SealbridgeCrypto",
                "SealbridgeX509",
                "SealbridgeCMS",
                .product(name: "SwiftASN1", package: "swift-asn1"),
            ],
            swiftSettings: settings
        ),
        // The XML layer every XML format shares (trusted lists, OFD documents, later XAdES): libxml2 with the
        // hostile-input settings, C14N.
        .target(
            name: "SealbridgeXML",
            dependencies: ["CLibXML2"],
            swiftSettings: settings
        ),
        // XML signatures: XML-DSig 1.1 core validation (references, transforms, XPath Filter 2.0, manifests) and the
        // XAdES properties of EN 319 132-1; shared by the validator and the trusted-list reader.
        .target(
            name: "SealbridgeXAdES",
            dependencies: [
                "SealbridgeXML",
                "SealbridgeCrypto",
                "SealbridgeX509",
                "SealbridgeCMS",
            ],
            swiftSettings: settings
        ),
        // JAdES (ETSI TS 119 182-1): JWS in the compact and JSON serialisations, with Foundation's JSON reader behind
        // a duplicate-name check of the protected header.
        .target(
            name: "SealbridgeJAdES",
            dependencies: ["SealbridgeCrypto", "SealbridgeX509", "SealbridgeCMS"],
            swiftSettings: settings
        ),
        .target(
            name: "SealbridgeTrust",
            dependencies: [
                "CLibXML2",
                "SealbridgeXML",
                "SealbridgeXAdES",
                "SealbridgeCrypto",
                "SealbridgeX509",
                .product(name: "SwiftASN1", package: "swift-asn1"),
                .product(name: "TOMLKit", package: "TOMLKit"),
            ],
            swiftSettings: settings
        ),
        .target(
            name: "SealbridgeValidation",
            dependencies: [
                "SealbridgeOFD",
                "SealbridgeXML",
                "SealbridgeXAdES",
                "SealbridgeJAdES",
                "SealbridgeSM",
                "SealbridgeCrypto",
                "SealbridgeX509",
                "SealbridgeCMS",
                "SealbridgeTrust",
                .product(name: "SwiftASN1", package: "swift-asn1"),
            ],
            swiftSettings: settings
        ),
        .target(
            name: "SealbridgeDemo",
            dependencies: [
                "SealbridgeXML",
                "SealbridgeXAdES",
                "SealbridgeCrypto",
                "SealbridgeX509",
                "SealbridgeCMS",
                "SealbridgeTrust",
                "SealbridgeValidation",
                .product(name: "SwiftASN1", package: "swift-asn1"),
            ],
            swiftSettings: settings
        ),
        .target(
            name: "SealbridgeStore",
            dependencies: [
                "SealbridgeCrypto",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: settings
        ),
        // The service's parsers of request bytes (Content-Type values, multipart/form-data), apart from the
        // HTTP stack so that their fuzz target builds without NIO, Hummingbird and the stores.
        .target(name: "SealbridgeFormData", swiftSettings: settings),
        .target(
            name: "SealbridgeService",
            dependencies: [
                "SealbridgeCrypto",
                "SealbridgeX509",
                "SealbridgeCMS",
                "SealbridgeTrust",
                "SealbridgeValidation",
                "SealbridgeStore",
                "SealbridgeOFD",
                "SealbridgeXAdES",
                "SealbridgeFormData",
                .product(name: "SwiftASN1", package: "swift-asn1"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTLS", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "TOMLKit", package: "TOMLKit"),
            ],
            resources: [.copy("Public")],
            swiftSettings: settings
        ),
        .target(
            name: "SealbridgeConformance",
            dependencies: ["SealbridgeX509", "SealbridgeCrypto", .product(name: "SwiftASN1", package: "swift-asn1")],
            swiftSettings: settings
        ),
        .executableTarget(
            name: "sealbridge-server",
            dependencies: [
                "SealbridgeDemo",
                "SealbridgeService",
                "SealbridgeStore",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: settings
        ),
        .executableTarget(
            name: "sealbridge",
            dependencies: [
                "SealbridgeOFD",
                "SealbridgeXAdES",
                "SealbridgeSM",
                "SealbridgeCrypto",
                "SealbridgeX509",
                "SealbridgeCMS",
                "SealbridgeTimeStampClient",
                "SealbridgeTrust",
                "SealbridgeValidation",
                "SealbridgeDemo",
                "SealbridgeConformance",
                .product(name: "SwiftASN1", package: "swift-asn1"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: settings,
            // Swift links executables with --export-dynamic; nothing looks this program's symbols up at run time,
            // and the dynamic loader's dladdr at start-up scanned all 37,000 of them (about 5% of a `cms verify`).
            linkerSettings: [.unsafeFlags(["-Xlinker", "--no-export-dynamic"])]
        ),
        .target(
            name: "SealbridgeTestVectors",
            dependencies: ["SealbridgeCrypto"],
            path: "Tests/Vectors",
            // golden/: read from the source tree by DemoWorldTests (and rewritten there with SEALBRIDGE_UPDATE_GOLDEN).
            exclude: ["README.md", "golden"],
            resources: [
                .copy("sm"), .copy("wycheproof"), .copy("pkits"), .copy("limbo"), .copy("cms"), .copy("fuzz-crashers"),
                .copy("trustlists"), .copy("rsa"), .copy("ofd"), .copy("pictures"), .copy("formats"),
            ],
            swiftSettings: settings
        ),
        .testTarget(
            name: "SealbridgeSMTests",
            dependencies: ["SealbridgeSM", "SealbridgeTestVectors"],
            swiftSettings: settings
        ),
        .testTarget(
            name: "SealbridgeCLITests",
            dependencies: ["SealbridgeSM", "SealbridgeTestVectors"],
            swiftSettings: settings
        ),
        .testTarget(
            name: "SealbridgeX509Tests",
            dependencies: [
                "SealbridgeX509", "SealbridgeCrypto", "SealbridgeSM", "SealbridgeConformance", "SealbridgeTestVectors",
                .product(name: "SwiftASN1", package: "swift-asn1"),
            ],
            swiftSettings: settings
        ),
        .testTarget(
            name: "SealbridgeCMSTests",
            dependencies: [
                "SealbridgeCMS", "SealbridgeTimeStampClient", "SealbridgeX509", "SealbridgeCrypto", "SealbridgeSM",
                "SealbridgeTestVectors",
                .product(name: "SwiftASN1", package: "swift-asn1"),
            ],
            swiftSettings: settings
        ),
        .testTarget(
            name: "SealbridgeOFDTests",
            dependencies: [
                "SealbridgeOFD", "SealbridgeCMS", "SealbridgeX509", "SealbridgeCrypto", "SealbridgeTestVectors",
                .product(name: "SwiftASN1", package: "swift-asn1"),
            ],
            swiftSettings: settings
        ),
        .testTarget(
            name: "SealbridgeTrustTests",
            dependencies: [
                "SealbridgeTrust", "SealbridgeX509", "SealbridgeCrypto", "SealbridgeTestVectors",
                .product(name: "SwiftASN1", package: "swift-asn1"),
            ],
            swiftSettings: settings
        ),
        .testTarget(
            name: "SealbridgeValidationTests",
            dependencies: [
                "SealbridgeValidation", "SealbridgeDemo", "SealbridgeTrust", "SealbridgeCMS", "SealbridgeX509",
                "SealbridgeCrypto", "SealbridgeOFD", "SealbridgeXAdES", "SealbridgeJAdES", "SealbridgeXML",
                "SealbridgeTestVectors",
                .product(name: "SwiftASN1", package: "swift-asn1"),
            ],
            swiftSettings: settings
        ),
        .testTarget(
            name: "SealbridgeStoreTests",
            dependencies: ["SealbridgeStore", .product(name: "Logging", package: "swift-log")],
            swiftSettings: settings
        ),
        .testTarget(
            name: "SealbridgeServiceTests",
            dependencies: [
                "SealbridgeService", "SealbridgeStore", "SealbridgeDemo", "SealbridgeValidation", "SealbridgeCMS",
                "SealbridgeX509", "SealbridgeCrypto", "SealbridgeFormData", "SealbridgeTestVectors",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: settings
        ),
        .testTarget(
            name: "SealbridgeCryptoTests",
            dependencies: [
                "SealbridgeCrypto", "SealbridgeSM", "SealbridgeTestVectors",
                .product(name: "SwiftASN1", package: "swift-asn1"),
            ],
            swiftSettings: settings
        ),
    ]
)
