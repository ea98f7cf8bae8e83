/// CloutStore keeps posts, accounts, interactions and ingest runs in one SQLite file.
public enum StoreInfo {
  /// The default store path, relative to the working directory.
  public static let defaultPath = "clout.db"
}
