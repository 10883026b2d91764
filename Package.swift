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
        .library(name: "SealbridgeTrust", targets: ["SealbridgeTrust"]),
        .library(name: "SealbridgeValidation", targets: ["SealbridgeValidation"]),
        .executable(name: "sealbridge", targets: ["sealbridge"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-asn1.git", from: "1.7.4"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "4.5.2"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/attaswift/BigInt.git", from: "6.0.1"),
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/LebJe/TOMLKit.git", from: "0.6.0"),
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
        .target(
            name: "SealbridgeTrust",
            dependencies: [
                "CLibXML2",
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
            name: "SealbridgeConformance",
            dependencies: ["SealbridgeX509", "SealbridgeCrypto", .product(name: "SwiftASN1", package: "swift-asn1")],
            swiftSettings: settings
        ),
        .executableTarget(
            name: "sealbridge",
            dependencies: [
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
            swiftSettings: settings
        ),
        .target(
            name: "SealbridgeTestVectors",
            path: "Tests/Vectors",
            exclude: ["README.md"],
            resources: [
                .copy("sm"), .copy("wycheproof"), .copy("pkits"), .copy("limbo"), .copy("cms"), .copy("fuzz-crashers"),
                .copy("trustlists"),
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
                "SealbridgeX509", "SealbridgeCrypto", "SealbridgeConformance", "SealbridgeTestVectors",
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
                "SealbridgeCrypto", "SealbridgeTestVectors",
                .product(name: "SwiftASN1", package: "swift-asn1"),
            ],
            swiftSettings: settings
        ),
        .testTarget(
            name: "SealbridgeCryptoTests",
            dependencies: ["SealbridgeCrypto", "SealbridgeSM", "SealbridgeTestVectors"],
            swiftSettings: settings
        ),
    ]
)
