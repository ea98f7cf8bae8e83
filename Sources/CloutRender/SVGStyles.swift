public enum SVGStyles {
  public static func hoist(_ svg: String) -> String { svg }
}
