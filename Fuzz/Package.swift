// swift-tools-version:6.1
// The fuzz targets, a package of their own: scripts/fuzz builds them with
// -sanitize=fuzzer,address in .build/fuzz, so the sanitizer flags never reach the
// main build and `swift build` at the top never builds these.
import Foundation
import PackageDescription

// A path dependency's identity is its folder's name (lowercased, less a `.git`),
// which is whatever the clone was called.
let root = URL(fileURLWithPath: Context.packageDirectory).deletingLastPathComponent()
let rootFolder = root.lastPathComponent.lowercased()
let rootIdentity = rootFolder.hasSuffix(".git") ? String(rootFolder.dropLast(4)) : rootFolder
let readers: Target.Dependency = .product(name: "NianbaoReaders", package: rootIdentity)

// libFuzzer supplies main(): the targets are compiled as libraries.
let noMain: [SwiftSetting] = [.unsafeFlags(["-parse-as-library"])]

let package = Package(
    name: "nianbao-fuzz",
    dependencies: [.package(path: root.path)],
    targets: [
        .target(name: "FuzzSupport", dependencies: [readers]),
        .executableTarget(name: "fuzz-text", dependencies: ["FuzzSupport", readers], swiftSettings: noMain),
        .executableTarget(name: "fuzz-docx", dependencies: ["FuzzSupport", readers], swiftSettings: noMain),
        .executableTarget(name: "fuzz-html", dependencies: ["FuzzSupport", readers], swiftSettings: noMain),
        .executableTarget(name: "fuzz-pdf", dependencies: ["FuzzSupport", readers], swiftSettings: noMain),
    ],
    swiftLanguageModes: [.v6]
)
