// swift-tools-version:5.9
// CryptoTopCard Swift SDK: generated uniffi bindings (Sources/CryptoTopCard) over the Rust core,
// shipped as CryptoTopCardFFI.xcframework (build it on a Mac with ./build-xcframework.sh).
import PackageDescription

let package = Package(
    name: "CryptoTopCard",
    platforms: [.iOS(.v13), .macOS(.v10_15)],  // async/await
    products: [
        .library(name: "CryptoTopCard", targets: ["CryptoTopCard"]),
    ],
    targets: [
        .binaryTarget(name: "CryptoTopCardFFI", path: "CryptoTopCardFFI.xcframework"),
        .target(
            name: "CryptoTopCard",
            dependencies: ["CryptoTopCardFFI"],
            path: "Sources/CryptoTopCard"
        ),
    ]
)
