/// Public profile addresses per platform, for the shortlist's `profile_url`. Unknown
/// platforms get none rather than a guess. Where the platform has an address by user id
/// (X/Twitter's numeric ids, Bluesky's DIDs) it is used: handles are reassigned, and an old
/// account's link must not open whoever holds its handle now.
public enum ProfileURL {
  public static func make(platform: String, handle: String?, userID: String?) -> String? {
    switch platform {
    case "twitter", "x":
      if let userID, !userID.isEmpty, userID.allSatisfy(\.isASCII), userID.allSatisfy(\.isNumber) {
        return "https://x.com/i/user/\(userID)"
      }
      return handle.map { "https://x.com/\($0)" }
    case "mastodon":
      // user@instance → https://instance/@user
      guard let handle, let at = handle.firstIndex(of: "@") else { return nil }
      let user = handle[..<at]
      let instance = handle[handle.index(after: at)...]
      guard !user.isEmpty, !instance.isEmpty else { return nil }
      return "https://\(instance)/@\(user)"
    case "bluesky":
      guard let name = userID.flatMap({ $0.hasPrefix("did:") ? $0 : nil }) ?? handle ?? userID
      else { return nil }
      return "https://bsky.app/profile/\(name)"
    case "reddit":
      return handle.map { "https://www.reddit.com/user/\($0)" }
    case "hackernews":
      return handle.map { "https://news.ycombinator.com/user?id=\($0)" }
    default:
      return nil
    }
  }
}
