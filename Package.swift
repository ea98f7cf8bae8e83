// swift-tools-version:6.1
import PackageDescription

let package = Package(
  name: "Clout",
  platforms: [.macOS(.v13)],
  products: [
    .executable(name: "clout", targets: ["clout"])
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    .package(url: "https://github.com/apple/swift-collections", from: "1.6.0"),
    .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
  ],
  targets: [
    // System C libraries, each behind a `C`-prefixed module.
    .systemLibrary(
      name: "CSQLite",
      pkgConfig: "sqlite3",
      providers: [.apt(["libsqlite3-dev"])]
    ),
    .systemLibrary(
      name: "CGraphviz",
      pkgConfig: "libgvc",
      providers: [.apt(["libgraphviz-dev"])]
    ),

    // simdjson (Debian libsimdjson-dev) behind a small C API: JSON records parse at
    // hundreds of MB/s instead of Foundation's JSONSerialization's tens.
    .target(
      name: "CSimdjson",
      cxxSettings: [.define("SIMDJSON_THREADS_ENABLED", to: "1")],
      linkerSettings: [.linkedLibrary("simdjson")]
    ),

    // Pure computation: model values, the CSR graph and every scoring algorithm.
    .target(
      name: "CloutCore",
      dependencies: [.product(name: "Collections", package: "swift-collections")]
    ),
    // File formats in, `IngestRecord`s out. Knows nothing of SQLite.
    .target(name: "CloutIngest", dependencies: ["CloutCore", "CSimdjson"]),
    // The SQLite store: schema, migrations, idempotent writes, the scans that feed the graph.
    .target(
      name: "CloutStore",
      dependencies: ["CloutCore", "CSQLite", .product(name: "GRDB", package: "GRDB.swift")]
    ),
    // Output: DOT text, Graphviz layout and rendering, CSV and JSON writers.
    .target(name: "CloutRender", dependencies: ["CloutCore", "CGraphviz"]),
    // The `clout` command line.
    .executableTarget(
      name: "clout",
      dependencies: [
        "CloutCore", "CloutIngest", "CloutStore", "CloutRender",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]
    ),

    .testTarget(name: "CloutCoreTests", dependencies: ["CloutCore"]),
    .testTarget(name: "CloutIngestTests", dependencies: ["CloutIngest"]),
    .testTarget(name: "CloutStoreTests", dependencies: ["CloutStore", "CloutIngest"]),
    .testTarget(name: "CloutRenderTests", dependencies: ["CloutRender"]),
    // Runs the built `clout` binary end to end.
    .testTarget(name: "CloutCLITests", dependencies: ["clout", "CloutStore"]),
  ],
  swiftLanguageModes: [.v6],
  cxxLanguageStandard: .cxx17
)
