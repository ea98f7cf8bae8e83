import CloutCore
import CloutTestSupport
import Dispatch
import Foundation

// Release-mode Leiden on the random heavy-tailed graph of clout-bench (same generator, same
// seed):  swift run -c release leiden-bench [nodes] [edges] [--dump file]
// `--dump` writes the undirected edges (u < v) as little-endian (UInt32 u, UInt32 v,
// Float32 w) records for leiden_compare.py, which runs leidenalg on the same graph.

func seconds(since start: UInt64) -> Double {
  Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}

var arguments = Array(CommandLine.arguments.dropFirst())
var dumpPath: String?
if let flag = arguments.firstIndex(of: "--dump") {
  dumpPath = arguments[flag + 1]
  arguments.removeSubrange(flag...flag + 1)
}
let nodeCount = arguments.count > 0 ? Int(arguments[0])! : 1_000_000
let edgeCount = arguments.count > 1 ? Int(arguments[1])! : 10_000_000

var rng = SeededGenerator(seed: 2026)
var actors = [UInt32](repeating: 0, count: edgeCount)
var targets = [UInt32](repeating: 0, count: edgeCount)
var weights = [Double](repeating: 0, count: edgeCount)
for i in 0..<edgeCount {
  actors[i] = UInt32.random(in: 0..<UInt32(nodeCount), using: &rng)
  // Skewed targets: a few hubs, a long tail, many nodes never targeted.
  let skew = Double.random(in: 0..<1, using: &rng)
  targets[i] = UInt32(Double(nodeCount) * skew * skew)
  weights[i] = Double.random(in: 0.1..<3, using: &rng)
}
print("random graph: \(nodeCount) nodes, \(edgeCount) edges")
let graph = GraphBuilder.build(
  actors: actors, targets: targets, weights: weights, nodeCount: nodeCount
).undirected()
actors = []
targets = []
weights = []
print("undirected: \(graph.edgeCount / 2) edges")

if let dumpPath {
  var data = Data()
  data.reserveCapacity(graph.edgeCount / 2 * 12)
  for u in 0..<graph.nodeCount {
    for i in graph.outOffsets[u]..<graph.outOffsets[u + 1] where Int(graph.outTargets[i]) > u {
      withUnsafeBytes(of: UInt32(u).littleEndian) { data.append(contentsOf: $0) }
      withUnsafeBytes(of: graph.outTargets[i].littleEndian) { data.append(contentsOf: $0) }
      withUnsafeBytes(of: graph.outWeights[i].bitPattern.littleEndian) {
        data.append(contentsOf: $0)
      }
    }
  }
  try data.write(to: URL(fileURLWithPath: dumpPath))
  print("wrote \(dumpPath)")
}

for maxIterations in [2, 10] {
  let leiden = try Leiden(graph: graph, maxIterations: maxIterations)
  let start = DispatchTime.now().uptimeNanoseconds
  let partition = leiden.run()
  print(
    "leiden (maxIterations \(maxIterations)): \(seconds(since: start)) s, "
      + "Q \(partition.modularity), \(partition.communityCount) communities, "
      + "\(partition.iterations) passes")
}
