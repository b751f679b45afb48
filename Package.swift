// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "nianbao",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "nianbao", targets: ["nianbao"]),
        // The readers as a library for Fuzz/, a package of its own so that its sanitizer build
        // never touches this one (scripts/fuzz).
        .library(name: "NianbaoReaders", targets: ["NianbaoCore", "NianbaoDocuments"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
    ],
    targets: [
        // Pure core: bytes in, verdict out. No file system, clock, process or Glibc.
        .target(name: "NianbaoCore"),

        // Word (.docx) and HTML readers: bytes in, document text out. libxml2 parses, libdeflate
        // inflates; the ZIP container is read with every offset checked (ZipContainer:
        // ZIPFoundation traps on hostile ones).
        .systemLibrary(name: "CLibXML2", pkgConfig: "libxml-2.0", providers: [.apt(["libxml2-dev"])]),
        .systemLibrary(name: "CDeflate", pkgConfig: "libdeflate", providers: [.apt(["libdeflate-dev"])]),
        // PDF: poppler's C interface reads the text layer, one rectangle per character.
        .systemLibrary(name: "CPoppler", pkgConfig: "poppler-glib", providers: [.apt(["libpoppler-glib-dev"])]),
        .target(name: "NianbaoDocuments", dependencies: ["NianbaoCore", "CLibXML2", "CDeflate", "CPoppler"]),

        // Thin Linux edges, each named for what it touches.
        .systemLibrary(name: "CSystemd", pkgConfig: "libsystemd", providers: [.apt(["libsystemd-dev"])]),
        .target(name: "NianbaoSystemd", dependencies: ["CSystemd"]),
        .target(name: "NianbaoFiles", dependencies: [.product(name: "Crypto", package: "swift-crypto")]),
        .target(name: "NianbaoLedger", dependencies: [.product(name: "GRDB", package: "GRDB.swift")]),

        // The daemon wires core and edges together.
        .systemLibrary(name: "CMalloc"),
        .target(name: "NianbaoDaemon", dependencies: [
            "NianbaoCore", "NianbaoDocuments", "NianbaoSystemd", "NianbaoFiles", "NianbaoLedger", "CMalloc",
            .product(name: "TOMLKit", package: "TOMLKit"),
        ]),

        // libxlsxwriter, a maintained C library, writes `nianbao export --format xlsx`.
        .systemLibrary(name: "CXLSXWriter", pkgConfig: "xlsxwriter", providers: [.apt(["libxlsxwriter-dev"])]),
        .executableTarget(name: "nianbao", dependencies: [
            "NianbaoCore", "NianbaoDocuments", "NianbaoFiles", "NianbaoDaemon", "CXLSXWriter",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        .executableTarget(name: "nianbao-bench", dependencies: ["NianbaoCore", "NianbaoDocuments", "CLibXML2"]),

        // Generated reports (model, defects, text and document layouts) shared by the test targets.
        .target(name: "ReportGenerator", dependencies: ["NianbaoCore"], path: "Tests/ReportGenerator"),
        // Running a program from a test without holding a thread of the cooperative pool.
        .target(name: "TestTools", path: "Tests/TestTools"),
        .testTarget(name: "NianbaoCoreTests", dependencies: ["NianbaoCore", "ReportGenerator"]),
        .testTarget(name: "NianbaoDocumentsTests", dependencies: [
            "NianbaoDocuments", "NianbaoCore", "ReportGenerator", "TestTools", .product(name: "ZIPFoundation", package: "ZIPFoundation"),
        ]),
        .testTarget(name: "NianbaoSystemdTests", dependencies: ["NianbaoSystemd"]),
        .testTarget(name: "NianbaoFilesTests", dependencies: ["NianbaoFiles"]),
        .testTarget(name: "NianbaoLedgerTests", dependencies: ["NianbaoLedger"]),
        .testTarget(name: "NianbaoDaemonTests", dependencies: [
            "NianbaoDaemon", "NianbaoCore", "nianbao", "TestTools",
            .product(name: "GRDB", package: "GRDB.swift"), .product(name: "Crypto", package: "swift-crypto"),
        ]),
        .testTarget(name: "NianbaoCLITests", dependencies: ["NianbaoCore", "nianbao", "TestTools"]),
    ],
    swiftLanguageModes: [.v6]
)
