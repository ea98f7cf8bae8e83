extension Store {
  /// The default store path, relative to the working directory.
  public static let defaultPath = "clout.db"
}
