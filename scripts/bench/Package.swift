// swift-tools-version:6.1
// Release-mode benchmarks of the graph build, PageRank and Leiden on a random graph:
//   cd scripts/bench && swift run -c release clout-bench [nodes] [edges]
//   cd scripts/bench && swift run -c release leiden-bench [nodes] [edges] [--dump file]
// Compiles CloutCore's sources (through the symlink) with full optimization, on its own, so
// the main package needs no benchmark product.
import PackageDescription

let package = Package(
  name: "CloutBench",
  dependencies: [
    .package(url: "https://github.com/apple/swift-collections", from: "1.6.0")
  ],
  targets: [
    .target(
      name: "CloutCore",
      dependencies: [.product(name: "Collections", package: "swift-collections")]
    ),
    // The tests' seeded generator (through the symlink), so the benchmarks draw the same way.
    .target(name: "CloutTestSupport"),
    .executableTarget(name: "clout-bench", dependencies: ["CloutCore", "CloutTestSupport"]),
    // Leiden on the same random graph; `--dump` feeds leiden_compare.py (leidenalg).
    .executableTarget(name: "leiden-bench", dependencies: ["CloutCore", "CloutTestSupport"]),
  ],
  swiftLanguageModes: [.v6]
)
