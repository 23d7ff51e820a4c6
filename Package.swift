// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Parcours",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "parcours", targets: ["parcours"]),
        .library(name: "ParcoursLog", targets: ["ParcoursLog"]),
        .library(name: "ParcoursStore", targets: ["ParcoursStore"]),
        .library(name: "ParcoursApp", targets: ["ParcoursApp"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", exact: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
    ],
    targets: [
        .systemLibrary(
            name: "CSodium",
            pkgConfig: "libsodium",
            providers: [.apt(["libsodium-dev"])]
        ),
        .target(name: "ParcoursLog", dependencies: ["CSodium"]),
        .target(name: "ParcoursLogTesting", dependencies: ["ParcoursLog"]),
        .target(name: "ParcoursClinical"),
        .target(name: "ParcoursFiles", dependencies: ["ParcoursLog"]),
        .target(
            name: "ParcoursStore",
            dependencies: ["ParcoursLog", "ParcoursFiles", .product(name: "GRDB", package: "GRDB.swift")]
        ),
        .target(name: "ParcoursAccess", dependencies: ["ParcoursClinical", "ParcoursLog"]),
        .target(
            name: "ParcoursProjections",
            dependencies: ["ParcoursClinical", "ParcoursAccess", "ParcoursStore", "ParcoursLog", "ParcoursFiles", .product(name: "GRDB", package: "GRDB.swift")]
        ),
        .target(
            name: "ParcoursApp",
            dependencies: ["ParcoursLog", "ParcoursFiles", "ParcoursClinical", "ParcoursAccess", "ParcoursProjections", "ParcoursStore"]
        ),
        .executableTarget(
            name: "parcours",
            dependencies: [
                "ParcoursApp", "ParcoursFiles", "ParcoursLog", "ParcoursClinical", "ParcoursAccess", "ParcoursProjections",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(
            name: "parcours-bench",
            dependencies: ["ParcoursApp", "ParcoursLog", "ParcoursStore", "ParcoursClinical", "ParcoursAccess", "ParcoursProjections"],
            path: "Sources/ParcoursBench"
        ),
        .testTarget(name: "ParcoursLogTests", dependencies: ["ParcoursLog"], exclude: ["Fixtures"]),
        .testTarget(name: "ParcoursLogTestingTests", dependencies: ["ParcoursLogTesting", "ParcoursLog"]),
        .testTarget(name: "ParcoursStoreTests", dependencies: ["ParcoursStore", "ParcoursLog", "ParcoursLogTesting"]),
        .testTarget(name: "ParcoursClinicalTests", dependencies: ["ParcoursClinical"], exclude: ["Fixtures"]),
        .testTarget(name: "ParcoursAccessTests", dependencies: ["ParcoursAccess", "ParcoursClinical", "ParcoursLog"]),
        .testTarget(name: "ParcoursProjectionsTests", dependencies: ["ParcoursProjections", "ParcoursStore", "ParcoursClinical", "ParcoursLog"]),
        .testTarget(name: "ParcoursAppTests", dependencies: ["ParcoursApp", "ParcoursStore", "ParcoursLog", "ParcoursClinical", "ParcoursAccess", "ParcoursProjections"]),
        .testTarget(name: "ParcoursCLITests", dependencies: ["parcours", "ParcoursStore", "ParcoursLog", "ParcoursClinical"]),
    ],
    swiftLanguageModes: [.v6]
)
