// swift-tools-version:6.1
import PackageDescription

// libFuzzer targets for every parser of untrusted bytes. Build and run with scripts/fuzz.sh, which passes
// `-sanitize=fuzzer,address` so that the libraries under test are instrumented too.
let package = Package(
    name: "SealbridgeFuzz",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(name: "Sealbridge", path: "../")
    ],
    targets: [
        .target(name: "FuzzSupport"),
        .executableTarget(
            name: "FuzzKeys",
            dependencies: [
                "FuzzSupport",
                .product(name: "SealbridgeSM", package: "Sealbridge"),
                .product(name: "SealbridgeCrypto", package: "Sealbridge"),
            ]
        ),
        .executableTarget(
            name: "FuzzSM2Signature",
            dependencies: [
                "FuzzSupport",
                .product(name: "SealbridgeSM", package: "Sealbridge"),
                .product(name: "SealbridgeCrypto", package: "Sealbridge"),
            ]
        ),
        .executableTarget(
            name: "FuzzX509",
            dependencies: [
                "FuzzSupport", .product(name: "SealbridgeX509", package: "Sealbridge"),
                .product(name: "SealbridgeCrypto", package: "Sealbridge"),
            ]
        ),
        .executableTarget(
            name: "FuzzPathBuilding",
            dependencies: ["FuzzSupport", .product(name: "SealbridgeX509", package: "Sealbridge")]
        ),
        .executableTarget(
            name: "FuzzSM2Ciphertext",
            dependencies: ["FuzzSupport", .product(name: "SealbridgeSM", package: "Sealbridge")]
        ),
        .executableTarget(
            name: "FuzzCMS",
            dependencies: ["FuzzSupport", .product(name: "SealbridgeCMS", package: "Sealbridge")]
        ),
        .executableTarget(
            name: "FuzzTimeStamp",
            dependencies: ["FuzzSupport", .product(name: "SealbridgeCMS", package: "Sealbridge")]
        ),
        .executableTarget(
            name: "FuzzTrustList",
            dependencies: ["FuzzSupport", .product(name: "SealbridgeTrust", package: "Sealbridge")]
        ),
        .executableTarget(
            name: "FuzzOFD",
            dependencies: [
                "FuzzSupport", .product(name: "SealbridgeOFD", package: "Sealbridge"),
                .product(name: "SealbridgeValidation", package: "Sealbridge"),
            ]
        ),
        .executableTarget(
            name: "FuzzSES",
            dependencies: [
                "FuzzSupport", .product(name: "SealbridgeOFD", package: "Sealbridge"),
                .product(name: "SealbridgeCMS", package: "Sealbridge"),
            ]
        ),
        .executableTarget(
            name: "FuzzSealImage",
            dependencies: ["FuzzSupport", .product(name: "SealbridgeOFD", package: "Sealbridge")]
        ),
        .executableTarget(
            name: "FuzzJWS",
            dependencies: ["FuzzSupport", .product(name: "SealbridgeValidation", package: "Sealbridge")]
        ),
        .executableTarget(
            name: "FuzzXMLSignature",
            dependencies: ["FuzzSupport", .product(name: "SealbridgeValidation", package: "Sealbridge")]
        ),
        .executableTarget(
            name: "FuzzValidation",
            dependencies: ["FuzzSupport", .product(name: "SealbridgeValidation", package: "Sealbridge")]
        ),
        .executableTarget(
            name: "FuzzInputKind",
            dependencies: ["FuzzSupport", .product(name: "SealbridgeValidation", package: "Sealbridge")]
        ),
        .executableTarget(
            name: "FuzzService",
            dependencies: ["FuzzSupport", .product(name: "SealbridgeFormData", package: "Sealbridge")]
        ),
    ]
)
