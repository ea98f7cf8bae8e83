/// Non-negative ridge regression of a target on a few features, with a free intercept:
///
///     minimize Σ_i (y_i − b − Σ_p w_p x_ip)² + λ n Σ_p w_p²   subject to w_p ≥ 0
///
/// solved exactly by trying every subset of active features (2^p − 1 small normal-equation
/// solves; p is the number of score parts, 4) and keeping the feasible one with the lowest
/// objective. Non-negative because a part of the score with a negative weight would make
/// being engaged count against an account, which no one could explain.
public enum RidgeFit {
  /// The weights (one per feature column), or nil when every feasible fit is all zero.
  /// `columns[p][i]` is feature p of row i.
  public static func fit(columns: [[Double]], target: [Double], lambda: Double) -> [Double]? {
    let p = columns.count
    let n = target.count
    guard p > 0, n > 1 else { return nil }
    let meanY = target.reduce(0, +) / Double(n)
    let means = columns.map { $0.reduce(0, +) / Double(n) }
    // Centered cross products, once.
    var gram = [[Double]](repeating: [Double](repeating: 0, count: p), count: p)
    var cross = [Double](repeating: 0, count: p)
    var yy = 0.0
    for i in 0..<n {
      let dy = target[i] - meanY
      yy += dy * dy
      for a in 0..<p {
        let da = columns[a][i] - means[a]
        cross[a] += da * dy
        for b in a..<p { gram[a][b] += da * (columns[b][i] - means[b]) }
      }
    }
    for a in 0..<p { for b in 0..<a { gram[a][b] = gram[b][a] } }
    let penalty = lambda * Double(n)
    var best: (objective: Double, weights: [Double])?
    for mask in 1..<(1 << p) {
      let active = (0..<p).filter { mask & (1 << $0) != 0 }
      var matrix = active.map { a in active.map { b in gram[a][b] + (a == b ? penalty : 0) } }
      var rhs = active.map { cross[$0] }
      guard solve(&matrix, &rhs) else { continue }
      guard rhs.allSatisfy({ $0 >= 0 }) else { continue }
      var weights = [Double](repeating: 0, count: p)
      for (index, a) in active.enumerated() { weights[a] = rhs[index] }
      // Objective from the cross products: yy − 2 wᵀc + wᵀ(G + λnI)w.
      var objective = yy
      for a in 0..<p where weights[a] != 0 {
        objective -= 2 * weights[a] * cross[a]
        for b in 0..<p where weights[b] != 0 {
          objective += weights[a] * weights[b] * (gram[a][b] + (a == b ? penalty : 0))
        }
      }
      if best == nil || objective < best!.objective { best = (objective, weights) }
    }
    guard let best, best.weights.contains(where: { $0 > 0 }) else { return nil }
    return best.weights
  }

  /// Gaussian elimination with partial pivoting; the solution replaces `rhs`.
  static func solve(_ matrix: inout [[Double]], _ rhs: inout [Double]) -> Bool {
    let n = rhs.count
    for column in 0..<n {
      var pivot = column
      for row in column..<n where abs(matrix[row][column]) > abs(matrix[pivot][column]) {
        pivot = row
      }
      guard abs(matrix[pivot][column]) > 1e-300 else { return false }
      matrix.swapAt(column, pivot)
      rhs.swapAt(column, pivot)
      for row in (column + 1)..<max(column + 1, n) {
        let factor = matrix[row][column] / matrix[column][column]
        guard factor != 0 else { continue }
        for k in column..<n { matrix[row][k] -= factor * matrix[column][k] }
        rhs[row] -= factor * rhs[column]
      }
    }
    for row in stride(from: n - 1, through: 0, by: -1) {
      var value = rhs[row]
      for k in (row + 1)..<max(row + 1, n) { value -= matrix[row][k] * rhs[k] }
      rhs[row] = value / matrix[row][row]
    }
    return true
  }
}
