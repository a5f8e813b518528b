// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "roadmap",
    products: [
        .executable(name: "roadmap", targets: ["roadmap"]),
        .library(name: "RoadmapKit", targets: ["RoadmapKit"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
    ],
    targets: [
        // The only door to libgit2: imported by Sources/RoadmapKit/Git and nowhere else.
        .systemLibrary(
            name: "CLibgit2",
            pkgConfig: "libgit2",
            providers: [.apt(["libgit2-dev"]), .brew(["libgit2"])]
        ),
        // GitHub's Markdown parser (cmark-gfm with its table and tasklist extensions): imported by
        // Sources/RoadmapKit/Markdown and nowhere else.
        .systemLibrary(
            name: "CMarkGFM",
            pkgConfig: "libcmark-gfm",
            providers: [.apt(["libcmark-gfm-dev", "libcmark-gfm-extensions-dev"]), .brew(["cmark-gfm"])]
        ),
        // zlib, for the tests' PNG decoder only.
        .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        .target(
            name: "RoadmapKit",
            dependencies: [
                "CLibgit2",
                "CMarkGFM",
                .product(name: "Yams", package: "Yams"),
            ]
        ),
        .executableTarget(
            name: "roadmap",
            dependencies: [
                "RoadmapKit",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // libFuzzer targets (`make fuzz`); in ordinary builds they are replay tools for saved inputs.
        .executableTarget(name: "roadmap-fuzz-document", dependencies: ["RoadmapKit"], path: "Fuzz/Document"),
        .executableTarget(name: "roadmap-fuzz-grammar", dependencies: ["RoadmapKit"], path: "Fuzz/Grammar"),
        // What both test targets share (a seeded random generator), so neither keeps its own copy.
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        .testTarget(
            name: "RoadmapKitTests",
            dependencies: ["RoadmapKit", "CZlib", "TestSupport"],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(
            name: "RoadmapCLITests",
            // Depending on the executable makes `swift build --build-tests` build the binary these tests run.
            dependencies: ["RoadmapKit", "roadmap", "TestSupport"]
        ),
    ]
)
