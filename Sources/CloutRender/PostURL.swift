/// Public addresses of posts, for `explain`'s conversations. Platforms without a stable
/// address built from what the store keeps get none rather than a guess.
public enum PostURL {
  /// `key` is the post's store key, `conversationKey` the key of its thread's first post
  /// (Reddit needs the submission for a comment), `authorHandle` its author's handle
  /// (Mastodon addresses are per instance).
  public static func make(
    platform: String, key: String, conversationKey: String?, authorHandle: String?
  ) -> String? {
    switch platform {
    case "twitter", "x":
      guard key.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
      return "https://x.com/i/status/\(key)"
    case "hackernews":
      return "https://news.ycombinator.com/item?id=\(key)"
    case "reddit":
      guard let conversationKey, conversationKey != key else {
        return "https://www.reddit.com/comments/\(key)"
      }
      return "https://www.reddit.com/comments/\(conversationKey)/_/\(key)"
    case "bluesky":
      // at://DID/app.bsky.feed.post/RKEY
      let prefix = "at://"
      guard key.hasPrefix(prefix) else { return nil }
      let parts = key.dropFirst(prefix.count).split(separator: "/")
      guard parts.count == 3, parts[1] == "app.bsky.feed.post" else { return nil }
      return "https://bsky.app/profile/\(parts[0])/post/\(parts[2])"
    case "mastodon":
      guard let authorHandle, let at = authorHandle.firstIndex(of: "@") else { return nil }
      let user = authorHandle[..<at]
      let instance = authorHandle[authorHandle.index(after: at)...]
      guard !user.isEmpty, !instance.isEmpty else { return nil }
      return "https://\(instance)/@\(user)/\(key)"
    default:
      return nil
    }
  }
}
