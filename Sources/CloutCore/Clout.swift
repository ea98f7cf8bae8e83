/// CloutCore: the model values every module shares, the CSR interaction graph and the
/// scoring algorithms. Pure computation: arrays in, arrays out; no I/O.
public enum CloutCore {
  public static let version = "0.1.0"
}
