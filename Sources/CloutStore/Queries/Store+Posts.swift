import GRDB

/// A stored post as `explain` shows it.
public struct StoredPost: Sendable, Equatable {
  public var key: String
  public var createdAt: Int64
  public var text: String?
  /// The key of the thread's first post, when the platform names it.
  public var conversationKey: String?

  public init(key: String, createdAt: Int64, text: String?, conversationKey: String?) {
    self.key = key
    self.createdAt = createdAt
    self.text = text
    self.conversationKey = conversationKey
  }
}

extension Store {
  /// The posts with these row ids (as `EngagementData.postRowIDs` names them); ids not in the
  /// store are left out.
  public func posts(rowIDs: [Int64]) throws -> [Int64: StoredPost] {
    guard !rowIDs.isEmpty else { return [:] }
    do {
      return try pool.read { db in
        var posts: [Int64: StoredPost] = [:]
        let list = rowIDs.map(String.init).joined(separator: ",")
        let rows = try Row.fetchAll(
          db,
          sql: "SELECT id, post_key, created_at, text, conversation_key FROM posts"
            + " WHERE id IN (\(list))")
        for row in rows {
          posts[row[0]] = StoredPost(
            key: row[1], createdAt: row[2], text: row[3], conversationKey: row[4])
        }
        return posts
      }
    } catch {
      throw Self.mapError(error, path: path)
    }
  }
}
