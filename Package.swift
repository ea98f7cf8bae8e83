// swift-tools-version:6.1
import PackageDescription

let package = Package(
  name: "Clout",
  // Built and tested on Linux (Debian's libgvc 2.43, libsqlite3). macOS 15 is the oldest
  // with `Synchronization.Mutex`, which GraphvizRenderer uses; other Apple platforms are not
  // claimed.
  platforms: [.macOS(.v15)],
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
      name: "CZlib",
      pkgConfig: "zlib",
      providers: [.apt(["zlib1g-dev"])]
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
    .target(name: "CloutIngest", dependencies: ["CloutCore", "CSimdjson", "CZlib"]),
    // The SQLite store: schema, migrations, idempotent writes, the scans that feed the graph.
    .target(
      name: "CloutStore",
      dependencies: ["CloutCore", "CSQLite", .product(name: "GRDB", package: "GRDB.swift")]
    ),
    // Output: DOT text, Graphviz layout and rendering, CSV and JSON writers.
    .target(name: "CloutRender", dependencies: ["CloutCore", "CGraphviz"]),
    // What each command shows, computed from a ranking or the store's counts: explain, shortlist
    // rows and the identity merge, the map model, stats, communities and evaluation reports.
    // No process state: everything here is reachable from a unit test.
    .target(name: "CloutReports", dependencies: ["CloutCore", "CloutRender", "CloutStore"]),
    // `clout report`: one self-contained HTML page (inline CSS, JavaScript and the libgvc SVG
    // map) built from the CloutReports models; the script and stylesheet are real files in
    // Assets/, embedded in the binary.
    .target(
      name: "CloutHTML",
      dependencies: ["CloutCore", "CloutRender", "CloutReports", "CloutStore"],
      resources: [.embedInCode("Assets/report.js"), .embedInCode("Assets/report.css")]
    ),
    // The `clout` command line.
    .executableTarget(
      name: "clout",
      dependencies: [
        "CloutCore", "CloutIngest", "CloutStore", "CloutRender", "CloutReports", "CloutHTML",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]
    ),

    // The seeded generator every randomized test draws from.
    .target(name: "CloutTestSupport", path: "Tests/CloutTestSupport"),
    .testTarget(name: "CloutCoreTests", dependencies: ["CloutCore", "CloutTestSupport"]),
    .testTarget(name: "CloutIngestTests", dependencies: ["CloutIngest", "CloutTestSupport"]),
    .testTarget(
      name: "CloutStoreTests", dependencies: ["CloutStore", "CloutIngest", "CloutTestSupport"]),
    .testTarget(name: "CloutRenderTests", dependencies: ["CloutRender"]),
    .testTarget(name: "CloutReportsTests", dependencies: ["CloutReports"]),
    .testTarget(name: "CloutHTMLTests", dependencies: ["CloutHTML", "CloutStore", "CloutIngest"]),
    // Runs the built `clout` binary end to end.
    .testTarget(name: "CloutCLITests", dependencies: ["clout", "CloutStore", "CloutTestSupport"]),
  ],
  swiftLanguageModes: [.v6],
  cxxLanguageStandard: .cxx17
)
