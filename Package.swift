// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Parcours",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "parcours", targets: ["parcours"]),
        .library(name: "ParcoursLog", targets: ["ParcoursLog"]),
        .library(name: "ParcoursSQLite", targets: ["ParcoursSQLite"]),
        .library(name: "ParcoursApp", targets: ["ParcoursApp"]),
        .library(name: "ParcoursPostgres", targets: ["ParcoursPostgres"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", exact: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", exact: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", exact: "2.1.1"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "4.5.2"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", exact: "0.9.20"),
        .package(url: "https://github.com/vapor/postgres-nio", exact: "1.33.2"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.90.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CSodium",
            pkgConfig: "libsodium",
            providers: [.apt(["libsodium-dev"])]
        ),
        .target(name: "ParcoursLog", dependencies: ["CSodium", .product(name: "Crypto", package: "swift-crypto")]),
        .target(name: "ParcoursLogTesting", dependencies: ["ParcoursLog"]),
        .target(name: "ParcoursClinical"),
        .target(name: "ParcoursFiles", dependencies: ["ParcoursLog"]),
        .target(name: "ParcoursAccess", dependencies: ["ParcoursClinical", "ParcoursLog"]),
        .target(name: "ParcoursProjections", dependencies: ["ParcoursClinical", "ParcoursAccess", "ParcoursLog", "ParcoursFiles"]),
        .target(
            name: "ParcoursApp",
            dependencies: ["ParcoursLog", "ParcoursFiles", "ParcoursClinical", "ParcoursAccess", "ParcoursProjections",
                           .product(name: "ZIPFoundation", package: "ZIPFoundation")]
        ),
        .target(
            name: "ParcoursSQLite",
            dependencies: ["ParcoursApp", "ParcoursProjections", "ParcoursLog", "ParcoursFiles", .product(name: "GRDB", package: "GRDB.swift"),
                           .product(name: "GRDBSQLite", package: "GRDB.swift")]
        ),
        .target(
            name: "ParcoursPostgres",
            dependencies: ["ParcoursApp", "ParcoursProjections", "ParcoursLog", "ParcoursFiles", .product(name: "PostgresNIO", package: "postgres-nio"),
                           .product(name: "NIOPosix", package: "swift-nio")]
        ),
        .target(
            name: "ParcoursAppTesting",
            dependencies: ["ParcoursApp", "ParcoursProjections", "ParcoursClinical", "ParcoursAccess", "ParcoursLog", "ParcoursLogTesting"]
        ),
        .target(
            name: "ParcoursServer",
            dependencies: [
                "ParcoursApp", "ParcoursProjections", "ParcoursAccess", "ParcoursClinical", "ParcoursLog", "ParcoursFiles",
                .product(name: "Hummingbird", package: "hummingbird"), .product(name: "HummingbirdTLS", package: "hummingbird"),
                .product(name: "Mustache", package: "swift-mustache"), .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        .executableTarget(
            name: "parcours",
            dependencies: [
                "ParcoursApp", "ParcoursSQLite", "ParcoursPostgres", "ParcoursServer", "ParcoursFiles", "ParcoursLog", "ParcoursClinical", "ParcoursAccess", "ParcoursProjections",
                .product(name: "ArgumentParser", package: "swift-argument-parser"), .product(name: "NIOPosix", package: "swift-nio"),
            ]
        ),
        .executableTarget(
            name: "parcours-bench",
            dependencies: ["ParcoursApp", "ParcoursLog", "ParcoursSQLite", "ParcoursClinical", "ParcoursAccess", "ParcoursProjections",
                           "CSodium", .product(name: "Crypto", package: "swift-crypto")],
            path: "Sources/ParcoursBench"
        ),
        .testTarget(name: "ParcoursLogTests", dependencies: ["ParcoursLog"], exclude: ["Fixtures"]),
        .testTarget(name: "ParcoursLogTestingTests", dependencies: ["ParcoursLogTesting", "ParcoursLog"]),
        .testTarget(name: "ParcoursSQLiteTests", dependencies: ["ParcoursSQLite", "ParcoursLog", "ParcoursLogTesting", "ParcoursApp", "ParcoursAppTesting", "ParcoursProjections"]),
        .testTarget(name: "ParcoursPostgresTests", dependencies: ["ParcoursPostgres", "ParcoursSQLite", "ParcoursLog", "ParcoursLogTesting", "ParcoursApp", "ParcoursAppTesting",
                                                         "ParcoursProjections", "ParcoursClinical", "ParcoursAccess", .product(name: "PostgresNIO", package: "postgres-nio")]),
        .testTarget(name: "ParcoursClinicalTests", dependencies: ["ParcoursClinical"], exclude: ["Fixtures"]),
        .testTarget(name: "ParcoursAccessTests", dependencies: ["ParcoursAccess", "ParcoursClinical", "ParcoursLog"]),
        .testTarget(name: "ParcoursProjectionsTests", dependencies: ["ParcoursProjections", "ParcoursSQLite", "ParcoursClinical", "ParcoursLog"]),
        .testTarget(name: "ParcoursAppTests", dependencies: ["ParcoursApp", "ParcoursSQLite", "ParcoursLog", "ParcoursClinical", "ParcoursAccess", "ParcoursProjections"]),
        .testTarget(
            name: "ParcoursServerTests",
            dependencies: ["ParcoursServer", "ParcoursApp", "ParcoursSQLite", "ParcoursProjections", "ParcoursClinical", "ParcoursLog", "ParcoursAccess",
                           .product(name: "HummingbirdTesting", package: "hummingbird"),
                           .product(name: "GRDB", package: "GRDB.swift"), .product(name: "ZIPFoundation", package: "ZIPFoundation")]
        ),
        .testTarget(name: "ParcoursCLITests", dependencies: ["parcours", "ParcoursSQLite", "ParcoursLog", "ParcoursClinical", "ParcoursApp", "ParcoursServer"]),
    ],
    swiftLanguageModes: [.v6]
)
