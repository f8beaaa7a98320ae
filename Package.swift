// swift-tools-version:6.0
import PackageDescription

// xm is a Xen dom0 tool: it links libxenlight and the other libraries of Debian's libxen-dev and
// calls Linux's POSIX interfaces directly, so it builds on Linux only. (SwiftPM has no Linux
// platform minimum to declare; `platforms:` only names Apple systems.)
#if !os(Linux)
    #error("xm builds on Linux only: it links Xen's toolstack libraries (Debian's libxen-dev)")
#endif

let package = Package(
    name: "xm",
    products: [
        .executable(name: "xm", targets: ["xm"]),
        .executable(name: "xm-bench", targets: ["xm-bench"]),
        .library(name: "ConfigParser", targets: ["ConfigParser"]),
        .library(name: "XenCore", targets: ["XenCore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.6.0"),
    ],
    targets: [
        .systemLibrary(name: "CXen", path: "Sources/CXen"),
        .systemLibrary(name: "CDecompress", path: "Sources/CDecompress"),
        .systemLibrary(name: "CSSL", path: "Sources/CSSL"),
        .target(name: "ConfigParser", path: "Sources/ConfigParser", exclude: ["README.md"]),
        .target(name: "FixtureCorpus", path: "Sources/FixtureCorpus", exclude: ["README.md"]),
        // xl's parsers as a reference for tests and the benchmark; the product never links it.
        .target(
            name: "XLUOracle", dependencies: ["CXen"], path: "Sources/XLUOracle", exclude: ["README.md"],
            linkerSettings: [.linkedLibrary("xlutil")]),
        .target(
            name: "XenCore",
            dependencies: [
                "ConfigParser", "CXen", "CDecompress",
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Sources/XenCore",
            exclude: ["README.md"]
        ),
        .target(
            name: "Relocation", dependencies: ["XenCore", "ConfigParser", "CSSL"], path: "Sources/Relocation",
            exclude: ["README.md"]),
        .executableTarget(
            name: "xm",
            dependencies: [
                "XenCore", "ConfigParser", "Relocation",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Sources/xm",
            exclude: ["README.md", "StaticLink"],
            // Every xm command is a new process, and a PV dom0 makes each page fault and relocation
            // costly, so the release binary is made cheap to start (see Sources/xm/README.md):
            // position-dependent (a PIE this size has ~40,000 relocations to apply at each start);
            // libstdc++, libgcc and Xen's libraries (libxen-dev's archives, through the linker
            // scripts in StaticLink/) linked in rather than loaded and bound each time; and no
            // symbols exported, which every library's symbol lookups would search first.
            linkerSettings: [
                .unsafeFlags(
                    [
                        "-Xclang-linker", "-no-pie", "-Xclang-linker", "-static-libgcc",
                        "-Xlinker", "--no-export-dynamic",
                        // libxenguest whole: its kernel loaders only register
                        // themselves (constructors), nothing would pull them in
                        "-Xlinker", "--whole-archive", "-Xlinker", "-l:libxenguest.a",
                        "-Xlinker", "--no-whole-archive", "-Xlinker", "-lxenlight",
                        "-L", "\(Context.packageDirectory)/Sources/xm/StaticLink",
                    ],
                    .when(platforms: [.linux], configuration: .release))
            ]
        ),
        .executableTarget(
            name: "xm-bench",
            dependencies: ["XenCore", "ConfigParser", "CXen", "XLUOracle", "FixtureCorpus"],
            path: "Sources/xm-bench",
            exclude: ["README.md"]
        ),
        .testTarget(
            name: "ConfigParserTests", dependencies: ["ConfigParser", "FixtureCorpus"], path: "Tests/ConfigParserTests"),
        .testTarget(
            name: "xmTests",
            dependencies: ["xm", "XenCore", .product(name: "ArgumentParser", package: "swift-argument-parser")],
            path: "Tests/xmTests"),
        .testTarget(
            name: "RelocationTests", dependencies: ["Relocation", "ConfigParser"], path: "Tests/RelocationTests"),
        .testTarget(
            name: "XenCoreTests",
            dependencies: ["XenCore", "ConfigParser", "CXen", "CDecompress", "XLUOracle", "FixtureCorpus"],
            path: "Tests/XenCoreTests"),
    ]
)
