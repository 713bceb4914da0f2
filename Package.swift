// swift-tools-version:6.1
import PackageDescription

let strict: [SwiftSetting] = [.swiftLanguageMode(.v6)]

let package = Package(
    name: "convd",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "convd", targets: ["convd"]),
        .executable(name: "convctl", targets: ["convctl"]),
        .library(name: "ConvdClient", targets: ["ConvdClient"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-protobuf", from: "1.39.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/swiftcsv/SwiftCSV", from: "0.10.0"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
    ],
    targets: [
        .target(
            name: "ConvdProto",
            dependencies: [.product(name: "SwiftProtobuf", package: "swift-protobuf")],
            swiftSettings: strict
        ),
        .target(name: "ConvdCore", swiftSettings: strict),
        // One C call Swift cannot make (sqlite3_config is variadic), for ConvdStore.
        .target(name: "CConvdSQLite", linkerSettings: [.linkedLibrary("sqlite3")]),
        .target(
            name: "ConvdStore",
            dependencies: [
                "CConvdSQLite",
                "ConvdCore",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: strict
        ),
        .target(
            name: "ConvdWire",
            dependencies: [
                "ConvdProto", "ConvdCore",
                .product(name: "SwiftCSV", package: "SwiftCSV"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "SwiftProtobuf", package: "swift-protobuf"),
            ],
            swiftSettings: strict
        ),
        .target(
            name: "ConvdServer",
            dependencies: [
                "ConvdCore", "ConvdStore", "ConvdWire", "ConvdProto",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "SwiftProtobuf", package: "swift-protobuf"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "CoreMetrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ],
            swiftSettings: strict
        ),
        .target(
            name: "ConvdHTTP",
            dependencies: [
                "ConvdServer", "ConvdWire", "ConvdProto", "ConvdCore",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "SwiftProtobuf", package: "swift-protobuf"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: strict
        ),
        .target(
            name: "ConvdClient",
            dependencies: [
                "ConvdWire", "ConvdProto",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "SwiftProtobuf", package: "swift-protobuf"),
            ],
            swiftSettings: strict
        ),
        .executableTarget(
            name: "convd",
            dependencies: [
                "ConvdServer", "ConvdHTTP", "ConvdStore", "ConvdWire", "ConvdCore",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Yams", package: "Yams"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: strict
        ),
        .executableTarget(
            name: "convctl",
            dependencies: [
                "ConvdClient", "ConvdProto", "ConvdWire", "ConvdCore",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "SwiftProtobuf", package: "swift-protobuf"),
                .product(name: "Yams", package: "Yams"),
            ],
            swiftSettings: strict
        ),
        .executableTarget(
            name: "convd-bench",
            dependencies: [
                "ConvdClient", "ConvdProto", "ConvdStore", "ConvdCore", "ConvdTestSupport", "ConvdWire", "ConvdHTTP",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            path: "bench/ConvdBench",
            swiftSettings: strict
        ),
        .target(
            name: "ConvdTestSupport",
            dependencies: [
                "ConvdServer", "ConvdStore", "ConvdClient", "ConvdCore",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            path: "Tests/ConvdTestSupport",
            swiftSettings: strict
        ),
        .target(
            name: "ConvdFuzzSupport",
            dependencies: [
                "ConvdServer", "ConvdStore", "ConvdCore", "ConvdWire", "ConvdProto",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "SwiftProtobuf", package: "swift-protobuf"),
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "fuzz/Sources/ConvdFuzzSupport",
            swiftSettings: strict
        ),
    ] + ["frame", "callpath", "rules", "structured"].map { name in
        // libFuzzer targets (scripts/fuzz builds them with -sanitize=fuzzer,address -DCONVD_FUZZ);
        // a plain build makes them replayers of input files.
        .executableTarget(name: "fuzz-\(name)", dependencies: ["ConvdFuzzSupport"], path: "fuzz/Targets/fuzz-\(name)",
                          swiftSettings: strict)
    } + [
        .testTarget(name: "FuzzRegressionTests", dependencies: ["ConvdFuzzSupport"], swiftSettings: strict),
        .testTarget(name: "ConvdCoreTests", dependencies: ["ConvdCore"], swiftSettings: strict),
        .testTarget(
            name: "ConvdStoreTests",
            dependencies: ["ConvdStore", "ConvdCore", "ConvdTestSupport", .product(name: "GRDB", package: "GRDB.swift"),
                           .product(name: "Logging", package: "swift-log"), .product(name: "ServiceLifecycle", package: "swift-service-lifecycle")],
            swiftSettings: strict
        ),
        .testTarget(
            name: "ConvdWireTests",
            dependencies: [
                "ConvdWire", "ConvdProto", .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOEmbedded", package: "swift-nio"), .product(name: "NIOTestUtils", package: "swift-nio"),
            ],
            swiftSettings: strict
        ),
        .testTarget(
            name: "ConvdServerTests",
            dependencies: [
                "ConvdServer", "ConvdTestSupport", "ConvdClient", "ConvdProto", "ConvdWire", "ConvdStore", "ConvdCore",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "SwiftProtobuf", package: "swift-protobuf"),
            ],
            swiftSettings: strict
        ),
        .testTarget(
            name: "IntegrationTests",
            dependencies: ["ConvdClient", "ConvdProto", "ConvdWire", "ConvdTestSupport", .product(name: "GRDB", package: "GRDB.swift")],
            swiftSettings: strict
        ),
    ]
)
